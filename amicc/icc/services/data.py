"""Writes the curated ICC data (states, situations and cases, Assembly sessions).

A load is all or nothing and can be repeated: rows are matched by ISO code, situation
number, case number and session number, updated in place when the file says something
else, and left alone when it does not. Rows staff added in the admin stay; rows the file
covers take the file's values, charges and elections included.

Rows a load writes carry the file's `as_of` date as `updated_at`, so "data as of" on the
public pages says when the facts were checked, not when a server happened to load them;
an edit in the admin stamps the moment of the edit as usual.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from amicc.core.page_cache import invalidate_page_cache
from amicc.icc.loaders import (
    CaseRecord,
    DataFileError,
    DataHeader,
    SessionRecord,
    SessionsFile,
    SituationsFile,
    StatesFile,
)
from amicc.icc.models import AspElection, AspSession, Case, Charge, Situation, StatuteState

# Record attributes that are not model fields of the row itself.
NOT_FIELDS = {"where", "cases", "charges", "elections"}


@dataclass
class LoadCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class IccDataLoadReport:
    states: LoadCounts = field(default_factory=LoadCounts)
    situations: LoadCounts = field(default_factory=LoadCounts)
    cases: LoadCounts = field(default_factory=LoadCounts)
    sessions: LoadCounts = field(default_factory=LoadCounts)

    @property
    def written(self) -> int:
        return sum(counts.created + counts.updated for counts in self._all())

    def _all(self) -> list[LoadCounts]:
        return [self.states, self.situations, self.cases, self.sessions]

    def summary(self) -> str:
        return "\n".join(
            f"{label}: {counts}."
            for label, counts in zip(
                ("States", "Situations", "Cases", "ASP sessions"), self._all(), strict=True
            )
        )


def _values(record) -> dict:
    return {f.name: getattr(record, f.name) for f in fields(record) if f.name not in NOT_FIELDS}


def _stamp(header: DataHeader) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(header.as_of, datetime.time.min))


def _save(instance: models.Model, where: str) -> None:
    """`full_clean()` then save; what the model refuses (a slug taken) names the row.

    The check constraints are left to the database: the loader has checked the same rules,
    and asking the database about each of them for every row would double a load's time.
    """
    try:
        instance.full_clean(validate_constraints=False)
    except ValidationError as error:
        problems = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
        raise DataFileError(f"{where}: {problems}") from None
    instance.save()


def _write(
    instance: models.Model | None, model: type[models.Model], values: dict, where: str
) -> tuple[str, models.Model]:
    """Creates the row, or updates the fields that differ; says which it did."""
    if instance is None:
        instance = model(**values)
        _save(instance, where)
        return "created", instance
    changed = {name: value for name, value in values.items() if getattr(instance, name) != value}
    if not changed:
        return "unchanged", instance
    for name, value in changed.items():
        setattr(instance, name, value)
    _save(instance, where)
    return "updated", instance


def _restamp(model: type[models.Model], pks: Iterable[int], header: DataHeader) -> None:
    # A queryset update, because `auto_now` would overwrite the value on save().
    model.objects.filter(pk__in=list(pks)).update(updated_at=_stamp(header))


def _load_states(data: StatesFile, counts: LoadCounts) -> None:
    existing = {state.iso_code: state for state in StatuteState.objects.all()}
    written = []
    for record in data.states:
        outcome, state = _write(
            existing.get(record.iso_code), StatuteState, _values(record), record.where
        )
        counts.count(outcome)
        if outcome != "unchanged":
            written.append(state.pk)
    _restamp(StatuteState, written, data.header)


def _charges_of(record: CaseRecord) -> list[tuple]:
    return [tuple(_values(charge).values()) for charge in record.charges]


def _load_case(record: CaseRecord, situation: Situation, existing: Case | None) -> tuple[str, Case]:
    values = {**_values(record), "situation": situation}
    outcome, case = _write(existing, Case, values, record.where)
    current = [
        (c.category, c.description, c.counts, c.is_gender_based, c.is_sexual_violence)
        for c in (existing.charges.all() if existing else [])
    ]
    if current != _charges_of(record):
        Charge.objects.filter(case=case).delete()
        Charge.objects.bulk_create(
            Charge(case=case, sort_order=order, **_values(charge))
            for order, charge in enumerate(record.charges)
        )
        if outcome == "unchanged":
            outcome = "updated"
    return outcome, case


def _load_situations(data: SituationsFile, report: IccDataLoadReport) -> None:
    situations = {situation.number: situation for situation in Situation.objects.all()}
    cases = {case.number: case for case in Case.objects.prefetch_related("charges")}
    written_situations, written_cases = [], []
    for record in data.situations:
        values = {**_values(record), "country_codes": list(record.country_codes)}
        outcome, situation = _write(situations.get(record.number), Situation, values, record.where)
        report.situations.count(outcome)
        if outcome != "unchanged":
            written_situations.append(situation.pk)
        for case_record in record.cases:
            outcome, case = _load_case(case_record, situation, cases.get(case_record.number))
            report.cases.count(outcome)
            if outcome != "unchanged":
                written_cases.append(case.pk)
    _restamp(Situation, written_situations, data.header)
    _restamp(Case, written_cases, data.header)


def _load_session(record: SessionRecord, existing: AspSession | None) -> str:
    outcome, session = _write(existing, AspSession, _values(record), record.where)
    current = [
        (e.office, e.description, e.elected) for e in (existing.elections.all() if existing else [])
    ]
    wanted = [tuple(_values(election).values()) for election in record.elections]
    if current != wanted:
        AspElection.objects.filter(session=session).delete()
        AspElection.objects.bulk_create(
            AspElection(session=session, sort_order=order, **_values(election))
            for order, election in enumerate(record.elections)
        )
        if outcome == "unchanged":
            outcome = "updated"
    return outcome


def _load_sessions(data: SessionsFile, counts: LoadCounts) -> None:
    existing = {s.number: s for s in AspSession.objects.prefetch_related("elections")}
    for record in data.sessions:
        counts.count(_load_session(record, existing.get(record.number)))


@transaction.atomic
def icc_data_load(
    *,
    states: StatesFile | None = None,
    situations: SituationsFile | None = None,
    sessions: SessionsFile | None = None,
) -> IccDataLoadReport:
    """Writes the checked files in one transaction: all of it, or nothing if a row fails.

    Raises DataFileError naming the row when the database refuses a record (for example a
    slug that a row added in the admin already uses). The public pages' cache is retired
    once the load is committed.
    """
    report = IccDataLoadReport()
    if states is not None:
        _load_states(states, report.states)
    if situations is not None:
        _load_situations(situations, report)
    if sessions is not None:
        _load_sessions(sessions, report.sessions)
    transaction.on_commit(invalidate_page_cache)
    return report
