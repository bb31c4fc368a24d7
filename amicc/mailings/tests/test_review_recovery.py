"""Review: a cancelled send whose worker died during a hand-over is not left stuck."""

import datetime

import pytest
from django.utils import timezone

from amicc.mailings.choices import DeliveryKind, DeliveryStatus, NewsletterStatus
from amicc.mailings.models import Delivery, Newsletter
from amicc.mailings.sending import mailings_recover
from amicc.mailings.tests.conftest import newsletter_make

pytestmark = pytest.mark.django_db


def test_recovery_settles_a_cancelled_newsletters_interrupted_handover():
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    newsletter = newsletter_make(
        status=NewsletterStatus.CANCELLED,
        queued_at=long_ago,
        started_at=long_ago,
        finished_at=long_ago,
        sender_token="elsewhere:1:abc",
        sender_heartbeat_at=long_ago,
    )
    delivery = Delivery.objects.create(
        kind=DeliveryKind.NEWSLETTER,
        newsletter=newsletter,
        email="amy@example.org",
        status=DeliveryStatus.HANDOVER,
        attempts=1,
    )

    assert mailings_recover(log=lambda _: None) == 1  # the immediate backend runs the send

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.UNCERTAIN
    assert Newsletter.objects.get(pk=newsletter.pk).status == NewsletterStatus.CANCELLED
