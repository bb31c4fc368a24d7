"""Letters to members of Congress on an action alert: who gets them, sending, delivering.

A letter is stored once, as its sender wrote it, placeholders and all. Each office's copy is
made from it when it is emailed or shown, with the sender's name and address taken from
their `coalition.Person`, so a stored letter holds no name and erasing the person reaches
every copy not yet sent.
"""

import datetime
import re
import smtplib
from dataclasses import dataclass
from email.utils import formataddr

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from amicc.coalition.choices import ConsentPurpose, ConsentSource
from amicc.coalition.models import Person
from amicc.coalition.services.people import (
    consent_record,
    person_find_by_email,
    person_get_or_create,
)
from amicc.congress.choices import Chamber, LetterDelivery, LetterTargets
from amicc.congress.models import (
    ActionAlert,
    Legislator,
    Letter,
    LetterSubmission,
    OfficeEmail,
    district_label,
)
from amicc.congress.selectors import DistrictMatch, LookupResult, representatives_for_zip
from amicc.core.email import email_deliver, email_render, email_send

LETTER_MAX_LENGTH = 10_000
# The words beside the opt-in checkbox, recorded as shown when the person confirms.
ACTION_ALERTS_WORDING = gettext_noop(
    "Email me the coalition's future action alerts about Congress and the International "
    "Criminal Court."
)
PLACEHOLDER = re.compile(r"\{(salutation|sender_name|zip_code)\}")
OPTIN_SALT = "amicc.congress.action-alerts-optin"
OPTIN_LINK_MAX_AGE = datetime.timedelta(days=7)
FAILURE_MAX_LENGTH = 300


class AlertClosed(Exception):
    """The action alert no longer takes letters."""


class OptinLinkInvalid(Exception):
    """An opt-in link that was altered, has expired, or names a person who is gone."""


@dataclass(frozen=True)
class LetterRecipients:
    """The offices a letter from a ZIP code goes to; `district` is None until it is known."""

    lookup: LookupResult
    district: DistrictMatch | None = None
    members: tuple[Legislator, ...] = ()


@dataclass(frozen=True)
class LetterSent:
    """The submission a send made, or the earlier one when `already`: nothing new then.

    `confirmation_sent` says an email went out asking the sender to confirm their opt-in.
    """

    submission: LetterSubmission
    already: bool
    confirmation_sent: bool = False


@dataclass(frozen=True)
class LetterCopy:
    """One office's copy of a letter, as its sender sees it on their thank-you page."""

    letter: Letter
    text: str

    @property
    def contact_url(self) -> str:
        term = self.letter.legislator.current_term
        return (term.contact_form or term.url) if term else ""


def _writes_to(alert: ActionAlert, member: Legislator) -> bool:
    chamber = {LetterTargets.SENATORS: Chamber.SENATE, LetterTargets.REPRESENTATIVE: Chamber.HOUSE}
    wanted = chamber.get(LetterTargets(alert.targets))
    return (
        (wanted is None or member.current_chamber == wanted)
        and (not alert.parties or member.current_party in alert.parties)
        and (not alert.states or member.current_state in alert.states)
    )


def letter_recipients(
    *, alert: ActionAlert, zip_code: str, district: int | None = None, state: str | None = None
) -> LetterRecipients:
    """The sender's senators and representative that `alert` writes to, in two queries.

    A ZIP code in one district needs no choice, so a stale `district` is ignored there; in a
    split ZIP the district must be one of its own (`state` too when it spans states).
    """
    lookup = representatives_for_zip(zip_code, district, state=state)
    match = lookup.districts[0] if len(lookup.districts) == 1 else lookup.chosen
    if match is None:
        return LetterRecipients(lookup=lookup)
    candidates = [
        senator
        for group in lookup.senate
        if group.state == match.state
        for senator in group.senators
    ]
    if match.representative is not None:
        candidates.append(match.representative)
    members = tuple(member for member in candidates if _writes_to(alert, member))
    return LetterRecipients(lookup=lookup, district=match, members=members)


def letter_text(*, body: str, member: Legislator, sender_name: str, zip_code: str) -> str:
    """One office's copy of a letter. Replaced in one pass, so a name that reads like a
    placeholder stays as typed, and braces elsewhere in the letter are left alone. The
    greeting is English whatever the sender's language: the letter is to a US office."""
    with translation.override("en"):
        title = member.title
    salutation = f"Dear {title} {member.last_name}" if title else "Dear Member"
    values = {"salutation": salutation, "sender_name": sender_name, "zip_code": zip_code}
    return PLACEHOLDER.sub(lambda placeholder: values[placeholder[1]], body)


