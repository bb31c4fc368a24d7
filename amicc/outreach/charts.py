"""The SVG drawn on the outreach pages: the presentations map and the coverage column chart
(drawn by `core/_column_chart.html`).

Geometry is worked out here and drawn by templates with presentation attributes only, so
the Content Security Policy of the public pages has nothing to refuse. Each drawing sits
beside a table with the same figures.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from amicc.coalition.geography import USState
from amicc.coalition.tilemap import TILE_POSITIONS
from amicc.core.charts import Column, ColumnChart, column_chart
from amicc.outreach.selectors import CoverageLine

TILE_SIZE = 46
TILE_GAP = 4
# (lowest count, fill, text colour, legend): the darker, the more presentations.
SHADES = (
    (0, "#e4e7eb", "#1b1f24", _("None")),
    (1, "#b9dcd6", "#1b1f24", "1"),
    (2, "#4fa79f", "#1b1f24", _("2 to 4")),
    (5, "#00585a", "#ffffff", _("5 or more")),
)


def _tile_label(state: str, count: int) -> str:
    """ "Texas: 3 presentations", read out for the state's square of the map."""
    if not count:
        return gettext("%(state)s: no presentations") % {"state": state}
    return ngettext(
        "%(state)s: %(count)s presentation", "%(state)s: %(count)s presentations", count
    ) % {"state": state, "count": count}


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
        tiles.append(
            StateTile(
                code,
                column * step,
                row * step,
                fill,
                text,
                count,
                _tile_label(names[code], count),
            )  # fmt: skip
        )
    columns = max(column for column, _ in TILE_POSITIONS.values()) + 1
    rows = max(row for _, row in TILE_POSITIONS.values()) + 1
    return PresentationsMap(
        tiles=tiles, width=columns * step - TILE_GAP, height=rows * step - TILE_GAP
    )


def coverage_chart(months: Sequence[CoverageLine]) -> ColumnChart:
    """One column per month, as tall as the number of items published in it."""
    columns = [
        Column(
            value=line.items,
            title=ngettext("%(month)s: %(count)s item", "%(month)s: %(count)s items", line.items)
            % {"month": line.label, "count": line.items},
            axis_label=line.label.split()[0],
        )
        for line in months
    ]
    return column_chart(columns, width=720, height=260, left=40)
