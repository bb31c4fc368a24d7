"""Members of Congress, who represents a ZIP code, and the watchlist of government action."""

import datetime
import enum

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from amicc.api.pagination import Pagination
from amicc.api.public.common import (
    DETAIL_ERRORS,
    LIST_ERRORS,
    ErrorOut,
    PlainText,
    SearchText,
    absolute,
    search_words,
    slug_path,
)
from amicc.coalition.geography import USState
from amicc.congress.choices import Chamber, Position, WatchlistKind, WatchlistStatus
from amicc.congress.models import Legislator, WatchlistItem, ZipDistrict
from amicc.congress.selectors import InvalidZipCode, normalize_zip, representatives_for_zip
from amicc.congress.views.watchlist import (
    WatchlistFilters,
    watchlist_item_for_public_page,
    watchlist_items_for_list,
    watchlist_timeline,
)

legislators_router = Router(tags=["Members of Congress"])
watchlist_router = Router(tags=["Watchlist"])

ZIP_MESSAGE = "Enter a ZIP code of five digits, such as 10017, or ZIP+4, such as 10017-1234."


class ChamberName(enum.StrEnum):
    SENATE = "senate"
    HOUSE = "house"


CHAMBER_CODES = {ChamberName.SENATE: Chamber.SENATE, ChamberName.HOUSE: Chamber.HOUSE}
CHAMBER_NAMES = {code: name for name, code in CHAMBER_CODES.items()}


class LegislatorOfficeOut(Schema):
    phone: str | None = Field(description="The Washington office's phone.")
    address: str | None = Field(description="The Washington office's address.")
    website: str | None
    contact_form: str | None = Field(description="Where to write to the member online.")


class LegislatorOut(Schema):
    bioguide_id: str = Field(description="The member's Bioguide id, e.g. S000148.")
    name: str = Field(description="The name as the member is known.")
    first_name: str
    last_name: str
    is_current: bool = Field(description="Whether the member serves now.")
    title: str = Field(description="Senator, Representative, Delegate or Resident Commissioner.")
    chamber: ChamberName | None = Field(description="Where the member serves now.")
    state: USState | None = Field(description="The state or territory the member represents.")
    district: int | None = Field(description="The House district; 0 at large, null for senators.")
    seat: str = Field(description='The seat in words: "New York, district 12".')
    party: str | None
    office: LegislatorOfficeOut | None = Field(description="How to reach the member's office.")
    url: str = Field(description="The member's page on the website, with their ICC record.")

    @staticmethod
    def resolve_name(member: Legislator) -> str:
        return member.display_name

    @staticmethod
    def resolve_chamber(member: Legislator) -> str | None:
        return CHAMBER_NAMES.get(member.current_chamber)

    @staticmethod
    def resolve_state(member: Legislator) -> str | None:
        return member.current_state or None

    @staticmethod
    def resolve_district(member: Legislator) -> int | None:
        return member.current_district

    @staticmethod
    def resolve_party(member: Legislator) -> str | None:
        return member.current_party or None

    @staticmethod
    def resolve_office(member: Legislator) -> dict | None:
        term = member.current_term if member.is_current else None
        if term is None:
            return None
        return {
            "phone": term.phone or None,
            "address": term.address or None,
            "website": term.url or None,
            "contact_form": term.contact_form or None,
        }

    @staticmethod
    def resolve_url(member: Legislator, context) -> str:
        path = reverse("congress:legislator", kwargs={"bioguide_id": member.bioguide_id})
        return absolute(context["request"], path)


class LegislatorFilters(Schema):
    state: USState | None = Field(None, description="Only members for this state or territory.")
    chamber: ChamberName | None = Field(None, description="Only members of this chamber.")
    party: PlainText | None = Field(
        None, max_length=50, description="Only members of this party, e.g. Democrat."
    )
    district: int | None = Field(None, ge=0, le=60, description="Only this House district.")
    q: SearchText | None = None


