from django.core.cache import cache
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from amicc.core.models import SiteSettings
from amicc.core.page_cache import cache_key_for


def _load_site_settings(request: HttpRequest) -> SiteSettings:
    site = Site.find_for_request(request)
    if site is None:
        return SiteSettings()
    key = cache_key_for(f"site-settings:{site.pk}")
    found = cache.get(key)
    if found is None:
        found = SiteSettings.for_site(site)
        cache.set(key, found, 3600)
    return found


def site_settings(request: HttpRequest) -> dict:
    """The site's settings, read from the cache until content or settings change."""
    return {"site_settings": SimpleLazyObject(lambda: _load_site_settings(request))}
