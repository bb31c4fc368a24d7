"""Sign-in lockout with django-axes: who is counted, what a locked-out person sees, unlocking.

Every sign-in form (the Wagtail admin's, Django's admin's) authenticates through
`django.contrib.auth.authenticate`, where axes' backend counts failures per pair of
username and client address (`AXES_LOCKOUT_PARAMETERS`). Somebody guessing passwords
from one address therefore locks out only that pair, never the account everywhere, and
a username that does not exist is counted and locked the same way as one that does, so
the lockout tells nothing about which accounts exist.

The client address is REMOTE_ADDR alone, for the reasons in `amicc.core.ratelimit`.
"""

import ipaddress

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from wagtail.log_actions import log

UNLOCK_ACTION = "amicc.sign_in.unlock"


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR when it is an address (not, say, empty behind a Unix socket), else None."""
    address = (request.META.get("REMOTE_ADDR") or "").split("%", 1)[0]  # no IPv6 zone
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def lockout_minutes() -> int:
    return max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def lockout_response(
    request: HttpRequest, original_response=None, credentials=None
) -> HttpResponse:
    """The page answering a sign-in while its username and address are locked out (429)."""
    minutes = lockout_minutes()
    response = render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    response["Cache-Control"] = "no-store"
    return response


def lockouts_current() -> QuerySet:
    """The username and address pairs locked out now, the latest first."""
    from axes.models import AccessAttempt

    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
    ).order_by("-attempt_time", "-pk")


def lockout_release(*, attempt, by) -> None:
    """Let the pair sign in again at once, recorded in the audit log."""
    with transaction.atomic():
        log(
            instance=attempt,
            action=UNLOCK_ACTION,
            user=by,
            data={"username": attempt.username, "ip_address": attempt.ip_address},
        )
        attempt.delete()
