"""The public Funders page: cached whole for anonymous visitors by the page cache."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from amicc.funding.selectors import funders_for_public_page


@require_GET
def funder_list(request: HttpRequest) -> HttpResponse:
    return render(request, "funding/funder_list.html", {"groups": funders_for_public_page()})
