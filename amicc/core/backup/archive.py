"""The archive file: writing its members with their checksums, reading it back, checking it."""

import gzip
import hashlib
import io
import json
import os
import tarfile
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Any

FORMAT = "amicc-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA_PREFIX = "data/"
MEDIA_PREFIX = "media/"
READ_SIZE = 1024 * 1024
# Media files do not compress; the JSON lines do, and level 9 costs far more than it saves.
COMPRESS_LEVEL = 6

Note = Callable[[str], None]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message tells the person running it why."""


class Progress:
    """Progress lines for long runs: one every two seconds at most, and a stage's last one."""

    def __init__(self, note: Note, interval: float = 2.0) -> None:
        self.note = note
        self.interval = interval
        self.last = time.monotonic()

    def __call__(self, message: str, *, final: bool = False) -> None:
        now = time.monotonic()
        if final or now - self.last >= self.interval:
            self.note(message)
            self.last = now


def counted(number: int, noun: str) -> str:
    """ "1 file", "2,000 files"."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def data_member(table: str, number: int) -> str:
    return f"{DATA_PREFIX}{table}/{number:05d}.jsonl"


def media_member(storage: str, path: str) -> str:
    return f"{MEDIA_PREFIX}{storage}/{path}"


def safe_relative_path(path: str) -> PurePosixPath:
    """A path inside a storage, refusing anything that could point outside it."""
    relative = PurePosixPath(path)
    if relative.is_absolute() or not relative.parts or ".." in relative.parts or "\\" in path:
        raise BackupError(f"The archive names a file outside its folder: {path!r}.")
    return relative


class _Hashing(io.RawIOBase):
    """Reads from `source` while computing the SHA-256 of what was read."""

    def __init__(self, source: IO[bytes]) -> None:
        self.source = source
        self.digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self.source.read(size)
        self.digest.update(chunk)
        return chunk


class ArchiveWriter:
    """Writes the archive under a temporary name, renamed once the manifest is in."""

    def __init__(self, path: Path, *, mtime: float) -> None:
        self.path = path
        self.partial = path.with_name(f".{path.name}.partial")
        self.mtime = mtime
        self.tar: tarfile.TarFile | None = None

    def __enter__(self) -> "ArchiveWriter":
        descriptor = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(descriptor)
        self.tar = tarfile.open(  # noqa: SIM115 - closed in __exit__
            self.partial, "w:gz", compresslevel=COMPRESS_LEVEL, format=tarfile.PAX_FORMAT
        )
        return self

    def __exit__(self, error_type, error, traceback) -> None:
        assert self.tar is not None
        self.tar.close()
        if error_type is None:
            os.replace(self.partial, self.path)
        else:
            self.partial.unlink(missing_ok=True)

    def add(self, name: str, source: IO[bytes], size: int) -> str:
        """Adds `size` bytes read from `source`; returns their SHA-256."""
        assert self.tar is not None
        info = tarfile.TarInfo(name)
        info.size = size
        info.mtime = self.mtime
        info.mode = 0o600
        hashing = _Hashing(source)
        self.tar.addfile(info, hashing)
        return hashing.digest.hexdigest()

    def add_manifest(self, manifest: dict[str, Any]) -> None:
        data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
        self.add(MANIFEST, io.BytesIO(data), len(data))


@contextmanager
def archive_reading(path: Path) -> Iterator[tarfile.TarFile]:
    """The archive as a stream of members, every way it can be unreadable a BackupError."""
    if not path.exists():
        raise BackupError(f"No such file: {path}.")
    if not path.is_file():
        raise BackupError(f"{path} is not a file.")
    try:
        with gzip.open(path, "rb") as compressed:
            try:
                tar = tarfile.open(fileobj=compressed, mode="r|")  # noqa: SIM115
            except (tarfile.ReadError, gzip.BadGzipFile, zlib.error, EOFError):
                raise BackupError(
                    f"{path.name} is not an AMICC backup: it is not a gzip-compressed tar file."
                ) from None
            with tar:
                yield tar
            # tar stops at its end marker; reading on to the end makes gzip check its CRC.
            while compressed.read(READ_SIZE):
                pass
    except EOFError:
        raise BackupError(
            f"{path.name} is cut short: the file ends in the middle. The copy is incomplete."
        ) from None
    except (tarfile.TarError, gzip.BadGzipFile, zlib.error, UnicodeDecodeError) as error:
        raise BackupError(f"{path.name} is damaged ({error}).") from None
    except OSError as error:
        raise BackupError(f"{path.name} cannot be read ({error.strerror or error}).") from None


def member_name_ours(name: str) -> bool:
    return name == MANIFEST or name.startswith((DATA_PREFIX, MEDIA_PREFIX))


def archive_verify(path: Path, note: Note) -> dict[str, Any]:
    """The archive's manifest, once every member has been checked against it.

    Reads the whole archive: a truncated or damaged file is refused here, before a restore
    writes anything.
    """
    progress = Progress(note)
    digests: dict[str, str] = {}
    manifest: dict[str, Any] | None = None
    read = 0
    with archive_reading(path) as tar:
        for member in tar:
            if not member.isfile() or not member_name_ours(member.name):
                raise BackupError(f"{path.name} is not an AMICC backup: it holds {member.name!r}.")
            if manifest is not None:
                raise BackupError(f"{path.name} is damaged: {member.name} follows the manifest.")
            source = tar.extractfile(member)
            assert source is not None
            if member.name == MANIFEST:
                manifest = _manifest_parse(path, source.read())
                continue
            digest = hashlib.sha256()
            while chunk := source.read(READ_SIZE):
                digest.update(chunk)
            digests[member.name] = digest.hexdigest()
            read += member.size
            progress(f"… checked {len(digests):,} members ({read / 1e6:,.1f} MB)")
    if manifest is None:
        raise BackupError(
            f"{path.name} has no manifest: it is incomplete (the manifest is written last) "
            "or not an AMICC backup."
        )
    _members_check(path, manifest, digests)
    note(f"… checked {len(digests):,} members ({read / 1e6:,.1f} MB): all match the manifest")
    return manifest


def _manifest_parse(path: Path, data: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(data)
    except ValueError:
        raise BackupError(f"{path.name} is damaged: its manifest is not JSON.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path.name} is not an AMICC backup: its manifest is not ours.")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BackupError(
            f"{path.name} was written in format {version!r} by a newer version of the platform "
            f"(this one reads format {FORMAT_VERSION} and older); upgrade first."
        )
    for key, kind in (("migrations", dict), ("tables", list), ("files", list)):
        if not isinstance(manifest.get(key), kind):
            raise BackupError(f"{path.name} is damaged: its manifest has no {key}.")
    if not all(
        isinstance(names, list) and all(isinstance(name, str) for name in names)
        for names in manifest["migrations"].values()
    ):
        raise BackupError(f"{path.name} is damaged: its manifest's migrations are not a list.")
    return manifest


def manifest_members(manifest: dict[str, Any]) -> dict[str, str]:
    """Every member the manifest lists (but itself), with its SHA-256."""
    expected = {
        chunk["member"]: chunk["sha256"]
        for table in manifest["tables"]
        for chunk in table["chunks"]
    }
    for file in manifest["files"]:
        safe_relative_path(file["path"])
        expected[media_member(file["storage"], file["path"])] = file["sha256"]
    return expected


def _members_check(path: Path, manifest: dict[str, Any], digests: dict[str, str]) -> None:
    try:
        expected = manifest_members(manifest)
    except (KeyError, TypeError):
        raise BackupError(f"{path.name} is damaged: its manifest is incomplete.") from None
    missing = sorted(expected.keys() - digests.keys())
    unlisted = sorted(digests.keys() - expected.keys())
    changed = sorted(
        name for name in expected.keys() & digests.keys() if digests[name] != expected[name]
    )
    for problem, names in (
        ("lacks", missing),
        ("holds members its manifest does not list:", unlisted),
        ("has members that do not match their checksum:", changed),
    ):
        if names:
            shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
            raise BackupError(f"{path.name} is damaged: it {problem} {shown}.")
