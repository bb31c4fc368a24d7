"""Signed links that confirm a sign-up (double opt-in), valid for a week.

A link names what it confirms (an alliance membership or a state interest), the person
it was sent to, and the optional emails they asked for; those wishes take effect only
when the owner of the address clicks, so nobody can subscribe someone else.
"""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.db import models

SIGNUP_SALT = "amicc.coalition.signup-confirmation"
SIGNUP_LINK_MAX_AGE = datetime.timedelta(days=7)


class SignupKind(models.TextChoices):
    MEMBERSHIP = "m", "Alliance membership"
    INTEREST = "i", "State interest"


class SignupLinkInvalid(Exception):
    """The link was altered, is not one of ours, or what it confirms is gone."""


class SignupLinkExpired(SignupLinkInvalid):
    """A genuine link older than SIGNUP_LINK_MAX_AGE; `claim` says what it was for."""

    def __init__(self, claim: "SignupClaim"):
        super().__init__("This confirmation link has expired.")
        self.claim = claim


@dataclass(frozen=True)
class SignupClaim:
    kind: SignupKind
    pk: int
    person_pk: int
    purposes: tuple[str, ...] = ()

    def as_payload(self) -> dict:
        return {"k": str(self.kind), "id": self.pk, "p": self.person_pk, "c": list(self.purposes)}

    @classmethod
    def from_payload(cls, payload: object) -> "SignupClaim":
        try:
            return cls(
                kind=SignupKind(payload["k"]),
                pk=int(payload["id"]),
                person_pk=int(payload["p"]),
                purposes=tuple(str(purpose) for purpose in payload["c"]),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise SignupLinkInvalid("The link does not say what it confirms.") from error


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SIGNUP_SALT)


def signup_token_make(claim: SignupClaim) -> str:
    return _signer().sign_object(claim.as_payload())


def signup_token_read(token: str) -> SignupClaim:
    """The claim in a link; raises SignupLinkExpired or SignupLinkInvalid."""
    signer = _signer()
    try:
        payload = signer.unsign_object(token, max_age=SIGNUP_LINK_MAX_AGE)
    except signing.SignatureExpired as expired:
        # The signature is ours, only old: say what it was for so a new link can be offered.
        claim = SignupClaim.from_payload(signer.unsign_object(token))
        raise SignupLinkExpired(claim) from expired
    except (signing.BadSignature, ValueError) as error:
        raise SignupLinkInvalid("The link is not valid.") from error
    return SignupClaim.from_payload(payload)
