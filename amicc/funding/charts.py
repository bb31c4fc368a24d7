"""Awarded funds per year as an SVG column chart, drawn on the server.

The geometry is worked out here and drawn by `funding/admin/_year_chart.html` with
presentation attributes only; every figure is also in the table beside the chart.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from amicc.funding.selectors import YearTotal

WIDTH = 560
HEIGHT = 240
LEFT = 72  # room for the amounts on the vertical axis
RIGHT = 8
TOP = 12
BOTTOM = 28  # room for the years
MAX_YEAR_LABELS = 12


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str


@dataclass(frozen=True)
class AxisMark:
    position: float
    text: str


@dataclass(frozen=True)
class YearChart:
    currency: str
    width: int
    height: int
    left: int
    right: int
    baseline: int
    bars: list[Bar]
    gridlines: list[AxisMark]  # position is y
    year_labels: list[AxisMark]  # position is x
    label_y: int


def _step(top: Decimal) -> int:
    """A round step (1, 2 or 5 times a power of ten) drawing at most five gridlines."""
    if top <= 0:
        return 1
    power = 10 ** max(0, math.floor(math.log10(float(top) / 5)))
    return next(power * factor for factor in (1, 2, 5, 10) if top / (power * factor) <= 5)


def _short(value: int) -> str:
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if value >= size:
            return f"{value / size:g}{suffix}"
    return str(value)


def year_chart(*, currency: str, years: Sequence[YearTotal]) -> YearChart:
    """One column per year, as tall as the amount awarded in `currency` that year."""
    top = max((row.total for row in years), default=Decimal(0))
    step = _step(top)
    scale_top = max(step, math.ceil(top / step) * step)
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_height
    slot = plot_width / max(len(years), 1)
    bar_width = round(slot * 0.7, 2)
    label_every = math.ceil(len(years) / MAX_YEAR_LABELS) or 1
    bars, year_labels = [], []
    for index, row in enumerate(years):
        height = round(plot_height * float(row.total) / scale_top, 2)
        x = round(LEFT + index * slot + (slot - bar_width) / 2, 2)
        grants = f"{row.grants} grant{'s' if row.grants != 1 else ''}"
        label = f"{row.year}: {currency} {row.total:,.2f} from {grants}"
        bars.append(Bar(x, round(baseline - height, 2), bar_width, height, label))
        if index % label_every == 0:
            year_labels.append(AxisMark(round(x + bar_width / 2, 2), str(row.year)))
    gridlines = [
        AxisMark(round(baseline - plot_height * value / scale_top, 2), _short(value))
        for value in range(0, scale_top + 1, step)
    ]
    return YearChart(
        currency=currency,
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=WIDTH - RIGHT,
        baseline=baseline,
        bars=bars,
        gridlines=gridlines,
        year_labels=year_labels,
        label_y=HEIGHT - 8,
    )
