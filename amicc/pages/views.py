from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from amicc.pages.choices import PublicationKind
from amicc.pages.search import SearchForm, search_site
from amicc.pages.selectors import topics_all


@require_GET
@vary_on_headers("HX-Request")
def search(request: HttpRequest) -> HttpResponse:
    """Search results; htmx requests from the search form get only the results part."""
    form = SearchForm.from_query(request.GET)
    page = hits = None
    if form.query:
        page, hits = search_site(form, request.GET.get("page"))
    context = {
        "form": form,
        "results_page": page,
        "hits": hits,
        "kinds": PublicationKind.choices,
        "topics": topics_all(),
    }
    template = "pages/search_results.html" if request.htmx else "pages/search.html"
    return render(request, template, context)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml') or settings.SITE_URL}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
