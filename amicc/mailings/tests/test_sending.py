"""The sending engine against a real SMTP server (aiosmtpd): delivery, rate, retries,
refusals, recovery of an interrupted send, the lease, cancellation and suppression."""

import datetime
import socket
import subprocess
import threading
import time

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from amicc.coalition.models import Person
from amicc.mailings import handover, newsletter_run, tokens
from amicc.mailings.choices import DeliveryStatus, NewsletterStatus, SuppressionReason
from amicc.mailings.mime import OutgoingMessage
from amicc.mailings.models import Delivery, ListOptOut, Newsletter, Suppression
from amicc.mailings.sending import newsletter_deliver
from amicc.mailings.services.audience import deliveries_queue, suppression_add
from amicc.mailings.services.compose import newsletter_cancel
from amicc.mailings.tests.conftest import newsletter_make, readers_make
from amicc.mailings.tests.smtp_sink import SmtpSink

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _unlimited_rate(settings):
    settings.AMICC_MAIL_RATE = 0


def statuses(newsletter: Newsletter) -> dict[str, str]:
    return dict(newsletter.deliveries.values_list("email", "status"))


def dead_pid() -> int:
    process = subprocess.Popen(["true"])  # noqa: S607
    process.wait()
    return process.pid


def test_every_reader_gets_one_personal_message_with_one_click_unsubscribe(smtp_sink):
    emails = readers_make(5)
    newsletter = newsletter_make()

    newsletter_deliver(newsletter_id=newsletter.pk)

    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.SENT
    assert newsletter.finished_at and newsletter.queued_at and newsletter.total_recipients == 5
    assert newsletter.sender_token == ""
    assert smtp_sink.recipients() == dict.fromkeys(emails, 1)
    deliveries = {delivery.email: delivery for delivery in newsletter.deliveries.all()}
    for message in smtp_sink.messages:
        delivery = deliveries[message.rcpt_tos[0]]
        assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 1
        assert delivery.sent_at is not None and delivery.reason == ""
        parsed = message.parsed()
        assert message.message_id == delivery.message_id == parsed["Message-ID"]
        assert message.mail_from == "noreply@amicc.example"
        assert parsed["To"] == f"{delivery.name} <{delivery.email}>"
        assert parsed["Subject"] == "News from the coalition"
        # The link is signed with the second it was made in: read it back, don't rebuild it.
        unsubscribe = parsed["List-Unsubscribe"].removeprefix("<").removesuffix(">")
        token = unsubscribe.removesuffix("/").rsplit("/", 1)[1]
        assert unsubscribe == settings.SITE_URL + reverse(
            "mailings:unsubscribe", kwargs={"token": token}
        )
        claim = tokens.unsubscribe_token_read(token)
        assert (claim.email, claim.list_id) == (delivery.email, newsletter.mailing_list_id)
        assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert parsed["List-Id"] == "Coalition newsletter <coalition-newsletter.amicc.example>"
        text = parsed.get_body(("plain",)).get_content()
        assert f"Dear {delivery.name}," in text and unsubscribe in text
        assert "The Assembly of States Parties meets" in parsed.get_body(("html",)).get_content()


def test_the_rate_spaces_messages_on_a_monotonic_clock(smtp_sink, settings):
    settings.AMICC_MAIL_RATE = 20
    readers_make(8)
    newsletter = newsletter_make()
    arrivals = []
    smtp_sink.on_message = lambda message: arrivals.append(time.monotonic())

    newsletter_deliver(newsletter_id=newsletter.pk)

    assert len(arrivals) == 8
    gaps = [later - earlier for earlier, later in zip(arrivals, arrivals[1:], strict=False)]
    assert min(gaps) > 0.035  # 50 ms apart, less the server's own jitter
    assert arrivals[-1] - arrivals[0] >= 7 * 0.05 - 0.02


