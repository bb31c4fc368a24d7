"""Reads about states and the Rome Statute, for the public pages, the chart and the admin.

Nothing here stores a count: every figure is worked out for the day asked from the dated
events of each state (entry into force under article 126, withdrawal under article 127).
"""

import datetime
import unicodedata
from collections import Counter
from dataclasses import dataclass

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from amicc.icc.choices import RegionalGroup, StatuteStatus
from amicc.icc.models import Case, Situation, StatuteState


@dataclass(frozen=True)
class StatuteRow:
    """A state with where it stands on the day the table was drawn for."""

    state: StatuteState
    status: StatuteStatus


@dataclass(frozen=True)
class RatificationYear:
    """One year of the chart: instruments deposited and states parties at the year's end."""

    year: int
    deposited: int  # instruments of ratification, acceptance, approval or accession that year
    deposited_to_date: int  # every instrument deposited up to the end of the year
    parties: int  # states parties on 31 December, or on `until` for its year


@dataclass(frozen=True)
class RegionalGroupCount:
    group: RegionalGroup
    parties: int

    @property
    def label(self) -> str:
        return self.group.label


def states_parties_count(on: datetime.date) -> int:
    """How many states the Statute binds on `on`: 0 before 1 July 2002, 125 on 1 January 2025."""
    return StatuteState.objects.parties_on(on).count()


def _by_name(state: StatuteState) -> tuple[str, str]:
    # The same order on every database: collations differ on accents ("Côte d'Ivoire").
    plain = unicodedata.normalize("NFKD", state.name).encode("ascii", "ignore").decode()
    return plain.casefold(), state.iso_code


def statute_table(on: datetime.date, *, regional_group: str = "") -> list[StatuteRow]:
    """Every state on record, by name, with its status on `on`; one query."""
    states = StatuteState.objects.all()
    if regional_group:
        states = states.filter(regional_group=regional_group)
    return [StatuteRow(state, state.status_on(on)) for state in sorted(states, key=_by_name)]


def ratifications_by_year(*, until: datetime.date | None = None) -> list[RatificationYear]:
    """Each year from the first deposit to `until` (today), with cumulative counts; one query."""
    until = until or timezone.localdate()
    states = list(
        StatuteState.objects.exclude(deposited_on=None).only(
            "deposited_on", "entry_into_force_on", "withdrawal_effective_on"
        )
    )
    if not states:
        return []
    deposits = Counter(state.deposited_on.year for state in states)
    rows, to_date = [], 0
    for year in range(min(deposits), until.year + 1):
        day = min(datetime.date(year, 12, 31), until)
        to_date += deposits[year]
        parties = sum(
            state.entry_into_force_on <= day
            and not (state.withdrawal_effective_on and state.withdrawal_effective_on <= day)
            for state in states
        )
        rows.append(RatificationYear(year, deposits[year], to_date, parties))
    return rows


def parties_by_regional_group(on: datetime.date) -> list[RegionalGroupCount]:
    """States parties on `on` in each UN regional group, in the groups' order, zeros kept."""
    counts = Counter(StatuteState.objects.parties_on(on).values_list("regional_group", flat=True))
    return [RegionalGroupCount(group, counts[group.value]) for group in RegionalGroup]


def states_with_status(
    states: QuerySet[StatuteState], status: str, *, on: datetime.date
) -> QuerySet[StatuteState]:
    """The states of `states` whose `status_on(on)` is `status`, worked out in the database."""
    withdrawn = Q(withdrawal_effective_on__lte=on)
    party = Q(entry_into_force_on__lte=on) & ~withdrawn
    declared = Q(declared_non_party_on__lte=on) & ~party & ~withdrawn
    signatory = Q(signed_on__lte=on) & ~party & ~withdrawn & ~declared
    condition = {
        StatuteStatus.WITHDRAWN: withdrawn,
        StatuteStatus.PARTY: party,
        StatuteStatus.DECLARED_NON_PARTY: declared,
        StatuteStatus.SIGNATORY: signatory,
        StatuteStatus.NON_PARTY: ~(withdrawn | party | declared | signatory),
    }[StatuteStatus(status)]
    return states.filter(condition)


def data_as_of() -> datetime.date | None:
    """When the tracker's data was last checked or edited: the latest `updated_at`.

    A load stamps the rows it writes with its file's `as_of` date (see services.data); an
    edit in the admin with the moment of the edit. None before any data is loaded.
    """
    latest = [
        model.objects.aggregate(latest=Max("updated_at"))["latest"]
        for model in (StatuteState, Situation, Case)
    ]
    moments = [moment for moment in latest if moment is not None]
    return timezone.localdate(max(moments)) if moments else None
