"""The coalition's public pages in Chromium: accessibility, the CSP, joining without JavaScript."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from amicc.coalition.choices import MembershipStatus
from amicc.coalition.models import AllianceMembership
from amicc.coalition.tests.admin_fixtures import COORDINATORS, user_in
from amicc.coalition.tests.factories import (
    AllianceDistrictFactory,
    AllianceFactory,
    InitiativeFactory,
    MemberOrganizationFactory,
    PersonFactory,
)
from amicc.pages.tests.test_browser import blocking_violations, save_screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def coalition(live_server):
    founder = MemberOrganizationFactory(name="Lawyers for the Court", slug="lawyers")
    alliance = AllianceFactory(
        name="Seattle Alliance", slug="seattle", city="Seattle", state="WA",
        founding_organizations=[founder],
    )  # fmt: skip
    AllianceDistrictFactory(alliance=alliance, state="WA", number=7)
    InitiativeFactory(alliance=alliance, public=True, title="Town hall on the ICC")
    return alliance


def test_pages_have_no_serious_accessibility_violations(page, coalition):
    findings = []
    for url in (
        "/members/",
        "/members/lawyers/",
        "/alliances/",
        "/alliances/seattle/",
        "/alliances/seattle/join/",
        "/join/",
        "/alliances/join/?zip=98101",
        "/alliances/join/?zip=82001",
        "/alliances/join/?zip=1",
    ):
        page.goto(url)
        save_screenshot(page, "coalition" + re.sub(r"\W+", "-", url).rstrip("-"))
        findings += blocking_violations(page)
    page.goto("/join/")
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct")
    save_screenshot(page, "coalition-join-errors")
    findings += blocking_violations(page)
    assert not findings, "axe-core found serious or critical violations:\n" + "\n".join(findings)


def test_pages_run_under_the_content_security_policy(page, console_errors, coalition):
    for url in ("/alliances/", "/alliances/seattle/join/", "/members/"):
        page.goto(url, wait_until="networkidle")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert console_errors == []


def test_map_tile_leads_to_the_state_in_the_list(page, coalition):
    page.goto("/alliances/")
    expect(page.locator("#id_homepage")).to_have_count(0)
    page.get_by_role("link", name="Washington: 1 alliance").click()
    expect(page).to_have_url(re.compile(r"#state-WA$"))
    expect(page.locator("#state-WA")).to_be_in_viewport()


def test_joining_an_alliance_without_javascript(new_context, coalition):
    visitor = new_context(java_script_enabled=False).new_page()
    visitor.goto("/alliances/join/")
    visitor.get_by_label("ZIP code", exact=True).fill("98101")
    visitor.get_by_role("button", name="Find alliances").click()
    expect(visitor.get_by_label(re.compile("Seattle Alliance"))).to_be_checked()
    visitor.get_by_role("button", name="Continue").click()
    expect(visitor.get_by_label("ZIP code", exact=True)).to_have_value("98101")
    expect(visitor.locator("#id_homepage")).not_to_be_in_viewport()
    visitor.get_by_label("Your name", exact=True).fill("Grace Hopper")
    visitor.get_by_label("Your email address", exact=True).fill("grace@example.org")
    visitor.get_by_label(re.compile("I agree that AMICC keeps")).check()
    visitor.get_by_role("button", name="Join the alliance").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Check your email")

    link = re.search(r"http://[^/\s]+(/alliances/confirm/\S+/)", mail.outbox[-1].body).group(1)
    visitor.goto(link)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Welcome to Seattle Alliance")
    assert AllianceMembership.objects.get().status == MembershipStatus.ACTIVE


def test_a_confirmed_sign_up_appears_in_the_coordinators_admin(new_context, coalition):
    coordinator = user_in(COORDINATORS, username="seattle-coordinator")
    coordinator.set_password("correct-horse-9")
    coordinator.save()
    coalition.coordinators.add(PersonFactory(name="Sea Coordinator", user=coordinator))
    visitor = new_context().new_page()
    visitor.goto("/alliances/seattle/join/")
    visitor.get_by_label("Your name", exact=True).fill("Ada Lovelace")
    visitor.get_by_label("Your email address", exact=True).fill("ada@example.org")
    visitor.get_by_label("ZIP code", exact=True).fill("98101")
    visitor.get_by_label(re.compile("I agree that AMICC keeps")).check()
    visitor.get_by_role("button", name="Join the alliance").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Check your email")

    staff_view = new_context().new_page()
    staff_view.goto("/admin/login/")
    staff_view.get_by_label("Username").fill("seattle-coordinator")
    staff_view.get_by_label("Password").fill("correct-horse-9")
    staff_view.get_by_role("button", name="Sign in").click()
    staff_view.goto("/admin/snippets/coalition/alliancemembership/")
    expect(staff_view.get_by_role("heading", level=1)).to_contain_text("Alliance memberships")
    expect(staff_view.locator("main")).not_to_contain_text("Ada Lovelace")

    link = re.search(r"http://[^/\s]+(/alliances/confirm/\S+/)", mail.outbox[-1].body).group(1)
    visitor.goto(link)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Welcome to Seattle Alliance")
    staff_view.reload()
    expect(staff_view.locator("main")).to_contain_text("Ada Lovelace")
    save_screenshot(staff_view, "coalition-coordinator-memberships")
