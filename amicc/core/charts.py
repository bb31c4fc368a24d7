"""Column charts drawn as SVG on the server: one column per period, round gridlines.

The geometry is worked out here and drawn by `core/_column_chart.html` with presentation
attributes only, so the Content Security Policy has nothing to refuse; every chart sits
beside a table with the same figures.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

MAX_AXIS_LABELS = 12


@dataclass(frozen=True)
class Column:
    """What a chart is given: a value, its tooltip, and its label under the axis."""

    value: float
    title: str
    axis_label: str


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # the tooltip


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
    baseline: float
    bars: list[Bar]
    gridlines: list[AxisMark]  # position is y
    axis_labels: list[AxisMark]  # position is x, the middle of the bar
    label_y: int


def nice_step(top: float) -> int:
    """A round step (1, 2 or 5 times a power of ten) drawing at most five gridlines."""
    if top <= 0:
        return 1
    power = 10 ** max(0, math.floor(math.log10(top / 5)))
    return next(power * factor for factor in (1, 2, 5, 10) if top / (power * factor) <= 5)


def column_chart(
    columns: Sequence[Column],
    *,
    width: int,
    height: int,
    left: int,
    right: int = 8,
    top: int = 12,
    bottom: int = 28,
    tick: Callable[[int], str] = str,
) -> ColumnChart:
    """One column per item, scaled to the largest; at most MAX_AXIS_LABELS labels below."""
    largest = max((float(column.value) for column in columns), default=0.0)
    step = nice_step(largest)
    scale_top = max(step, math.ceil(largest / step) * step)
    plot_height = height - top - bottom
    baseline = top + plot_height
    slot = (width - left - right) / max(len(columns), 1)
    bar_width = round(slot * 0.7, 2)
    label_every = math.ceil(len(columns) / MAX_AXIS_LABELS) or 1
    bars, axis_labels = [], []
    for index, column in enumerate(columns):
        bar_height = round(plot_height * float(column.value) / scale_top, 2)
        x = round(left + index * slot + (slot - bar_width) / 2, 2)
        bars.append(Bar(x, round(baseline - bar_height, 2), bar_width, bar_height, column.title))
        if index % label_every == 0:
            axis_labels.append(AxisMark(round(x + bar_width / 2, 2), column.axis_label))
    gridlines = [
        AxisMark(round(baseline - plot_height * value / scale_top, 2), tick(value))
        for value in range(0, scale_top + 1, step)
    ]
    return ColumnChart(
        width=width,
        height=height,
        left=left,
        right=width - right,
        baseline=baseline,
        bars=bars,
        gridlines=gridlines,
        axis_labels=axis_labels,
        label_y=height - 8,
    )
