"""Initiatives: what alliances did. Coordinators' keys reach their own alliances' only.

Writes are the admin's: its initiative form (alliances and partner organizations narrowed
to the owner's choices) and Wagtail's create and edit actions, which save through the
form and record `wagtail.create` / `wagtail.edit` in the audit log.
"""

import datetime

from django.db import transaction
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import Field
from wagtail.actions import action_registry

from amicc.api.auth import KEY_AUTH, key_owner
from amicc.api.pagination import Pagination
from amicc.api.private.common import (
    LIST_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    BodyBool,
    BodyId,
    Day,
    Input,
    QueryBool,
    RecordId,
    Ref,
    SearchText,
    admin_form,
    body_int,
    form_checked,
    form_value,
    found,
    id_path,
    in_reach,
    may_write,
    owner_may,
    text,
)
from amicc.coalition.choices import InitiativeType
from amicc.coalition.models import Initiative, InitiativeLink

router = Router(auth=KEY_AUTH, tags=["Initiatives"])

FIELDS = (
    "alliance", "initiative_type", "date", "title", "description", "reach",
    "partner_organizations", "outcome", "is_public",
)  # fmt: skip
MAX_REACH = 2_147_483_647  # the column's largest value
# What the admin's URL field accepts, narrowed to web addresses with a named host.
URL_PATTERN = (
    r"^https?://([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}([/?#][^\s]*)?$"
)


class InitiativeLinkIn(Input):
    url: text(200, pattern=URL_PATTERN, description="An address starting with https://.")
    label: text(200) = ""


Title = text(200, min_length=1)
LongText = text(20_000)
Reach = body_int(ge=0, le=MAX_REACH)


class InitiativeLinkOut(Schema):
    url: str
    label: str


class InitiativeOut(Schema):
    id: int
    alliance: Ref
    initiative_type: InitiativeType
    date: datetime.date
    title: str
    description: str
    reach: int | None = Field(description="People who took part or were reached.")
    partner_organizations: list[Ref]
    outcome: str
    is_public: bool = Field(description="Shown on the alliance's public page.")
    links: list[InitiativeLinkOut]
    created_at: datetime.datetime
    updated_at: datetime.datetime


class InitiativeIn(Input):
    alliance: BodyId = Field(description="One of the alliances the key's owner runs.")
    initiative_type: InitiativeType
    date: Day
    title: Title
    description: LongText = ""
    reach: Reach | None = None
    partner_organizations: list[BodyId] = Field([], max_length=50)
    outcome: LongText = ""
    is_public: BodyBool = False
    links: list[InitiativeLinkIn] = Field([], max_length=20)


class InitiativeChange(Input):
    """Only the fields sent change; `links`, when sent, replaces every link."""

    alliance: BodyId = None
    initiative_type: InitiativeType = None
    date: Day = None
    title: Title = None
    description: LongText = None
    reach: Reach | None = None
    partner_organizations: list[BodyId] = Field(None, max_length=50)
    outcome: LongText = None
    is_public: BodyBool = None
    links: list[InitiativeLinkIn] = Field(None, max_length=20)


class InitiativeFilters(Schema):
    alliance: RecordId | None = None
    initiative_type: InitiativeType | None = None
    date_from: Day | None = Field(None, description="On or after this day.")
    date_to: Day | None = Field(None, description="On or before this day.")
    is_public: QueryBool | None = None
    search: SearchText | None = Field(None, description="Part of the title, in any case.")


def _initiatives(request: HttpRequest):
    return (
        in_reach(request, Initiative)
        .select_related("alliance")
        .prefetch_related("partner_organizations", "links")
    )


