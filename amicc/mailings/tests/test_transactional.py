"""Transactional email (every app's confirmations and notices) leaves a delivery record,
goes through the same engine, and is resumed by recovery; test sends too."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from amicc.coalition.tests.factories import PersonFactory, UserFactory
from amicc.core.email import email_send
from amicc.core.tasks import deliver_email
from amicc.events.models import Rsvp
from amicc.events.services.rsvps import rsvp_create
from amicc.events.tests.factories import EventFactory
from amicc.mailings.choices import DeliveryKind, DeliveryStatus, NewsletterStatus
from amicc.mailings.models import Delivery, Newsletter
from amicc.mailings.sending import delivery_send, mailings_recover, transactional_queue
from amicc.mailings.services.audience import suppression_add
from amicc.mailings.services.compose import newsletter_test_send
from amicc.mailings.tests.conftest import newsletter_make, readers_make

pytestmark = pytest.mark.django_db


def test_email_send_records_one_sent_delivery_per_address_linked_to_its_person():
    ada = PersonFactory(email="ada@example.org", name="Ada Lovelace")

    email_send(
        to=["Ada@Example.org", "staff@amicc.example"],
        template="test_message",
        context={"name": "Ada"},
        reply_to=["convener@amicc.example"],
    )

    deliveries = {d.email: d for d in Delivery.objects.all()}
    assert set(deliveries) == {"Ada@Example.org", "staff@amicc.example"}
    to_ada = deliveries["Ada@Example.org"]
    assert to_ada.kind == DeliveryKind.TRANSACTIONAL and to_ada.person == ada
    assert deliveries["staff@amicc.example"].person is None
    assert to_ada.template == "test_message" and to_ada.subject == "A test message from AMICC"
    assert "Hello Ada," in to_ada.body_text and "<p>Hello Ada,</p>" in to_ada.body_html
    for delivery in deliveries.values():
        assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 1
        assert delivery.sent_at is not None
    assert sorted(message.to[0] for message in mail.outbox) == sorted(deliveries)
    message = next(m for m in mail.outbox if m.to == ["Ada@Example.org"])
    assert message.extra_headers["Message-ID"] == to_ada.message_id
    assert message.reply_to == ["convener@amicc.example"]
    assert "List-Unsubscribe" not in message.extra_headers


def test_the_person_is_found_in_one_query(django_assert_num_queries):
    PersonFactory(email="ada@example.org")
    with (
        override_settings(
            TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
        ),
        django_assert_num_queries(2),
    ):  # the person, the insert
        (delivery,) = transactional_queue(
            to=["ADA@example.org"], template="", subject="Hi", text="Hi", html="<p>Hi</p>"
        )
    assert delivery.person.email == "ada@example.org" and delivery.status == DeliveryStatus.QUEUED


def test_an_invalid_address_is_recorded_failed_and_the_others_still_go():
    deliveries = transactional_queue(
        to=["not an address", "ok@example.org"],
        template="",
        subject="Hi",
        text="Hi",
        html="<p>Hi</p>",
    )
    bad, good = deliveries
    bad.refresh_from_db()
    assert bad.status == DeliveryStatus.FAILED and "not a valid email address" in bad.reason
    assert good.__class__.objects.get(pk=good.pk).status == DeliveryStatus.SENT
    assert [message.to for message in mail.outbox] == [["ok@example.org"]]


def test_an_rsvp_confirmation_goes_over_smtp_and_is_recorded_sent(smtp_sink, send):
    event = EventFactory()

    send(rsvp_create, event=event, name="Ada Lovelace", email="ada@example.org")

    rsvp = Rsvp.objects.get()
    delivery = Delivery.objects.get(kind=DeliveryKind.TRANSACTIONAL)
    assert delivery.person == rsvp.person and delivery.status == DeliveryStatus.SENT
    assert delivery.subject == f"Your seat is booked: {event.title}"
    (message,) = smtp_sink.messages
    assert message.rcpt_tos == ["ada@example.org"]
    assert message.message_id == delivery.message_id
    parsed = message.parsed()
    assert parsed["Subject"] == delivery.subject
    assert "/events/rsvp/cancel/" in parsed.get_body(("plain",)).get_content()


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def test_only_a_hard_bounce_stops_a_transactional_message():
    """Someone who left every newsletter still gets the confirmation of what they did."""
    suppression_add(email="left@example.org", reason="unsubscribed", source="test")
    suppression_add(email="bounced@example.org", reason="hard_bounce", source="test")

    email_send(to=["left@example.org", "bounced@example.org"], template="test_message", context={})

    assert dict(Delivery.objects.values_list("email", "status")) == {
        "left@example.org": DeliveryStatus.SENT,
        "bounced@example.org": DeliveryStatus.SKIPPED,
    }
    assert [message.to for message in mail.outbox] == [["left@example.org"]]


def test_a_refused_transactional_message_waits_and_recovery_sends_it(smtp_sink):
    smtp_sink.rcpt_reply = lambda address: "451 4.3.0 Try again"

    email_send(to=["ada@example.org"], template="test_message", context={})

    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.QUEUED and delivery.attempts == 1
    assert delivery.next_attempt_at > timezone.now() and "451" in delivery.reason
    smtp_sink.rcpt_reply = None
    assert mailings_recover() == 0  # not due yet
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    Delivery.objects.update(next_attempt_at=long_ago, updated_at=long_ago)

    assert mailings_recover() == 1

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 2
    assert smtp_sink.recipients() == {"ada@example.org": 1}


def test_recovery_resumes_interrupted_messages_and_never_resends_a_handed_over_one(smtp_sink):
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ):
        queued, sending, handed = transactional_queue(
            to=["q@example.org", "s@example.org", "h@example.org"],
            template="",
            subject="Hi",
            text="Hi",
            html="<p>Hi</p>",
        )
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    Delivery.objects.filter(pk=sending.pk).update(status="sending", attempts=1)
    Delivery.objects.filter(pk=handed.pk).update(status="handover", attempts=1)
    Delivery.objects.update(updated_at=long_ago)
    Delivery.objects.create(kind="transactional", email="fresh@example.org", subject="Hi")
    lines = []

    assert mailings_recover(log=lines.append) == 2

    assert dict(Delivery.objects.values_list("email", "status")) == {
        "q@example.org": "sent",
        "s@example.org": "sent",
        "h@example.org": "uncertain",
        "fresh@example.org": "queued",  # its own task is on its way
    }
    assert smtp_sink.recipients() == {"q@example.org": 1, "s@example.org": 1}
    assert lines == [
        "Marked 1 interrupted message(s) as sent, not confirmed.",
        "Queued 2 waiting message(s) again (1 were interrupted).",
    ]


def test_recovery_starts_due_schedules_and_resumes_abandoned_sends(smtp_sink, settings, capsys):
    settings.AMICC_MAIL_RATE = 0
    emails = readers_make(2)
    due = newsletter_make(
        status=NewsletterStatus.SCHEDULED, scheduled_at=timezone.now() - datetime.timedelta(1)
    )
    later = newsletter_make(
        status=NewsletterStatus.SCHEDULED, scheduled_at=timezone.now() + datetime.timedelta(1)
    )
    abandoned = newsletter_make()  # sending, no lease: its task was lost
    held = newsletter_make()
    Newsletter.objects.filter(pk=held.pk).update(
        sender_token="mail-2:1:abc", sender_heartbeat_at=timezone.now()
    )

    call_command("send_newsletters")

    output = capsys.readouterr().out
    assert f"Started the scheduled newsletter {due.pk}" in output
    assert f"Resumed the newsletter {abandoned.pk}" in output
    assert output.strip().endswith("2 task(s) queued for the worker.")
    states = dict(Newsletter.objects.values_list("pk", "status"))
    assert states == {
        due.pk: "sent",
        later.pk: "scheduled",
        abandoned.pk: "sent",
        held.pk: "sending",
    }
    assert smtp_sink.recipients() == dict.fromkeys(emails, 2)  # two newsletters each


def test_a_test_send_is_its_own_delivery_and_not_part_of_the_newsletter(settings):
    settings.AMICC_MAIL_RATE = 0
    readers_make(1)
    newsletter = newsletter_make(status=NewsletterStatus.DRAFT)
    user = UserFactory(email="editor@amicc.example", is_superuser=True, is_staff=True)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    test = newsletter_test_send(newsletter=newsletter, user=user)
    Newsletter.objects.filter(pk=newsletter.pk).update(status=NewsletterStatus.SENDING)
    from amicc.mailings.sending import newsletter_deliver

    newsletter_deliver(newsletter_id=newsletter.pk)
    assert Delivery.objects.get(pk=test.pk).status == DeliveryStatus.QUEUED

    delivery_send(delivery_id=test.pk)

    test.refresh_from_db()
    assert test.kind == DeliveryKind.TEST and test.status == DeliveryStatus.SENT
    assert [message.to for message in mail.outbox][-1] == [f"{test.name} <editor@amicc.example>"]
    assert mail.outbox[-1].subject.startswith("[Test] ")


def test_a_task_queued_before_delivery_records_is_recorded_and_sent():
    deliver_email.call(
        to=["ada@example.org"], subject="Hi", text="Hi", html="<p>Hi</p>", reply_to=[]
    )
    assert Delivery.objects.get().status == DeliveryStatus.SENT
    assert mail.outbox[0].to == ["ada@example.org"]
