"""Reads of the public poll pages: the list of polls, one poll to answer, where a ZIP lies."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from amicc.congress.models import ZipDistrict, district_label
from amicc.polls.choices import PollScope
from amicc.polls.models import Poll, PollOption, PollQuestion


@dataclass(frozen=True)
class PollIndex:
    open: list[Poll] = field(default_factory=list)
    upcoming: list[Poll] = field(default_factory=list)
    results: list[Poll] = field(default_factory=list)


def polls_for_index(*, now: datetime.datetime) -> PollIndex:
    """Open and upcoming polls, and closed polls whose results are published, in one query.

    Closed polls with unpublished results are left out: their page has nothing to offer.
    """
    polls = Poll.objects.filter(Q(closes_at__gt=now) | Q(results_published=True)).select_related(
        "alliance"
    )
    index = PollIndex()
    for poll in polls.order_by("closes_at", "pk"):
        if poll.opens_at > now:
            index.upcoming.append(poll)
        elif poll.closes_at > now:
            index.open.append(poll)
        else:
            index.results.append(poll)
    index.upcoming.sort(key=lambda poll: (poll.opens_at, poll.pk))
    index.results.sort(key=lambda poll: (poll.closes_at, poll.pk), reverse=True)
    return index


def poll_for_answering(*, slug: str) -> Poll | None:
    """The poll with its areas, questions and options, in four queries."""
    options = Prefetch("options", queryset=PollOption.objects.order_by("sort_order", "pk"))
    questions = PollQuestion.objects.order_by("sort_order", "pk").prefetch_related(options)
    return (
        Poll.objects.select_related("alliance")
        .prefetch_related("areas", Prefetch("questions", queryset=questions))
        .filter(slug=slug)
        .first()
    )


@dataclass(frozen=True)
class DistrictChoice:
    state: str
    district: int

    @property
    def value(self) -> str:
        """What the form's district field takes for this district: "NY-12"."""
        return f"{self.state}-{self.district}"

    @property
    def label(self) -> str:
        return district_label(self.state, self.district)


def districts_for_zip(*, zip_code: str) -> list[DistrictChoice]:
    """The districts a five-digit ZIP code lies in, the largest share first (one query)."""
    rows = list(
        ZipDistrict.objects.filter(zcta=zip_code)
        .order_by()
        .values_list("state", "district", "rank")
    )
    rows.sort(key=lambda row: (row[2] is None, row[2] or 0, row[0], row[1]))
    return [DistrictChoice(state=state, district=district) for state, district, _ in rows]


def poll_includes(poll: Poll, *, state: str, district: int) -> bool:
    """Whether a respondent placed in this district may answer the poll (areas prefetched)."""
    if poll.scope == PollScope.NATIONAL:
        return True
    return any(
        area.state == state and area.district in (None, district) for area in poll.areas.all()
    )


def _names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return _("%(names)s or %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def poll_audience(poll: Poll) -> str:
    """Who a poll is for, in words: "people in New York, district 12 or Wyoming"."""
    if poll.scope == PollScope.NATIONAL:
        return _("people anywhere in the United States")
    areas = [district_label(area.state, area.district) for area in poll.areas.all()]
    return _("people in %(areas)s") % {"areas": _names(areas)} if areas else _("no area yet")
