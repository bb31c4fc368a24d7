"""`amicc backup` and `amicc restore`: a round trip through the other database and back.

The source is the test database, filled with the demo content, an image with a rendition
and tags, documents, an applicant's private file and a queued task. Restores run as `amicc`
processes into installations of their own: a temporary SQLite file, or a PostgreSQL
database the test creates on the server at 127.0.0.1:5432 (the one the suite runs on, if
it runs on PostgreSQL) and drops afterwards.
"""

import datetime
import decimal
import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection, models
from django.utils import timezone
from PIL import Image as PillowImage
from psycopg import sql
from wagtail.images import get_image_model

from amicc.accounts.models import User
from amicc.core.backup.archive import MANIFEST
from amicc.core.backup.tables import column_reader, column_writer, tables_holding_data
from amicc.core.demo_loaders import demo_load_all
from amicc.core.models import CoalitionDocument
from amicc.core.tasks import extract_document_text
from amicc.icc.models import AspSession, DelegationApplication, DelegationCall
from amicc.pages.models import NewsPage

pytestmark = pytest.mark.django_db

AMICC = str(Path(sys.executable).with_name("amicc"))
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
# SQLite's full-text tables of the search index: PostgreSQL keeps the index in one table.
SQLITE_ONLY_PREFIX = "wagtailsearch_indexentry_fts"
# FTS5's own b-tree segments: how many rows they take depends on the order of the writes
# that built the index, not on what it holds.
FTS5_SEGMENTS = {f"{SQLITE_ONLY_PREFIX}_data", f"{SQLITE_ONLY_PREFIX}_idx"}

INSPECT = """
import hashlib, json, os
from django.db import connection, transaction
from django.test import Client
from amicc.accounts.models import User
from amicc.pages.models import NewsIndexPage
from amicc.pages.tests.factories import make_news

counts = {}
with connection.cursor() as cursor:
    for table in connection.introspection.table_names():
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
answers = {}
for path in json.loads(os.environ["FETCH_PATHS"]):
    response = Client().get(path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    digest = hashlib.sha256(body).hexdigest()
    answers[path] = [response.status_code, digest, body.decode(errors="replace")]
# New rows get new keys (PostgreSQL's sequences were moved past the restored ones); undone.
with transaction.atomic():
    User.objects.create_user(username="after-restore", email="new@example.org")
    make_news(NewsIndexPage.objects.get(locale__language_code="en"), "Written after the restore")
    transaction.set_rollback(True)
print(json.dumps({"counts": counts, "answers": answers}))
"""