def test_a_temporary_refusal_is_retried_after_a_backoff_and_sent_once(smtp_sink):
    emails = readers_make(4)
    newsletter = newsletter_make()
    refused = {emails[1], emails[3]}
    smtp_sink.rcpt_reply = lambda address: (
        "451 4.7.1 Greylisted, try again later" if address in refused else None
    )
    before = timezone.now()

    newsletter_deliver(newsletter_id=newsletter.pk)

    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.SENDING  # waiting for the retries
    assert newsletter.sender_token == ""
    waiting = newsletter.deliveries.filter(email__in=refused)
    for delivery in waiting:
        assert delivery.status == DeliveryStatus.QUEUED and delivery.attempts == 1
        assert delivery.reason == "RCPT: 451 4.7.1 Greylisted, try again later"
        delay = delivery.next_attempt_at - before
        assert datetime.timedelta(seconds=44) < delay < datetime.timedelta(seconds=76)
    assert newsletter.sender_heartbeat_at == min(d.next_attempt_at for d in waiting)
    assert smtp_sink.recipients() == {emails[0]: 1, emails[2]: 1}

    smtp_sink.rcpt_reply = None
    waiting.update(next_attempt_at=timezone.now())
    newsletter_deliver(newsletter_id=newsletter.pk)

    assert smtp_sink.recipients() == dict.fromkeys(emails, 1)
    assert dict(newsletter.deliveries.values_list("email", "attempts")) == {
        emails[0]: 1, emails[1]: 2, emails[2]: 1, emails[3]: 2,
    }  # fmt: skip
    assert set(statuses(newsletter).values()) == {DeliveryStatus.SENT}
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.SENT


def test_a_message_always_refused_for_now_fails_after_the_last_attempt(smtp_sink, monkeypatch):
    monkeypatch.setattr(handover, "RETRY_BASE", 0.01)
    (email,) = readers_make(1)
    newsletter = newsletter_make()
    smtp_sink.rcpt_reply = lambda address: "452 4.2.2 Mailbox full"

    newsletter_deliver(newsletter_id=newsletter.pk)

    delivery = newsletter.deliveries.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == handover.MAX_ATTEMPTS
    assert delivery.reason == "Gave up after 6 attempts. Last: RCPT: 452 4.2.2 Mailbox full"
    assert smtp_sink.messages == []
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.SENT


def test_an_unknown_mailbox_fails_and_is_suppressed_but_a_policy_refusal_is_not(smtp_sink):
    emails = readers_make(3)
    newsletter = newsletter_make()
    replies = {
        emails[0]: "550 5.1.1 No such user here",
        emails[1]: "550 5.7.1 Message refused by policy",
    }
    smtp_sink.rcpt_reply = replies.get

    newsletter_deliver(newsletter_id=newsletter.pk)

    unknown, policy, fine = (newsletter.deliveries.get(email=email) for email in emails)
    assert unknown.status == DeliveryStatus.FAILED
    assert unknown.reason == "RCPT: 550 5.1.1 No such user here"
    assert policy.status == DeliveryStatus.FAILED and fine.status == DeliveryStatus.SENT
    suppression = Suppression.objects.get()
    assert suppression.email == emails[0]
    assert suppression.reason == SuppressionReason.HARD_BOUNCE
    assert smtp_sink.recipients() == {emails[2]: 1}


def test_a_server_that_dies_after_the_dot_leaves_the_message_uncertain_never_resent(smtp_sink):
    emails = readers_make(3)
    newsletter = newsletter_make()
    smtp_sink.data_reply = lambda message: (
        SmtpSink.DROP if message.rcpt_tos == [emails[1]] else None
    )

    newsletter_deliver(newsletter_id=newsletter.pk)
    smtp_sink.data_reply = None
    newsletter_deliver(newsletter_id=newsletter.pk)

    uncertain = newsletter.deliveries.get(email=emails[1])
    assert uncertain.status == DeliveryStatus.UNCERTAIN
    assert "went away after receiving the whole message" in uncertain.reason
    assert statuses(newsletter)[emails[0]] == statuses(newsletter)[emails[2]] == "sent"
    assert smtp_sink.recipients() == dict.fromkeys(emails, 1)


