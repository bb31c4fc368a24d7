"""Reminders the day before: one email per confirmed RSVP, however often this runs.

Each RSVP is claimed with a conditional UPDATE (… WHERE reminder_sent_at IS NULL) before
its email is queued, in one transaction: of two runs at the same time, only the one whose
UPDATE changed the row sends, and a failure rolls the claim back with the email.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from amicc.events.choices import RsvpStatus
from amicc.events.models import Rsvp
from amicc.events.services.emails import rsvp_email_send
from amicc.events.services.rsvps import REMINDER_WINDOW


def reminders_due(*, now: datetime.datetime) -> list[int]:
    """Confirmed RSVPs not yet reminded, of published events starting within the window."""
    return list(
        Rsvp.objects.filter(
            status=RsvpStatus.CONFIRMED,
            reminder_sent_at__isnull=True,
            event__is_published=True,
            event__starts_at__gt=now,
            event__starts_at__lte=now + REMINDER_WINDOW,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def event_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Send every reminder that is due; returns how many this run sent."""
    now = now or timezone.now()
    sent = 0
    for rsvp_id in reminders_due(now=now):
        with transaction.atomic():
            claimed = Rsvp.objects.filter(
                pk=rsvp_id, status=RsvpStatus.CONFIRMED, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if claimed and rsvp_email_send(rsvp_id=rsvp_id, template="events_reminder"):
                sent += 1
    return sent
