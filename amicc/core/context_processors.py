from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from amicc.core.models import SiteSettings
from amicc.core.page_cache import remember


def _load_site_settings(request: HttpRequest) -> SiteSettings:
    site = Site.find_for_request(request)
    if site is None:
        return SiteSettings()
    return remember(f"site-settings:{site.pk}", lambda: SiteSettings.for_site(site))


def site_settings(request: HttpRequest) -> dict:
    """The site's settings, read from the cache until content or settings change."""
    return {"site_settings": SimpleLazyObject(lambda: _load_site_settings(request))}
