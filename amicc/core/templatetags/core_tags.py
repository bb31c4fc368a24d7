from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from amicc.core.page_cache import remember

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[dict]:
    """The top-level pages shown in menus, read once per site and content change."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []

    language = translation.get_language()

    def compute() -> list[dict]:
        root = site.root_page.localized
        children = root.get_children().live().in_menu().order_by("path")
        return [{"title": page.title, "url": page.get_url(request)} for page in children]

    return remember(f"main-menu:{site.pk}:{language}", compute)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """This page in each of the site's languages, for the language switcher.

    A content page links to its own translation when that is live; any other page to the
    same path in the other language (translate_url), which exists for every public view.
    """
    request = context.get("request")
    if request is None:
        return []
    current = translation.get_language()
    page = context.get("page")
    translations = {}
    if page is not None and getattr(page, "translation_key", None):
        # One query for every other language's live translation of this page.
        others = (
            Page.objects.live()
            .filter(translation_key=page.translation_key)
            .exclude(pk=page.pk)
            .select_related("locale")
        )
        translations = {other.locale.language_code: other for other in others}
    links = []
    for code, name in settings.LANGUAGES:
        if code == current:
            url = request.get_full_path()
        elif code in translations:
            url = translations[code].get_url(request)
        else:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    request = context.get("request")
    if request is None:
        return ""
    return request.build_absolute_uri(request.path)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced, for pagination links."""
    request = context["request"]
    params = request.GET.copy()
    for name, value in changes.items():
        if value in (None, ""):
            params.pop(name, None)
        else:
            params[name] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
