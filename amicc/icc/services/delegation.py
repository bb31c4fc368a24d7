"""The coalition's delegation to a session of the Assembly of States Parties.

People apply through the public call until its deadline. Staff accept, waitlist or
decline each application; every decision is audit-logged on the application and emailed
to the applicant once committed. A delegate withdraws through the signed link in their
emails, and the first person on the waitlist is then given the place. Decisions on one
call are serialized by locking the call's row, so two staff members (or a withdrawal and
a decision) can never fill more places than the call has.
"""

import datetime
import secrets
from dataclasses import dataclass
from functools import partial
from typing import BinaryIO

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, PyPdfError
from wagtail.log_actions import log

from amicc.coalition.choices import ConsentPurpose, ConsentSource
from amicc.coalition.services.people import consent_record, person_get_or_create
from amicc.core.email import email_send
from amicc.core.page_cache import invalidate_page_cache
from amicc.icc.choices import ApplicationStatus
from amicc.icc.models import AspSession, DelegateLogistics, DelegationApplication, DelegationCall

# Overridden by the AMICC_CV_MAX_BYTES setting.
DEFAULT_CV_MAX_BYTES = 5 * 1024 * 1024
STATEMENT_MAX_LENGTH = 3000

# Recorded in the language the applicant read it in.
DELEGATION_CONSENT_WORDING = gettext_lazy(
    "I agree that AMICC keeps the details above and my CV to review my application to the "
    "delegation and, if I join it, to arrange my accreditation and travel. They are never "
    "published. I can ask for them to be deleted at any time."
)

WITHDRAWAL_SALT = "amicc.icc.delegation-withdrawal"
# Acceptances go out weeks or months before a session; a link stays good well past it.
WITHDRAWAL_LINK_MAX_AGE = datetime.timedelta(days=180)

ACCEPT_ACTION = "icc.delegation_accept"
WAITLIST_ACTION = "icc.delegation_waitlist"
DECLINE_ACTION = "icc.delegation_decline"
WITHDRAW_ACTION = "icc.delegation_withdraw"
PROMOTE_ACTION = "icc.delegation_promote"
LOGISTICS_ACTION = "icc.delegation_logistics"

DECISION_ACTIONS = {
    ApplicationStatus.ACCEPTED: ACCEPT_ACTION,
    ApplicationStatus.WAITLISTED: WAITLIST_ACTION,
    ApplicationStatus.DECLINED: DECLINE_ACTION,
}


class CallClosed(Exception):
    """The call's deadline has passed."""


class AlreadyApplied(Exception):
    """This email address has already applied to the call."""


class WithdrawalLinkInvalid(Exception):
    """The link was altered, is not one of ours, or its application is gone."""


class WithdrawalLinkExpired(WithdrawalLinkInvalid):
    """A genuine link older than WITHDRAWAL_LINK_MAX_AGE."""


@dataclass(frozen=True)
class Withdrawal:
    application: DelegationApplication
    already: bool = False
    promoted: DelegationApplication | None = None


@dataclass(frozen=True)
class DelegationSummary:
    """What the public may know of a delegation: its size and its report, never its people."""

    call: DelegationCall
    size: int

    @property
    def report_url(self) -> str | None:
        if self.call.report_published_at is None:
            return None
        return reverse("icc:delegation_report", kwargs={"number": self.call.session.number})


def cv_max_bytes() -> int:
    return int(getattr(settings, "AMICC_CV_MAX_BYTES", DEFAULT_CV_MAX_BYTES))


def call_is_open(call: DelegationCall) -> bool:
    return timezone.now() < call.deadline


def session_days(session: AspSession) -> list[datetime.date]:
    count = (session.ends_on - session.starts_on).days + 1
    return [session.starts_on + datetime.timedelta(days=offset) for offset in range(count)]


def delegation_summary(*, session: AspSession) -> DelegationSummary | None:
    """The session's delegation for its public page; None when no call was opened."""
    call = DelegationCall.objects.filter(session=session).first()
    if call is None:
        return None
    call.session = session
    return DelegationSummary(call=call, size=accepted_count(call))


CV_PROBLEMS = {
    "not_pdf": gettext_lazy(
        "This file is not a PDF. Save or export your CV as a PDF (most word processors can) "
        "and choose it again."
    ),
    "encrypted": gettext_lazy(
        "This PDF is protected by a password. Save a copy without a password and choose it again."
    ),
    "unreadable": gettext_lazy(
        "This PDF cannot be opened; it may be damaged. Save it again as a PDF and choose it again."
    ),
}


def cv_validate(cv: File) -> None:
    """Refuse anything but a readable PDF within the size limit; the file is left rewound."""
    limit = cv_max_bytes()
    if cv.size > limit:
        message = _(
            "Your CV is %(size)s; the largest file we take is %(limit)s. Save a smaller PDF "
            "(without large images, for example) and choose it again."
        )
        raise ValidationError(
            message % {"size": filesizeformat(cv.size), "limit": filesizeformat(limit)},
            code="cv_too_large",
        )
    cv.seek(0)
    problem = _pdf_problem(cv) if cv.read(5) == b"%PDF-" else "not_pdf"
    cv.seek(0)
    if problem:
        raise ValidationError(CV_PROBLEMS[problem], code=f"cv_{problem}")


