"""iCalendar files: one per event, one per alliance, one for everything, parsed back."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.conf import settings
from django.urls import reverse

from amicc.coalition.tests.factories import AllianceFactory
from amicc.events.choices import EventType
from amicc.events.tests.factories import EventFactory, in_days

pytestmark = pytest.mark.django_db


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


@pytest.fixture
def events():
    chicago = AllianceFactory(slug="chicago", name="Chicago Alliance")
    return {
        "chicago": chicago,
        "talk": EventFactory(
            title="Justice, step by step", slug="justice", alliance=chicago,
            starts_at=datetime.datetime(2031, 3, 6, 0, 30, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2031, 3, 6, 2, 0, tzinfo=datetime.UTC),
            description="Why the Court matters; with questions, commas, and; semicolons.",
        ),
        "webinar": EventFactory(
            title="Webinar", slug="webinar", event_type=EventType.WEBINAR, venue="", address="",
            city="", state="", online_url="https://meet.example.org/icc",
            time_zone="Europe/Amsterdam",
        ),
        "old": EventFactory(slug="old", starts_at=in_days(-400), ends_at=in_days(-400, hour=20)),
        "draft": EventFactory(slug="draft", is_published=False),
    }  # fmt: skip


def test_one_event_round_trips_in_its_own_time_zone(client, events):
    response = client.get(reverse("events:event_ics", args=["justice"]))
    assert response["Content-Disposition"] == 'attachment; filename="justice.ics"'
    calendar = parse(response)
    (vevent,) = calendar.walk("VEVENT")
    chicago = zoneinfo.ZoneInfo("America/Chicago")
    start = vevent.decoded("dtstart")
    assert start == events["talk"].starts_at
    assert start.astimezone(chicago).hour == 18  # 6:30 PM in Chicago, the evening before
    assert vevent["DTSTART"].params["TZID"] == "America/Chicago"
    assert vevent.decoded("dtend") - start == datetime.timedelta(minutes=90)
    assert str(vevent["SUMMARY"]) == "Justice, step by step"
    assert str(vevent["UID"]) == f"event-{events['talk'].pk}@127.0.0.1"
    assert str(vevent["URL"]) == f"{settings.SITE_URL}/events/justice/"
    assert str(vevent["LOCATION"]) == "Public Library, 400 S State St, Chicago, Illinois"
    assert "commas, and; semicolons." in str(vevent["DESCRIPTION"])
    assert vevent.decoded("dtstamp").tzinfo is not None
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/Chicago"]


def test_the_whole_calendar_keeps_published_current_events(client, events):
    calendar = parse(client.get(reverse("events:calendar_ics")))
    summaries = {str(vevent["SUMMARY"]) for vevent in calendar.walk("VEVENT")}
    assert summaries == {"Justice, step by step", "Webinar"}
    assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} == {
        "America/Chicago",
        "Europe/Amsterdam",
    }
    (webinar,) = [v for v in calendar.walk("VEVENT") if str(v["SUMMARY"]) == "Webinar"]
    assert str(webinar["LOCATION"]) == "Online: https://meet.example.org/icc"
    for vevent in calendar.walk("VEVENT"):
        assert str(vevent["URL"]).startswith(settings.SITE_URL)


def test_an_alliance_calendar_has_only_its_events(client, events):
    AllianceFactory(slug="boston")
    calendar = parse(client.get(reverse("events:alliance_ics", args=["chicago"])))
    assert [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")] == ["Justice, step by step"]
    assert str(calendar["X-WR-CALNAME"]) == "Chicago Alliance: events"
    empty = parse(client.get(reverse("events:alliance_ics", args=["boston"])))
    assert empty.walk("VEVENT") == []


@pytest.mark.parametrize(
    "path",
    [
        "/events/draft/event.ics",
        "/events/nothing/event.ics",
        "/events/alliances/nowhere/calendar.ics",
    ],
)
def test_unknown_or_unpublished_is_404(client, events, path):
    assert client.get(path).status_code == 404


def test_feed_queries_do_not_grow(client, events, settings, django_assert_max_num_queries):
    settings.AMICC_PAGE_CACHE_SECONDS = 0
    for number in range(10):
        EventFactory(slug=f"more-{number}", alliance=events["chicago"])
    with django_assert_max_num_queries(3):
        parse(client.get(reverse("events:calendar_ics")))
    with django_assert_max_num_queries(3):
        parse(client.get(reverse("events:alliance_ics", args=["chicago"])))
