"""Composing, previewing, testing, sending and scheduling a newsletter in the admin."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from amicc.mailings.choices import DeliveryKind, DeliveryStatus, NewsletterStatus
from amicc.mailings.models import Delivery, Newsletter
from amicc.mailings.services import compose
from amicc.mailings.tests.test_compose_fixtures import (  # noqa: F401
    Mailing,
    call_to_action_block,
    campaign_make,
    coalition_fixture,
    mailing_fixture,
    mark_sent,
    newsletter_make,
)

pytestmark = pytest.mark.django_db
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def page(name: str, newsletter: Newsletter) -> str:
    return reverse(f"mailings_admin:newsletter{'-' if name else ''}{name}", args=[newsletter.pk])


def snippet_url(name: str, *args) -> str:
    return reverse(Newsletter.snippet_viewset.get_url_name(name), args=args)


def body_data(prefix: str = "body", *, text: str = "<p>Hello members.</p>") -> dict:
    """The StreamField's form data for one rich-text block."""
    import json

    rich = json.dumps(
        {
            "blocks": [
                {
                    "key": "a1",
                    "text": text.replace("<p>", "").replace("</p>", ""),
                    "type": "unstyled",
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                }
            ],
            "entityMap": {},
        }
    )
    return {
        f"{prefix}-count": "1",
        f"{prefix}-0-type": "text",
        f"{prefix}-0-value": rich,
        f"{prefix}-0-deleted": "",
        f"{prefix}-0-order": "0",
        f"{prefix}-0-id": "b6e2f1c0-0000-4000-8000-000000000001",
    }


def form_data(chosen_list, **overrides) -> dict:
    return {
        "title": "December news",
        "slug": "december-news",
        "subject": "What happened in December",
        "preheader": "The Assembly met in The Hague",
        "mailing_list": str(chosen_list.pk),
        **body_data(),
        **overrides,
    }


def test_coordinator_composes_a_newsletter_for_their_alliance(client, coalition, mailing):
    client.force_login(coalition.coordinator)
    response = client.post(snippet_url("add"), form_data(mailing.list_a))
    assert response.status_code == 302, response.context["form"].errors
    newsletter = Newsletter.objects.get(slug="december-news")
    assert response["Location"] == page("", newsletter)
    assert newsletter.created_by == coalition.coordinator and newsletter.status == "draft"
    assert newsletter.body[0].block_type == "text" and "Hello members." in str(
        newsletter.body[0].value
    )
    assert ModelLogEntry.objects.filter(
        object_id=str(newsletter.pk), action="wagtail.create"
    ).exists()


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"title": ""}, "title", "This field is required"),
        ({"slug": "has space"}, "slug", "Enter a valid “slug”"),
        ({"slug": "able-news"}, "slug", "already exists"),
        ({"mailing_list": ""}, "mailing_list", "This field is required"),
        ({"mailing_list": "999999"}, "mailing_list", "Choose one of the lists offered"),
        ({"subject": "x" * 201}, "subject", "at most 200 characters"),
    ],
)
def test_bad_newsletter_input_gives_form_errors(
    client, coalition, mailing, overrides, field, message
):
    client.force_login(coalition.staff)
    response = client.post(snippet_url("add"), form_data(mailing.list_a, **overrides))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert message in " ".join(errors.get(field, [])), errors
    assert not Newsletter.objects.filter(slug="december-news").exists()


def test_coordinator_cannot_post_another_alliances_list(client, coalition, mailing):
    client.force_login(coalition.coordinator)
    for other in (mailing.list_b, mailing.supporters):
        response = client.post(snippet_url("add"), form_data(other))
        assert "mailing_list" in response.context["form"].errors
    response = client.post(
        snippet_url("edit", mailing.draft_a.pk),
        form_data(mailing.list_b, slug="able-news"),
    )
    assert "mailing_list" in response.context["form"].errors
    assert Newsletter.objects.get(pk=mailing.draft_a.pk).mailing_list == mailing.list_a


def test_the_newsletter_page_offers_the_actions_of_a_draft(client, coalition, mailing):
    client.force_login(coalition.coordinator)
    html = client.get(page("", mailing.draft_a)).content.decode()
    assert "Alliance Able members — 2 recipients now" in html
    for label in ("Preview", "Send a test to myself", "Send now", "Schedule", "Edit"):
        assert label in html
    assert "Cancel the send" not in html


