"""Signing in: five failures lock a username and address pair out for thirty minutes."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from amicc.accounts.lockout import UNLOCK_ACTION

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "the-right-password-1"
HOME = "203.0.113.7"
ELSEWHERE = "198.51.100.9"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        "edwina", email="ed@amicc.example", password=PASSWORD
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def sign_in(client, username, password, *, address=HOME, url=LOGIN):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def without_csrf_token(response) -> bytes:
    return re.sub(rb'"CSRF_TOKEN": "[^"]*"', b"", response.content)


def fail(client, username, times, **kwargs):
    return [sign_in(client, username, "wrong", **kwargs) for _ in range(times)]


def test_five_failures_lock_and_the_right_password_is_refused_while_locked(client, editor):
    first_four = fail(client, "edwina", 4)
    assert [response.status_code for response in first_four] == [200] * 4
    fifth = sign_in(client, "edwina", "wrong")
    assert fifth.status_code == 429
    assert fifth["Retry-After"] == "1800"
    page = fifth.content.decode()
    assert "Signing in is paused" in page and "30 minutes" in page
    refused = sign_in(client, "edwina", PASSWORD)
    assert refused.status_code == 429
    assert not signed_in(client)


def test_the_lockout_reads_the_same_whether_or_not_the_username_exists(client, editor):
    existing = fail(client, "edwina", 5)[-1]
    unknown = fail(client, "nobody-by-this-name", 5)[-1]
    assert existing.status_code == unknown.status_code == 429
    # The same page, byte for byte, but for the admin's per-request CSRF token.
    assert without_csrf_token(existing) == without_csrf_token(unknown)
    assert b"edwina" not in existing.content.split(b"<main", 1)[1].replace(b"paused", b"")


def test_other_users_and_other_addresses_are_not_locked(client, editor, django_user_model):
    django_user_model.objects.create_user("ann", password=PASSWORD)
    fail(client, "edwina", 5)
    assert sign_in(client, "ann", PASSWORD).status_code == 302
    client.logout()
    from_elsewhere = sign_in(client, "edwina", PASSWORD, address=ELSEWHERE)
    assert from_elsewhere.status_code == 302 and signed_in(client)


def test_the_lockout_ends_after_the_cool_off(client, editor):
    fail(client, "edwina", 5)
    assert sign_in(client, "edwina", PASSWORD).status_code == 429
    # Thirty-one minutes later, as far as the recorded attempt is concerned.
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(minutes=31)
    )
    assert sign_in(client, "edwina", PASSWORD).status_code == 302
    assert signed_in(client)


def test_a_successful_sign_in_starts_the_count_again(client, editor):
    fail(client, "edwina", 4)
    assert sign_in(client, "edwina", PASSWORD).status_code == 302
    client.logout()
    assert [response.status_code for response in fail(client, "edwina", 4)] == [200] * 4


def test_the_limit_and_cool_off_follow_the_settings(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=5)
    assert [response.status_code for response in fail(client, "edwina", 2)] == [200, 429]
    assert sign_in(client, "edwina", PASSWORD)["Retry-After"] == "300"


def test_the_django_admin_sign_in_is_protected_too(client, django_user_model):
    django_user_model.objects.create_superuser("root", password=PASSWORD)
    url = "/django-admin/login/"
    statuses = [sign_in(client, "root", "wrong", url=url).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert sign_in(client, "root", PASSWORD, url=url).status_code == 429


def test_staff_see_and_lift_a_lockout_recorded_in_the_audit_log(client, editor, django_user_model):
    fail(client, "edwina", 5, address=ELSEWHERE)
    administrator = django_user_model.objects.create_user("admin-anna", password=PASSWORD)
    administrator.groups.add(Group.objects.get(name="Administrators"))
    client.force_login(administrator)
    listing = client.get(reverse("accounts_admin:lockouts"))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "edwina" in page and ELSEWHERE in page
    attempt = AccessAttempt.objects.get(username="edwina")
    unlocked = client.post(reverse("accounts_admin:lockouts"), {"attempt": attempt.pk})
    assert unlocked.status_code == 302
    assert not AccessAttempt.objects.exists()
    entry = ModelLogEntry.objects.get(action=UNLOCK_ACTION)
    assert entry.user == administrator and entry.data["username"] == "edwina"
    client.logout()
    assert sign_in(client, "edwina", PASSWORD, address=ELSEWHERE).status_code == 302


def test_unlocking_answers_bad_input_without_an_error(client, django_user_model):
    administrator = django_user_model.objects.create_user("admin-anna", password=PASSWORD)
    administrator.groups.add(Group.objects.get(name="Administrators"))
    client.force_login(administrator)
    for value in ("", "abc", "²", "99999999999999999999999", "-1"):
        response = client.post(reverse("accounts_admin:lockouts"), {"attempt": value})
        assert response.status_code == 302


def test_only_those_who_manage_users_may_unlock(client, editor, django_user_model):
    django_user_model.objects.create_user("ann", password=PASSWORD)
    fail(client, "ann", 5)
    client.force_login(editor)
    # The admin answers a refusal by sending the person back to the dashboard.
    assert client.get(reverse("accounts_admin:lockouts"))["Location"] == reverse(
        "wagtailadmin_home"
    )
    attempt = AccessAttempt.objects.get(username="ann")
    client.post(reverse("accounts_admin:lockouts"), {"attempt": attempt.pk})
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_the_command_line_unlocks_too(client, editor):
    fail(client, "edwina", 5)
    call_command("axes_reset_username", "edwina", verbosity=0)
    assert sign_in(client, "edwina", PASSWORD).status_code == 302


def test_password_reset_still_sends_its_link(client, editor):
    response = client.post(reverse("wagtailadmin_password_reset"), {"email": "ed@amicc.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "ed@amicc.example" in mail.outbox[0].to


@pytest.mark.parametrize(
    ("remote_addr", "counted_as"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8::1", "2001:db8::1"),
        ("fe80::1%eth0", "fe80::1"),
        ("", None),
        ("unix:/run/amicc.sock", None),
        ("not-an-address", None),
    ],
)
def test_the_client_is_remote_addr_only(rf, remote_addr, counted_as):
    from amicc.accounts.lockout import client_ip

    request = rf.post(LOGIN, REMOTE_ADDR=remote_addr, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert client_ip(request) == counted_as


def test_a_request_without_an_address_is_counted_without_an_error(client, editor):
    statuses = [sign_in(client, "edwina", "wrong", address="").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert AccessAttempt.objects.get().ip_address is None


def test_forwarded_headers_do_not_escape_the_lockout(client, editor):
    for number in range(5):
        client.post(
            LOGIN,
            {"username": "edwina", "password": "wrong"},
            REMOTE_ADDR=HOME,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )
    assert sign_in(client, "edwina", PASSWORD).status_code == 429
