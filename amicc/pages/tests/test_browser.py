"""The public site and the editors' path through it, driven in Chromium against a live server."""

import datetime
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from amicc.pages.models import HomePageFeaturedPublication, NewsPage, PublicationPage
from amicc.pages.tests.factories import (
    SiteTree,
    build_site,
    make_document,
    make_news,
    make_publication,
    make_topic,
)

# Flushing the database after each live-server test would also remove the root page and
# locale that Wagtail's migrations create, so they are restored from a serialized copy.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BLOCKING_IMPACTS = {"serious", "critical"}


@dataclass
class PublicSite:
    tree: SiteTree
    news: NewsPage
    publication: PublicationPage


@pytest.fixture
def public_site(live_server) -> PublicSite:
    tree = build_site()
    topic = make_topic()
    news = make_news(
        tree.news_index,
        "Court marks the Rome Statute anniversary",
        date=datetime.date(2025, 7, 17),
        body="Delegates gathered in The Hague.",
        topics=[topic],
    )
    document = make_document(
        "Action guide", "Complementarity explained for congressional staffers."
    )
    publication = make_publication(
        tree.library,
        "An action guide for advocates",
        summary="How to talk to your representative about the Court.",
        document=document,
        topics=[topic],
    )
    HomePageFeaturedPublication.objects.create(home=tree.home, publication=publication)
    return PublicSite(tree, news, publication)


def test_home_page_shows_the_hero_and_latest_news(page, public_site):
    page.goto("/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Justice for atrocities")
    latest = page.get_by_role("region", name="Latest news")
    expect(latest.get_by_role("link", name=public_site.news.title)).to_be_visible()
    featured = page.get_by_role("region", name="Featured publications")
    expect(featured.get_by_role("link", name=public_site.publication.title)).to_be_visible()


def test_header_search_finds_text_inside_a_pdf(page, public_site):
    page.goto("/")
    header = page.get_by_role("banner")
    header.get_by_role("searchbox", name="Search the site").fill("staffers")
    header.get_by_role("button", name="Search").click()

    expect(page).to_have_url("/search/?q=staffers")
    result = page.locator(".result").filter(has_text=public_site.publication.title)
    expect(result).to_have_count(1)
    expect(result.locator(".passage mark")).to_have_text("staffers")
    expect(result.locator(".passage")).to_contain_text("congressional staffers")


def test_search_page_updates_results_as_you_type(page, console_errors, public_site):
    page.goto("/search/")
    page.get_by_role("main").get_by_role("searchbox", name="Search for").fill("staffers")

    results = page.locator("#search-results")
    expect(results.get_by_role("link", name=public_site.publication.title)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/search/\?q=staffers"))
    assert console_errors == []


def test_publication_page_offers_its_pdf(page, public_site):
    page.goto(public_site.publication.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(public_site.publication.title)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").click()

    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert Path(download.path()).read_bytes().startswith(b"%PDF")


def test_editor_publishes_news_that_visitors_then_see(
    page, new_context, public_site, django_user_model, settings
):
    # Wagtail's autosave posts drafts in the background while the test types, racing the
    # explicit publish; on in-memory SQLite the live server's request threads also share
    # one connection, so overlapping writes can fail with "database table is locked".
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    django_user_model.objects.create_superuser("editor", "editor@example.org", "correct-horse-9")
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct-horse-9")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url("/admin/")

    page.goto(f"/admin/pages/{public_site.tree.news_index.pk}/")
    page.get_by_role("link", name="Add child page").first.click()
    page.locator("#id_title").fill("Editors publish from the admin")
    page.locator("#id_date").fill("2026-01-05")
    page.locator("#id_intro").fill("An item written in the browser.")
    # The body is a StreamField: insert a paragraph block, then type into its Draftail editor.
    page.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="Paragraph").click()
    paragraph = page.get_by_role("region", name="Paragraph").get_by_role("textbox")
    paragraph.click()
    page.keyboard.type("Written through the rich text editor.")
    # Draftail copies its state into the block's hidden input after a short delay; publishing
    # before that would submit an empty, and so invalid, paragraph.
    expect(page.locator("input[name='body-0-value']")).to_have_value(
        re.compile("Written through the rich text editor")
    )
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page).to_have_url(f"/admin/pages/{public_site.tree.news_index.pk}/")
    expect(page.get_by_text("created and published")).to_be_visible()

    visitor = new_context().new_page()
    visitor.goto("/")
    latest = visitor.get_by_role("region", name="Latest news")
    expect(latest.get_by_role("link", name="Editors publish from the admin")).to_be_visible()
    expect(latest.locator(".card").first).to_contain_text("January 5, 2026")


def blocking_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the current page, one readable line each."""
    results = Axe().run(page)
    lines = []
    for violation in results.response["violations"]:
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        for node in violation["nodes"]:
            lines.append(
                f"{page.url} [{violation['impact']}] {violation['id']}: {violation['help']} "
                f"at {', '.join(map(str, node['target']))}\n    {node['failureSummary']}"
            )
    return lines


def save_screenshot(page, name: str) -> None:
    """Full-page screenshots for a person to look at, when AMICC_SCREENSHOT_DIR is set."""
    directory = os.environ.get("AMICC_SCREENSHOT_DIR")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(directory) / f"{name}.png", full_page=True)


def test_public_pages_have_no_serious_accessibility_violations(page, public_site):
    tour = {
        "home": "/",
        "news-index": public_site.tree.news_index.url,
        "news": public_site.news.url,
        "publication": public_site.publication.url,
        "search": "/search/?q=staffers",
    }
    findings = []
    for name, url in tour.items():
        page.goto(url)
        save_screenshot(page, name)
        findings += blocking_violations(page)

    assert not findings, "axe-core found serious or critical violations:\n" + "\n".join(findings)


@pytest.mark.parametrize("url", ["/", "/search/?q=staffers"])
def test_public_pages_run_under_the_content_security_policy(page, console_errors, public_site, url):
    # Waiting for the network to settle lets late requests (the favicon) report errors too.
    response = page.goto(url, wait_until="networkidle")

    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert console_errors == []


def test_home_page_fits_a_phone_screen(new_context, public_site):
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto("/")
    save_screenshot(page, "home-mobile")

    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(page.get_by_role("searchbox", name="Search the site")).to_be_visible()
