"""The statistics of poll results, in plain Python: intervals, raking, effective sample size.

Pure functions on numbers, so they can be checked against values worked out by hand
(see tests/test_statistics.py) and need neither numpy nor the database.
"""

import functools
import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

Z_95 = 1.959964  # the 97.5th percentile of the standard normal distribution
NO_ANSWER = ""  # a demographic question left unanswered ("prefer not to say")

Cell = tuple[str, ...]


def wilson_interval(successes: float, n: float, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval for a proportion `successes / n`, as (low, high).

    Chosen over the normal ("Wald") interval because it stays inside 0..1 and keeps close
    to its nominal coverage for the small groups and extreme proportions a district poll
    has. `n` may be an effective sample size (a float); with no responses every
    proportion is possible, (0, 1).
    """
    if n <= 0:
        return 0.0, 1.0
    p = min(max(successes / n, 0.0), 1.0)
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def margin_of_error(n: float, z: float = Z_95) -> float:
    """The worst-case margin of error: the Wilson half-width at an observed 50%.

    At p = 0.5 the interval is symmetric, so its half-width is a margin in the usual sense;
    it is slightly narrower than the normal approximation 1.96·√(0.25/n).
    """
    low, high = wilson_interval(n / 2, n, z)
    return (high - low) / 2


def margin_of_error_words(n: float, *, effective: bool = False) -> str:
    """The margin of error in a sentence, for a group of `n` (or effective `n`) responses."""
    return _margin_words(n, effective, get_language())


@functools.lru_cache(maxsize=4096)  # a results page asks for the same few sizes many times
def _margin_words(n: float, effective: bool, language: str | None) -> str:
    if n <= 0:
        return _("There are no responses yet, so there is no margin of error.")
    points = number_format(f"{margin_of_error(n) * 100:.1f}", 1)
    count = number_format(f"{n:.0f}", force_grouping=True)
    if effective:
        size = _("effective sample size %(count)s") % {"count": count}
    else:
        size = _("n = %(count)s") % {"count": count}
    return _(
        "The margin of error is about ±%(points)s percentage points at the 95%% confidence "
        "level (%(size)s)."
    ) % {"points": points, "size": size}


def effective_sample_size(
    *, weights: Mapping[Hashable, float], counts: Mapping[Hashable, float]
) -> float:
    """Kish's effective sample size (Σw)² / Σw² over respondents; cells share a weight.

    Weighting makes estimates less precise than their raw count suggests; intervals of
    weighted proportions use this size instead of the count.
    """
    total = sum(counts[cell] * weights[cell] for cell in counts)
    squares = sum(counts[cell] * weights[cell] ** 2 for cell in counts)
    return total * total / squares if squares else 0.0


@dataclass
class Raking:
    """The weight of each cell's respondents, and how the fitting went."""

    weights: dict[Cell, float]
    iterations: int
    converged: bool
    # Categories with a population share but no respondent: they cannot be matched, so
    # their share went to the dimension's other categories.
    empty_categories: list[tuple[str, str]] = field(default_factory=list)


def _usable_margins(
    cells: Mapping[Cell, float],
    dimensions: Sequence[str],
    margins: Mapping[str, Mapping[str, float]],
) -> tuple[dict[int, dict[str, float]], list[tuple[str, str]]]:
    """Per dimension position, shares renormalised over the categories respondents gave.

    A category with no positive share (staff often enter 0 where the census has no figure)
    is left out, so its respondents are treated like those who did not answer rather than
    weighted to nothing.
    """
    usable: dict[int, dict[str, float]] = {}
    empty: list[tuple[str, str]] = []
    for position, dimension in enumerate(dimensions):
        if dimension not in margins:
            continue
        present = {cell[position] for cell, count in cells.items() if count > 0}
        shares = {c: s for c, s in margins[dimension].items() if c in present and s > 0}
        empty += [
            (dimension, c) for c, s in margins[dimension].items() if s > 0 and c not in present
        ]
        total = sum(shares.values())
        if total > 0:
            usable[position] = {category: share / total for category, share in shares.items()}
    return usable, empty


def _adjust(
    weights: dict[Cell, float], cells: Mapping[Cell, float], position: int, shares: dict
) -> float:
    """Scale one dimension's answered cells to its shares; the largest relative gap before."""
    weighted: dict[str, float] = {}
    for cell, count in cells.items():
        category = cell[position]
        if category != NO_ANSWER and category in shares:
            weighted[category] = weighted.get(category, 0.0) + count * weights[cell]
    answered = sum(weighted.values())
    if answered == 0:
        return 0.0
    factors = {c: shares[c] * answered / w for c, w in weighted.items() if w > 0}
    gap = max(abs(w / answered - shares[c]) for c, w in weighted.items())
    for cell in cells:
        if cell[position] in factors:
            weights[cell] *= factors[cell[position]]
    return gap


def _trim(weights: dict[Cell, float], cells: Mapping[Cell, float], limit: float) -> None:
    """Clip weights to [1/limit, limit] times the mean weight, keeping their total.

    What clipping removes (or adds) is spread over the cells not clipped, which may push
    others past a bound: repeated until none moves.
    """
    total = sum(cells[cell] * w for cell, w in weights.items())
    low, high = total / sum(cells.values()) / limit, total / sum(cells.values()) * limit
    for _attempt in range(len(weights) + 1):
        clipped = {c for c, w in weights.items() if w <= low or w >= high}
        for cell in clipped:
            weights[cell] = min(max(weights[cell], low), high)
        free = sum(cells[c] * w for c, w in weights.items() if c not in clipped)
        fixed = sum(cells[c] * weights[c] for c in clipped)
        if free == 0 or abs(free + fixed - total) <= 1e-12 * total:
            return
        for cell in weights.keys() - clipped:
            weights[cell] *= (total - fixed) / free


def rake(
    *,
    cells: Mapping[Cell, float],
    dimensions: Sequence[str],
    margins: Mapping[str, Mapping[str, float]],
    tolerance: float = 1e-6,
    max_iterations: int = 100,
    trim: float | None = None,
) -> Raking:
    """Iterative proportional fitting of cell weights to population margins (raking).

    `cells` maps a tuple of categories, one per name in `dimensions`, to its number of
    respondents; `margins` maps a dimension to the population share of each category.
    Each pass scales the weights so that, for one dimension after another, the weighted
    shares of the respondents who answered it match the margins. Respondents who did not
    answer a dimension (category "") are left out of that dimension's adjustment and keep
    the weight the other dimensions give them; the answered group's weighted total is kept,
    so the weights always add up to the number of respondents (mean weight 1). It stops
    when every share is within `tolerance` or after `max_iterations` passes. With `trim`,
    weights are clipped to [1/trim, trim] times the mean after each pass (the margins are
    then met only approximately, and `converged` says whether they were within tolerance).
    """
    usable, empty = _usable_margins(cells, dimensions, margins)
    weights = dict.fromkeys(cells, 1.0)
    if not usable or not any(cells.values()):
        return Raking(weights=weights, iterations=0, converged=True, empty_categories=empty)
    for iteration in range(1, max_iterations + 1):
        gap = max(_adjust(weights, cells, position, shares) for position, shares in usable.items())
        if trim:
            _trim(weights, cells, trim)
        if gap < tolerance:
            return Raking(weights, iteration, converged=True, empty_categories=empty)
    return Raking(weights, max_iterations, converged=False, empty_categories=empty)
