"""Signed links in every email: one-click unsubscribe (RFC 8058) and the preferences page.

Opening an unsubscribe link only asks for confirmation, because mail scanners open links;
the button, or the mail program's own one-click POST (`List-Unsubscribe=One-Click`, sent
without a CSRF token, hence `csrf_exempt`), does it. The signed token is what authorizes
both, so a forged cross-site POST achieves nothing without the link. These pages show an
address and its lists, so they are never cached and never indexed.
"""

import functools

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from amicc.core.ratelimit import over_limit_response, rate_limit_count
from amicc.mailings.forms import PreferencesForm, PreferencesRequestForm
from amicc.mailings.models import MailingList
from amicc.mailings.services.subscriptions import (
    SOURCE_LINK,
    SOURCE_ONE_CLICK,
    SOURCE_PREFERENCES,
    everything_leave,
    list_leave,
    preferences_for,
    preferences_link_send,
    preferences_save,
)
from amicc.mailings.tokens import (
    PREFERENCES_MAX_AGE,
    UNSUBSCRIBE_MAX_AGE,
    LinkExpired,
    LinkInvalid,
    preferences_token_read,
    preferences_url,
    unsubscribe_token_read,
)

LINK_PROBLEM_TEMPLATE = "mailings/preferences_link_problem.html"
REQUEST_TEMPLATE = "mailings/preferences_request.html"
REQUESTS_PER_WINDOW = 5
REQUEST_WINDOW_SECONDS = 600
DONE_STATES = {"saved", "left"}


def _link_problem(request: HttpRequest, error: LinkInvalid, *, valid_days: int) -> HttpResponse:
    """A tampered link answers 400; an expired one 410, offering a new link by email."""
    expired = isinstance(error, LinkExpired)
    context = {
        "expired": expired,
        "valid_days": valid_days,
        "form": PreferencesRequestForm(initial={"email": error.email} if expired else None),
    }
    return render(request, LINK_PROBLEM_TEMPLATE, context, status=410 if expired else 400)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        claim = unsubscribe_token_read(token)
    except LinkInvalid as error:
        return _link_problem(request, error, valid_days=UNSUBSCRIBE_MAX_AGE.days)
    mailing_list = None
    if claim.list_id is not None:
        mailing_list = MailingList.objects.filter(pk=claim.list_id).first()
    context = {
        "email": claim.email,
        "everything": claim.list_id is None,
        "mailing_list": mailing_list,
        "preferences_url": preferences_url(email=claim.email),
    }
    if claim.list_id is not None and mailing_list is None:
        # A deleted list sends nothing more: there is nothing to leave.
        return render(request, "mailings/unsubscribe.html", {**context, "state": "gone"})
    if request.method == "GET":
        return render(request, "mailings/unsubscribe.html", {**context, "state": "confirm"})
    one_click = request.POST.get("List-Unsubscribe") == "One-Click"
    source = SOURCE_ONE_CLICK if one_click else SOURCE_LINK
    if mailing_list is None:
        everything_leave(email=claim.email, source=source)
    else:
        list_leave(email=claim.email, mailing_list=mailing_list, source=source)
    return render(request, "mailings/unsubscribe.html", {**context, "state": "done"})


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    try:
        email = preferences_token_read(token)
    except LinkInvalid as error:
        return _link_problem(request, error, valid_days=PREFERENCES_MAX_AGE.days)
    status = 200
    if request.method == "POST":
        if "leave_everything" in request.POST:
            everything_leave(email=email, source=SOURCE_PREFERENCES)
            return redirect(f"{request.path}?done=left")
        form = PreferencesForm(request.POST, preferences=preferences_for(email=email))
        if form.is_valid():
            preferences_save(email=email, chosen=set(form.cleaned_data["lists"]))
            return redirect(f"{request.path}?done=saved")
        status = 400
    else:
        form = PreferencesForm(preferences=preferences_for(email=email))
    done = request.GET.get("done")
    context = {
        "form": form,
        "preferences": form.preferences,
        "done": done if done in DONE_STATES else "",
    }
    return render(request, "mailings/preferences.html", context, status=status)


def _request_page(
    request: HttpRequest, form: PreferencesRequestForm, *, status: int = 200, **extra
) -> HttpResponse:
    return render(request, REQUEST_TEMPLATE, {"form": form, **extra}, status=status)


@cache_control(private=True)
@require_http_methods(["GET", "POST"])
def preferences_request(request: HttpRequest) -> HttpResponse:
    """Ask for a preferences link by email; every address gets the same answer."""
    if request.method == "GET":
        sent = request.GET.get("sent") == "1"
        return _request_page(request, PreferencesRequestForm(), sent=sent)
    form = PreferencesRequestForm(request.POST)
    sent = redirect(f"{request.path}?sent=1")
    if form.honeypot_tripped:
        return sent
    limit = rate_limit_count(
        request=request,
        scope="mailings-preferences",
        limit=REQUESTS_PER_WINDOW,
        window=REQUEST_WINDOW_SECONDS,
    )
    if not limit.allowed:
        return over_limit_response(limit, functools.partial(_request_page, request, form))
    if not form.is_valid():
        return _request_page(request, form, status=400)
    preferences_link_send(email=form.cleaned_data["email"])
    return sent
