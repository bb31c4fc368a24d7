"""The ICC scorecard: how often each member of Congress has sided with the coalition.

Only published watchlist items with an imported bill, a position of support or oppose and a
weight above 0 count. On such an item a member's records are: sponsoring its bill,
cosponsoring it (a withdrawn cosponsorship is no record), and each roll call on it where
they voted yea or nay. Present and not voting say nothing for or against, so they count as
nothing; votes on amendments to the bill are left out. A record is worth `kind weight × item
weight` points (kind weights are the ScorecardWeights setting); it is with the coalition
when it backs a bill the coalition supports or goes against one it opposes. The score is the
share of a member's points that are with the coalition; with no points there is no score
("no record"), not 0.

The scorecard page aggregates in a handful of queries for every member at once; the
legislator page reads one member's records in detail. Both tally with `Score.tally`.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amicc.congress.choices import Chamber, Position, Stance, VotePosition
from amicc.congress.importers.votes import CAPITAL_TIME
from amicc.congress.models import (
    Cosponsorship,
    Legislator,
    MemberVote,
    ScorecardWeights,
    StanceAssessment,
    WatchlistItem,
)

# A vote on an amendment is filed under its bill but says nothing about the bill itself.
AMENDMENT = "amendment"


class RecordKind(models.TextChoices):
    SPONSORSHIP = "sponsorship", _("Sponsored")
    COSPONSORSHIP = "cosponsorship", _("Cosponsored")
    VOTE = "vote", _("Voted")


class ScorecardSort(models.TextChoices):
    STATE = "state", _("State")
    NAME = "name", _("Name")
    SCORE = "score", _("Score, highest first")


@dataclass(frozen=True)
class KindWeights:
    sponsorship: int
    cosponsorship: int
    vote: int

    @classmethod
    def load(cls) -> "KindWeights":
        setting = ScorecardWeights.load()
        return cls(setting.sponsorship, setting.cosponsorship, setting.vote)

    def of(self, kind: str) -> int:
        return getattr(self, kind)


@dataclass(frozen=True)
class WatchedBill:
    """A published watchlist item and the imported bill it follows."""

    item_id: int
    slug: str
    identifier: str
    title: str
    position: str
    weight: int
    bill_id: int
    sponsor_id: int | None

    @property
    def scored(self) -> bool:
        return self.position in (Position.SUPPORT, Position.OPPOSE) and self.weight > 0

    def get_position_display(self) -> str:
        return Position(self.position).label


@dataclass(frozen=True)
class Record:
    """Something a member did on a watched bill; `count` records alike when aggregated."""

    legislator_id: int
    item: WatchedBill
    kind: str
    # Whether it backs the bill; None for present and not voting.
    supports_measure: bool | None
    count: int = 1
    on: datetime.date | None = None
    vote: MemberVote | None = None

    @property
    def with_coalition(self) -> bool | None:
        """True or False when the record counts on the scorecard, else None."""
        if not self.item.scored or self.supports_measure is None:
            return None
        return self.supports_measure == (self.item.position == Position.SUPPORT)

    def points(self, weights: KindWeights) -> int:
        if self.with_coalition is None:
            return 0
        return weights.of(self.kind) * self.item.weight * self.count


@dataclass(frozen=True)
class Score:
    points_with: int = 0
    points_total: int = 0
    records_with: int = 0
    records_against: int = 0

    @classmethod
    def tally(cls, records: Iterable[Record], weights: KindWeights) -> "Score":
        points_with = points_total = records_with = records_against = 0
        for record in records:
            points = record.points(weights)
            if not points:
                continue
            points_total += points
            if record.with_coalition:
                points_with += points
                records_with += record.count
            else:
                records_against += record.count
        return cls(points_with, points_total, records_with, records_against)

    @property
    def percent(self) -> int | None:
        """The whole percentage, halves rounded up; None when there is no record."""
        if not self.points_total:
            return None
        return (200 * self.points_with + self.points_total) // (2 * self.points_total)

    @property
    def points_against(self) -> int:
        return self.points_total - self.points_with

    @property
    def records(self) -> int:
        return self.records_with + self.records_against


def watched_bills(*, scored_only: bool) -> dict[int, WatchedBill]:
    """Published watchlist items that follow an imported bill, by the bill's pk."""
    items = WatchlistItem.objects.scored() if scored_only else WatchlistItem.objects.published()
    rows = (
        items.filter(bill__isnull=False)
        .order_by()
        .values_list(
            "pk", "slug", "identifier", "title", "position", "score_weight", "bill", "bill__sponsor"
        )
    )
    return {row[6]: WatchedBill(*row) for row in rows}


def _sponsorships(bills: dict[int, WatchedBill]) -> list[Record]:
    return [
        Record(bill.sponsor_id, bill, RecordKind.SPONSORSHIP, supports_measure=True)
        for bill in bills.values()
        if bill.sponsor_id
    ]


def _supports(position: str, yea_supports_measure: bool) -> bool | None:
    if position not in (VotePosition.YEA, VotePosition.NAY):
        return None
    return (position == VotePosition.YEA) == yea_supports_measure


