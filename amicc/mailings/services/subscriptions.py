"""What a person chooses to receive: leaving or rejoining a list, leaving everything, and
the preferences page reached by a signed link.

Lists are the person's choices; the consent purposes follow them. Unticking every list of a
purpose withdraws that consent, ticking one grants it, each recorded with
`consent_record(source=PREFERENCES)`. Re-subscribing lifts an "unsubscribed" suppression,
never a bounce, a complaint or one added by staff.
"""

import hashlib
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from wagtail.log_actions import log

from amicc.coalition.choices import ConsentPurpose, ConsentSource, MembershipStatus
from amicc.coalition.models import AllianceMembership, Person
from amicc.coalition.services.people import consent_record
from amicc.core.email import email_send
from amicc.mailings.choices import ListKind, SuppressionReason
from amicc.mailings.models import ListOptOut, MailingList, Suppression
from amicc.mailings.services.audience import (
    PURPOSE_FIELDS,
    list_condition,
    suppression_add,
    suppression_remove,
)
from amicc.mailings.tokens import PREFERENCES_MAX_AGE, preferences_url

SOURCE_LINK = "unsubscribe link"
SOURCE_PREFERENCES = "preferences page"
SOURCE_ONE_CLICK = "one-click unsubscribe"
LINK_RESEND_SECONDS = 300
# Lists a person sees on their preferences page; segments are cuts of these and follow them.
SHOWN_KINDS = (ListKind.SUPPORTERS, ListKind.REPRESENTATIVES, ListKind.DELEGATION_APPLICANTS)
SHOWN_ORDER = {
    kind: n for n, kind in enumerate([ListKind.SUPPORTERS, ListKind.ALLIANCE, *SHOWN_KINDS[1:]])
}


def consent_wording(purpose: ConsentPurpose, *, granted: bool) -> str:
    label = ConsentPurpose(purpose).label
    return f"I want to receive: {label}." if granted else f"I no longer want to receive: {label}."


def _person(email: str) -> Person | None:
    return Person.objects.filter(email=email.strip().lower(), erased_at__isnull=True).first()


@transaction.atomic
def list_leave(
    *,
    email: str,
    mailing_list: MailingList,
    source: str,
    user: AbstractBaseUser | None = None,
) -> ListOptOut:
    """The address leaves one list; idempotent."""
    opt_out, created = ListOptOut.objects.get_or_create(
        mailing_list=mailing_list, email=email.strip().lower(), defaults={"source": source[:100]}
    )
    if created and user is not None:
        log(instance=opt_out, action="wagtail.create", user=user)
    return opt_out


@transaction.atomic
def list_rejoin(
    *, email: str, mailing_list: MailingList, user: AbstractBaseUser | None = None
) -> bool:
    """Undo leaving one list; True if the address had left it."""
    opt_outs = ListOptOut.objects.filter(mailing_list=mailing_list, email=email.strip().lower())
    if user is not None:
        for opt_out in opt_outs:
            log(instance=opt_out, action="wagtail.delete", user=user)
    return opt_outs.delete()[0] > 0


@transaction.atomic
def everything_leave(
    *, email: str, source: str, user: AbstractBaseUser | None = None
) -> Suppression:
    """No more newsletters of any list: suppress the address and withdraw every consent
    to receive mail that its person gave."""
    suppression = suppression_add(
        email=email, reason=SuppressionReason.UNSUBSCRIBED, source=source, user=user
    )
    person = _person(email)
    if person is not None:
        _consents_set(person, dict.fromkeys(PURPOSE_FIELDS, False), staff=user is not None)
    return suppression


def _consents_set(person: Person, wanted: dict[ConsentPurpose, bool], *, staff: bool) -> None:
    source = ConsentSource.STAFF if staff else ConsentSource.PREFERENCES
    for purpose, granted in wanted.items():
        if getattr(person, PURPOSE_FIELDS[purpose]) != granted:
            consent_record(
                person=person,
                purpose=purpose,
                wording=consent_wording(purpose, granted=granted),
                source=source,
                granted=granted,
            )


@dataclass(frozen=True)
class ListChoice:
    mailing_list: MailingList
    receiving: bool


