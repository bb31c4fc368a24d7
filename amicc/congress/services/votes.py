"""Writes roll-call votes and each member's position from checked records."""

from dataclasses import dataclass

from django.db import transaction

from amicc.congress.importers.votes import VoteRecord
from amicc.congress.models import Bill, Legislator, MemberVote, RollCallVote
from amicc.core.batching import chunks
from amicc.core.page_cache import invalidate_page_cache

BATCH_SIZE = 1000
ROLL_CALL_FIELDS = [
    "chamber",
    "congress",
    "session",
    "number",
    "voted_at",
    "question",
    "category",
    "result",
    "bill",
    "bill_code",
    "yea_supports_measure",
]


@dataclass(frozen=True)
class VoteImportReport:
    created: int
    updated: int
    positions: int
    matched: int
    unrecorded: int
    unmatched_ids: tuple[str, ...]
    missing_bill_ids: tuple[str, ...]

    def summary(self) -> str:
        lines = [
            f"Roll-call votes: {self.created} created, {self.updated} updated; "
            f"{self.positions} member positions, {self.matched} of them matched to a member."
        ]
        if self.unrecorded:
            lines.append(
                f"{self.unrecorded} voters not kept: the Vice President, or answers other than "
                "yea, nay, present and not voting."
            )
        if self.unmatched_ids:
            lines.append(
                f"Not among the imported members (kept as ids): {', '.join(self.unmatched_ids)}."
            )
        if self.missing_bill_ids:
            lines.append(
                "Bills not imported yet; their votes are linked when they are: "
                f"{', '.join(self.missing_bill_ids)}."
            )
        return "\n".join(lines)


@transaction.atomic
def votes_import(*, records: list[VoteRecord]) -> VoteImportReport:
    """Creates or updates each roll call by its vote id; its members' positions are replaced.

    House members are matched by Bioguide id and senators by the LIS id among their other
    ids; an id no imported member has stays on the position (and is listed in the report).
    A vote is linked to its bill when the bill has been imported.
    """
    wanted_bills = sorted({record.bill_id for record in records if record.bill_id})
    bills = {
        bill_id: pk
        for chunk in chunks(wanted_bills)
        for bill_id, pk in Bill.objects.filter(bill_id__in=chunk).values_list("bill_id", "pk")
    }
    new, changed = _write_roll_calls(records, bills)
    roll_calls = {roll_call.vote_id: roll_call for roll_call in [*new, *changed]}
    members = _members(records)
    positions = [
        MemberVote(
            roll_call=roll_calls[record.vote_id],
            legislator_id=members[record.chamber].get(member_id),
            member_id=member_id,
            position=position,
        )
        for record in records
        for member_id, position in record.positions
    ]
    MemberVote.objects.bulk_create(positions, batch_size=BATCH_SIZE)
    transaction.on_commit(invalidate_page_cache)
    return VoteImportReport(
        created=len(new),
        updated=len(changed),
        positions=len(positions),
        matched=sum(1 for position in positions if position.legislator_id),
        unrecorded=sum(record.unrecorded for record in records),
        unmatched_ids=tuple(sorted({p.member_id for p in positions if p.legislator_id is None})),
        missing_bill_ids=tuple(bill_id for bill_id in wanted_bills if bill_id not in bills),
    )


def _write_roll_calls(
    records: list[VoteRecord], bills: dict[str, int]
) -> tuple[list[RollCallVote], list[RollCallVote]]:
    """Creates the new roll calls and updates the known ones, clearing their positions."""
    ids = [record.vote_id for record in records]
    existing = {
        roll_call.vote_id: roll_call
        for chunk in chunks(ids)
        for roll_call in RollCallVote.objects.filter(vote_id__in=chunk)
    }
    new, changed = [], []
    for record in records:
        values = _roll_call_values(record, bills)
        roll_call = existing.get(record.vote_id)
        if roll_call is None:
            new.append(RollCallVote(vote_id=record.vote_id, **values))
            continue
        for name, value in values.items():
            setattr(roll_call, name, value)
        changed.append(roll_call)
    RollCallVote.objects.bulk_create(new, batch_size=BATCH_SIZE)
    RollCallVote.objects.bulk_update(changed, ROLL_CALL_FIELDS, batch_size=BATCH_SIZE)
    for chunk in chunks([roll_call.pk for roll_call in changed]):
        MemberVote.objects.filter(roll_call_id__in=chunk).delete()
    return new, changed


def _roll_call_values(record: VoteRecord, bills: dict[str, int]) -> dict:
    values = {
        name: getattr(record, name)
        for name in ROLL_CALL_FIELDS
        if name not in ("bill", "bill_code")
    }
    values["bill_id"] = bills.get(record.bill_id)
    values["bill_code"] = record.bill_id or ""
    return values


def _members(records: list[VoteRecord]) -> dict[str, dict[str, int]]:
    """Member pks by the ids each chamber's votes use: {"h": {bioguide: pk}, "s": {lis: pk}}."""
    house_ids = sorted({m for r in records if r.chamber == "h" for m, _position in r.positions})
    house = {
        bioguide_id: pk
        for chunk in chunks(house_ids)
        for bioguide_id, pk in Legislator.objects.filter(bioguide_id__in=chunk).values_list(
            "bioguide_id", "pk"
        )
    }
    senate_ids = sorted({m for r in records if r.chamber == "s" for m, _position in r.positions})
    senate = {
        lis_id: pk
        for chunk in chunks(senate_ids)
        for pk, lis_id in Legislator.objects.filter(ids__lis__in=chunk).values_list(
            "pk", "ids__lis"
        )
    }
    return {"h": house, "s": senate}
