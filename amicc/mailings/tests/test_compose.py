"""Composing and sending newsletters: the services behind the admin's buttons."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from amicc.mailings.choices import DeliveryKind, DeliveryStatus, NewsletterStatus
from amicc.mailings.models import Delivery, Newsletter
from amicc.mailings.services import compose
from amicc.mailings.tests.test_compose_fixtures import (  # noqa: F401
    Mailing,
    coalition_fixture,
    mailing_fixture,
    mark_sent,
    newsletter_make,
)

pytestmark = pytest.mark.django_db
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def logged(newsletter: Newsletter, action: str) -> list[ModelLogEntry]:
    return list(ModelLogEntry.objects.filter(object_id=str(newsletter.pk), action=action))


def in_hours(hours: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(hours=hours)


def test_send_now_starts_the_send_and_the_worker_delivers_it_personalized(
    coalition, mailing: Mailing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        compose.newsletter_send_now(newsletter=mailing.draft_a, user=coalition.coordinator)
    newsletter = Newsletter.objects.get(pk=mailing.draft_a.pk)
    assert newsletter.status == NewsletterStatus.SENT
    assert newsletter.sent_by == coalition.coordinator and newsletter.started_at
    assert sorted(message.to[0] for message in mail.outbox) == [
        "Amy Member <amy@example.org>",
        "Cora Coordinator <cora@example.org>",
    ]
    amy = next(message for message in mail.outbox if "amy@example.org" in message.to[0])
    assert amy.subject == "Coalition news: able-news"
    assert "Dear Amy Member," in amy.body and "Your local alliance: Alliance Able" in amy.body
    assert compose.newsletter_progress(newsletter)["sent"] == 2
    (entry,) = logged(newsletter, compose.SEND_ACTION)
    assert entry.user == coalition.coordinator


def test_send_now_writes_its_task_in_the_same_transaction(coalition, mailing: Mailing):
    with override_settings(TASKS=DATABASE_TASKS):
        compose.newsletter_send_now(newsletter=mailing.draft_staff, user=coalition.staff)
        (task,) = DBTaskResult.objects.filter(task_path="amicc.mailings.tasks.send_newsletter")
    assert task.args_kwargs["kwargs"] == {"newsletter_id": mailing.draft_staff.pk}
    assert Newsletter.objects.get(pk=mailing.draft_staff.pk).status == NewsletterStatus.SENDING


@pytest.mark.parametrize(
    "change, message",
    [
        ({"body": []}, "The newsletter is empty"),
        ({"status": NewsletterStatus.SENDING}, "once its sending started"),
        ({"status": NewsletterStatus.SENT}, "once its sending started"),
        ({"status": NewsletterStatus.CANCELLED}, "once its sending started"),
    ],
)
def test_send_now_is_refused_unless_a_draft_with_content(
    coalition, mailing: Mailing, change, message
):
    newsletter = mailing.draft_staff
    Newsletter.objects.filter(pk=newsletter.pk).update(**change)
    with pytest.raises(ValidationError, match=message):
        compose.newsletter_send_now(newsletter=newsletter, user=coalition.staff)
    assert not logged(newsletter, compose.SEND_ACTION) and not mail.outbox


def test_send_now_is_refused_for_a_switched_off_list(coalition, mailing: Mailing):
    mailing.supporters.is_active = False
    mailing.supporters.save()
    with pytest.raises(ValidationError, match="switched off"):
        compose.newsletter_send_now(newsletter=mailing.draft_staff, user=coalition.staff)


@pytest.mark.parametrize(
    "action",
    [
        lambda n, u: compose.newsletter_send_now(newsletter=n, user=u),
        lambda n, u: compose.newsletter_schedule(newsletter=n, at=in_hours(2), user=u),
        lambda n, u: compose.newsletter_unschedule(newsletter=n, user=u),
        lambda n, u: compose.newsletter_cancel(newsletter=n, user=u),
        lambda n, u: compose.newsletter_test_send(newsletter=n, user=u),
        lambda n, u: compose.newsletter_preview(newsletter=n, user=u),
        lambda n, u: compose.newsletter_update(newsletter=n, user=u, data={"title": "Mine"}),
    ],
)
def test_coordinators_act_only_on_their_alliances_newsletters(coalition, mailing, action):
    for newsletter in (mailing.draft_b, mailing.draft_staff):
        with pytest.raises(PermissionDenied):
            action(newsletter, coalition.coordinator)
    assert Newsletter.objects.get(pk=mailing.draft_b.pk).title == "Baker news"


def test_coordinators_write_only_to_their_alliances_list(coalition, mailing: Mailing):
    data = {"title": "T", "slug": "t", "subject": "S", "mailing_list": mailing.list_b}
    with pytest.raises(ValidationError) as error:
        compose.newsletter_create(user=coalition.coordinator, data=data)
    assert "mailing_list" in error.value.message_dict
    with pytest.raises(ValidationError):
        compose.newsletter_update(
            newsletter=mailing.draft_a,
            user=coalition.coordinator,
            data={"mailing_list": mailing.supporters},
        )
    created = compose.newsletter_create(
        user=coalition.coordinator, data={**data, "mailing_list": mailing.list_a}
    )
    assert created.created_by == coalition.coordinator
    assert logged(created, "wagtail.create")


def test_editing_is_refused_once_sending_started(coalition, mailing: Mailing):
    newsletter = mark_sent(mailing.draft_staff)
    with pytest.raises(ValidationError, match="can no longer be changed"):
        compose.newsletter_update(newsletter=newsletter, user=coalition.staff, data={"title": "X"})
    compose.newsletter_update(
        newsletter=mailing.draft_a, user=coalition.staff, data={"title": "Able news, revised"}
    )
    assert Newsletter.objects.get(pk=mailing.draft_a.pk).title == "Able news, revised"
    assert logged(mailing.draft_a, "wagtail.edit")


def test_schedule_needs_a_future_time_and_can_be_taken_back(coalition, mailing: Mailing):
    newsletter = mailing.draft_staff
    with pytest.raises(ValidationError, match="This time has passed"):
        compose.newsletter_schedule(newsletter=newsletter, at=in_hours(-1), user=coalition.staff)
    at = in_hours(3)
    compose.newsletter_schedule(newsletter=newsletter, at=at, user=coalition.staff)
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.SCHEDULED and newsletter.scheduled_at == at
    assert logged(newsletter, compose.SCHEDULE_ACTION)[0].data == {"at": at.isoformat()}
    assert not mail.outbox  # the immediate backend cannot wait: nothing ran
    compose.newsletter_unschedule(newsletter=newsletter, user=coalition.staff)
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.DRAFT and newsletter.scheduled_at is None
    assert logged(newsletter, compose.UNSCHEDULE_ACTION)
    with pytest.raises(ValidationError, match="Only a scheduled newsletter"):
        compose.newsletter_unschedule(newsletter=newsletter, user=coalition.staff)


def test_schedule_queues_the_send_for_its_time(coalition, mailing: Mailing):
    at = in_hours(5)
    with override_settings(TASKS=DATABASE_TASKS):
        compose.newsletter_schedule(newsletter=mailing.draft_staff, at=at, user=coalition.staff)
        (task,) = DBTaskResult.objects.filter(task_path="amicc.mailings.tasks.send_newsletter")
    assert task.run_after == at
    assert task.args_kwargs["kwargs"] == {"newsletter_id": mailing.draft_staff.pk}


def test_a_scheduled_newsletter_is_sent_when_due(
    coalition, mailing: Mailing, django_capture_on_commit_callbacks
):
    from amicc.mailings.tasks import send_newsletter

    compose.newsletter_schedule(newsletter=mailing.draft_a, at=in_hours(1), user=coalition.staff)
    Newsletter.objects.filter(pk=mailing.draft_a.pk).update(scheduled_at=in_hours(-0.01))
    send_newsletter.enqueue(newsletter_id=mailing.draft_a.pk)  # what the queue does then
    assert Newsletter.objects.get(pk=mailing.draft_a.pk).status == NewsletterStatus.SENT
    assert len(mail.outbox) == 2


def test_cancel_stops_a_send(coalition, mailing: Mailing):
    newsletter = mailing.draft_staff
    with pytest.raises(ValidationError, match="Only a newsletter being sent"):
        compose.newsletter_cancel(newsletter=newsletter, user=coalition.staff)
    Newsletter.objects.filter(pk=newsletter.pk).update(status=NewsletterStatus.SENDING)
    compose.newsletter_cancel(newsletter=newsletter, user=coalition.staff)
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.CANCELLED and newsletter.finished_at
    assert logged(newsletter, compose.CANCEL_ACTION)


def test_test_send_goes_to_the_user_personalized_as_a_recipient(
    coalition, mailing: Mailing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        delivery = compose.newsletter_test_send(
            newsletter=mailing.draft_a, user=coalition.coordinator, person=mailing.amy
        )
    delivery.refresh_from_db()
    assert delivery.kind == DeliveryKind.TEST and delivery.status == DeliveryStatus.SENT
    assert delivery.email == coalition.coordinator.email
    (message,) = mail.outbox
    assert message.to == [f"{coalition.coordinator.get_full_name()} <coordinator@example.org>"]
    assert message.subject == "[Test] Coalition news: able-news"
    assert "Dear Amy Member," in message.body
    entry = logged(mailing.draft_a, compose.TEST_ACTION)[0]
    assert entry.data == {"to": coalition.coordinator.email, "person": mailing.amy.pk}
    # A test is not a delivery of the newsletter: its progress stays empty.
    assert compose.newsletter_progress(mailing.draft_a)["total"] == 0


def test_test_send_needs_an_email_address(coalition, mailing: Mailing):
    coalition.staff.email = ""
    coalition.staff.save()
    with pytest.raises(ValidationError, match="no email address"):
        compose.newsletter_test_send(newsletter=mailing.draft_staff, user=coalition.staff)
    assert not Delivery.objects.exists()


def test_preview_is_logged_and_carries_no_working_personal_link(coalition, mailing: Mailing):
    message = compose.newsletter_preview(
        newsletter=mailing.draft_a, user=coalition.staff, person=mailing.amy
    )
    assert "Dear Amy Member," in message.text
    assert "/newsletters/unsubscribe/" not in message.html  # a preview unsubscribes nobody
    (entry,) = logged(mailing.draft_a, compose.PREVIEW_ACTION)
    assert entry.data == {"person": mailing.amy.pk}
    as_myself = compose.newsletter_preview(newsletter=mailing.draft_a, user=coalition.staff)
    assert f"Dear {coalition.staff.get_full_name()}," in as_myself.text


def test_recipients_are_the_lists_people(mailing: Mailing):
    assert set(compose.newsletter_recipients(mailing.draft_a)) == {mailing.amy, mailing.cora}


def _deliveries(newsletter: Newsletter, statuses: dict[str, int], reason: str = "") -> None:
    rows = [
        Delivery(
            kind=DeliveryKind.NEWSLETTER,
            newsletter=newsletter,
            email=f"{status}{number}@example.org",
            status=status,
            reason=reason if status != DeliveryStatus.SENT else "",
        )
        for status, count in statuses.items()
        for number in range(count)
    ]
    Delivery.objects.bulk_create(rows)


def test_progress_counts_by_status_in_one_query(mailing: Mailing, django_assert_num_queries):
    newsletter = mailing.draft_staff
    _deliveries(newsletter, {"sent": 5, "failed": 2, "skipped": 1, "queued": 3, "uncertain": 1})
    Delivery.objects.create(kind=DeliveryKind.TEST, newsletter=newsletter, email="t@example.org")
    with django_assert_num_queries(1):
        progress = compose.newsletter_progress(newsletter)
    assert (progress["sent"], progress["failed"], progress["skipped"]) == (5, 2, 1)
    assert (progress["uncertain"], progress["waiting"], progress["total"]) == (1, 3, 12)
    assert progress["finished"] == 9 and progress["percent"] == 75


def test_report_groups_failures_and_lists_the_first_ones(mailing: Mailing):
    newsletter = mark_sent(mailing.draft_staff, total=60)
    _deliveries(newsletter, {"sent": 4, "failed": 55}, reason="550 No such user")
    _deliveries(newsletter, {"uncertain": 1}, reason="No answer after the dot")
    report = compose.newsletter_report(newsletter)
    assert report["reasons"][0] == {"status": "failed", "reason": "550 No such user", "count": 55}
    assert len(report["problems"]) == compose.REPORT_LIMIT
    assert report["duration"] > datetime.timedelta(minutes=1)
    assert report["rate"] == pytest.approx(4 / report["duration"].total_seconds())
