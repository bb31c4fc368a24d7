"""A poll's results, question by question: overall, by state and by district.

Read from the running tallies (PollTally, and PollCellTally for the weighted figures),
never from the answers, in at most five queries whatever the number of questions,
districts or responses. Proportions come with 95% Wilson intervals; groups smaller than
the poll's `min_cell_size` are suppressed (neither counts nor percentages), and so are as
many more as it takes for no small group to be worked out by subtraction from the totals
around it (`_hidden_groups`), whichever place the page shows.

Weighting (polls with `weighted` set): within each district, respondents are raked to the
population margins staff entered for it, over the demographic questions the poll asks
whose margins are complete there. A district without usable margins keeps weight 1. The
raked weights of a district add up to its number of respondents, so state and overall
weighted figures add districts together as sampled: they correct each district's
demographic mix, not how many people answered from each district. Intervals of weighted
proportions use Kish's effective sample size.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from amicc.coalition.geography import USState
from amicc.congress.models import district_label
from amicc.core.page_cache import remember
from amicc.polls.choices import DEMOGRAPHIC_CATEGORIES, QuestionKind
from amicc.polls.models import (
    ANSWERED,
    DistrictPopulationMargin,
    Poll,
    PollCellTally,
    PollOption,
    PollQuestion,
    PollTally,
)
from amicc.polls.statistics import margin_of_error_words, rake, wilson_interval
from amicc.polls.tallies import RESPONDENTS

CACHE_SECONDS = 60  # responses arrive continuously: results may lag by a minute
SECONDARY_MESSAGE = gettext_lazy(
    "Not shown: with the figures around it, it would reveal a group of fewer than "
    "{floor} responses."
)
SHARE_SUM_TOLERANCE = 0.01  # a dimension's shares must add up to 1 within this
DEMOGRAPHIC_FIELDS = ("age_band", "gender", "party")

District = tuple[str, int]


@dataclass(frozen=True)
class Figure:
    """One option in one group: its count, proportion and 95% interval."""

    label: str
    count: float
    proportion: float
    low: float
    high: float


@dataclass(frozen=True)
class Weighted:
    figures: list[Figure]  # counts are weighted counts
    effective_n: float
    margin: str


@dataclass(frozen=True)
class Group:
    """A question's results in one place (the whole poll, a state or a district)."""

    key: str  # "", "NY" or "NY-12", the value of the page's filter
    label: str
    n: int  # respondents who answered the question; not shown when suppressed
    suppressed: bool
    figures: list[Figure]
    margin: str
    weighted: Weighted | None = None


@dataclass(frozen=True)
class QuestionResults:
    pk: int
    text: str
    kind: str
    labels: list[str]
    overall: Group
    states: list[Group]
    districts: list[Group]

    @property
    def is_multiple(self) -> bool:
        return self.kind == QuestionKind.MULTIPLE

    @property
    def is_text(self) -> bool:
        return self.kind == QuestionKind.TEXT


@dataclass(frozen=True)
class PollResults:
    questions: list[QuestionResults]
    min_cell_size: int
    weighted: bool
    weighted_districts: int = 0  # districts raked to their margins
    dimensions: list[str] = field(default_factory=list)  # labels of the demographics used


# The sums a group is built from: per option key, Σ(count·w) and Σ(count·w²). Unweighted
# sums have w = 1, so both are the count.
Sums = dict[int, list[float]]


def _add(target: Sums, source: Sums) -> None:
    for key, (total, squares) in source.items():
        sums = target.setdefault(key, [0.0, 0.0])
        sums[0] += total
        sums[1] += squares


def _figures(sums: Sums, options: list[PollOption], n: float) -> list[Figure]:
    figures = []
    for option in options:
        count = sums.get(option.pk, (0.0, 0.0))[0]
        proportion = count / sums[ANSWERED][0] if sums[ANSWERED][0] else 0.0
        figures.append(Figure(option.label, count, proportion, *wilson_interval(proportion * n, n)))
    return figures


def _group(
    *,
    key: str,
    label: str,
    options: list[PollOption],
    sums: Sums,
    weighted: Sums | None,
    floor: int,
    hidden: bool,
) -> Group:
    n = round(sums.get(ANSWERED, (0, 0))[0])
    if n < floor:
        margin = _("Fewer than %(floor)s responses: not shown.") % {"floor": floor}
        return Group(key, label, n, suppressed=True, figures=[], margin=margin)
    if hidden:
        margin = SECONDARY_MESSAGE.format(floor=floor)
        return Group(key, label, n, suppressed=True, figures=[], margin=margin)
    weighted_figures = None
    if weighted is not None:
        total, squares = weighted[ANSWERED]
        effective_n = total * total / squares if squares else 0.0
        weighted_figures = Weighted(
            figures=_figures(weighted, options, effective_n),
            effective_n=effective_n,
            margin=margin_of_error_words(effective_n, effective=True),
        )
    return Group(
        key,
        label,
        n,
        suppressed=False,
        figures=_figures(sums, options, n),
        margin=margin_of_error_words(n),
        weighted=weighted_figures,
    )


