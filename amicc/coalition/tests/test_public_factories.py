"""The shared factories build valid rows in every documented state."""

import pytest

from amicc.coalition.choices import MembershipStatus
from amicc.coalition.tests.factories import (
    AllianceDistrictFactory,
    AllianceFactory,
    AllianceMembershipFactory,
    InitiativeFactory,
    MemberOrganizationFactory,
    OrganizationApplicationFactory,
    PersonFactory,
    StateInterestFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_factories_build_valid_rows():
    org = MemberOrganizationFactory()
    person = PersonFactory()
    alliance = AllianceFactory(founding_organizations=[org], coordinators=[person])
    assert list(alliance.founding_organizations.all()) == [org]
    assert list(alliance.coordinators.all()) == [person]
    district = AllianceDistrictFactory(alliance=alliance, number=0)
    assert district.code == "NY-AL"
    membership = AllianceMembershipFactory(alliance=alliance, active=True)
    assert membership.status == MembershipStatus.ACTIVE and membership.confirmed_at
    initiative = InitiativeFactory(alliance=alliance, public=True, partner_organizations=[org])
    initiative.refresh_from_db()
    assert list(initiative.partner_organizations.all()) == [org]
    for obj in (org, person, alliance, district, membership, initiative):
        obj.full_clean()
    OrganizationApplicationFactory().full_clean()
    StateInterestFactory(confirmed=True).full_clean()
    assert MemberOrganizationFactory(unlisted=True).is_listed is False
    user = UserFactory(superuser=True)
    assert user.check_password("password-for-tests") and user.is_superuser
