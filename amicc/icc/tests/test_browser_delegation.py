"""Applying to the delegation in Chromium, then finding the application in the admin."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from amicc.coalition.tests.factories import UserFactory
from amicc.icc.models import DelegationApplication
from amicc.icc.tests.test_delegation import make_delegation, pdf_bytes
from amicc.pages.tests.test_browser import blocking_violations, save_screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-staff-passphrase-7"


def test_apply_with_a_pdf_then_staff_find_the_application(page, new_context, console_errors):
    delegation = make_delegation(places=3)
    staff = UserFactory(username="delegation-staff", password=PASSWORD)
    staff.groups.add(Group.objects.get(name="Coalition staff"))

    page.goto(delegation.url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Assembly of States Parties")
    findings = blocking_violations(page)
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Your email address").fill("ada@example.org")
    page.get_by_label("Affiliation").fill("Columbia Law School")
    page.get_by_label("You are").select_option(label="Student")
    page.get_by_label("Your statement").fill("I would report back to my campus.")
    days = page.get_by_role("group", name="The days you can attend").get_by_role("checkbox")
    days.nth(0).check()
    days.nth(2).check()
    page.get_by_label(re.compile("^I agree that AMICC keeps")).check()
    page.get_by_role("button", name="Send my application").click()

    # Without a CV the form comes back with everything typed, and asks for the file again.
    expect(page.get_by_role("alert")).to_contain_text("Choose your CV, as a PDF file.")
    expect(page.get_by_label("Your statement")).to_have_value("I would report back to my campus.")
    expect(days.nth(2)).to_be_checked()
    findings += blocking_violations(page)
    save_screenshot(page, "icc-delegation-missing-cv")
    page.get_by_label("Your CV (PDF)").set_input_files(
        {"name": "ada-cv.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    page.get_by_label(re.compile("^I agree that AMICC keeps")).check()
    page.get_by_role("button", name="Send my application").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for applying")
    application = DelegationApplication.objects.get()
    assert application.available_days == [delegation.days[0], delegation.days[2]]
    assert application.cv.read() == pdf_bytes()
    assert [message.to for message in mail.outbox] == [["ada@example.org"]]

    admin = new_context().new_page()
    admin.goto("/admin/login/")
    admin.get_by_label("Username").fill("delegation-staff")
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Sign in").click()
    expect(admin).to_have_url("/admin/")
    viewset = DelegationApplication.snippet_viewset
    admin.goto(reverse(viewset.get_url_name("list")))
    row = admin.get_by_role("row").filter(has_text="Ada Lovelace")
    expect(row).to_contain_text("Columbia Law School")
    expect(row).to_contain_text("Submitted")
    admin.goto(reverse(viewset.get_url_name("inspect"), args=[application.pk]))
    expect(admin.get_by_text("I would report back to my campus.")).to_be_visible()
    expect(admin.get_by_role("link", name="Download the CV (PDF)")).to_be_visible()
    save_screenshot(admin, "icc-delegation-admin-inspect")
    admin.get_by_role("button", name="Accept").click()
    expect(
        admin.get_by_text("Ada Lovelace is accepted; we emailed them the decision.")
    ).to_be_visible()
    admin.get_by_role("link", name="See the delegation's roster").click()
    expect(admin.get_by_text("1 accepted of 3 places")).to_be_visible()
    delegate = admin.get_by_role("form", name="Ada Lovelace")
    delegate.get_by_label("Travel booked").check()
    delegate.get_by_role("button", name="Save the logistics of Ada Lovelace").click()
    expect(admin.get_by_text("Saved the logistics of Ada Lovelace.")).to_be_visible()
    save_screenshot(admin, "icc-delegation-admin-roster")
    application.refresh_from_db()
    assert application.logistics.travel_booked and not application.logistics.lodging_booked
    assert [message.to for message in mail.outbox] == [["ada@example.org"]] * 2
    assert not findings, "axe-core found serious or critical violations:\n" + "\n".join(findings)
    # The form without a CV came back with 400, which Chromium logs; nothing else may be.
    assert [error for error in console_errors if "400 (Bad Request)" not in error] == []
