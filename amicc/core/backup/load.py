"""Restoring an archive into an empty database and media folders."""

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.models import Model

from amicc.core.backup.archive import (
    BackupError,
    Note,
    Progress,
    archive_reading,
    archive_verify,
    counted,
    media_member,
)
from amicc.core.backup.media import MediaPlan, media_plan, media_restore
from amicc.core.backup.tables import (
    MigrationState,
    column_reader,
    concrete_fields,
    models_at,
    state_check,
    state_nodes,
    tables_holding_data,
)

INSERT_ROWS = 1_000  # rows a statement batch


class RestoredWithProblem(BackupError):
    """The data is in; a step after it (newer migrations, the search index) failed."""


@dataclass(frozen=True)
class RestoreReport:
    archive: Path
    tables: int
    rows: int
    files: int
    files_present: int
    seconds: float

    def summary(self) -> str:
        present = f" ({self.files_present:,} were in place already)" if self.files_present else ""
        return (
            f"Restored {self.archive.name}: {self.tables} tables, {self.rows:,} rows and "
            f"{counted(self.files, 'file')}{present} in {self.seconds:.1f} s."
        )


@dataclass(frozen=True)
class _Table:
    name: str
    rows: int
    insert: str  # the INSERT statement
    readers: list[Callable[[Any], Any]]  # one a column


def backup_restore(
    *, archive: Path, using: str = "default", note: Note, verbosity: int = 1
) -> RestoreReport:
    """Restores `archive` into the empty database `using` and the media folders."""
    started = time.monotonic()
    connection = connections[using]
    _refuse_unless_empty(connection)
    note(f"Checking {archive} …")
    manifest = archive_verify(archive, note)
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    state: MigrationState = manifest["migrations"]
    state_check(state, loader)
    models = models_at(loader, state)
    tables = _tables_prepare(manifest, models, connection)
    plan = media_plan(manifest)
    _migrate_to(connection, state, note)
    note("Loading the rows and files, in one transaction …")
    try:
        with transaction.atomic(using=connection.alias):
            _rows_delete(connection, models)
            rows = _archive_load(archive, manifest, tables, plan, connection, note)
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
            connection.check_constraints()
    except BaseException:
        plan.remove_written()
        raise
    _derived_rebuild(connection, note, verbosity)
    return RestoreReport(
        archive=archive,
        tables=len(tables),
        rows=rows,
        files=len(manifest["files"]),
        files_present=len(plan.present),
        seconds=time.monotonic() - started,
    )


def _refuse_unless_empty(connection: BaseDatabaseWrapper) -> None:
    holding = tables_holding_data(connection)
    if holding:
        shown = ", ".join(holding[:8]) + (
            f" and {len(holding) - 8} more" if len(holding) > 8 else ""
        )
        raise BackupError(
            f"The database holds data already ({shown}). Restore only into an empty database: "
            "a new one, or one that has only been migrated."
        )


def _derived_rebuild(connection: BaseDatabaseWrapper, note: Note, verbosity: int) -> None:
    """Applies the newer migrations, rebuilds the search index and empties the cache."""
    ContentType.objects.clear_cache()  # ids from the migrations, not the archive's
    try:
        _migrate_forward(connection, note)
        note("Rebuilding the search index …")
        call_command("update_index", verbosity=max(verbosity - 1, 0))
    except Exception as error:  # the rows are in: whatever failed, say what is left to do
        raise RestoredWithProblem(
            f"The rows and files are restored, but then this failed: {error}. Once the cause "
            "is fixed, run `amicc migrate` and `amicc update_index`."
        ) from None
    for cache in caches.all():
        cache.clear()


def _migrate_to(connection: BaseDatabaseWrapper, state: MigrationState, note: Note) -> None:
    """Brings the database's tables to the archive's migration state."""
    progress = Progress(note)
    done = 0

    def count(action: str, *args: Any) -> None:
        nonlocal done
        if action == "apply_success":
            done += 1
            progress(f"… {done} of {len(plan)} migrations")

    executor = MigrationExecutor(connection, progress_callback=count)
    targets = state_nodes(state, executor.loader)
    plan = executor.migration_plan(targets)
    if any(backwards for _migration, backwards in plan):
        raise BackupError(
            "The database was migrated beyond the archive's state. Restore into a new, empty "
            "database, which restore migrates itself."
        )
    if plan:
        note(f"Migrating the database to the archive's state ({len(plan)} migrations) …")
        executor.migrate(targets, plan=plan)
        note(f"… {done} of {len(plan)} migrations")


