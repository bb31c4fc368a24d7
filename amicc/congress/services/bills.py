"""Writes bills, their actions and cosponsorships from checked records."""

from dataclasses import asdict, dataclass

from django.db import transaction

from amicc.congress.importers.bills import BillRecord
from amicc.congress.models import Bill, BillAction, Cosponsorship, Legislator, RollCallVote
from amicc.core.batching import chunks
from amicc.core.page_cache import invalidate_page_cache

BATCH_SIZE = 1000
BILL_FIELDS = [
    "bill_type",
    "number",
    "congress",
    "titles",
    "official_title",
    "short_title",
    "popular_title",
    "display_title",
    "introduced_at",
    "sponsor",
    "sponsor_bioguide_id",
    "sponsor_name",
    "status",
    "status_at",
    "history",
]


@dataclass(frozen=True)
class BillImportReport:
    created: int
    updated: int
    actions: int
    votes: int
    cosponsorships: int
    unmatched_ids: tuple[str, ...]

    def summary(self) -> str:
        unmatched = (
            f" Not among the imported members (kept as text): {', '.join(self.unmatched_ids)}."
            if self.unmatched_ids
            else ""
        )
        return (
            f"Bills: {self.created} created, {self.updated} updated; {self.actions} actions "
            f"({self.votes} votes), {self.cosponsorships} cosponsorships.{unmatched}"
        )


@transaction.atomic
def bills_import(*, records: list[BillRecord]) -> BillImportReport:
    """Creates or updates each bill by its bill id; its actions and cosponsors are replaced.

    Sponsors and cosponsors are linked to members by Bioguide id; an id no imported member
    has is kept as text (and listed in the report) so a later member import can match it.
    """
    ids = [record.bill_id for record in records]
    existing = {
        bill.bill_id: bill
        for chunk in chunks(ids)
        for bill in Bill.objects.filter(bill_id__in=chunk)
    }
    wanted = sorted(
        {r.sponsor_bioguide_id for r in records if r.sponsor_bioguide_id}
        | {c.bioguide_id for r in records for c in r.cosponsors}
    )
    members = {
        bioguide_id: pk
        for chunk in chunks(wanted)
        for bioguide_id, pk in Legislator.objects.filter(bioguide_id__in=chunk).values_list(
            "bioguide_id", "pk"
        )
    }

    new, changed = [], []
    for record in records:
        values = _bill_values(record, members)
        bill = existing.get(record.bill_id)
        if bill is None:
            new.append(Bill(bill_id=record.bill_id, **values))
            continue
        for name, value in values.items():
            setattr(bill, name, value)
        changed.append(bill)
    Bill.objects.bulk_create(new, batch_size=BATCH_SIZE)
    Bill.objects.bulk_update(changed, BILL_FIELDS, batch_size=BATCH_SIZE)

    bills = {bill.bill_id: bill for bill in [*new, *changed]}
    for chunk in chunks([bill.pk for bill in changed]):
        BillAction.objects.filter(bill_id__in=chunk).delete()
        Cosponsorship.objects.filter(bill_id__in=chunk).delete()
    actions = [
        BillAction(bill=bills[record.bill_id], position=position, **asdict(action))
        for record in records
        for position, action in enumerate(record.actions, 1)
    ]
    cosponsorships = [
        Cosponsorship(
            bill=bills[record.bill_id], legislator_id=members.get(c.bioguide_id), **asdict(c)
        )
        for record in records
        for c in record.cosponsors
    ]
    BillAction.objects.bulk_create(actions, batch_size=BATCH_SIZE)
    Cosponsorship.objects.bulk_create(cosponsorships, batch_size=BATCH_SIZE)
    _link_roll_calls([*new, *changed])
    transaction.on_commit(invalidate_page_cache)
    return BillImportReport(
        created=len(new),
        updated=len(changed),
        actions=len(actions),
        votes=sum(1 for action in actions if action.is_vote),
        cosponsorships=len(cosponsorships),
        unmatched_ids=tuple(bioguide_id for bioguide_id in wanted if bioguide_id not in members),
    )


def _bill_values(record: BillRecord, members: dict[str, int]) -> dict:
    values = {name: getattr(record, name) for name in BILL_FIELDS if name != "sponsor"}
    values["sponsor_id"] = members.get(record.sponsor_bioguide_id)
    return values


def _link_roll_calls(imported: list[Bill]) -> None:
    """Links the votes imported before their bill (`import-votes` kept the bill's id)."""
    by_code = {bill.bill_id: bill.pk for bill in imported}
    for chunk in chunks(sorted(by_code)):
        unlinked = RollCallVote.objects.filter(bill__isnull=True, bill_code__in=chunk)
        for code in set(unlinked.values_list("bill_code", flat=True)):
            RollCallVote.objects.filter(bill__isnull=True, bill_code=code).update(
                bill_id=by_code[code]
            )
