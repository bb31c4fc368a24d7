from django import template
from wagtail.models import Site

from amicc.core.page_cache import remember

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[dict]:
    """The top-level pages shown in menus, read once per site and content change."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []

    def compute() -> list[dict]:
        children = site.root_page.get_children().live().in_menu().order_by("path")
        return [{"title": page.title, "url": page.get_url(request)} for page in children]

    return remember(f"main-menu:{site.pk}", compute)


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
