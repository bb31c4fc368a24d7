"""How a request proves it holds an API key: `Authorization: Bearer <key>` or `X-API-Key`."""

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyHeader, HttpBearer

from amicc.api.keys import api_key_authenticate
from amicc.api.models import ApiKey


class BearerKey(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        return api_key_authenticate(token)


class HeaderKey(APIKeyHeader):
    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> ApiKey | None:
        return api_key_authenticate(key)


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