def records_by_member(bills: dict[int, WatchedBill]) -> dict[int, list[Record]]:
    """Every member's records on these bills, alike votes counted together: three queries."""
    records = _sponsorships(bills)
    cosponsorships = (
        Cosponsorship.objects.filter(
            bill__in=bills, withdrawn_at__isnull=True, legislator__isnull=False
        )
        .order_by()
        .values_list("legislator", "bill")
    )
    records += [
        Record(member, bills[bill], RecordKind.COSPONSORSHIP, supports_measure=True)
        for member, bill in cosponsorships
    ]
    votes = (
        MemberVote.objects.filter(
            roll_call__bill__in=bills,
            legislator__isnull=False,
            position__in=[VotePosition.YEA, VotePosition.NAY],
        )
        .exclude(roll_call__category=AMENDMENT)
        .order_by()
        .values_list("legislator", "roll_call__bill", "position", "roll_call__yea_supports_measure")
        .annotate(count=Count("pk"))
    )
    records += [
        Record(member, bills[bill], RecordKind.VOTE, _supports(position, yea), count=count)
        for member, bill, position, yea, count in votes
    ]
    by_member: dict[int, list[Record]] = defaultdict(list)
    for record in records:
        by_member[record.legislator_id].append(record)
    return by_member


def records_of(legislator: Legislator, bills: dict[int, WatchedBill]) -> list[Record]:
    """One member's records on these bills, each vote with its roll call: two queries."""
    records = [r for r in _sponsorships(bills) if r.legislator_id == legislator.pk]
    cosponsorships = legislator.cosponsorships.filter(
        bill__in=bills, withdrawn_at__isnull=True
    ).values_list("bill", "sponsored_at")
    records += [
        Record(legislator.pk, bills[bill], RecordKind.COSPONSORSHIP, True, on=sponsored_at)
        for bill, sponsored_at in cosponsorships
    ]
    votes = (
        legislator.votes.filter(roll_call__bill__in=bills)
        .exclude(roll_call__category=AMENDMENT)
        .select_related("roll_call")
    )
    records += [
        Record(
            legislator.pk,
            bills[vote.roll_call.bill_id],
            RecordKind.VOTE,
            _supports(vote.position, vote.roll_call.yea_supports_measure),
            on=timezone.localtime(vote.roll_call.voted_at, CAPITAL_TIME).date(),
            vote=vote,
        )
        for vote in votes.order_by("roll_call__voted_at")
    ]
    return records


@dataclass(frozen=True)
class ScorecardRow:
    legislator: Legislator
    score: Score
    stance: str = ""  # the label of the published assessed stance, if any


@dataclass(frozen=True)
class Scorecard:
    rows: list[ScorecardRow]
    weights: KindWeights
    items: list[WatchedBill]


def scorecard_for(
    *,
    state: str = "",
    chamber: str = "",
    party: str = "",
    sort: ScorecardSort = ScorecardSort.STATE,
) -> Scorecard:
    """The current members (of a state, chamber or party when given) with their scores."""
    weights = KindWeights.load()
    bills = watched_bills(scored_only=True)
    by_member = records_by_member(bills)
    members = Legislator.objects.current().order_by()
    filters = {"current_state": state, "current_chamber": chamber, "current_party": party}
    members = members.filter(**{name: value for name, value in filters.items() if value})
    stances = dict(
        StanceAssessment.objects.filter(is_published=True, legislator__is_current=True)
        .order_by()
        .values_list("legislator", "stance")
    )
    rows = [
        ScorecardRow(
            member,
            Score.tally(by_member.get(member.pk, ()), weights),
            Stance(stances[member.pk]).label if member.pk in stances else "",
        )
        for member in members
    ]
    rows.sort(key=_SORT_KEYS[sort])
    items = sorted(bills.values(), key=lambda bill: bill.title)
    return Scorecard(rows=rows, weights=weights, items=items)


def _by_name(row: ScorecardRow) -> tuple:
    member = row.legislator
    return (member.last_name, member.first_name, member.bioguide_id)


def _by_state(row: ScorecardRow) -> tuple:
    member = row.legislator
    # Senators first, then representatives by district.
    seat = (member.current_chamber != Chamber.SENATE, member.current_district or 0)
    return (member.current_state, *seat, *_by_name(row))


def _by_score(row: ScorecardRow) -> tuple:
    percent = row.score.percent
    # Highest first, members with no record last; more points first among equal scores.
    return (percent is None, -(percent or 0), -row.score.points_total, *_by_name(row))


_SORT_KEYS = {
    ScorecardSort.STATE: _by_state,
    ScorecardSort.NAME: _by_name,
    ScorecardSort.SCORE: _by_score,
}


@dataclass(frozen=True)
class RecordLine:
    record: Record
    points: int


@dataclass(frozen=True)
class ItemRecords:
    """A member's records on one watched bill, the way the legislator page lists them."""

    item: WatchedBill
    lines: list[RecordLine]


@dataclass(frozen=True)
class MemberScorecard:
    score: Score
    weights: KindWeights
    items: list[ItemRecords]


_KIND_ORDER = {RecordKind.SPONSORSHIP: 0, RecordKind.COSPONSORSHIP: 1, RecordKind.VOTE: 2}


def member_scorecard(legislator: Legislator) -> MemberScorecard:
    """One member's score and the records behind it, on every published watched bill.

    Records on items the scorecard leaves out (monitored, weight 0) are listed too, worth
    no points, so the page shows the whole record on the watchlist.
    """
    weights = KindWeights.load()
    records = records_of(legislator, watched_bills(scored_only=False))
    by_item: dict[WatchedBill, list[RecordLine]] = defaultdict(list)
    for record in sorted(records, key=lambda r: (_KIND_ORDER[r.kind], r.on or datetime.date.min)):
        by_item[record.item].append(RecordLine(record, record.points(weights)))
    items = [ItemRecords(item, lines) for item, lines in by_item.items()]
    items.sort(key=lambda group: (not group.item.scored, group.item.title))
    return MemberScorecard(score=Score.tally(records, weights), weights=weights, items=items)
