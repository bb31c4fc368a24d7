"""Published events, as the website's calendar lists them; never who has RSVPed."""

import datetime
import enum
import zoneinfo

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from amicc.api.pagination import Pagination
from amicc.api.public.common import (
    DETAIL_ERRORS,
    LIST_ERRORS,
    DateFilter,
    NamedRefOut,
    SlugFilter,
    absolute,
    slug_path,
)
from amicc.coalition.geography import USState
from amicc.events.choices import EventType
from amicc.events.models import Event
from amicc.events.selectors import event_for_public_page, event_seats

router = Router(tags=["Events"])


class When(enum.StrEnum):
    UPCOMING = "upcoming"
    PAST = "past"
    ALL = "all"


class EventOut(Schema):
    title: str
    slug: str = Field(description="The event's identifier in URLs.")
    type: EventType = Field(description="What kind of event it is.")
    type_label: str = Field(description="The kind, in words.")
    starts_at: datetime.datetime = Field(description="When it starts, in its own time zone.")
    ends_at: datetime.datetime = Field(description="When it ends, in its own time zone.")
    time_zone: str = Field(description="Where it happens, as a time zone name.")
    venue: str
    address: str = Field(description="The venue's street address; may be empty.")
    city: str
    state: USState | None = Field(description="The state's two-letter code, if in a state.")
    online_url: str | None = Field(description="The webinar's or live stream's link, if any.")
    host: str = Field(
        description="Who hosts it: an alliance, a member organization or the coalition."
    )
    alliance: NamedRefOut | None = Field(description="The hosting alliance, if one hosts it.")
    url: str = Field(description="Its page on the website, where people RSVP.")

    @staticmethod
    def resolve_type(event: Event) -> str:
        return event.event_type

    @staticmethod
    def resolve_type_label(event: Event) -> str:
        return event.get_event_type_display()

    @staticmethod
    def resolve_starts_at(event: Event) -> datetime.datetime:
        return event.starts_local

    @staticmethod
    def resolve_ends_at(event: Event) -> datetime.datetime:
        return event.ends_local

    @staticmethod
    def resolve_state(event: Event) -> str | None:
        return event.state or None

    @staticmethod
    def resolve_online_url(event: Event) -> str | None:
        return event.online_url or None

    @staticmethod
    def resolve_host(event: Event) -> str:
        return event.host_name

    @staticmethod
    def resolve_url(event: Event, context) -> str:
        return absolute(context["request"], event.get_absolute_url())


class EventSeatsOut(Schema):
    capacity: int | None = Field(description="EventSeatsOut in all; null for no limit.")
    left: int | None = Field(description="EventSeatsOut still free; null for no limit.")
    waitlisted: int = Field(description="People on the waitlist.")


class EventDetailOut(EventOut):
    description: str
    topics: list[NamedRefOut]
    seats: EventSeatsOut

    @staticmethod
    def resolve_seats(event: Event) -> dict:
        seats = event_seats(event)
        return {"capacity": seats.capacity, "left": seats.left, "waitlisted": seats.waitlisted}


class EventFilters(Schema):
    when: When = Field(
        When.UPCOMING,
        description="Events still to end (soonest first), ended ones (latest first), or all "
        "(earliest first).",
    )
    date_from: DateFilter | None = Field(
        None, description="Only events starting on or after this day, in the site's time zone."
    )
    date_to: DateFilter | None = Field(
        None, description="Only events starting on or before this day, in the site's time zone."
    )
    alliance: SlugFilter | None = Field(None, description="Only events this alliance hosts.")
    state: USState | None = Field(None, description="Only events in this state.")
    type: EventType | None = Field(None, description="Only events of this kind.")


def _day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, zoneinfo.ZoneInfo(settings.TIME_ZONE))


def _filtered(events: QuerySet[Event], filters: EventFilters) -> QuerySet[Event]:
    now = timezone.now()
    if filters.when == When.UPCOMING:
        events = events.upcoming(now).order_by("starts_at", "pk")
    elif filters.when == When.PAST:
        events = events.past(now).order_by("-starts_at", "-pk")
    else:
        events = events.order_by("starts_at", "pk")
    if filters.date_from:
        events = events.filter(starts_at__gte=_day_start(filters.date_from))
    if filters.date_to:
        events = events.filter(starts_at__lt=_day_start(filters.date_to + datetime.timedelta(1)))
    if filters.alliance:
        events = events.filter(alliance__slug=filters.alliance)
    if filters.state:
        events = events.filter(state=filters.state)
    if filters.type:
        events = events.filter(event_type=filters.type)
    return events


@router.get(
    "",
    response={200: list[EventOut], **LIST_ERRORS},
    summary="List events",
    description="Published events of the coalition, its alliances and member organizations.",
)
@paginate(Pagination)
def event_list(request: HttpRequest, filters: Query[EventFilters]):
    events = Event.objects.published().select_related("alliance", "organization")
    return _filtered(events, filters)


@router.get(
    "/{slug:slug}",
    response={200: EventDetailOut, **DETAIL_ERRORS},
    summary="Get an event",
    description="A published event with its description, topics and free seats.",
)
def event_detail(request: HttpRequest, slug: str = slug_path("The event's slug.")):
    event = event_for_public_page(slug=slug)
    if event is None:
        raise Http404("No published event has this slug.")
    return event
