"""Signed links in every email: leave a list or everything (one-click), and the preferences page.

A link carries the address it was sent to (and, to unsubscribe, the list); the signature,
with a salt of its own per kind of link, is what makes it unforgeable. The address is
base64-encoded only so it does not sit in plain text in server logs: it is not secret from
whoever holds the link. Unsubscribe links work for 400 days, preferences links for 90.

The URL functions run once per recipient while a newsletter is sent, so the signers and the
URL around the token are built once and kept until a setting changes.
"""

import datetime
import functools
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import reverse

UNSUBSCRIBE_SALT = "amicc.mailings.unsubscribe"
PREFERENCES_SALT = "amicc.mailings.preferences"
UNSUBSCRIBE_MAX_AGE = datetime.timedelta(days=400)
PREFERENCES_MAX_AGE = datetime.timedelta(days=90)
_URL_SLOT = "SLOT"
# Between the list id (empty for "everything") and the address, which cannot contain it.
_FIELD_SEPARATOR = "\n"


class LinkInvalid(Exception):
    """The link was altered, cut short, or is not one of ours."""


class LinkExpired(LinkInvalid):
    """A genuine link, only too old; `email` is the address it was sent to."""

    def __init__(self, email: str):
        super().__init__("This link has expired.")
        self.email = email


@dataclass(frozen=True)
class UnsubscribeClaim:
    email: str
    list_id: int | None  # None: leave everything


@functools.cache
def _signer(salt: str) -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=salt)


@functools.cache
def _url_parts(view: str) -> tuple[str, str]:
    """The absolute URL of `view` before and after its token."""
    url = settings.SITE_URL + reverse(view, kwargs={"token": _URL_SLOT})
    before, _, after = url.rpartition(_URL_SLOT)
    return before, after


@receiver(setting_changed)
def _settings_changed(**kwargs) -> None:
    if kwargs["setting"] in {"SECRET_KEY", "SECRET_KEY_FALLBACKS", "SITE_URL", "ROOT_URLCONF"}:
        _signer.cache_clear()
        _url_parts.cache_clear()


def _encode(text: str) -> str:
    return signing.b64_encode(text.encode()).decode()


def _decode(text: str) -> str:
    try:
        return signing.b64_decode(text.encode()).decode()
    except (ValueError, UnicodeError) as error:
        raise LinkInvalid("The link does not say what it is for.") from error


def _unsign(token: str, *, salt: str, max_age: datetime.timedelta) -> str:
    """The decoded value of a token; raises LinkExpired (with the address) or LinkInvalid."""
    signer = _signer(salt)
    try:
        return _decode(signer.unsign(token, max_age=max_age))
    except signing.SignatureExpired as expired:
        value = _decode(signer.unsign(token))
        raise LinkExpired(value.rpartition(_FIELD_SEPARATOR)[2]) from expired
    except signing.BadSignature as error:
        raise LinkInvalid("The link is not valid.") from error


def unsubscribe_token_make(*, email: str, list_id: int | None) -> str:
    value = f"{list_id or ''}{_FIELD_SEPARATOR}{email.strip().lower()}"
    return _signer(UNSUBSCRIBE_SALT).sign(_encode(value))


def unsubscribe_token_read(token: str) -> UnsubscribeClaim:
    """The address and list in an unsubscribe link; raises LinkExpired or LinkInvalid."""
    value = _unsign(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    list_id, separator, email = value.partition(_FIELD_SEPARATOR)
    if not separator or not email or not (list_id == "" or list_id.isdigit()):
        raise LinkInvalid("The link does not say what it is for.")
    return UnsubscribeClaim(email=email, list_id=int(list_id) if list_id else None)


def preferences_token_make(*, email: str) -> str:
    return _signer(PREFERENCES_SALT).sign(_encode(email.strip().lower()))


def preferences_token_read(token: str) -> str:
    """The address a preferences link was sent to; raises LinkExpired or LinkInvalid."""
    email = _unsign(token, salt=PREFERENCES_SALT, max_age=PREFERENCES_MAX_AGE)
    if not email or _FIELD_SEPARATOR in email:
        raise LinkInvalid("The link does not say what it is for.")
    return email


def unsubscribe_url(*, email: str, list_id: int | None) -> str:
    """The absolute one-click link; `list_id` None leaves everything."""
    before, after = _url_parts("mailings:unsubscribe")
    return before + unsubscribe_token_make(email=email, list_id=list_id) + after


def preferences_url(*, email: str) -> str:
    before, after = _url_parts("mailings:preferences")
    return before + preferences_token_make(email=email) + after
