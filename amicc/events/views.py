"""The public event pages: the calendar, an event with its RSVP form, cancel links, .ics files.

The calendar and the .ics files only read, so the anonymous page cache keeps them; an
event's page carries a CSRF token and live seat counts, so it is private. The thank-you
page finds the RSVP through the visitor's session, never through an id in the address.
"""

import functools

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from amicc.coalition.models import Alliance
from amicc.core.ratelimit import over_limit_response, rate_limit_count
from amicc.events import selectors
from amicc.events.choices import RsvpStatus
from amicc.events.forms import EventFilterForm, RsvpForm
from amicc.events.ical import calendar_bytes
from amicc.events.models import Event, Rsvp
from amicc.events.services.rsvps import (
    CancelTooLate,
    RsvpRefused,
    rsvp_cancel,
    rsvp_create,
)
from amicc.events.tokens import CancelLinkInvalid, cancel_token_read

EVENTS_PER_PAGE = 20
# A household may RSVP several people from one connection, and typos cost a try.
RSVP_POSTS_PER_WINDOW = 10
RSVP_WINDOW_SECONDS = 600
# {event pk: RSVP pk}, of the RSVPs made from this browser.
SESSION_KEY = "events_rsvps"
CALENDAR_NAME = _("AMICC events")


def _listing(request: HttpRequest, *, past: bool) -> HttpResponse:
    form = EventFilterForm(request.GET, alliances=selectors.alliance_choices())
    valid = form.is_valid()
    filters = form.filters()
    page = None
    if valid:
        events = selectors.events_for_list(filters=filters, now=timezone.now(), past=past)
        page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "months": selectors.events_by_month(page) if page else [],
        "past": past,
        "action": reverse("events:past" if past else "events:list"),
    }
    return render(request, "events/list.html", context, status=200 if valid else 400)


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    return _listing(request, past=False)


@require_GET
def event_past(request: HttpRequest) -> HttpResponse:
    return _listing(request, past=True)


def _event_page(
    request: HttpRequest, event: Event, form: RsvpForm, *, status: int = 200, **extra
) -> HttpResponse:
    now = timezone.now()
    context = {
        "event": event,
        "seats": selectors.event_seats(event),
        "form": form,
        "open": not event.has_started(now),
        "ended": event.ends_at <= now,
        **extra,
    }
    return render(request, "events/detail.html", context, status=status)


@cache_control(private=True)
@require_http_methods(["GET", "POST"])
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = selectors.event_for_public_page(slug=slug)
    if event is None:
        raise Http404("No such event.")
    if request.method == "POST":
        return _rsvp(request, event)
    return _event_page(request, event, RsvpForm())


def _rsvp(request: HttpRequest, event: Event) -> HttpResponse:
    form = RsvpForm(request.POST)
    if form.honeypot_tripped:
        # Answered like a success, so a robot learns nothing; nothing is stored or sent.
        return redirect("events:rsvp_thanks", slug=event.slug)
    if event.has_started():
        return _event_page(request, event, form, status=403)
    limit = rate_limit_count(
        request=request, scope="event-rsvp", limit=RSVP_POSTS_PER_WINDOW, window=RSVP_WINDOW_SECONDS
    )
    if not limit.allowed:
        return over_limit_response(limit, functools.partial(_event_page, request, event, form))
    if not form.is_valid():
        return _event_page(request, event, form, status=400)
    try:
        made = rsvp_create(
            event=event,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            wants_newsletter=form.cleaned_data["wants_newsletter"],
        )
    except RsvpRefused as refused:
        return _event_page(request, event, form, status=403, refused=str(refused))
    if made.already:
        return render(request, "events/already.html", {"event": event})
    rsvps = {**request.session.get(SESSION_KEY, {}), str(event.pk): made.rsvp.pk}
    request.session[SESSION_KEY] = rsvps
    return redirect("events:rsvp_thanks", slug=event.slug)


@never_cache
@require_GET
def rsvp_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    """The visitor's own answer: a seat or a place on the waitlist, as it stands now."""
    event = get_object_or_404(Event.objects.published(), slug=slug)
    rsvp_pk = request.session.get(SESSION_KEY, {}).get(str(event.pk))
    rsvp = Rsvp.objects.filter(pk=rsvp_pk, event=event).first() if rsvp_pk else None
    context = {"event": event, "rsvp": rsvp, "statuses": RsvpStatus}
    if rsvp is not None and rsvp.status == RsvpStatus.WAITLISTED:
        ahead = event.rsvps.filter(status=RsvpStatus.WAITLISTED, created_at__lt=rsvp.created_at)
        context["position"] = ahead.count() + 1
    return render(request, "events/thanks.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed cancel link: GET asks to confirm (mail scanners open links), POST cancels."""
    template = "events/cancel.html"
    try:
        rsvp_id = cancel_token_read(token)
    except CancelLinkInvalid:
        return render(request, template, {"state": "invalid"}, status=400)
    rsvp = Rsvp.objects.select_related("event").filter(pk=rsvp_id).first()
    if rsvp is None:
        return render(request, template, {"state": "gone"}, status=404)
    context = {"event": rsvp.event, "rsvp": rsvp}
    if rsvp.status == RsvpStatus.CANCELLED:
        return render(request, template, {**context, "state": "already"})
    if rsvp.event.has_started():
        return render(request, template, {**context, "state": "too_late"}, status=409)
    if request.method == "GET":
        return render(request, template, {**context, "state": "confirm"})
    try:
        cancelled = rsvp_cancel(rsvp_id=rsvp.pk)
    except CancelTooLate:
        return render(request, template, {**context, "state": "too_late"}, status=409)
    state = "already" if cancelled.already else "cancelled"
    return render(request, template, {**context, "state": state})


def _calendar_response(content: bytes, *, filename: str, attachment: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_GET
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(
        Event.objects.published().select_related("alliance", "organization"), slug=slug
    )
    content = calendar_bytes(events=[event], name=event.title)
    return _calendar_response(content, filename=f"{event.slug}.ics", attachment=True)


@require_GET
def calendar_ics(request: HttpRequest) -> HttpResponse:
    events = selectors.events_for_feed(now=timezone.now())
    content = calendar_bytes(events=events, name=str(CALENDAR_NAME))
    return _calendar_response(content, filename="amicc-events.ics", attachment=False)


@require_GET
def alliance_ics(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = get_object_or_404(Alliance, slug=slug)
    events = selectors.events_for_feed(now=timezone.now(), alliance=alliance)
    content = calendar_bytes(
        events=events,
        name=gettext("%(alliance)s: events") % {"alliance": alliance.name},
    )
    return _calendar_response(content, filename=f"{alliance.slug}-events.ics", attachment=False)