def _submission_create(
    *,
    alert: ActionAlert,
    person: Person,
    sender_name: str,
    district: DistrictMatch,
    zip_code: str,
    subject: str,
    body: str,
) -> LetterSubmission | None:
    """The new submission, or None when the person has answered this alert before."""
    if LetterSubmission.objects.filter(alert=alert, person=person).exists():
        return None
    submission = LetterSubmission(
        alert=alert,
        person=person,
        sender_name=sender_name.strip(),
        zip_code=zip_code[:5],
        state=district.state,
        district=district.district,
        subject=subject,
        body=body,
    )
    # Uniqueness is left to the database: a check here would race the save below anyway.
    submission.full_clean(validate_constraints=False)
    try:
        # A second request from the same person may have got in since the check above.
        with transaction.atomic():
            submission.save()
    except IntegrityError:
        return None
    return submission


def _letters_create(*, submission: LetterSubmission, members: tuple[Legislator, ...]) -> list[int]:
    """One letter per office; returns the ids of those queued for email."""
    emails = set(
        OfficeEmail.objects.filter(legislator__in=members).values_list("legislator_id", flat=True)
    )
    queued = []
    for member in members:
        letter = Letter(
            submission=submission,
            legislator=member,
            delivery=LetterDelivery.QUEUED if member.pk in emails else LetterDelivery.CONTACT_FORM,
        )
        letter.full_clean(validate_constraints=False)  # one office per submission, by design
        letter.save()
        if letter.delivery == LetterDelivery.QUEUED:
            queued.append(letter.pk)
    return queued


def _deliveries_enqueue(letter_ids: list[int]) -> None:
    from amicc.congress.tasks import deliver_letter

    for letter_id in letter_ids:
        deliver_letter.enqueue(letter_id=letter_id)


@transaction.atomic
def letter_submit(
    *,
    alert: ActionAlert,
    recipients: LetterRecipients,
    name: str,
    email: str,
    zip_code: str,
    subject: str,
    body: str,
    wants_action_alerts: bool = False,
) -> LetterSent:
    """Record one person's letter on `alert`, with a letter per office, and start delivery.

    Offices with an email address on record get theirs by email from a background task once
    this commits; the others are left to the sender, through the office's contact form.
    The same person (by email, any case) writing again changes nothing. An opt-in to action
    alerts is only asked for here: it is recorded when the address's owner confirms it.
    """
    if not alert.is_open:
        raise AlertClosed(f"“{alert.title}” no longer takes letters.")
    district = recipients.district
    if district is None or not recipients.members:
        raise ValueError("A letter needs the sender's district and at least one office.")
    person, _ = person_get_or_create(
        email=email, name=name, zip_code=zip_code, state=district.state
    )
    submission = _submission_create(
        alert=alert,
        person=person,
        sender_name=name,
        district=district,
        zip_code=zip_code,
        subject=subject,
        body=body,
    )
    already = submission is None
    if already:
        submission = LetterSubmission.objects.get(alert=alert, person=person)
    else:
        queued = _letters_create(submission=submission, members=recipients.members)
        transaction.on_commit(lambda: _deliveries_enqueue(queued))
    confirm = wants_action_alerts and not person.wants_action_alerts
    if confirm:
        # In the sender's language, whenever the commit comes.
        language = translation.get_language()
        transaction.on_commit(
            lambda: _receipt_send(submission=submission, already=already, language=language)
        )
    return LetterSent(submission=submission, already=already, confirmation_sent=confirm)


def _receipt_send(*, submission: LetterSubmission, already: bool, language: str) -> None:
    """Email the sender the link that confirms their opt-in, with where their letters went.

    The letter itself is left out: the address is not yet known to be theirs, and a copy
    would let anyone send text of their choosing to any address through us.
    """
    person = submission.person
    token = signing.TimestampSigner(salt=OPTIN_SALT).sign_object(
        {"p": person.pk, "e": person.email}
    )
    letters = submission.letters.select_related("legislator").order_by("legislator__last_name")
    with translation.override(language):
        path = reverse(
            "congress:action_alerts_subscribe",
            kwargs={"slug": submission.alert.slug, "token": token},
        )
        context = {
            "name": submission.sender_name,
            "alert": submission.alert,
            "letters": list(letters),
            "already": already,
            "confirm_url": f"{settings.SITE_URL}{path}",
            "valid_days": OPTIN_LINK_MAX_AGE.days,
        }
        email_send(to=[person.email], template="congress_letter_receipt", context=context)


