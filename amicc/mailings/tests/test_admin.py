"""The mailings admin: who reaches which URL, and that none leaks another alliance's data."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from amicc.events.tests.factories import EventFactory
from amicc.mailings.choices import DeliveryKind, MailEventType, SuppressionReason
from amicc.mailings.models import Delivery, MailEvent, MailingList, Newsletter, Suppression
from amicc.mailings.tests.test_compose_fixtures import (  # noqa: F401
    Mailing,
    campaign_make,
    coalition_fixture,
    mailing_fixture,
    mark_sent,
)

pytestmark = pytest.mark.django_db

LOGIN, DENIED, NOT_FOUND, OK = "login", "denied", "not found", "ok"
ROLES = ["anonymous", "supporter", "coordinator", "representative", "staff", "administrator"]
STAFF_ONLY = (MailingList, Delivery, Suppression, MailEvent)
# What nobody may do, staff included: these records are kept as they happened.
# (Wagtail shows a record's history to those who may change it, its usage to those who
# may edit it.)
FORBIDDEN = {
    Delivery: {"add", "edit", "delete", "history", "history_results", "usage"},
    Suppression: {"edit", "usage"},
    MailEvent: {"edit", "delete", "usage"},
}
ACTIONS = ["preview", "test", "send", "schedule", "unschedule", "cancel", "archive"]


def outcome(response) -> str:
    if response.status_code == 302:
        if response["Location"].startswith(reverse("wagtailadmin_login")):
            return LOGIN
        if response["Location"] == reverse("wagtailadmin_home"):
            return DENIED
        return "redirect"
    return {200: OK, 403: DENIED, 404: NOT_FOUND}.get(response.status_code, "other")


@pytest.fixture
def records(coalition, mailing: Mailing) -> dict:
    """Two records of each model, labelled by whose they are: "a" (the coordinator's), "b"."""
    delivery = Delivery.objects.create(
        kind=DeliveryKind.TRANSACTIONAL,
        email="amy@example.org",
        subject="Your seat is booked",
        body_text="See you there.",
        body_html="<p>See you there.</p>",
    )
    suppression = Suppression.objects.create(
        email="gone@example.org", reason=SuppressionReason.HARD_BOUNCE
    )
    event = MailEvent.objects.create(
        event_type=MailEventType.BOUNCED, email="gone@example.org", description="550"
    )
    segment = MailingList.objects.create(
        name="New Yorkers", slug="new-yorkers", kind="segment", filter_state="NY"
    )
    return {
        Newsletter: {"a": mailing.draft_a, "b": mailing.draft_b, "staff": mailing.draft_staff},
        MailingList: {"a": mailing.list_a, "b": segment},
        Delivery: {"a": delivery},
        Suppression: {"a": suppression},
        MailEvent: {"a": event},
    }


def expected(role: str, model, view: str, label: str | None) -> str:
    if role in ("anonymous", "supporter"):
        return LOGIN
    staff = role in ("staff", "administrator")
    if model in STAFF_ONLY and not staff:
        return NOT_FOUND if label else DENIED
    if view in FORBIDDEN.get(model, ()):
        return DENIED
    if model is Newsletter and role == "representative":
        return NOT_FOUND if label else DENIED
    if model is MailingList and view == "delete" and label == "a":
        return DENIED  # a built-in list is never deleted
    if staff or label in (None, "a"):
        return OK
    return NOT_FOUND


def _check_every_url(client, records) -> list[str]:
    wrong = []
    role = client.role
    for model, objects in records.items():
        viewset = model.snippet_viewset
        for pattern in viewset.get_urlpatterns():
            targets = objects.items() if "pk" in pattern.pattern.converters else [(None, None)]
            for label, record in targets:
                path = reverse(
                    viewset.get_url_name(pattern.name), args=[record.pk] if record else []
                )
                want = expected(role, model, pattern.name, label)
                if (got := outcome(client.get(path))) != want:
                    wrong.append(f"{role} {path}: expected {want}, got {got}")
    return wrong


@pytest.mark.parametrize("role", ROLES)
def test_every_mailings_view_allows_or_denies_each_role(client, coalition, records, role):
    if role != "anonymous":
        client.force_login(getattr(coalition, role))
    client.role = role
    wrong = _check_every_url(client, records)
    assert not wrong, "\n".join(wrong)


def test_staff_only_models_stay_closed_to_coordinators_given_every_permission(
    client, coalition, records
):
    group = Group.objects.get(name="Alliance coordinators")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="mailings"))
    client.force_login(coalition.coordinator)
    client.role = "coordinator"
    wrong = _check_every_url(client, {model: records[model] for model in STAFF_ONLY})
    assert not wrong, "\n".join(wrong)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Newsletters" in html and "Suppressions" not in html and "Deliveries" not in html


