"""Public pages of the coalition: the member directory, the alliances, and the ways to join.

Pages that only read are cached whole for anonymous visitors by the page cache. Pages
with a form are private: each carries its visitor's own CSRF token, so the page cache
must never share one (the browser may still keep it, so Back restores what was typed).
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from amicc.coalition.choices import Constituency
from amicc.coalition.forms import (
    OrganizationApplicationForm,
    SignupForm,
    StateInterestForm,
    ZipLookupForm,
)
from amicc.coalition.geography import USState
from amicc.coalition.geography_zip import state_for_zip, zip_normalize
from amicc.coalition.selectors import (
    DirectoryFilters,
    alliance_by_slug,
    alliance_for_public_page,
    alliance_initiatives_public,
    alliances_by_state,
    alliances_in_state,
    organization_for_public_page,
    organizations_for_directory,
    signup_retry_url,
)
from amicc.coalition.services.applications import application_submit
from amicc.coalition.services.signup import (
    alliance_signup_request,
    signup_confirm,
    state_interest_request,
)
from amicc.coalition.tilemap import tile_map_svg
from amicc.coalition.tokens import (
    SIGNUP_LINK_MAX_AGE,
    SignupLinkExpired,
    SignupLinkInvalid,
    signup_token_read,
)
from amicc.core.ratelimit import rate_limit_post

MEMBERS_PER_PAGE = 24
INITIATIVES_PER_PAGE = 20
# Each public form takes this many submissions per client address per window.
FORM_SUBMISSIONS_PER_WINDOW = 5
FORM_WINDOW_SECONDS = 600


def public_form_view(scope: str) -> Callable:
    """GET and POST only, private to the visitor, and POSTs rate limited per client address."""

    def decorator(view: Callable) -> Callable:
        limited = rate_limit_post(
            scope=scope,
            template="coalition/rate_limited.html",
            limit=FORM_SUBMISSIONS_PER_WINDOW,
            window=FORM_WINDOW_SECONDS,
        )(view)
        return cache_control(private=True)(require_http_methods(["GET", "POST"])(limited))

    return decorator


def _state_name(code: str) -> str:
    return USState(code).label if code in USState.values else ""


@require_GET
def member_list(request: HttpRequest) -> HttpResponse:
    filters = DirectoryFilters.from_query(request.GET)
    organizations = Paginator(
        organizations_for_directory(filters=filters), MEMBERS_PER_PAGE
    ).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "organizations": organizations,
        "constituencies": Constituency.choices,
        "states": USState.choices,
    }
    return render(request, "coalition/member_list.html", context)


@require_GET
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = organization_for_public_page(slug=slug)
    if organization is None:
        raise Http404("No such member organization.")
    return render(request, "coalition/organization_detail.html", {"organization": organization})


@require_GET
def alliance_list(request: HttpRequest) -> HttpResponse:
    groups = alliances_by_state()
    counts = {group.state: len(group.alliances) for group in groups}
    context = {"groups": groups, "tile_map_svg": tile_map_svg(counts)}
    return render(request, "coalition/alliance_list.html", context)


@require_GET
def alliance_detail(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_public_page(slug=slug)
    if alliance is None:
        raise Http404("No such alliance.")
    initiatives = Paginator(
        alliance_initiatives_public(alliance=alliance), INITIATIVES_PER_PAGE
    ).get_page(request.GET.get("page"))
    context = {"alliance": alliance, "initiatives": initiatives}
    return render(request, "coalition/alliance_detail.html", context)


@public_form_view("alliance-join")
def alliance_join(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_by_slug(slug=slug)
    if alliance is None:
        raise Http404("No such alliance.")
    sent = redirect("coalition:alliance-join-sent", slug=alliance.slug)
    if request.method == "POST":
        form = SignupForm(request.POST)
        if form.honeypot_tripped:
            return sent
        if form.is_valid():
            alliance_signup_request(alliance=alliance, **form.service_arguments())
            return sent
    else:
        form = SignupForm(initial={"zip_code": zip_normalize(request.GET.get("zip", "")) or ""})
    return render(request, "coalition/alliance_join.html", {"alliance": alliance, "form": form})


@require_GET
def alliance_join_sent(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_by_slug(slug=slug)
    if alliance is None:
        raise Http404("No such alliance.")
    context = {"alliance": alliance, "valid_days": SIGNUP_LINK_MAX_AGE.days}
    return render(request, "coalition/signup_sent.html", context)


NEAREST_TEMPLATE = "coalition/alliance_nearest.html"


@public_form_view("state-interest")
def alliance_nearest(request: HttpRequest) -> HttpResponse:
    """Find an alliance from a ZIP code (GET), or join the state's interest list (POST)."""
    if request.method == "POST":
        return _state_interest_submit(request)
    return _alliance_lookup(request)


