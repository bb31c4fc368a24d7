"""The outreach app's public pages.

The request form and the feedback page carry their visitor's CSRF token, so they are
private and never enter the anonymous page cache. The presentations map and "In the news"
show counts and published stories only, never a requester, and are cacheable.
"""

import functools

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from amicc.core.ratelimit import over_limit_response, rate_limit_count
from amicc.outreach.charts import presentations_map
from amicc.outreach.forms import FeedbackForm, PresentationRequestForm
from amicc.outreach.selectors import featured_coverage, presentations_summary
from amicc.outreach.services.presentations import (
    FEEDBACK_LINK_MAX_AGE,
    FeedbackLinkExpired,
    FeedbackLinkInvalid,
    feedback_link_read,
    presentation_feedback_record,
    presentation_request_submit,
)

REQUEST_TEMPLATE = "outreach/request.html"
FEEDBACK_TEMPLATE = "outreach/feedback.html"
# A mistyped date costs a second try, and a school may share one address.
REQUEST_POSTS_PER_WINDOW = 10
REQUEST_WINDOW_SECONDS = 600
FIRST_YEAR = 2001  # the coalition's founding
NEWS_PER_PAGE = 20


def _request_page(request: HttpRequest, form, *, status: int = 200, **extra) -> HttpResponse:
    return render(request, REQUEST_TEMPLATE, {"form": form, **extra}, status=status)


@cache_control(private=True)
@require_http_methods(["GET", "POST"])
def presentation_request(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _request_page(request, PresentationRequestForm())
    form = PresentationRequestForm(request.POST)
    if form.honeypot_tripped:
        # Answered like a success, so a robot learns nothing; nothing is stored or sent.
        return redirect("outreach:request_thanks")
    limit = rate_limit_count(
        request=request,
        scope="outreach-presentation-request",
        limit=REQUEST_POSTS_PER_WINDOW,
        window=REQUEST_WINDOW_SECONDS,
    )
    if not limit.allowed:
        return over_limit_response(limit, functools.partial(_request_page, request, form))
    if not form.is_valid():
        return _request_page(request, form, status=400)
    try:
        presentation_request_submit(**form.service_arguments())
    except ValidationError as error:
        # A rule the form did not catch (a date that passed midnight while typing).
        for field, messages in error.update_error_dict({}).items():
            form.add_error(field if field in form.fields else None, messages)
        return _request_page(request, form, status=400)
    return redirect("outreach:request_thanks")


@require_GET
def presentation_request_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "outreach/request_thanks.html")


@never_cache
@require_http_methods(["GET", "POST"])
def presentation_feedback(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the delivery email: a short form, kept once (POST)."""
    try:
        presentation = feedback_link_read(token=token)
    except FeedbackLinkInvalid as problem:
        context = {
            "expired": isinstance(problem, FeedbackLinkExpired),
            "valid_days": FEEDBACK_LINK_MAX_AGE.days,
        }
        return render(request, "outreach/feedback_invalid.html", context, status=400)
    context = {"presentation": presentation, "already": presentation.feedback_received_at}
    if request.method == "GET" or context["already"]:
        return render(request, FEEDBACK_TEMPLATE, {**context, "form": FeedbackForm()})
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return render(request, FEEDBACK_TEMPLATE, {**context, "form": form}, status=400)
    saved = presentation_feedback_record(request=presentation, **form.cleaned_data)
    return render(request, FEEDBACK_TEMPLATE, {**context, "thanked": saved, "already": not saved})


def _year_chosen(raw: str | None) -> int | None:
    """The year of ?year=, None for all years; raises ValueError for anything else."""
    if raw in (None, ""):
        return None
    year = int(raw) if raw.isascii() and raw.isdigit() else -1
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise ValueError(raw)
    return year


@require_GET
def presentations(request: HttpRequest) -> HttpResponse:
    """Presentations given, by state and year: a map for one year or all, and the table."""
    try:
        year = _year_chosen(request.GET.get("year"))
    except ValueError:
        context = {
            "bad_year": request.GET.get("year", "")[:20],
            "first_year": FIRST_YEAR,
            "this_year": timezone.localdate().year,
        }
        return render(request, "outreach/presentations.html", context, status=400)
    summary = presentations_summary(year=year)
    context = {
        "summary": summary,
        "year": year,
        "map": presentations_map(summary.by_state),
        "map_total": sum(summary.by_state.values()),
    }
    return render(request, "outreach/presentations.html", context)


@require_GET
def in_the_news(request: HttpRequest) -> HttpResponse:
    """The coverage staff chose to feature, newest first, 20 to a page."""
    paginator = Paginator(featured_coverage(), NEWS_PER_PAGE, allow_empty_first_page=True)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        context = {"bad_page": True}
        return render(request, "outreach/in_the_news.html", context, status=400)
    except EmptyPage:
        context = {"bad_page": True, "last_page": paginator.num_pages}
        return render(request, "outreach/in_the_news.html", context, status=404)
    return render(request, "outreach/in_the_news.html", {"page": page})
