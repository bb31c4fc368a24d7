"""Signal receivers of the mailings app: provider webhooks (django-anymail) and new alliances."""

import logging

from anymail.signals import tracking
from django.core.exceptions import ValidationError
from django.db.models.signals import post_save
from django.dispatch import receiver

from amicc.coalition.choices import ConsentPurpose
from amicc.coalition.models import Alliance
from amicc.mailings.choices import ListKind
from amicc.mailings.models import MailingList
from amicc.mailings.services.provider_events import (
    anymail_event_description,
    anymail_event_type,
    mail_event_record,
)

logger = logging.getLogger(__name__)


@receiver(tracking, dispatch_uid="mailings-anymail-tracking")
def provider_event_received(sender, event, esp_name: str, **kwargs) -> None:
    event_type = anymail_event_type(event, esp_name)
    if event_type is None:
        return
    try:
        mail_event_record(
            event_type=event_type,
            email=event.recipient or "",
            esp=esp_name,
            event_id=event.event_id or "",
            description=anymail_event_description(event),
            occurred_at=event.timestamp,
            message_id=event.message_id or "",
        )
    except ValidationError:
        # Answered with success all the same: the provider would only post it again.
        logger.warning("%s reported a %s event without a usable address", esp_name, event_type)


@receiver(post_save, sender=Alliance, dispatch_uid="mailings-alliance-list")
def alliance_list_create(sender, instance: Alliance, created: bool, raw: bool = False, **kwargs):
    """Every alliance has its members' list, as migration 0002 gave the existing ones."""
    if not created or raw:
        return
    slug = f"alliance-{instance.slug}"[:200]
    if MailingList.objects.filter(slug=slug).exists():
        slug = f"alliance-{instance.pk}-{instance.slug}"[:200]
    MailingList.objects.get_or_create(
        kind=ListKind.ALLIANCE,
        alliance=instance,
        defaults={
            "name": f"{instance.name} members",
            "slug": slug,
            "purpose": ConsentPurpose.ALLIANCE_UPDATES,
            "description": f"Updates from the {instance.name} to its members.",
        },
    )
