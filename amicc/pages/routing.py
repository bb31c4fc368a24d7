"""Page routing that remembers where each URL leads until content changes.

Wagtail finds a page by walking the tree from the site root, two queries a level (the
child by slug, then its specific row). The walk's outcome is remembered here per content
generation as (content type, pk, url path, levels consumed), so a later request loads the
one specific page row and lets it route what remains of the path (a routable page's
sub-URL). The remembered page is re-read and its url path checked on every request, so a
stale entry can only fall back to the walk, never serve the wrong page.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Site
from wagtail.url_routing import RouteResult

from amicc.core.page_cache import cache_key_for

ROUTE_CACHE_SECONDS = 3600


def _route(request: HttpRequest, site: Site, components: list[str]) -> RouteResult:
    # Each language has its own page tree (root_page.localized), so its own routes.
    language = translation.get_language()
    path = hashlib.sha256("/".join(components).encode("utf-8", "surrogateescape")).hexdigest()
    key = cache_key_for(f"route:{site.root_page_id}:{language}:{path}")
    remembered = cache.get(key)
    if remembered is not None:
        content_type_id, pk, url_path, consumed = remembered
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=pk, url_path=url_path).first() if model else None
        if page is not None:
            return page.route(request, components[consumed:])
    root = site.root_page.localized.specific
    result = root.route(request, components)
    page = result[0]
    consumed = page.depth - root.depth
    cache.set(key, (page.content_type_id, page.pk, page.url_path, consumed), ROUTE_CACHE_SECONDS)
    return result


def route_for_request(request: HttpRequest, path: str) -> RouteResult | None:
    """The route of `path`, kept on the request where Wagtail's own lookup expects it."""
    if not hasattr(request, "_wagtail_route_for_request"):
        result = None
        site = Site.find_for_request(request)
        if site is not None:
            try:
                result = _route(request, site, [part for part in path.split("/") if part])
            except Http404:
                result = None
        request._wagtail_route_for_request = result
    return request._wagtail_route_for_request


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's page view, with the route found through the remembered lookup."""
    route_for_request(request, path)
    return wagtail_views.serve(request, path)
