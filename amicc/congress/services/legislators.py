"""Writes members of Congress, their terms and district offices from checked records."""

import datetime
from dataclasses import asdict, dataclass, fields

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from amicc.coalition.geography import DELEGATE_ONLY
from amicc.congress.choices import Chamber
from amicc.congress.importers.legislators import LegislatorRecord, OfficeRecord, TermRecord
from amicc.congress.models import DistrictOffice, Legislator, Term, display_name_for
from amicc.core.page_cache import invalidate_page_cache

BATCH_SIZE = 500
LEGISLATOR_FIELDS = [
    "first_name",
    "middle_name",
    "last_name",
    "suffix",
    "nickname",
    "official_full",
    "display_name",
    "gender",
    "birthday",
    "ids",
    "social",
]
TERM_FIELDS = [field.name for field in fields(TermRecord)]
CURRENT_FIELDS = [
    "is_current",
    "current_term",
    "current_chamber",
    "current_state",
    "current_district",
    "current_party",
]
NOT_CURRENT = {
    "is_current": False,
    "current_term": None,
    "current_chamber": "",
    "current_state": "",
    "current_district": None,
    "current_party": "",
}


@dataclass(frozen=True)
class LegislatorImportReport:
    created: int
    updated: int
    unchanged: int
    retired: int
    senators: int
    representatives: int
    delegates: int
    offices: int | None = None
    offices_skipped: int = 0

    def summary(self) -> str:
        lines = [
            f"Serving now: {self.senators} senators, {self.representatives} representatives, "
            f"{self.delegates} delegates (DC, the territories and Puerto Rico's resident "
            "commissioner).",
            f"Members: {self.created} created, {self.updated} updated, {self.unchanged} "
            f"unchanged, {self.retired} no longer serving.",
        ]
        if self.offices is not None:
            skipped = f", {self.offices_skipped} of unknown members skipped"
            lines.append(
                f"District offices: {self.offices}{skipped if self.offices_skipped else ''}."
            )
        return "\n".join(lines)


@transaction.atomic
def legislators_import(
    *,
    records: list[LegislatorRecord],
    offices: list[OfficeRecord] | None = None,
    today: datetime.date | None = None,
) -> LegislatorImportReport:
    """Creates or updates every member in `records`, keyed by Bioguide id, with their terms.

    Members are current while their last term ends after `today` (the local date by
    default); members absent from `records` stop being current but keep their rows and
    terms. `offices`, when given, replace every district office.
    """
    today = today or timezone.localdate()
    existing = {member.bioguide_id: member for member in Legislator.objects.all()}
    was_current = {member.pk for member in existing.values() if member.is_current}

    created, touched = _write_members(records, existing)
    members = {**existing, **{member.bioguide_id: member for member in created}}
    last_terms, stale_terms, touched_by_terms = _write_terms(records, members)

    # Members the file leaves out, or whose last term has ended, are no longer current.
    current_terms = {
        r.bioguide_id: last_terms[r.bioguide_id] for r in records if r.is_current(today)
    }
    changed = [
        member
        for member in members.values()
        if _set_current(member, current_terms.get(member.bioguide_id))
    ]
    Legislator.objects.bulk_update(changed, CURRENT_FIELDS, batch_size=BATCH_SIZE)
    # Only now is no member's current term among the terms the file no longer lists.
    Term.objects.filter(pk__in=stale_terms).delete()

    office_count, skipped = _replace_offices(offices, members) if offices is not None else (None, 0)
    transaction.on_commit(invalidate_page_cache)
    listed = {record.bioguide_id for record in records}
    known = {member.pk for member in existing.values() if member.bioguide_id in listed}
    updated = known & (touched | touched_by_terms | {member.pk for member in changed})
    return LegislatorImportReport(
        created=len(created),
        updated=len(updated),
        unchanged=len(known) - len(updated),
        retired=len(was_current - {m.pk for m in members.values() if m.is_current}),
        offices=office_count,
        offices_skipped=skipped,
        **_serving_counts(),
    )


