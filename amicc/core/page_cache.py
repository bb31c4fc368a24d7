"""A whole-response cache for anonymous visitors.

Public pages are cached per host, path and query string. Every key carries a
generation number; publishing, unpublishing or moving a page (and changing site
settings, documents or redirects) bumps it, which retires every cached page at once.
Requests that carry a session or message cookie, and anything under the admin, always
reach the view, so signed-in people and editors never see a cached page.
"""

import hashlib
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

GENERATION_KEY = "amicc:page-cache:generation"
# The API counts every request against its rate limits, so none is answered from here.
BYPASS_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/", "/api/")
CACHE_HEADER = "X-Page-Cache"

T = TypeVar("T")


def invalidate_page_cache() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns() // 1000, timeout=None)


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Started from the clock, not from 1: after the cache is flushed no generation
        # number comes back, so what processes keep by generation is never reused.
        start = time.time_ns() // 1000
        cache.add(GENERATION_KEY, start, timeout=None)
        generation = cache.get(GENERATION_KEY, start)
    return generation


def cache_key_for(name: str) -> str:
    """A cache key that is retired, like the cached pages, whenever content changes."""
    return f"amicc:{_generation()}:{name}"


def remember(name: str, compute: Callable[[], T], timeout: int = 3600) -> T:
    """`compute()`, worked out once per content generation and kept in the cache."""
    return cache.get_or_set(cache_key_for(name), compute, timeout)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = settings.AMICC_PAGE_CACHE_SECONDS
        self.private_cookies = (settings.SESSION_COOKIE_NAME, "messages")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._request_is_cacheable(request):
            return self.get_response(request)
        key = self._key(request)
        response = cache.get(key)
        if response is not None:
            response[CACHE_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if self._response_is_cacheable(response):
            cache.set(key, response, self.timeout)
        response[CACHE_HEADER] = "miss"
        return response

    def _request_is_cacheable(self, request: HttpRequest) -> bool:
        return (
            self.timeout > 0
            and request.method == "GET"
            and not request.path.startswith(BYPASS_PREFIXES)
            and not any(name in request.COOKIES for name in self.private_cookies)
        )

    def _key(self, request: HttpRequest) -> str:
        # htmx asks for page fragments at the same URLs as the full pages.
        fragment = "fragment:" if request.headers.get("HX-Request") else ""
        raw = f"{fragment}{request.scheme}://{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
        return cache_key_for(f"page:{digest}")

    @staticmethod
    def _response_is_cacheable(response: HttpResponse) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            and "no-cache" not in cache_control
        )
