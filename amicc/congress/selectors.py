"""Reads of the congress app: who represents a ZIP code, which parties serve."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext

from amicc.coalition.geography import DELEGATE_ONLY, USState
from amicc.coalition.geography_zip import zip_normalize
from amicc.congress.choices import Chamber
from amicc.congress.models import (
    Legislator,
    ZipDistrict,
    district_label,
)


def current_parties() -> list[str]:
    """The parties of the members serving now, in alphabetical order."""
    return list(
        Legislator.objects.current()
        .exclude(current_party="")
        .order_by("current_party")
        .values_list("current_party", flat=True)
        .distinct()
    )


class InvalidZipCode(ValueError):
    """Not a ZIP code: five digits, optionally followed by four more (ZIP+4)."""


def normalize_zip(raw: str) -> str:
    """The five-digit ZIP code in "12345", "12345-6789" or "123456789" (spaces ignored)."""
    normalized = zip_normalize(raw)
    if normalized is None:
        raise InvalidZipCode(raw)
    return normalized[:5]


@dataclass(frozen=True)
class DistrictMatch:
    """A district the ZIP code lies in, wholly or in part, and its member of the House."""

    state: str
    district: int
    share: float | None
    representative: Legislator | None
    # What `district=` takes to pick this district: "12", or "AZ-2" when the ZIP spans states.
    choice: str

    @property
    def label(self) -> str:
        return district_label(self.state, self.district)

    @property
    def share_text(self) -> str:
        if self.share is None:
            return ""
        if self.share < 0.005:
            return gettext("less than %(percent)s%% of the ZIP code's land area") % {"percent": 1}
        return gettext("about %(percent)s%% of the ZIP code's land area") % {
            "percent": round(self.share * 100)
        }


@dataclass(frozen=True)
class StateSenators:
    state: str
    senators: tuple[Legislator, ...]

    @property
    def name(self) -> str:
        return USState(self.state).label


@dataclass(frozen=True)
class LookupResult:
    """The members of Congress for a ZIP code; `found` is False for a ZIP with no district."""

    zip_code: str
    districts: tuple[DistrictMatch, ...] = ()
    senate: tuple[StateSenators, ...] = ()
    # The district the person picked, when it is one of the ZIP's.
    chosen: DistrictMatch | None = None
    requested_district: int | None = None

    @property
    def found(self) -> bool:
        return bool(self.districts)

    @property
    def is_split(self) -> bool:
        return len(self.districts) > 1

    @property
    def narrowing_failed(self) -> bool:
        """A district was asked for that the ZIP code does not lie in."""
        return self.requested_district is not None and self.chosen is None

    @property
    def shows_shares(self) -> bool:
        return any(match.share is not None for match in self.districts)

    @property
    def shown_districts(self) -> tuple[DistrictMatch, ...]:
        return (self.chosen,) if self.chosen else self.districts

    @property
    def shown_senate(self) -> tuple[StateSenators, ...]:
        """The senators of the chosen district's state, else of every state of the ZIP."""
        if self.chosen:
            return tuple(group for group in self.senate if group.state == self.chosen.state)
        return self.senate

    @property
    def delegate_only_states(self) -> tuple[USState, ...]:
        """DC and the territories among the shown districts: a delegate and no senators."""
        codes = dict.fromkeys(m.state for m in self.shown_districts if m.state in DELEGATE_ONLY)
        return tuple(USState(code) for code in codes)


def representatives_for_zip(
    zip_code: str, district: int | None = None, *, state: str | None = None
) -> LookupResult:
    """The senators and House members for a ZIP code, in two queries.

    Every district the ZIP lies in is listed, the largest share first, so a person in a
    split ZIP sees every candidate; `district` (and `state`, for a ZIP that spans states)
    picks one of them. Raises InvalidZipCode for what is not a ZIP code.
    """
    zcta = normalize_zip(zip_code)
    # Sorted here rather than in SQL: a handful of rows, and a cheaper query to build.
    parts = list(
        ZipDistrict.objects.filter(zcta=zcta)
        .order_by()
        .values_list("state", "district", "share", "rank")
    )
    if not parts:
        return LookupResult(zip_code=zcta, requested_district=district)
    parts.sort(key=lambda part: (part[3] is None, part[3] or 0, part[0], part[1]))
    states = list(dict.fromkeys(part[0] for part in parts))

    members = (
        Legislator.objects.filter(
            Q(current_chamber=Chamber.SENATE)
            | Q(current_chamber=Chamber.HOUSE, current_district__in={part[1] for part in parts}),
            is_current=True,
            current_state__in=states,
        )
        .select_related("current_term")
        .order_by()
    )
    senators: dict[str, list[Legislator]] = {code: [] for code in states}
    seats: dict[tuple[str, int], Legislator] = {}
    for member in members:
        if member.current_chamber == Chamber.SENATE:
            senators[member.current_state].append(member)
        else:
            seats[(member.current_state, member.current_district)] = member

    spans_states = len(states) > 1
    districts = tuple(
        DistrictMatch(
            state=code,
            district=number,
            share=share,
            representative=seats.get((code, number)),
            choice=f"{code}-{number}" if spans_states else str(number),
        )
        for code, number, share, _rank in parts
    )
    picked = [
        m for m in districts if m.district == district and (state is None or m.state == state)
    ]
    return LookupResult(
        zip_code=zcta,
        districts=districts,
        senate=tuple(
            StateSenators(state=code, senators=tuple(sorted(found, key=_by_name)))
            for code, found in senators.items()
            if code not in DELEGATE_ONLY
        ),
        chosen=picked[0] if district is not None and len(picked) == 1 else None,
        requested_district=district,
    )


def _by_name(member: Legislator) -> tuple[str, str]:
    return (member.last_name, member.first_name)
