"""Presentation requests: the public form, staff triage, and the requester's feedback.

A request moves new → scheduled → delivered → closed, or is declined; `TRANSITIONS` is the
one place that says which moves are allowed, and every move goes through a function here
that checks it under a row lock, logs it on the request and emails the requester once the
change commits. After delivery the email carries a signed link asking how it went.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from amicc.coalition.choices import ConsentPurpose, ConsentSource
from amicc.coalition.services.applications import staff_email_addresses
from amicc.coalition.services.people import consent_record, person_get_or_create
from amicc.core.email import email_send
from amicc.outreach.choices import RequestStatus
from amicc.outreach.models import PresentationRequest, Speaker

REQUEST_CONSENT_WORDING = _(
    "I agree that AMICC keeps the contact details above to arrange this presentation and "
    "to ask afterwards how it went. They are never published. I can ask for them to be "
    "deleted at any time."
)
# How far ahead the coalition plans presentations.
PLANNING_HORIZON = datetime.timedelta(days=2 * 365)
FEEDBACK_SALT = "amicc.outreach.presentation-feedback"
FEEDBACK_LINK_MAX_AGE = datetime.timedelta(days=60)

SCHEDULE_ACTION = "outreach.request_schedule"
DELIVER_ACTION = "outreach.request_deliver"
DECLINE_ACTION = "outreach.request_decline"
CLOSE_ACTION = "outreach.request_close"
FEEDBACK_ACTION = "outreach.request_feedback"

S = RequestStatus
TRANSITIONS: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.SCHEDULED, S.DECLINED, S.CLOSED}),
    # Scheduling again moves the date or changes the speaker.
    S.SCHEDULED: frozenset({S.SCHEDULED, S.DELIVERED, S.DECLINED, S.CLOSED}),
    S.DELIVERED: frozenset({S.CLOSED}),
    S.DECLINED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}


class FeedbackLinkInvalid(Exception):
    """The link was altered, is not one of ours, or names a request that is gone."""


class FeedbackLinkExpired(FeedbackLinkInvalid):
    """A genuine link older than FEEDBACK_LINK_MAX_AGE."""


def allowed_moves(request: PresentationRequest) -> frozenset[str]:
    return TRANSITIONS[request.status]


def preferred_date_problem(day: datetime.date, *, today: datetime.date) -> str:
    """Why a preferred date cannot be taken, or "" when it can."""
    if day <= today:
        return gettext("Choose a date after today: we need time to arrange a speaker.")
    if day > today + PLANNING_HORIZON:
        return gettext("Choose a date within the next two years.")
    return ""


def _check_preferred_dates(dates: list[datetime.date]) -> None:
    if not dates:
        raise ValidationError({"preferred_date_1": gettext("Give at least one preferred date.")})
    today = timezone.localdate()
    for index, day in enumerate(dates, start=1):
        if problem := preferred_date_problem(day, today=today):
            raise ValidationError({f"preferred_date_{index}": problem})


@transaction.atomic
def presentation_request_submit(
    *,
    organization: str,
    contact_name: str,
    contact_email: str,
    city: str,
    state: str,
    zip_code: str,
    preferred_dates: list[datetime.date],
    audience_type: str,
    audience_size: int,
    format: str,  # noqa: A002 - the field's name
    topics: Iterable = (),
    contact_phone: str = "",
    notes: str = "",
) -> PresentationRequest:
    """Store a request from the public form with its contact's consent; tell staff and them."""
    dates = list(preferred_dates)[:3]
    _check_preferred_dates(dates)
    request = PresentationRequest(
        organization=organization.strip(),
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip().lower(),
        contact_phone=contact_phone.strip(),
        city=city.strip(),
        state=state,
        zip_code=zip_code.strip(),
        audience_type=audience_type,
        audience_size=audience_size,
        format=format,
        notes=notes.strip(),
        **{f"preferred_date_{index}": day for index, day in enumerate(dates, start=1)},
    )
    request.full_clean()
    request.person, _ = person_get_or_create(
        email=request.contact_email,
        name=request.contact_name,
        zip_code=request.zip_code,
        state=request.state,
        phone=request.contact_phone,
    )
    consent_record(
        person=request.person,
        purpose=ConsentPurpose.DATA_PROCESSING,
        wording=str(REQUEST_CONSENT_WORDING),
        source=ConsentSource.PRESENTATION_REQUEST,
    )
    request.save()
    request.topics.set(topics)
    context = {"presentation": request, "topics": list(request.topics.all())}
    staff = staff_email_addresses()

    def notify() -> None:
        # Staff read the coalition's language, whatever the requester's.
        if staff:
            with translation.override(settings.LANGUAGE_CODE):
                email_send(
                    to=staff,
                    template="outreach_request_staff",
                    context=context,
                    reply_to=[request.contact_email],
                )
        email_send(
            to=[request.contact_email], template="outreach_request_received", context=context
        )

    transaction.on_commit(notify)
    return request


def _locked(request: PresentationRequest, to: str) -> PresentationRequest:
    """The stored request under a row lock, once the move to `to` is known to be allowed."""
    stored = PresentationRequest.objects.select_for_update().get(pk=request.pk)
    if to not in TRANSITIONS[stored.status]:
        raise ValidationError(
            gettext("A request that is %(status)s cannot be %(to)s.")
            % {
                "status": stored.get_status_display().lower(),
                "to": RequestStatus(to).label.lower(),
            }
        )
    return stored


def _requester_email(request: PresentationRequest, template: str, **context) -> None:
    """Email the requester once the change commits; an erased contact gets nothing."""
    if not request.contact_email:
        return
    context = {"presentation": request, **context}
    transaction.on_commit(
        lambda: email_send(to=[request.contact_email], template=template, context=context)
    )


