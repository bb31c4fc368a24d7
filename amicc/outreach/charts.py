"""The SVG drawn on the outreach pages: the presentations map and the coverage bar chart.

Geometry is worked out here and drawn by templates with presentation attributes only, so
the Content Security Policy of the public pages has nothing to refuse. Each drawing sits
beside a table with the same figures.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from amicc.coalition.geography import USState
from amicc.coalition.tilemap import TILE_POSITIONS
from amicc.outreach.selectors import CoverageLine

TILE_SIZE = 46
TILE_GAP = 4
# (lowest count, fill, text colour, legend): the darker, the more presentations.
SHADES = (
    (0, "#e4e7eb", "#1b1f24", "None"),
    (1, "#b9dcd6", "#1b1f24", "1"),
    (2, "#4fa79f", "#1b1f24", "2 to 4"),
    (5, "#00585a", "#ffffff", "5 or more"),
)


@dataclass(frozen=True)
class StateTile:
    code: str
    x: int
    y: int
    fill: str
    text: str
    count: int
    label: str

    @property
    def center_x(self) -> int:
        return self.x + TILE_SIZE // 2

    @property
    def code_y(self) -> int:
        return self.y + (TILE_SIZE * 4 // 10 if self.count else TILE_SIZE * 6 // 10)

    @property
    def count_y(self) -> int:
        return self.y + TILE_SIZE * 8 // 10


@dataclass(frozen=True)
class PresentationsMap:
    tiles: list[StateTile]
    width: int
    height: int
    size: int = TILE_SIZE
    legend: tuple = SHADES


def _shade(count: int) -> tuple[int, str, str, str]:
    return [shade for shade in SHADES if count >= shade[0]][-1]


def presentations_map(counts: Mapping[str, int]) -> PresentationsMap:
    names = dict(USState.choices)
    step = TILE_SIZE + TILE_GAP
    tiles = []
    for code, (column, row) in TILE_POSITIONS.items():
        count = counts.get(code, 0)
        _, fill, text, _ = _shade(count)
        plural = "presentation" if count == 1 else "presentations"
        tiles.append(
            StateTile(
                code,
                column * step,
                row * step,
                fill,
                text,
                count,
                f"{names[code]}: {count or 'no'} {plural}",
            )  # fmt: skip
        )
    columns = max(column for column, _ in TILE_POSITIONS.values()) + 1
    rows = max(row for _, row in TILE_POSITIONS.values()) + 1
    return PresentationsMap(
        tiles=tiles, width=columns * step - TILE_GAP, height=rows * step - TILE_GAP
    )


WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 40, 8, 12, 28
NICE_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label: str
    title: str


@dataclass(frozen=True)
class Gridline:
    y: float
    text: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int
    right: int
    baseline: int
    label_y: int
    bars: list[Bar]
    gridlines: list[Gridline]


def coverage_chart(months: Sequence[CoverageLine]) -> BarChart:
    """One column per month, as tall as the number of items published in it."""
    top = max((line.items for line in months), default=0)
    step = next((s for s in NICE_STEPS if top / s <= 5), NICE_STEPS[-1])
    scale_top = max(step, math.ceil(top / step) * step)
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_height
    slot = (WIDTH - LEFT - RIGHT) / max(len(months), 1)
    width = round(slot * 0.7, 2)
    bars = []
    for index, line in enumerate(months):
        height = round(plot_height * line.items / scale_top, 2)
        x = round(LEFT + index * slot + (slot - width) / 2, 2)
        items = "item" if line.items == 1 else "items"
        bars.append(
            Bar(x, round(baseline - height, 2), width, height, round(x + width / 2, 2),
                line.label.split()[0], f"{line.label}: {line.items} {items}")
        )  # fmt: skip
    gridlines = [
        Gridline(round(baseline - plot_height * value / scale_top, 2), str(value))
        for value in range(0, scale_top + 1, step)
    ]
    return BarChart(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, baseline, HEIGHT - 8, bars, gridlines)
