"""Rate limits: per client address on every request, and per key on requests with a key.

Built on `amicc.core.ratelimit`'s atomic fixed windows in the shared cache, keyed on
REMOTE_ADDR only (see that module for why forwarded headers are not trusted). Over a limit
the API answers 429 with `Retry-After` (ninja adds the header from `wait()`).
"""

import threading

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from amicc.core.ratelimit import rate_limit_count

WINDOW_SECONDS = 60


class _WindowThrottle(BaseThrottle):
    scope = ""

    def __init__(self) -> None:
        self._last = threading.local()  # one throttle object serves every thread

    def limit(self) -> int:
        raise NotImplementedError

    def client(self, request: HttpRequest) -> str | None:
        """Who is counted; None skips this limit. The address when empty."""
        raise NotImplementedError

    def allow_request(self, request: HttpRequest) -> bool:
        client = self.client(request)
        if client is None:
            return True
        result = rate_limit_count(
            request=request,
            scope=f"api:{self.scope}",
            limit=self.limit(),
            window=WINDOW_SECONDS,
            client=client or None,
        )
        self._last.retry_after = result.retry_after
        return result.allowed

    def wait(self) -> float:
        return float(getattr(self._last, "retry_after", WINDOW_SECONDS))


class AddressThrottle(_WindowThrottle):
    """Every request, keyed or not, counts against its client address."""

    scope = "address"

    def limit(self) -> int:
        return settings.AMICC_API_RATE_PER_ADDRESS

    def client(self, request: HttpRequest) -> str | None:
        return ""  # rate_limit_count counts the client address


class KeyThrottle(_WindowThrottle):
    """Requests made with a key also count against the key, wherever they come from."""

    scope = "key"

    def limit(self) -> int:
        return settings.AMICC_API_RATE_PER_KEY

    def client(self, request: HttpRequest) -> str | None:
        key = getattr(request, "auth", None)
        return None if key is None else f"api-key:{key.pk}"
