"""Reads for the outreach pages: speaker suggestions, the delivered presentations by state
and year, the featured coverage and the coverage dashboard."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import ExtractYear, TruncMonth

from amicc.coalition.geography import USState
from amicc.outreach.choices import AudienceType, MediaKind, PresentationFormat
from amicc.outreach.models import MediaCoverage, PresentationRequest, Speaker

STAFF_CREDIT = "Coalition staff"


@dataclass(frozen=True)
class SpeakerSuggestion:
    speaker: Speaker
    covers_state: bool
    shared_topics: list[str]

    @property
    def score(self) -> tuple[int, int]:
        return (int(self.covers_state), len(self.shared_topics))


def speakers_suggested(request: PresentationRequest) -> list[SpeakerSuggestion]:
    """Active speakers, those covering the request's state and topics first.

    An online presentation can be given from anywhere, so every speaker covers it. The
    roster is small: it is ranked here rather than in SQL, where JSON lists differ by database.
    """
    wanted = {topic.pk: topic.name for topic in request.topics.all()}
    online = request.format == PresentationFormat.ONLINE
    suggestions = [
        SpeakerSuggestion(
            speaker=speaker,
            covers_state=online or speaker.covers(request.state),
            shared_topics=[wanted[t.pk] for t in speaker.topics.all() if t.pk in wanted],
        )
        for speaker in Speaker.objects.filter(is_active=True).prefetch_related("topics")
    ]
    return sorted(suggestions, key=lambda s: (-s.score[0], -s.score[1], s.speaker.name))


def delivered_presentations() -> QuerySet[PresentationRequest]:
    """Every presentation given, whatever became of its request afterwards."""
    return PresentationRequest.objects.filter(delivered_on__isnull=False)


@dataclass(frozen=True)
class StateRow:
    code: str
    name: str
    counts: list[int]  # one per year of the table, in order
    total: int


@dataclass
class PresentationsSummary:
    """Counts only: never who asked or who spoke."""

    years: list[int]
    rows: list[StateRow]
    year_totals: list[int]
    total: int
    by_state: dict[str, int] = field(default_factory=dict)  # for the chosen year, or all
    by_audience: list[tuple[str, int]] = field(default_factory=list)


def presentations_summary(*, year: int | None = None) -> PresentationsSummary:
    """States × years of delivered presentations, with the chosen year's map; two queries."""
    cells = (
        delivered_presentations()
        .annotate(year=ExtractYear("delivered_on"))
        .values("state", "year")
        .annotate(count=Count("pk"))
        .order_by()
    )
    table: dict[str, dict[int, int]] = {}
    for cell in cells:
        table.setdefault(cell["state"], {})[cell["year"]] = cell["count"]
    years = sorted({year for counts in table.values() for year in counts})
    names = dict(USState.choices)
    rows = [
        StateRow(
            code, names[code], [table[code].get(y, 0) for y in years], sum(table[code].values())
        )
        for code in sorted(table, key=lambda code: names[code])
    ]
    by_state = {
        code: counts.get(year, 0) if year else sum(counts.values())
        for code, counts in table.items()
    }
    audiences = delivered_presentations()
    if year:
        audiences = audiences.filter(delivered_on__year=year)
    labels = dict(AudienceType.choices)
    by_audience = [
        (labels[row["audience_type"]], row["count"])
        for row in audiences.values("audience_type").annotate(count=Count("pk")).order_by("-count")
    ]
    return PresentationsSummary(
        years=years,
        rows=rows,
        year_totals=[sum(row.counts[index] for row in rows) for index in range(len(years))],
        total=sum(row.total for row in rows),
        by_state={code: count for code, count in by_state.items() if count},
        by_audience=by_audience,
    )


def featured_coverage() -> QuerySet[MediaCoverage]:
    """What the public "In the news" page lists: outlet, headline, link, date and kind."""
    return MediaCoverage.objects.filter(featured=True).only(
        "pk", "outlet", "published_on", "url", "headline", "kind"
    )


@dataclass(frozen=True)
class CoverageLine:
    label: str
    items: int
    reach: int


@dataclass(frozen=True)
class CoverageDashboard:
    since: datetime.date
    months: list[CoverageLine]
    by_alliance: list[CoverageLine]
    by_kind: list[CoverageLine]
    total: int


def _month_start(day: datetime.date, back: int = 0) -> datetime.date:
    index = day.year * 12 + day.month - 1 - back
    return datetime.date(index // 12, index % 12 + 1, 1)


def coverage_dashboard(
    items: QuerySet[MediaCoverage], *, today: datetime.date
) -> CoverageDashboard:
    """Coverage of the last 12 months (this one included) by month, alliance and kind."""
    since = _month_start(today, back=11)
    recent = items.filter(published_on__gte=since, published_on__lte=today).order_by()
    totals = {"items": Count("pk"), "reach": Sum("estimated_reach")}
    per_month = {
        row["month"]: row
        for row in recent.annotate(month=TruncMonth("published_on"))
        .values("month")
        .annotate(**totals)
    }
    months = []
    for back in range(11, -1, -1):
        start = _month_start(today, back=back)
        row = next((r for m, r in per_month.items() if _as_date(m) == start), None)
        months.append(
            CoverageLine(
                start.strftime("%b %Y"), row["items"] if row else 0, (row or {}).get("reach") or 0
            )
        )
    by_alliance = [
        CoverageLine(row["alliance__name"] or STAFF_CREDIT, row["items"], row["reach"] or 0)
        for row in recent.values("alliance__name").annotate(**totals).order_by("-items")
    ]
    kinds = dict(MediaKind.choices)
    by_kind = [
        CoverageLine(kinds[row["kind"]], row["items"], row["reach"] or 0)
        for row in recent.values("kind").annotate(**totals).order_by("-items")
    ]
    return CoverageDashboard(
        since=since,
        months=months,
        by_alliance=by_alliance,
        by_kind=by_kind,
        total=sum(line.items for line in months),
    )


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value
