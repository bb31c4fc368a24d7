"""Two-step verification in Chromium: set it up from the QR code's key, then sign in with it."""

import base64
import time

import pytest
from django.contrib.auth.models import Group
from django_otp.oath import TOTP
from playwright.sync_api import expect

from amicc.pages.tests.test_browser import blocking_violations, save_screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-test-password-7"


def code_from_key(secret: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the key typed in by hand."""
    totp = TOTP(base64.b32decode(secret.replace(" ", "")))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def sign_in_with_password(page) -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", "edwina")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_set_up_then_sign_in_with_a_code(new_context, live_server, django_user_model):
    editor = django_user_model.objects.create_user("edwina", password=PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    page = new_context().new_page()
    sign_in_with_password(page)
    expect(page).to_have_url(f"{live_server.url}/admin/")

    page.goto("/admin/security/two-factor/")
    page.get_by_role("link", name="Set up two-step verification").click()
    qr = page.locator("figure.two-factor-qr svg")
    expect(qr).to_be_visible()
    assert qr.bounding_box()["width"] >= 150, "big enough to scan"
    save_screenshot(page, "two-factor-set-up")
    findings = blocking_violations(page)
    secret = page.locator("#two-factor-secret").inner_text()
    page.fill("#id_code", code_from_key(secret))
    page.get_by_role("button", name="Turn on two-step verification").click()
    codes = page.get_by_role("list", name="Backup codes").locator("li")
    expect(codes).to_have_count(10)
    save_screenshot(page, "two-factor-backup-codes")

    # Another browser: the password alone leads to the second step, not the admin.
    other = new_context().new_page()
    sign_in_with_password(other)
    expect(other).to_have_url(f"{live_server.url}/admin/security/two-factor/verify/?next=/admin/")
    expect(other.get_by_role("heading", name="Two-step verification")).to_be_visible()
    save_screenshot(other, "two-factor-verify")
    findings += blocking_violations(other)
    accepted = {code_from_key(secret, steps_ahead=steps) for steps in (-1, 0, 1, 2)}
    other.fill("#id_code", next(code for code in ("000000", "111111") if code not in accepted))
    other.get_by_role("button", name="Continue").click()
    expect(other.get_by_text("That code is not right")).to_be_visible()
    time.sleep(1.1)  # django-otp makes the next attempt wait a second after a wrong code
    # The code used to set up cannot be used again; the app's next one works.
    other.fill("#id_code", code_from_key(secret, steps_ahead=1))
    other.get_by_role("button", name="Continue").click()
    expect(other).to_have_url(f"{live_server.url}/admin/")
    expect(other.get_by_role("heading", level=1)).to_be_visible()
    assert not findings, "axe-core found serious or critical violations:\n" + "\n".join(findings)
