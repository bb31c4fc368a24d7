"""People, as the admin's people listing shows them to the key's owner.

Staff reach everyone; a coordinator reaches the active members of their alliances, and
sees only those memberships. People whose details were erased never appear.
"""

import datetime

from django.db.models import Prefetch, Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from amicc.api.auth import KEY_AUTH, key_owner
from amicc.api.pagination import Pagination
from amicc.api.private.common import (
    LIST_ERRORS,
    READ_ERRORS,
    RecordId,
    Ref,
    SearchText,
    found,
    id_path,
    in_reach,
    owner_may,
)
from amicc.coalition.choices import MembershipStatus
from amicc.coalition.geography import USState
from amicc.coalition.models import Alliance, AllianceMembership, Person
from amicc.coalition.permissions import reachable

router = Router(auth=KEY_AUTH, tags=["People"])


class MembershipOut(Schema):
    alliance: Ref
    status: MembershipStatus
    confirmed_at: datetime.datetime | None


class PersonOut(Schema):
    id: int
    name: str
    email: str | None
    phone: str
    zip_code: str
    state: USState | None = Field(description="Null when not known.")
    wants_newsletter: bool
    wants_alliance_updates: bool
    wants_action_alerts: bool
    created_at: datetime.datetime
    memberships: list[MembershipOut] = Field(
        description="Memberships of the alliances the key's owner reaches."
    )

    @staticmethod
    def resolve_state(person: Person) -> str | None:
        return person.state or None

    @staticmethod
    def resolve_memberships(person: Person) -> list:
        return person.memberships_in_reach


class PersonFilters(Schema):
    alliance: RecordId | None = Field(None, description="Only active members of this alliance.")
    state: USState | None = None
    search: SearchText | None = Field(None, description="Part of the name or email address.")


def _people(request: HttpRequest):
    memberships = reachable(AllianceMembership, key_owner(request)).select_related("alliance")
    return (
        in_reach(request, Person)
        .filter(erased_at__isnull=True)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=memberships.order_by("alliance__name", "pk"),
                to_attr="memberships_in_reach",
            )
        )
    )


@router.get("", response={200: list[PersonOut], **LIST_ERRORS}, summary="List people")
@paginate(Pagination)
def list_people(request: HttpRequest, filters: Query[PersonFilters]):
    """The people the key's owner reaches, by name."""
    owner_may(request, Person, "view")
    people = _people(request)
    if filters.alliance is not None:
        # Only an alliance in reach: whose members another alliance has is not the owner's to learn.
        active = AllianceMembership.objects.filter(
            alliance=filters.alliance,
            alliance__in=reachable(Alliance, key_owner(request)),
            status=MembershipStatus.ACTIVE,
        )
        people = people.filter(pk__in=active.values("person_id"))
    if filters.state is not None:
        people = people.filter(state=filters.state)
    if filters.search:
        people = people.filter(
            Q(name__icontains=filters.search) | Q(email__icontains=filters.search)
        )
    return people.order_by("name", "pk")


@router.get("/{person_id}", response={200: PersonOut, **READ_ERRORS}, summary="Get a person")
def get_person(request: HttpRequest, person_id: int = id_path("person")):
    owner_may(request, Person, "view")
    return found(_people(request), person_id)
