"""RSVPs: taking a seat or a place on the waitlist, cancelling, promotion, attendance.

Every change to who holds a seat locks the event's row first, so two people never take
the last seat and a freed seat goes to exactly one waitlisted person. Emails go out once
the change has committed.
"""

import datetime
import functools
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from amicc.coalition.choices import ConsentPurpose, ConsentSource
from amicc.coalition.services.people import consent_record, person_get_or_create
from amicc.events.choices import RsvpStatus
from amicc.events.models import Event, Rsvp
from amicc.events.services.emails import rsvp_email_send

# The wording beside the RSVP form's checkboxes, recorded as shown.
RSVP_CONSENT_WORDING = _(
    "I agree that the coalition keeps my name and email address to run this event: to "
    "confirm my place, remind me the day before and tell me of changes."
)
NEWSLETTER_WORDING = _("Also send me the coalition's newsletter.")
# An RSVP made this close to the start gets no separate reminder: its confirmation is one.
REMINDER_WINDOW = datetime.timedelta(hours=24)


class RsvpRefused(Exception):
    """The event takes no RSVPs: it is not published, or it has started."""


@dataclass(frozen=True)
class RsvpMade:
    """The new RSVP, or, when `already`, the person's live one: nothing new then."""

    rsvp: Rsvp
    already: bool = False


@dataclass(frozen=True)
class RsvpCancelled:
    rsvp: Rsvp
    already: bool = False
    promoted: tuple[Rsvp, ...] = ()


def _locked_event(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


def confirmed_count(event: Event) -> int:
    return event.rsvps.filter(status=RsvpStatus.CONFIRMED).count()


def _seat_free(event: Event) -> bool:
    return event.capacity is None or confirmed_count(event) < event.capacity


def _reminder_due_now(event: Event, now: datetime.datetime) -> bool:
    return event.starts_at - now <= REMINDER_WINDOW


def _reminder_schedule(event: Event) -> None:
    """Queue a reminder run for the day before, when the task backend can wait that long.

    The immediate backend cannot; cron's `amicc send-event-reminders` covers it then.
    """
    from django_tasks import default_task_backend

    from amicc.events.tasks import send_event_reminders

    if default_task_backend.supports_defer:
        run_after = max(event.starts_at - REMINDER_WINDOW, timezone.now())
        send_event_reminders.using(run_after=run_after).enqueue()


def _email_on_commit(rsvp: Rsvp, template: str) -> None:
    transaction.on_commit(functools.partial(rsvp_email_send, rsvp_id=rsvp.pk, template=template))


@transaction.atomic
def rsvp_create(*, event: Event, name: str, email: str, wants_newsletter: bool = False) -> RsvpMade:
    """RSVP a person (found or created by email, any case) to `event`.

    They get a seat while one is free, else a place at the end of the waitlist. A person
    with a live RSVP gets that one back (`already`), and nothing is sent. Raises
    RsvpRefused for an event that is unpublished or has started.
    """
    event = _locked_event(event.pk)
    now = timezone.now()
    if not event.is_published:
        raise RsvpRefused(gettext("This event is not open for RSVPs."))
    if event.has_started(now):
        raise RsvpRefused(gettext("This event has already started, so it takes no more RSVPs."))
    person, _ = person_get_or_create(email=email, name=name)
    live = event.rsvps.exclude(status=RsvpStatus.CANCELLED).filter(person=person).first()
    if live is not None:
        return RsvpMade(rsvp=live, already=True)
    rsvp = Rsvp(
        event=event,
        person=person,
        name=name.strip(),
        status=RsvpStatus.CONFIRMED if _seat_free(event) else RsvpStatus.WAITLISTED,
        created_at=now,
        reminder_sent_at=now if _reminder_due_now(event, now) else None,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    rsvp.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            rsvp.save()
    except IntegrityError:  # the same person, in a request that got in first
        live = event.rsvps.exclude(status=RsvpStatus.CANCELLED).get(person=person)
        return RsvpMade(rsvp=live, already=True)
    source = ConsentSource.EVENT_RSVP
    consent_record(
        person=person,
        purpose=ConsentPurpose.DATA_PROCESSING,
        wording=str(RSVP_CONSENT_WORDING),
        source=source,
    )
    if wants_newsletter:
        consent_record(
            person=person,
            purpose=ConsentPurpose.NEWSLETTER,
            wording=str(NEWSLETTER_WORDING),
            source=source,
        )
    _email_on_commit(rsvp, "events_rsvp_received")
    if rsvp.reminder_sent_at is None:
        transaction.on_commit(functools.partial(_reminder_schedule, event))
    return RsvpMade(rsvp=rsvp)


def waitlist_promote(*, event: Event) -> tuple[Rsvp, ...]:
    """Give free seats to the earliest waitlisted people, emailing them once committed.

    Call with the event's row locked. Nobody is promoted once the event has started.
    """
    now = timezone.now()
    if event.has_started(now):
        return ()
    waiting = (
        event.rsvps.filter(status=RsvpStatus.WAITLISTED)
        .order_by("created_at", "pk")
        .select_for_update()
    )
    if event.capacity is not None:
        waiting = waiting[: max(event.capacity - confirmed_count(event), 0)]
    promoted = tuple(waiting)
    for rsvp in promoted:
        rsvp.status = RsvpStatus.CONFIRMED
        rsvp.promoted_at = now
        if _reminder_due_now(event, now):
            rsvp.reminder_sent_at = rsvp.reminder_sent_at or now
        rsvp.save(update_fields=["status", "promoted_at", "reminder_sent_at"])
        _email_on_commit(rsvp, "events_rsvp_promoted")
    return promoted


class CancelTooLate(Exception):
    """The event has started: there is no seat left to give back."""


@transaction.atomic
def rsvp_cancel(*, rsvp_id: int) -> RsvpCancelled:
    """Cancel an RSVP; a freed seat goes to the first person on the waitlist.

    Cancelling twice changes nothing (`already`). Raises Rsvp.DoesNotExist for an unknown
    id and CancelTooLate once the event has started.
    """
    event_id = Rsvp.objects.values_list("event_id", flat=True).get(pk=rsvp_id)
    event = _locked_event(event_id)
    rsvp = Rsvp.objects.select_for_update().get(pk=rsvp_id)
    if rsvp.status == RsvpStatus.CANCELLED:
        return RsvpCancelled(rsvp=rsvp, already=True)
    if event.has_started():
        raise CancelTooLate(
            gettext("This event has already started, so there is nothing to cancel.")
        )
    held_seat = rsvp.status == RsvpStatus.CONFIRMED
    rsvp.status = RsvpStatus.CANCELLED
    rsvp.cancelled_at = timezone.now()
    rsvp.save(update_fields=["status", "cancelled_at"])
    promoted = waitlist_promote(event=event) if held_seat else ()
    return RsvpCancelled(rsvp=rsvp, promoted=promoted)


@transaction.atomic
def rsvp_attendance_mark(*, rsvp: Rsvp, attended: bool | None, by: AbstractBaseUser | None) -> Rsvp:
    """Record whether the person came (None: not known); in the audit log."""
    rsvp = Rsvp.objects.select_for_update().get(pk=rsvp.pk)
    rsvp.attended = attended
    rsvp.save(update_fields=["attended"])
    log(instance=rsvp, action="wagtail.edit", user=by)
    return rsvp
