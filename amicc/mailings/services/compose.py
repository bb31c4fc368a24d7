"""Newsletters as staff and coordinators compose, test, send and schedule them.

Who reaches which newsletter: staff every one; an alliance coordinator those to the
lists of the alliances they coordinate. Every action checks that reach here as well as
in the admin, runs in one transaction with its audit-log entry, and hands the sending to
the engine's tasks (`amicc.mailings.tasks`). A newsletter can be edited, sent or
scheduled only as a draft or while scheduled; once its sending started it stays as sent.
"""

import datetime
from collections.abc import Mapping
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone
from django_tasks_db import DatabaseBackend
from wagtail.log_actions import log

from amicc.coalition.models import Alliance, Person
from amicc.coalition.permissions import reachable, user_is_coalition_staff
from amicc.core.page_cache import invalidate_page_cache
from amicc.mailings import tokens
from amicc.mailings.choices import DeliveryKind, DeliveryStatus, ListKind, NewsletterStatus
from amicc.mailings.models import Delivery, MailingList, Newsletter
from amicc.mailings.rendering import (
    RenderedMessage,
    newsletter_personalize,
    newsletter_template,
)
from amicc.mailings.services import audience
from amicc.mailings.services.snapshots import SnapshotMaps, snapshot_contexts

SEND_ACTION = "mailings.newsletter_send"
SCHEDULE_ACTION = "mailings.newsletter_schedule"
UNSCHEDULE_ACTION = "mailings.newsletter_unschedule"
CANCEL_ACTION = "mailings.newsletter_cancel"
ARCHIVE_ACTION = "mailings.newsletter_archive"
TEST_ACTION = "mailings.newsletter_test"
PREVIEW_ACTION = "mailings.newsletter_preview"

EDITABLE = (NewsletterStatus.DRAFT, NewsletterStatus.SCHEDULED)
EDITABLE_FIELDS = (
    "title", "slug", "subject", "preheader", "mailing_list", "body", "is_public",
)  # fmt: skip
FINISHED_STATUSES = (
    DeliveryStatus.SENT, DeliveryStatus.FAILED, DeliveryStatus.SKIPPED, DeliveryStatus.UNCERTAIN,
)  # fmt: skip
REPORT_LIMIT = 50


def lists_in_reach(user) -> QuerySet[MailingList]:
    """The lists a user may write to: every active one for staff, else their alliances'."""
    lists = MailingList.objects.filter(is_active=True)
    if user_is_coalition_staff(user):
        return lists
    return lists.filter(kind=ListKind.ALLIANCE, alliance__in=reachable(Alliance, user))


def newsletters_in_reach(user) -> QuerySet[Newsletter]:
    if user_is_coalition_staff(user):
        return Newsletter.objects.all()
    return Newsletter.objects.filter(
        mailing_list__kind=ListKind.ALLIANCE,
        mailing_list__alliance__in=reachable(Alliance, user),
    )


def _check_reach(newsletter: Newsletter, user) -> None:
    if not newsletters_in_reach(user).filter(pk=newsletter.pk).exists():
        raise PermissionDenied("This newsletter is not one of yours.")


def _check_list(mailing_list: MailingList | None, user) -> None:
    if mailing_list is not None and not lists_in_reach(user).filter(pk=mailing_list.pk).exists():
        raise ValidationError({"mailing_list": "You can only write to your own alliance's list."})


def _locked(newsletter: Newsletter, user) -> Newsletter:
    """The stored newsletter, locked for this transaction, after checking the user's reach."""
    _check_reach(newsletter, user)
    return (
        Newsletter.objects.select_for_update().select_related("mailing_list").get(pk=newsletter.pk)
    )


def _check_editable(newsletter: Newsletter) -> None:
    if newsletter.status not in EDITABLE:
        raise ValidationError(
            f"This newsletter is {newsletter.get_status_display().lower()}: "
            "once its sending started it can no longer be changed."
        )


def _check_sendable(newsletter: Newsletter) -> None:
    _check_editable(newsletter)
    if not len(newsletter.body):
        raise ValidationError("The newsletter is empty: add at least one block first.")
    if not newsletter.mailing_list.is_active:
        raise ValidationError("Its list is switched off: choose another list first.")


def _enqueue(task, **kwargs) -> None:
    """Queue `task` so that it exists exactly when this transaction commits.

    The database backend writes the task in this transaction: the newsletter's new status
    and its task are committed together or not at all. Other backends (the immediate one
    of the tests) run it after the commit, when it can see what was committed.
    """
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(**kwargs)
    else:
        transaction.on_commit(partial(task.enqueue, **kwargs))


def _save(newsletter: Newsletter, fields: list[str], *, clean: bool = False) -> None:
    if clean:  # an edit; a change of status alone needs no validation of the content
        newsletter.full_clean()
    newsletter.save(update_fields=[*fields, "updated_at"])
    if newsletter.is_public:
        transaction.on_commit(invalidate_page_cache)