@pytest.mark.parametrize("role", ROLES)
def test_every_newsletter_page_allows_or_denies_each_role(client, coalition, records, role):
    if role != "anonymous":
        client.force_login(getattr(coalition, role))
    wrong = []
    for label, newsletter in records[Newsletter].items():
        for name in ["", "progress", *ACTIONS]:
            path = reverse(
                f"mailings_admin:newsletter{'-' if name else ''}{name}", args=[newsletter.pk]
            )
            got = outcome(client.get(path))
            if role in ("anonymous", "supporter"):
                want = {LOGIN}
            elif role == "representative":
                want = {DENIED}
            elif role == "coordinator" and label != "a":
                want = {NOT_FOUND}
            else:  # unschedule, cancel and archive send a draft back to its page
                want = {OK, "redirect"} if name in ("unschedule", "cancel", "archive") else {OK}
            if got not in want:
                wrong.append(f"{role} {path}: expected {want}, got {got}")
    assert not wrong, "\n".join(wrong)


def test_coordinator_posts_to_another_alliances_newsletter_are_404(client, coalition, mailing):
    client.force_login(coalition.coordinator)
    for name in ACTIONS:
        path = reverse(f"mailings_admin:newsletter-{name}", args=[mailing.draft_b.pk])
        assert client.post(path, {"at": "2040-01-01 10:00"}).status_code == 404
    path = reverse(Newsletter.snippet_viewset.get_url_name("edit"), args=[mailing.draft_b.pk])
    assert client.post(path, {"title": "Taken"}).status_code == 404
    assert Newsletter.objects.get(pk=mailing.draft_b.pk).status == "draft"


def test_coordinator_lists_only_their_newsletters_and_lists(client, coalition, mailing):
    client.force_login(coalition.coordinator)
    viewset = Newsletter.snippet_viewset
    listing = client.get(reverse(viewset.get_url_name("list")))
    assert list(listing.context["object_list"]) == [mailing.draft_a]
    form = client.get(reverse(viewset.get_url_name("add"))).context["form"]
    assert list(form.fields["mailing_list"].queryset) == [mailing.list_a]


def test_bulk_delete_and_choosers_never_reach_another_alliances_newsletter(
    client, coalition, mailing
):
    client.force_login(coalition.coordinator)
    bulk = reverse("wagtail_bulk_action", args=["mailings", "newsletter", "delete"])
    response = client.get(bulk, {"id": mailing.draft_b.pk})
    assert response.status_code == 404 and b"Baker news" not in response.content
    assert client.get(bulk, {"id": mailing.draft_a.pk}).status_code == 200
    for model in ("delivery", "suppression", "mailevent", "mailinglist"):
        path = reverse("wagtail_bulk_action", args=["mailings", model, "delete"])
        assert client.get(path, {"id": "1"}).status_code == 404
    chooser = "wagtailsnippetchoosers_mailings_newsletter"
    results = client.get(reverse(f"{chooser}:choose_results")).content.decode()
    assert "Able news" in results and "Baker news" not in results
    chosen = reverse(f"{chooser}:chosen", args=[mailing.draft_b.pk])
    assert client.get(chosen).status_code == 404
    assert client.get(reverse(f"{chooser}:chosen", args=[mailing.draft_a.pk])).status_code == 200


def test_a_newsletter_that_was_sent_is_neither_deleted_nor_edited(client, coalition, mailing):
    client.force_login(coalition.staff)
    newsletter = mark_sent(mailing.draft_staff, total=3)
    viewset = Newsletter.snippet_viewset
    response = client.get(reverse(viewset.get_url_name("edit"), args=[newsletter.pk]))
    assert response["Location"] == reverse("mailings_admin:newsletter", args=[newsletter.pk])
    response = client.post(reverse(viewset.get_url_name("edit"), args=[newsletter.pk]), {})
    assert response.status_code == 302
    assert outcome(client.get(reverse(viewset.get_url_name("delete"), args=[newsletter.pk]))) == (
        DENIED
    )
    bulk = reverse("wagtail_bulk_action", args=["mailings", "newsletter", "delete"])
    assert client.get(bulk, {"id": newsletter.pk}).status_code == 404
    assert Newsletter.objects.filter(pk=newsletter.pk).exists()


def test_event_and_campaign_choosers_offer_only_what_the_user_may_link(client, coalition, mailing):
    mine = EventFactory(title="Able planning", alliance=coalition.alliance_a, is_published=False)
    theirs = EventFactory(title="Baker planning", alliance=coalition.alliance_b, is_published=False)
    public = EventFactory(title="Open teach-in")
    closed = campaign_make("Closed campaign")
    closed.is_open = False
    closed.save()
    open_ = campaign_make("Open campaign")
    client.force_login(coalition.coordinator)
    html = client.get(reverse("mailings_event_chooser:choose_results")).content.decode()
    assert "Able planning" in html and "Open teach-in" in html and "Baker planning" not in html
    assert client.get(reverse("mailings_event_chooser:chosen", args=[theirs.pk])).status_code == 404
    for event in (mine, public):
        path = reverse("mailings_event_chooser:chosen", args=[event.pk])
        assert client.get(path).status_code == 200
    campaigns = "mailings_action_alert_chooser"
    html = client.get(reverse(f"{campaigns}:choose_results")).content.decode()
    assert "Open campaign" in html and "Closed campaign" not in html
    assert client.get(reverse(f"{campaigns}:chosen", args=[closed.pk])).status_code == 404
    assert client.get(reverse(f"{campaigns}:chosen", args=[open_.pk])).status_code == 200
