import functools
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from wagtail import views as wagtail_views
from wagtail.documents.views import serve as wagtail_document_views

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


def _return_url_checked(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wagtail's password form of a private page or document collection, made safe.

    After the password it redirects with `redirect(return_url)`, which takes a value with
    neither "/" nor "." for the name of a view and fails (a 500) when no view has it. The
    form itself always sends a path, so anything else goes to the home page.
    """

    @functools.wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST":
            return_url = request.POST.get("return_url", "/")
            if not ("/" in return_url or "." in return_url):
                request.POST = request.POST.copy()
                request.POST["return_url"] = "/"
        return view(request, *args, **kwargs)

    return checked


page_password = _return_url_checked(wagtail_views.authenticate_with_password)
document_password = _return_url_checked(wagtail_document_views.authenticate_with_password)
