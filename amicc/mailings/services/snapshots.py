"""The personalization snapshot stored with each newsletter delivery (`Delivery.context`).

    {"name": "Ada Lovelace", "alliance": "New York City Alliance" or "",
     "district": "NY-10" or "",
     "representatives": [{"name", "role", "party", "phone", "url"}, ...]}

The district and the House member are given only when the person's ZIP code lies in one
district; a ZIP split between districts of one state still gives the state's senators.
Members of Congress are read once per send and ZIP codes once per chunk, never per person.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from amicc.coalition.choices import MembershipStatus
from amicc.coalition.geography import DELEGATE_ONLY
from amicc.coalition.models import AllianceMembership
from amicc.congress.choices import Chamber
from amicc.congress.models import Legislator, ZipDistrict


class Addressee(Protocol):
    person_id: int
    name: str
    zip_code: str
    state: str


def district_code(state: str, district: int) -> str:
    return f"{state}-{'AL' if district == 0 else district}"


def _member(legislator: Legislator) -> dict[str, str]:
    term = legislator.current_term
    return {
        "name": legislator.display_name,
        "role": legislator.title,
        "party": legislator.current_party,
        "phone": term.phone if term else "",
        "url": term.url if term else "",
    }


@dataclass
class SnapshotMaps:
    """What every snapshot of one send draws on: members of Congress by seat."""

    # The alliance named in every snapshot (an alliance list's own), or None: each
    # person's active membership.
    alliance_name: str | None = None
    senators: dict[str, list[dict]] = field(default_factory=dict)
    house: dict[tuple[str, int], dict] = field(default_factory=dict)

    @classmethod
    def load(cls, *, alliance_name: str | None = None) -> "SnapshotMaps":
        maps = cls(alliance_name=alliance_name)
        members = (
            Legislator.objects.current()
            .select_related("current_term")
            .order_by("last_name", "first_name", "pk")
        )
        for member in members:
            if member.current_chamber == Chamber.SENATE:
                maps.senators.setdefault(member.current_state, []).append(_member(member))
            else:
                maps.house[(member.current_state, member.current_district)] = _member(member)
        return maps

    def place(self, parts: list[tuple[str, int]], state: str) -> tuple[str, list[dict]]:
        """The district code and members for a ZIP's (state, district) parts."""
        if len(parts) == 1:
            seat = parts[0]
            house = [self.house[seat]] if seat in self.house else []
            return district_code(*seat), self._senate(seat[0]) + house
        states = {part[0] for part in parts}
        if len(states) == 1 or state in states:
            return "", self._senate(state if state in states else states.pop())
        return "", []

    def _senate(self, state: str) -> list[dict]:
        return [] if state in DELEGATE_ONLY else list(self.senators.get(state, []))


def _zip5(zip_code: str) -> str:
    head = zip_code.strip()[:5]
    return head if len(head) == 5 and head.isdigit() else ""


def snapshot_contexts(people: Sequence[Addressee], maps: SnapshotMaps) -> dict[int, dict]:
    """person id → snapshot, for a chunk of people: two queries at most."""
    zips = {_zip5(person.zip_code) for person in people} - {""}
    parts: dict[str, list[tuple[str, int]]] = defaultdict(list)
    if zips:
        rows = ZipDistrict.objects.filter(zcta__in=zips).order_by()
        for zcta, state, district in rows.values_list("zcta", "state", "district"):
            parts[zcta].append((state, district))
    alliances = _alliance_names([person.person_id for person in people], maps)
    contexts = {}
    for person in people:
        zip_parts = parts.get(_zip5(person.zip_code))
        district, members = maps.place(zip_parts, person.state) if zip_parts else ("", [])
        contexts[person.person_id] = {
            "name": person.name,
            "alliance": alliances.get(person.person_id, ""),
            "district": district,
            "representatives": members,
        }
    return contexts


def _alliance_names(person_ids: list[int], maps: SnapshotMaps) -> dict[int, str]:
    if maps.alliance_name is not None:
        return dict.fromkeys(person_ids, maps.alliance_name)
    names: dict[int, str] = {}
    memberships = (
        AllianceMembership.objects.filter(person_id__in=person_ids, status=MembershipStatus.ACTIVE)
        .order_by("confirmed_at", "pk")
        .values_list("person_id", "alliance__name")
    )
    for person_id, name in memberships:
        names.setdefault(person_id, name)
    return names