def table_counts() -> dict[str, int]:
    """Every table's row count, through the database's own list of tables."""
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def checksums(directories: dict[str, Path]) -> dict[str, str]:
    """The SHA-256 of every file under each directory, by storage and path."""
    return {
        f"{alias}/{path.relative_to(directory).as_posix()}": hashlib.sha256(
            path.read_bytes()
        ).hexdigest()
        for alias, directory in directories.items()
        if directory.is_dir()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def assert_same_rows(source: dict[str, int], restored: dict[str, int]) -> None:
    only_one_side = source.keys() ^ restored.keys()
    assert all(table.startswith(SQLITE_ONLY_PREFIX) for table in only_one_side), only_one_side
    differing = {
        table: (source[table], restored[table])
        for table in (source.keys() & restored.keys()) - FTS5_SEGMENTS
        if source[table] != restored[table]
    }
    assert differing == {}


@dataclass
class Installation:
    """An installation for `amicc` processes: a data directory and a database."""

    data_dir: Path
    database_url: str = ""  # none: SQLite in the data directory

    def amicc(self, *args: str, **env: str) -> subprocess.CompletedProcess:
        environment = {
            **{
                name: value
                for name, value in os.environ.items()
                if not name.startswith(("AMICC_", "DJANGO_", "DATABASE_URL"))
            },
            "DJANGO_SETTINGS_MODULE": "amicc.settings_test",
            "AMICC_DATA_DIR": str(self.data_dir),
            "DATABASE_URL": self.database_url,
            **env,
        }
        return subprocess.run(  # noqa: S603
            [AMICC, *args], env=environment, capture_output=True, text=True, timeout=600
        )

    def inspect(self, paths: list[str]) -> tuple[dict[str, int], dict[str, list]]:
        """Every table's row count, and the status, SHA-256 and text of each path's answer."""
        done = self.amicc("shell", "-c", INSPECT, FETCH_PATHS=json.dumps(paths))
        assert done.returncode == 0, done.stderr
        found = json.loads(done.stdout.strip().splitlines()[-1])
        return found["counts"], found["answers"]

    def files(self) -> dict[str, str]:
        return checksums({"default": self.data_dir / "media", "private": self.data_dir / "private"})


def postgres_server() -> dict[str, str]:
    """The server the suite runs on, if it runs on PostgreSQL; else the one at 127.0.0.1."""
    if connection.vendor != "postgresql":
        return {"host": "127.0.0.1", "port": "5432", "user": "postgres", "password": ""}
    settings_dict = connection.settings_dict
    return {
        "host": settings_dict["HOST"] or "127.0.0.1",
        "port": str(settings_dict["PORT"] or 5432),
        "user": settings_dict["USER"] or "postgres",
        "password": settings_dict["PASSWORD"] or "",
    }


@pytest.fixture
def postgres_database() -> Iterator[Callable[[], str]]:
    """Makes empty PostgreSQL databases (returns their URL); drops them afterwards."""
    server = postgres_server()
    try:
        admin = psycopg.connect(
            **{**server, "password": server["password"] or None},
            dbname="postgres",
            autocommit=True,
            connect_timeout=5,
        )
    except psycopg.OperationalError as error:
        pytest.skip(f"No PostgreSQL server answers at {server['host']}:{server['port']}: {error}")
    names: list[str] = []

    def create() -> str:
        name = f"amicc_restore_test_{os.getpid()}_{len(names)}"
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        names.append(name)
        password = f":{quote(server['password'])}" if server["password"] else ""
        return (
            f"postgres://{quote(server['user'])}{password}@{server['host']}:{server['port']}/{name}"
        )

    yield create
    for name in names:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
    admin.close()


@dataclass
class Source:
    storages: dict[str, Path]
    news: NewsPage
    document: CoalitionDocument
    rendition_url: str


@pytest.fixture
def media_dirs(settings, tmp_path) -> dict[str, Path]:
    """MEDIA_ROOT and the private files in folders of this test's own."""
    directories = {"default": tmp_path / "media", "private": tmp_path / "private"}
    settings.MEDIA_ROOT = directories["default"]
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": directories["private"], "base_url": None},
        },
    }
    return directories


