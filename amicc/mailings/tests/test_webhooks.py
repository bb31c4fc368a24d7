"""Provider webhooks through django-anymail's real views: Postmark and Mailgun posts, as
their documentation shows them, recorded once, tied to our delivery, suppressing bounces
and complaints; a post without the shared secret records nothing."""

import base64
import hashlib
import hmac
import json

import pytest
from django.test import override_settings
from wagtail.models import ModelLogEntry

from amicc.coalition.tests.factories import UserFactory
from amicc.mailings.choices import DeliveryKind, MailEventType, SuppressionReason
from amicc.mailings.models import Delivery, MailEvent, Suppression
from amicc.mailings.services.audience import suppression_add
from amicc.mailings.services.provider_events import mail_event_record

pytestmark = pytest.mark.django_db

SECRET = "anymail-user:webhook-password-for-tests"
MAILGUN_KEY = "mailgun-signing-key-for-tests"
POSTMARK_URL = "/anymail/postmark/tracking/"
MAILGUN_URL = "/anymail/mailgun/tracking/"


@pytest.fixture(autouse=True)
def webhook_settings():
    with override_settings(
        ANYMAIL={"WEBHOOK_SECRET": SECRET, "MAILGUN_WEBHOOK_SIGNING_KEY": MAILGUN_KEY}
    ):
        yield


def auth(secret: str = SECRET) -> dict:
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


def postmark(client, payload: dict, secret: str = SECRET):
    return client.post(
        POSTMARK_URL, json.dumps(payload), content_type="application/json", **auth(secret)
    )


def postmark_bounce(email: str, *, type_: str = "HardBounce", event_id: int = 4323372036854775807):
    return {
        "RecordType": "Bounce",
        "ID": event_id,
        "Type": type_,
        "TypeCode": 1,
        "Name": "Hard bounce",
        "Tag": "newsletter",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "ServerID": 23,
        "MessageStream": "outbound",
        "Description": "The server was unable to deliver your message (ex: unknown user, "
        "mailbox not found).",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": email,
        "From": "news@amicc.example",
        "BouncedAt": "2026-11-05T16:33:54.9070259Z",
        "DumpAvailable": True,
        "Inactive": True,
        "CanActivate": True,
        "Subject": "News from the coalition",
    }


def mailgun(client, event_data: dict, *, token: str, key: str = MAILGUN_KEY):
    timestamp = "1764950400"
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    payload = {
        "signature": {"timestamp": timestamp, "token": token, "signature": signature},
        "event-data": event_data,
    }
    return client.post(MAILGUN_URL, json.dumps(payload), content_type="application/json", **auth())


def mailgun_failure(email: str, message_id: str, *, severity: str = "permanent") -> dict:
    return {
        "event": "failed",
        "severity": severity,
        "reason": "bounce" if severity == "permanent" else "generic",
        "id": "G9Bn5sl1TC6nu79C8C0bwg",
        "timestamp": 1764950399.375624,
        "log-level": "error",
        "recipient": email,
        "recipient-domain": email.split("@")[1],
        "envelope": {"sender": "news@amicc.example", "transport": "smtp", "targets": email},
        "delivery-status": {
            "code": 550 if severity == "permanent" else 452,
            "message": "5.1.1 The email account that you tried to reach does not exist.",
            "description": "",
            "attempt-no": 1,
            "session-seconds": 0.4,
        },
        "message": {
            "headers": {
                "to": email,
                "message-id": message_id,
                "from": "AMICC <news@amicc.example>",
                "subject": "News from the coalition",
            },
            "attachments": [],
            "size": 111,
        },
        "tags": [],
        "user-variables": {},
    }


def delivery(email: str, **fields) -> Delivery:
    fields.setdefault("kind", DeliveryKind.TRANSACTIONAL)
    return Delivery.objects.create(email=email, subject="Hello", **fields)


def test_a_postmark_hard_bounce_suppresses_once_and_finds_the_latest_delivery(client):
    delivery("ada@example.org")
    latest = delivery("Ada@Example.org")
    delivery("bea@example.org")
    for _ in range(2):  # providers post again when unsure we got it
        assert postmark(client, postmark_bounce("ada@example.org")).status_code == 200

    event = MailEvent.objects.get()
    assert (event.esp, event.event_id, event.event_type, event.email, event.delivery) == (
        "Postmark",
        "4323372036854775807",
        MailEventType.BOUNCED,
        "ada@example.org",
        latest,
    )
    assert event.occurred_at.year == 2026 and "550 5.1.1" in event.description
    suppression = Suppression.objects.get()
    assert (suppression.email, suppression.reason, suppression.source) == (
        "ada@example.org",
        SuppressionReason.HARD_BOUNCE,
        "Postmark webhook",
    )