@dataclass(frozen=True)
class Preferences:
    """The lists an address is on or could be on, and whether it receives each now."""

    email: str
    person: Person | None
    choices: tuple[ListChoice, ...]
    suppression: Suppression | None

    @property
    def left_everything(self) -> bool:
        return (
            self.suppression is not None
            and self.suppression.reason == SuppressionReason.UNSUBSCRIBED
        )

    @property
    def blocked(self) -> bool:
        """Suppressed for a reason the person cannot lift (a bounce, a complaint, staff)."""
        return self.suppression is not None and not self.left_everything


def preferences_for(*, email: str) -> Preferences:
    """What the preferences page shows; five queries."""
    email = email.strip().lower()
    person = _person(email)
    suppression = Suppression.objects.filter(email=email).first()
    if person is None:
        return Preferences(email=email, person=None, choices=(), suppression=suppression)
    own_alliance = AllianceMembership.objects.filter(
        alliance=OuterRef("alliance"), person=person, status=MembershipStatus.ACTIVE
    )
    lists = list(
        MailingList.objects.filter(is_active=True)
        .filter(Q(kind__in=SHOWN_KINDS) | Q(Exists(own_alliance), kind=ListKind.ALLIANCE))
        .select_related("alliance")
        .order_by("name", "pk")
    )
    lists.sort(key=lambda mailing_list: SHOWN_ORDER[mailing_list.kind])
    eligible = _eligible_list_ids(person, lists)
    left = set(ListOptOut.objects.filter(email=email).values_list("mailing_list_id", flat=True))
    choices = tuple(
        ListChoice(
            mailing_list=mailing_list,
            receiving=suppression is None
            and mailing_list.pk not in left
            and getattr(person, PURPOSE_FIELDS[ConsentPurpose(mailing_list.purpose)]),
        )
        for mailing_list in lists
        if mailing_list.pk in eligible
    )
    return Preferences(email=email, person=person, choices=choices, suppression=suppression)


def _eligible_list_ids(person: Person, lists: list[MailingList]) -> set[int]:
    """The lists the person belongs to (consent aside), in one query."""
    everyone = {
        mailing_list.pk for mailing_list in lists if mailing_list.kind == ListKind.SUPPORTERS
    }
    conditions = {
        f"list_{mailing_list.pk}": ExpressionWrapper(
            list_condition(mailing_list), output_field=BooleanField()
        )
        for mailing_list in lists
        if mailing_list.pk not in everyone
    }
    if not conditions:
        return everyone
    flags = Person.objects.filter(pk=person.pk).values(**conditions).get()
    return everyone | {int(key.removeprefix("list_")) for key, value in flags.items() if value}


@transaction.atomic
def preferences_save(*, email: str, chosen: set[int]) -> Preferences:
    """Receive exactly the chosen lists of the preferences page; the rest are left."""
    preferences = preferences_for(email=email)
    person = preferences.person
    if person is None:
        return preferences
    wanted: dict[ConsentPurpose, bool] = {}
    for choice in preferences.choices:
        mailing_list = choice.mailing_list
        purpose = ConsentPurpose(mailing_list.purpose)
        if mailing_list.pk in chosen:
            list_rejoin(email=preferences.email, mailing_list=mailing_list)
            wanted[purpose] = True
        else:
            list_leave(
                email=preferences.email, mailing_list=mailing_list, source=SOURCE_PREFERENCES
            )
            wanted.setdefault(purpose, False)
    _consents_set(person, wanted, staff=False)
    if any(purpose_wanted for purpose_wanted in wanted.values()):
        suppression_remove(email=preferences.email)
    return preferences_for(email=email)


def preferences_link_send(*, email: str) -> bool:
    """Email a preferences link to an address we hold; True if one was sent.

    The caller answers the same either way, so nobody learns which addresses we know. One
    link per address every few minutes, so the form cannot be used to flood a mailbox.
    """
    email = email.strip().lower()
    if _person(email) is None and not Suppression.objects.filter(email=email).exists():
        return False
    digest = hashlib.sha256(email.encode()).hexdigest()[:32]
    if not cache.add(f"amicc:mailings:preferences-link:{digest}", 1, LINK_RESEND_SECONDS):
        return False
    context = {
        "preferences_url": preferences_url(email=email),
        "valid_days": PREFERENCES_MAX_AGE.days,
    }
    email_send(to=[email], template="mailings_preferences_link", context=context)
    return True
