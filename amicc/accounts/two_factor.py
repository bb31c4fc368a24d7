"""Two-step verification for everyone who can reach the admin: an authenticator app (TOTP)
and ten single-use backup codes, with django-otp.

A person enrolled signs in with their password and is then asked for a code before any
admin page (`SecondFactorMiddleware`); `AMICC_REQUIRE_2FA_FOR_STAFF` sends everyone with
admin access who is not enrolled to the enrolment page first. The API is untouched: its
keys do not use sessions.

One person has at most one authenticator and one set of backup codes. django-otp keeps
the backup codes as they are, which is why they are shown once and can be replaced.
"""

import base64
import binascii
import re
from dataclasses import dataclass
from urllib.parse import quote

import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key
from wagtail.log_actions import log

BACKUP_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
BACKUP_CODES_NAME = "Backup codes"
PENDING_KEY_SESSION = "amicc_2fa_pending_key"
ENABLE_ACTION = "amicc.two_factor.enable"
DISABLE_ACTION = "amicc.two_factor.disable"
RESET_ACTION = "amicc.two_factor.reset"
NEW_CODES_ACTION = "amicc.two_factor.backup_codes"
_SPACING = re.compile(r"[\s-]+")
_TOTP_CODE = re.compile(r"\d{6}")


def has_admin_access(user) -> bool:
    """Who two-step verification is for, and whom `AMICC_REQUIRE_2FA_FOR_STAFF` binds."""
    return user.has_perm("wagtailadmin.access_admin")


def is_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# --- Enrolment


def pending_key(request: HttpRequest) -> str:
    """The secret offered to the signed-in person until they confirm it, kept in the session."""
    key = request.session.get(PENDING_KEY_SESSION)
    if not key:
        key = request.session[PENDING_KEY_SESSION] = default_key()
    return key


@dataclass(frozen=True)
class Enrolment:
    qr_svg: SafeString
    secret: str  # the key in base32, in groups of four, for typing in by hand


def enrolment_for(*, user, key: str) -> Enrolment:
    device = TOTPDevice(user=user, key=key, name=AUTHENTICATOR_NAME)
    qr = segno.make(device.config_url, error="m")
    # A white ground and a quiet zone of four modules, so it scans in the dark theme too.
    svg = qr.svg_inline(
        scale=5,
        border=4,
        dark="#000",
        light="#fff",
        title=gettext("QR code for your authenticator app"),
    )
    secret = base64.b32encode(device.bin_key).decode()
    return Enrolment(
        qr_svg=mark_safe(svg),  # noqa: S308 - drawn by segno from our own URL
        secret=" ".join(secret[at : at + 4] for at in range(0, len(secret), 4)),
    )


def _unwrapped(user):
    """The user itself: `request.user` is a lazy proxy, which the audit log cannot file."""
    return getattr(user, "_wrapped", user) if user.pk else user


def _normal(code: str) -> str:
    return _SPACING.sub("", code or "").lower()


def _new_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_CODES_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def two_factor_enrol(*, request: HttpRequest, code: str) -> list[str] | None:
    """Confirm the pending secret with a code from the app; the backup codes, or None.

    The session counts as verified from then on, so the person carries on working.
    """
    user = request.user
    key = request.session.get(PENDING_KEY_SESSION)
    code = _normal(code)
    if not key or not _TOTP_CODE.fullmatch(code):
        return None
    try:
        totp = TOTP(binascii.unhexlify(key))
    except (binascii.Error, ValueError):
        return None
    if not totp.verify(int(code), tolerance=1):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(
            user=user,
            name=AUTHENTICATOR_NAME,
            key=key,
            confirmed=True,
            drift=totp.drift,
            last_t=totp.t(),  # the code just used cannot be used again to sign in
        )
        codes = _new_backup_codes(user)
        log(instance=_unwrapped(user), action=ENABLE_ACTION, user=user)
    del request.session[PENDING_KEY_SESSION]
    otp_login(request, device)
    return codes


# --- Verification


@dataclass(frozen=True)
class Verification:
    device: object | None
    throttled: bool = False


def code_check(*, user, code: str) -> Verification:
    """Match a code from the app or a backup code (which is then used up) to `user`'s devices.

    Wrong codes slow the next attempts down (django-otp's throttling doubles the wait after
    each failure), which stops guessing.
    """
    code = _normal(code)
    model = TOTPDevice if _TOTP_CODE.fullmatch(code) else StaticDevice
    device = model.objects.filter(user=user, confirmed=True).first()
    if device is None or not code:
        return Verification(device=None)
    if not device.verify_is_allowed()[0]:
        return Verification(device=None, throttled=True)
    return Verification(device=verify_token(user, device.persistent_id, code))


def session_verify(request: HttpRequest, device) -> None:
    """Mark the session as having passed the second step, under a new session key."""
    request.session.cycle_key()
    otp_login(request, device)


# --- Changes after enrolment


def _remove_devices(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def two_factor_disable(*, user) -> None:
    """The person turns two-step verification off for themselves (after password and code)."""
    with transaction.atomic():
        _remove_devices(user)
        log(instance=_unwrapped(user), action=DISABLE_ACTION, user=user)


def two_factor_reset(*, user, by) -> None:
    """An administrator removes `user`'s authenticator and codes, e.g. after a lost phone."""
    with transaction.atomic():
        _remove_devices(user)
        log(instance=_unwrapped(user), action=RESET_ACTION, user=by)


def backup_codes_renew(*, user) -> list[str]:
    """Ten new backup codes in place of the old ones."""
    with transaction.atomic():
        codes = _new_backup_codes(user)
        log(instance=_unwrapped(user), action=NEW_CODES_ACTION, user=user)
    return codes


def may_reset_for(*, by, user) -> bool:
    """Administrators (who may change users) reset others' 2FA; only superusers a superuser's."""
    if by.pk == user.pk or not by.has_perm("accounts.change_user"):
        return False
    return by.is_superuser or not user.is_superuser


# --- Where the middleware sends people

# Admin views a person signed in with a password only may still open.
OPEN_VIEW_NAMES = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
        "admin:login",
        "admin:logout",
        "accounts_admin:two-factor-verify",
    }
)
ENROL_VIEW_NAMES = frozenset({"accounts_admin:two-factor", "accounts_admin:two-factor-enrol"})
PROTECTED_PREFIXES = ("/admin/", "/django-admin/")


def second_step_redirect(request: HttpRequest, view_name: str) -> str | None:
    """Where a signed-in person must go before this admin view, or None to let them in."""
    if not request.path_info.startswith(PROTECTED_PREFIXES) or view_name in OPEN_VIEW_NAMES:
        return None
    user = request.user
    # Someone without admin access is turned away by the admin itself.
    if not user.is_authenticated or user.is_verified() or not has_admin_access(user):
        return None
    next_url = quote(request.get_full_path(), safe="/")
    if is_enrolled(user):
        return f"{reverse('accounts_admin:two-factor-verify')}?next={next_url}"
    if settings.AMICC_REQUIRE_2FA_FOR_STAFF and view_name not in ENROL_VIEW_NAMES:
        return f"{reverse('accounts_admin:two-factor-enrol')}?next={next_url}"
    return None
