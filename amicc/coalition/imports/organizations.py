"""Member organizations in a spreadsheet: checked against the database, then written in bulk.

A row is the organization already known under the same name (in any case) in the same
state, or else under the same website domain; it updates that organization. Otherwise it
creates one, Active unless the row gives another status, and not listed publicly unless
the row says so.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify
from wagtail.search.backends import get_search_backends

from amicc.coalition.choices import Constituency, OrganizationStatus
from amicc.coalition.imports import cells
from amicc.coalition.imports.bulk import rows_update
from amicc.coalition.imports.report import Action, Problem, RowResult
from amicc.coalition.imports.tables import Row, Table
from amicc.coalition.models import MemberOrganization, website_domain

COLUMNS = (
    "name",
    "constituency",
    "city",
    "state",
    "website",
    "description",
    "status",
    "joined_on",
    "listed",
)
REQUIRED = ("name", "constituency")
BATCH_SIZE = 500
# Model field, column and parser of each value a row may set; blank cells set nothing.
FIELDS = (
    ("name", "name", lambda raw: cells.text(raw, max_length=200)),
    ("constituency", "constituency", lambda raw: cells.choice(raw, Constituency)),
    ("city", "city", lambda raw: cells.text(raw, max_length=120)),
    ("state", "state", cells.state),
    ("website", "website", cells.website),
    ("description", "description", lambda raw: raw),
    ("status", "status", lambda raw: cells.choice(raw, OrganizationStatus)),
    ("joined_on", "joined_on", cells.date),
    ("is_listed", "listed", cells.yes_no),
)
UPDATE_FIELDS = [field for field, _, _ in FIELDS] + ["website_domain", "updated_at"]


@dataclass
class OrganizationPlan:
    result: RowResult
    organization: MemberOrganization


class _Known:
    """The organizations a row may be: those in the database and those on earlier rows."""

    def __init__(self) -> None:
        self.organizations = list(MemberOrganization.objects.all())
        self.by_name = {(org.name.lower(), org.state): org for org in self.organizations}
        self.by_domain = {org.website_domain: org for org in self.organizations if org.website}
        self.slugs = {org.slug for org in self.organizations}
        self.rows_by_key: dict[tuple[str, ...], int] = {}

    def match(self, values: dict) -> tuple[MemberOrganization | None, str]:
        """The organization the row updates, or a problem when it could be two of them."""
        by_name = self.by_name.get((values["name"].lower(), values.get("state", "")))
        by_domain = self.by_domain.get(website_domain(values.get("website", "")))
        if by_name and by_domain and by_name != by_domain:
            return None, (
                f"matches two organizations: “{by_name}” by name and state and "
                f"“{by_domain}” by website"
            )
        return by_name or by_domain, ""

    def earlier_row(self, row: int, values: dict, match: MemberOrganization | None) -> int | None:
        """The first row naming the same organization, if one did; else remember this row."""
        keys = [("name", values["name"].lower(), values.get("state", ""))]
        if domain := website_domain(values.get("website", "")):
            keys.append(("domain", domain))
        if match is not None:
            keys.append(("pk", str(match.pk)))
        earlier = [self.rows_by_key[key] for key in keys if key in self.rows_by_key]
        if earlier:
            return min(earlier)
        self.rows_by_key.update(dict.fromkeys(keys, row))
        return None

    def new_slug(self, name: str) -> str:
        base = slugify(name)[:190].strip("-") or "organization"
        slug, number = base, 1
        while slug in self.slugs:
            number += 1
            slug = f"{base}-{number}"
        self.slugs.add(slug)
        return slug


class OrganizationsImporter:
    kind = "organizations"
    columns = COLUMNS
    required = REQUIRED

    def __init__(self, *, filename: str) -> None:
        self.filename = filename

    def plan(self, table: Table) -> tuple[list[OrganizationPlan], list[Problem]]:
        """What each row would do, and what is wrong with the rows that cannot be imported."""
        known = _Known()
        plans, problems = [], []
        for row in table.rows:
            row_problems, values = _parse(row)
            match = None
            if not row_problems:
                match, conflict = known.match(values)
                if conflict:
                    row_problems.append(Problem(row.number, "", conflict))
                elif (first := known.earlier_row(row.number, values, match)) is not None:
                    row_problems.append(
                        Problem(row.number, "", f"the same organization as row {first}")
                    )
                elif match is None and not values.get("constituency"):
                    row_problems.append(
                        Problem(
                            row.number, "constituency", "missing (a new organization needs one)"
                        )
                    )
            problems += row_problems
            if not row_problems:
                plans.append(_plan(row, values, match, known))
        return plans, problems

    def write(self, plans: list[OrganizationPlan]) -> list[tuple[MemberOrganization, Action, int]]:
        """Write the planned rows and index them for search; returns what changed."""
        now = timezone.now()
        changed = [plan for plan in plans if plan.result.action != Action.UNCHANGED]
        for plan in changed:
            organization = plan.organization
            organization.website_domain = website_domain(organization.website)
            organization.updated_at = now
        created = [plan.organization for plan in changed if plan.result.action == Action.CREATE]
        updated = [plan.organization for plan in changed if plan.result.action == Action.UPDATE]
        MemberOrganization.objects.bulk_create(created, batch_size=BATCH_SIZE)
        rows_update(MemberOrganization, updated, UPDATE_FIELDS)
        for start in range(0, len(changed), BATCH_SIZE):
            batch = [plan.organization for plan in changed[start : start + BATCH_SIZE]]
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(MemberOrganization, batch)
        return [(plan.organization, plan.result.action, plan.result.row) for plan in changed]


def _parse(row: Row) -> tuple[list[Problem], dict]:
    """The values the row gives, by model field; blank cells are left out."""
    problems, values = [], {}
    for field, column, parse in FIELDS:
        raw = row.cells.get(column, "")
        try:
            value = parse(raw)
        except cells.CellError as error:
            problems.append(Problem(row.number, column, str(error)))
            continue
        if raw:
            values[field] = value
    if not row.cells.get("name"):
        problems.append(Problem(row.number, "name", "missing"))
    return problems, values


def _plan(
    row: Row, values: dict, organization: MemberOrganization | None, known: _Known
) -> OrganizationPlan:
    if organization is None:
        defaults = {"status": OrganizationStatus.ACTIVE, "slug": known.new_slug(values["name"])}
        organization = MemberOrganization(**{**defaults, **values})
        return OrganizationPlan(RowResult(row.number, Action.CREATE, values["name"]), organization)
    changes = []
    for field, column, _ in FIELDS:
        if field in values and values[field] != getattr(organization, field):
            setattr(organization, field, values[field])
            changes.append(column)
    action = Action.UPDATE if changes else Action.UNCHANGED
    return OrganizationPlan(
        RowResult(row.number, action, organization.name, tuple(changes)), organization
    )


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value or "")


def organizations_export_rows() -> Iterator[list[str]]:
    """Every member organization, listed or not, in the import's columns."""
    for organization in MemberOrganization.objects.order_by("name", "pk").iterator(chunk_size=1000):
        yield [_text(getattr(organization, field)) for field, _, _ in FIELDS]
