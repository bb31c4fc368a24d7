"""Applications, which only staff review: organizations joining, and ASP delegation.

Organization applications are approved or declined through the review services, with
the admin's rule: the owner may change applications (which only staff may). Each
decision is atomic, audit-logged and emailed to the applicant by the service. Delegation
applications are read here only; their CVs stay in the admin. Applications of people
whose details were erased do not appear.
"""

import datetime
import enum

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from amicc.api.auth import KEY_AUTH, key_owner
from amicc.api.pagination import Pagination
from amicc.api.private.common import (
    ACTION_ERRORS,
    LIST_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    Input,
    Ref,
    errors,
    found,
    id_path,
    in_reach,
    may_write,
    owner_may,
    refused,
    text,
)
from amicc.coalition.choices import ApplicationStatus as CoalitionApplicationStatus
from amicc.coalition.choices import Constituency
from amicc.coalition.geography import USState
from amicc.coalition.models import OrganizationApplication
from amicc.coalition.services.review import application_approve, application_decline
from amicc.icc.choices import ApplicantRole
from amicc.icc.choices import ApplicationStatus as IccApplicationStatus
from amicc.icc.models import DelegationApplication

organizations_router = Router(auth=KEY_AUTH, tags=["Organization applications"])
delegation_router = Router(auth=KEY_AUTH, tags=["ASP delegation applications"])

DECISION_ERRORS = {**WRITE_ERRORS, **errors(409)}
# Both apps call their statuses ApplicationStatus; the schema needs a name for each.
OrganizationApplicationStatus = enum.StrEnum(
    "OrganizationApplicationStatus", {s.name: s.value for s in CoalitionApplicationStatus}
)
DelegationApplicationStatus = enum.StrEnum(
    "DelegationApplicationStatus", {s.name: s.value for s in IccApplicationStatus}
)


class OrganizationApplicationOut(Schema):
    id: int
    organization_name: str
    constituency: Constituency
    city: str
    state: USState
    website: str
    description: str
    statement: str
    contact_name: str
    contact_email: str
    contact_phone: str
    contact_role: str
    status: OrganizationApplicationStatus
    submitted_at: datetime.datetime
    decided_at: datetime.datetime | None
    decline_reason: str
    organization: Ref | None = Field(description="The member organization made on approval.")


class OrganizationApplicationFilters(Schema):
    status: OrganizationApplicationStatus | None = None
    constituency: Constituency | None = None
    state: USState | None = None


class DeclineIn(Input):
    reason: text(5000, pattern=r"^[^\x00]*[^\s\x00][^\x00]*$") = Field(
        description="Why; it is emailed to the applicant."
    )


def _organization_applications(request: HttpRequest):
    return in_reach(request, OrganizationApplication).select_related("organization")


@organizations_router.get(
    "",
    response={200: list[OrganizationApplicationOut], **LIST_ERRORS},
    summary="List organization applications",
)
@paginate(Pagination)
def list_organization_applications(
    request: HttpRequest, filters: Query[OrganizationApplicationFilters]
):
    """The latest first. Needs an owner who reviews applications (staff)."""
    owner_may(request, OrganizationApplication, "view")
    applications = _organization_applications(request)
    for name in ("status", "constituency", "state"):
        if (value := getattr(filters, name)) is not None:
            applications = applications.filter(**{name: value})
    return applications.order_by("-submitted_at", "-pk")


@organizations_router.get(
    "/{application_id}",
    response={200: OrganizationApplicationOut, **READ_ERRORS},
    summary="Get an organization application",
)
def get_organization_application(
    request: HttpRequest, application_id: int = id_path("application")
):
    owner_may(request, OrganizationApplication, "view")
    return found(_organization_applications(request), application_id)


def _decision_target(request: HttpRequest, application_id: int) -> OrganizationApplication:
    may_write(request, OrganizationApplication, "change")
    return found(_organization_applications(request), application_id)


@organizations_router.post(
    "/{application_id}/approve",
    response={200: OrganizationApplicationOut, **ACTION_ERRORS},
    summary="Approve an organization application",
)
def approve_organization_application(
    request: HttpRequest, application_id: int = id_path("application")
):
    """The organization becomes an active, listed member; its contact, its representative,
    invited to sign in. An application already decided answers 409."""
    application = _decision_target(request, application_id)
    try:
        application_approve(application=application, by=key_owner(request))
    except ValidationError as error:
        raise refused(error, conflict=True) from error
    return _organization_applications(request).get(pk=application.pk)


@organizations_router.post(
    "/{application_id}/decline",
    response={200: OrganizationApplicationOut, **DECISION_ERRORS},
    summary="Decline an organization application",
)
def decline_organization_application(
    request: HttpRequest, payload: DeclineIn, application_id: int = id_path("application")
):
    """The reason is required and emailed to the applicant. Already decided: 409."""
    application = _decision_target(request, application_id)
    try:
        application_decline(application=application, by=key_owner(request), reason=payload.reason)
    except ValidationError as error:
        raise refused(error, conflict=True) from error
    return _organization_applications(request).get(pk=application.pk)


class DelegationApplicationOut(Schema):
    id: int
    session: int = Field(description="The number of the Assembly's session.")
    name: str
    email: str
    affiliation: str
    role: ApplicantRole
    statement: str
    available_days: list[datetime.date] = Field(description="Session days they can attend.")
    status: DelegationApplicationStatus
    score: int | None = Field(description="Staff's score, 1 to 5.")
    staff_notes: str
    submitted_at: datetime.datetime
    decided_at: datetime.datetime | None
    waitlisted_at: datetime.datetime | None

    @staticmethod
    def resolve_session(application: DelegationApplication) -> int:
        return application.call.session.number


class DelegationApplicationFilters(Schema):
    session: int | None = Field(None, ge=1, le=32767, description="The session's number.")
    status: DelegationApplicationStatus | None = None
    role: ApplicantRole | None = None


def _delegation_applications(request: HttpRequest):
    return (
        in_reach(request, DelegationApplication)
        .exclude(person__erased_at__isnull=False)
        .select_related("call__session")
    )


@delegation_router.get(
    "",
    response={200: list[DelegationApplicationOut], **LIST_ERRORS},
    summary="List ASP delegation applications",
)
@paginate(Pagination)
def list_delegation_applications(
    request: HttpRequest, filters: Query[DelegationApplicationFilters]
):
    """The latest first. Needs an owner who reviews them (staff)."""
    owner_may(request, DelegationApplication, "view")
    applications = _delegation_applications(request)
    if filters.session is not None:
        applications = applications.filter(call__session__number=filters.session)
    if filters.status is not None:
        applications = applications.filter(status=filters.status)
    if filters.role is not None:
        applications = applications.filter(role=filters.role)
    return applications.order_by("-submitted_at", "-pk")


@delegation_router.get(
    "/{application_id}",
    response={200: DelegationApplicationOut, **READ_ERRORS},
    summary="Get an ASP delegation application",
)
def get_delegation_application(request: HttpRequest, application_id: int = id_path("application")):
    owner_may(request, DelegationApplication, "view")
    return found(_delegation_applications(request), application_id)
