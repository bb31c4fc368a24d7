"""The coalition's demo content: complete, labelled as samples, and safe to load again."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from amicc.coalition.choices import (
    ApplicationStatus,
    ConsentSource,
    Constituency,
    InitiativeType,
    MembershipStatus,
    OrganizationStatus,
)
from amicc.coalition.demo_content import coalition_demo_load, demo_coordinator_account_create
from amicc.coalition.models import (
    Alliance,
    AllianceDistrict,
    AllianceMembership,
    ConsentRecord,
    Initiative,
    InitiativeLink,
    MemberOrganization,
    OrganizationApplication,
    Person,
    StateInterest,
)

TODAY = datetime.date(2026, 6, 1)
MODELS = [
    MemberOrganization,
    Alliance,
    AllianceDistrict,
    AllianceMembership,
    Person,
    ConsentRecord,
    StateInterest,
    OrganizationApplication,
    Initiative,
    InitiativeLink,
    Alliance.founding_organizations.through,
    Alliance.coordinators.through,
    Initiative.partner_organizations.through,
]


@pytest.fixture
def demo(db):
    return coalition_demo_load(today=TODAY)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_loading_again_creates_nothing(demo):
    before = counts()
    again = coalition_demo_load(today=TODAY + datetime.timedelta(days=30))
    assert again.created == 0
    assert counts() == before
    assert str(again) == (
        "35 member organizations, 12 alliances, 123 people, 60 initiatives, "
        "3 applications (created 0)"
    )


def test_organizations_cover_every_constituency_and_are_labelled(demo):
    organizations = MemberOrganization.objects.all()
    assert organizations.count() == 35
    assert {org.constituency for org in organizations} == set(Constituency.values)
    assert all(org.name.endswith("(sample)") for org in organizations)
    assert all(org.website_domain.endswith(".example.org") for org in organizations)
    statuses = [org.status for org in organizations]
    assert statuses.count(OrganizationStatus.ACTIVE) >= 28
    assert {OrganizationStatus.LAPSED, OrganizationStatus.APPLICANT} <= set(statuses)
    assert organizations.filter(status=OrganizationStatus.ACTIVE, is_listed=False).exists()
    assert MemberOrganization.objects.for_public_display().count() >= 28


def test_alliances_have_districts_founders_coordinators_and_members(demo):
    assert Alliance.objects.count() == 12
    for alliance in Alliance.objects.all():
        assert alliance.name.endswith("Alliance for the ICC (sample)")
        assert alliance.districts.exists() and alliance.founding_organizations.exists()
        assert alliance.coordinators.exists()
        active = alliance.memberships.filter(status=MembershipStatus.ACTIVE).count()
        pending = alliance.memberships.filter(status=MembershipStatus.PENDING).count()
        assert 5 <= active + pending <= 16 and pending == 1
    assert AllianceDistrict.objects.get(alliance__slug="washington-dc").code == "DC-AL"


def test_people_are_obviously_fake_and_consented(demo):
    people = Person.objects.all()
    assert all(person.email.endswith("@example.org") for person in people)
    consented = set(ConsentRecord.objects.values_list("person", flat=True))
    assert consented == {person.pk for person in people}
    newsletter = people.filter(wants_newsletter=True)
    assert newsletter.exists()
    assert all(person.consents.filter(purpose="newsletter").exists() for person in newsletter)
    applicant = Person.objects.get(email="jules.example@example.org")
    assert applicant.consents.get().source == ConsentSource.ORGANIZATION_APPLICATION
    assert StateInterest.objects.count() == 4
    alliance_states = set(Alliance.objects.values_list("state", flat=True))
    assert not alliance_states & set(StateInterest.objects.values_list("state", flat=True))


def test_applications_await_review_and_one_looks_like_a_duplicate(demo):
    applications = OrganizationApplication.objects.all()
    assert [a.status for a in applications] == [ApplicationStatus.PENDING] * 3
    domains = set(MemberOrganization.objects.values_list("website_domain", flat=True))
    assert [a.website_domain in domains for a in applications].count(True) == 1


def test_initiatives_of_every_type_over_two_years(demo):
    initiatives = Initiative.objects.all()
    assert {i.initiative_type for i in initiatives} == set(InitiativeType.values)
    assert {i.is_public for i in initiatives} == {True, False}
    assert all(TODAY - datetime.timedelta(days=730) <= i.date < TODAY for i in initiatives)
    assert all(alliance.initiatives.count() == 5 for alliance in Alliance.objects.all())
    assert InitiativeLink.objects.exists()


def test_the_coordinator_account_is_made_once(demo):
    user = demo_coordinator_account_create(password="a-long-test-password")
    assert user.check_password("a-long-test-password")
    assert list(user.groups.values_list("name", flat=True)) == ["Alliance coordinators"]
    assert user.person.coordinated_alliances.get().slug == "chicago"
    assert user.person.memberships.get().status == MembershipStatus.ACTIVE
    assert demo_coordinator_account_create(password="another-password") is None


def test_amicc_demo_prints_the_coordinator_password_once(
    db, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.EMAIL_FILE_PATH = tmp_path  # where the demo's outgoing mail would go
    first, second = io.StringIO(), io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", "--no-serve", stdout=first)
        call_command("demo", "--no-serve", stdout=second)
    assert "username: coordinator" in first.getvalue()
    assert "coordinator exists already" in second.getvalue()
    password = first.getvalue().split("username: coordinator\n  password: ")[1].split()[0]
    assert get_user_model().objects.get(username="coordinator").check_password(password)
