"""An RSVP to a full event in Chromium: the waitlist, a cancel link, the promotion."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from amicc.events.choices import RsvpStatus
from amicc.events.models import Rsvp
from amicc.events.tests.factories import EventFactory, in_days
from amicc.pages.tests.test_browser import blocking_violations, save_screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def rsvp(page, path: str, name: str, email: str) -> None:
    page.goto(path)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Your email address").fill(email)
    page.get_by_label(re.compile("^I agree that the coalition keeps")).check()
    page.locator("form.public-form").get_by_role("button").click()


def test_waitlisted_visitor_gets_the_seat_another_gives_back(
    new_context, site_tree, console_errors
):
    event = EventFactory(title="One seat only", capacity=1)
    EventFactory(
        title="A webinar later",
        online_url="https://meet.example.org/x",
        city="",
        venue="",
        address="",
        state="",
        starts_at=in_days(45),
        ends_at=in_days(45, 20),
    )
    path = event.get_absolute_url()

    ada = new_context().new_page()
    ada.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    ada.goto("/events/")
    expect(ada.get_by_role("heading", level=1)).to_have_text("Events")
    findings = blocking_violations(ada)
    save_screenshot(ada, "events-list")
    ada.get_by_role("link", name="One seat only").click()
    expect(ada.get_by_role("heading", level=1)).to_have_text("One seat only")
    expect(ada.get_by_text("1 of 1 seat left")).to_be_visible()
    findings += blocking_violations(ada)
    save_screenshot(ada, "events-detail")
    rsvp(ada, path, "Ada Lovelace", "ada@example.org")
    expect(ada.get_by_role("heading", level=1)).to_have_text("Your seat is booked")

    bea = new_context().new_page()
    bea.goto(path)
    expect(bea.get_by_role("heading", name="Join the waitlist")).to_be_visible()
    save_screenshot(bea, "events-detail-full")
    findings += blocking_violations(bea)
    rsvp(bea, path, "Bea Waiting", "bea@example.org")
    expect(bea.get_by_role("heading", level=1)).to_have_text("You are on the waitlist")
    expect(bea.get_by_text("You are number 1 on its waitlist", exact=False)).to_be_visible()

    (confirmation,) = [m for m in mail.outbox if m.to == ["ada@example.org"]]
    link = re.search(r"http://\S+(/events/rsvp/cancel/\S+/)", confirmation.body)[1]
    ada.goto(link)
    expect(ada.get_by_role("heading", level=1)).to_have_text("Cancel your RSVP")
    findings += blocking_violations(ada)
    ada.get_by_role("button", name="Cancel my RSVP").click()
    expect(ada.get_by_role("heading", level=1)).to_have_text("Your RSVP is cancelled")

    assert Rsvp.objects.get(name="Bea Waiting").status == RsvpStatus.CONFIRMED
    promotion = [m for m in mail.outbox if m.to == ["bea@example.org"]]
    assert [m.subject for m in promotion] == [
        "You are on the waitlist: One seat only",
        "A seat is yours: One seat only",
    ]
    bea.reload()
    expect(bea.get_by_role("heading", level=1)).to_have_text("Your seat is booked")
    assert not findings, "axe-core found serious or critical violations:\n" + "\n".join(findings)
    assert console_errors == []
