"""The public pages: the calendar with its filters, an event's page and its RSVP form."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from amicc.coalition.tests.factories import AllianceFactory, MemberOrganizationFactory
from amicc.events.choices import EventType, RsvpStatus
from amicc.events.models import Rsvp
from amicc.events.tests.factories import EventFactory, RsvpFactory, in_days
from amicc.events.views import RSVP_POSTS_PER_WINDOW

pytestmark = pytest.mark.django_db

LIST = "/events/"


def form(**overrides) -> dict:
    return {"name": "Ada Lovelace", "email": "ada@example.org", "consent": "on", **overrides}


@pytest.fixture
def calendar(site_tree):
    chicago = AllianceFactory(name="Chicago Alliance", slug="chicago", state="IL")
    return {
        "chicago": chicago,
        "discussion": EventFactory(title="Lakeside discussion", alliance=chicago),
        "webinar": EventFactory(
            title="Webinar on the Statute", event_type=EventType.WEBINAR, venue="", address="",
            city="", state="", online_url="https://meet.example.org/icc", starts_at=in_days(40),
            ends_at=in_days(40, hour=20), time_zone="America/New_York",
        ),
        "seminar": EventFactory(
            title="Seminar in Austin", event_type=EventType.SEMINAR, city="Austin", state="TX",
            organization=MemberOrganizationFactory(name="Austin Bar"), starts_at=in_days(70),
            ends_at=in_days(70, hour=21),
        ),
        "past": EventFactory(title="Last year's briefing", starts_at=in_days(-300),
                             ends_at=in_days(-300, hour=20)),
        "draft": EventFactory(title="Unpublished plan", is_published=False),
    }  # fmt: skip


def titles(response) -> list[str]:
    return [event.title for month in response.context["months"] for event in month.events]


def test_upcoming_events_grouped_by_month(client, calendar):
    response = client.get(LIST)
    assert response.status_code == 200
    assert titles(response) == [
        "Lakeside discussion",
        "Webinar on the Statute",
        "Seminar in Austin",
    ]
    html = response.content.decode()
    assert "Unpublished plan" not in html and "Last year's briefing" not in html
    assert len(response.context["months"]) >= 2
    assert reverse("events:calendar_ics") in html


def test_past_events_have_their_own_view(client, calendar):
    response = client.get("/events/past/")
    assert titles(response) == ["Last year's briefing"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"state": "TX"}, ["Seminar in Austin"]),
        ({"alliance": "chicago"}, ["Lakeside discussion"]),
        ({"type": "webinar"}, ["Webinar on the Statute"]),
        ({"online": "yes"}, ["Webinar on the Statute"]),
        ({"online": "no"}, ["Lakeside discussion", "Seminar in Austin"]),
        ({"state": "IL", "type": "webinar"}, []),
    ],
)
def test_filters(client, calendar, query, expected):
    response = client.get(LIST, query)
    assert response.status_code == 200 and titles(response) == expected


@pytest.mark.parametrize(
    "query, message",
    [
        ({"state": "ZZ"}, "Choose a state from the list; “ZZ” is not one."),
        ({"alliance": "atlantis"}, "Choose an alliance from the list"),
        ({"type": "party"}, "Choose a type of event from the list"),
        ({"online": "maybe"}, "Choose online or in person from the list"),
    ],
)
def test_a_bad_filter_value_is_a_400_with_a_message(client, calendar, query, message):
    response = client.get(LIST, query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_bad_page_number_shows_a_page(client, calendar):
    assert client.get(LIST, {"page": "x"}).status_code == 200
    assert client.get(LIST, {"page": "999"}).status_code == 200


def test_the_calendar_queries_do_not_grow_with_events(
    client, calendar, settings, django_assert_max_num_queries
):
    settings.AMICC_PAGE_CACHE_SECONDS = 0  # measure the view, not the cache
    client.get(LIST)  # the site's settings are made on the first request
    with django_assert_max_num_queries(6):
        client.get(LIST)
    for number in range(15):
        EventFactory(alliance=calendar["chicago"], slug=f"more-{number}")
    with django_assert_max_num_queries(6):
        assert len(titles(client.get(LIST, {"alliance": "chicago"}))) == 16


def test_the_calendar_is_cached_until_an_event_changes(
    client, calendar, django_capture_on_commit_callbacks
):
    assert client.get(LIST)["X-Page-Cache"] == "miss"
    assert client.get(LIST)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        EventFactory(title="A brand new teach-in")
    response = client.get(LIST)
    assert (
        response["X-Page-Cache"] == "miss" and "A brand new teach-in" in response.content.decode()
    )


def test_event_page_shows_facts_seats_and_no_personal_data(client, calendar):
    event = calendar["discussion"]
    event.capacity = 2
    event.save()
    RsvpFactory(event=event, name="Secret Person", person__email="secret@example.org")
    response = client.get(event.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200 and "private" in response["Cache-Control"]
    assert "1 of 2 seats left" in html and "Chicago Alliance" in html
    assert "Secret Person" not in html and "secret@example.org" not in html
    assert "America/Chicago" in html


def test_event_page_queries_are_bounded(client, calendar, django_assert_max_num_queries):
    event = calendar["discussion"]
    for _ in range(5):
        RsvpFactory(event=event)
    client.get(event.get_absolute_url())  # the site's settings are made on the first request
    with django_assert_max_num_queries(6):
        assert client.get(event.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("name", ["draft", "past"])
def test_unpublished_is_404_and_past_takes_no_rsvp(client, calendar, name):
    event = calendar[name]
    response = client.get(event.get_absolute_url())
    if name == "draft":
        assert response.status_code == 404
        return
    assert "This event has taken place" in response.content.decode()
    response = client.post(event.get_absolute_url(), form())
    assert response.status_code == 403 and not Rsvp.objects.exists()


def test_rsvp_then_thanks_page_says_where_you_stand(
    client, calendar, django_capture_on_commit_callbacks
):
    event = calendar["discussion"]
    event.capacity = 1
    event.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.get_absolute_url(), form())
    assert response.status_code == 302
    assert "Your seat is booked" in client.get(response["Location"]).content.decode()
    other = client.__class__()
    with django_capture_on_commit_callbacks(execute=True):
        response = other.post(event.get_absolute_url(), form(name="Bea", email="bea@example.org"))
    page = other.get(response["Location"]).content.decode()
    assert "You are on the waitlist" in page and "number 1" in page
    assert [m.to for m in mail.outbox] == [["ada@example.org"], ["bea@example.org"]]
    assert "Join the waitlist" in client.get(event.get_absolute_url()).content.decode()


def test_same_email_again_says_already_registered_without_details(client, calendar):
    event = calendar["discussion"]
    client.post(event.get_absolute_url(), form())
    response = client.post(event.get_absolute_url(), form(name="X", email="ADA@example.org"))
    html = response.content.decode()
    assert response.status_code == 200 and "already registered" in html
    assert "Ada Lovelace" not in html and "confirmed" not in html.lower()
    assert Rsvp.objects.count() == 1


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"name": "  "}, "name", "Enter your name."),
        ({"email": "not-an-email"}, "email", "Enter an email address such as name@example.org."),
        ({"email": ""}, "email", "Enter your email address."),
        ({"consent": ""}, "consent", "Tick this box so that we may keep your place."),
        ({"name": "x" * 201}, "name", "at most 200 characters"),
    ],
)
def test_bad_input_is_a_400_that_keeps_what_was_typed(client, calendar, overrides, field, message):
    event = calendar["discussion"]
    data = form(**overrides)
    response = client.post(event.get_absolute_url(), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    html = response.content.decode()
    for name in ("name", "email"):
        if data[name].strip() and len(data[name]) < 200:
            assert re.search(rf'name="{name}"[^>]*value="{re.escape(data[name])}"', html)
    assert not Rsvp.objects.exists()


def test_honeypot_and_rate_limit(client, calendar):
    event = calendar["discussion"]
    response = client.post(event.get_absolute_url(), form(homepage="http://spam.example"))
    assert response.status_code == 302 and not Rsvp.objects.exists()
    for number in range(RSVP_POSTS_PER_WINDOW):
        client.post(event.get_absolute_url(), form(email=f"p{number}@example.org"))
    response = client.post(event.get_absolute_url(), form(email="late@example.org"))
    assert response.status_code == 429 and "Retry-After" in response
    assert 'value="late@example.org"' in response.content.decode()


def test_waitlist_status_is_shown_on_the_thanks_page_as_it_stands(client, calendar):
    event = calendar["discussion"]
    client.post(event.get_absolute_url(), form())
    Rsvp.objects.update(status=RsvpStatus.WAITLISTED)
    page = client.get(reverse("events:rsvp_thanks", args=[event.slug])).content.decode()
    assert "You are on the waitlist" in page


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.dictionaries(
        st.sampled_from(["state", "alliance", "type", "online", "page"]),
        st.text(max_size=12),
        max_size=4,
    )
)
def test_any_query_string_is_a_page_or_a_400(client, calendar, query):
    for path in (LIST, "/events/past/"):
        assert client.get(path, query).status_code in (200, 400)
