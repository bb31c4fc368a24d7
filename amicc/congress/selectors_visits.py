"""Reads of office visits: which districts' offices were visited lately, which follow-ups are late.

The report counts congressional visits by the seat recorded on each visit (state and
district, copied when it was logged), so a district keeps its visits when its member
changes. A visit is "in the last 3 months" from the same day three calendar months ago
up to today, both included; the 6 and 12 month counts include the shorter windows.
The whole report takes three queries however many districts and visits there are.
"""

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, QuerySet

from amicc.coalition.geography import DELEGATE_ONLY, USState
from amicc.congress.choices import Chamber, OfficeKind
from amicc.congress.models import Legislator, OfficeVisit, district_label

WINDOWS = (3, 6, 12)
CONGRESSIONAL_KINDS = (OfficeKind.CONGRESS_DISTRICT, OfficeKind.CONGRESS_WASHINGTON)
OVERDUE_SHOWN = 200

# Seats in the House by the 2020 apportionment (the 118th to 122nd Congresses): 435 in
# all, plus one delegate or resident commissioner for DC and each territory. A state
# with one seat elects it at large, district 0, as the congress-legislators data has it.
HOUSE_SEATS: dict[str, int] = {
    "AL": 7, "AK": 1, "AZ": 9, "AR": 4, "CA": 52, "CO": 8, "CT": 5, "DE": 1, "FL": 28,
    "GA": 14, "HI": 2, "ID": 2, "IL": 17, "IN": 9, "IA": 4, "KS": 4, "KY": 6, "LA": 6,
    "ME": 2, "MD": 8, "MA": 9, "MI": 13, "MN": 8, "MS": 4, "MO": 8, "MT": 2, "NE": 3,
    "NV": 4, "NH": 2, "NJ": 12, "NM": 3, "NY": 26, "NC": 14, "ND": 1, "OH": 15, "OK": 5,
    "OR": 6, "PA": 17, "RI": 2, "SC": 7, "SD": 1, "TN": 9, "TX": 38, "UT": 4, "VT": 1,
    "VA": 11, "WA": 10, "WV": 2, "WI": 8, "WY": 1,
    "DC": 1, "AS": 1, "GU": 1, "MP": 1, "PR": 1, "VI": 1,
}  # fmt: skip


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier, or that month's last day if shorter."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last_day))


@dataclass(frozen=True)
class VisitCounts:
    """Visits to one office (or a state's senators' offices), up to the report's day."""

    last_visit: datetime.date | None = None
    in_3_months: int = 0
    in_6_months: int = 0
    in_12_months: int = 0

    @property
    def recency(self) -> int | None:
        """The shortest window with a visit in it (3, 6 or 12 months), or None."""
        counts = (self.in_3_months, self.in_6_months, self.in_12_months)
        return next((months for months, count in zip(WINDOWS, counts, strict=True) if count), None)


NO_VISITS = VisitCounts()


@dataclass(frozen=True)
class DistrictVisits:
    state: str
    district: int
    representative: str  # empty while the seat is vacant
    counts: VisitCounts

    @property
    def label(self) -> str:
        return district_label(self.state, self.district)

    @property
    def code(self) -> str:
        return f"{self.state}-{'AL' if self.district == 0 else self.district}"


@dataclass(frozen=True)
class StateVisits:
    """A state's districts, and its senators' offices (DC and the territories have none)."""

    state: str
    senators: str
    senate: VisitCounts
    districts: list[DistrictVisits] = field(default_factory=list)

    @property
    def name(self) -> str:
        return USState(self.state).label

    @property
    def has_senators(self) -> bool:
        return self.state not in DELEGATE_ONLY


@dataclass(frozen=True)
class VisitReport:
    today: datetime.date
    since: dict[int, datetime.date]  # the first day of each window, by its months
    states: list[StateVisits]
    overdue: list[OfficeVisit]
    more_overdue: bool  # more overdue follow-ups than `overdue` lists

    @property
    def districts(self) -> list[DistrictVisits]:
        return [district for state in self.states for district in state.districts]