def _save(request: PresentationRequest, fields: list[str], action: str, by, **data) -> None:
    request.full_clean()
    request.save(update_fields=[*fields, "updated_at"])
    log(instance=request, action=action, user=by, data=data or None)


@transaction.atomic
def presentation_request_schedule(
    *,
    request: PresentationRequest,
    speaker: Speaker,
    scheduled_for: datetime.datetime,
    by: AbstractBaseUser,
) -> PresentationRequest:
    """Give the request a speaker and a date to come; the requester and speaker are told."""
    stored = _locked(request, S.SCHEDULED)
    if not speaker.is_active:
        raise ValidationError(
            {
                "speaker": gettext("%(speaker)s is no longer on the active roster.")
                % {"speaker": speaker}
            }
        )
    if scheduled_for <= timezone.now():
        raise ValidationError({"scheduled_for": gettext("Choose a date and time still to come.")})
    if scheduled_for > timezone.now() + PLANNING_HORIZON:
        raise ValidationError(
            {"scheduled_for": gettext("Choose a date within the next two years.")}
        )
    rescheduled = stored.status == S.SCHEDULED
    stored.status, stored.speaker, stored.scheduled_for = S.SCHEDULED, speaker, scheduled_for
    fields = ["status", "speaker", "scheduled_for"]
    _save(stored, fields, SCHEDULE_ACTION, by, speaker=speaker.name, at=scheduled_for.isoformat())
    _requester_email(stored, "outreach_request_scheduled", rescheduled=rescheduled)
    context = {"presentation": stored, "speaker": speaker, "rescheduled": rescheduled}
    transaction.on_commit(
        lambda: email_send(
            to=[speaker.email], template="outreach_speaker_assigned", context=context
        )
    )
    return stored


@transaction.atomic
def presentation_request_deliver(
    *, request: PresentationRequest, delivered_on: datetime.date, by: AbstractBaseUser
) -> PresentationRequest:
    """Record that the presentation was given; the requester gets the feedback link."""
    stored = _locked(request, S.DELIVERED)
    if delivered_on > timezone.localdate():
        raise ValidationError(
            {"delivered_on": gettext("Record a presentation once it has been given.")}
        )
    if delivered_on < timezone.localdate(stored.submitted_at):
        raise ValidationError(
            {"delivered_on": gettext("This date is before the request was made.")}
        )
    stored.status, stored.delivered_on = S.DELIVERED, delivered_on
    _save(stored, ["status", "delivered_on"], DELIVER_ACTION, by)
    _requester_email(
        stored,
        "outreach_request_delivered",
        feedback_url=feedback_url(stored),
        valid_days=FEEDBACK_LINK_MAX_AGE.days,
    )
    return stored


@transaction.atomic
def presentation_request_decline(
    *, request: PresentationRequest, reason: str, by: AbstractBaseUser
) -> PresentationRequest:
    stored = _locked(request, S.DECLINED)
    if not reason.strip():
        raise ValidationError({"reason": gettext("Say why, in words the requester will read.")})
    stored.status, stored.decline_reason = S.DECLINED, reason.strip()
    _save(stored, ["status", "decline_reason"], DECLINE_ACTION, by)
    _requester_email(stored, "outreach_request_declined")
    return stored


@transaction.atomic
def presentation_request_close(
    *, request: PresentationRequest, by: AbstractBaseUser
) -> PresentationRequest:
    """File the request away; one that was never delivered stays off the public map."""
    stored = _locked(request, S.CLOSED)
    previous = stored.status
    stored.status = S.CLOSED
    _save(stored, ["status"], CLOSE_ACTION, by, previous=previous)
    _requester_email(stored, "outreach_request_closed", previous=previous)
    return stored


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=FEEDBACK_SALT)


def feedback_token(request: PresentationRequest) -> str:
    return _signer().sign_object({"r": request.pk})


def feedback_url(request: PresentationRequest) -> str:
    path = reverse("outreach:feedback", kwargs={"token": feedback_token(request)})
    return f"{settings.SITE_URL}{path}"


def feedback_link_read(*, token: str) -> PresentationRequest:
    """The delivered request a feedback link names; raises FeedbackLinkInvalid or ...Expired."""
    try:
        payload = _signer().unsign_object(token, max_age=FEEDBACK_LINK_MAX_AGE)
        pk = int(payload["r"])
    except signing.SignatureExpired as expired:
        raise FeedbackLinkExpired(gettext("This feedback link has expired.")) from expired
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise FeedbackLinkInvalid(gettext("The link is not valid.")) from error
    request = PresentationRequest.objects.filter(pk=pk, delivered_on__isnull=False).first()
    if request is None or not request.contact_email:
        raise FeedbackLinkInvalid(
            gettext("The presentation this link names is no longer on record.")
        )
    return request


@transaction.atomic
def presentation_feedback_record(
    *, request: PresentationRequest, rating: int, comments: str = ""
) -> bool:
    """Keep the requester's rating and comments once; False if feedback was already given."""
    stored = PresentationRequest.objects.select_for_update().get(pk=request.pk)
    if stored.feedback_received_at is not None:
        return False
    if stored.delivered_on is None:
        raise ValidationError(gettext("This presentation has not been given yet."))
    stored.feedback_rating = rating
    stored.feedback_comments = comments.strip()
    stored.feedback_received_at = timezone.now()
    fields = ["feedback_rating", "feedback_comments", "feedback_received_at"]
    _save(stored, fields, FEEDBACK_ACTION, None, rating=rating)
    return True
