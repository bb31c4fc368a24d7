"""Load the mailings part of the demo: one newsletter sent, one draft, one scheduled.

The lists exist from the migrations. The sent newsletter's delivery records are written by
the real queueing code and then marked sent, so the demo shows a finished send with its
report without any message leaving. It features whatever publication, event and letter
campaign the other demo loaders made, when there are some. Loaded only into a table
without newsletters.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from amicc.coalition.models import Alliance
from amicc.congress.models import ActionAlert
from amicc.events.models import Event
from amicc.mailings.choices import (
    DeliveryKind,
    DeliveryStatus,
    ListKind,
    NewsletterStatus,
    SuppressionReason,
)
from amicc.mailings.models import Delivery, MailingList, Newsletter
from amicc.mailings.services.audience import deliveries_queue, suppression_add
from amicc.pages.models import PublicationPage

BOUNCE = "550 5.1.1 The mailbox does not exist (sample)"

SENT_TEXT = (
    "<h2>Where things stand</h2>"
    "<p>The Court's governing body, the Assembly of States Parties, gathers again this "
    "winter, and our delegation is getting ready. Back home, several bills touching on the "
    "Court are in committee, and members of Congress are hearing from their constituents "
    "about them.</p>"
    "<p>Our member organizations and local alliances held teach-ins, briefings and "
    "office visits this season. Thank you to everyone who came, asked questions or wrote "
    "to their representatives.</p>"
)
DRAFT_TEXT = (
    "<p>The alliance is planning its spring program: a discussion evening at the library, "
    "a visit to our representative's district office and a letter-writing afternoon. "
    "Reply to this message if you can help with any of them.</p>"
)
SCHEDULED_TEXT = (
    "<p>A short reminder of this month's meeting, and of the letter campaign that is open "
    "now: a few sentences from you make a difference to an office that counts letters.</p>"
)


def _body(text: str) -> list[dict]:
    """A text block, then a featured publication, an event and a call to action if any."""
    body = [{"type": "text", "value": text}]
    # The newsletters are English: the English publication, not its Spanish alias.
    publication = (
        PublicationPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("-date")
        .first()
    )
    if publication:
        body.append({"type": "publication", "value": {"page": publication.pk, "note": ""}})
    event = Event.objects.published().upcoming(timezone.now()).order_by("starts_at").first()
    if event:
        body.append({"type": "event", "value": {"event": event.pk, "note": ""}})
    campaign = ActionAlert.objects.open().order_by("-created_at").first()
    if campaign:
        body.append(
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Ask Congress to support the Court",
                    "text": "The campaign's page finds your members of Congress from your "
                    "ZIP code and suggests a letter you can make your own.",
                    "campaign": campaign.pk,
                    "button_label": "Write to your representatives",
                },
            }
        )
    return body


def _sent_newsletter(now: datetime.datetime) -> Newsletter:
    started = now - datetime.timedelta(days=12)
    newsletter = Newsletter.objects.create(
        title="The Court, Congress and you: this autumn (sample)",
        slug="autumn-update-sample",
        subject="Autumn update from the coalition",
        preheader="The Assembly meets soon; here is what our members did this season",
        mailing_list=MailingList.objects.get(slug="coalition-newsletter"),
        body=_body(SENT_TEXT),
        is_public=True,
        status=NewsletterStatus.SENDING,
        started_at=started,
    )
    deliveries_queue(newsletter=newsletter)
    queued = Delivery.objects.filter(
        newsletter=newsletter, kind=DeliveryKind.NEWSLETTER, status=DeliveryStatus.QUEUED
    )
    # One address in a dozen or more bounces, as one does; it is suppressed from then on.
    bounced = queued.order_by("-pk").first() if queued.count() >= 12 else None
    if bounced is not None:
        queued.filter(pk=bounced.pk).update(status=DeliveryStatus.FAILED, reason=BOUNCE, attempts=1)
        suppression_add(
            email=bounced.email, reason=SuppressionReason.HARD_BOUNCE, source="sample", note=BOUNCE
        )
    count = queued.update(
        status=DeliveryStatus.SENT, attempts=1, sent_at=started + datetime.timedelta(minutes=3)
    )
    Newsletter.objects.filter(pk=newsletter.pk).update(
        status=NewsletterStatus.SENT,
        finished_at=started + datetime.timedelta(minutes=3, seconds=max(count // 20, 5)),
    )
    return newsletter


def _alliance_list(slug: str) -> MailingList | None:
    alliance = Alliance.objects.filter(slug=slug).first()
    if alliance is None:
        return None
    return MailingList.objects.filter(kind=ListKind.ALLIANCE, alliance=alliance).first()


@transaction.atomic
def mailings_demo_load() -> str:
    """Load the sample newsletters when there are none; returns a one-line summary."""
    if Newsletter.objects.exists():
        return (
            f"Mailings: {Newsletter.objects.count()} newsletters already on record, nothing loaded"
        )
    now = timezone.now()
    sent = _sent_newsletter(now)
    made = [sent]
    if chicago := _alliance_list("chicago"):
        made.append(
            Newsletter.objects.create(
                title="Chicago alliance: our spring plans (sample, draft)",
                slug="chicago-spring-plans-sample",
                subject="Our spring plans, and how you can help",
                mailing_list=chicago,
                body=_body(DRAFT_TEXT),
            )
        )
    if new_york := _alliance_list("new-york"):
        made.append(
            Newsletter.objects.create(
                title="New York alliance: this month (sample, scheduled)",
                slug="new-york-this-month-sample",
                subject="This month in the New York alliance",
                mailing_list=new_york,
                body=_body(SCHEDULED_TEXT),
                status=NewsletterStatus.SCHEDULED,
                scheduled_at=now + datetime.timedelta(days=7),
            )
        )
    sent.refresh_from_db()
    delivered = sent.deliveries.filter(status=DeliveryStatus.SENT).count()
    return (
        f"Mailings: {len(made)} sample newsletter{'s' if len(made) > 1 else ''}, one sent to "
        f"{delivered} of {sent.total_recipients} recipients"
    )
