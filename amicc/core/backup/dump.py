"""Writing an archive: the rows of every table in one read transaction, then the files."""

import datetime
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.models import Model

from amicc.core.backup.archive import (
    FORMAT,
    FORMAT_VERSION,
    ArchiveWriter,
    BackupError,
    Note,
    Progress,
    counted,
    data_member,
)
from amicc.core.backup.media import media_archive
from amicc.core.backup.tables import (
    LEFT_OUT,
    applied_state,
    column_writer,
    columns_of,
    concrete_fields,
    is_left_out,
    models_at,
)

CHUNK_ROWS = 10_000  # rows a member
FETCH_ROWS = 2_000  # rows a round trip to the database
SPOOL_BYTES = 32 * 1024 * 1024  # a member is built in memory up to this size, then on disk
SNAPSHOT = {
    "postgresql": "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    "sqlite": "BEGIN DEFERRED",
}


@dataclass(frozen=True)
class BackupReport:
    path: Path
    tables: int
    rows: int
    files: int
    seconds: float

    def summary(self) -> str:
        size = self.path.stat().st_size / 1e6
        return (
            f"Wrote {self.path} ({size:,.1f} MB): {self.tables} tables, {self.rows:,} rows and "
            f"{counted(self.files, 'file')} in {self.seconds:.1f} s."
        )


def default_name(moment: datetime.datetime) -> str:
    return f"amicc-backup-{moment.strftime('%Y%m%dT%H%M%SZ')}.tar.gz"


def backup_create(
    *, output: Path | None = None, using: str = "default", note: Note
) -> BackupReport:
    """Writes the archive to `output` (a file, or a directory for the default name)."""
    started = time.monotonic()
    now = datetime.datetime.now(datetime.UTC)
    path = _output_path(output, now)
    connection = connections[using]
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    state = applied_state(loader)
    if not state:
        raise BackupError("The database has no tables yet: there is nothing to back up.")
    models = [model for model in models_at(loader, state) if not is_left_out(model)]
    note(f"Writing {path}")
    with ArchiveWriter(path, mtime=now.timestamp()) as writer:
        note(f"Reading {len(models)} tables in one transaction …")
        with read_snapshot(connection):
            tables = _tables_dump(writer, models, connection, note)
        note("Reading the uploaded files …")
        files = media_archive(writer, note)
        writer.add_manifest(
            {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": now.isoformat(),
                "platform_version": _platform_version(),
                "database_vendor": connection.vendor,
                "migrations": state,
                "tables": tables,
                "left_out": LEFT_OUT,
                "files": files,
            }
        )
    return BackupReport(
        path=path,
        tables=len(tables),
        rows=sum(table["rows"] for table in tables),
        files=len(files),
        seconds=time.monotonic() - started,
    )


def _output_path(output: Path | None, now: datetime.datetime) -> Path:
    path = Path.cwd() if output is None else output
    if path.is_dir():
        path = path / default_name(now)
    if path.exists():
        raise BackupError(f"{path} exists already; name another file.")
    if not path.parent.is_dir():
        raise BackupError(f"No such folder: {path.parent}.")
    return path


def _platform_version() -> str:
    try:
        return version("amicc")
    except PackageNotFoundError:
        return "unknown"


@contextmanager
def read_snapshot(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """One view of the whole database for the length of the dump, blocking no writer.

    Inside a transaction already (a test's), that transaction's view is the one dumped.
    """
    if connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(SNAPSHOT.get(connection.vendor, "BEGIN"))
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ROLLBACK")


def _tables_dump(
    writer: ArchiveWriter, models: list[type[Model]], connection: BaseDatabaseWrapper, note: Note
) -> list[dict[str, Any]]:
    progress = Progress(note)
    tables, total = [], 0
    for number, model in enumerate(models, start=1):
        table = _table_dump(writer, model, connection, progress)
        tables.append(table)
        total += table["rows"]
        progress(f"… {number} of {len(models)} tables, {total:,} rows ({table['table']})")
    note(f"… {len(models)} tables, {total:,} rows")
    return tables


def _table_dump(
    writer: ArchiveWriter, model: type[Model], connection: BaseDatabaseWrapper, progress: Progress
) -> dict[str, Any]:
    fields = concrete_fields(model)
    writers = [column_writer(field) for field in fields]
    table = model._meta.db_table
    rows = (
        model._base_manager.using(connection.alias)
        .order_by(model._meta.pk.attname)
        .values_list(*(field.attname for field in fields))
        .iterator(chunk_size=FETCH_ROWS)
    )
    chunks, count = [], 0
    spool = _new_spool()
    encoder = DjangoJSONEncoder(ensure_ascii=False, separators=(",", ":"))
    for row in rows:
        values = [write(value) for write, value in zip(writers, row, strict=True)]
        spool.write(encoder.encode(values).encode() + b"\n")
        count += 1
        if count % CHUNK_ROWS == 0:
            chunks.append(_chunk_add(writer, spool, table, len(chunks) + 1, CHUNK_ROWS))
            spool = _new_spool()
            progress(f"… {table}: {count:,} rows")
    if count % CHUNK_ROWS:
        chunks.append(_chunk_add(writer, spool, table, len(chunks) + 1, count % CHUNK_ROWS))
    else:
        spool.close()
    return {
        "table": table,
        "model": model._meta.label_lower,
        "columns": columns_of(fields),
        "rows": count,
        "chunks": chunks,
    }


def _new_spool() -> tempfile.SpooledTemporaryFile:
    return tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - closed by _chunk_add


def _chunk_add(
    writer: ArchiveWriter, spool: tempfile.SpooledTemporaryFile, table: str, number: int, rows: int
) -> dict[str, Any]:
    with spool:
        size = spool.tell()
        spool.seek(0)
        member = data_member(table, number)
        digest = writer.add(member, spool, size)
    return {"member": member, "rows": rows, "sha256": digest}
