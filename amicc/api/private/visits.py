"""Office visits: meetings with legislators' offices. Who was met stays internal.

Coordinators' keys reach their own alliances' visits, staff keys every visit. Writes are
checked by the admin's office visit form (a visit has happened, the office is named the
way its kind needs, follow-ups come after the visit) and saved by the visits service,
which copies the member's seat and records the change in the audit log.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from amicc.api.auth import KEY_AUTH, key_owner
from amicc.api.pagination import Pagination
from amicc.api.private.common import (
    LIST_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    BodyId,
    Day,
    Input,
    QueryBool,
    RecordId,
    Ref,
    admin_form,
    body_int,
    form_checked,
    form_value,
    found,
    id_path,
    in_reach,
    may_write,
    owner_may,
    refused,
    text,
)
from amicc.coalition.geography import USState
from amicc.congress.choices import OfficeKind
from amicc.congress.models import OfficeVisit
from amicc.congress.services.visits import EDITABLE_FIELDS, office_visit_log, office_visit_update

router = Router(auth=KEY_AUTH, tags=["Office visits"])

MAX_ATTENDEES = 32767  # the column's largest value


class LegislatorRef(Schema):
    id: int
    bioguide_id: str
    name: str

    @staticmethod
    def resolve_name(legislator) -> str:
        return legislator.display_name


class OfficeVisitOut(Schema):
    id: int
    alliance: Ref | None = Field(description="Null for a visit by the coalition's staff.")
    visited_on: datetime.date
    office_kind: OfficeKind
    legislator: LegislatorRef | None = Field(description="For a congressional office.")
    state_office: str = Field(description="For a state legislative office.")
    state: USState = Field(description="The state of the seat the office serves.")
    district: int | None = Field(description="The congressional district; null for a senator.")
    people_met: str = Field(description="Internal: never shown publicly.")
    attendees: int = Field(description="People from the coalition who attended.")
    asks: str
    outcome: str
    follow_up_on: datetime.date | None = Field(description="Follow up by this day.")
    followed_up_on: datetime.date | None
    created_at: datetime.datetime


LongText = text(20_000)
Attendees = body_int(ge=1, le=MAX_ATTENDEES)


class OfficeVisitIn(Input):
    alliance: BodyId | None = Field(
        None, description="The owner's alliance that made the visit; only staff may omit it."
    )
    visited_on: Day
    office_kind: OfficeKind
    legislator: BodyId | None = Field(None, description="A serving member of Congress's id.")
    state_office: text(200) = ""
    state: USState | None = Field(None, description="For a state legislative office.")
    people_met: text(20_000, min_length=1)
    attendees: Attendees
    asks: text(20_000, min_length=1)
    outcome: LongText = ""
    follow_up_on: Day | None = None
    followed_up_on: Day | None = None


class OfficeVisitChange(Input):
    """Only the fields sent change."""

    alliance: BodyId | None = None
    visited_on: Day = None
    office_kind: OfficeKind = None
    legislator: BodyId | None = None
    state_office: text(200) = None
    state: USState | None = None
    people_met: text(20_000, min_length=1) = None
    attendees: Attendees = None
    asks: text(20_000, min_length=1) = None
    outcome: LongText = None
    follow_up_on: Day | None = None
    followed_up_on: Day | None = None


class OfficeVisitFilters(Schema):
    alliance: RecordId | None = None
    office_kind: OfficeKind | None = None
    state: USState | None = None
    legislator: RecordId | None = None
    visited_from: Day | None = Field(None, description="On or after this day.")
    visited_to: Day | None = Field(None, description="On or before this day.")
    follow_up_open: QueryBool | None = Field(
        None, description="True: a follow-up is planned and not done yet."
    )


def _visits(request: HttpRequest):
    return in_reach(request, OfficeVisit).select_related("alliance", "legislator")


@router.get("", response={200: list[OfficeVisitOut], **LIST_ERRORS}, summary="List office visits")
@paginate(Pagination)
def list_office_visits(request: HttpRequest, filters: Query[OfficeVisitFilters]):
    """The visits the key's owner reaches, the latest first."""
    owner_may(request, OfficeVisit, "view")
    visits = _visits(request)
    for name in ("alliance", "office_kind", "state", "legislator"):
        if (value := getattr(filters, name)) is not None:
            visits = visits.filter(**{name: value})
    if filters.visited_from is not None:
        visits = visits.filter(visited_on__gte=filters.visited_from)
    if filters.visited_to is not None:
        visits = visits.filter(visited_on__lte=filters.visited_to)
    if filters.follow_up_open is not None:
        open_follow_up = Q(follow_up_on__isnull=False, followed_up_on__isnull=True)
        visits = visits.filter(open_follow_up if filters.follow_up_open else ~open_follow_up)
    return visits.order_by("-visited_on", "-pk")


@router.get("/{visit_id}", response={200: OfficeVisitOut, **READ_ERRORS}, summary="Get a visit")
def get_office_visit(request: HttpRequest, visit_id: int = id_path("visit")):
    owner_may(request, OfficeVisit, "view")
    return found(_visits(request), visit_id)


def _checked_form(request: HttpRequest, values: dict, instance: OfficeVisit):
    data = {name: form_value(values.get(name)) for name in EDITABLE_FIELDS}
    return form_checked(admin_form(OfficeVisit, request, data=data, instance=instance))


def _form_values(form) -> dict:
    # What the admin's views hand the service: the form's cleaned editable fields.
    return {name: form.cleaned_data[name] for name in EDITABLE_FIELDS if name in form.fields}


@router.post("", response={201: OfficeVisitOut, **WRITE_ERRORS}, summary="Log an office visit")
def create_office_visit(request: HttpRequest, payload: OfficeVisitIn):
    """Needs a read-write key whose owner may add visits, for an alliance they run."""
    may_write(request, OfficeVisit, "add")
    form = _checked_form(request, payload.model_dump(), OfficeVisit())
    try:
        visit = office_visit_log(by=key_owner(request), **_form_values(form))
    except ValidationError as error:
        raise refused(error) from error
    return Status(201, _visits(request).get(pk=visit.pk))


@router.patch(
    "/{visit_id}", response={200: OfficeVisitOut, **WRITE_ERRORS}, summary="Change an office visit"
)
def update_office_visit(
    request: HttpRequest, payload: OfficeVisitChange, visit_id: int = id_path("visit")
):
    """Change the fields sent. Needs a read-write key whose owner may change visits."""
    may_write(request, OfficeVisit, "change")
    visit = found(_visits(request), visit_id)
    values = {
        **{name: getattr(visit, name) for name in EDITABLE_FIELDS},
        "alliance": visit.alliance_id,
        "legislator": visit.legislator_id,
        **payload.model_dump(exclude_unset=True),
    }
    form = _checked_form(request, values, visit)
    try:
        visit = office_visit_update(visit=visit, by=key_owner(request), data=_form_values(form))
    except ValidationError as error:
        raise refused(error) from error
    return _visits(request).get(pk=visit.pk)
