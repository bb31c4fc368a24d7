"""Load the events part of the demo: a season of sample events and some RSVPs.

Events are hosted by the demo alliances and member organizations the coalition demo made,
dated from today, and loaded only into an empty events table. RSVPs are made directly,
not through the RSVP service, so loading the demo emails nobody.
"""

import datetime
import zoneinfo

from django.db import transaction
from django.utils import timezone

from amicc.coalition.choices import OrganizationStatus
from amicc.coalition.models import Alliance, MemberOrganization, Person
from amicc.events.choices import EventType, RsvpStatus
from amicc.events.models import Event, Rsvp
from amicc.events.services.events import event_create

# slug, title, type, host alliance slug ("" for none; "org" for a member organization),
# days from today, local start hour, hours long, time zone, venue, city, state, online link,
# capacity, published, description
EVENTS = [
    ("icc-101-chicago", "The ICC in one evening (sample)", EventType.PUBLIC_DISCUSSION,
     "chicago", 10, 18, 2, "America/Chicago", "Harold Washington Library, meeting room 2",
     "Chicago", "IL", "", 40, True,
     "A plain-language introduction to the International Criminal Court: which crimes it "
     "tries, how a case reaches it, and what the United States' relationship with it "
     "looks like today. Questions welcome; no background needed."),
    ("gender-crimes-seminar", "Prosecuting gender crimes (sample)", EventType.SEMINAR,
     "new-york", 24, 14, 3, "America/New_York", "Law school, room 104", "New York", "NY", "",
     3, True,
     "Scholars and practitioners look at how the Court has charged and tried sexual and "
     "gender-based crimes, and what its record means for survivors."),
    ("statute-webinar", "Reading the Rome Statute together (sample)", EventType.WEBINAR,
     "", 5, 12, 1, "America/New_York", "", "", "", "https://meet.example.org/amicc-statute",
     None, True,
     "A lunchtime webinar walking through the treaty that created the Court, article by "
     "article, with time for questions from across the country."),
    ("classroom-program-philadelphia", "Justice after atrocity: a classroom program (sample)",
     EventType.SCHOOL_PROGRAM, "org", 35, 10, 2, "America/New_York", "Community center",
     "Philadelphia", "PA", "", 30, True,
     "A program for high-school classes on why the world built a permanent criminal court, "
     "with a short mock hearing."),
    ("asp-side-event", "Civil society at the Assembly (sample)", EventType.ASP_SIDE_EVENT,
     "", 60, 13, 2, "Europe/Amsterdam", "World Forum, side room", "The Hague", "",
     "https://meet.example.org/amicc-asp", 60, True,
     "An informal side event during the annual Assembly of States Parties: American NGOs "
     "report on their work and hear from delegations. Also streamed online."),
    ("seattle-vigil", "Vigil for accountability (sample)", EventType.DEMONSTRATION,
     "seattle", 18, 17, 1, "America/Los_Angeles", "Westlake Park", "Seattle", "WA", "", None,
     True,
     "A peaceful vigil in support of accountability for the gravest crimes, with short "
     "readings from survivors' testimony."),
    ("boston-briefing", "Briefing for local organizations (sample)", EventType.BRIEFING,
     "boston", -40, 19, 2, "America/New_York", "Public library, lecture hall", "Boston", "MA",
     "", 25, True,
     "A briefing for the leaders of local organizations on how they can talk about the "
     "Court with their members."),
    ("austin-teach-in", "Teach-in on the Court (sample, draft)", EventType.PUBLIC_DISCUSSION,
     "austin", 45, 18, 2, "America/Chicago", "", "Austin", "TX", "", 50, False,
     "Still being planned: not yet on the site."),
]  # fmt: skip


def _host(key: str) -> dict:
    if key == "org":
        active = MemberOrganization.objects.filter(status=OrganizationStatus.ACTIVE)
        organization = active.order_by("name").first()
        return {"organization": organization} if organization else {}
    alliance = Alliance.objects.filter(slug=key).first() if key else None
    return {"alliance": alliance} if alliance else {}


def _times(today: datetime.date, days: int, hour: int, hours: int, zone: str):
    starts = datetime.datetime.combine(
        today + datetime.timedelta(days=days), datetime.time(hour), zoneinfo.ZoneInfo(zone)
    )
    return starts, starts + datetime.timedelta(hours=hours)


def _event(spec: tuple, today: datetime.date) -> Event:
    slug, title, kind, host, days, hour, hours, zone, venue, city, state, url, capacity = spec[:13]
    published, description = spec[13:]
    starts, ends = _times(today, days, hour, hours, zone)
    data = {
        "slug": slug, "title": title, "event_type": kind, "starts_at": starts, "ends_at": ends,
        "time_zone": zone, "venue": venue, "city": city, "state": state, "online_url": url,
        "capacity": capacity, "is_published": published, "description": description,
        **_host(host),
    }  # fmt: skip
    return event_create(by=None, data=data)


def _rsvps(event: Event, people: list[Person], *, held: bool) -> int:
    """Seats for the first people, the waitlist for the rest; attendance for a held event."""
    now = timezone.now()
    for number, person in enumerate(people):
        seated = event.capacity is None or number < event.capacity
        Rsvp.objects.create(
            event=event,
            person=person,
            name=person.name,
            status=RsvpStatus.CONFIRMED if seated else RsvpStatus.WAITLISTED,
            created_at=now - datetime.timedelta(hours=len(people) - number),
            attended=(number % 4 != 3) if held and seated else None,
        )
    return len(people)


@transaction.atomic
def events_demo_load() -> str:
    """Load the sample events when there are none; returns a one-line summary."""
    if Event.objects.exists():
        return f"Events: {Event.objects.count()} already on record, nothing loaded"
    today = timezone.localdate()
    events = {spec[0]: _event(spec, today) for spec in EVENTS}
    people = list(Person.objects.filter(erased_at=None).exclude(email=None).order_by("pk")[:12])
    rsvps = 0
    for slug, count in (
        ("icc-101-chicago", 6),
        ("gender-crimes-seminar", 5),
        ("boston-briefing", 8),
    ):
        rsvps += _rsvps(events[slug], people[:count], held=slug == "boston-briefing")
    return f"Events: {len(events)} sample events, {rsvps} RSVPs"