def overdue_follow_ups(
    visits: QuerySet[OfficeVisit], *, today: datetime.date
) -> QuerySet[OfficeVisit]:
    """Visits whose follow-up date has passed with no follow-up recorded."""
    return visits.filter(follow_up_on__lt=today, followed_up_on__isnull=True)


def _visit_counts(
    since: dict[int, datetime.date], today: datetime.date
) -> dict[tuple[str, int | None], VisitCounts]:
    """Counts by seat: (state, district), with district None for the senators' offices."""
    windows = {
        f"in_{months}_months": Count("pk", filter=Q(visited_on__gte=first_day))
        for months, first_day in since.items()
    }
    rows = (
        OfficeVisit.objects.filter(office_kind__in=CONGRESSIONAL_KINDS, visited_on__lte=today)
        .values("state", "district")
        .annotate(last_visit=Max("visited_on"), **windows)
        .order_by()
    )
    return {
        (row["state"], row["district"]): VisitCounts(
            last_visit=row["last_visit"],
            in_3_months=row["in_3_months"],
            in_6_months=row["in_6_months"],
            in_12_months=row["in_12_months"],
        )
        for row in rows
    }


def _current_members() -> tuple[dict[tuple[str, int], str], dict[str, list[str]]]:
    """Names of the serving representatives by seat and of the senators by state."""
    house: dict[tuple[str, int], str] = {}
    senate: dict[str, list[str]] = defaultdict(list)
    members = Legislator.objects.current().values_list(
        "current_state", "current_chamber", "current_district", "display_name"
    )
    for state, chamber, district, name in members:
        if chamber == Chamber.SENATE:
            senate[state].append(name)
        elif district is not None:
            house[state, district] = name
    return house, senate


def _district_numbers(
    house: dict[tuple[str, int], str], counts: dict[tuple[str, int | None], VisitCounts]
) -> dict[str, list[int]]:
    """Each state's apportioned districts, and any other with a member or a visit this year.

    A district outside the apportionment is one the data knows and the table does not (a
    later apportionment, say): it is shown rather than its visits silently left out.
    """
    numbers: dict[str, set[int]] = {
        state: {0} if seats == 1 else set(range(1, seats + 1))
        for state, seats in HOUSE_SEATS.items()
    }
    for state, district in house:
        numbers.setdefault(state, set()).add(district)
    for (state, district), visits in counts.items():
        if district is not None and visits.in_12_months:
            numbers.setdefault(state, set()).add(district)
    return {state: sorted(districts) for state, districts in numbers.items()}


def office_visit_report(*, today: datetime.date) -> VisitReport:
    """Every state's districts with their visits, and the overdue follow-ups."""
    since = {months: months_before(today, months) for months in WINDOWS}
    counts = _visit_counts(since, today)
    house, senate = _current_members()
    districts = _district_numbers(house, counts)
    states = [
        StateVisits(
            state=state,
            senators=" and ".join(sorted(senate.get(state, []))),
            senate=counts.get((state, None), NO_VISITS),
            districts=[
                DistrictVisits(
                    state=state,
                    district=number,
                    representative=house.get((state, number), ""),
                    counts=counts.get((state, number), NO_VISITS),
                )
                for number in districts.get(state, [])
            ],
        )
        for state in USState.values
    ]
    overdue = list(
        overdue_follow_ups(OfficeVisit.objects.all(), today=today)
        .select_related("alliance", "legislator")
        .order_by("follow_up_on", "pk")[: OVERDUE_SHOWN + 1]
    )
    return VisitReport(
        today=today,
        since=since,
        states=states,
        overdue=overdue[:OVERDUE_SHOWN],
        more_overdue=len(overdue) > OVERDUE_SHOWN,
    )


@dataclass(frozen=True)
class VisitTotals:
    """How often the coalition has met a member's office; who met whom stays internal."""

    total: int
    recent: int
    since: datetime.date


def office_visit_totals(legislator: Legislator, today: datetime.date) -> VisitTotals:
    """All visits to the member's office, and those in the twelve months up to `today`."""
    since = months_before(today, 12)
    counts = legislator.office_visits.aggregate(
        total=Count("pk"),
        recent=Count("pk", filter=Q(visited_on__gte=since, visited_on__lte=today)),
    )
    return VisitTotals(total=counts["total"], recent=counts["recent"], since=since)
