"""RSVPs to events: reading them as the admin lists them, and registering or cancelling.

Coordinators' keys reach the RSVPs of their alliances' events, staff keys all; email
addresses are shown to staff keys only, as in the admin's exports. In the admin nobody
adds RSVPs: a seat is taken and given back by its holder. Through the API, an owner
holding the `events.add_rsvp` permission (staff roles; not coordinators) may register
someone who asked them to, and cancel such a registration: with the RSVP form's checks
(the person agreed to their details being kept), through the RSVP services, so seats and
the waitlist move as on the website, and recorded in the audit log.
"""

import datetime
from typing import Literal

from django.db import transaction
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status
from wagtail.log_actions import log

from amicc.api.auth import KEY_AUTH, key_owner, require_write
from amicc.api.pagination import Pagination
from amicc.api.private.common import (
    ACTION_ERRORS,
    LIST_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    BodyBool,
    BodyId,
    Input,
    QueryBool,
    RecordId,
    errors,
    form_checked,
    found,
    id_path,
    in_reach,
    owner_may,
    text,
)
from amicc.coalition.permissions import reachable, user_is_coalition_staff
from amicc.events.choices import RsvpStatus
from amicc.events.forms import RsvpForm
from amicc.events.models import Event, Rsvp
from amicc.events.services.rsvps import CancelTooLate, RsvpRefused, rsvp_cancel, rsvp_create

router = Router(auth=KEY_AUTH, tags=["RSVPs"])

RSVP_CANCEL_ACTION = "api.rsvp_cancel"
REGISTER_PERMISSION = "events.add_rsvp"
RSVP_WRITE_ERRORS = {**WRITE_ERRORS, **errors(409)}


class EventRef(Schema):
    id: int
    title: str
    starts_at: datetime.datetime


class RsvpOut(Schema):
    id: int
    event: EventRef
    name: str = Field(description="The name as the person typed it.")
    email: str | None = Field(description="Shown to staff keys only; null for others.")
    status: RsvpStatus
    created_at: datetime.datetime
    promoted_at: datetime.datetime | None = Field(description="When moved off the waitlist.")
    cancelled_at: datetime.datetime | None
    attended: bool | None = Field(description="Null until marked.")

    @staticmethod
    def resolve_email(rsvp: Rsvp, context) -> str | None:
        return rsvp.person.email if user_is_coalition_staff(key_owner(context["request"])) else None


class RsvpIn(Input):
    event: BodyId = Field(description="A published event, not started, in the owner's reach.")
    name: text(200, min_length=1)
    email: text(254, min_length=3, json_schema_extra={"format": "email"})
    consent: Literal[True] = Field(
        description="The person agreed that the coalition keeps their name and email address "
        "to run this event; it must be true."
    )
    wants_newsletter: BodyBool = Field(False, description="They also asked for the newsletter.")


class RsvpFilters(Schema):
    event: RecordId | None = None
    status: RsvpStatus | None = None
    attended: QueryBool | None = None


def _rsvps(request: HttpRequest):
    return (
        in_reach(request, Rsvp)
        .filter(person__erased_at__isnull=True)
        .select_related("event", "person")
    )


@router.get("", response={200: list[RsvpOut], **LIST_ERRORS}, summary="List RSVPs")
@paginate(Pagination)
def list_rsvps(request: HttpRequest, filters: Query[RsvpFilters]):
    """The RSVPs the key's owner reaches: the latest events first, then in order made."""
    owner_may(request, Rsvp, "view")
    rsvps = _rsvps(request)
    for name in ("event", "status", "attended"):
        if (value := getattr(filters, name)) is not None:
            rsvps = rsvps.filter(**{name: value})
    return rsvps.order_by("-event__starts_at", "created_at", "pk")


@router.get("/{rsvp_id}", response={200: RsvpOut, **READ_ERRORS}, summary="Get an RSVP")
def get_rsvp(request: HttpRequest, rsvp_id: int = id_path("RSVP")):
    owner_may(request, Rsvp, "view")
    return found(_rsvps(request), rsvp_id)


def _may_register(request: HttpRequest) -> None:
    require_write(request)
    if not key_owner(request).has_perm(REGISTER_PERMISSION):
        raise HttpError(403, "This key's owner may not register people for events.")


@router.post(
    "",
    response={201: RsvpOut, 200: RsvpOut, **RSVP_WRITE_ERRORS},
    summary="Register someone for an event",
)
def create_rsvp(request: HttpRequest, payload: RsvpIn):
    """A seat while one is free, else a place on the waitlist; the person is emailed.

    201 with the new RSVP; 200 with their RSVP if they already have one. An event that is
    not published or has started answers 409.
    """
    _may_register(request)
    owner = key_owner(request)
    event = reachable(Event, owner).filter(pk=payload.event).first()
    if event is None:
        raise Http404(f"No event with id {payload.event} for this key.")
    fields = payload.model_dump(include={"name", "email", "consent", "wants_newsletter"})
    form = form_checked(RsvpForm(data=fields))
    try:
        with transaction.atomic():
            made = rsvp_create(
                event=event,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                wants_newsletter=form.cleaned_data["wants_newsletter"],
            )
            if not made.already:
                log(instance=made.rsvp, action="wagtail.create", user=owner)
    except RsvpRefused as refusal:
        raise HttpError(409, str(refusal)) from refusal
    rsvp = _rsvps(request).get(pk=made.rsvp.pk)
    return Status(200, rsvp) if made.already else Status(201, rsvp)


@router.post(
    "/{rsvp_id}/cancel",
    response={200: RsvpOut, **ACTION_ERRORS},
    summary="Cancel an RSVP",
)
def cancel_rsvp(request: HttpRequest, rsvp_id: int = id_path("RSVP")):
    """A freed seat goes to the first person on the waitlist. Cancelling twice changes
    nothing; once the event has started, 409."""
    _may_register(request)
    rsvp = found(_rsvps(request), rsvp_id)
    try:
        with transaction.atomic():
            cancelled = rsvp_cancel(rsvp_id=rsvp.pk)
            if not cancelled.already:
                log(instance=cancelled.rsvp, action=RSVP_CANCEL_ACTION, user=key_owner(request))
    except CancelTooLate as refusal:
        raise HttpError(409, str(refusal)) from refusal
    return _rsvps(request).get(pk=rsvp.pk)
