"""The coalition panel on the staff's dashboard: the right numbers, charts, bounded queries."""

import datetime
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from amicc.coalition.choices import ApplicationStatus, InitiativeType
from amicc.coalition.dashboard import CoalitionPanel, initiative_breakdowns
from amicc.coalition.tests.admin_fixtures import coalition_fixture  # noqa: F401
from amicc.coalition.tests.factories import (
    AllianceFactory,
    AllianceMembershipFactory,
    InitiativeFactory,
    OrganizationApplicationFactory,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 6, 15)


def months_ago(months: int, day: int = 10) -> datetime.date:
    index = TODAY.year * 12 + TODAY.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, day)


def test_breakdowns_count_the_last_twelve_months_by_month_type_and_alliance(coalition):
    a, b = coalition.alliance_a, coalition.alliance_b  # each has one initiative in 2024
    coalition.initiative_a.delete()
    coalition.initiative_b.delete()
    for months, alliance, kind in [
        (0, a, InitiativeType.DEMONSTRATION),
        (0, a, InitiativeType.DEMONSTRATION),
        (1, b, InitiativeType.BRIEFING),
        (11, a, InitiativeType.BRIEFING),
        (12, b, InitiativeType.BRIEFING),  # thirteen months ago: too old
    ]:
        InitiativeFactory(alliance=alliance, initiative_type=kind, date=months_ago(months))
    InitiativeFactory(alliance=a, date=TODAY + datetime.timedelta(days=3))  # not yet

    by_month, by_type, by_alliance = initiative_breakdowns(today=TODAY)
    assert by_month.rows[0] == ("Jul 2024", 1)
    assert by_month.rows[-2:] == [("May 2025", 1), ("Jun 2025", 2)]
    assert sum(count for _, count in by_month.rows) == 4 and len(by_month.rows) == 12
    assert by_type.rows == [("Briefing for local organizations", 2), ("Demonstration", 2)]
    assert by_alliance.rows == [("Alliance Able", 3), ("Alliance Baker", 1)]


def test_alliances_beyond_the_top_ten_are_left_out(coalition):
    for number in range(12):
        alliance = AllianceFactory(name=f"Busy {number:02d}")
        for _ in range(number + 1):
            InitiativeFactory(alliance=alliance, date=TODAY)
    by_alliance = initiative_breakdowns(today=TODAY)[2]
    assert [name for name, _ in by_alliance.rows] == [f"Busy {n:02d}" for n in range(11, 1, -1)]


def test_charts_are_svg_without_scripts_and_escape_labels(coalition):
    alliance = AllianceFactory(name="<script>alert(1)</script> & Co")
    InitiativeFactory(alliance=alliance, date=TODAY)
    for breakdown in initiative_breakdowns(today=TODAY):
        svg = str(breakdown.chart)
        assert svg.startswith("<svg") and svg.endswith("</svg>")
        assert "<script" not in svg and "<?xml" not in svg and "<!--" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in svg


def test_staff_dashboard_shows_the_panel_with_the_numbers(client, coalition):
    OrganizationApplicationFactory()  # a second pending one
    OrganizationApplicationFactory(status=ApplicationStatus.APPROVED)
    now = timezone.localtime()
    AllianceMembershipFactory(active=True, confirmed_at=now)
    AllianceMembershipFactory(active=True, confirmed_at=now - datetime.timedelta(days=40))
    # The fixture confirmed three memberships just now; its initiatives are from 2024.
    InitiativeFactory(alliance=coalition.alliance_a, date=now.date())

    client.force_login(coalition.staff)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    pending_list = reverse("wagtailsnippets_coalition_organizationapplication:list")
    assert (
        f'<a href="{pending_list}?status=pending"><strong>2</strong> organization applications'
        in html
    )
    assert f"<strong>4</strong> new alliance members in {now:%B %Y}" in html
    assert html.count('class="pygal-chart"') == 3
    assert '<th scope="col">Initiatives</th>' in html
    assert re.search(r"<td>Alliance Able</td><td>1</td>", html)


def test_panel_is_for_staff_only(client, coalition):
    for user in (coalition.coordinator, coalition.representative):
        client.force_login(user)
        assert (
            "coalition-dashboard" not in client.get(reverse("wagtailadmin_home")).content.decode()
        )
    client.force_login(coalition.administrator)
    assert "coalition-dashboard" in client.get(reverse("wagtailadmin_home")).content.decode()


def test_panel_queries_do_not_grow_with_the_data(coalition, django_assert_num_queries):
    request = RequestFactory().get("/admin/")
    request.user = coalition.staff

    def render() -> str:
        return CoalitionPanel().render_html({"request": request})

    with django_assert_num_queries(5):
        render()
    for _ in range(20):
        alliance = AllianceFactory()
        InitiativeFactory(alliance=alliance, date=timezone.localdate())
        AllianceMembershipFactory(alliance=alliance, active=True)
        OrganizationApplicationFactory()
    with django_assert_num_queries(5):
        render()
