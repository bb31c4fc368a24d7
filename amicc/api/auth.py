"""How a request proves it holds an API key: `Authorization: Bearer <key>` or `X-API-Key`."""

from django.http import HttpRequest
from ninja.errors import HttpError, Throttled
from ninja.security import APIKeyHeader, HttpBearer

from amicc.api.keys import api_key_authenticate
from amicc.api.models import ApiKey
from amicc.api.throttling import AddressThrottle

_refusals = AddressThrottle()


def _authenticate(request: HttpRequest, raw: str | None) -> ApiKey | None:
    """The key, or None. django-ninja checks keys before its rate limits, so a refused
    request is counted against its address here (once), and answers 429 over the limit."""
    key = api_key_authenticate(raw)
    if key is None and not getattr(request, "_amicc_refusal_counted", False):
        request._amicc_refusal_counted = True
        if not _refusals.allow_request(request):
            raise Throttled(wait=_refusals.wait())
    return key


class BearerKey(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        return _authenticate(request, token)


class HeaderKey(APIKeyHeader):
    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> ApiKey | None:
        return _authenticate(request, key)


# Pass as `auth=KEY_AUTH` to an operation or router that needs a key.
KEY_AUTH = [BearerKey(), HeaderKey()]


def request_key(request: HttpRequest) -> ApiKey:
    """The key of an authenticated operation's request."""
    return request.auth


def key_owner(request: HttpRequest):
    """The user whose rights the request has: the key's owner."""
    return request.auth.owner


def require_write(request: HttpRequest) -> ApiKey:
    """Refuse a write with a read-only key (403)."""
    key = request.auth
    if not key.can_write:
        raise HttpError(403, "This API key is read-only; ask staff for a read-write key.")
    return key
