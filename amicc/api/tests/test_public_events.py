"""Events through the public API: published events only, and never who RSVPed."""

import datetime
import json

import pytest
from django.utils import timezone

from amicc.coalition.tests.factories import AllianceFactory, MemberOrganizationFactory
from amicc.events.choices import EventType, RsvpStatus
from amicc.events.tests.factories import EventFactory, RsvpFactory, in_days

pytestmark = pytest.mark.django_db


def slugs(answer: dict) -> list[str]:
    return [event["slug"] for event in answer["results"]]


def test_upcoming_events_soonest_first_and_drafts_left_out(public_get):
    later = EventFactory(slug="later", starts_at=in_days(20))
    sooner = EventFactory(slug="sooner", starts_at=in_days(3))
    EventFactory(slug="draft", starts_at=in_days(5), is_published=False)
    EventFactory(slug="over", starts_at=in_days(-10))

    assert slugs(public_get("/events")) == [sooner.slug, later.slug]


def test_past_events_latest_first_and_all_events_earliest_first(public_get):
    EventFactory(slug="long-ago", starts_at=in_days(-40))
    EventFactory(slug="recently", starts_at=in_days(-4))
    EventFactory(slug="coming", starts_at=in_days(4))

    assert slugs(public_get("/events", when="past")) == ["recently", "long-ago"]
    assert slugs(public_get("/events", when="all")) == ["long-ago", "recently", "coming"]
    assert public_get("/events", when="someday", expect=422)["errors"][0]["loc"][-1] == "when"


def test_an_event_that_has_started_but_not_ended_is_still_upcoming(public_get):
    EventFactory(
        slug="under-way",
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
    )
    assert slugs(public_get("/events")) == ["under-way"]
    assert slugs(public_get("/events", when="past")) == []


def test_filters_by_dates_alliance_state_and_type(public_get):
    alliance = AllianceFactory(slug="chicago-alliance", state="IL")
    day = timezone.localdate() + datetime.timedelta(days=10)
    on_day = EventFactory(
        slug="on-day",
        starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 30))),
        alliance=alliance,
    )
    EventFactory(
        slug="webinar",
        starts_at=in_days(30),
        event_type=EventType.WEBINAR,
        city="",
        state="",
        online_url="https://meet.example.org/icc",
    )

    assert slugs(public_get("/events", date_from=day, date_to=day)) == [on_day.slug]
    assert slugs(public_get("/events", date_to=day - datetime.timedelta(days=1))) == []
    assert slugs(public_get("/events", alliance="chicago-alliance")) == [on_day.slug]
    assert slugs(public_get("/events", state="IL")) == [on_day.slug]
    assert slugs(public_get("/events", type="webinar")) == ["webinar"]
    public_get("/events", state="ZZ", expect=422)
    public_get("/events", date_from="9999-12-31", expect=422)


def test_event_detail_shows_the_page_facts_and_seats_but_no_people(public_get):
    organization = MemberOrganizationFactory(name="Bar of Chicago", slug="bar-of-chicago")
    event = EventFactory(slug="discussion", capacity=2, organization=organization)
    RsvpFactory(event=event, person__name="Ada Private", person__email="ada@example.org")
    RsvpFactory(event=event, status=RsvpStatus.WAITLISTED, person__name="Bo Waiting")
    RsvpFactory(event=event, status=RsvpStatus.CANCELLED)

    answer = public_get("/events/discussion")

    assert answer["seats"] == {"capacity": 2, "left": 1, "waitlisted": 1}
    assert answer["host"] == "Bar of Chicago"
    assert answer["alliance"] is None
    assert answer["url"] == "http://testserver/events/discussion/"
    assert answer["time_zone"] == "America/Chicago"
    # In the event's own time zone, as the page shows it.
    assert answer["starts_at"] == event.starts_at.astimezone(event.zone).isoformat()
    text = json.dumps(answer)
    assert "Ada" not in text and "ada@example.org" not in text and "Bo Waiting" not in text


def test_unpublished_and_unknown_events_are_json_404s(public_get):
    EventFactory(slug="secret", is_published=False)
    assert public_get("/events/secret", expect=404) == {
        "detail": "No published event has this slug."
    }
    public_get("/events/nothing", expect=404)


def test_event_queries_do_not_grow_with_events(public_get, django_assert_max_num_queries):
    alliance = AllianceFactory()
    public_get("/events")  # finds the request's Wagtail site once; it is cached from then on
    for added in (2, 30):
        for _ in range(added):
            EventFactory(alliance=alliance)
        with django_assert_max_num_queries(2):
            answer = public_get("/events", limit=100)
        assert answer["count"] == len(answer["results"])
    with django_assert_max_num_queries(2):
        public_get(f"/events/{answer['results'][0]['slug']}")
