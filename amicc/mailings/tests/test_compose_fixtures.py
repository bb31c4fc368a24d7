"""Fixtures and builders of the compose, rendering, admin and archive tests (no tests here).

`mailing` extends the coalition of `admin_fixtures`: alliance A's list reaches Amy Member
and Cora Coordinator (both agreed to alliance updates); alliance B's list reaches Ben
Member. Newsletters are built with `newsletter_make`, their bodies from the block helpers.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from amicc.coalition.models import Person
from amicc.coalition.tests.admin_fixtures import coalition_fixture  # noqa: F401
from amicc.congress.models import ActionAlert
from amicc.congress.tests.test_watchlist import WatchlistItemFactory
from amicc.mailings.choices import ListKind, NewsletterStatus
from amicc.mailings.models import MailingList, Newsletter

TEXT = "<p>The Assembly of States Parties meets in <b>The Hague</b> this December.</p>"


def text_block(html: str = TEXT) -> dict:
    return {"type": "text", "value": html}


def call_to_action_block(campaign: ActionAlert, heading: str = "Write to Congress") -> dict:
    return {
        "type": "call_to_action",
        "value": {
            "heading": heading,
            "text": "Ask your members to support the Court's work.",
            "campaign": campaign.pk,
            "button_label": "Write your letter",
        },
    }


def publication_block(page, note: str = "") -> dict:
    return {"type": "publication", "value": {"page": page.pk, "note": note}}


def event_block(event, note: str = "") -> dict:
    return {"type": "event", "value": {"event": event.pk, "note": note}}


def campaign_make(title: str = "Support the Court") -> ActionAlert:
    return ActionAlert.objects.create(
        slug=title.lower().replace(" ", "-"),
        title=title,
        introduction="Why now.",
        watchlist_item=WatchlistItemFactory(),
        subject="Please support the Court",
        letter_template="{salutation}, please act. {sender_name}",
        thank_you_message="Thank you.",
    )


def newsletter_make(mailing_list: MailingList, *, slug: str = "autumn", **fields) -> Newsletter:
    defaults = {
        "title": f"News {slug}",
        "subject": f"Coalition news: {slug}",
        "preheader": "What happened at the Court this month",
        "body": [text_block()],
    }
    return Newsletter.objects.create(mailing_list=mailing_list, slug=slug, **{**defaults, **fields})


def alliance_list(alliance) -> MailingList:
    return MailingList.objects.get(kind=ListKind.ALLIANCE, alliance=alliance)


@dataclass
class Mailing:
    list_a: MailingList
    list_b: MailingList
    supporters: MailingList
    amy: Person
    cora: Person
    ben: Person
    draft_a: Newsletter
    draft_b: Newsletter
    draft_staff: Newsletter


@pytest.fixture(name="mailing")
def mailing_fixture(coalition) -> Mailing:
    cora = coalition.coordinator.person
    people = {"amy": coalition.member_a, "cora": cora, "ben": coalition.member_b}
    for name, person in people.items():
        person.email = f"{name}@example.org"
        person.wants_alliance_updates = True
        person.save()
    list_a, list_b = alliance_list(coalition.alliance_a), alliance_list(coalition.alliance_b)
    supporters = MailingList.objects.get(slug="coalition-newsletter")
    return Mailing(
        list_a=list_a,
        list_b=list_b,
        supporters=supporters,
        draft_a=newsletter_make(list_a, slug="able-news", title="Able news"),
        draft_b=newsletter_make(list_b, slug="baker-news", title="Baker news"),
        draft_staff=newsletter_make(supporters, slug="coalition-news", title="Coalition news"),
        **people,
    )


def mark_sent(newsletter: Newsletter, *, total: int = 0) -> Newsletter:
    now = timezone.now()
    newsletter.status = NewsletterStatus.SENT
    newsletter.started_at = newsletter.started_at or now - datetime.timedelta(minutes=2)
    newsletter.queued_at = newsletter.queued_at or newsletter.started_at
    newsletter.finished_at = now
    newsletter.total_recipients = total
    newsletter.save()
    return newsletter