@legislators_router.get(
    "/legislators",
    response={200: list[LegislatorOut], **LIST_ERRORS},
    summary="List members of Congress",
    description="The members serving now, by last and first name.",
)
@paginate(Pagination)
def legislator_list(request: HttpRequest, filters: Query[LegislatorFilters]):
    members = Legislator.objects.current().select_related("current_term")
    if filters.state:
        members = members.filter(current_state=filters.state)
    if filters.chamber:
        members = members.filter(current_chamber=CHAMBER_CODES[filters.chamber])
    if filters.party:
        members = members.filter(current_party__iexact=filters.party)
    if filters.district is not None:
        members = members.filter(current_district=filters.district)
    for word in search_words(filters.q):
        members = members.filter(display_name__icontains=word)
    return members.order_by("last_name", "first_name", "bioguide_id", "pk")


@legislators_router.get(
    "/legislators/{bioguide_id}",
    response={200: LegislatorOut, **DETAIL_ERRORS},
    summary="Get a member of Congress",
    description="A member serving now or who served before.",
)
def legislator_detail(
    request: HttpRequest,
    bioguide_id: str = Path(
        ..., pattern=r"^[A-Za-z0-9]{1,10}$", description="The member's Bioguide id."
    ),
):
    member = (
        Legislator.objects.select_related("current_term").filter(bioguide_id=bioguide_id).first()
    )
    if member is None:
        raise Http404("No member of Congress has this Bioguide id.")
    return member


class ZipDistrictOut(Schema):
    state: USState
    district: int = Field(description="The district's number; 0 for an at-large seat.")
    label: str = Field(description='The district in words: "New York, district 12".')
    share: float | None = Field(
        description="The part of the ZIP code's land area in this district, when known."
    )
    representative: LegislatorOut | None = Field(description="Null while the seat is vacant.")


class ZipSenatorsOut(Schema):
    state: USState
    state_name: str
    senators: list[LegislatorOut]


class ZipRepresentativesOut(Schema):
    zip_code: str = Field(description="The five-digit ZIP code looked up.")
    districts: list[ZipDistrictOut] = Field(
        description="Every district the ZIP code lies in, the largest part first: a ZIP code "
        "can span several, and only the person's address tells which is theirs."
    )
    senators: list[ZipSenatorsOut] = Field(
        description="The senators of each state the ZIP code lies in; none for DC and the "
        "territories."
    )