@transaction.atomic
def action_alerts_optin_confirm(*, token: str) -> bool:
    """Record consent to action alerts from an opt-in link; False if it was on record.

    Raises OptinLinkInvalid for a link that is altered, expired, or whose person has since
    been erased or changed address.
    """
    try:
        payload = signing.TimestampSigner(salt=OPTIN_SALT).unsign_object(
            token, max_age=OPTIN_LINK_MAX_AGE
        )
        email, person_pk = str(payload["e"]), int(payload["p"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise OptinLinkInvalid("The link is not valid or has expired.") from error
    person = person_find_by_email(email=email)
    if person is None or person.pk != person_pk or person.is_erased:
        raise OptinLinkInvalid("The person this link was sent to is no longer on record.")
    if person.wants_action_alerts:
        return False
    consent_record(
        person=person,
        purpose=ConsentPurpose.ACTION_ALERTS,
        # As shown beside the checkbox: the link is in the language the sender wrote in.
        wording=gettext(ACTION_ALERTS_WORDING),
        # Asked for on the letter form, confirmed from the emailed link.
        source=ConsentSource.LETTER_FORM,
    )
    return True


def _office_email(legislator: Legislator) -> str:
    try:
        return legislator.office_email.email
    except OfficeEmail.DoesNotExist:
        return ""


def _letter_fail(letter: Letter, reason: str) -> str:
    letter.delivery = LetterDelivery.FAILED
    letter.failure = reason[:FAILURE_MAX_LENGTH]
    letter.save(update_fields=["delivery", "failure"])
    return letter.delivery


def _letter_email(*, letter: Letter, to: str) -> None:
    submission, person = letter.submission, letter.submission.person
    text = letter_text(
        body=submission.body,
        member=letter.legislator,
        sender_name=submission.sender_name,
        zip_code=submission.zip_code,
    )
    context = {
        "subject": submission.subject,
        "letter_text": text,
        "sender_name": submission.sender_name,
        "sender_email": person.email,
        "zip_code": submission.zip_code,
        "alert": submission.alert,
    }
    # The office reads English, whatever language the sender wrote from.
    with translation.override("en"):
        context["district"] = district_label(submission.state, submission.district)
        rendered = email_render(template="congress_letter", context=context)
    email_deliver(
        to=[to],
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        reply_to=[formataddr((submission.sender_name, person.email))],
    )


def letter_deliver(*, letter_id: int) -> str:
    """Email a queued letter to its office, Reply-To the sender; returns its delivery state.

    Only a queued letter is sent, under a row lock, so a task run twice emails it once. A
    letter whose office lost its address, or whose sender was erased, is marked failed.
    """
    with transaction.atomic():
        letter = (
            Letter.objects.select_for_update(of=("self",))
            .select_related("submission__person", "submission__alert", "legislator__office_email")
            .filter(pk=letter_id)
            .first()
        )
        if letter is None or letter.delivery != LetterDelivery.QUEUED:
            return letter.delivery if letter else ""
        person, address = letter.submission.person, _office_email(letter.legislator)
        if person is None or person.is_erased or not person.email:
            return _letter_fail(letter, "The sender's details were erased before delivery.")
        if not address:
            return _letter_fail(letter, "The office's email address was removed before delivery.")
        try:
            _letter_email(letter=letter, to=address)
        except (smtplib.SMTPException, OSError, ValueError) as error:
            return _letter_fail(letter, f"The mail server refused the letter: {error}")
        letter.delivery = LetterDelivery.EMAILED
        letter.delivered_to = address
        letter.delivered_at = timezone.now()
        letter.failure = ""
        letter.save(update_fields=["delivery", "delivered_to", "delivered_at", "failure"])
        return letter.delivery


def letter_copies(*, submission: LetterSubmission) -> list[LetterCopy]:
    """Each office's copy of a submission, for its sender's own thank-you page."""
    letters = submission.letters.select_related("legislator__current_term").order_by(
        "-legislator__current_chamber", "legislator__last_name"
    )
    return [
        LetterCopy(
            letter=letter,
            text=letter_text(
                body=submission.body,
                member=letter.legislator,
                sender_name=submission.sender_name,
                zip_code=submission.zip_code,
            ),
        )
        for letter in letters
    ]