def _alliance_lookup(request: HttpRequest) -> HttpResponse:
    lookup = ZipLookupForm(request.GET if "zip" in request.GET else None)
    context = {"lookup": lookup}
    if lookup.is_valid():
        zip_code, state = lookup.cleaned_data["zip"], lookup.state
        alliances = alliances_in_state(state=state)
        chosen = request.GET.get("alliance")
        if chosen and chosen in {alliance.slug for alliance in alliances}:
            url = reverse("coalition:alliance-join", kwargs={"slug": chosen})
            return redirect(f"{url}?{urlencode({'zip': zip_code})}")
        context.update(
            zip_code=zip_code,
            state_name=_state_name(state),
            alliances=alliances,
            choice_missing="alliance" in request.GET,
        )
        if not alliances:
            context["interest_form"] = StateInterestForm(initial={"zip_code": zip_code})
    return render(request, NEAREST_TEMPLATE, context)


def _state_interest_submit(request: HttpRequest) -> HttpResponse:
    form = StateInterestForm(request.POST)
    if form.honeypot_tripped:
        return redirect("coalition:interest-sent")
    if form.is_valid():
        state_interest_request(state=form.state, **form.service_arguments())
        return redirect("coalition:interest-sent")
    context = {
        "lookup": ZipLookupForm(),
        "interest_form": form,
        "state_name": _state_name(state_for_zip(request.POST.get("zip_code", "")) or ""),
    }
    return render(request, NEAREST_TEMPLATE, context)


@require_GET
def interest_sent(request: HttpRequest) -> HttpResponse:
    context = {"alliance": None, "valid_days": SIGNUP_LINK_MAX_AGE.days}
    return render(request, "coalition/signup_sent.html", context)


@never_cache
@require_GET
def signup_confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    """The link in a confirmation email; a broken or old link gets a 400 page, never a 500."""
    template = "coalition/signup_link_invalid.html"
    valid_days = SIGNUP_LINK_MAX_AGE.days
    try:
        confirmation = signup_confirm(claim=signup_token_read(token))
    except SignupLinkExpired as expired:
        retry_url = signup_retry_url(claim=expired.claim)
        context = {"expired": True, "retry_url": retry_url, "valid_days": valid_days}
        return render(request, template, context, status=400)
    except SignupLinkInvalid:
        retry_url = reverse("coalition:alliance-nearest")
        context = {"expired": False, "retry_url": retry_url, "valid_days": valid_days}
        return render(request, template, context, status=400)
    return render(request, "coalition/signup_confirmed.html", {"confirmation": confirmation})


@public_form_view("organization-application")
def organization_apply(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = OrganizationApplicationForm(request.POST)
        if form.honeypot_tripped:
            return redirect("coalition:join-thanks")
        if form.is_valid():
            application_submit(**form.service_arguments())
            return redirect("coalition:join-thanks")
    else:
        form = OrganizationApplicationForm()
    return render(request, "coalition/organization_apply.html", {"form": form})


@require_GET
def organization_apply_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "coalition/organization_apply_thanks.html")
