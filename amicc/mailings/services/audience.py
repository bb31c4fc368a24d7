"""Who a mailing list reaches, the delivery records of a newsletter, and the suppression list.

A list's audience is every person who is not erased, has an email, meets the list's kind
(and a segment's filters), and gave the list's consent purpose; minus the addresses that
left the list and the suppressed ones. A segment is a cut of a wider audience, so leaving
that wider list (the supporters list of the same purpose, or the alliance list of its
alliance) also takes a person out of the segment.

Emails of people, opt-outs and suppressions are stored in lower case (their `save()` does
it), which is what lets every address comparison here use a plain equality on an index.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Lower, Substr
from django.utils import timezone
from wagtail.log_actions import log

from amicc.coalition.choices import ConsentPurpose, MembershipStatus, OrganizationStatus
from amicc.coalition.models import AllianceMembership, MemberOrganization, Person
from amicc.congress.models import ZipDistrict
from amicc.icc.models import DelegationApplication
from amicc.mailings.choices import DeliveryKind, DeliveryStatus, ListKind, SuppressionReason
from amicc.mailings.models import Delivery, ListOptOut, MailingList, Newsletter, Suppression
from amicc.mailings.services.snapshots import SnapshotMaps, snapshot_contexts

PURPOSE_FIELDS = {
    ConsentPurpose.NEWSLETTER: "wants_newsletter",
    ConsentPurpose.ALLIANCE_UPDATES: "wants_alliance_updates",
    ConsentPurpose.ACTION_ALERTS: "wants_action_alerts",
}
QUEUE_CHUNK = 2000

SKIP_LEFT_LIST = "Left this list"
SKIP_CONSENT_WITHDRAWN = "Consent withdrawn"
SKIP_ERASED = "Person erased"
SKIP_ADDRESS_CHANGED = "The person's address has changed"


def skip_suppressed(reason: str) -> str:
    return f"Address suppressed: {SuppressionReason(reason).label.lower()}"


class Recipient(NamedTuple):
    person_id: int
    email: str
    name: str
    zip_code: str
    state: str


RECIPIENT_FIELDS = Recipient._fields[1:]


@dataclass(frozen=True)
class QueueResult:
    queued: int
    skipped: int


# --- Who is on a list


def _active_member(alliance_id: Any) -> Exists:
    return Exists(
        AllianceMembership.objects.filter(
            person=OuterRef("pk"), alliance_id=alliance_id, status=MembershipStatus.ACTIVE
        )
    )


def _represents_active_organization(constituency: str = "") -> Exists:
    links = MemberOrganization.representatives.through.objects.filter(
        person_id=OuterRef("pk"), memberorganization__status=OrganizationStatus.ACTIVE
    )
    if constituency:
        links = links.filter(memberorganization__constituency=constituency)
    return Exists(links)


def _zip_wholly_in(state: str, district: int) -> Exists:
    """The person's ZIP lies in this district alone (a split ZIP places nobody)."""
    elsewhere = ZipDistrict.objects.filter(zcta=OuterRef("zcta")).exclude(
        state=state, district=district
    )
    return Exists(
        ZipDistrict.objects.filter(
            zcta=Substr(OuterRef("zip_code"), 1, 5), state=state, district=district
        ).filter(~Exists(elsewhere))
    )


def _segment_condition(mailing_list: MailingList) -> Q:
    condition = Q()
    if mailing_list.filter_district is not None:
        condition &= Q(_zip_wholly_in(mailing_list.filter_state, mailing_list.filter_district))
    elif mailing_list.filter_state:
        condition &= Q(state=mailing_list.filter_state)
    if mailing_list.alliance_id:
        condition &= Q(_active_member(mailing_list.alliance_id))
    if mailing_list.filter_constituency:
        condition &= Q(_represents_active_organization(mailing_list.filter_constituency))
    if mailing_list.filter_joined_since:
        since = datetime.datetime.combine(
            mailing_list.filter_joined_since, datetime.time.min, timezone.get_current_timezone()
        )
        condition &= Q(created_at__gte=since)
    return condition


def list_condition(mailing_list: MailingList) -> Q:
    """What makes a person belong to the list, before consent and opt-outs."""
    kind = mailing_list.kind
    if kind == ListKind.ALLIANCE:
        return Q(_active_member(mailing_list.alliance_id))
    if kind == ListKind.REPRESENTATIVES:
        return Q(_represents_active_organization())
    if kind == ListKind.DELEGATION_APPLICANTS:
        return Q(Exists(DelegationApplication.objects.filter(person=OuterRef("pk"))))
    if kind == ListKind.SEGMENT:
        return _segment_condition(mailing_list)
    return Q()


