"""Signed links that cancel an RSVP, sent in its confirmation email.

The link names only the RSVP; the signature, with a salt of its own, is what makes it
unguessable. It does not expire: an RSVP may be cancelled up to the event's start.
"""

from django.core import signing

CANCEL_SALT = "amicc.events.rsvp-cancel"


class CancelLinkInvalid(Exception):
    """The link was altered, cut short, or is not one of ours."""


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=CANCEL_SALT)


def cancel_token_make(rsvp_id: int) -> str:
    return _signer().sign(str(rsvp_id))


def cancel_token_read(token: str) -> int:
    """The RSVP id in a cancel link; raises CancelLinkInvalid."""
    try:
        return int(_signer().unsign(token))
    except (signing.BadSignature, ValueError) as error:
        raise CancelLinkInvalid("This cancel link is not valid.") from error
