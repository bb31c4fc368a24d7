"""Local alliances and member organizations: what their public pages show, never people."""

import datetime

from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from amicc.api.pagination import Pagination
from amicc.api.public.common import (
    DETAIL_ERRORS,
    LIST_ERRORS,
    NamedRefOut,
    SearchText,
    absolute,
    search_words,
    slug_path,
)
from amicc.coalition.choices import AllianceStatus, Constituency
from amicc.coalition.geography import USState
from amicc.coalition.models import Alliance, AllianceDistrict, MemberOrganization
from amicc.coalition.selectors import active_member_counts

alliances_router = Router(tags=["Alliances"])
organizations_router = Router(tags=["Member organizations"])


class AllianceDistrictOut(Schema):
    state: USState
    number: int = Field(description="The district's number; 0 for an at-large seat.")
    code: str = Field(description='"NY-12", or "WY-AL" for an at-large seat.')


class AllianceOut(Schema):
    name: str
    slug: str = Field(description="The alliance's identifier in URLs.")
    city: str
    state: USState
    status: AllianceStatus
    founded_on: datetime.date | None
    description: str
    member_count: int = Field(description="Confirmed members (a count only, never who).")
    districts: list[AllianceDistrictOut] = Field(
        description="The congressional districts it covers."
    )
    url: str = Field(description="Its page on the website.")

    @staticmethod
    def resolve_member_count(alliance: Alliance, context) -> int:
        return _member_counts(context["request"]).get(alliance.pk, 0)

    @staticmethod
    def resolve_url(alliance: Alliance, context) -> str:
        return absolute(context["request"], alliance.get_absolute_url())


class AllianceDetailOut(AllianceOut):
    founding_organizations: list[NamedRefOut] = Field(
        description="Listed member organizations that helped form it."
    )


class AllianceFilters(Schema):
    state: USState | None = Field(None, description="Only alliances based in this state.")
    status: AllianceStatus | None = Field(None, description="Only alliances in this status.")


def _alliances():
    districts = AllianceDistrict.objects.order_by("state", "number", "pk")
    return Alliance.objects.prefetch_related(Prefetch("districts", queryset=districts))


def _member_counts(request: HttpRequest) -> dict[int, int]:
    """Confirmed members per alliance, read once per request (and counted every ten minutes
    for the whole site, as the alliance pages do)."""
    if not hasattr(request, "_alliance_member_counts"):
        request._alliance_member_counts = active_member_counts()
    return request._alliance_member_counts


@alliances_router.get(
    "",
    response={200: list[AllianceOut], **LIST_ERRORS},
    summary="List local alliances",
    description="Every local alliance, by state and name.",
)
@paginate(Pagination)
def alliance_list(request: HttpRequest, filters: Query[AllianceFilters]):
    alliances = _alliances().order_by("state", "name", "pk")
    if filters.state:
        alliances = alliances.filter(state=filters.state)
    if filters.status:
        alliances = alliances.filter(status=filters.status)
    return alliances


@alliances_router.get(
    "/{slug:slug}",
    response={200: AllianceDetailOut, **DETAIL_ERRORS},
    summary="Get a local alliance",
)
def alliance_detail(request: HttpRequest, slug: str = slug_path("The alliance's slug.")):
    founders = MemberOrganization.objects.for_public_display().order_by("name", "pk")
    alliance = (
        _alliances()
        .prefetch_related(Prefetch("founding_organizations", queryset=founders))
        .filter(slug=slug)
        .first()
    )
    if alliance is None:
        raise Http404("No alliance has this slug.")
    return alliance


class OrganizationOut(Schema):
    name: str
    slug: str = Field(description="The organization's identifier in URLs.")
    constituency: Constituency = Field(description="What kind of organization it is.")
    constituency_label: str = Field(description="The kind, in words.")
    city: str
    state: USState | None
    website: str | None
    description: str
    member_since: int | None = Field(description="The year it joined the coalition.")
    url: str = Field(description="Its page on the website.")

    @staticmethod
    def resolve_constituency_label(organization: MemberOrganization) -> str:
        return organization.get_constituency_display()

    @staticmethod
    def resolve_state(organization: MemberOrganization) -> str | None:
        return organization.state or None

    @staticmethod
    def resolve_website(organization: MemberOrganization) -> str | None:
        return organization.website or None

    @staticmethod
    def resolve_member_since(organization: MemberOrganization) -> int | None:
        return organization.joined_on.year if organization.joined_on else None

    @staticmethod
    def resolve_url(organization: MemberOrganization, context) -> str:
        return absolute(context["request"], organization.get_absolute_url())


class OrganizationDetailOut(OrganizationOut):
    founded_alliances: list[NamedRefOut] = Field(description="Alliances it helped form.")


class OrganizationFilters(Schema):
    constituency: Constituency | None = Field(None, description="Only this kind.")
    state: USState | None = Field(None, description="Only organizations based in this state.")
    q: SearchText | None = None


ORGANIZATION_FIELDS = (
    "name", "slug", "constituency", "city", "state", "website", "description", "joined_on",
)  # fmt: skip


@organizations_router.get(
    "",
    response={200: list[OrganizationOut], **LIST_ERRORS},
    summary="List member organizations",
    description="Active member organizations listed in the public directory, by name. `q` "
    "looks in the name, city and description.",
)
@paginate(Pagination)
def organization_list(request: HttpRequest, filters: Query[OrganizationFilters]):
    organizations = MemberOrganization.objects.for_public_display().only(*ORGANIZATION_FIELDS)
    if filters.constituency:
        organizations = organizations.filter(constituency=filters.constituency)
    if filters.state:
        organizations = organizations.filter(state=filters.state)
    for word in search_words(filters.q):
        organizations = organizations.filter(
            Q(name__icontains=word) | Q(city__icontains=word) | Q(description__icontains=word)
        )
    return organizations.order_by("name", "pk")


@organizations_router.get(
    "/{slug:slug}",
    response={200: OrganizationDetailOut, **DETAIL_ERRORS},
    summary="Get a member organization",
)
def organization_detail(request: HttpRequest, slug: str = slug_path("The organization's slug.")):
    alliances = Alliance.objects.only("name", "slug").order_by("name", "pk")
    organization = (
        MemberOrganization.objects.for_public_display()
        .only(*ORGANIZATION_FIELDS)
        .prefetch_related(Prefetch("founded_alliances", queryset=alliances))
        .filter(slug=slug)
        .first()
    )
    if organization is None:
        raise Http404("No listed member organization has this slug.")
    return organization
