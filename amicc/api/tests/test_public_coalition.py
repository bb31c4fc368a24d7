"""Alliances and member organizations through the public API: public fields, never people."""

import json

import pytest

from amicc.coalition.tests.factories import (
    AllianceDistrictFactory,
    AllianceFactory,
    AllianceMembershipFactory,
    MemberOrganizationFactory,
    OrganizationApplicationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def names(answer: dict) -> list[str]:
    return [item["name"] for item in answer["results"]]


def test_alliances_by_state_then_name_with_their_districts(public_get):
    AllianceFactory(name="Zeta Alliance", slug="zeta", state="NY")
    chicago = AllianceFactory(name="Chicago Alliance", slug="chicago", state="IL", city="Chicago")
    AllianceDistrictFactory(alliance=chicago, state="IL", number=7)
    AllianceDistrictFactory(alliance=chicago, state="IL", number=0)
    AllianceFactory(name="Alpha Alliance", slug="alpha", state="NY", dormant=True)

    listed = public_get("/alliances")

    assert names(listed) == ["Chicago Alliance", "Alpha Alliance", "Zeta Alliance"]
    assert listed["results"][0]["districts"] == [
        {"state": "IL", "number": 0, "code": "IL-AL"},
        {"state": "IL", "number": 7, "code": "IL-7"},
    ]
    assert names(public_get("/alliances", state="NY", status="active")) == ["Zeta Alliance"]


def test_alliance_detail_counts_confirmed_members_and_never_names_people(public_get):
    coordinator = PersonFactory(name="Cora Coordinator", email="cora@example.org", phone="555")
    founder = MemberOrganizationFactory(name="Founding Bar", slug="founding-bar")
    hidden = MemberOrganizationFactory(name="Unlisted Group", unlisted=True)
    alliance = AllianceFactory(
        name="Boston Alliance",
        slug="boston",
        coordinators=[coordinator],
        founding_organizations=[founder, hidden],
    )
    AllianceMembershipFactory.create_batch(2, alliance=alliance, active=True)
    AllianceMembershipFactory(alliance=alliance)  # pending: nobody's membership yet
    AllianceMembershipFactory(alliance=alliance, left=True)

    answer = public_get("/alliances/boston")

    assert answer["member_count"] == 2
    assert answer["founding_organizations"] == [{"name": "Founding Bar", "slug": "founding-bar"}]
    assert answer["url"] == "http://testserver/alliances/boston/"
    text = json.dumps(answer)
    for private in ("Cora", "cora@example.org", "Supporter", "@example.org", "Unlisted"):
        assert private not in text
    assert public_get("/alliances/nowhere", expect=404) == {"detail": "No alliance has this slug."}


def test_directory_lists_only_listed_active_organizations(public_get):
    MemberOrganizationFactory(name="Listed Bar", constituency="bar_association", state="IL")
    MemberOrganizationFactory(name="Human Rights Watchers", city="Boston", state="MA")
    MemberOrganizationFactory(name="Unlisted Group", unlisted=True)
    MemberOrganizationFactory(name="Applicant Group", applicant=True)
    MemberOrganizationFactory(name="Lapsed Group", lapsed=True)
    OrganizationApplicationFactory(organization_name="Pending Applicant")

    assert names(public_get("/organizations")) == ["Human Rights Watchers", "Listed Bar"]
    assert names(public_get("/organizations", constituency="bar_association")) == ["Listed Bar"]
    assert names(public_get("/organizations", state="MA")) == ["Human Rights Watchers"]
    assert names(public_get("/organizations", q="boston watchers")) == ["Human Rights Watchers"]
    assert names(public_get("/organizations", q="boston bar")) == []
    public_get("/organizations", constituency="cabal", expect=422)


def test_organization_detail_has_public_fields_only(public_get):
    representative = PersonFactory(name="Rita Representative", email="rita@example.org")
    organization = MemberOrganizationFactory(
        name="Women for Justice",
        slug="women-for-justice",
        constituency="womens_group",
        representatives=[representative],
    )
    AllianceFactory(name="Denver Alliance", slug="denver", founding_organizations=[organization])

    answer = public_get("/organizations/women-for-justice")

    assert answer == {
        "name": "Women for Justice",
        "slug": "women-for-justice",
        "constituency": "womens_group",
        "constituency_label": "Women's group",
        "city": "New York",
        "state": "NY",
        "website": "https://women-for-justice.example.org",
        "description": "Women for Justice works for international justice.",
        "member_since": 2020,
        "url": "http://testserver/members/women-for-justice/",
        "founded_alliances": [{"name": "Denver Alliance", "slug": "denver"}],
    }


def test_unlisted_organizations_are_not_found(public_get):
    MemberOrganizationFactory(slug="quiet", unlisted=True)
    public_get("/organizations/quiet", expect=404)


def test_coalition_queries_do_not_grow(public_get, django_assert_max_num_queries):
    public_get("/alliances")  # finds the request's Wagtail site once; it is cached from then on
    for added in (2, 25):
        for _ in range(added):
            organization = MemberOrganizationFactory()
            alliance = AllianceFactory(founding_organizations=[organization])
            AllianceDistrictFactory(alliance=alliance)
            AllianceMembershipFactory(alliance=alliance, active=True)
        with django_assert_max_num_queries(4):
            alliances = public_get("/alliances", limit=100)
        with django_assert_max_num_queries(2):
            organizations = public_get("/organizations", limit=100)
    assert alliances["count"] == len(alliances["results"]) == 27
    assert organizations["count"] == 27
    with django_assert_max_num_queries(3):
        public_get(f"/alliances/{alliance.slug}")
    with django_assert_max_num_queries(2):
        public_get(f"/organizations/{organization.slug}")
