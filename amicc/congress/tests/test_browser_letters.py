"""Writing to Congress in Chromium: find one's members, then send them a letter."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from amicc.congress.choices import LetterDelivery
from amicc.congress.models import LetterSubmission
from amicc.congress.tests.test_letters import Delegation
from amicc.congress.tests.test_letters import delegation as delegation  # noqa: F401 - fixture
from amicc.pages.tests.test_browser import blocking_violations, save_screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_find_members_then_send_them_a_letter(
    page, console_errors, delegation: Delegation, live_server
):
    page.goto("/representatives/")
    page.get_by_label("ZIP code").fill("10002")
    page.get_by_role("button", name="Find my members").click()
    expect(page.get_by_role("heading", name="Representative Paula Reyes")).to_be_visible()
    expect(page.get_by_role("heading", name="Senator Nora Sterling")).to_be_visible()

    page.goto(f"/act/{delegation.alert.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Protect the Court")
    expect(page.get_by_label("Your letter")).to_have_value(re.compile(r"^\{salutation\},"))
    findings = blocking_violations(page)
    page.get_by_label("Your name").fill("Grace Hopper")
    page.get_by_label("Your email address").fill("grace@example.org")
    page.get_by_label("ZIP code").fill("10002")
    page.get_by_label("Your letter").press("Control+End")
    page.get_by_label("Your letter").press_sequentially("\nP.S. I vote.")
    page.get_by_role("button", name="Send my letter").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, Grace Hopper")
    expect(page.get_by_text("Representative Paula Reyes: emailed to the office")).to_be_visible()
    sterling_letter = page.get_by_label("Your letter to Senator Nora Sterling")
    expect(sterling_letter).to_have_value(re.compile(r"^Dear Senator Sterling,"))
    expect(sterling_letter).to_have_value(re.compile(r"P\.S\. I vote\.$"))
    expect(page.get_by_role("link", name="Open Nora Sterling's contact form")).to_have_attribute(
        "href", "https://sterling.senate.example/contact"
    )
    # The copy buttons come with the script, which runs under the site's CSP.
    expect(page.get_by_role("button", name="Copy the letter")).to_have_count(2)
    save_screenshot(page, "congress-letter-sent")
    findings += blocking_violations(page)

    submission = LetterSubmission.objects.get()
    assert submission.person.email == "grace@example.org"
    assert submission.body.endswith("P.S. I vote.")
    deliveries = {
        letter.legislator.last_name: letter.delivery for letter in submission.letters.all()
    }
    assert deliveries == {
        "Sterling": LetterDelivery.CONTACT_FORM,
        "Hale": LetterDelivery.CONTACT_FORM,
        "Reyes": LetterDelivery.EMAILED,
    }
    assert [message.to for message in mail.outbox] == [["letters@reyes.house.example"]]
    assert not findings, "axe-core found serious or critical violations:\n" + "\n".join(findings)
    assert console_errors == []


def test_a_split_zip_code_without_javascript(new_context, delegation: Delegation):
    visitor = new_context(java_script_enabled=False).new_page()
    visitor.goto(f"/act/{delegation.alert.slug}/")
    visitor.get_by_label("Your name").fill("Ada Lovelace")
    visitor.get_by_label("Your email address").fill("ada@example.org")
    visitor.get_by_label("ZIP code").fill("10001")
    visitor.get_by_role("button", name="Send my letter").click()

    expect(visitor.get_by_role("alert")).to_contain_text("lies in more than one congressional")
    expect(visitor.get_by_label("Your name")).to_have_value("Ada Lovelace")
    save_screenshot(visitor, "congress-letter-split-zip")
    visitor.get_by_label(re.compile("New York, district 12")).check()
    visitor.get_by_role("button", name="Send my letter").click()

    expect(visitor.get_by_role("heading", level=1)).to_have_text("Thank you, Ada Lovelace")
    expect(visitor.get_by_label("Your letter to Representative Quinn Baxter")).to_have_value(
        re.compile(r"^Dear Representative Baxter,")
    )
    expect(visitor.get_by_role("button", name="Copy the letter")).to_have_count(0)
    assert LetterSubmission.objects.get().district == 12