@transaction.atomic
def newsletter_create(*, user: AbstractBaseUser, data: Mapping[str, Any]) -> Newsletter:
    if unknown := set(data) - set(EDITABLE_FIELDS):
        raise ValueError(f"Not a field of a newsletter: {', '.join(sorted(unknown))}")
    _check_list(data.get("mailing_list"), user)
    newsletter = Newsletter(**data, created_by=user)
    newsletter.full_clean()
    newsletter.save()
    log(instance=newsletter, action="wagtail.create", user=user)
    return newsletter


@transaction.atomic
def newsletter_update(
    *, newsletter: Newsletter, user: AbstractBaseUser, data: Mapping[str, Any]
) -> Newsletter:
    if unknown := set(data) - set(EDITABLE_FIELDS):
        raise ValueError(f"Not a field of a newsletter: {', '.join(sorted(unknown))}")
    stored = _locked(newsletter, user)
    _check_editable(stored)
    if "mailing_list" in data:
        _check_list(data["mailing_list"], user)
    was_public = stored.is_public
    for name, value in data.items():
        setattr(stored, name, value)
    _save(stored, list(data), clean=True)
    if was_public and not stored.is_public:
        transaction.on_commit(invalidate_page_cache)
    log(instance=stored, action="wagtail.edit", user=user)
    return stored


@transaction.atomic
def newsletter_send_now(*, newsletter: Newsletter, user: AbstractBaseUser) -> Newsletter:
    """Start sending to the list now; the worker queues and delivers it."""
    from amicc.mailings.tasks import send_newsletter

    stored = _locked(newsletter, user)
    _check_sendable(stored)
    stored.status = NewsletterStatus.SENDING
    stored.sent_by = user
    stored.started_at = timezone.now()
    stored.scheduled_at = None
    _save(stored, ["status", "sent_by", "started_at", "scheduled_at"])
    log(instance=stored, action=SEND_ACTION, user=user, data={"list": str(stored.mailing_list)})
    _enqueue(send_newsletter, newsletter_id=stored.pk)
    return stored


@transaction.atomic
def newsletter_schedule(
    *, newsletter: Newsletter, at: datetime.datetime, user: AbstractBaseUser
) -> Newsletter:
    """Send at `at` (aware). The task runs then, and re-reads the status and time first."""
    from amicc.mailings.tasks import send_newsletter

    if timezone.is_naive(at):
        raise ValueError("A schedule needs an aware datetime.")
    if at <= timezone.now():
        raise ValidationError({"at": "This time has passed: choose a time in the future."})
    stored = _locked(newsletter, user)
    _check_sendable(stored)
    stored.status = NewsletterStatus.SCHEDULED
    stored.scheduled_at = at
    stored.sent_by = user
    _save(stored, ["status", "scheduled_at", "sent_by"])
    log(instance=stored, action=SCHEDULE_ACTION, user=user, data={"at": at.isoformat()})
    # A backend that cannot wait (the immediate one) leaves it to `mailings_recover`.
    if send_newsletter.get_backend().supports_defer:
        _enqueue(send_newsletter.using(run_after=at), newsletter_id=stored.pk)
    return stored


@transaction.atomic
def newsletter_unschedule(*, newsletter: Newsletter, user: AbstractBaseUser) -> Newsletter:
    """Back to a draft; the task already queued finds it so and does nothing."""
    stored = _locked(newsletter, user)
    if stored.status != NewsletterStatus.SCHEDULED:
        raise ValidationError("Only a scheduled newsletter can be unscheduled.")
    stored.status = NewsletterStatus.DRAFT
    stored.scheduled_at = None
    stored.sent_by = None
    _save(stored, ["status", "scheduled_at", "sent_by"])
    log(instance=stored, action=UNSCHEDULE_ACTION, user=user)
    return stored


@transaction.atomic
def newsletter_cancel(*, newsletter: Newsletter, user: AbstractBaseUser) -> Newsletter:
    """Stop a send: the worker sends no more and marks the rest skipped ("cancelled")."""
    stored = _locked(newsletter, user)
    if stored.status != NewsletterStatus.SENDING:
        raise ValidationError("Only a newsletter being sent can be cancelled.")
    stored.status = NewsletterStatus.CANCELLED
    stored.finished_at = timezone.now()
    _save(stored, ["status", "finished_at"])
    log(instance=stored, action=CANCEL_ACTION, user=user)
    return stored


def newsletter_recipients(newsletter: Newsletter) -> QuerySet[Person]:
    """The people the newsletter's list reaches now (for choosing whom to preview as)."""
    # The audience module's own query; its public `list_recipients` yields rows, not people.
    return audience._recipients(newsletter.mailing_list)