@legislators_router.get(
    "/representatives",
    response={200: ZipRepresentativesOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Find the members of Congress for a ZIP code",
    description="The two senators and the House member of every district the ZIP code lies in.",
)
def representatives(
    request: HttpRequest,
    zip: str = Query(
        ...,
        max_length=20,
        description="Five digits, such as 10017, or ZIP+4, such as 10017-1234.",
    ),
):
    try:
        zip_code = normalize_zip(zip)
    except InvalidZipCode:
        raise HttpError(422, ZIP_MESSAGE) from None
    result = representatives_for_zip(zip_code)
    if not result.found:
        if not ZipDistrict.objects.exists():
            raise Http404("No ZIP code data is loaded on this site yet.")
        raise Http404(f"No congressional district is on record for ZIP code {zip_code}.")
    return {
        "zip_code": result.zip_code,
        "districts": [
            {
                "state": match.state,
                "district": match.district,
                "label": match.label,
                "share": match.share,
                "representative": match.representative,
            }
            for match in result.districts
        ],
        "senators": [
            {"state": group.state, "state_name": group.name, "senators": list(group.senators)}
            for group in result.senate
        ],
    }


class WatchlistItemOut(Schema):
    slug: str = Field(description="The item's identifier in URLs.")
    kind: WatchlistKind
    kind_label: str
    identifier: str = Field(description='How it is cited: "H.R. 23, 119th Congress".')
    title: str
    summary: str = Field(description="What it does, in plain words.")
    position: Position = Field(description="The coalition's position on it.")
    status: WatchlistStatus
    status_label: str
    status_note: str
    introduced_on: datetime.date | None = Field(description="Introduced, signed or issued.")
    last_action_on: datetime.date | None
    congress: int | None = Field(description="For bills and resolutions: 119 for the 119th.")
    url: str = Field(description="Its page on the website.")

    @staticmethod
    def resolve_kind_label(item: WatchlistItem) -> str:
        return item.get_kind_display()

    @staticmethod
    def resolve_status_label(item: WatchlistItem) -> str:
        return item.get_status_display()

    @staticmethod
    def resolve_url(item: WatchlistItem, context) -> str:
        return absolute(context["request"], item.get_absolute_url())


class WatchlistLinkOut(Schema):
    title: str
    url: str


class WatchlistStepOut(Schema):
    date: datetime.date
    text: str
    source_url: str | None
    vote: str | None = Field(description='For a vote: "Senate vote: failed, roll call 22".')


class WatchlistBillOut(Schema):
    label: str = Field(description='"H.R. 23 (119th Congress)".')
    sponsor: str | None
    sponsor_bioguide_id: str | None
    cosponsors: int = Field(description="Cosponsors who have not withdrawn.")


class WatchlistRelatedOut(Schema):
    slug: str
    identifier: str
    title: str


class WatchlistItemDetailOut(WatchlistItemOut):
    rationale: str = Field(description="Why the coalition takes its position.")
    citation: str
    bill: WatchlistBillOut | None = Field(
        description="The imported bill, for bills and resolutions."
    )
    timeline: list[WatchlistStepOut] = Field(description="Dated steps, oldest first.")
    links: list[WatchlistLinkOut] = Field(description="Sources and further reading.")
    related_items: list[WatchlistRelatedOut]

    @staticmethod
    def resolve_bill(item: WatchlistItem) -> dict | None:
        bill = item.bill
        if bill is None:
            return None
        sponsor = bill.sponsor
        return {
            "label": bill.label,
            "sponsor": sponsor.display_name if sponsor else (bill.sponsor_name or None),
            "sponsor_bioguide_id": (sponsor.bioguide_id if sponsor else None)
            or bill.sponsor_bioguide_id
            or None,
            "cosponsors": item.active_cosponsors,
        }

    @staticmethod
    def resolve_timeline(item: WatchlistItem) -> list[dict]:
        return [
            {
                "date": step.day,
                "text": step.text,
                "source_url": step.source_url or None,
                "vote": step.vote_summary if step.is_vote else None,
            }
            for step in watchlist_timeline(item)
        ]


class WatchlistQuery(Schema):
    kind: WatchlistKind | None = Field(None, description="Only items of this kind.")
    status: WatchlistStatus | None = Field(None, description="Only items in this status.")
    position: Position | None = Field(None, description="Only items the coalition takes this on.")
    congress: int | None = Field(None, ge=1, le=999, description="Only items of this Congress.")


@watchlist_router.get(
    "",
    response={200: list[WatchlistItemOut], **LIST_ERRORS},
    summary="List the watchlist",
    description="Bills, executive orders and other US government action on the ICC that the "
    "coalition follows, the latest action first.",
)
@paginate(Pagination)
def watchlist_list(request: HttpRequest, filters: Query[WatchlistQuery]):
    items = watchlist_items_for_list(filters=WatchlistFilters(**filters.dict()))
    return items.defer(None)


@watchlist_router.get(
    "/{slug:slug}",
    response={200: WatchlistItemDetailOut, **DETAIL_ERRORS},
    summary="Get a watchlist item",
    description="An item with its timeline (the linked bill's actions included) and sources.",
)
def watchlist_detail(request: HttpRequest, slug: str = slug_path("The item's slug.")):
    item = watchlist_item_for_public_page(slug=slug)
    if item is None:
        raise Http404("No published watchlist item has this slug.")
    return item
