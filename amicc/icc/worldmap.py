"""The world map of states by where they stand with the Rome Statute.

pygal's world map (pygal_maps_world) places each state in one series per status. Its
output carries a <style> element, inline `style=` attributes and a script, none of which
the Content Security Policy (`style-src 'self'`) lets a browser apply. So only the map
itself is kept, and each country is coloured by a `fill=` presentation attribute, which
no policy restricts: the drawing looks the same inline, as an image, printed or saved.

At some 780 kB the map is served from its own URL as `image/svg+xml` and shown with
<img>, so the overview stays light and browsers keep the map between visits.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from xml.etree import ElementTree

import pycountry
from pygal.maps.world import World

from amicc.core.page_cache import remember
from amicc.icc.choices import StatuteStatus

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
TITLE_ID = "icc-statute-map-title"
WIDTH = 990
HEIGHT = 555
SEA = "#f4f7fa"
BORDER = "#ffffff"

# One colour per status, in the order of the legend. Distinct in lightness as well as hue,
# so they stay apart for readers who do not see every colour; the table beside the map
# carries the same information without colour.
STATUS_FILLS: dict[StatuteStatus, str] = {
    StatuteStatus.PARTY: "#0b4f8a",
    StatuteStatus.SIGNATORY: "#8cc0e8",
    StatuteStatus.DECLARED_NON_PARTY: "#e0a100",
    StatuteStatus.WITHDRAWN: "#a3195b",
    StatuteStatus.NON_PARTY: "#d5dbe2",
}
STATUSES = list(STATUS_FILLS)

# Areas the map draws apart although the Statute binds them as part of a state's territory
# (France's overseas departments), or withholds it with that state (US and Chinese areas).
# Every other area without a record of its own is shaded as not a party.
PART_OF = {"gf": "fr", "re": "fr", "yt": "fr", "gu": "us", "pr": "us", "hk": "cn", "mo": "cn"}


@dataclass(frozen=True)
class MapState:
    iso_code: str  # ISO 3166-1 alpha-3, as StatuteState keeps it
    name: str
    status: StatuteStatus


def _areas(states: Iterable[MapState]) -> dict[str, tuple[str, StatuteStatus]]:
    """The name and status of every area the map draws, by its lower-case alpha-2 code."""
    known = {}
    for state in states:
        country = pycountry.countries.get(alpha_3=state.iso_code)
        if country is not None:
            known[country.alpha_2.lower()] = (state.name, state.status)
    areas = {}
    for code, map_name in World.area_names.items():
        owner = known.get(PART_OF.get(code, code))
        name = known[code][0] if code in known else map_name
        areas[code] = (name, owner[1] if owner else StatuteStatus.NON_PARTY)
    return areas


def _render(areas: dict[str, tuple[str, StatuteStatus]], title: str) -> str:
    chart = World(
        disable_xml_declaration=True,
        js=[],
        show_legend=False,
        show_tooltips=False,
        margin=0,
        width=WIDTH,
        height=HEIGHT,
    )
    for status in STATUSES:
        chart.add(
            str(status.label),
            [
                {"value": (code, 1), "tooltip": f"{name}: {status.label}"}
                for code, (name, area_status) in areas.items()
                if area_status == status
            ],
        )
    chart_tree = chart.render_tree()
    drawing = next(
        node
        for node in chart_tree.iter()
        if node is not chart_tree and node.tag == f"{{{SVG_NAMESPACE}}}svg"
    )
    for node in drawing.iter():
        node.tag = node.tag.rpartition("}")[2]
        node.attrib.pop("style", None)
        if node.tag == "path":
            node.attrib.pop("class", None)
        if node.tag == "g" and "map-element" in node.get("class", ""):
            code = node.get("class").split()[0]
            status = areas[code][1]
            node.set("class", f"{code} country {status.value}")
            node.set("fill", STATUS_FILLS[status])
            for child in list(node):
                if child.tag == "desc":
                    node.remove(child)
                child.attrib.pop("class", None)
    drawing.attrib.pop("version", None)
    drawing.set("xmlns", SVG_NAMESPACE)
    drawing.set("role", "img")
    drawing.set("aria-labelledby", TITLE_ID)
    drawing.set("stroke", BORDER)
    drawing.set("stroke-width", "0.8")
    heading = ElementTree.Element("title", id=TITLE_ID)
    heading.text = title
    sea = ElementTree.Element("rect", width="100%", height="100%", fill=SEA, stroke="none")
    drawing.insert(0, sea)
    drawing.insert(0, heading)
    # ElementTree escapes every name and label, so the markup is safe to serve as it is.
    return ElementTree.tostring(drawing, encoding="unicode")


def statute_map_version(states: Iterable[MapState]) -> str:
    """A short digest of what the map shows: it changes whenever the map would."""
    signature = "|".join(
        f"{code}:{name}:{status.value}" for code, (name, status) in sorted(_areas(states).items())
    )
    return hashlib.sha256(signature.encode()).hexdigest()[:16]


def statute_map_svg(states: Iterable[MapState], *, title: str) -> str:
    """The map as a standalone SVG document, rendered once per distinct map and title."""
    states = list(states)
    digest = hashlib.sha256(f"{statute_map_version(states)}:{title}".encode()).hexdigest()[:32]
    return remember(f"icc-statute-map:{digest}", lambda: _render(_areas(states), title))
