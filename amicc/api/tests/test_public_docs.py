"""The API's documentation page (ninja's Swagger UI, from ninja's static files) works under the
site's Content Security Policy, which it gets like every other page."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect


def test_the_docs_page_is_served_with_the_sites_csp(db, client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_docs_page_lists_the_operations_in_chromium(page, console_errors):
    page.goto("/api/v1/docs")

    operations = page.locator(".opblock-summary-path")
    expect(operations.first).to_be_visible(timeout=20_000)
    paths = [path.replace("\u200b", "") for path in operations.all_inner_texts()]
    for path in ("/api/v1/news", "/api/v1/representatives", "/api/v1/states-parties/count"):
        assert path in paths
    page.get_by_text("Find the members of Congress for a ZIP code").click()
    expect(page.get_by_text("Five digits, such as 10017").first).to_be_visible()
    if os.environ.get("AMICC_SCREENSHOTS"):
        page.screenshot(path=str(Path(os.environ["AMICC_SCREENSHOTS"]) / "api-docs.png"))
    # Chromium reports every script, style or connection the CSP refuses as a console error.
    assert not console_errors