def png(width: int = 120, height: int = 90) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), (0, 110, 120)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def rich_site(media_dirs, settings) -> Source:
    """The demo content, plus what it lacks: images, an applicant's file, a queued task."""
    for _summary in demo_load_all():
        pass
    User.objects.create_superuser(username="admin", email="admin@example.org", password="x" * 20)
    image = get_image_model()(title="The harbour", file=ImageFile(io.BytesIO(png()), "harbour.png"))
    image.save()
    image.tags.add("harbour", "The Hague")
    rendition = image.get_rendition("fill-80x60")
    document = CoalitionDocument(title="Rapport annuel")
    document.file.save("rapport-été.txt", ContentFile("Le rapport de l'année.".encode()))
    session = AspSession.objects.create(
        number=900,
        starts_on=datetime.date(2027, 12, 1),
        ends_on=datetime.date(2027, 12, 6),
        place="The Hague",
    )
    call = DelegationCall.objects.create(
        session=session,
        introduction="Students and scholars may apply.",
        deadline=timezone.now() + datetime.timedelta(days=10),
        places=2,
    )
    cv = storages["private"].save("delegation-cvs/900/token-ada.pdf", ContentFile(b"%PDF-1.4 CV"))
    DelegationApplication.objects.create(
        call=call,
        token="token-ada",
        name="Ada Lovelace",
        email="ada@example.org",
        affiliation="A university",
        role="student",
        statement="A statement.",
        available_days=["2027-12-01"],
        cv=cv,
    )
    settings.TASKS = {
        "default": settings.TASKS["default"],
        "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    extract_document_text.using(backend="database").enqueue(document_id=document.pk)
    # Indexing waits for commits that never come in a test: index as the worker would have.
    call_command("update_index", verbosity=0)
    return Source(
        storages=media_dirs,
        news=NewsPage.objects.live().filter(locale__language_code="en").order_by("pk").first(),
        document=document,
        rendition_url=rendition.url,
    )


def test_round_trip_through_the_other_database_and_back(rich_site, tmp_path, postgres_database):
    source_counts = table_counts()
    source_files = checksums(rich_site.storages)
    for table in ("wagtailimages_rendition", "taggit_taggeditem", "icc_delegationapplication"):
        assert source_counts[table] > 0, table
    assert source_counts["django_tasks_database_dbtaskresult"] == 1
    assert len(source_files) == 5  # the demo's guide, image, rendition, report and CV
    paths = ["/", rich_site.news.url, rich_site.document.url, rich_site.rendition_url]
    first = tmp_path / "first.tar.gz"
    call_command("backup", output=str(first), verbosity=0)

    # To the other database.
    vendor = connection.vendor
    other = Installation(tmp_path / "other", postgres_database() if vendor == "sqlite" else "")
    restored = other.amicc("restore", str(first))
    assert restored.returncode == 0, restored.stderr
    counts, answers = other.inspect(paths)
    assert_same_rows(source_counts, counts)
    assert other.files() == source_files
    home, news, document, rendition = (answers[path] for path in paths)
    assert home[0] == 200 and "Americans for an effective International Criminal Court" in home[2]
    assert news[0] == 200 and rich_site.news.title in news[2]
    assert document[:2] == [200, source_files["default/" + rich_site.document.file.name]]
    assert rendition[0] == 200

    # It now holds data: a second restore is refused (had it changed anything, the round
    # trip's end would show it).
    again = other.amicc("restore", str(first))
    assert again.returncode == 1
    assert "holds data already" in again.stderr and "Traceback" not in again.stderr

    # And back to a database like the source's.
    second = tmp_path / "second.tar.gz"
    backed_up = other.amicc("backup", "--output", str(second))
    assert backed_up.returncode == 0, backed_up.stderr
    same = Installation(tmp_path / "same", postgres_database() if vendor == "postgresql" else "")
    restored = same.amicc("restore", str(second))
    assert restored.returncode == 0, restored.stderr
    counts, answers = same.inspect(paths)
    assert_same_rows(source_counts, counts)
    assert same.files() == source_files
    assert answers[rich_site.news.url][0] == 200
    assert rich_site.news.title in answers[rich_site.news.url][2]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (models.DateTimeField(), datetime.datetime(2025, 3, 1, 2, 30, 0, 123456, datetime.UTC)),
        (models.DateField(), datetime.date(2025, 3, 1)),
        (models.TimeField(), datetime.time(23, 59, 59, 999999)),
        (models.DecimalField(max_digits=9, decimal_places=2), decimal.Decimal("1234.50")),
        (models.DurationField(), datetime.timedelta(days=2, seconds=5, microseconds=7)),
        (models.BinaryField(), b"\x00\xffbytes"),
        (models.UUIDField(), uuid.UUID("8f417ab9-1cf2-4b50-9af3-fa6d0967ab3e")),
        (models.FloatField(), 0.1),
        (models.TextField(), "Cour pénale internationale \u2014 \U0001f30d"),
    ],
)
def test_values_come_back_from_the_archive_exactly(field, value):
    written = json.loads(json.dumps(column_writer(field)(value)))

    read = column_reader(field, connection)(written)
    expected = field.get_db_prep_save(value, connection)
    # psycopg wraps binary data in an object that compares by identity.
    assert getattr(read, "obj", read) == getattr(expected, "obj", expected)


def test_a_freshly_migrated_database_counts_as_empty():
    assert tables_holding_data(connection) == []
    User.objects.create_user(username="ada", email="ada@example.org")
    assert tables_holding_data(connection) == ["accounts_user"]


# --- Refusals: each one before anything changes.


