"""Import and export of people and member organizations, for the admin and the commands.

The import policy: every valid row is written, all in one transaction, and the rows with
problems are left out and reported, each problem with its row and column, so nothing
valid waits on a typo and the rejected rows can be downloaded, fixed and imported again.
A dry run checks every row the same way and writes nothing. A file that cannot be read
at all raises `ImportFileError`.
"""

import uuid
from collections.abc import Iterator
from typing import IO

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.log_actions import registry as log_registry

from amicc.coalition.imports import organizations, people
from amicc.coalition.imports.bulk import rows_insert
from amicc.coalition.imports.organizations import OrganizationsImporter
from amicc.coalition.imports.people import PeopleImporter
from amicc.coalition.imports.report import Action, ImportReport
from amicc.coalition.imports.tables import ImportFileError, csv_lines, table_read, xlsx_write
from amicc.core.page_cache import invalidate_page_cache

IMPORT_KINDS = ("people", "organizations")
EXPORT_FORMATS = ("csv", "xlsx")
LOG_ACTIONS = {
    Action.CREATE: "coalition.import.create",
    Action.UPDATE: "coalition.import.update",
}


def people_import(
    *, source: IO[bytes], filename: str, dry_run: bool, user: AbstractBaseUser | None = None
) -> ImportReport:
    """Import people from a CSV or XLSX file (see `amicc.coalition.imports.people`)."""
    return _import(PeopleImporter(filename=filename), source=source, dry_run=dry_run, user=user)


def organizations_import(
    *, source: IO[bytes], filename: str, dry_run: bool, user: AbstractBaseUser | None = None
) -> ImportReport:
    """Import member organizations from a CSV or XLSX file (see `...imports.organizations`)."""
    importer = OrganizationsImporter(filename=filename)
    return _import(importer, source=source, dry_run=dry_run, user=user)


def _import(
    importer: PeopleImporter | OrganizationsImporter,
    *,
    source: IO[bytes],
    dry_run: bool,
    user: AbstractBaseUser | None,
) -> ImportReport:
    table = table_read(source=source, known=importer.columns, required=importer.required)
    if dry_run:
        plans, problems = importer.plan(table)
    else:
        try:
            with transaction.atomic():
                plans, problems = importer.plan(table)
                changed = importer.write(plans)
                _audit_log(changed, filename=importer.filename, user=user)
                if changed:
                    transaction.on_commit(invalidate_page_cache)
        except IntegrityError:
            raise ImportFileError(
                gettext(
                    "The same records were changed by someone else during the import, so "
                    "nothing was written. Run the import again."
                )
            ) from None
    return ImportReport(
        kind=importer.kind,
        filename=importer.filename,
        dry_run=dry_run,
        table=table,
        results=[plan.result for plan in plans],
        problems=problems,
    )


def _audit_log(
    changed: list[tuple[models.Model, Action, int]],
    *,
    filename: str,
    user: AbstractBaseUser | None,
) -> None:
    """One audit log entry per object created or updated, all sharing the import's uuid.

    These are the entries `wagtail.log_actions.log()` makes, written in one go: an import
    can change a hundred thousand people.
    """
    if not changed:
        return
    model = type(changed[0][0])
    log_model = log_registry.get_log_model_for_model(model)
    content_type = ContentType.objects.get_for_model(model)
    import_uuid, now = uuid.uuid4(), timezone.now()
    rows_insert(
        log_model,
        (
            log_model(
                content_type=content_type,
                object_id=str(instance.pk),
                label=str(instance),
                action=LOG_ACTIONS[action],
                data={"filename": filename, "row": row},
                timestamp=now,
                uuid=import_uuid,
                user=user,
                content_changed=True,
            )
            for instance, action, row in changed
        ),
    )


def _export(kind: str) -> tuple[tuple[str, ...], Iterator[list[str]]]:
    if kind == "people":
        return people.COLUMNS, people.people_export_rows()
    if kind == "organizations":
        return organizations.COLUMNS, organizations.organizations_export_rows()
    raise ValueError(f"Nothing to export called {kind!r}; choose one of {IMPORT_KINDS}.")


def export_csv(*, kind: str) -> Iterator[str]:
    """The people or organizations as CSV lines, in the columns the import reads."""
    header, rows = _export(kind)
    return csv_lines(header, rows)


def export_xlsx(*, kind: str, stream: IO[bytes]) -> None:
    """The people or organizations as an XLSX workbook, in the columns the import reads."""
    header, rows = _export(kind)
    xlsx_write(stream=stream, title=kind.capitalize(), header=header, rows=rows)