def test_preview_for_a_chosen_recipient(client, coalition, mailing):
    client.force_login(coalition.coordinator)
    response = client.get(page("preview", mailing.draft_a), {"q": "amy"})
    html = response.content.decode()
    assert "Amy Member &lt;amy@example.org&gt;" in html and "Cora Coordinator" not in html
    response = client.post(page("preview", mailing.draft_a), {"person": mailing.amy.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Coalition news: able-news" in html  # the subject line
    assert "sandbox srcdoc=" in html and "Dear Amy Member," in html
    entry = ModelLogEntry.objects.get(action=compose.PREVIEW_ACTION)
    assert entry.data == {"person": mailing.amy.pk} and entry.user == coalition.coordinator


def test_preview_refuses_someone_not_on_the_list(client, coalition, mailing):
    client.force_login(coalition.coordinator)
    response = client.post(page("preview", mailing.draft_a), {"person": mailing.ben.pk})
    assert response.status_code == 400
    assert "Choose one of the list" in response.content.decode()
    assert "Ben Member" not in response.content.decode()
    assert client.post(page("preview", mailing.draft_a), {"person": "x"}).status_code == 400
    assert not ModelLogEntry.objects.filter(action=compose.PREVIEW_ACTION).exists()


def test_send_a_test_to_myself(client, coalition, mailing, django_capture_on_commit_callbacks):
    client.force_login(coalition.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page("test", mailing.draft_a), {"person": mailing.amy.pk})
    assert response.status_code == 302
    (delivery,) = Delivery.objects.filter(kind=DeliveryKind.TEST)
    assert delivery.status == DeliveryStatus.SENT and delivery.email == "coordinator@example.org"
    assert "Dear Amy Member," in mail.outbox[0].body
    response = client.post(page("test", mailing.draft_a), {"person": mailing.ben.pk})
    assert response.status_code == 400


def test_send_now_confirms_the_count_then_sends(
    client, coalition, mailing, django_capture_on_commit_callbacks
):
    client.force_login(coalition.coordinator)
    html = client.get(page("send", mailing.draft_a)).content.decode()
    assert "goes to the 2 recipients of the list “Alliance Able members” now" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page("send", mailing.draft_a))
    assert response["Location"] == page("", mailing.draft_a)
    newsletter = Newsletter.objects.get(pk=mailing.draft_a.pk)
    assert newsletter.status == NewsletterStatus.SENT and len(mail.outbox) == 2
    html = client.get(page("", newsletter)).content.decode()
    assert "2 of 2 sent" in html and "Report" in html and "hx-trigger" not in html
    # A second POST (a double click) sends nothing more.
    response = client.post(page("send", newsletter))
    assert response.status_code == 400 and len(mail.outbox) == 2


def test_csrf_is_required_for_every_action(coalition, mailing):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coalition.staff)
    for name in ("preview", "test", "send", "schedule", "unschedule", "cancel"):
        assert client.post(page(name, mailing.draft_staff)).status_code == 403
    assert Newsletter.objects.get(pk=mailing.draft_staff.pk).status == NewsletterStatus.DRAFT


@pytest.mark.parametrize(
    "value, message",
    [
        ("2020-01-01 10:00", "This time has passed"),
        ("next tuesday", "Enter a valid date/time"),
        ("", "This field is required"),
    ],
)
def test_schedule_errors_are_shown(client, coalition, mailing, value, message):
    client.force_login(coalition.staff)
    response = client.post(page("schedule", mailing.draft_staff), {"at": value})
    assert response.status_code == 400 and message in response.content.decode()
    assert Newsletter.objects.get(pk=mailing.draft_staff.pk).status == NewsletterStatus.DRAFT


def test_schedule_in_local_time_then_unschedule(client, coalition, mailing):
    client.force_login(coalition.staff)
    response = client.post(page("schedule", mailing.draft_staff), {"at": "2040-03-05 09:30"})
    assert response.status_code == 302
    newsletter = Newsletter.objects.get(pk=mailing.draft_staff.pk)
    assert newsletter.status == NewsletterStatus.SCHEDULED
    assert newsletter.scheduled_at == datetime.datetime(2040, 3, 5, 9, 30, tzinfo=NEW_YORK)
    html = client.get(page("", newsletter)).content.decode()
    assert "2040-03-05 09:30 EST" in html and "Unschedule" in html
    assert client.post(page("unschedule", newsletter)).status_code == 302
    assert Newsletter.objects.get(pk=newsletter.pk).status == NewsletterStatus.DRAFT
    # Unscheduling a draft is refused with a message, not an error page.
    response = client.get(page("unschedule", newsletter))
    assert response["Location"] == page("", newsletter)
    assert client.post(page("unschedule", newsletter)).status_code == 400


