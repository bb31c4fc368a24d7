"""Two-step verification: setting it up, signing in with it, backup codes, turning it off,
an administrator's reset, and the setting that makes it compulsory for admin users."""

import base64
import binascii
import re
import time

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from amicc.accounts import two_factor
from amicc.api.keys import api_key_create

pytestmark = pytest.mark.django_db

PASSWORD = "the-right-password-1"
ENROL = "/admin/security/two-factor/set-up/"
VERIFY = "/admin/security/two-factor/verify/"
OVERVIEW = "/admin/security/two-factor/"


def code_for(key: str, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for `key`, now or `steps_ahead` periods later."""
    totp = TOTP(binascii.unhexlify(key))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def wrong_code_for(key: str) -> str:
    accepted = {code_for(key, steps_ahead=steps) for steps in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222") if code not in accepted)


def in_group(django_user_model, username: str, group: str, **kwargs):
    user = django_user_model.objects.create_user(username, password=PASSWORD, **kwargs)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(django_user_model):
    return in_group(django_user_model, "edwina", "Editors")


@pytest.fixture
def enrolled(editor):
    """Edwina with an authenticator and the backup codes `abcd2345` and `efgh6723`."""
    TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    device = StaticDevice.objects.create(user=editor, name="codes", confirmed=True)
    for code in ("abcd2345", "efgh6723"):
        StaticToken.objects.create(device=device, token=code)
    return editor


@pytest.fixture
def no_throttle(settings):
    """django-otp makes a person wait a second after a wrong code; tests do not wait."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def sign_in(client, username="edwina", password=PASSWORD):
    response = client.post("/admin/login/", {"username": username, "password": password})
    assert response.status_code == 302, "the password step succeeds"
    return response


def totp_key(user) -> str:
    return TOTPDevice.objects.get(user=user).key


def test_setting_up_shows_a_qr_code_confirms_a_code_and_shows_ten_backup_codes(client, editor):
    client.force_login(editor)
    page = client.get(ENROL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "QR code for your authenticator app" in html
    key = client.session[two_factor.PENDING_KEY_SESSION]
    secret = re.search(r'<code id="two-factor-secret">([A-Z2-7 ]+)</code>', html)[1]
    assert base64.b32decode(secret.replace(" ", "")).hex() == key

    wrong = client.post(ENROL, {"code": wrong_code_for(key)})
    assert wrong.status_code == 400 and "That code does not match" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=editor).exists()

    done = client.post(ENROL, {"code": code_for(key)})
    assert done.status_code == 200
    shown = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    assert len(shown) == 10
    assert sorted(shown) == sorted(
        StaticToken.objects.filter(device__user=editor).values_list("token", flat=True)
    )
    assert TOTPDevice.objects.get(user=editor).confirmed
    assert ModelLogEntry.objects.filter(action=two_factor.ENABLE_ACTION, user=editor).exists()
    # The session that set it up carries on, already verified.
    assert client.get("/admin/").status_code == 200
    # The codes are shown once: the page now only counts them.
    overview = client.get(OVERVIEW).content.decode()
    assert "10</strong> unused backup codes" in overview and shown[0] not in overview
    assert client.get(ENROL)["Location"] == OVERVIEW


def test_after_the_password_every_admin_page_waits_for_the_code(client, enrolled, no_throttle):
    sign_in(client)
    for path in ("/admin/", "/admin/pages/", "/admin/account/", "/django-admin/", OVERVIEW):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(f"{VERIFY}?next="), path
    assert client.get(VERIFY).status_code == 200

    wrong = client.post(VERIFY, {"code": "12345x", "next": "/admin/pages/"})
    assert wrong.status_code == 400
    assert "That code is not right" in wrong.content.decode()
    assert client.get("/admin/")["Location"].startswith(VERIFY)

    right = client.post(VERIFY, {"code": code_for(totp_key(enrolled)), "next": "/admin/pages/"})
    assert right.status_code == 302 and right["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_a_code_is_not_taken_twice(client, enrolled, no_throttle):
    code = code_for(totp_key(enrolled))
    sign_in(client)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.logout()
    sign_in(client)
    assert client.post(VERIFY, {"code": code}).status_code == 400


def test_wrong_codes_in_a_row_slow_the_next_attempts(client, enrolled):
    sign_in(client)
    key = totp_key(enrolled)
    assert client.post(VERIFY, {"code": wrong_code_for(key)}).status_code == 400
    throttled = client.post(VERIFY, {"code": code_for(key)})
    assert throttled.status_code == 429
    assert "Wait a minute" in throttled.content.decode()


def test_a_backup_code_works_once(client, enrolled, no_throttle):
    sign_in(client)
    assert client.post(VERIFY, {"code": "ABCD-2345"}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    sign_in(client)
    assert client.post(VERIFY, {"code": "abcd2345"}).status_code == 400
    assert client.post(VERIFY, {"code": "efgh 6723"}).status_code == 302
    assert not StaticToken.objects.filter(device__user=enrolled).exists()


def test_the_next_address_never_leaves_the_site(client, enrolled):
    sign_in(client)
    code = code_for(totp_key(enrolled))
    response = client.post(VERIFY, {"code": code, "next": "https://evil.example/admin/"})
    assert response["Location"] == "/admin/"


def test_signing_out_and_resetting_a_password_need_no_code(client, enrolled):
    sign_in(client)
    assert client.get("/admin/password_reset/").status_code == 200
    assert client.post("/admin/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_turning_it_off_takes_the_password_and_a_code(client, enrolled, no_throttle):
    sign_in(client)
    client.post(VERIFY, {"code": "abcd2345"})
    url = reverse("accounts_admin:two-factor-off")
    key = totp_key(enrolled)
    wrong_password = client.post(url, {"password": "nope", "code": code_for(key)})
    assert wrong_password.status_code == 400
    assert "That is not your password" in wrong_password.content.decode()
    wrong_code = client.post(url, {"password": PASSWORD, "code": wrong_code_for(key)})
    assert wrong_code.status_code == 400
    assert TOTPDevice.objects.filter(user=enrolled).exists()
    assert StaticToken.objects.filter(token="efgh6723").exists(), "no code spent on a bad password"
    done = client.post(url, {"password": PASSWORD, "code": "efgh6723"})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=enrolled).exists()
    assert not StaticDevice.objects.filter(user=enrolled).exists()
    assert ModelLogEntry.objects.filter(action=two_factor.DISABLE_ACTION).exists()
    client.logout()
    sign_in(client)
    assert client.get("/admin/").status_code == 200


def test_new_backup_codes_replace_the_old_ones(client, enrolled, no_throttle):
    sign_in(client)
    client.post(VERIFY, {"code": code_for(totp_key(enrolled))})
    url = reverse("accounts_admin:two-factor-backup-codes")
    response = client.post(
        url, {"password": PASSWORD, "code": code_for(totp_key(enrolled), steps_ahead=1)}
    )
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(codes) == 10
    client.logout()
    sign_in(client)
    assert client.post(VERIFY, {"code": "abcd2345"}).status_code == 400
    assert client.post(VERIFY, {"code": codes[3]}).status_code == 302


def test_an_administrator_resets_someone_elses_two_factor(client, enrolled, django_user_model):
    administrator = in_group(django_user_model, "anna", "Administrators")
    client.force_login(administrator)
    listing = client.get(reverse("wagtailusers_users:index")).content.decode()
    reset_url = reverse("accounts_admin:two-factor-reset", args=[enrolled.pk])
    assert reset_url in listing
    assert "uses two-step verification" in client.get(reset_url).content.decode()
    response = client.post(reset_url)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=enrolled).exists()
    entry = ModelLogEntry.objects.get(action=two_factor.RESET_ACTION)
    assert entry.user == administrator and entry.object_id == str(enrolled.pk)


def test_only_administrators_reset_and_only_superusers_reset_a_superuser(
    client, enrolled, django_user_model
):
    other_editor = in_group(django_user_model, "otto", "Editors")
    client.force_login(other_editor)
    client.post(reverse("accounts_admin:two-factor-reset", args=[enrolled.pk]))
    assert TOTPDevice.objects.filter(user=enrolled).exists()

    root = django_user_model.objects.create_superuser("root", password=PASSWORD)
    TOTPDevice.objects.create(user=root, name="app", confirmed=True)
    administrator = in_group(django_user_model, "anna", "Administrators")
    client.force_login(administrator)
    client.post(reverse("accounts_admin:two-factor-reset", args=[root.pk]))
    assert TOTPDevice.objects.filter(user=root).exists()


def test_the_account_settings_link_to_two_factor(client, editor):
    client.force_login(editor)
    page = client.get(reverse("wagtailadmin_account")).content.decode()
    assert OVERVIEW in page and "Two-step verification" in page


def test_the_setting_sends_admin_users_to_set_it_up_first(client, editor, settings):
    settings.AMICC_REQUIRE_2FA_FOR_STAFF = True
    client.force_login(editor)
    for path in ("/admin/", "/admin/pages/", "/django-admin/"):
        assert client.get(path)["Location"] == f"{ENROL}?next={path}", path
    assert client.get(ENROL + "?next=/admin/pages/").status_code == 200
    assert client.get(OVERVIEW).status_code == 200
    key = client.session[two_factor.PENDING_KEY_SESSION]
    done = client.post(ENROL, {"code": code_for(key), "next": "/admin/pages/"})
    assert 'href="/admin/pages/"' in done.content.decode()
    assert client.get("/admin/pages/").status_code == 200


def test_the_setting_leaves_people_without_admin_access_alone(client, django_user_model, settings):
    settings.AMICC_REQUIRE_2FA_FOR_STAFF = True
    supporter = django_user_model.objects.create_user("sam", password=PASSWORD)
    client.force_login(supporter)
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/login/")


def test_without_the_setting_nobody_is_made_to_set_it_up(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_api_keys_work_without_the_second_step(client, enrolled, settings):
    settings.AMICC_REQUIRE_2FA_FOR_STAFF = True
    enrolled.groups.add(Group.objects.get(name="Coalition staff"))
    _, secret = api_key_create(owner=enrolled, name="CRM sync", scope="read")
    response = client.get("/api/v1/people", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


def test_guessing_the_password_to_turn_it_off_counts_towards_the_lockout(
    client, enrolled, no_throttle
):
    sign_in(client)
    client.post(VERIFY, {"code": "abcd2345"})
    url = reverse("accounts_admin:two-factor-off")
    statuses = [
        client.post(url, {"password": "guess", "code": "efgh6723"}).status_code for _ in range(5)
    ]
    assert statuses == [400, 400, 400, 400, 429]
    assert client.post(url, {"password": PASSWORD, "code": "efgh6723"}).status_code == 429
    assert TOTPDevice.objects.filter(user=enrolled).exists()
