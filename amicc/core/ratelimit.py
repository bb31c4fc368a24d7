"""Rate limits for public form submissions: a fixed window counter per client address.

Counters live in the default cache: `cache.add` starts a window atomically and
`cache.incr` counts in it, so concurrent requests never lose a count on Redis. With the
local-memory cache each server process counts on its own, which only loosens the limit.

The client is `REMOTE_ADDR` alone. `X-Forwarded-For` and similar headers are written by
whoever sends the request, so trusting them would let a spammer pick a new address for
every submission. Behind a reverse proxy every visitor then shares the proxy's address
and the limit applies to all of them together; a deployment that needs per-visitor limits
there must have the proxy hand over the real address as `REMOTE_ADDR` (for example
through the PROXY protocol, which gunicorn reads with `--proxy-protocol`, or as the
shipped deploy/gunicorn.conf.py does: it sets REMOTE_ADDR from the `X-Real-IP` header that
nginx overwrites, for connections from nginx only), never by reading a header here.
"""

import functools
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

DEFAULT_LIMIT = 5
DEFAULT_WINDOW_SECONDS = 600


@dataclass(frozen=True)
class RateLimitResult:
    allowed: bool
    count: int
    retry_after: int

    @property
    def retry_minutes(self) -> int:
        return -(-self.retry_after // 60)


def over_limit_response(result: RateLimitResult, page: Callable[..., HttpResponse]) -> HttpResponse:
    """The 429 of a form over its limit: `page(status=429, retry_minutes=…)`, which keeps
    what was typed, with a Retry-After header."""
    response = page(status=429, retry_minutes=result.retry_minutes)
    response["Retry-After"] = str(result.retry_after)
    return response


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def rate_limit_count(
    *, request: HttpRequest, scope: str, limit: int, window: int, client: str | None = None
) -> RateLimitResult:
    """Count one attempt at `scope` from this client; allowed while within `limit` per window.

    `client` names who is counted when it is not the client address (an API key, say).
    """
    now = int(time.time())
    window_start = now - now % window
    client = hashlib.sha256((client or client_address(request)).encode()).hexdigest()[:32]
    key = f"amicc:ratelimit:{scope}:{client}:{window_start}"
    # The key outlives its window by a little so a late increment never recreates it.
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return RateLimitResult(
        allowed=count <= limit, count=count, retry_after=max(1, window_start + window - now)
    )


def _render_limited(request, template, *, status, retry_after, retry_minutes) -> HttpResponse:
    context = {"retry_after": retry_after, "retry_minutes": retry_minutes}
    return render(request, template, context, status=status)


def rate_limit_post(
    *,
    scope: str,
    template: str,
    limit: int = DEFAULT_LIMIT,
    window: int = DEFAULT_WINDOW_SECONDS,
) -> Callable:
    """Limit a view's POST requests; over the limit it answers 429 with `template`.

    The template gets `retry_after` (seconds) and `retry_minutes` in its context.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST":
                result = rate_limit_count(request=request, scope=scope, limit=limit, window=window)
                if not result.allowed:
                    page = functools.partial(
                        _render_limited, request, template, retry_after=result.retry_after
                    )
                    return over_limit_response(result, page)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