def _pdf_problem(stream: BinaryIO) -> str:
    stream.seek(0)
    try:
        reader = PdfReader(stream, strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            return "encrypted"
        return "" if len(reader.pages) > 0 else "unreadable"
    except (PyPdfError, DependencyError):
        return "unreadable"
    except (ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError):
        # pypdf answers some malformed files with plain Python errors.
        return "unreadable"


def withdrawal_url(application: DelegationApplication) -> str:
    token = signing.TimestampSigner(salt=WITHDRAWAL_SALT).sign_object({"t": application.token})
    path = reverse(
        "icc:delegation_withdraw",
        kwargs={"number": application.call.session.number, "token": token},
    )
    return settings.SITE_URL + path


def withdrawal_link_read(*, token: str, number: int) -> DelegationApplication:
    """The application a withdrawal link names; raises WithdrawalLinkInvalid or ...Expired."""
    signer = signing.TimestampSigner(salt=WITHDRAWAL_SALT)
    try:
        payload = signer.unsign_object(token, max_age=WITHDRAWAL_LINK_MAX_AGE)
        application_token = str(payload["t"])
    except signing.SignatureExpired as expired:
        raise WithdrawalLinkExpired("This link has expired.") from expired
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise WithdrawalLinkInvalid("The link is not valid.") from error
    application = (
        DelegationApplication.objects.select_related("call__session")
        .filter(token=application_token, call__session__number=number)
        .first()
    )
    if application is None:
        raise WithdrawalLinkInvalid("The application this link names no longer exists.")
    return application


@transaction.atomic
def application_submit(
    *,
    call: DelegationCall,
    name: str,
    email: str,
    affiliation: str,
    role: str,
    statement: str,
    cv: File,
    available_days: list[datetime.date],
) -> DelegationApplication:
    """Store an application with its CV and the applicant's consent; email them a receipt.

    Raises CallClosed after the deadline and AlreadyApplied for a second application from
    the same address (in any case); nothing is stored then.
    """
    if not call_is_open(call):
        raise CallClosed
    email = email.strip().lower()
    if call.applications.filter(email__iexact=email).exists():
        raise AlreadyApplied
    days = sorted(set(available_days))
    outside = [day for day in days if day not in session_days(call.session)]
    if not days or outside:
        raise ValidationError({"available_days": _("Choose days of the session.")})
    cv_validate(cv)
    person, _created = person_get_or_create(email=email, name=name)
    consent_record(
        person=person,
        purpose=ConsentPurpose.DATA_PROCESSING,
        wording=str(DELEGATION_CONSENT_WORDING),
        source=ConsentSource.DELEGATION_APPLICATION,
    )
    application = DelegationApplication(
        call=call,
        person=person,
        token=secrets.token_urlsafe(32),
        name=name.strip(),
        email=email,
        affiliation=affiliation.strip(),
        role=role,
        statement=statement.strip(),
        cv=cv,
        available_days=[day.isoformat() for day in days],
    )
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()  # writes the CV first, then the row
    except IntegrityError as error:  # the same address applied a moment ago
        application.cv.storage.delete(application.cv.name)
        raise AlreadyApplied from error
    context = {
        "application": application,
        "call": call,
        "withdraw_url": withdrawal_url(application),
    }
    transaction.on_commit(
        partial(email_send, to=[email], template="icc_delegation_received", context=context)
    )
    return application


def _lock_call(call_id: int) -> DelegationCall:
    return DelegationCall.objects.select_for_update().get(pk=call_id)


def accepted_count(call: DelegationCall) -> int:
    """The delegation's size: its accepted delegates."""
    return call.applications.filter(status=ApplicationStatus.ACCEPTED).count()


def _waitlist_position(application: DelegationApplication) -> int:
    ahead = application.call.applications.filter(
        status=ApplicationStatus.WAITLISTED, waitlisted_at__lt=application.waitlisted_at
    )
    return ahead.count() + 1


def _email_decision(application: DelegationApplication, *, promoted: bool = False) -> None:
    status = ApplicationStatus(application.status)
    context = {
        "application": application,
        "call": application.call,
        "session": application.call.session,
        "promoted": promoted,
        "withdraw_url": withdrawal_url(application),
        "link_valid_days": WITHDRAWAL_LINK_MAX_AGE.days,
    }
    if status == ApplicationStatus.WAITLISTED:
        context["position"] = _waitlist_position(application)
    email_send(to=[application.email], template=f"icc_delegation_{status}", context=context)


@transaction.atomic
def application_decide(
    *, application: DelegationApplication, decision: str, by: AbstractBaseUser
) -> DelegationApplication:
    """Accept, waitlist or decline an application and email the applicant.

    Accepting needs a free place; waitlisting puts the applicant at the end of the list.
    Declining an accepted delegate frees a place without offering it to the waitlist: that
    is staff's decision to make next, unlike a delegate's own withdrawal.
    """
    if decision not in DECISION_ACTIONS:
        raise ValidationError(_("Choose accepted, waitlisted or declined."))
    call = _lock_call(application.call_id)
    application = DelegationApplication.objects.select_for_update().get(pk=application.pk)
    previous = application.status
    if previous == ApplicationStatus.WITHDRAWN:
        message = _("%(name)s has withdrawn; there is nothing to decide.")
        raise ValidationError(message % {"name": application.name})
    if previous == decision:
        label = ApplicationStatus(decision).label.lower()
        message = _("%(name)s is already %(status)s.")
        raise ValidationError(message % {"name": application.name, "status": label})
    if decision == ApplicationStatus.ACCEPTED and accepted_count(call) >= call.places:
        message = _(
            "All %(places)s places are taken. Waitlist %(name)s, or raise the number of places "
            "of the call first."
        )
        raise ValidationError(message % {"places": call.places, "name": application.name})
    now = timezone.now()
    application.status = decision
    application.decided_at = now
    application.decided_by = by
    if decision == ApplicationStatus.WAITLISTED:
        application.waitlisted_at = now
    application.save(update_fields=["status", "decided_at", "decided_by", "waitlisted_at"])
    if decision == ApplicationStatus.ACCEPTED:
        DelegateLogistics.objects.get_or_create(application=application)
    log(
        instance=application,
        action=DECISION_ACTIONS[ApplicationStatus(decision)],
        user=by,
        data={"from": previous, "to": decision},
    )
    transaction.on_commit(partial(_email_decision, application))
    if ApplicationStatus.ACCEPTED in (previous, decision):  # the delegation's size changed
        transaction.on_commit(invalidate_page_cache)
    return application


def _promote_first_waitlisted(call: DelegationCall) -> DelegationApplication | None:
    if accepted_count(call) >= call.places:
        return None
    first = (
        call.applications.select_for_update()
        .filter(status=ApplicationStatus.WAITLISTED)
        .order_by(F("waitlisted_at").asc(nulls_last=True), "pk")
        .first()
    )
    if first is None:
        return None
    first.status = ApplicationStatus.ACCEPTED
    first.decided_at = timezone.now()
    first.decided_by = None
    first.save(update_fields=["status", "decided_at", "decided_by"])
    DelegateLogistics.objects.get_or_create(application=first)
    log(instance=first, action=PROMOTE_ACTION, user=None, data={"from": "waitlisted"})
    transaction.on_commit(partial(_email_decision, first, promoted=True))
    return first


@transaction.atomic
def application_withdraw(*, application: DelegationApplication) -> Withdrawal:
    """The applicant withdraws; a delegate's place goes to the first on the waitlist.

    Withdrawing twice changes nothing; a declined application has nothing to withdraw.
    """
    call = _lock_call(application.call_id)
    application = (
        DelegationApplication.objects.select_for_update()
        .select_related("call__session")
        .get(pk=application.pk)
    )
    if application.status == ApplicationStatus.WITHDRAWN:
        return Withdrawal(application=application, already=True)
    if application.status == ApplicationStatus.DECLINED:
        raise ValidationError(_("This application was declined; there is nothing to withdraw."))
    was_accepted = application.status == ApplicationStatus.ACCEPTED
    previous = application.status
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status"])
    log(instance=application, action=WITHDRAW_ACTION, user=None, data={"from": previous})
    context = {"application": application, "call": application.call}
    transaction.on_commit(
        partial(
            email_send, to=[application.email], template="icc_delegation_withdrawn", context=context
        )
    )
    promoted = None
    if was_accepted:
        promoted = _promote_first_waitlisted(call)
        transaction.on_commit(invalidate_page_cache)
    return Withdrawal(application=application, promoted=promoted)


@transaction.atomic
def logistics_update(
    *,
    application: DelegationApplication,
    by: AbstractBaseUser,
    accreditation_requested_on: datetime.date | None,
    accreditation_confirmed: bool,
    travel_booked: bool,
    lodging_booked: bool,
    side_events: str,
    notes: str,
) -> DelegateLogistics:
    """Keep an accepted delegate's checklist; what changed is written to the audit log."""
    application = DelegationApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.ACCEPTED:
        message = _("%(name)s is not an accepted delegate.")
        raise ValidationError(message % {"name": application.name})
    logistics, _created = DelegateLogistics.objects.get_or_create(application=application)
    values = {
        "accreditation_requested_on": accreditation_requested_on,
        "accreditation_confirmed": accreditation_confirmed,
        "travel_booked": travel_booked,
        "lodging_booked": lodging_booked,
        "side_events": side_events.strip(),
        "notes": notes.strip(),
    }
    changed = [name for name, value in values.items() if getattr(logistics, name) != value]
    if not changed:
        return logistics
    for name in changed:
        setattr(logistics, name, values[name])
    logistics.full_clean()
    logistics.save(update_fields=changed)
    log(instance=application, action=LOGISTICS_ACTION, user=by, data={"changed": changed})
    return logistics
