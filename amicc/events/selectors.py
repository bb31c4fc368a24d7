"""Reads for the public event pages and calendar files, each in a fixed number of queries."""

import datetime
import itertools
from dataclasses import dataclass, fields
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet
from django.utils import dateformat
from django.utils.translation import gettext

from amicc.coalition.models import Alliance
from amicc.events.choices import RsvpStatus
from amicc.events.models import Event

# The "everything" feed also keeps events that ended this recently.
FEED_RECENT = datetime.timedelta(days=90)
LIST_FIELDS = (
    "title", "slug", "event_type", "starts_at", "ends_at", "time_zone", "venue", "city",
    "state", "online_url", "alliance__name", "alliance__slug", "organization__name",
)  # fmt: skip


@dataclass(frozen=True)
class EventFilters:
    state: str = ""
    alliance: str = ""  # an alliance's slug
    event_type: str = ""
    online: str = ""  # "yes": online only, "no": in person only

    @property
    def active(self) -> bool:
        return any(getattr(self, field.name) for field in fields(self))

    @property
    def query_string(self) -> str:
        names = {"event_type": "type"}
        values = {names.get(f.name, f.name): getattr(self, f.name) for f in fields(self)}
        query = urlencode({name: value for name, value in values.items() if value})
        return f"?{query}" if query else ""


def _filtered(events: QuerySet[Event], filters: EventFilters) -> QuerySet[Event]:
    if filters.state:
        events = events.filter(state=filters.state)
    if filters.alliance:
        events = events.filter(alliance__slug=filters.alliance)
    if filters.event_type:
        events = events.filter(event_type=filters.event_type)
    if filters.online == "yes":
        events = events.exclude(online_url="")
    elif filters.online == "no":
        events = events.exclude(city="")
    return events


def events_for_list(
    *, filters: EventFilters, now: datetime.datetime, past: bool = False
) -> QuerySet[Event]:
    """Published events matching the filters: upcoming soonest first, or past latest first."""
    events = Event.objects.published().select_related("alliance", "organization")
    if past:
        events = events.past(now).order_by("-starts_at", "-pk")
    else:
        events = events.upcoming(now).order_by("starts_at", "pk")
    return _filtered(events, filters).only(*LIST_FIELDS)


@dataclass(frozen=True)
class MonthGroup:
    label: str
    events: list[Event]


def events_by_month(events) -> list[MonthGroup]:
    """Events grouped under "March 2026" headings, by the month where each takes place."""
    return [
        MonthGroup(label=label, events=list(group))
        for label, group in itertools.groupby(
            events, key=lambda event: dateformat.format(event.starts_local, gettext("F Y"))
        )
    ]


def alliance_choices() -> list[tuple[str, str]]:
    """(slug, name) of every alliance, for the filter's select: links from an alliance's
    page work whether or not it has events."""
    return list(Alliance.objects.order_by("name").values_list("slug", "name"))


@dataclass(frozen=True)
class Seats:
    capacity: int | None
    confirmed: int
    waitlisted: int

    @property
    def left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.confirmed, 0)

    @property
    def full(self) -> bool:
        return self.left == 0


def event_for_public_page(*, slug: str) -> Event | None:
    """The published event with its hosts and topics, and its seat counts (3 queries)."""
    live = Q(rsvps__status=RsvpStatus.CONFIRMED)
    return (
        Event.objects.published()
        .filter(slug=slug)
        .select_related("alliance", "organization")
        .prefetch_related("topics")
        .annotate(
            confirmed_count=Count("rsvps", filter=live),
            waitlisted_count=Count("rsvps", filter=Q(rsvps__status=RsvpStatus.WAITLISTED)),
        )
        .first()
    )


def event_seats(event: Event) -> Seats:
    """The counts of an event from `event_for_public_page`."""
    return Seats(
        capacity=event.capacity,
        confirmed=event.confirmed_count,
        waitlisted=event.waitlisted_count,
    )


def events_for_feed(*, now: datetime.datetime, alliance: Alliance | None = None) -> QuerySet[Event]:
    """Published events still to come or ended within FEED_RECENT, for a calendar feed."""
    events = Event.objects.published().filter(ends_at__gt=now - FEED_RECENT)
    if alliance is not None:
        events = events.filter(alliance=alliance)
    return events.select_related("alliance", "organization").order_by("starts_at", "pk")