@transaction.atomic
def newsletter_archive_set(
    *, newsletter: Newsletter, is_public: bool, user: AbstractBaseUser
) -> Newsletter:
    """Show a sent newsletter in the public archive, or take it out (the one change left)."""
    stored = _locked(newsletter, user)
    if stored.status != NewsletterStatus.SENT:
        raise ValidationError("Only a newsletter that was sent can be shown in the archive.")
    stored.is_public = is_public
    stored.save(update_fields=["is_public", "updated_at"])
    transaction.on_commit(invalidate_page_cache)
    log(instance=stored, action=ARCHIVE_ACTION, user=user, data={"is_public": is_public})
    return stored


def _recipient_context(newsletter: Newsletter, person: Person | None, user) -> dict:
    """The snapshot `person` would be sent with; without a person, the user's name only."""
    if person is None:
        return {"name": user.get_full_name(), "alliance": "", "district": "", "representatives": []}
    mailing_list = newsletter.mailing_list
    maps = SnapshotMaps.load(
        alliance_name=mailing_list.alliance.name if mailing_list.kind == ListKind.ALLIANCE else None
    )
    recipient = audience.Recipient(
        person.pk, person.email or "", person.name, person.zip_code, person.state
    )
    return snapshot_contexts([recipient], maps)[person.pk]


def newsletter_preview(
    *, newsletter: Newsletter, user: AbstractBaseUser, person: Person | None = None
) -> RenderedMessage:
    """The message as `person` (or the user) would get it; links lead nowhere personal."""
    _check_reach(newsletter, user)
    harmless = settings.SITE_URL + reverse("mailings:preferences_request")
    message = newsletter_personalize(
        newsletter_template(newsletter),
        context=_recipient_context(newsletter, person, user),
        unsubscribe_url=harmless,
        preferences_url=harmless,
    )
    log(
        instance=newsletter,
        action=PREVIEW_ACTION,
        user=user,
        data={"person": person.pk if person else None},
    )
    return message


@transaction.atomic
def newsletter_test_send(
    *, newsletter: Newsletter, user: AbstractBaseUser, person: Person | None = None
) -> Delivery:
    """A test message to the user's own address, personalized as for `person` if given."""
    from amicc.mailings.tasks import send_delivery

    _check_reach(newsletter, user)
    if not user.email:
        raise ValidationError("Your account has no email address to send the test to.")
    message = newsletter_personalize(
        newsletter_template(newsletter),
        context=_recipient_context(newsletter, person, user),
        unsubscribe_url=tokens.unsubscribe_url(
            email=user.email, list_id=newsletter.mailing_list_id
        ),
        preferences_url=tokens.preferences_url(email=user.email),
    )
    delivery = Delivery.objects.create(
        kind=DeliveryKind.TEST,
        newsletter=newsletter,
        email=user.email,
        name=user.get_full_name(),
        template="newsletter",
        subject=f"[Test] {message.subject}",
        body_text=message.text,
        body_html=message.html,
    )
    log(
        instance=newsletter,
        action=TEST_ACTION,
        user=user,
        data={"to": user.email, "person": person.pk if person else None},
    )
    _enqueue(send_delivery, delivery_id=delivery.pk)
    return delivery


def newsletter_progress(newsletter: Newsletter) -> dict:
    """How far a send is: deliveries by status (one GROUP BY query) and what they add to."""
    counts = dict.fromkeys(DeliveryStatus.values, 0)
    rows = (
        Delivery.objects.filter(newsletter=newsletter, kind=DeliveryKind.NEWSLETTER)
        .values_list("status")
        .annotate(count=Count("id"))
        .order_by()
    )
    counts.update(dict(rows))
    written = sum(counts.values())
    total = max(written, newsletter.total_recipients)
    finished = sum(counts[status] for status in FINISHED_STATUSES)
    return {
        **counts,
        # Waiting its turn: queued, or taken by the worker and not yet answered for.
        "waiting": counts["queued"] + counts["sending"] + counts["handover"],
        "total": total,
        "finished": finished,
        "percent": round(100 * finished / total) if total else 0,
        "is_queued": newsletter.queued_at is not None,
    }


def newsletter_report(newsletter: Newsletter) -> dict:
    """The final report: progress, duration and rate, and what went wrong."""
    progress = newsletter_progress(newsletter)
    duration = None
    if newsletter.started_at and newsletter.finished_at:
        duration = newsletter.finished_at - newsletter.started_at
    seconds = duration.total_seconds() if duration else 0
    troubled = Delivery.objects.filter(
        newsletter=newsletter,
        kind=DeliveryKind.NEWSLETTER,
        status__in=[DeliveryStatus.FAILED, DeliveryStatus.UNCERTAIN, DeliveryStatus.SKIPPED],
    )
    reasons = (
        troubled.values("status", "reason")
        .annotate(count=Count("id"))
        .order_by("-count", "status", "reason")
    )
    problems = troubled.exclude(status=DeliveryStatus.SKIPPED).order_by("pk")
    return {
        "progress": progress,
        "duration": duration,
        "rate": progress["sent"] / seconds if seconds else None,
        "reasons": list(reasons[:REPORT_LIMIT]),
        "problems": list(problems.only("pk", "email", "status", "reason")[:REPORT_LIMIT]),
    }