def _migrate_forward(connection: BaseDatabaseWrapper, note: Note) -> None:
    """Applies the migrations this code has beyond the archive's, to the restored rows."""
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        note("Applying the migrations this version has beyond the archive's …")
        call_command("migrate", interactive=False, verbosity=0, database=connection.alias)


def _tables_prepare(
    manifest: dict[str, Any], models: list[type[Model]], connection: BaseDatabaseWrapper
) -> dict[str, _Table]:
    """How to insert each table's rows, checking that the archive's columns are the table's."""
    by_table = {model._meta.db_table: model for model in models}
    tables = {}
    try:
        for entry in manifest["tables"]:
            model = by_table.get(entry["table"])
            fields = {field.column: field for field in concrete_fields(model)} if model else {}
            columns = entry["columns"]
            chunk_rows = sum(int(chunk["rows"]) for chunk in entry["chunks"])
            if not fields or set(columns) != set(fields) or chunk_rows != entry["rows"]:
                raise BackupError(
                    f"The archive's table {entry['table']} does not match its migration state: "
                    "the archive is damaged."
                )
            tables[entry["table"]] = _Table(
                name=entry["table"],
                rows=entry["rows"],
                insert=_insert_statement(connection, entry["table"], columns),
                readers=[column_reader(fields[column], connection) for column in columns],
            )
    except (KeyError, TypeError, ValueError):
        raise BackupError("The archive is damaged: its manifest's tables are incomplete.") from None
    return tables


def _insert_statement(connection: BaseDatabaseWrapper, table: str, columns: list[str]) -> str:
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    return f"INSERT INTO {quote(table)} ({names}) VALUES ({placeholders})"  # noqa: S608


def _rows_delete(connection: BaseDatabaseWrapper, models: list[type[Model]]) -> None:
    """Deletes the rows `migrate` wrote; foreign keys are checked when the transaction ends."""
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in sorted({model._meta.db_table for model in models} & existing):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608


def _archive_load(
    archive: Path,
    manifest: dict[str, Any],
    tables: dict[str, _Table],
    plan: MediaPlan,
    connection: BaseDatabaseWrapper,
    note: Note,
) -> int:
    chunks = {
        chunk["member"]: (tables[entry["table"]], chunk)
        for entry in manifest["tables"]
        for chunk in entry["chunks"]
    }
    files = {media_member(file["storage"], file["path"]): file for file in manifest["files"]}
    total_rows = sum(table.rows for table in tables.values())
    progress = Progress(note)
    rows = written = 0
    with archive_reading(archive) as tar, connection.cursor() as cursor:
        for member in tar:
            source = tar.extractfile(member)
            if member.name in chunks:
                table, chunk = chunks[member.name]
                rows += _chunk_load(cursor, table, chunk, source)
                progress(f"… {rows:,} of {total_rows:,} rows ({table.name})")
            elif member.name in files:
                media_restore(plan, member.name, source, files[member.name]["sha256"])
                written += 1
                progress(f"… {written:,} of {len(files):,} files")
    note(f"… {counted(rows, 'row')} and {counted(written, 'file')}")
    return rows


def _chunk_load(cursor, table: _Table, chunk: dict[str, Any], source: IO[bytes]) -> int:
    digest = hashlib.sha256()
    batch: list[list[Any]] = []
    count = 0
    try:
        for line in source:
            digest.update(line)
            values = json.loads(line)
            batch.append([read(value) for read, value in zip(table.readers, values, strict=True)])
            count += 1
            if len(batch) == INSERT_ROWS:
                cursor.executemany(table.insert, batch)
                batch.clear()
    except (ValueError, TypeError):
        raise BackupError(f"{chunk['member']} is damaged: a row cannot be read.") from None
    if batch:
        cursor.executemany(table.insert, batch)
    if digest.hexdigest() != chunk["sha256"] or count != chunk["rows"]:
        raise BackupError(
            f"{chunk['member']} changed since it was checked: the archive is damaged."
        )
    return count
