"""A person's event RSVPs in their data export, and their erasure.

Erasure keeps each RSVP's status and attendance (events' counts are made of them) but not
the name typed; RSVPs to events still to come are cancelled first, so their seats go to
the waitlist rather than to someone who can no longer be told anything.
"""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import ModelLogEntry

from amicc.coalition.models import Person
from amicc.events.choices import RsvpStatus
from amicc.events.models import Rsvp
from amicc.events.services.rsvps import rsvp_cancel

RSVP_FIELDS = ("name", "status", "created_at", "promoted_at", "cancelled_at", "attended")


def person_data(person: Person) -> list[dict[str, Any]]:
    rsvps = Rsvp.objects.filter(person=person).select_related("event").order_by("created_at")
    return [
        {
            "event": rsvp.event.title,
            "event_starts_at": rsvp.event.starts_at,
            **{name: getattr(rsvp, name) for name in RSVP_FIELDS},
            "reminder_sent_at": rsvp.reminder_sent_at,
        }
        for rsvp in rsvps
    ]


def person_forget(person: Person) -> None:
    live_ahead = Rsvp.objects.filter(person=person, event__starts_at__gt=timezone.now()).exclude(
        status=RsvpStatus.CANCELLED
    )
    for rsvp_id in list(live_ahead.values_list("pk", flat=True)):
        rsvp_cancel(rsvp_id=rsvp_id)
    rsvps = Rsvp.objects.filter(person=person)
    rsvps.update(name="")
    # Audit entries keep who did what and when, but no longer the person's name.
    content_type = ContentType.objects.get_for_model(Rsvp)
    for rsvp in rsvps.select_related("event"):
        ModelLogEntry.objects.filter(content_type=content_type, object_id=str(rsvp.pk)).update(
            label=str(rsvp)
        )
