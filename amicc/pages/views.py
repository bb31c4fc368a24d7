from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from amicc.pages.choices import PublicationKind
from amicc.pages.search import SearchForm, search_site
from amicc.pages.selectors import topics_all


@require_GET
def search(request: HttpRequest) -> HttpResponse:
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
