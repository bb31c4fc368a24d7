"""The delegation's public pages: the call for applications, withdrawal, and the report.

The call page carries its visitor's CSRF token, so it is private and never enters the
anonymous page cache. Its POST is refused with 413 before the body is read when the
request is far larger than a CV may be: Django's upload limits do not count files, and
the CSRF check would otherwise read the whole body first, so that check is made here,
after the size is known. Nothing on these pages names an applicant.
"""

import functools

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from amicc.core.ratelimit import over_limit_response, rate_limit_count
from amicc.icc.choices import ApplicationStatus
from amicc.icc.forms_delegation import DelegationApplicationForm
from amicc.icc.models import DelegationCall
from amicc.icc.services.delegation import (
    WITHDRAWAL_LINK_MAX_AGE,
    AlreadyApplied,
    CallClosed,
    WithdrawalLinkExpired,
    WithdrawalLinkInvalid,
    accepted_count,
    application_submit,
    application_withdraw,
    call_is_open,
    cv_max_bytes,
    withdrawal_link_read,
)

CALL_TEMPLATE = "icc/delegation/call.html"
# Room for every field but the CV: a statement of 3,000 characters is at most 12 kB.
FORM_FIELDS_ALLOWANCE = 256 * 1024
# A mistyped date or a CV to shrink costs a second try; a campus may share one address.
APPLICATION_POSTS_PER_WINDOW = 10
APPLICATION_WINDOW_SECONDS = 600
ALREADY_APPLIED_MESSAGE = _(
    "You have already applied to this delegation with this email address, and we have your "
    "application; we will write to you."
)


def _call_or_404(number: int) -> DelegationCall:
    calls = DelegationCall.objects.select_related("session")
    return get_object_or_404(calls, session__number=number)


def _call_page(
    request: HttpRequest,
    call: DelegationCall,
    form: DelegationApplicationForm | None,
    *,
    status: int = 200,
    **extra,
) -> HttpResponse:
    context = {"call": call, "session": call.session, "is_open": call_is_open(call), "form": form}
    return render(request, CALL_TEMPLATE, {**context, **extra}, status=status)


def _body_too_large(request: HttpRequest) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > cv_max_bytes() + FORM_FIELDS_ALLOWANCE


@csrf_exempt  # checked by _apply, once the request is known not to be huge
@cache_control(private=True)
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, number: int) -> HttpResponse:
    """The call and its form; after the deadline it says the call is closed."""
    if request.method == "POST" and _body_too_large(request):
        context = {"number": number, "limit": filesizeformat(cv_max_bytes())}
        return render(request, "icc/delegation/too_large.html", context, status=413)
    return _apply(request, number)


@csrf_protect
def _apply(request: HttpRequest, number: int) -> HttpResponse:
    call = _call_or_404(number)
    if request.method == "POST":
        return _application_send(request, call)
    return _call_page(request, call, DelegationApplicationForm(call=call))


def _application_send(request: HttpRequest, call: DelegationCall) -> HttpResponse:
    form = DelegationApplicationForm(request.POST, request.FILES, call=call)
    if form.honeypot_tripped:
        # Answered like a success, so a robot learns nothing; nothing is stored or sent.
        return redirect("icc:delegation_thanks", number=call.session.number)
    if not call_is_open(call):
        return _call_page(request, call, None, status=403, refused=True)
    limit = rate_limit_count(
        request=request,
        scope="icc-delegation-application",
        limit=APPLICATION_POSTS_PER_WINDOW,
        window=APPLICATION_WINDOW_SECONDS,
    )
    if not limit.allowed:
        return over_limit_response(limit, functools.partial(_call_page, request, call, form))
    if not form.is_valid():
        return _call_page(request, call, form, status=400)
    try:
        application_submit(call=call, **form.service_arguments())
    except CallClosed:
        return _call_page(request, call, None, status=403, refused=True)
    except AlreadyApplied:
        form.add_error(None, ALREADY_APPLIED_MESSAGE)
        return _call_page(request, call, form, status=400)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return _call_page(request, call, form, status=400)
    return redirect("icc:delegation_thanks", number=call.session.number)


@require_GET
def thanks(request: HttpRequest, number: int) -> HttpResponse:
    call = _call_or_404(number)
    return render(request, "icc/delegation/thanks.html", {"call": call, "session": call.session})


@never_cache
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, number: int, token: str) -> HttpResponse:
    """The link in the applicant's emails: a confirmation page, then the withdrawal (POST)."""
    try:
        application = withdrawal_link_read(token=token, number=number)
    except WithdrawalLinkInvalid as problem:
        context = {
            "expired": isinstance(problem, WithdrawalLinkExpired),
            "valid_days": WITHDRAWAL_LINK_MAX_AGE.days,
            "number": number,
        }
        return render(request, "icc/delegation/withdraw_invalid.html", context, status=400)
    call = application.call
    context = {"call": call, "session": call.session, "application": application}
    if request.method == "POST":
        try:
            withdrawal = application_withdraw(application=application)
        except ValidationError as error:
            context["refusal"] = " ".join(error.messages)
            return render(request, "icc/delegation/withdraw.html", context, status=400)
        context.update(withdrawn=True, already=withdrawal.already)
    context["was_accepted"] = application.status == ApplicationStatus.ACCEPTED
    return render(request, "icc/delegation/withdraw.html", context)


@require_GET
def report(request: HttpRequest, number: int) -> HttpResponse:
    """The delegation's report, once staff have published it; counts, never names."""
    call = get_object_or_404(
        DelegationCall.objects.select_related("session"),
        session__number=number,
        report_published_at__isnull=False,
    )
    context = {"call": call, "session": call.session, "size": accepted_count(call)}
    return render(request, "icc/delegation/report.html", context)
