"""A small coalition with one user per admin role, for the back-office tests.

Test modules import `coalition_fixture` and ask for the `coalition` fixture. Alliance A is
coordinated by `coordinator`; alliance B by someone else. Each alliance has
an active member, a pending sign-up and an initiative; `representative` represents one
of two member organizations.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group

from amicc.coalition.models import (
    Alliance,
    AllianceMembership,
    Initiative,
    MemberOrganization,
    OrganizationApplication,
    Person,
    StateInterest,
)
from amicc.coalition.tests.factories import (
    AllianceFactory,
    AllianceMembershipFactory,
    InitiativeFactory,
    MemberOrganizationFactory,
    OrganizationApplicationFactory,
    PersonFactory,
    StateInterestFactory,
    UserFactory,
)

STAFF = "Coalition staff"
COORDINATORS = "Alliance coordinators"
REPRESENTATIVES = "Organization representatives"


def user_in(*group_names: str, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(*Group.objects.filter(name__in=group_names))
    return user


@dataclass
class Coalition:
    alliance_a: Alliance
    alliance_b: Alliance
    member_a: Person
    pending_a: Person
    member_b: Person
    membership_a: AllianceMembership
    pending_membership_a: AllianceMembership
    membership_b: AllianceMembership
    initiative_a: Initiative
    initiative_b: Initiative
    organization: MemberOrganization
    other_organization: MemberOrganization
    application: OrganizationApplication
    interest: StateInterest
    supporter: object
    coordinator: object
    representative: object
    staff: object
    administrator: object


@pytest.fixture(name="coalition")
def coalition_fixture(db) -> Coalition:
    coordinator = user_in(COORDINATORS, username="coordinator")
    coordinator_person = PersonFactory(name="Cora Coordinator", user=coordinator)
    representative = user_in(REPRESENTATIVES, username="representative")
    representative_person = PersonFactory(name="Rita Representative", user=representative)
    supporter = UserFactory(username="supporter")
    PersonFactory(name="Sam Supporter", user=supporter)

    alliance_a = AllianceFactory(name="Alliance Able", coordinators=[coordinator_person])
    alliance_b = AllianceFactory(name="Alliance Baker", coordinators=[PersonFactory()])
    AllianceMembershipFactory(alliance=alliance_a, person=coordinator_person, active=True)
    membership_a = AllianceMembershipFactory(
        alliance=alliance_a, person=PersonFactory(name="Amy Member"), active=True
    )
    pending_membership_a = AllianceMembershipFactory(
        alliance=alliance_a, person=PersonFactory(name="Pat Pending")
    )
    membership_b = AllianceMembershipFactory(
        alliance=alliance_b, person=PersonFactory(name="Ben Member"), active=True
    )
    return Coalition(
        alliance_a=alliance_a,
        alliance_b=alliance_b,
        member_a=membership_a.person,
        pending_a=pending_membership_a.person,
        member_b=membership_b.person,
        membership_a=membership_a,
        pending_membership_a=pending_membership_a,
        membership_b=membership_b,
        initiative_a=InitiativeFactory(alliance=alliance_a, title="Able teach-in"),
        initiative_b=InitiativeFactory(alliance=alliance_b, title="Baker teach-in"),
        organization=MemberOrganizationFactory(
            name="Rita's Bar Association", representatives=[representative_person]
        ),
        other_organization=MemberOrganizationFactory(name="Other Human Rights Group"),
        application=OrganizationApplicationFactory(organization_name="Applicant Lawyers"),
        interest=StateInterestFactory(person=PersonFactory(name="Wyatt Interested")),
        supporter=supporter,
        coordinator=coordinator,
        representative=representative,
        staff=user_in(STAFF, username="staff"),
        administrator=UserFactory(username="administrator", superuser=True),
    )