@pytest.fixture
def archive(media_dirs, tmp_path) -> Path:
    """A backup of the test database as migrated, with one uploaded file."""
    (media_dirs["default"] / "documents").mkdir(parents=True)
    (media_dirs["default"] / "documents" / "note.txt").write_text("A note.")
    path = tmp_path / "archive.tar.gz"
    call_command("backup", output=str(path), verbosity=0)
    return path


def rewritten(archive: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """A copy of `archive` whose manifest went through `change`."""
    copy = archive.with_name("changed.tar.gz")
    with tarfile.open(archive, "r:gz") as source, tarfile.open(copy, "w:gz") as target:
        for member in source:
            data = source.extractfile(member).read()
            if member.name == MANIFEST:
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    return copy


def restore_refused(path: Path, message: str) -> None:
    rows_before = table_counts()
    with pytest.raises(CommandError, match=message) as refused:
        call_command("restore", str(path), verbosity=0)
    assert "Nothing was restored" in str(refused.value)
    assert table_counts() == rows_before


def test_restore_refuses_a_database_that_holds_data(archive):
    User.objects.create_user(username="ada", email="ada@example.org", password="x" * 20)

    restore_refused(archive, r"holds data already \(accounts_user")


def test_restore_refuses_a_missing_file(tmp_path):
    restore_refused(tmp_path / "nowhere.tar.gz", "No such file")


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    text = tmp_path / "notes.tar.gz"
    text.write_text("Not an archive at all.")
    restore_refused(text, "is not an AMICC backup: it is not a gzip-compressed tar file")

    compressed = tmp_path / "other.tar.gz"
    with tarfile.open(compressed, "w:gz") as tar:
        tar.addfile(tarfile.TarInfo("README"), io.BytesIO())
    restore_refused(compressed, "is not an AMICC backup: it holds 'README'")


def test_restore_refuses_an_archive_cut_short(archive):
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])

    restore_refused(archive, "is cut short")


def test_restore_refuses_a_damaged_archive(archive, tmp_path):
    with gzip.open(archive) as compressed:
        tar = bytearray(compressed.read())
    position = tar.index(b'[1,"')  # the first row of a table: still valid JSON, but changed
    tar[position + 1] = ord("7")
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(gzip.compress(bytes(tar)))

    restore_refused(damaged, "do not match their checksum")


def test_restore_refuses_an_archive_from_a_newer_version(archive):
    def from_the_future(manifest):
        manifest["migrations"]["coalition"] = ["9999_from_the_future"]

    restore_refused(rewritten(archive, from_the_future), "lacks the migration.*coalition.9999")

    def newer_format(manifest):
        manifest["format_version"] = 99

    restore_refused(rewritten(archive, newer_format), "written in format 99 by a newer version")


def test_restore_refuses_to_overwrite_a_different_file(archive, media_dirs):
    (media_dirs["default"] / "documents" / "note.txt").write_text("Another note.")

    restore_refused(archive, r"exist here with other content: .*note\.txt")


def test_a_bad_archive_is_a_message_and_an_exit_status_not_a_traceback(archive, tmp_path):
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) - 100])

    done = Installation(tmp_path / "empty").amicc("restore", str(archive))

    assert done.returncode == 1
    assert "CommandError" in done.stderr and "cut short" in done.stderr
    assert "Traceback" not in done.stderr


def test_backup_names_its_file_by_the_time_and_never_overwrites_one(media_dirs, tmp_path):
    call_command("backup", output=str(tmp_path), verbosity=0)
    (written,) = tmp_path.glob("amicc-backup-*.tar.gz")
    assert written.stat().st_mode & 0o777 == 0o600
    with tarfile.open(written) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile(MANIFEST))
    assert names[-1] == MANIFEST
    assert manifest["database_vendor"] == connection.vendor
    assert manifest["migrations"]["coalition"]
    assert "django_session" not in {table["table"] for table in manifest["tables"]}
    assert (
        written.name
        == f"amicc-backup-{manifest['created_at'][:19].replace('-', '').replace(':', '')}Z.tar.gz"
    )

    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", output=str(written), verbosity=0)