def parent_list_ids(mailing_list: MailingList) -> QuerySet:
    """The list itself and, for a segment, the wider lists whose leavers it leaves out."""
    if mailing_list.kind != ListKind.SEGMENT:
        return MailingList.objects.filter(pk=mailing_list.pk).values("pk")
    wider = Q(kind=ListKind.SUPPORTERS)
    if mailing_list.alliance_id:
        wider |= Q(kind=ListKind.ALLIANCE, alliance_id=mailing_list.alliance_id)
    return MailingList.objects.filter(
        Q(pk=mailing_list.pk) | (wider & Q(purpose=mailing_list.purpose))
    ).values("pk")


def _consenting(mailing_list: MailingList) -> QuerySet[Person]:
    return Person.objects.filter(
        list_condition(mailing_list),
        erased_at__isnull=True,
        email__isnull=False,
        **{PURPOSE_FIELDS[ConsentPurpose(mailing_list.purpose)]: True},
    )


def _suppression_of_person() -> QuerySet[Suppression]:
    return Suppression.objects.filter(email=OuterRef("email"))


def _opt_out_of_person(mailing_list: MailingList) -> QuerySet[ListOptOut]:
    # Compared through Lower() so that the (list, lower(email)) unique index serves it.
    return ListOptOut.objects.annotate(lower_email=Lower("email")).filter(
        mailing_list_id__in=parent_list_ids(mailing_list), lower_email=OuterRef("email")
    )


def _recipients(mailing_list: MailingList) -> QuerySet[Person]:
    return _consenting(mailing_list).filter(
        ~Exists(_suppression_of_person()), ~Exists(_opt_out_of_person(mailing_list))
    )


def _chunks(people: QuerySet[Person], fields: tuple[str, ...]) -> Iterator[list[tuple]]:
    """Rows of `people` in primary-key order, a chunk per query (keyset, so resumable)."""
    last = 0
    while True:
        rows = list(
            people.filter(pk__gt=last).order_by("pk").values_list("pk", *fields)[:QUEUE_CHUNK]
        )
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def list_recipients(mailing_list: MailingList) -> Iterator[Recipient]:
    """Everyone the list reaches now, in chunks of a few thousand per query."""
    for rows in _chunks(_recipients(mailing_list), RECIPIENT_FIELDS):
        yield from (Recipient(*row) for row in rows)


def list_recipient_count(mailing_list: MailingList) -> int:
    """How many people the list reaches now, in one COUNT query."""
    return _recipients(mailing_list).count()


# --- A newsletter's delivery records


def deliveries_queue(*, newsletter: Newsletter) -> QueueResult:
    """Write one delivery record per recipient of the newsletter; idempotent and resumable.

    Chunks are written in primary-key order, each in its own transaction, and an address
    already written is passed over, so a run that was interrupted goes on where it stopped.
    People who would receive it but left the list or are suppressed get a SKIPPED record
    with the reason, so the send's report accounts for them. At the end the newsletter's
    `queued_at` is set and `total_recipients` counts every record, skipped ones included.
    """
    if newsletter.queued_at is None:
        _queue_write(newsletter)
        counts = _queue_counts(newsletter)
        now = timezone.now()
        Newsletter.objects.filter(pk=newsletter.pk).update(
            queued_at=now, total_recipients=counts.queued + counts.skipped
        )
        newsletter.queued_at, newsletter.total_recipients = now, counts.queued + counts.skipped
        return counts
    return _queue_counts(newsletter)


def _queue_write(newsletter: Newsletter) -> None:
    mailing_list = newsletter.mailing_list
    written = Delivery.objects.filter(kind=DeliveryKind.NEWSLETTER, newsletter=newsletter)
    existing = set(written.values_list("email", flat=True)) if written.exists() else set()
    candidates = _consenting(mailing_list).annotate(
        suppressed=Subquery(_suppression_of_person().values("reason")[:1]),
        left=Exists(_opt_out_of_person(mailing_list)),
    )
    maps = SnapshotMaps.load(
        alliance_name=mailing_list.alliance.name if mailing_list.kind == ListKind.ALLIANCE else None
    )
    for rows in _chunks(candidates, (*RECIPIENT_FIELDS, "suppressed", "left")):
        rows = [row for row in rows if row[1] not in existing]
        if not rows:
            continue
        contexts = snapshot_contexts([Recipient(*row[:5]) for row in rows], maps)
        deliveries = [
            _delivery(newsletter, row, contexts[row[0]], suppressed=row[5], left=row[6])
            for row in rows
        ]
        with transaction.atomic():
            Delivery.objects.bulk_create(deliveries, ignore_conflicts=True)


