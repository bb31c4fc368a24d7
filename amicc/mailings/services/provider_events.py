"""What mail providers report about messages (django-anymail's tracking webhooks), or staff
record by hand: bounces and complaints suppress the address.

Each provider event is recorded once, whatever the number of times the provider posts it
(`esp` + `event_id`), and tied to the delivery it is about: the one named by our
Message-ID when the provider returns it, else the latest delivery to that address.
"""

import datetime
import re

from anymail.signals import AnymailTrackingEvent
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from wagtail.log_actions import log

from amicc.mailings.choices import MailEventType, SuppressionReason
from amicc.mailings.models import Delivery, MailEvent
from amicc.mailings.services.audience import suppression_add

SUPPRESSING = {
    MailEventType.BOUNCED: SuppressionReason.HARD_BOUNCE,
    MailEventType.COMPLAINED: SuppressionReason.COMPLAINT,
    MailEventType.UNSUBSCRIBED: SuppressionReason.UNSUBSCRIBED,
}
# Anymail's normalized event types that say something went wrong; the rest are OTHER, and
# news of plain success or engagement (delivered, opened, clicked, …) is not recorded.
ANYMAIL_TYPES = {
    "bounced": MailEventType.BOUNCED,
    "deferred": MailEventType.DEFERRED,
    "complained": MailEventType.COMPLAINED,
    "unsubscribed": MailEventType.UNSUBSCRIBED,
    "rejected": MailEventType.REJECTED,
}
ANYMAIL_IGNORED = frozenset({"queued", "sent", "delivered", "opened", "clicked", "subscribed"})
MESSAGE_ID = re.compile(r"<?amicc\.(?P<kind>[a-z]+)\.(?P<pk>\d{1,18})@(?P<domain>[^>\s]+)>?")


def _delivery_for(*, message_id: str, email: str) -> Delivery | None:
    match = MESSAGE_ID.fullmatch(message_id.strip()) if message_id else None
    if match and match["domain"] == settings.AMICC_MAIL_DOMAIN:
        ours = Delivery.objects.filter(pk=int(match["pk"]), kind=match["kind"]).first()
        if ours is not None and ours.email.lower() == email:
            return ours
    return (
        Delivery.objects.annotate(lower_email=Lower("email"))
        .filter(lower_email=email)
        .order_by("-created_at", "-pk")
        .first()
    )


def mail_event_record(
    *,
    event_type: MailEventType,
    email: str,
    esp: str = "",
    event_id: str = "",
    description: str = "",
    occurred_at: datetime.datetime | None = None,
    message_id: str = "",
    user: AbstractBaseUser | None = None,
) -> MailEvent:
    """Record an event (once per provider event id) and suppress the address if it bounced,
    complained or unsubscribed. Raises ValidationError for what is not an email address."""
    email = email.strip().lower()
    validate_email(email)
    event_id = event_id[:200]
    if event_id:
        known = MailEvent.objects.filter(esp=esp, event_id=event_id).first()
        if known is not None:
            return known
    try:
        with transaction.atomic():
            event = MailEvent.objects.create(
                esp=esp[:50],
                event_id=event_id,
                event_type=event_type,
                email=email,
                delivery=_delivery_for(message_id=message_id, email=email),
                description=description,
                occurred_at=occurred_at,
                recorded_by=user,
            )
            if event_type in SUPPRESSING:
                suppression_add(
                    email=email,
                    reason=SUPPRESSING[event_type],
                    source=f"{esp} webhook" if esp else "recorded by staff",
                    note=description,
                    user=user,
                )
            if user is not None:
                log(instance=event, action="wagtail.create", user=user)
    except IntegrityError:
        if not event_id:
            raise
        # The same event posted twice at once: the other request recorded it.
        return MailEvent.objects.get(esp=esp, event_id=event_id)
    return event


def anymail_event_type(event: AnymailTrackingEvent, esp_name: str) -> MailEventType | None:
    """Our type for an anymail tracking event, or None when it is not worth recording."""
    if event.event_type in ANYMAIL_IGNORED:
        return None
    event_type = ANYMAIL_TYPES.get(event.event_type, MailEventType.OTHER)
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    # Anymail files Postmark's soft bounces and virus notices under "bounced" too.
    if event_type == MailEventType.BOUNCED and esp_name == "Postmark":
        kind = raw.get("Type")
        if kind != "HardBounce":
            return MailEventType.DEFERRED if kind == "SoftBounce" else MailEventType.OTHER
    return event_type


def anymail_event_description(event: AnymailTrackingEvent) -> str:
    parts = [event.description, event.mta_response, event.reject_reason]
    return " · ".join(dict.fromkeys(str(part).strip() for part in parts if part))