def test_progress_polls_while_sending_and_cancel_stops_it(client, coalition, mailing):
    newsletter = mailing.draft_staff
    Newsletter.objects.filter(pk=newsletter.pk).update(
        status=NewsletterStatus.SENDING, total_recipients=4
    )
    for number, status in enumerate(["sent", "sent", "failed", "queued"]):
        Delivery.objects.create(
            kind=DeliveryKind.NEWSLETTER,
            newsletter=newsletter,
            email=f"r{number}@example.org",
            status=status,
        )
    client.force_login(coalition.staff)
    html = client.get(page("", newsletter)).content.decode()
    assert "2 of 4 sent" in html and ", 1 failed" in html
    assert f'hx-get="{page("progress", newsletter)}"' in html and 'hx-trigger="every 2s"' in html
    assert '<meta http-equiv="refresh"' in html and "htmx" in html  # works without JS too
    partial = client.get(page("progress", newsletter), HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith("<section") and "2 of 4 sent" in partial
    assert client.post(page("cancel", newsletter)).status_code == 302
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.CANCELLED
    response = client.get(page("progress", newsletter), HTTP_HX_REQUEST="true")
    partial = response.content.decode()
    assert "hx-trigger" not in partial and "the send was cancelled" in partial
    assert response["HX-Refresh"] == "true"  # the page reloads with the actions that apply


def test_final_report_shows_duration_rate_reasons_and_failures(client, coalition, mailing):
    newsletter = mark_sent(mailing.draft_staff, total=4)
    for number, (status, reason) in enumerate(
        [
            ("sent", ""),
            ("sent", ""),
            ("failed", "550 Mailbox unknown"),
            ("skipped", "Left this list"),
        ]
    ):
        Delivery.objects.create(
            kind=DeliveryKind.NEWSLETTER,
            newsletter=newsletter,
            email=f"r{number}@example.org",
            status=status,
            reason=reason,
        )
    client.force_login(coalition.staff)
    html = client.get(page("", newsletter)).content.decode()
    for text in ("2 of 4 sent", "Duration", "2 min 0 s", "messages a second",
                 "550 Mailbox unknown", "Left this list", "r2@example.org"):  # fmt: skip
        assert text in html, text
    assert "r0@example.org" not in html  # only failed or unconfirmed ones are listed
    assert f"?newsletter={newsletter.pk}" in html


def test_listing_shows_progress_with_a_bounded_number_of_queries(
    client, coalition, mailing, django_assert_max_num_queries
):
    client.force_login(coalition.staff)
    client.get(snippet_url("list"))
    with django_assert_max_num_queries(40) as before:
        client.get(snippet_url("list"))
    for number in range(8):
        sent = mark_sent(newsletter_make(mailing.supporters, slug=f"n{number}"), total=1)
        Delivery.objects.create(
            kind=DeliveryKind.NEWSLETTER, newsletter=sent, email="x@example.org", status="sent"
        )
    with django_assert_max_num_queries(len(before)):
        html = client.get(snippet_url("list")).content.decode()
    assert "1 of 1 sent" in html


def test_call_to_action_block_is_saved_from_the_admin(client, coalition, mailing):
    campaign = campaign_make()
    client.force_login(coalition.staff)
    data = form_data(mailing.supporters)
    data.update(
        {
            "body-count": "2",
            "body-1-type": "call_to_action",
            "body-1-value-heading": "Write to Congress",
            "body-1-value-text": "Ask for support.",
            "body-1-value-campaign": str(campaign.pk),
            "body-1-value-button_label": "Write now",
            "body-1-deleted": "",
            "body-1-order": "1",
            "body-1-id": "b6e2f1c0-0000-4000-8000-000000000002",
        }
    )
    response = client.post(snippet_url("add"), data)
    assert response.status_code == 302, response.context["form"].errors
    newsletter = Newsletter.objects.get(slug="december-news")
    assert newsletter.body[1].value["campaign"] == campaign


def test_a_sent_newsletter_can_be_put_in_and_out_of_the_archive(
    client, coalition, mailing, django_capture_on_commit_callbacks
):
    newsletter = mark_sent(mailing.draft_a, total=2)
    archive = reverse("mailings:archive")
    assert "Able news" not in client.get(archive).content.decode()
    client.force_login(coalition.coordinator)
    assert "Show it in the public archive" in client.get(page("", newsletter)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(page("archive", newsletter)).status_code == 302
    newsletter.refresh_from_db()
    assert newsletter.is_public
    entry = ModelLogEntry.objects.get(action=compose.ARCHIVE_ACTION)
    assert entry.data == {"is_public": True} and entry.user == coalition.coordinator
    client.logout()
    assert "Able news" in client.get(archive).content.decode()  # the page cache let go
    client.force_login(coalition.coordinator)
    client.post(page("archive", newsletter))
    assert not Newsletter.objects.get(pk=newsletter.pk).is_public
    # A draft is not in the archive's reach: the action is refused.
    assert client.get(page("archive", mailing.draft_staff)).status_code == 404
    client.force_login(coalition.staff)
    assert client.get(page("archive", mailing.draft_staff))["Location"] == page(
        "", mailing.draft_staff
    )
    assert client.post(page("archive", mailing.draft_staff)).status_code == 400