def test_a_server_stopped_mid_send_and_restarted_gets_every_message_once(smtp_sink, monkeypatch):
    monkeypatch.setattr(newsletter_run, "SERVER_DOWN_WAITS", (0.3, 0.5, 1, 1, 2, 3))
    monkeypatch.setattr(handover, "RETRY_BASE", 0.2)
    emails = readers_make(40)
    newsletter = newsletter_make()
    restarts = []

    def restart():
        smtp_sink.stop()
        time.sleep(1)
        smtp_sink.start()

    def on_message(message):
        if len(smtp_sink.messages) == 12 and not restarts:
            restarts.append(threading.Thread(target=restart))
            restarts[0].start()

    smtp_sink.on_message = on_message

    newsletter_deliver(newsletter_id=newsletter.pk)
    restarts[0].join()

    received = smtp_sink.recipients()
    assert set(received.values()) == {1}  # nobody twice
    status = dict(newsletter.deliveries.values_list("email", "status"))
    assert set(status.values()) <= {DeliveryStatus.SENT, DeliveryStatus.UNCERTAIN}
    assert all(email in received for email, value in status.items() if value == "sent")
    # Only the messages whose final dot was written as the server stopped (one group, a
    # message per connection) can be missing: whether that server kept them is unknown, so
    # they are UNCERTAIN and never sent again.
    missing = set(emails) - set(received)
    assert all(status[email] == "uncertain" for email in missing)
    assert len(missing) <= newsletter_run.SMTP_CONNECTIONS
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.SENT


def test_an_unreachable_server_stops_the_send_which_resumes_later(monkeypatch, settings):
    monkeypatch.setattr(newsletter_run, "SERVER_DOWN_WAITS", (0.1, 0.1))
    sink = SmtpSink().start()
    port = sink.port
    sink.stop()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    emails = readers_make(3)
    newsletter = newsletter_make()

    newsletter_deliver(newsletter_id=newsletter.pk)

    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.SENDING and newsletter.sender_token == ""
    assert newsletter.sender_heartbeat_at > timezone.now() + datetime.timedelta(seconds=90)
    assert set(newsletter.deliveries.values_list("status", "attempts")) == {("queued", 0)}

    sink.start()  # same port
    try:
        newsletter_deliver(newsletter_id=newsletter.pk)
    finally:
        sink.stop()
    assert sink.recipients() == dict.fromkeys(emails, 1)
    assert set(newsletter.deliveries.values_list("status", "attempts")) == {("sent", 1)}


def test_recovery_requeues_what_never_reached_the_server_and_never_resends_a_handover(
    smtp_sink,
):
    emails = readers_make(4)
    newsletter = newsletter_make()
    deliveries_queue(newsletter=newsletter)
    rows = {delivery.email: delivery for delivery in newsletter.deliveries.all()}
    # What a worker killed mid-send leaves: its lease, one row being written to the
    # server, one handed over (the dot written or about to be), one already sent.
    Newsletter.objects.filter(pk=newsletter.pk).update(
        sender_token=f"{socket.gethostname()}:{dead_pid()}:killed",
        sender_heartbeat_at=timezone.now(),
    )
    Delivery.objects.filter(pk=rows[emails[0]].pk).update(status="sending", attempts=1)
    Delivery.objects.filter(pk=rows[emails[1]].pk).update(status="handover", attempts=1)
    Delivery.objects.filter(pk=rows[emails[2]].pk).update(status="sent", attempts=1)

    newsletter_deliver(newsletter_id=newsletter.pk)

    assert statuses(newsletter) == {
        emails[0]: "sent", emails[1]: "uncertain", emails[2]: "sent", emails[3]: "sent",
    }  # fmt: skip
    assert "most likely delivered" in newsletter.deliveries.get(email=emails[1]).reason
    assert newsletter.deliveries.get(email=emails[0]).attempts == 2
    assert smtp_sink.recipients() == {emails[0]: 1, emails[3]: 1}


