"""The timeline of states parties, year by year (`ratifications_by_year`), drawn as SVG on
the server.

The geometry is worked out here and drawn by `icc/_timeline_chart.html`, with presentation
attributes and classes only, so the Content Security Policy has nothing to refuse; the
figures are in the table beside the chart.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from amicc.icc.selectors.states import RatificationYear

WIDTH = 720
HEIGHT = 320
LEFT = 44  # room for the counts on the vertical axis
RIGHT = 8
TOP = 12
BOTTOM = 28  # room for the years
MAX_YEAR_LABELS = 12
NICE_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500)


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
class ColumnChart:
    width: int
    height: int
    left: int
    right: int
    baseline: int
    bars: list[Bar]
    gridlines: list[AxisMark]  # position is y
    year_labels: list[AxisMark]  # position is x, the middle of the bar
    label_y: int


def _step(top: int) -> int:
    """A round step that draws at most about five gridlines up to `top`."""
    return next((step for step in NICE_STEPS if top / step <= 5), NICE_STEPS[-1])


def timeline_chart(timeline: Sequence[RatificationYear]) -> ColumnChart:
    """One column per year, as tall as the number of states parties at its end."""
    top = max((row.parties for row in timeline), default=0)
    step = _step(top)
    scale_top = max(step, math.ceil(top / step) * step)
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_height
    slot = plot_width / max(len(timeline), 1)
    bar_width = round(slot * 0.7, 2)
    label_every = math.ceil(len(timeline) / MAX_YEAR_LABELS) or 1
    bars, year_labels = [], []
    for index, row in enumerate(timeline):
        height = round(plot_height * row.parties / scale_top, 2)
        x = round(LEFT + index * slot + (slot - bar_width) / 2, 2)
        states = "state party" if row.parties == 1 else "states parties"
        bars.append(
            Bar(
                x,
                round(baseline - height, 2),
                bar_width,
                height,
                f"{row.year}: {row.parties} {states}",
            )
        )
        if index % label_every == 0:
            year_labels.append(AxisMark(round(x + bar_width / 2, 2), str(row.year)))
    gridlines = [
        AxisMark(round(baseline - plot_height * value / scale_top, 2), str(value))
        for value in range(0, scale_top + 1, step)
    ]
    return ColumnChart(
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
