"""Staff's mailings records in the admin: segments, deliveries, suppressions, provider events."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from amicc.coalition.models import Person
from amicc.mailings.choices import (
    DeliveryKind,
    ListKind,
    MailEventType,
    SuppressionReason,
)
from amicc.mailings.models import Delivery, MailEvent, MailingList, Suppression
from amicc.mailings.tests.test_compose_fixtures import (  # noqa: F401
    Mailing,
    coalition_fixture,
    mailing_fixture,
)

pytestmark = pytest.mark.django_db


def url(model, name: str, *args) -> str:
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


def logged(obj, action: str) -> bool:
    return ModelLogEntry.objects.filter(
        object_id=str(obj.pk), action=action, content_type__model=obj._meta.model_name
    ).exists()


def segment_data(**overrides) -> dict:
    return {
        "name": "New York supporters",
        "slug": "new-york-supporters",
        "description": "",
        "purpose": "alliance_updates",
        "alliance": "",
        "filter_state": "NY",
        "filter_district": "",
        "filter_constituency": "",
        "filter_joined_since": "",
        "is_active": "on",
        **overrides,
    }


def test_staff_create_a_segment_and_see_its_recipient_count(client, coalition, mailing):
    client.force_login(coalition.staff)
    response = client.post(url(MailingList, "add"), segment_data())
    assert response.status_code == 302, response.context["form"].errors
    segment = MailingList.objects.get(slug="new-york-supporters")
    assert segment.kind == ListKind.SEGMENT and segment.created_by == coalition.staff
    assert logged(segment, "wagtail.create")
    html = client.get(url(MailingList, "list")).content.decode()
    assert "New York supporters" in html and "Recipients now" in html
    # Amy, Cora and Ben all live in NY (the factory's ZIP) and agreed to alliance updates.
    inspect = client.get(url(MailingList, "inspect", segment.pk)).content.decode()
    assert "Recipients now" in inspect and ">3<" in inspect.replace("\n", "").replace(" ", "")


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"filter_state": "", "filter_district": "10"}, "filter_district", "needs a state"),
        ({"filter_district": "99"}, "filter_district", "less than or equal to 53"),
        ({"filter_district": "ten"}, "filter_district", "Enter a whole number"),
        ({"filter_state": "ZZ"}, "filter_state", "Select a valid choice"),
        ({"filter_joined_since": "2999-01-01"}, "filter_joined_since", "in the future"),
        ({"slug": "coalition-newsletter"}, "slug", "already exists"),
        ({"name": ""}, "name", "This field is required"),
    ],
)
def test_segment_errors_are_shown_not_500s(client, coalition, overrides, field, message):
    client.force_login(coalition.staff)
    response = client.post(url(MailingList, "add"), segment_data(**overrides))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert message in " ".join(errors.get(field, [])), errors
    assert not MailingList.objects.filter(slug="new-york-supporters").exists()


def test_a_built_in_list_keeps_its_rules(client, coalition, mailing):
    client.force_login(coalition.staff)
    form = client.get(url(MailingList, "edit", mailing.list_a.pk)).context["form"]
    assert form.fields["alliance"].disabled and form.fields["filter_state"].disabled
    data = segment_data(name="Able people", slug=mailing.list_a.slug, alliance=mailing.list_b.pk)
    response = client.post(url(MailingList, "edit", mailing.list_a.pk), data)
    assert response.status_code == 302, response.context["form"].errors
    mailing.list_a.refresh_from_db()
    assert mailing.list_a.name == "Able people"
    assert mailing.list_a.alliance == coalition.alliance_a and mailing.list_a.filter_state == ""


def test_deliveries_filtered_by_person_kind_status_and_email(client, coalition, mailing):
    amy = Delivery.objects.create(
        kind=DeliveryKind.TRANSACTIONAL,
        person=mailing.amy,
        email="amy@example.org",
        subject="Your seat is booked",
        body_text="See you on Tuesday.",
        body_html="<p>See you on <b>Tuesday</b>.</p>",
        status="sent",
    )
    Delivery.objects.create(
        kind=DeliveryKind.NEWSLETTER,
        newsletter=mailing.draft_a,
        person=mailing.cora,
        email="cora@example.org",
        context={"name": "Cora Coordinator"},
        status="failed",
        reason="550 Unknown",
    )
    client.force_login(coalition.staff)
    listing = url(Delivery, "list")
    for params, expected in [
        ({"person": mailing.amy.pk}, ["amy@example.org"]),
        ({"kind": "newsletter"}, ["cora@example.org"]),
        ({"status": "failed"}, ["cora@example.org"]),
        ({"q": "AMY@"}, ["amy@example.org"]),
        ({"newsletter": mailing.draft_a.pk}, ["cora@example.org"]),
        ({"person": "not-a-number"}, ["amy@example.org", "cora@example.org"]),
    ]:
        response = client.get(listing, params)
        assert response.status_code == 200
        emails = sorted(delivery.email for delivery in response.context["object_list"])
        assert emails == expected, params
    html = client.get(url(Delivery, "inspect", amy.pk)).content.decode()
    assert "Your seat is booked" in html and "See you on Tuesday." in html
    assert "sandbox srcdoc=" in html and "&lt;b&gt;Tuesday&lt;/b&gt;" in html


def test_a_persons_page_links_staff_to_the_messages_sent_to_them(client, coalition, mailing):
    inspect = reverse(Person.snippet_viewset.get_url_name("inspect"), args=[mailing.amy.pk])
    link = f"{url(Delivery, 'list')}?person={mailing.amy.pk}"
    client.force_login(coalition.staff)
    html = client.get(inspect).content.decode()
    assert "Messages sent to this person" in html and link in html
    client.force_login(coalition.coordinator)
    assert "Messages sent to this person" not in client.get(inspect).content.decode()


def test_staff_suppress_an_address_by_hand(client, coalition):
    client.force_login(coalition.staff)
    data = {"email": " Someone@Example.org ", "reason": "manual", "note": "Asked by phone."}
    response = client.post(url(Suppression, "add"), data)
    assert response.status_code == 302, response.context["form"].errors
    suppression = Suppression.objects.get()
    assert suppression.email == "someone@example.org"
    assert suppression.reason == SuppressionReason.MANUAL and suppression.note == "Asked by phone."
    assert suppression.created_by == coalition.staff and logged(suppression, "wagtail.create")
    # Adding it again is harmless: the first record stays.
    assert client.post(url(Suppression, "add"), data).status_code == 302
    assert Suppression.objects.count() == 1
    response = client.post(url(Suppression, "add"), {**data, "email": "not an address"})
    assert response.status_code == 400 and "email" in response.context["form"].errors


@pytest.mark.parametrize(
    "event_type, reason",
    [
        (MailEventType.BOUNCED, SuppressionReason.HARD_BOUNCE),
        (MailEventType.COMPLAINED, SuppressionReason.COMPLAINT),
    ],
)
def test_staff_record_a_bounce_or_complaint_by_hand(client, coalition, event_type, reason):
    client.force_login(coalition.staff)
    data = {
        "email": "Gone@example.org",
        "event_type": event_type,
        "description": "Forwarded by the member.",
        "occurred_at": "",
    }
    response = client.post(url(MailEvent, "add"), data)
    assert response.status_code == 302, response.context["form"].errors
    event = MailEvent.objects.get()
    assert event.email == "gone@example.org" and event.recorded_by == coalition.staff
    assert Suppression.objects.get(email="gone@example.org").reason == reason
    assert logged(event, "wagtail.create")


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"email": "nobody"}, "email"),
        ({"event_type": "delivered"}, "event_type"),
        ({"occurred_at": "2999-01-01 10:00"}, "occurred_at"),
        ({"occurred_at": "yesterday"}, "occurred_at"),
    ],
)
def test_bad_hand_recorded_events_are_refused(client, coalition, overrides, field):
    client.force_login(coalition.staff)
    data = {"email": "gone@example.org", "event_type": "bounced", "description": "", **overrides}
    response = client.post(url(MailEvent, "add"), data)
    assert response.status_code == 400 and field in response.context["form"].errors
    assert not MailEvent.objects.exists() and not Suppression.objects.exists()