@router.get("", response={200: list[InitiativeOut], **LIST_ERRORS}, summary="List initiatives")
@paginate(Pagination)
def list_initiatives(request: HttpRequest, filters: Query[InitiativeFilters]):
    """The initiatives of the alliances the key's owner reaches, the latest first."""
    owner_may(request, Initiative, "view")
    initiatives = _initiatives(request)
    if filters.alliance is not None:
        initiatives = initiatives.filter(alliance=filters.alliance)
    if filters.initiative_type is not None:
        initiatives = initiatives.filter(initiative_type=filters.initiative_type)
    if filters.date_from is not None:
        initiatives = initiatives.filter(date__gte=filters.date_from)
    if filters.date_to is not None:
        initiatives = initiatives.filter(date__lte=filters.date_to)
    if filters.is_public is not None:
        initiatives = initiatives.filter(is_public=filters.is_public)
    if filters.search:
        initiatives = initiatives.filter(title__icontains=filters.search)
    return initiatives.order_by("-date", "-pk")


@router.get("/{initiative_id}", response={200: InitiativeOut, **READ_ERRORS})
def get_initiative(request: HttpRequest, initiative_id: int = id_path("initiative")):
    owner_may(request, Initiative, "view")
    return found(_initiatives(request), initiative_id)


def _form_data(values: dict, *, kept: list, dropped: list, added: list[dict]) -> dict:
    """What the admin's form and its links formset would receive for these values."""
    data = {name: form_value(values.get(name)) for name in FIELDS}
    rows = [(link, False) for link in kept] + [(link, True) for link in dropped]
    data.update(
        {
            "links-TOTAL_FORMS": str(len(rows) + len(added)),
            "links-INITIAL_FORMS": str(len(rows)),
            "links-MIN_NUM_FORMS": "0",
            "links-MAX_NUM_FORMS": "1000",
        }
    )
    for index, (link, delete) in enumerate(rows):
        data.update(
            {
                f"links-{index}-id": str(link.pk),
                f"links-{index}-url": link.url,
                f"links-{index}-label": link.label,
                f"links-{index}-ORDER": str(index + 1),
                **({f"links-{index}-DELETE": "on"} if delete else {}),
            }
        )
    for index, link in enumerate(added, start=len(rows)):
        data.update(
            {
                f"links-{index}-id": "",
                f"links-{index}-url": link["url"],
                f"links-{index}-label": link.get("label", ""),
                f"links-{index}-ORDER": str(index + 1),
            }
        )
    return data


def _saved(request: HttpRequest, form, action: str) -> Initiative:
    action_class = action_registry.get_action_class(Initiative, action)
    with transaction.atomic():
        initiative = action_class(form.instance, user=key_owner(request), form=form).execute(
            skip_permission_checks=True  # checked by may_write, as the admin's view does
        )
    return _initiatives(request).get(pk=initiative.pk)


@router.post("", response={201: InitiativeOut, **WRITE_ERRORS}, summary="Report an initiative")
def create_initiative(request: HttpRequest, payload: InitiativeIn):
    """Needs a read-write key whose owner may add initiatives, for an alliance they run."""
    may_write(request, Initiative, "add")
    values = payload.model_dump()
    data = _form_data(values, kept=[], dropped=[], added=values["links"])
    form = form_checked(admin_form(Initiative, request, data=data, instance=Initiative()))
    return Status(201, _saved(request, form, "create"))


@router.patch("/{initiative_id}", response={200: InitiativeOut, **WRITE_ERRORS})
def update_initiative(
    request: HttpRequest, payload: InitiativeChange, initiative_id: int = id_path("initiative")
):
    """Change the fields sent. Needs a read-write key whose owner may change initiatives."""
    may_write(request, Initiative, "change")
    initiative = found(_initiatives(request), initiative_id)
    changes = payload.model_dump(exclude_unset=True)
    links: list[InitiativeLink] = list(initiative.links.all())
    values = {
        **{name: getattr(initiative, name) for name in FIELDS},
        "alliance": initiative.alliance_id,
        "partner_organizations": [org.pk for org in initiative.partner_organizations.all()],
        **changes,
    }
    if "links" in changes:
        data = _form_data(values, kept=[], dropped=links, added=changes["links"])
    else:
        data = _form_data(values, kept=links, dropped=[], added=[])
    form = form_checked(admin_form(Initiative, request, data=data, instance=initiative))
    return _saved(request, form, "edit")
