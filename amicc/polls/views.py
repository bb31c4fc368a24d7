"""The public poll pages: the list of polls, answering one, and the thank-you page.

A poll page carries its visitor's CSRF token and sets the browser token cookie, so it is
private and never enters the anonymous page cache. How one response per person is kept,
and its limits, is explained on the poll page itself (`polls/_method.html`).
"""

import functools

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from amicc.core.ratelimit import over_limit_response, rate_limit_count
from amicc.polls.forms import PollResponseForm
from amicc.polls.models import Poll
from amicc.polls.selectors import poll_audience, poll_for_answering, polls_for_index
from amicc.polls.services.responses import (
    AlreadyAnswered,
    PollNotOpen,
    browser_token_new,
    poll_already_answered,
    poll_is_open,
    poll_response_submit,
)

BROWSER_COOKIE = "amicc_poll_browser"
BROWSER_COOKIE_MAX_AGE = 2 * 365 * 24 * 3600
# Households and offices share an address; this bounds what clearing cookies allows.
RESPONSES_PER_WINDOW = 20
RESPONSE_WINDOW_SECONDS = 3600
POLL_TEMPLATE = "polls/poll.html"


@require_GET
def poll_index(request: HttpRequest) -> HttpResponse:
    index = polls_for_index(now=timezone.now())
    return render(request, "polls/index.html", {"index": index})


def _poll_or_404(slug: str) -> Poll:
    poll = poll_for_answering(slug=slug)
    if poll is None:
        raise Http404("No poll at this address.")
    return poll


def _with_browser_cookie(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if BROWSER_COOKIE not in request.COOKIES:
        response.set_cookie(
            BROWSER_COOKIE,
            browser_token_new(),
            max_age=BROWSER_COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def _poll_page(
    request: HttpRequest, poll: Poll, form: PollResponseForm, *, status: int = 200, **extra
) -> HttpResponse:
    token = request.COOKIES.get(BROWSER_COOKIE)
    context = {
        "poll": poll,
        "form": form,
        "audience": poll_audience(poll),
        "already": bool(token) and poll_already_answered(poll=poll, token=token),
        "limit": RESPONSES_PER_WINDOW,
        **extra,
    }
    response = render(request, POLL_TEMPLATE, context, status=status)
    return _with_browser_cookie(request, response)


def _closed_page(request: HttpRequest, poll: Poll, *, status: int) -> HttpResponse:
    context = {"poll": poll, "upcoming": poll.opens_at > timezone.now()}
    return render(request, "polls/closed.html", context, status=status)


@cache_control(private=True)
@require_http_methods(["GET", "POST"])
def poll(request: HttpRequest, slug: str) -> HttpResponse:
    """A poll and its form; before it opens or after it closes, why it takes no answers."""
    poll = _poll_or_404(slug)
    if request.method == "POST":
        return _poll_answer(request, poll)
    if not poll_is_open(poll):
        return _closed_page(request, poll, status=200)
    return _poll_page(request, poll, PollResponseForm(poll=poll))


def _poll_answer(request: HttpRequest, poll: Poll) -> HttpResponse:
    form = PollResponseForm(request.POST, poll=poll)
    if form.honeypot_tripped:
        # Answered like a success, so a robot learns nothing; nothing is stored.
        return redirect("polls:thanks", slug=poll.slug)
    if not poll_is_open(poll):
        return _closed_page(request, poll, status=403)
    token = request.COOKIES.get(BROWSER_COOKIE)
    if not token:
        form.is_valid()  # to show what was typed, checked
        return _poll_page(request, poll, form, status=400, no_cookie=True)
    if poll_already_answered(poll=poll, token=token):
        return render(request, "polls/already.html", {"poll": poll}, status=409)
    if not form.is_valid():
        return _poll_page(request, poll, form, status=400)
    limit = rate_limit_count(
        request=request, scope="poll-response", limit=RESPONSES_PER_WINDOW,
        window=RESPONSE_WINDOW_SECONDS,
    )  # fmt: skip
    if not limit.allowed:
        return over_limit_response(limit, functools.partial(_poll_page, request, poll, form))
    try:
        poll_response_submit(
            poll=poll,
            browser_token=token,
            state=form.place.state,
            district=form.place.district,
            answers=form.answers(),
            **form.demographics(),
        )
    except PollNotOpen:
        return _closed_page(request, poll, status=403)
    except AlreadyAnswered:
        return render(request, "polls/already.html", {"poll": poll}, status=409)
    return redirect("polls:thanks", slug=poll.slug)


@require_GET
def poll_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    poll = Poll.objects.filter(slug=slug).first()
    if poll is None:
        raise Http404("No poll at this address.")
    return render(request, "polls/thanks.html", {"poll": poll})