def _unweighted_sums(rows) -> dict[int, dict[District, Sums]]:
    """question id → district → option key → [count, count] from PollTally rows."""
    sums: dict[int, dict[District, Sums]] = defaultdict(dict)
    for question_id, option_key, state, district, count in rows:
        sums[question_id].setdefault((state, district), {})[option_key] = [count, count]
    return sums


def _complete_margins(rows, dimensions: list[str]) -> dict[District, dict[str, dict]]:
    """district → dimension → {category: share}, only for dimensions whose shares are whole."""
    margins: dict[District, dict[str, dict]] = defaultdict(lambda: defaultdict(dict))
    for state, district, dimension, category, share in rows:
        margins[(state, district)][dimension][category] = float(share)
    complete = {}
    for place, by_dimension in margins.items():
        usable = {
            dimension: shares
            for dimension, shares in by_dimension.items()
            if dimension in dimensions
            and set(shares) == set(DEMOGRAPHIC_CATEGORIES[dimension].values)
            and abs(sum(shares.values()) - 1) <= SHARE_SUM_TOLERANCE
        }
        if usable:
            complete[place] = usable
    return complete


def _weighted_sums(*, cell_rows, margins: dict, dimensions: list[str]):
    """question id → district → option key → [Σ count·w, Σ count·w²], and districts raked."""
    positions = [DEMOGRAPHIC_FIELDS.index(dimension) for dimension in dimensions]
    respondents: dict[District, dict[tuple, float]] = defaultdict(lambda: defaultdict(float))
    by_question = []
    for question_key, option_key, state, district, *cell, count in cell_rows:
        projected = tuple(cell[position] for position in positions)
        if question_key == RESPONDENTS:
            respondents[(state, district)][projected] += count
        else:
            by_question.append((question_key, option_key, (state, district), projected, count))
    weights: dict[District, dict[tuple, float]] = {}
    for place, cells in respondents.items():
        if place in margins:
            weights[place] = rake(
                cells=cells, dimensions=dimensions, margins=margins[place]
            ).weights
    sums: dict[int, dict[District, Sums]] = defaultdict(dict)
    for question_key, option_key, place, projected, count in by_question:
        weight = weights[place].get(projected, 1.0) if place in weights else 1.0
        cell = sums[question_key].setdefault(place, {}).setdefault(option_key, [0.0, 0.0])
        cell[0] += count * weight
        cell[1] += count * weight * weight
    return sums, len(weights)


def _hide(children: dict[str, int], floor: int, hidden: set, *, may_be_empty: bool = True) -> int:
    """Add to `hidden` the smallest shown children until the hidden ones' total is not small.

    A parent's total minus its shown children is the total of its hidden children: it must
    be at least `floor` (or 0, if `may_be_empty`), or subtraction gives a suppressed group
    away. Returns that total.
    """
    remainder = sum(n for key, n in children.items() if key in hidden)
    shown = sorted((n, key) for key, n in children.items() if key not in hidden)
    while remainder < floor and (remainder > 0 or not may_be_empty) and shown:
        n, key = shown.pop(0)
        hidden.add(key)
        remainder += n
    return remainder


def _hidden_groups(answered: dict[District, int], floor: int) -> set[str]:
    """The keys ("", "NY", "NY-12") of one question's groups that are not shown.

    Groups smaller than `floor` (primary suppression), then, in each state and in the
    country, the smallest other groups needed so that the hidden groups under any shown
    total add up to 0 or to at least `floor` (complementary suppression). A state hidden
    that way also hides enough of its districts that its total cannot be rebuilt from
    them. Worked out on the whole poll, so that every filtered page hides the same groups.
    """
    by_state: dict[str, dict[str, int]] = defaultdict(dict)
    for (state, district), n in answered.items():
        by_state[state][f"{state}-{district}"] = n
    hidden: set[str] = set()
    for districts in by_state.values():
        hidden |= {key for key, n in districts.items() if n < floor}
        _hide(districts, floor, hidden)
    states = {state: sum(districts.values()) for state, districts in by_state.items()}
    small = {state for state, n in states.items() if n < floor}
    hidden |= small
    _hide(states, floor, hidden)
    for state in (hidden & set(states)) - small:
        _hide(by_state[state], floor, hidden, may_be_empty=False)
    if sum(states.values()) < floor:
        hidden.add("")
    return hidden


def _rollup(by_district: dict[District, Sums]) -> tuple[Sums, dict[str, Sums]]:
    overall: Sums = {}
    states: dict[str, Sums] = defaultdict(dict)
    for (state, _district), sums in by_district.items():
        _add(overall, sums)
        _add(states[state], sums)
    return overall, states