def _member_values(record: LegislatorRecord) -> dict:
    values = {name: getattr(record, name) for name in LEGISLATOR_FIELDS if name != "display_name"}
    values["display_name"] = display_name_for(
        first=record.first_name,
        middle=record.middle_name,
        last=record.last_name,
        suffix=record.suffix,
        nickname=record.nickname,
        official_full=record.official_full,
    )
    return values


def _write_members(
    records: list[LegislatorRecord], existing: dict[str, Legislator]
) -> tuple[list[Legislator], set[int]]:
    """Inserts the new members and updates the known ones that changed (returns their ids)."""
    new, changed = [], []
    for record in records:
        values = _member_values(record)
        member = existing.get(record.bioguide_id)
        if member is None:
            new.append(Legislator(bioguide_id=record.bioguide_id, **values))
        elif _assign(member, values):
            changed.append(member)
    Legislator.objects.bulk_create(new, batch_size=BATCH_SIZE)
    Legislator.objects.bulk_update(changed, LEGISLATOR_FIELDS, batch_size=BATCH_SIZE)
    return new, {member.pk for member in changed}


def _write_terms(
    records: list[LegislatorRecord], members: dict[str, Legislator]
) -> tuple[dict[str, Term], list[int], set[int]]:
    """Writes every listed term, keyed by member and start date.

    Returns each member's last term; the ids of the terms to delete (those the file no longer
    lists, of members whose whole history it gives: YAML, JSON); and the ids of the members
    whose terms change.
    """
    member_ids = [members[record.bioguide_id].pk for record in records]
    stored: dict[tuple[int, datetime.date | None], Term] = {
        (term.legislator_id, term.start): term
        for term in Term.objects.filter(legislator_id__in=member_ids)
    }
    new, changed, last_terms, listed = [], [], {}, set()
    for record in records:
        member = members[record.bioguide_id]
        last = record.last_term
        for term_record in record.terms:
            key = (member.pk, term_record.start)
            listed.add(key)
            values = asdict(term_record)
            term = stored.get(key)
            if term is None:
                term = Term(legislator=member, **values)
                new.append(term)
            elif _assign(term, values):
                changed.append(term)
            if term_record is last:
                last_terms[record.bioguide_id] = term
    Term.objects.bulk_create(new, batch_size=BATCH_SIZE)
    Term.objects.bulk_update(changed, TERM_FIELDS, batch_size=BATCH_SIZE)
    full_histories = {members[r.bioguide_id].pk for r in records if r.full_history}
    stale = [
        term
        for key, term in stored.items()
        if key not in listed and term.legislator_id in full_histories
    ]
    touched = {term.legislator_id for term in [*new, *changed, *stale]}
    return last_terms, [term.pk for term in stale], touched


def _set_current(member: Legislator, term: Term | None) -> bool:
    """Copies `term` (or nothing, for a former member) into the current fields; True if changed."""
    if term is None:
        return _assign(member, NOT_CURRENT)
    return _assign(
        member,
        {
            "is_current": True,
            "current_term": term,
            "current_chamber": term.type,
            "current_state": term.state,
            "current_district": term.district,
            "current_party": term.party,
        },
    )


def _assign(instance, values: dict) -> bool:
    """Sets the attributes that differ; True if any did."""
    changed = False
    for name, value in values.items():
        if name == "current_term":
            if instance.current_term_id != (value.pk if value else None):
                instance.current_term = value
                changed = True
        elif getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def _replace_offices(
    offices: list[OfficeRecord], members: dict[str, Legislator]
) -> tuple[int, int]:
    """Replaces every district office; offices of members never imported are skipped."""
    DistrictOffice.objects.all().delete()
    rows = [
        DistrictOffice(
            legislator=members[office.bioguide_id],
            **{k: v for k, v in asdict(office).items() if k != "bioguide_id"},
        )
        for office in offices
        if office.bioguide_id in members
    ]
    DistrictOffice.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows), len(offices) - len(rows)


def _serving_counts() -> dict[str, int]:
    house = Q(current_chamber=Chamber.HOUSE)
    delegate = Q(current_state__in=DELEGATE_ONLY)
    return Legislator.objects.current().aggregate(
        senators=Count("pk", filter=Q(current_chamber=Chamber.SENATE)),
        representatives=Count("pk", filter=house & ~delegate),
        delegates=Count("pk", filter=house & delegate),
    )
