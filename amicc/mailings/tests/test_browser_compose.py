"""Staff compose a newsletter in Chromium, preview it, send it and read the final report."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from amicc.coalition.tests.factories import PersonFactory, UserFactory
from amicc.mailings.choices import NewsletterStatus
from amicc.mailings.models import Newsletter
from amicc.mailings.tests.test_compose_fixtures import campaign_make
from amicc.pages.tests.test_browser import BLOCKING_IMPACTS, save_screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-staff-passphrase-7"
READERS = ["Ada Lovelace", "Grace Hopper", 'Ann & "Bob" <Smith>']


def blocking_violations(page) -> list[str]:
    """axe-core's serious and critical findings on our admin pages.

    Wagtail's own flash messages are left out: axe catches them mid-way through their
    fade-in, in colours that are not theirs once shown.
    """
    results = Axe().run(page, context={"exclude": [[".messages"]]})
    return [
        f"{page.url} [{violation['impact']}] {violation['id']}: {violation['help']} at "
        f"{', '.join(map(str, node['target']))}\n    {node['failureSummary']}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
        for node in violation["nodes"]
    ]


def shoot(page, name: str) -> None:
    """Into AMICC_SCREENSHOT_DIR like the other browser tests, and /tmp when asked to."""
    save_screenshot(page, f"mailings-{name}")
    if directory := os.environ.get("AMICC_MAILINGS_SCREENSHOTS"):
        page.screenshot(path=Path(directory) / f"mailings-{name}.png", full_page=True)


def test_staff_compose_preview_and_send_a_newsletter(page, settings, site_tree, console_errors):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # see the pages app's editor test
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None  # offline: no avatars from elsewhere
    for number, name in enumerate(READERS):
        PersonFactory(name=name, email=f"reader{number}@example.org", wants_newsletter=True)
    campaign = campaign_make("Support the Court")
    staff = UserFactory(username="mailings-staff", password=PASSWORD, email="staff@example.org")
    staff.groups.add(Group.objects.get(name="Coalition staff"))

    page.goto("/admin/login/")
    page.get_by_label("Username").fill("mailings-staff")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url("/admin/")
    page.set_viewport_size({"width": 1280, "height": 1900})  # the admin scrolls inside

    page.goto(reverse_add())
    page.locator("#id_title").fill("Winter news")
    page.locator("#id_slug").fill("winter-news")
    page.locator("#id_subject").fill("Winter news from the coalition")
    page.locator("#id_preheader").fill("The Assembly met in The Hague")
    page.locator("#id_mailing_list").select_option(label="Coalition newsletter")
    # A text block, typed into its rich text editor.
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Text").click()
    page.get_by_role("region", name="Text").get_by_role("textbox").click()
    page.keyboard.type("The Assembly of States Parties met in The Hague this month.")
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile("Assembly"))
    # A call to action, its campaign picked in the chooser.
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Call to action").click()
    cta = page.get_by_role("region", name="Call to action")
    cta.get_by_label("Heading").fill("Write to Congress")
    cta.get_by_label("Text", exact=True).fill("A few sentences from you make a difference.")
    cta.get_by_role("button", name="Choose a letter campaign").click()
    page.get_by_role("dialog").get_by_role("link", name="Support the Court").click()
    expect(cta.get_by_text("Support the Court")).to_be_visible()
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(page.locator(".modal-backdrop")).to_have_count(0)
    page.locator("#id_title").scroll_into_view_if_needed()
    shoot(page, "compose")
    page.get_by_role("button", name="Save").click()

    newsletter = Newsletter.objects.get(slug="winter-news")
    expect(page).to_have_url(f"/admin/mailings/newsletters/{newsletter.pk}/")
    expect(page.get_by_text("3 recipients now")).to_be_visible()
    findings = blocking_violations(page)

    page.get_by_role("link", name="Preview").click()
    page.get_by_label("Find a recipient by name or email").fill("Ann")
    page.get_by_role("button", name="Find").click()
    page.get_by_label("Show it as this recipient would get it").select_option(
        label='Ann & "Bob" <Smith> <reader2@example.org>'
    )
    page.get_by_role("button", name="Show the preview").click()
    expect(page.get_by_test_id("preview-subject")).to_have_text("Winter news from the coalition")
    email = page.frame_locator("iframe[title='The email as it will look']")
    expect(email.get_by_text('Dear Ann & "Bob" <Smith>,')).to_be_visible()
    expect(email.get_by_role("link", name="Write to your representatives")).to_have_attribute(
        "href", re.compile(rf"/act/{campaign.slug}/$")
    )
    findings += blocking_violations(page)
    shoot(page, "preview")

    page.get_by_role("link", name="Go back").click()
    page.get_by_role("link", name="Send now").click()
    expect(page.get_by_text("goes to the 3 recipients")).to_be_visible()
    findings += blocking_violations(page)
    page.get_by_role("button", name="Yes, send it now").click()

    expect(page.get_by_text("3 of 3 sent")).to_be_visible()
    expect(page.get_by_role("heading", name="Report")).to_be_visible()
    findings += blocking_violations(page)
    shoot(page, "report")
    assert Newsletter.objects.get(pk=newsletter.pk).status == NewsletterStatus.SENT
    assert sorted(message.to[0].rsplit("<", 1)[1] for message in mail.outbox) == [
        f"reader{number}@example.org>" for number in range(3)
    ]
    assert not findings, "axe-core found serious or critical violations:\n" + "\n".join(findings)
    assert console_errors == []


def reverse_add() -> str:
    from django.urls import reverse

    return reverse(Newsletter.snippet_viewset.get_url_name("add"))