def _delivery(
    newsletter: Newsletter, row: tuple, context: dict, *, suppressed: str | None, left: bool
) -> Delivery:
    reason = skip_suppressed(suppressed) if suppressed else SKIP_LEFT_LIST if left else ""
    return Delivery(
        kind=DeliveryKind.NEWSLETTER,
        newsletter=newsletter,
        person_id=row[0],
        email=row[1],
        name=row[2],
        context=context,
        status=DeliveryStatus.SKIPPED if reason else DeliveryStatus.QUEUED,
        reason=reason,
    )


def _queue_counts(newsletter: Newsletter) -> QueueResult:
    counts = Delivery.objects.filter(kind=DeliveryKind.NEWSLETTER, newsletter=newsletter).aggregate(
        total=Count("pk"), skipped=Count("pk", filter=Q(status=DeliveryStatus.SKIPPED))
    )
    return QueueResult(queued=counts["total"] - counts["skipped"], skipped=counts["skipped"])


def skip_reasons(*, newsletter: Newsletter, deliveries: list[Delivery]) -> dict[int, str]:
    """Delivery id → why it must not be sent now, for a batch about to be sent.

    Checks what may have changed since the batch was queued: the address suppressed or
    gone from the list, the consent withdrawn, the person erased or their address changed.
    Two queries, three when the newsletter's list is not loaded yet.
    """
    if not deliveries:
        return {}
    mailing_list = newsletter.mailing_list
    emails = {delivery.email for delivery in deliveries}
    blocked = (
        Suppression.objects.filter(email__in=emails)
        .order_by()
        .values_list("email", "reason")
        .union(
            ListOptOut.objects.filter(
                mailing_list_id__in=parent_list_ids(mailing_list), email__in=emails
            )
            .annotate(reason=Value(""))
            .order_by()
            .values_list("email", "reason")
        )
    )
    suppressed, left = {}, set()
    for email, reason in blocked:
        if reason:
            suppressed[email] = reason
        else:
            left.add(email)
    wants = PURPOSE_FIELDS[ConsentPurpose(mailing_list.purpose)]
    people = {
        pk: (email, erased_at, consents)
        for pk, email, erased_at, consents in Person.objects.filter(
            pk__in={delivery.person_id for delivery in deliveries if delivery.person_id}
        ).values_list("pk", "email", "erased_at", wants)
    }
    reasons = {}
    for delivery in deliveries:
        reason = _skip_reason(delivery, people.get(delivery.person_id), suppressed, left)
        if reason:
            reasons[delivery.pk] = reason
    return reasons


def _skip_reason(
    delivery: Delivery, person: tuple | None, suppressed: dict[str, str], left: set[str]
) -> str:
    if person is None or person[1] is not None:
        return SKIP_ERASED
    if delivery.email in suppressed:
        return skip_suppressed(suppressed[delivery.email])
    if delivery.email in left:
        return SKIP_LEFT_LIST
    if person[0] != delivery.email:
        return SKIP_ADDRESS_CHANGED
    if not person[2]:
        return SKIP_CONSENT_WITHDRAWN
    return ""


# --- The suppression list


def is_suppressed(email: str) -> bool:
    return Suppression.objects.filter(email=email.strip().lower()).exists()


@transaction.atomic
def suppression_add(
    *,
    email: str,
    reason: SuppressionReason,
    source: str,
    note: str = "",
    user: AbstractBaseUser | None = None,
) -> Suppression:
    """Suppress an address; idempotent. A bounce, complaint or staff entry replaces an
    "unsubscribed" one (which the person could lift themselves), never the other way."""
    email = email.strip().lower()
    suppression = Suppression.objects.select_for_update().filter(email=email).first()
    if suppression is None:
        suppression = Suppression(
            email=email, reason=reason, source=source[:100], note=note, created_by=user
        )
        suppression.full_clean()
        suppression.save()
        if user is not None:
            log(instance=suppression, action="wagtail.create", user=user)
    elif suppression.reason == SuppressionReason.UNSUBSCRIBED != reason:
        suppression.reason, suppression.source = reason, source[:100]
        suppression.note = note or suppression.note
        suppression.created_by = user or suppression.created_by
        suppression.save(update_fields=["reason", "source", "note", "created_by"])
        if user is not None:
            log(instance=suppression, action="wagtail.edit", user=user)
    return suppression


@transaction.atomic
def suppression_remove(*, email: str, user: AbstractBaseUser | None = None) -> bool:
    """Lift a suppression. Without `user` it is the address's owner acting through a signed
    link, who may lift only their own "unsubscribed"; staff may lift any. True if lifted."""
    suppression = (
        Suppression.objects.select_for_update().filter(email=email.strip().lower()).first()
    )
    if suppression is None:
        return False
    if user is None and suppression.reason != SuppressionReason.UNSUBSCRIBED:
        return False
    if user is not None:
        log(instance=suppression, action="wagtail.delete", user=user)
    suppression.delete()
    return True
