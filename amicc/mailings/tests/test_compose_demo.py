"""The demo loader: a sent public newsletter with its report, a draft and a scheduled one."""

import pytest
from django.core import mail

from amicc.coalition.demo_content import coalition_demo_load
from amicc.congress.demo_content import congress_demo_load
from amicc.events.demo_content import events_demo_load
from amicc.mailings.choices import DeliveryStatus, NewsletterStatus
from amicc.mailings.demo_content import mailings_demo_load
from amicc.mailings.models import Newsletter
from amicc.mailings.rendering import newsletter_template, newsletter_web_html
from amicc.mailings.services.compose import newsletter_progress
from amicc.pages.demo_content import demo_content_load

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_a_finished_send(client):
    demo_content_load()
    coalition_demo_load()
    congress_demo_load()
    events_demo_load()
    summary = mailings_demo_load()
    assert summary.startswith("Mailings: 3 sample newsletters, one sent to")
    sent = Newsletter.objects.get(status=NewsletterStatus.SENT)
    progress = newsletter_progress(sent)
    assert progress["total"] == sent.total_recipients > 10
    assert progress["sent"] == sent.total_recipients - progress["failed"] - progress["skipped"]
    assert progress["failed"] == 1 and progress["waiting"] == 0
    assert sent.deliveries.filter(status=DeliveryStatus.SENT, sent_at__isnull=False).exists()
    assert [block.block_type for block in sent.body] == [
        "text", "publication", "event", "call_to_action",
    ]  # fmt: skip
    assert {n.status for n in Newsletter.objects.exclude(pk=sent.pk)} == {"draft", "scheduled"}
    assert Newsletter.objects.get(status="draft").mailing_list.alliance.slug == "chicago"
    for newsletter in Newsletter.objects.all():
        assert "Write to your representatives" in newsletter_template(newsletter).html
    assert "Ask Congress to support the Court" in newsletter_web_html(sent)
    assert client.get(sent.get_absolute_url()).status_code == 200
    assert not mail.outbox  # nothing was sent
    assert mailings_demo_load().endswith("nothing loaded")
    assert Newsletter.objects.count() == 3


def test_demo_loads_without_the_other_demos():
    assert mailings_demo_load() == "Mailings: 1 sample newsletter, one sent to 0 of 0 recipients"
