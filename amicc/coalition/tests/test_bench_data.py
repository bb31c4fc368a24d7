"""The coalition's benchmark generator writes sound rows the public pages list and find."""

import datetime

import pytest
from wagtail.search.backends import get_search_backend

from amicc.coalition.bench_data import CoalitionScale, coalition_bench_generate
from amicc.coalition.choices import InitiativeType, MembershipStatus
from amicc.coalition.models import (
    Alliance,
    AllianceDistrict,
    AllianceMembership,
    ConsentRecord,
    Initiative,
    MemberOrganization,
    Person,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)
TINY = CoalitionScale(organizations=12, alliances=3, people=300, initiatives=240)


@pytest.fixture
def generated():
    return coalition_bench_generate(scale=TINY, today=TODAY)


def test_every_row_is_written_with_what_save_would_have_done(generated):
    assert generated.added == generated.total == TINY
    assert MemberOrganization.objects.count() == 12
    organization = MemberOrganization.objects.get(slug="bench-org-1")
    assert organization.website_domain == "org1.bench.example.org"
    assert all(alliance.districts.exists() for alliance in Alliance.objects.all())
    assert all(a.founding_organizations.count() == 2 for a in Alliance.objects.all())
    assert AllianceDistrict.objects.count() == 6
    assert all(email == email.lower() for email in Person.objects.values_list("email", flat=True))


def test_most_people_are_members_and_everyone_has_consented(generated):
    memberships = AllianceMembership.objects.all()
    assert memberships.count() == 270
    assert memberships.filter(status=MembershipStatus.PENDING).count() == 15
    assert set(ConsentRecord.objects.values_list("person", flat=True)) == set(
        Person.objects.values_list("pk", flat=True)
    )
    assert all(alliance.coordinators.count() == 1 for alliance in Alliance.objects.all())


def test_initiatives_spread_over_alliances_kinds_and_dates(generated):
    initiatives = Initiative.objects.all()
    assert {i.initiative_type for i in initiatives} == set(InitiativeType.values)
    assert initiatives.filter(is_public=True).count() == 72  # three in ten
    assert {i.alliance_id for i in initiatives} == set(
        Alliance.objects.values_list("pk", flat=True)
    )
    dates = sorted(initiatives.values_list("date", flat=True))
    assert dates[-1] <= TODAY and (dates[-1] - dates[0]).days > 3 * 365


def test_running_again_adds_nothing_and_a_larger_scale_only_the_difference(generated):
    again = coalition_bench_generate(scale=TINY, today=TODAY)
    assert again.added == CoalitionScale(0, 0, 0, 0)
    larger = CoalitionScale(organizations=15, alliances=3, people=350, initiatives=240)
    grown = coalition_bench_generate(scale=larger, today=TODAY)
    assert grown.added == CoalitionScale(organizations=3, alliances=0, people=50, initiatives=0)
    assert Person.objects.count() == 350


def test_organizations_and_alliances_are_in_the_search_index(generated):
    organization = MemberOrganization.objects.get(slug="bench-org-5")
    found = get_search_backend().search(organization.name, MemberOrganization)
    assert organization in list(found[:20])
    alliance = Alliance.objects.get(slug="bench-2")
    assert alliance in list(get_search_backend().search(alliance.city, Alliance))


def test_the_measured_pages_render(client, generated):
    alliance = Alliance.objects.get(slug="bench-2")
    for url in ("/members/", "/alliances/", alliance.get_absolute_url()):
        assert client.get(url).status_code == 200, url


def test_people_without_an_alliance_are_refused(db):
    with pytest.raises(ValueError, match="at least one alliance"):
        coalition_bench_generate(scale=CoalitionScale(1, 0, 10, 0))