def _question_results(
    question: PollQuestion,
    sums: dict[District, Sums],
    weighted: dict | None,
    floor: int,
    *,
    hidden: set[str],
    place_key: str,
) -> QuestionResults:
    """`place_key` is the key of the place shown ("" for the country): `hidden` is the poll's."""
    overall, states = _rollup(sums)
    w_overall, w_states = _rollup(weighted) if weighted is not None else ({}, {})
    is_weighted = weighted is not None
    options = list(question.options.all())

    def group(key, label, own, weighted_own, *, hidden_key=None):
        return _group(
            key=key,
            label=label,
            options=options,
            sums=own,
            weighted=weighted_own if is_weighted and ANSWERED in weighted_own else None,
            floor=floor,
            hidden=(key if hidden_key is None else hidden_key) in hidden,
        )

    state_names = dict(USState.choices)
    return QuestionResults(
        pk=question.pk,
        text=question.text,
        kind=question.kind,
        labels=[option.label for option in options],
        overall=group("", _("All respondents"), overall, w_overall, hidden_key=place_key),
        states=[
            group(state, state_names.get(state, state), states[state], w_states.get(state, {}))
            for state in sorted(states, key=lambda code: state_names.get(code, code))
        ],
        districts=[
            group(
                f"{state}-{district}",
                district_label(state, district),
                sums[(state, district)],
                (weighted or {}).get((state, district), {}),
            )
            for state, district in sorted(sums, key=lambda p: (state_names.get(p[0], p[0]), p[1]))
        ],
    )


def tabulate_poll(
    *, poll: Poll, state: str | None = None, district: int | None = None
) -> PollResults:
    """Every question's results, optionally for one state or one district (`state` given).

    What the results page shows and what the benchmark times. Not cached: see
    `poll_results`.
    """
    place = {"state": state} if state else {}
    if state and district is not None:
        place["district"] = district
    options = Prefetch("options", queryset=PollOption.objects.order_by("sort_order", "pk"))
    questions = list(poll.questions.order_by("sort_order", "pk").prefetch_related(options))
    # The place's rows, and every district's "answered" count for `_hidden_groups`.
    tallies = PollTally.objects.filter(question__poll=poll)
    if place:
        tallies = tallies.filter(Q(**place) | Q(option_key=ANSWERED))
    rows = list(tallies.values_list("question_id", "option_key", "state", "district", "count"))
    answered: dict[int, dict[District, int]] = defaultdict(dict)
    for question_id, option_key, row_state, row_district, count in rows:
        if option_key == ANSWERED:
            answered[question_id][(row_state, row_district)] = count
    if place:
        rows = [row for row in rows if row[2] == state and (district is None or row[3] == district)]
    sums = _unweighted_sums(rows)
    weighted, raked, dimensions = None, 0, []
    if poll.weighted:
        dimensions = [str(dimension) for dimension in poll.demographics]
        margin_rows = DistrictPopulationMargin.objects.filter(
            dimension__in=dimensions, **place
        ).values_list("state", "district", "dimension", "category", "share")
        cell_rows = PollCellTally.objects.filter(poll=poll, **place).values_list(
            "question_key", "option_key", "state", "district", *DEMOGRAPHIC_FIELDS, "count"
        )
        weighted, raked = _weighted_sums(
            cell_rows=cell_rows,
            margins=_complete_margins(margin_rows, dimensions),
            dimensions=dimensions,
        )
    floor = poll.min_cell_size
    place_key = f"{state}-{district}" if "district" in place else state or ""
    return PollResults(
        questions=[
            _question_results(
                question,
                sums.get(question.pk, {}),
                weighted.get(question.pk, {}) if weighted is not None else None,
                floor,
                hidden=_hidden_groups(answered.get(question.pk, {}), floor),
                place_key=place_key,
            )
            for question in questions
        ],
        min_cell_size=floor,
        weighted=poll.weighted,
        weighted_districts=raked,
        dimensions=[dimension.label for dimension in poll.demographics],
    )


def poll_results(
    *, poll: Poll, state: str | None = None, district: int | None = None
) -> PollResults:
    """`tabulate_poll`, kept for a minute: responses arrive continuously, pages do not wait."""
    settings = (
        f"{poll.weighted}:{poll.min_cell_size}:{poll.asks_age}{poll.asks_gender}{poll.asks_party}"
    )
    place = f"{state or ''}:{'' if district is None else district}"
    # The results carry sentences and place names in the language they were worked out in.
    key = f"polls:results:{get_language()}:{poll.pk}:{settings}:{place}"
    return remember(
        key, lambda: tabulate_poll(poll=poll, state=state, district=district), CACHE_SECONDS
    )
