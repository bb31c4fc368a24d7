"""A question's results as a horizontal bar chart, drawn as SVG on the server.

One bar per option, as long as its proportion, with a whisker for its 95% interval; with
weighting, a second, thinner bar per option for the weighted figure. The geometry is
worked out here and drawn by `polls/_chart.html` with presentation attributes and
classes only (the Content Security Policy forbids inline styles); the figures are in the
table beside the chart.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from amicc.polls.tabulation import Figure, Group

WIDTH = 640
LABEL_WIDTH = 220  # option labels, right-aligned before the plot
RIGHT_ROOM = 56  # the percentage after the longest bar
TOP = 8
AXIS_ROOM = 24  # the percentages under the plot
ROW = 30
WEIGHTED_ROW = 44
BAR = 16
WEIGHTED_BAR = 10
LABEL_CHARS = 27
GRID_STEPS = (0, 25, 50, 75, 100)


@dataclass(frozen=True)
class Bar:
    y: float
    width: float
    height: float
    bottom: float
    low: float  # x of the interval's ends
    high: float
    middle: float  # y of the whisker
    value_x: float
    value: str
    title: str
    weighted: bool


@dataclass(frozen=True)
class Row:
    label: str
    full_label: str
    label_y: float
    bars: list[Bar]


@dataclass(frozen=True)
class Gridline:
    x: float
    text: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int
    plot_bottom: float
    label_x: int
    axis_y: float
    rows: list[Row]
    gridlines: list[Gridline]
    weighted: bool


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def _bar(figure: Figure, *, y: float, height: float, scale: float, weighted: bool) -> Bar:
    kind = _("weighted") if weighted else _("unweighted")
    width = round(figure.proportion * scale, 2)
    return Bar(
        y=round(y, 2),
        width=width,
        height=height,
        bottom=round(y + height, 2),
        low=round(LABEL_WIDTH + figure.low * scale, 2),
        high=round(LABEL_WIDTH + figure.high * scale, 2),
        middle=round(y + height / 2, 2),
        value_x=round(LABEL_WIDTH + max(width, figure.high * scale) + 6, 2),
        value=percent(figure.proportion),
        title=_("%(answer)s, %(kind)s: %(share)s (95%% interval %(low)s to %(high)s)")
        % {
            "answer": figure.label,
            "kind": kind,
            "share": percent(figure.proportion),
            "low": percent(figure.low),
            "high": percent(figure.high),
        },
        weighted=weighted,
    )


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def question_chart(group: Group) -> BarChart | None:
    """The chart of one group's figures; None when there is nothing to draw."""
    if group.suppressed or not group.figures:
        return None
    weighted = group.weighted is not None
    row_height = WEIGHTED_ROW if weighted else ROW
    scale = WIDTH - LABEL_WIDTH - RIGHT_ROOM
    rows = []
    for index, figure in enumerate(group.figures):
        top = TOP + index * row_height + (row_height - BAR - (WEIGHTED_BAR + 2) * weighted) / 2
        bars = [_bar(figure, y=top, height=BAR, scale=scale, weighted=False)]
        if group.weighted is not None:
            bars.append(
                _bar(
                    group.weighted.figures[index],
                    y=top + BAR + 2,
                    height=WEIGHTED_BAR,
                    scale=scale,
                    weighted=True,
                )
            )
        rows.append(Row(_short(figure.label), figure.label, round(top + BAR / 2 + 4, 2), bars))
    plot_bottom = TOP + len(group.figures) * row_height
    return BarChart(
        width=WIDTH,
        height=plot_bottom + AXIS_ROOM,
        left=LABEL_WIDTH,
        plot_bottom=plot_bottom,
        label_x=LABEL_WIDTH - 8,
        axis_y=plot_bottom + 16,
        rows=rows,
        gridlines=[Gridline(LABEL_WIDTH + scale * step / 100, f"{step}%") for step in GRID_STEPS],
        weighted=weighted,
    )
