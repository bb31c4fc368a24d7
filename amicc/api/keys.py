"""Creating, revoking and checking API keys."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from amicc.api.models import ApiKey, ApiKeyScope

KEY_PREFIX = "amicc"
# last_used_at is written at most this often per key, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=5)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_key_create(*, owner, name: str, scope: str, created_by=None) -> tuple[ApiKey, str]:
    """A new key for `owner`, and its full text, which is never stored and never shown again."""
    if scope not in ApiKeyScope.values:
        raise ValueError(f"Unknown scope {scope!r}")
    prefix = secrets.token_hex(4)
    while ApiKey.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        owner=owner,
        name=name,
        scope=scope,
        prefix=prefix,
        secret_hash=_hash(secret),
        created_by=created_by,
    )
    return key, f"{KEY_PREFIX}_{prefix}_{secret}"


def api_key_revoke(*, key: ApiKey) -> ApiKey:
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
    return key


def api_key_authenticate(raw: str | None) -> ApiKey | None:
    """The usable key that `raw` is, or None for anything else (malformed, unknown, revoked)."""
    if not raw or len(raw) > 200:
        return None
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX:
        return None
    _, prefix, secret = parts
    if not (prefix.isascii() and prefix.isalnum() and len(prefix) <= 12):
        return None
    key = ApiKey.objects.usable().select_related("owner").filter(prefix=prefix).first()
    if key is None or not hmac.compare_digest(key.secret_hash, _hash(secret)):
        return None
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key
