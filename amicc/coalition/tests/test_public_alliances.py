"""The alliances map and list, the alliance pages, and their query budgets."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amicc.coalition.tests.factories import (
    AllianceDistrictFactory,
    AllianceFactory,
    AllianceMembershipFactory,
    InitiativeFactory,
    MemberOrganizationFactory,
    PersonFactory,
)
from amicc.coalition.tilemap import TILE_POSITIONS, tile_map

pytestmark = pytest.mark.django_db

ALLIANCES = reverse("coalition:alliances")
MEMBERS = reverse("coalition:members")
QUERY_BUDGET = 12


def test_tile_map_places_every_state_once():
    assert len(TILE_POSITIONS) == 56  # 50 states, DC, PR and four other territories
    assert len(set(TILE_POSITIONS.values())) == len(TILE_POSITIONS)
    states = tile_map({"NY": 2, "CA": 1})
    by_code = {tile.code: tile for tile in states.tiles}
    assert by_code["NY"].label == "New York: 2 alliances"
    assert by_code["CA"].label == "California: 1 alliance"
    assert by_code["VT"].label == "Vermont: no alliance yet"


def test_alliances_page_has_the_map_and_the_list(client):
    AllianceFactory(name="Manhattan Alliance", city="New York", state="NY")
    AllianceFactory(name="Buffalo Alliance", city="Buffalo", state="NY")
    AllianceFactory(name="Bay Area Alliance", city="San Francisco", state="CA")
    response = client.get(ALLIANCES)
    assert response.status_code == 200
    html = response.content.decode()
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert 'role="group"' in svg and "<title" in svg and "<desc" in svg
    assert svg.count("<rect") == len(TILE_POSITIONS)
    assert '<a class="tile tile-active" href="#state-NY" aria-label="New York: 2 alliances">' in svg
    assert 'href="#state-CA"' in svg and 'href="#state-TX"' not in svg
    assert "<script" not in html and "style=" not in html
    # The list beside the map, grouped by state in name order.
    assert 'id="state-NY"' in html and 'id="state-CA"' in html
    assert html.index('id="state-CA"') < html.index('id="state-NY"')
    assert html.index("Buffalo Alliance") < html.index("Manhattan Alliance")


def test_alliances_page_with_no_alliances(client):
    response = client.get(ALLIANCES)
    assert response.status_code == 200
    assert "There are no local alliances yet" in response.content.decode()


def test_member_counts_count_only_confirmed_members(client):
    alliance = AllianceFactory(name="Counting Alliance")
    AllianceMembershipFactory.create_batch(2, alliance=alliance, active=True)
    AllianceMembershipFactory.create_batch(3, alliance=alliance)  # pending
    AllianceMembershipFactory(alliance=alliance, left=True)
    assert "2 members" in client.get(ALLIANCES).content.decode()
    assert client.get(alliance.get_absolute_url()).context["alliance"].member_count == 2


def test_alliance_page_shows_public_facts_and_public_initiatives_only(client):
    coordinator = PersonFactory(name="Cora Coordinator", email="cora@example.org")
    member = PersonFactory(name="Mo Member", email="mo@example.org")
    listed = MemberOrganizationFactory(name="Listed Founders")
    unlisted = MemberOrganizationFactory(name="Unlisted Founders", unlisted=True)
    alliance = AllianceFactory(
        name="Chicago Alliance",
        city="Chicago",
        state="IL",
        description="People in Chicago for the ICC.",
        coordinators=[coordinator],
        founding_organizations=[listed, unlisted],
    )
    AllianceDistrictFactory(alliance=alliance, state="IL", number=7)
    AllianceDistrictFactory(alliance=alliance, state="IL", number=9)
    AllianceMembershipFactory(alliance=alliance, person=member, active=True)
    InitiativeFactory(
        alliance=alliance, public=True, title="Older discussion", date=datetime.date(2024, 1, 1)
    )
    InitiativeFactory(
        alliance=alliance, public=True, title="Newer briefing", date=datetime.date(2025, 3, 1)
    )
    InitiativeFactory(alliance=alliance, title="Internal planning meeting")
    InitiativeFactory(public=True, title="Another alliance's event")

    response = client.get(alliance.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Chicago Alliance",
        "Chicago, Illinois",
        "People in Chicago for the ICC.",
        "Active",
        "IL-7, IL-9",
        "Listed Founders",
        reverse("coalition:alliance-join", args=[alliance.slug]),
        "Join this alliance",
    ):
        assert text in html, text
    assert html.index("Newer briefing") < html.index("Older discussion")
    for hidden in (
        "Internal planning meeting",
        "Another alliance's event",
        "Unlisted Founders",
        "Cora",
        "cora@example.org",
        "Mo Member",
        "mo@example.org",
    ):
        assert hidden not in html, hidden


def test_alliance_page_paginates_initiatives(client):
    alliance = AllianceFactory()
    InitiativeFactory.create_batch(25, alliance=alliance, public=True)
    assert len(client.get(alliance.get_absolute_url()).context["initiatives"]) == 20
    response = client.get(alliance.get_absolute_url(), {"page": "x"})
    assert response.status_code == 200
    assert len(client.get(alliance.get_absolute_url(), {"page": "2"}).context["initiatives"]) == 5


def test_unknown_alliance_is_404(client):
    assert client.get(reverse("coalition:alliance", args=["nowhere"])).status_code == 404
    assert client.get(reverse("coalition:alliance-join", args=["nowhere"])).status_code == 404


def _add_content(count: int) -> None:
    """Alliances with districts, members, founders and initiatives; listed organizations."""
    for _ in range(count):
        founder = MemberOrganizationFactory()
        alliance = AllianceFactory(state="NY", founding_organizations=[founder])
        AllianceDistrictFactory(alliance=alliance)
        AllianceMembershipFactory(alliance=alliance, active=True)
        AllianceMembershipFactory(alliance=alliance)
        InitiativeFactory(alliance=alliance, public=True, partner_organizations=[founder])


def _count(client, path: str) -> int:
    client.get(path)  # warm the per-site caches (menu, settings), not the page cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def test_query_counts_are_bounded_and_do_not_grow(client, settings):
    settings.AMICC_PAGE_CACHE_SECONDS = 0
    first = AllianceFactory(slug="first-alliance", state="NY")
    for _ in range(3):
        InitiativeFactory(alliance=first, public=True)
        AllianceDistrictFactory(alliance=first)
        first.founding_organizations.add(MemberOrganizationFactory())
    _add_content(3)
    paths = [MEMBERS, f"{MEMBERS}?state=NY&q=organization", ALLIANCES, first.get_absolute_url()]
    small = {path: _count(client, path) for path in paths}
    for _ in range(12):
        InitiativeFactory(alliance=first, public=True)
        AllianceDistrictFactory(alliance=first)
        first.founding_organizations.add(MemberOrganizationFactory())
    _add_content(12)
    large = {path: _count(client, path) for path in paths}
    assert {path: n for path, n in large.items() if n > QUERY_BUDGET} == {}
    assert large == small
