"""The emails sent to a person, in their data export, and what erasure keeps of them.

Wired into `amicc.coalition.services.privacy`. Erasure keeps every delivery record (a
send's counts are made of them) but not the address, the name, the personalization or
what the message said; provider events about them lose the address too. The address's
opt-outs and suppression are kept: they are what makes sure nothing is sent to it again.
Deliveries still queued are skipped.
"""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat, Lower
from wagtail.models import ModelLogEntry

from amicc.coalition.models import Person
from amicc.mailings.choices import DeliveryStatus
from amicc.mailings.models import Delivery, ListOptOut, MailEvent, Suppression
from amicc.mailings.services.audience import SKIP_ERASED

ERASED_DOMAIN = "erased.invalid"


def person_data(person: Person) -> dict[str, Any]:
    deliveries = (
        Delivery.objects.filter(person=person)
        .select_related("newsletter")
        .order_by("created_at", "pk")
    )
    email = (person.email or "").lower()
    suppression = Suppression.objects.filter(email=email).first() if email else None
    opt_outs = (
        ListOptOut.objects.filter(email=email).select_related("mailing_list").order_by("pk")
        if email
        else []
    )
    return {
        "deliveries": [
            {
                "kind": delivery.kind,
                "subject": delivery.newsletter.subject if delivery.newsletter else delivery.subject,
                "email": delivery.email,
                "status": delivery.status,
                "created_at": delivery.created_at,
                "sent_at": delivery.sent_at,
            }
            for delivery in deliveries
        ],
        "lists_left": [
            {"list": opt_out.mailing_list.name, "left_at": opt_out.created_at}
            for opt_out in opt_outs
        ],
        "suppression": suppression
        and {
            "reason": suppression.reason,
            "source": suppression.source,
            "created_at": suppression.created_at,
        },
    }


def person_forget(person: Person) -> None:
    """Blank the person's deliveries, and those to the addresses they were sent at."""
    # Erasure has already blanked the person's own address; their deliveries still know it,
    # which also finds the messages other apps sent to it without naming the person.
    emails = set(
        Delivery.objects.filter(person=person)
        .annotate(lower_email=Lower("email"))
        .values_list("lower_email", flat=True)
    ) - {""}
    deliveries = Delivery.objects.annotate(lower_email=Lower("email")).filter(
        Q(person=person) | Q(lower_email__in=emails)
    )
    delivery_ids = list(deliveries.values_list("pk", flat=True))
    rows = Delivery.objects.filter(pk__in=delivery_ids)
    rows.update(
        email=Concat(
            Value("erased-"),
            Cast("pk", CharField()),
            Value(f"@{ERASED_DOMAIN}"),
            output_field=CharField(),
        ),
        name="",
        subject="",
        body_text="",
        body_html="",
        context={},
        reason="",
    )
    # Nothing more goes to an erased person: what was still waiting is skipped.
    rows.filter(status=DeliveryStatus.QUEUED).update(
        status=DeliveryStatus.SKIPPED, reason=SKIP_ERASED
    )
    MailEvent.objects.filter(Q(delivery_id__in=delivery_ids) | Q(email__in=emails)).update(
        email=f"erased@{ERASED_DOMAIN}", description=""
    )
    # Audit entries keep who did what and when, but no longer the address.
    content_type = ContentType.objects.get_for_model(Delivery)
    entries = ModelLogEntry.objects.filter(
        content_type=content_type, object_id__in=[str(pk) for pk in delivery_ids]
    )
    logged = set(entries.values_list("object_id", flat=True))
    for delivery in Delivery.objects.filter(pk__in=[int(pk) for pk in logged]):
        entries.filter(object_id=str(delivery.pk)).update(label=str(delivery))
