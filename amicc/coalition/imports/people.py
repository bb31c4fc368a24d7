"""People in a spreadsheet: checked against the database, then written in bulk.

A row whose email (in any case) belongs to someone already known updates that person;
otherwise it creates one. Listing alliances (slugs or names, several separated by ";")
makes the person an active member of each. Staff who import people vouch for their
consent, which is recorded with the file's name.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models.functions import Lower
from django.utils import timezone

from amicc.coalition.choices import ConsentPurpose, ConsentSource, MembershipStatus
from amicc.coalition.imports import cells
from amicc.coalition.imports.bulk import rows_insert, rows_update
from amicc.coalition.imports.report import Action, Problem, RowResult
from amicc.coalition.imports.tables import Row, Table
from amicc.coalition.models import Alliance, AllianceMembership, ConsentRecord, Person

COLUMNS = ("name", "email", "phone", "zip", "state", "newsletter", "alliance")
REQUIRED = ("name", "email")
ALLIANCE_SEPARATOR = ";"
BATCH_SIZE = 1000
# Lookups by many values at once stay under every database's limit on query parameters.
LOOKUP_CHUNK = 500
# Fields a row fills, with how a change is described; a blank cell leaves a value as it is.
ROW_FIELDS = {"name": "name", "phone": "phone", "zip_code": "ZIP", "state": "state"}
UPDATE_FIELDS = [*ROW_FIELDS, "wants_newsletter", "updated_at"]


@dataclass
class PersonPlan:
    result: RowResult
    person: Person
    join: list[Alliance] = field(default_factory=list)
    reactivate: list[int] = field(default_factory=list)  # memberships pending or left
    newsletter_consent: bool | None = None


@dataclass(frozen=True)
class _Parsed:
    row: Row
    name: str
    email: str
    phone: str
    zip_code: str
    state: str
    newsletter: bool | None
    alliances: tuple[Alliance, ...]


class PeopleImporter:
    kind = "people"
    columns = COLUMNS
    required = REQUIRED

    def __init__(self, *, filename: str) -> None:
        self.filename = filename
        self.wording = f"Imported by staff from {filename}"

    def plan(self, table: Table) -> tuple[list[PersonPlan], list[Problem]]:
        """What each row would do, and what is wrong with the rows that cannot be imported."""
        problems: list[Problem] = []
        alliances = _alliances_by_key()
        parsed: list[_Parsed] = []
        first_row_of: dict[str, int] = {}
        for row in table.rows:
            row_problems, values = _parse(row, alliances)
            if values and values.email in first_row_of:
                first = first_row_of[values.email]
                row_problems.append(
                    Problem(row.number, "email", f"the same address as row {first}")
                )
            elif values:
                first_row_of[values.email] = row.number
            problems += row_problems
            if values and not row_problems:
                parsed.append(values)
        existing = _people_by_email([values.email for values in parsed])
        memberships = _memberships([person.pk for person in existing.values()])
        plans = [_plan(values, existing.get(values.email), memberships) for values in parsed]
        return plans, problems

    def write(self, plans: list[PersonPlan]) -> list[tuple[Person, Action, int]]:
        """Write the planned rows; returns what changed, for the audit log."""
        now = timezone.now()
        created = [plan.person for plan in plans if plan.result.action == Action.CREATE]
        updated = [plan.person for plan in plans if plan.result.action == Action.UPDATE]
        Person.objects.bulk_create(created, batch_size=BATCH_SIZE)
        for person in updated:
            person.updated_at = now
        rows_update(Person, updated, UPDATE_FIELDS)
        self._memberships_write(plans, now)
        rows_insert(ConsentRecord, self._consents(plans))
        return [
            (plan.person, plan.result.action, plan.result.row)
            for plan in plans
            if plan.result.action != Action.UNCHANGED
        ]

    def _memberships_write(self, plans: list[PersonPlan], now: datetime.datetime) -> None:
        reactivated = [pk for plan in plans for pk in plan.reactivate]
        for chunk in _chunks(reactivated):
            AllianceMembership.objects.filter(pk__in=chunk).update(
                status=MembershipStatus.ACTIVE, confirmed_at=now, left_at=None
            )
        rows_insert(
            AllianceMembership,
            (
                AllianceMembership(
                    person=plan.person,
                    alliance=alliance,
                    status=MembershipStatus.ACTIVE,
                    confirmed_at=now,
                )
                for plan in plans
                for alliance in plan.join
            ),
        )

    def _consents(self, plans: list[PersonPlan]) -> Iterator[ConsentRecord]:
        """Consent to keep the details of everyone new or joining, and newsletter changes."""
        for plan in plans:
            if plan.result.action == Action.CREATE or plan.join or plan.reactivate:
                yield self._consent(plan.person, ConsentPurpose.DATA_PROCESSING, granted=True)
            if plan.newsletter_consent is not None:
                yield self._consent(
                    plan.person, ConsentPurpose.NEWSLETTER, granted=plan.newsletter_consent
                )

    def _consent(self, person: Person, purpose: ConsentPurpose, *, granted: bool) -> ConsentRecord:
        return ConsentRecord(
            person=person,
            purpose=purpose,
            granted=granted,
            wording=self.wording,
            source=ConsentSource.IMPORT,
        )


def _parse(row: Row, alliances: dict[str, Alliance]) -> tuple[list[Problem], _Parsed | None]:
    problems: list[Problem] = []

    def read(column: str, parse, *args, **kwargs):
        try:
            return parse(row.cells.get(column, ""), *args, **kwargs)
        except cells.CellError as error:
            problems.append(Problem(row.number, column, str(error)))
            return None

    name = read("name", cells.text, max_length=200)
    email = read("email", cells.email)
    for column, value in (("name", name), ("email", email)):
        if value == "":
            problems.append(Problem(row.number, column, "missing"))
    found = []
    keys = (key.strip() for key in row.cells.get("alliance", "").split(ALLIANCE_SEPARATOR))
    for key in filter(None, keys):
        if (alliance := alliances.get(key.lower())) is None:
            problems.append(Problem(row.number, "alliance", f"no alliance “{key}”"))
        else:
            found.append(alliance)
    parsed = _Parsed(
        row=row,
        name=name or "",
        email=email or "",
        phone=read("phone", cells.text, max_length=40) or "",
        zip_code=read("zip", cells.zip_code) or "",
        state=read("state", cells.state) or "",
        newsletter=read("newsletter", cells.yes_no),
        alliances=tuple(dict.fromkeys(found)),
    )
    return problems, parsed if email else None


def _plan(
    parsed: _Parsed, person: Person | None, memberships: dict[tuple[int, int], tuple[int, str]]
) -> PersonPlan:
    label = f"{parsed.name} <{parsed.email}>"
    if person is None:
        person = Person(
            name=parsed.name,
            email=parsed.email,
            phone=parsed.phone,
            zip_code=parsed.zip_code,
            state=parsed.state,
            wants_newsletter=bool(parsed.newsletter),
        )
        return PersonPlan(
            result=RowResult(parsed.row.number, Action.CREATE, label),
            person=person,
            join=list(parsed.alliances),
            newsletter_consent=True if parsed.newsletter else None,
        )
    changes = []
    for attribute, description in ROW_FIELDS.items():
        value = getattr(parsed, attribute)
        if value and value != getattr(person, attribute):
            setattr(person, attribute, value)
            changes.append(description)
    newsletter_consent = None
    if parsed.newsletter is not None and parsed.newsletter != person.wants_newsletter:
        # What consent_record() does for one record: the preference follows the consent.
        person.wants_newsletter = newsletter_consent = parsed.newsletter
        changes.append("newsletter")
    join, reactivate = [], []
    for alliance in parsed.alliances:
        pk, status = memberships.get((person.pk, alliance.pk), (None, None))
        if pk is None:
            join.append(alliance)
        elif status != MembershipStatus.ACTIVE:
            reactivate.append(pk)
        else:
            continue
        changes.append(f"joins {alliance.name}")
    action = Action.UPDATE if changes else Action.UNCHANGED
    return PersonPlan(
        result=RowResult(parsed.row.number, action, label, tuple(changes)),
        person=person,
        join=join,
        reactivate=reactivate,
        newsletter_consent=newsletter_consent,
    )


def _alliances_by_key() -> dict[str, Alliance]:
    """Every alliance under its slug and its name, in lower case."""
    found: dict[str, Alliance] = {}
    for alliance in Alliance.objects.only("pk", "slug", "name"):
        found.setdefault(alliance.name.lower(), alliance)
        found[alliance.slug.lower()] = alliance
    return found


def _people_by_email(emails: list[str]) -> dict[str, Person]:
    found = {}
    for chunk in _chunks(emails):
        # "email IS NOT NULL" lets the database use the unique index on lower(email).
        people = (
            Person.objects.annotate(email_key=Lower("email"))
            .filter(email__isnull=False, email_key__in=chunk)
            .order_by()
        )
        found.update({person.email_key: person for person in people})
    return found


def _memberships(person_ids: list[int]) -> dict[tuple[int, int], tuple[int, str]]:
    """The key and status of each membership of these people, by person and alliance."""
    found = {}
    for chunk in _chunks(person_ids):
        rows = AllianceMembership.objects.filter(person_id__in=chunk).values_list(
            "pk", "person_id", "alliance_id", "status"
        )
        found.update({(person, alliance): (pk, status) for pk, person, alliance, status in rows})
    return found


def _chunks(values: list) -> Iterator[list]:
    for start in range(0, len(values), LOOKUP_CHUNK):
        yield values[start : start + LOOKUP_CHUNK]


def people_export_rows() -> Iterator[list[str]]:
    """Everyone with an email address (erased people have none), in the import's columns."""
    alliances: dict[int, list[str]] = {}
    active = AllianceMembership.objects.filter(status=MembershipStatus.ACTIVE)
    for person_id, slug in active.order_by("alliance__slug").values_list(
        "person_id", "alliance__slug"
    ):
        alliances.setdefault(person_id, []).append(slug)
    people = Person.objects.filter(email__isnull=False).order_by("pk")
    for person in people.iterator(chunk_size=2000):
        yield [
            person.name,
            person.email,
            person.phone,
            person.zip_code,
            person.state,
            "yes" if person.wants_newsletter else "no",
            f"{ALLIANCE_SEPARATOR} ".join(alliances.get(person.pk, [])),
        ]
