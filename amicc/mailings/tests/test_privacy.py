"""The emails sent to a person in their data export, and what erasure keeps of them."""

import pytest
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from amicc.coalition.services.privacy import person_erase, person_export
from amicc.coalition.tests.factories import PersonFactory, UserFactory
from amicc.mailings.choices import DeliveryKind, DeliveryStatus, MailEventType, SuppressionReason
from amicc.mailings.models import Delivery, ListOptOut, MailEvent, MailingList, Newsletter
from amicc.mailings.services.audience import SKIP_ERASED, deliveries_queue, suppression_add
from amicc.mailings.services.subscriptions import list_leave

pytestmark = pytest.mark.django_db


@pytest.fixture
def history():
    """Ada got a newsletter and two notifications (one sent without naming her), left the
    action alerts and complained once; Bea got the same newsletter."""
    ada = PersonFactory(email="ada@example.org", name="Ada Lovelace", wants_newsletter=True)
    PersonFactory(email="bea@example.org", name="Bea", wants_newsletter=True)
    mailing_list = MailingList.objects.get(slug="coalition-newsletter")
    newsletter = Newsletter.objects.create(
        title="May", slug="may", subject="News in May", mailing_list=mailing_list
    )
    deliveries_queue(newsletter=newsletter)
    Delivery.objects.filter(email="ada@example.org").update(status=DeliveryStatus.SENT)
    common = {"kind": DeliveryKind.TRANSACTIONAL, "body_text": "Dear Ada", "body_html": "<p>Ada"}
    linked = Delivery.objects.create(
        person=ada, email="ada@example.org", subject="Your RSVP, Ada", **common
    )
    unlinked = Delivery.objects.create(email="Ada@example.org", subject="Your letter", **common)
    list_leave(
        email="ada@example.org",
        mailing_list=MailingList.objects.get(slug="action-alerts"),
        source="unsubscribe link",
    )
    MailEvent.objects.create(
        esp="Postmark",
        event_id="1",
        event_type=MailEventType.COMPLAINED,
        email="ada@example.org",
        delivery=linked,
        description="ada@example.org marked it as spam",
    )
    suppression_add(email="ada@example.org", reason=SuppressionReason.COMPLAINT, source="test")
    return ada, linked, unlinked


def test_the_export_lists_deliveries_lists_left_and_suppression(history):
    ada, _linked, _unlinked = history
    data = person_export(person=ada, by=UserFactory(staff=True))["emails"]
    assert [(row["kind"], row["subject"], row["status"]) for row in data["deliveries"]] == [
        (DeliveryKind.NEWSLETTER, "News in May", DeliveryStatus.SENT),
        (DeliveryKind.TRANSACTIONAL, "Your RSVP, Ada", DeliveryStatus.QUEUED),
    ]
    assert data["deliveries"][0]["created_at"] and "sent_at" in data["deliveries"][0]
    assert [row["list"] for row in data["lists_left"]] == ["Action alerts"]
    assert data["suppression"]["reason"] == SuppressionReason.COMPLAINT


def test_erasure_blanks_the_deliveries_and_keeps_the_counts(history):
    ada, linked, unlinked = history
    staff = UserFactory(staff=True)
    log(instance=linked, action="wagtail.edit", user=staff)
    assert Delivery.objects.count() == 4

    person_erase(person=ada, by=staff)

    assert Delivery.objects.count() == 4
    for delivery in Delivery.objects.exclude(email="bea@example.org"):
        assert delivery.email == f"erased-{delivery.pk}@erased.invalid"
        assert (delivery.name, delivery.subject, delivery.body_text, delivery.body_html) == (
            ("", "", "", "")
        )
        assert delivery.context == {}
    assert Delivery.objects.get(pk=unlinked.pk).person is None
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 1
    # The notifications still waiting will not go out.
    waiting = Delivery.objects.filter(pk__in=[linked.pk, unlinked.pk])
    assert set(waiting.values_list("status", "reason")) == {(DeliveryStatus.SKIPPED, SKIP_ERASED)}
    bea = Delivery.objects.get(email="bea@example.org")
    assert bea.context["name"] == "Bea"
    event = MailEvent.objects.get()
    assert (event.email, event.description) == ("erased@erased.invalid", "")
    assert not ModelLogEntry.objects.filter(label__icontains="ada").exists()
    # What keeps the address from being mailed again stays.
    assert ListOptOut.objects.filter(email="ada@example.org").exists()
