"""Individuals joining an alliance, or a state's interest list, with email confirmation.

A sign-up stores the person and their agreement to have their details kept, then emails
a signed link. Until it is clicked the membership is pending and counts for nothing; the
click makes it active and only then records the optional emails they asked for.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amicc.coalition.choices import ConsentPurpose, ConsentSource, MembershipStatus
from amicc.coalition.geography import USState
from amicc.coalition.geography_zip import state_for_zip
from amicc.coalition.models import Alliance, AllianceMembership, Person, StateInterest
from amicc.coalition.services.people import consent_record, person_get_or_create
from amicc.coalition.tokens import (
    SIGNUP_LINK_MAX_AGE,
    SignupClaim,
    SignupKind,
    SignupLinkInvalid,
    signup_token_make,
)
from amicc.core.email import email_send

# The words beside each checkbox, recorded as shown (in the visitor's language) when someone
# agrees.
MEMBERSHIP_CONSENT_WORDING: dict[ConsentPurpose, str] = {
    ConsentPurpose.DATA_PROCESSING: _(
        "I agree that AMICC keeps my name, email address and ZIP code to run my membership "
        "of this alliance and to contact me about it. I can ask for my details to be deleted "
        "at any time."
    ),
    ConsentPurpose.ALLIANCE_UPDATES: _("Send me news and invitations from this alliance."),
    ConsentPurpose.NEWSLETTER: _("Send me the coalition's newsletter."),
}
INTEREST_CONSENT_WORDING: dict[ConsentPurpose, str] = {
    ConsentPurpose.DATA_PROCESSING: _(
        "I agree that AMICC keeps my name, email address and ZIP code to tell me when an "
        "alliance forms in my state and to ask if I would help start one. I can ask for my "
        "details to be deleted at any time."
    ),
    ConsentPurpose.NEWSLETTER: MEMBERSHIP_CONSENT_WORDING[ConsentPurpose.NEWSLETTER],
}


@dataclass(frozen=True)
class SignupConfirmation:
    """What a confirmation link confirmed; `already` when it had been confirmed before."""

    kind: SignupKind
    already: bool
    alliance: Alliance | None = None
    state: str = ""

    @property
    def state_name(self) -> str:
        return USState(self.state).label if self.state else ""


def _confirm_url(claim: SignupClaim) -> str:
    token = signup_token_make(claim)
    return settings.SITE_URL + reverse("coalition:signup-confirm", kwargs={"token": token})


def _optional_purposes(wanted: dict[ConsentPurpose, bool]) -> tuple[str, ...]:
    return tuple(str(purpose) for purpose, chosen in wanted.items() if chosen)


def _person_with_consent(
    *, name: str, email: str, zip_code: str, wording: dict[ConsentPurpose, str]
) -> Person:
    person, _ = person_get_or_create(
        email=email, name=name, zip_code=zip_code, state=state_for_zip(zip_code) or ""
    )
    consent_record(
        person=person,
        purpose=ConsentPurpose.DATA_PROCESSING,
        wording=wording[ConsentPurpose.DATA_PROCESSING],
        source=ConsentSource.ALLIANCE_SIGNUP,
    )
    return person


def _send_on_commit(*, to: str, template: str, context: dict) -> None:
    transaction.on_commit(lambda: email_send(to=[to], template=template, context=context))


@transaction.atomic
def alliance_signup_request(
    *,
    alliance: Alliance,
    name: str,
    email: str,
    zip_code: str,
    wants_alliance_updates: bool = False,
    wants_newsletter: bool = False,
) -> AllianceMembership:
    """Ask to join `alliance`: a pending membership and a confirmation email.

    Asking again re-sends the link; an active member is told they already belong.
    """
    person = _person_with_consent(
        name=name, email=email, zip_code=zip_code, wording=MEMBERSHIP_CONSENT_WORDING
    )
    membership, created = AllianceMembership.objects.select_for_update().get_or_create(
        alliance=alliance, person=person
    )
    context = {"alliance": alliance, "name": person.name}
    if membership.status == MembershipStatus.ACTIVE:
        _send_on_commit(
            to=person.email, template="coalition_signup_already_member", context=context
        )
        return membership
    if membership.status != MembershipStatus.PENDING:  # they left and are coming back
        membership.status = MembershipStatus.PENDING
        membership.full_clean()
        membership.save(update_fields=["status"])
    claim = SignupClaim(
        kind=SignupKind.MEMBERSHIP,
        pk=membership.pk,
        person_pk=person.pk,
        purposes=_optional_purposes(
            {
                ConsentPurpose.ALLIANCE_UPDATES: wants_alliance_updates,
                ConsentPurpose.NEWSLETTER: wants_newsletter,
            }
        ),
    )
    context.update(confirm_url=_confirm_url(claim), valid_days=SIGNUP_LINK_MAX_AGE.days)
    _send_on_commit(to=person.email, template="coalition_signup_confirm", context=context)
    return membership


@transaction.atomic
def state_interest_request(
    *, state: str, name: str, email: str, zip_code: str, wants_newsletter: bool = False
) -> StateInterest:
    """Join the list of a state with no alliance yet; confirmed by email like a membership."""
    person = _person_with_consent(
        name=name, email=email, zip_code=zip_code, wording=INTEREST_CONSENT_WORDING
    )
    interest = StateInterest.objects.select_for_update().filter(person=person, state=state).first()
    if interest is None:
        interest = StateInterest(person=person, state=state)
        interest.full_clean()
        interest.save()
    context = {"state_name": USState(state).label, "name": person.name}
    if interest.confirmed_at is not None:
        _send_on_commit(
            to=person.email, template="coalition_signup_interest_already", context=context
        )
        return interest
    claim = SignupClaim(
        kind=SignupKind.INTEREST,
        pk=interest.pk,
        person_pk=person.pk,
        purposes=_optional_purposes({ConsentPurpose.NEWSLETTER: wants_newsletter}),
    )
    context.update(confirm_url=_confirm_url(claim), valid_days=SIGNUP_LINK_MAX_AGE.days)
    _send_on_commit(to=person.email, template="coalition_signup_interest_confirm", context=context)
    return interest


def _record_optional_consents(
    *, person: Person, claim: SignupClaim, wording: dict[ConsentPurpose, str]
) -> None:
    for purpose in claim.purposes:
        if purpose in wording and purpose != ConsentPurpose.DATA_PROCESSING:
            consent_record(
                person=person,
                purpose=ConsentPurpose(purpose),
                wording=wording[ConsentPurpose(purpose)],
                source=ConsentSource.ALLIANCE_SIGNUP,
            )


def _membership_confirm(claim: SignupClaim) -> SignupConfirmation:
    membership = (
        AllianceMembership.objects.select_for_update()
        .select_related("alliance", "person")
        .filter(pk=claim.pk, person_id=claim.person_pk)
        .first()
    )
    # A member who left after asking must ask again rather than reuse an old link.
    if membership is None or membership.status == MembershipStatus.LEFT:
        raise SignupLinkInvalid("The membership this link confirms no longer exists.")
    if membership.status == MembershipStatus.ACTIVE:
        return SignupConfirmation(SignupKind.MEMBERSHIP, already=True, alliance=membership.alliance)
    membership.status = MembershipStatus.ACTIVE
    membership.confirmed_at = timezone.now()
    membership.left_at = None
    membership.save(update_fields=["status", "confirmed_at", "left_at"])
    _record_optional_consents(
        person=membership.person, claim=claim, wording=MEMBERSHIP_CONSENT_WORDING
    )
    return SignupConfirmation(SignupKind.MEMBERSHIP, already=False, alliance=membership.alliance)


def _interest_confirm(claim: SignupClaim) -> SignupConfirmation:
    interest = (
        StateInterest.objects.select_for_update()
        .select_related("person")
        .filter(pk=claim.pk, person_id=claim.person_pk)
        .first()
    )
    if interest is None:
        raise SignupLinkInvalid("The interest this link confirms no longer exists.")
    if interest.confirmed_at is not None:
        return SignupConfirmation(SignupKind.INTEREST, already=True, state=interest.state)
    interest.confirmed_at = timezone.now()
    interest.save(update_fields=["confirmed_at"])
    _record_optional_consents(person=interest.person, claim=claim, wording=INTEREST_CONSENT_WORDING)
    return SignupConfirmation(SignupKind.INTEREST, already=False, state=interest.state)


@transaction.atomic
def signup_confirm(*, claim: SignupClaim) -> SignupConfirmation:
    """Confirm what a link names; clicking it again changes nothing."""
    if claim.kind == SignupKind.MEMBERSHIP:
        return _membership_confirm(claim)
    return _interest_confirm(claim)
