"""A tile-grid map of the United States: one square per state, laid out roughly where it lies.

Equal squares keep small states (Rhode Island, Delaware, DC) as visible as large ones,
which suits a map that counts alliances rather than showing territory. The template
`coalition/_tile_map.html` draws the SVG from the tiles computed here.
"""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from amicc.coalition.geography import USState
from amicc.core.page_cache import remember

TILE_SIZE = 46
TILE_GAP = 4

# (column, row) of each tile: the continental states in the familiar tile-grid layout,
# Alaska and Hawaii at the left, the territories along the bottom.
TILE_POSITIONS: dict[str, tuple[int, int]] = {
    "AK": (0, 0), "ME": (10, 0),
    "VT": (9, 1), "NH": (10, 1),
    "WA": (0, 2), "ID": (1, 2), "MT": (2, 2), "ND": (3, 2), "MN": (4, 2), "IL": (5, 2),
    "WI": (6, 2), "MI": (7, 2), "NY": (8, 2), "RI": (9, 2), "MA": (10, 2),
    "OR": (0, 3), "NV": (1, 3), "WY": (2, 3), "SD": (3, 3), "IA": (4, 3), "IN": (5, 3),
    "OH": (6, 3), "PA": (7, 3), "NJ": (8, 3), "CT": (9, 3),
    "CA": (0, 4), "UT": (1, 4), "CO": (2, 4), "NE": (3, 4), "MO": (4, 4), "KY": (5, 4),
    "WV": (6, 4), "VA": (7, 4), "MD": (8, 4), "DE": (9, 4),
    "AZ": (1, 5), "NM": (2, 5), "KS": (3, 5), "AR": (4, 5), "TN": (5, 5), "NC": (6, 5),
    "SC": (7, 5), "DC": (8, 5),
    "OK": (3, 6), "LA": (4, 6), "MS": (5, 6), "AL": (6, 6), "GA": (7, 6),
    "HI": (0, 7), "TX": (3, 7), "FL": (8, 7), "PR": (10, 7),
    "GU": (0, 8), "MP": (1, 8), "AS": (2, 8), "VI": (10, 8),
}  # fmt: skip


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    column: int
    row: int
    count: int

    @property
    def x(self) -> int:
        return self.column * (TILE_SIZE + TILE_GAP)

    @property
    def y(self) -> int:
        return self.row * (TILE_SIZE + TILE_GAP)

    @property
    def center_x(self) -> int:
        return self.x + TILE_SIZE // 2

    @property
    def code_y(self) -> int:
        """The baseline of the state code: higher in the tile when a count sits below it."""
        return self.y + (TILE_SIZE * 4 // 10 if self.count else TILE_SIZE * 6 // 10)

    @property
    def count_y(self) -> int:
        return self.y + TILE_SIZE * 8 // 10

    @property
    def label(self) -> str:
        if not self.count:
            return _("%(state)s: no alliance yet") % {"state": self.name}
        return ngettext(
            "%(state)s: %(count)s alliance", "%(state)s: %(count)s alliances", self.count
        ) % {"state": self.name, "count": self.count}


@dataclass(frozen=True)
class TileMap:
    tiles: list[Tile]
    width: int
    height: int
    size: int = TILE_SIZE


def tile_map(alliance_counts: Mapping[str, int]) -> TileMap:
    """Every state's tile with the number of alliances in it (zero for the rest)."""
    names = dict(USState.choices)
    tiles = [
        Tile(code, names[code], column, row, alliance_counts.get(code, 0))
        for code, (column, row) in TILE_POSITIONS.items()
    ]
    columns = max(column for column, _ in TILE_POSITIONS.values()) + 1
    rows = max(row for _, row in TILE_POSITIONS.values()) + 1
    step = TILE_SIZE + TILE_GAP
    return TileMap(tiles=tiles, width=columns * step - TILE_GAP, height=rows * step - TILE_GAP)


def tile_map_svg(alliance_counts: Mapping[str, int]) -> SafeString:
    """The map as SVG markup, rendered once for each distinct set of counts.

    Some 600 numbers go through the template engine for one map: 10 ms a render. The
    labels are in the active language, hence one map per language.
    """
    signature = ",".join(f"{code}{count}" for code, count in sorted(alliance_counts.items()))
    digest = hashlib.sha256(signature.encode()).hexdigest()[:32]
    return mark_safe(  # noqa: S308 - rendered by the template engine, escaped there
        remember(
            f"alliance-tile-map:{get_language()}:{digest}",
            lambda: render_to_string(
                "coalition/_tile_map.html", {"tile_map": tile_map(alliance_counts)}
            ),
        )
    )
