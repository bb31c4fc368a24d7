"""The Wagtail site of each request, found through the cache rather than a query each time."""

from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from wagtail.models import Site

from amicc.core.page_cache import remember


class CachedSiteMiddleware:
    """Sets the request's site where Wagtail looks for it (`request._wagtail_site`).

    Placed after CommonMiddleware, so the host has passed ALLOWED_HOSTS and the cache
    holds one entry per allowed host and port. Saving a site retires the entries.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        site = remember(
            f"site-for:{hostname}:{port}", lambda: Site._find_for_request(request) or False
        )
        request._wagtail_site = site or None
        return self.get_response(request)
