"""iCalendar (RFC 5545) files of events, written with the `icalendar` library.

Each VEVENT keeps its event's own time zone: DTSTART and DTEND carry a TZID, and the
calendar holds a VTIMEZONE for every zone used, so calendar programs show the local time
of the place. UIDs are made from the event's id and the site's host, so they never change
when an event is renamed or moved; DTSTAMP is the event's last change.
"""

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils.translation import gettext

from amicc.events.models import Event

PRODID = "-//AMICC//Coalition events//EN"
YEAR = datetime.timedelta(days=366)


def _uid(event: Event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "amicc.invalid"
    return f"event-{event.pk}@{host}"


def _location(event: Event) -> str:
    return event.place_text or gettext("Online: %(url)s") % {"url": event.online_url}


def _description(event: Event) -> str:
    parts = [
        event.description.strip(),
        gettext("Hosted by: %(host)s") % {"host": event.host_name},
    ]
    if event.online_url:
        parts.append(gettext("Online: %(url)s") % {"url": event.online_url})
    parts.append(gettext("Details and RSVP: %(url)s") % {"url": event.full_url})
    return "\n\n".join(part for part in parts if part)


def _vevent(event: Event) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", _uid(event))
    vevent.add("dtstamp", event.updated_at)
    vevent.add("dtstart", event.starts_local)
    vevent.add("dtend", event.ends_local)
    vevent.add("summary", event.title)
    vevent.add("description", _description(event))
    vevent.add("location", _location(event))
    vevent.add("url", event.full_url)
    vevent.add("categories", [event.get_event_type_display()])
    return vevent


def calendar_bytes(*, events: Iterable[Event], name: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    events = list(events)
    for event in events:
        calendar.add_component(_vevent(event))
    if events:
        # Transitions a year either side of the events are plenty, and keep the file small.
        calendar.add_missing_timezones(
            first_date=min(event.starts_at for event in events).date() - YEAR,
            last_date=max(event.ends_at for event in events).date() + YEAR,
        )
    return calendar.to_ical()