@pytest.mark.parametrize("holder", ["other host", "live process here"])
def test_a_live_lease_holder_keeps_the_send_to_itself(smtp_sink, holder):
    readers_make(2)
    newsletter = newsletter_make()
    host, pid = ("mail-2", 4242) if holder == "other host" else (socket.gethostname(), 1)
    token = f"{host}:{pid}:abc"
    Newsletter.objects.filter(pk=newsletter.pk).update(
        sender_token=token, sender_heartbeat_at=timezone.now()
    )

    newsletter_deliver(newsletter_id=newsletter.pk)

    assert smtp_sink.messages == []
    newsletter.refresh_from_db()
    assert newsletter.sender_token == token and newsletter.queued_at is None


def test_an_expired_lease_is_taken_over(smtp_sink):
    emails = readers_make(2)
    newsletter = newsletter_make()
    Newsletter.objects.filter(pk=newsletter.pk).update(
        sender_token="mail-2:4242:abc",
        sender_heartbeat_at=timezone.now() - newsletter_run.LEASE - datetime.timedelta(seconds=1),
    )

    newsletter_deliver(newsletter_id=newsletter.pk)

    assert smtp_sink.recipients() == dict.fromkeys(emails, 1)


def test_a_sender_that_lost_its_lease_cannot_hand_over_a_taken_row(smtp_sink):
    """The attempt number fences a stalled sender off the rows its successor re-sent."""
    (email,) = readers_make(1)
    newsletter = newsletter_make()
    deliveries_queue(newsletter=newsletter)
    delivery = newsletter.deliveries.get()
    Delivery.objects.filter(pk=delivery.pk).update(status="sending", attempts=2)
    delivery.attempts = 1  # what the stalled sender claimed before it was overtaken
    message = OutgoingMessage(
        message_id=delivery.message_id,
        from_email="AMICC <noreply@amicc.example>",
        to_email=email,
        subject="News",
        text="News",
        html="<p>News</p>",
    )
    sender = handover.Sender()
    sender.open(1)

    outcome = sender.send_group([delivery], [message])
    sender.close()

    assert outcome == ["lost"]
    assert smtp_sink.messages == []  # the connection was cut before the final dot
    assert newsletter.deliveries.get().status == DeliveryStatus.SENDING


def test_a_cancelled_send_skips_what_was_not_sent(smtp_sink, django_user_model):
    emails = readers_make(4)
    newsletter = newsletter_make()
    smtp_sink.rcpt_reply = lambda address: "451 try later" if address != emails[0] else None
    newsletter_deliver(newsletter_id=newsletter.pk)
    staff = django_user_model.objects.create_superuser("boss", "boss@amicc.example", "x")

    newsletter_cancel(newsletter=newsletter, user=staff)
    newsletter.deliveries.update(next_attempt_at=timezone.now())
    newsletter_deliver(newsletter_id=newsletter.pk)

    assert statuses(newsletter) == {
        emails[0]: "sent", emails[1]: "skipped", emails[2]: "skipped", emails[3]: "skipped",
    }  # fmt: skip
    assert set(newsletter.deliveries.filter(status="skipped").values_list("reason", flat=True)) == {
        newsletter_run.SKIPPED_CANCELLED
    }
    assert smtp_sink.recipients() == {emails[0]: 1}
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.CANCELLED and newsletter.finished_at


def test_a_suppression_or_opt_out_after_queueing_is_honoured(smtp_sink):
    emails = readers_make(4)
    newsletter = newsletter_make()
    deliveries_queue(newsletter=newsletter)
    suppression_add(email=emails[0], reason=SuppressionReason.UNSUBSCRIBED, source="test")
    ListOptOut.objects.create(mailing_list=newsletter.mailing_list, email=emails[1])
    Person.objects.filter(email=emails[2]).update(wants_newsletter=False)

    newsletter_deliver(newsletter_id=newsletter.pk)

    assert smtp_sink.recipients() == {emails[3]: 1}
    skipped = newsletter.deliveries.filter(status=DeliveryStatus.SKIPPED)
    assert sorted(skipped.values_list("email", flat=True)) == emails[:3]
    assert all(reason for reason in skipped.values_list("reason", flat=True))
