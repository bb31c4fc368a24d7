"""People and their consent: the writes every form that collects personal details shares."""

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower

from amicc.coalition.choices import ConsentPurpose, ConsentSource
from amicc.coalition.models import ConsentRecord, Person


def _with_email(people: QuerySet[Person], email: str) -> QuerySet[Person]:
    """`people` with this email in any case, found through the unique index on
    Lower(email) (partial: non-null emails). `email__iexact` cannot use that index and
    scans the table: 60-110 ms per form submission at 200,000 people (bench/load)."""
    return people.annotate(email_ci=Lower("email")).filter(
        email_ci=email.strip().lower(), email__isnull=False
    )


def person_find_by_email(*, email: str) -> Person | None:
    return _with_email(Person.objects.all(), email).first()


@transaction.atomic
def person_get_or_create(
    *,
    email: str,
    name: str,
    zip_code: str = "",
    state: str = "",
    phone: str = "",
) -> tuple[Person, bool]:
    """The person with this email (any case), created if new.

    An existing person's blank fields are filled from what they typed now; details they
    gave before are not overwritten by a public form.
    """
    person = _with_email(Person.objects.select_for_update(), email).first()
    if person is None:
        person = Person(name=name.strip(), email=email, zip_code=zip_code, state=state, phone=phone)
        person.full_clean()
        person.save()
        return person, True
    changed = []
    for field, value in (
        ("name", name.strip()),
        ("zip_code", zip_code),
        ("state", state),
        ("phone", phone),
    ):
        if value and not getattr(person, field):
            setattr(person, field, value)
            changed.append(field)
    if changed:
        person.save(update_fields=[*changed, "updated_at"])
    return person, False


def consent_record(
    *,
    person: Person,
    purpose: ConsentPurpose,
    wording: str,
    source: ConsentSource,
    granted: bool = True,
) -> ConsentRecord:
    """Record what a person agreed to (or withdrew) and keep their preferences in step."""
    record = ConsentRecord.objects.create(
        person=person, purpose=purpose, granted=granted, wording=wording, source=source
    )
    preference = {
        ConsentPurpose.NEWSLETTER: "wants_newsletter",
        ConsentPurpose.ALLIANCE_UPDATES: "wants_alliance_updates",
        ConsentPurpose.ACTION_ALERTS: "wants_action_alerts",
    }.get(ConsentPurpose(purpose))
    if preference and getattr(person, preference) != granted:
        setattr(person, preference, granted)
        person.save(update_fields=[preference, "updated_at"])
    return record
