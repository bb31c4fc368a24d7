"""Reads for the coalition's public pages, each a fixed number of queries.

Nothing here returns a person's details: public pages show organizations, alliances,
districts, public initiatives and counts of confirmed members, never who the members are.
"""

import unicodedata
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import QueryDict
from django.urls import reverse

from amicc.coalition.choices import Constituency, MembershipStatus
from amicc.coalition.geography import USState
from amicc.coalition.models import (
    Alliance,
    AllianceMembership,
    Initiative,
    MemberOrganization,
)
from amicc.coalition.tokens import SignupClaim, SignupKind
from amicc.core.page_cache import remember

SEARCH_MAX_LENGTH = 100


def _clean_search_text(raw: str) -> str:
    """The words of a search box, without control characters (PostgreSQL refuses NUL)."""
    printable = "".join(ch for ch in raw if unicodedata.category(ch) not in ("Cc", "Cs"))
    return " ".join(printable.split())[:SEARCH_MAX_LENGTH]


@dataclass(frozen=True)
class DirectoryFilters:
    """The member directory's filters from the query string; values it does not know are dropped."""

    query: str = ""
    constituency: str = ""
    state: str = ""

    @classmethod
    def from_query(cls, params: QueryDict) -> "DirectoryFilters":
        constituency = params.get("constituency", "")
        state = params.get("state", "").upper()
        return cls(
            query=_clean_search_text(params.get("q", "")),
            constituency=constituency if constituency in Constituency.values else "",
            state=state if state in USState.values else "",
        )

    @property
    def active(self) -> bool:
        return bool(self.query or self.constituency or self.state)


def organizations_for_directory(*, filters: DirectoryFilters) -> QuerySet[MemberOrganization]:
    """Listed active organizations matching the filters, by name.

    The text search is a case-insensitive substring match on name, city and description:
    any input is safe on SQLite and PostgreSQL alike, and a directory of a few thousand
    organizations is scanned in a millisecond or two.
    """
    organizations = MemberOrganization.objects.for_public_display().only(
        "name", "slug", "constituency", "city", "state"
    )
    if filters.constituency:
        organizations = organizations.filter(constituency=filters.constituency)
    if filters.state:
        organizations = organizations.filter(state=filters.state)
    for word in filters.query.split()[:8]:
        organizations = organizations.filter(
            Q(name__icontains=word) | Q(city__icontains=word) | Q(description__icontains=word)
        )
    return organizations.order_by("name", "pk")


def organization_for_public_page(*, slug: str) -> MemberOrganization | None:
    alliances = Alliance.objects.only("name", "slug", "city", "state").order_by("name")
    return (
        MemberOrganization.objects.for_public_display()
        .select_related("logo")
        .prefetch_related(Prefetch("founded_alliances", queryset=alliances))
        .filter(slug=slug)
        .first()
    )


def _with_member_count(alliances: QuerySet[Alliance]) -> QuerySet[Alliance]:
    """Counts confirmed members only: a pending sign-up is nobody's membership yet."""
    return alliances.annotate(
        member_count=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE))
    )


@dataclass(frozen=True)
class StateAlliances:
    state: str
    state_name: str
    alliances: list[Alliance]


MEMBER_COUNTS_SECONDS = 600


def active_member_counts() -> dict[int, int]:
    """Confirmed members per alliance, counted at most every ten minutes.

    Counting every membership takes tens of milliseconds at 200,000 people; the public
    pages that show these counts are themselves cached for as long.
    """
    return remember(
        "alliance-member-counts",
        lambda: dict(
            AllianceMembership.objects.filter(status=MembershipStatus.ACTIVE)
            .values_list("alliance")
            .annotate(count=Count("pk"))
            .order_by()
        ),
        MEMBER_COUNTS_SECONDS,
    )


def alliances_by_state() -> list[StateAlliances]:
    """Every alliance with its member count, grouped by state in the order of state names."""
    alliances = Alliance.objects.only("name", "slug", "city", "state", "status").order_by(
        "state", "name", "pk"
    )
    counts = active_member_counts()
    # One reverse() for the whole list rather than one per alliance (3 ms for 150).
    head, tail = reverse("coalition:alliance", kwargs={"slug": "0"}).rsplit("0", 1)
    grouped: dict[str, list[Alliance]] = {}
    for alliance in alliances:
        alliance.member_count = counts.get(alliance.pk, 0)
        alliance.public_url = f"{head}{alliance.slug}{tail}"
        grouped.setdefault(alliance.state, []).append(alliance)
    names = dict(USState.choices)
    groups = [StateAlliances(code, names.get(code, code), found) for code, found in grouped.items()]
    return sorted(groups, key=lambda group: group.state_name)


def alliance_for_public_page(*, slug: str) -> Alliance | None:
    founders = MemberOrganization.objects.for_public_display().only("name", "slug")
    return (
        _with_member_count(Alliance.objects.filter(slug=slug))
        .prefetch_related("districts", Prefetch("founding_organizations", queryset=founders))
        .first()
    )


def alliance_initiatives_public(*, alliance: Alliance) -> QuerySet[Initiative]:
    """The alliance's public initiatives, newest first, with their links."""
    return (
        Initiative.objects.for_public_display()
        .filter(alliance=alliance)
        .prefetch_related("links")
        .order_by("-date", "-pk")
    )


def alliances_in_state(*, state: str) -> list[Alliance]:
    return list(Alliance.objects.filter(state=state).only("name", "slug", "city", "state"))


def alliance_by_slug(*, slug: str) -> Alliance | None:
    return Alliance.objects.filter(slug=slug).first()


def signup_retry_url(*, claim: SignupClaim) -> str:
    """Where someone whose confirmation link expired can ask for a new one."""
    if claim.kind == SignupKind.MEMBERSHIP:
        membership = (
            AllianceMembership.objects.filter(pk=claim.pk).select_related("alliance").first()
        )
        if membership is not None:
            return reverse("coalition:alliance-join", kwargs={"slug": membership.alliance.slug})
    return reverse("coalition:alliance-nearest")
