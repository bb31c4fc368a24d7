"""/api/v1/rsvps: read within reach; staff keys register and cancel through the RSVP services."""

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from amicc.coalition.models import ConsentRecord
from amicc.coalition.services.privacy import person_erase
from amicc.coalition.tests.admin_fixtures import coalition_fixture  # noqa: F401
from amicc.events.models import Rsvp
from amicc.events.tests.factories import EventFactory, RsvpFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(coalition):
    able = EventFactory(title="Able talk", alliance=coalition.alliance_a, capacity=1)
    baker = EventFactory(title="Baker talk", alliance=coalition.alliance_b)
    return {
        "a": able,
        "b": baker,
        "rsvp_a": RsvpFactory(event=able, name="Amy Able", person__email="amy@example.org"),
        "rsvp_b": RsvpFactory(event=baker, name="Ben Baker"),
    }


def registration(event, **fields) -> dict:
    return {
        "event": event.pk,
        "name": "Nia New",
        "email": "nia@example.org",
        "consent": True,
        **fields,
    }


def test_a_coordinator_key_reads_their_events_rsvps_without_emails(
    coalition, events, make_key, key_api
):
    api = key_api(make_key(coalition.coordinator, scope="read"))
    body = api.get("/rsvps").json()
    assert [(rsvp["name"], rsvp["email"]) for rsvp in body["results"]] == [("Amy Able", None)]
    assert body["results"][0]["event"]["title"] == "Able talk"
    assert api.get(f"/rsvps/{events['rsvp_b'].pk}").status_code == 404


def test_a_staff_key_reads_every_rsvp_with_emails(coalition, events, make_key, key_api):
    api = key_api(make_key(coalition.staff, scope="read"))
    body = api.get("/rsvps", event=events["a"].pk).json()
    assert [(rsvp["name"], rsvp["email"]) for rsvp in body["results"]] == [
        ("Amy Able", "amy@example.org")
    ]
    assert api.get("/rsvps").json()["count"] == 2


def test_erased_peoples_rsvps_never_appear(coalition, events, make_key, key_api):
    person_erase(person=events["rsvp_b"].person, by=coalition.staff)
    api = key_api(make_key(coalition.staff, scope="read"))
    assert [rsvp["name"] for rsvp in api.get("/rsvps").json()["results"]] == ["Amy Able"]
    assert api.get(f"/rsvps/{events['rsvp_b'].pk}").status_code == 404


def test_a_staff_key_registers_someone_through_the_service(
    coalition, events, make_key, key_api, django_capture_on_commit_callbacks
):
    api = key_api(make_key(coalition.staff))
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/rsvps", registration(events["b"], wants_newsletter=True))
    assert response.status_code == 201, response.content
    rsvp = Rsvp.objects.get(pk=response.json()["id"])
    assert (rsvp.status, rsvp.person.email) == ("confirmed", "nia@example.org")
    assert set(
        ConsentRecord.objects.filter(person=rsvp.person).values_list("purpose", flat=True)
    ) == {
        "data_processing",
        "newsletter",
    }
    assert [message.to for message in mail.outbox] == [["nia@example.org"]]
    entry = ModelLogEntry.objects.for_instance(rsvp).get()
    assert (entry.action, entry.user) == ("wagtail.create", coalition.staff)

    again = api.post("/rsvps", registration(events["b"]))
    assert again.status_code == 200 and again.json()["id"] == rsvp.pk


def test_a_full_event_puts_the_next_person_on_the_waitlist(coalition, events, make_key, key_api):
    api = key_api(make_key(coalition.staff))
    response = api.post("/rsvps", registration(events["a"]))
    assert response.json()["status"] == "waitlisted"


def test_registration_rules_answer_422_or_409(coalition, events, make_key, key_api):
    api = key_api(make_key(coalition.staff))
    no_consent = api.post("/rsvps", registration(events["b"], consent=False))
    assert no_consent.status_code == 422
    assert [error["loc"][-1] for error in no_consent.json()["errors"]] == ["consent"]
    bad_email = api.post("/rsvps", registration(events["b"], email="not-an-email"))
    assert bad_email.status_code == 422
    assert bad_email.json()["errors"] == [
        {
            "loc": ["body", "payload", "email"],
            "msg": "Enter an email address such as name@example.org.",
        }
    ]
    unknown = api.post("/rsvps", {**registration(events["b"]), "event": 999_999})
    assert unknown.status_code == 404
    assert unknown.json() == {"detail": "No event with id 999999 for this key."}

    unpublished = EventFactory(alliance=coalition.alliance_b, is_published=False)
    closed = api.post("/rsvps", registration(unpublished))
    assert closed.status_code == 409
    assert closed.json() == {"detail": "This event is not open for RSVPs."}
    assert not Rsvp.objects.filter(name="Nia New").exists()


def test_coordinators_and_read_only_keys_cannot_register(coalition, events, make_key, key_api):
    coordinator = key_api(make_key(coalition.coordinator))
    response = coordinator.post("/rsvps", registration(events["a"]))
    assert response.status_code == 403
    assert response.json() == {"detail": "This key's owner may not register people for events."}
    assert coordinator.post(f"/rsvps/{events['rsvp_a'].pk}/cancel").status_code == 403
    read_only = key_api(make_key(coalition.staff, scope="read"))
    assert read_only.post("/rsvps", registration(events["a"])).status_code == 403
    assert Rsvp.objects.count() == 2


def test_cancelling_gives_the_seat_to_the_waitlist_and_is_logged(
    coalition, events, make_key, key_api
):
    waiting = RsvpFactory(event=events["a"], name="Wes Waiting", status="waitlisted")
    api = key_api(make_key(coalition.staff))
    response = api.post(f"/rsvps/{events['rsvp_a'].pk}/cancel")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelled"
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    entry = ModelLogEntry.objects.for_instance(events["rsvp_a"]).get()
    assert (entry.action, entry.user) == ("api.rsvp_cancel", coalition.staff)

    again = api.post(f"/rsvps/{events['rsvp_a'].pk}/cancel")
    assert again.status_code == 200
    assert ModelLogEntry.objects.for_instance(events["rsvp_a"]).count() == 1


def test_an_rsvp_to_an_event_under_way_cannot_be_cancelled(coalition, make_key, key_api):
    started = EventFactory(alliance=coalition.alliance_a, starts_at=in_days(-0.1, hour=None))
    rsvp = RsvpFactory(event=started)
    response = key_api(make_key(coalition.staff)).post(f"/rsvps/{rsvp.pk}/cancel")
    assert response.status_code == 409
    rsvp.refresh_from_db()
    assert rsvp.status == "confirmed"