def test_postmark_complaints_replace_an_unsubscribe_soft_bounces_only_note(client):
    suppression_add(email="ada@example.org", reason=SuppressionReason.UNSUBSCRIBED, source="x")
    complaint = {
        **postmark_bounce("ada@example.org", type_="SpamComplaint", event_id=77),
        "RecordType": "SpamComplaint",
        "TypeCode": 512,
    }
    assert postmark(client, complaint).status_code == 200
    assert Suppression.objects.get().reason == SuppressionReason.COMPLAINT

    postmark(client, postmark_bounce("bea@example.org", type_="SoftBounce", event_id=78))
    assert MailEvent.objects.get(email="bea@example.org").event_type == MailEventType.DEFERRED
    assert not Suppression.objects.filter(email="bea@example.org").exists()

    delivered = {
        "RecordType": "Delivery",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Recipient": "cy@example.org",
        "DeliveredAt": "2026-11-05T16:33:54Z",
        "Details": "Test delivery webhook details",
        "Tag": "",
        "ServerID": 23,
        "MessageStream": "outbound",
    }
    assert postmark(client, delivered).status_code == 200
    assert not MailEvent.objects.filter(email="cy@example.org").exists()


def test_postmark_without_the_secret_records_nothing(client):
    for secret in ("anymail-user:wrong", ""):
        response = postmark(client, postmark_bounce("ada@example.org"), secret=secret)
        assert response.status_code == 400
    no_auth = client.post(
        POSTMARK_URL,
        json.dumps(postmark_bounce("ada@example.org")),
        content_type="application/json",
    )
    assert no_auth.status_code == 400
    assert not MailEvent.objects.exists() and not Suppression.objects.exists()


def test_a_mailgun_bounce_is_tied_to_the_delivery_named_by_our_message_id(client):
    ours = delivery("ada@example.org")
    delivery("ada@example.org")  # a later message to the same address
    response = mailgun(
        client,
        mailgun_failure("ada@example.org", f"amicc.transactional.{ours.pk}@amicc.example"),
        token="a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0",
    )
    assert response.status_code == 200
    event = MailEvent.objects.get()
    assert (event.esp, event.event_type, event.delivery) == (
        "Mailgun",
        MailEventType.BOUNCED,
        ours,
    )
    assert Suppression.objects.get().reason == SuppressionReason.HARD_BOUNCE


def test_mailgun_temporary_failures_and_unsubscribes(client):
    mailgun(
        client,
        mailgun_failure("ada@example.org", "elsewhere.1@mail.example", severity="temporary"),
        token="t1" * 25,
    )
    assert MailEvent.objects.get().event_type == MailEventType.DEFERRED
    assert not Suppression.objects.exists()
    unsubscribed = {
        "event": "unsubscribed",
        "id": "Ase7i2zsRYeDXztHGENqRA",
        "timestamp": 1764950500.1,
        "recipient": "bea@example.org",
        "message": {"headers": {"message-id": "amicc.newsletter.99999@amicc.example"}},
        "tags": [],
        "user-variables": {},
    }
    mailgun(client, unsubscribed, token="t2" * 25)
    assert Suppression.objects.get().reason == SuppressionReason.UNSUBSCRIBED
    assert MailEvent.objects.get(email="bea@example.org").delivery is None


def test_mailgun_with_a_wrong_signature_records_nothing(client):
    response = mailgun(
        client, mailgun_failure("ada@example.org", "x@y"), token="t" * 50, key="not-the-key"
    )
    assert response.status_code == 400
    assert not MailEvent.objects.exists() and not Suppression.objects.exists()


def test_an_event_without_a_usable_address_is_acknowledged_and_not_recorded(client):
    assert postmark(client, postmark_bounce("not an address")).status_code == 200
    assert not MailEvent.objects.exists()


def test_staff_record_a_bounce_by_hand_and_it_is_audited():
    staff = UserFactory(staff=True)
    event = mail_event_record(
        event_type=MailEventType.BOUNCED,
        email="Ada@example.org",
        description="Returned by post office",
        user=staff,
    )
    assert (event.recorded_by, event.esp, event.event_id) == (staff, "", "")
    suppression = Suppression.objects.get()
    assert (suppression.reason, suppression.source, suppression.created_by) == (
        SuppressionReason.HARD_BOUNCE,
        "recorded by staff",
        staff,
    )
    actions = set(ModelLogEntry.objects.filter(user=staff).values_list("action", "label"))
    assert actions == {
        ("wagtail.create", "ada@example.org (Hard bounce)"),
        ("wagtail.create", "Bounced (permanent): ada@example.org"),
    }
    # Events recorded by hand have no provider id, so each is a record of its own.
    mail_event_record(event_type=MailEventType.BOUNCED, email="ada@example.org", user=staff)
    assert MailEvent.objects.count() == 2
