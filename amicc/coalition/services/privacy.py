"""A person's rights over their data: a copy of everything held, or its erasure.

Both are staff actions recorded in Wagtail's audit log on the person
(`coalition.person_export`, `coalition.person_erase`). Erasure keeps the rows that
counts are made of (memberships, state interests, consent records) but nothing that
says whose they are.
"""

import functools
from importlib import import_module
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from amicc.coalition.models import AllianceMembership, Person, StateInterest

EXPORT_ACTION = "coalition.person_export"
ERASE_ACTION = "coalition.person_erase"
ERASED_NAME = "Erased person"

PERSON_FIELDS = (
    "id", "name", "email", "phone", "zip_code", "state", "wants_newsletter",
    "wants_alliance_updates", "wants_action_alerts", "created_at", "updated_at", "erased_at",
)  # fmt: skip
ACCOUNT_FIELDS = (
    "username", "email", "first_name", "last_name", "is_active", "date_joined", "last_login",
)  # fmt: skip
APPLICATION_FIELDS = (
    "organization_name", "website", "contact_name", "contact_email", "contact_phone",
    "contact_role", "statement", "status", "submitted_at", "decided_at", "decline_reason",
)  # fmt: skip


DELEGATION_FIELDS = (
    "name", "email", "affiliation", "role", "statement", "available_days", "status",
    "submitted_at", "decided_at",
)  # fmt: skip


# Apps whose records name a person hold their own copy-and-forget functions,
# `person_data(person)` and `person_forget(person)`, under these export keys.
APP_PRIVACY_MODULES = {
    "event_rsvps": "amicc.events.privacy",
    "presentation_requests": "amicc.outreach.privacy",
    "emails": "amicc.mailings.privacy",
}


def _fields(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


@transaction.atomic
def person_export(*, person: Person, by: AbstractBaseUser) -> dict[str, Any]:
    """Everything the coalition holds about the person, ready to be written as JSON."""
    person = (
        Person.objects.select_related("user")
        .prefetch_related(
            Prefetch("memberships", AllianceMembership.objects.select_related("alliance")),
            "consents",
            "state_interests",
            "applications",
            "represented_organizations",
            "coordinated_alliances",
        )
        .get(pk=person.pk)
    )
    data = {
        "exported_at": timezone.now(),
        "person": _fields(person, PERSON_FIELDS),
        "account": person.user and _fields(person.user, ACCOUNT_FIELDS),
        "alliance_memberships": [
            {
                "alliance": membership.alliance.name,
                **_fields(membership, ("status", "requested_at", "confirmed_at", "left_at")),
            }
            for membership in person.memberships.all()
        ],
        "consents": [
            _fields(consent, ("purpose", "granted", "wording", "source", "recorded_at"))
            for consent in person.consents.all()
        ],
        "state_interests": [
            _fields(interest, ("state", "created_at", "confirmed_at"))
            for interest in person.state_interests.all()
        ],
        "organization_applications": [
            _fields(application, APPLICATION_FIELDS) for application in person.applications.all()
        ],
        "represented_organizations": [org.name for org in person.represented_organizations.all()],
        "coordinated_alliances": [alliance.name for alliance in person.coordinated_alliances.all()],
        "letters_to_congress": _letters(person),
        "delegation_applications": [
            {
                "session": application.call.session.number,
                **_fields(application, DELEGATION_FIELDS),
            }
            for application in person.delegation_applications.select_related("call__session")
        ],
        **{
            key: import_module(module).person_data(person)
            for key, module in APP_PRIVACY_MODULES.items()
        },
    }
    log(instance=person, action=EXPORT_ACTION, user=by)
    return data


@transaction.atomic
def person_erase(*, person: Person, by: AbstractBaseUser) -> Person:
    """Remove the person's personal details everywhere, keeping what counts are made of."""
    person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    if person.is_erased:
        raise ValidationError(gettext("This person's details have already been erased."))
    account = person.user
    person.name = ERASED_NAME
    person.email = None
    person.phone = ""
    person.zip_code = ""
    person.wants_newsletter = person.wants_alliance_updates = person.wants_action_alerts = False
    person.user = None
    person.erased_at = timezone.now()
    person.full_clean()
    person.save()
    if account:
        _account_close(account)
    person.represented_organizations.clear()
    person.coordinated_alliances.clear()
    person.applications.update(
        contact_name=ERASED_NAME, contact_email="", contact_phone="", contact_role=""
    )
    # The letters stay counted per office and district; what the person wrote goes.
    person.letter_submissions.update(sender_name="", zip_code="", subject="", body="")
    _delegation_applications_erase(person)
    for module in APP_PRIVACY_MODULES.values():
        import_module(module).person_forget(person)
    _audit_labels_forget(person)
    log(instance=person, action=ERASE_ACTION, user=by)
    return person


def _letters(person: Person) -> list[dict[str, Any]]:
    submissions = person.letter_submissions.select_related("alert").prefetch_related(
        "letters__legislator"
    )
    return [
        {
            "action_alert": submission.alert.title,
            **_fields(
                submission,
                ("sender_name", "zip_code", "state", "district", "subject", "body", "submitted_at"),
            ),
            "offices": [
                {"to": str(letter.legislator), "delivery": letter.delivery}
                for letter in submission.letters.all()
            ],
        }
        for submission in submissions
    ]


def _delegation_applications_erase(person: Person) -> None:
    """Applications stay counted in their delegation; who applied, the CV and what staff
    noted of them go. The files go once the erasure commits, so a rollback keeps them."""
    applications = list(person.delegation_applications.select_related("call__session"))
    cv_files = [(a.cv.storage, a.cv.name) for a in applications if a.cv]
    transaction.on_commit(functools.partial(_files_delete, cv_files))
    for application in applications:
        application.cv = ""
        application.name = ERASED_NAME
        # Unique per call, so each erased application keeps an address of its own.
        application.email = f"erased-{application.pk}@erased.invalid"
        application.affiliation = application.statement = application.staff_notes = ""
        application.save(
            update_fields=["cv", "name", "email", "affiliation", "statement", "staff_notes"]
        )
        if hasattr(application, "logistics"):
            application.logistics.notes = application.logistics.side_events = ""
            application.logistics.save(update_fields=["notes", "side_events"])


def _account_close(account: AbstractBaseUser) -> None:
    account.username = f"erased-{account.pk}"
    account.email = account.first_name = account.last_name = ""
    account.is_active = False
    account.set_unusable_password()
    account.save()
    account.groups.clear()


def _files_delete(files: list[tuple[Storage, str]]) -> None:
    for storage, name in files:
        storage.delete(name)


def _audit_labels_forget(person: Person) -> None:
    """Audit entries keep who did what and when, but no longer the person's name."""
    records = [
        person,
        *AllianceMembership.objects.filter(person=person).select_related("person", "alliance"),
        *StateInterest.objects.filter(person=person).select_related("person"),
        *person.delegation_applications.select_related("call__session"),
    ]
    for record in records:
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk)
        ).update(label=str(record))
