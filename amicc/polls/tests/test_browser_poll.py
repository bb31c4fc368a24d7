"""Answering a poll in Chromium, then following the thank-you page to the results."""

import pytest
from playwright.sync_api import expect

from amicc.congress.models import ZipDistrict
from amicc.pages.tests.test_browser import blocking_violations, save_screenshot
from amicc.polls.choices import QuestionKind
from amicc.polls.services.responses import AnswerInput, poll_response_submit
from amicc.polls.tests.factories import make_poll

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

QUESTION = "Should the United States join the International Criminal Court?"


def test_answer_a_poll_and_see_its_published_results(page, console_errors):
    ZipDistrict.objects.create(zcta="10017", state="NY", district=12)
    poll = make_poll(
        questions=[(QuestionKind.SINGLE, QUESTION, ["Yes", "No"])],
        title="The US and the ICC",
        results_published=True,
        min_cell_size=1,
    )
    question = poll.questions.get()
    yes, no = question.options.order_by("sort_order")
    for token, option in (("earlier-1", yes), ("earlier-2", no)):
        poll_response_submit(
            poll=poll, browser_token=token, state="NY", district=12,
            answers=[AnswerInput(question=question, option=option)],
        )  # fmt: skip

    page.goto(poll.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("The US and the ICC")
    expect(page.get_by_role("heading", name="How this poll works")).to_be_visible()
    findings = blocking_violations(page)
    page.get_by_label("ZIP code").fill("10017")
    page.get_by_role("group", name=QUESTION).get_by_label("Yes").check()
    page.get_by_role("button", name="Send my answers").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for answering")
    findings += blocking_violations(page)
    save_screenshot(page, "polls-thanks")
    page.get_by_role("link", name="See the results").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Results: The US and the ICC")
    table = page.get_by_role("table").first
    # The first cell after the answer is its count: two earlier, one of them "No".
    yes_row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Yes"))
    no_row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="No"))
    expect(yes_row.get_by_role("cell").first).to_have_text("2")
    expect(no_row.get_by_role("cell").first).to_have_text("1")
    save_screenshot(page, "polls-results")

    # The same browser cannot answer twice.
    page.goto(poll.get_absolute_url())
    expect(page.get_by_text("this browser has answered it")).to_be_visible()
    assert not findings, "\n".join(findings)
    assert not console_errors, console_errors
