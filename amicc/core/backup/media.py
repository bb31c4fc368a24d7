"""The uploaded files: every storage of `STORAGES` that keeps files in a directory.

That is MEDIA_ROOT (`default`: images, their renditions, documents) and the applicants'
files kept outside it (`private`). Static files are left out: `collectstatic` rebuilds them.
"""

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

from amicc.core.backup.archive import (
    READ_SIZE,
    ArchiveWriter,
    BackupError,
    Note,
    Progress,
    counted,
    media_member,
    safe_relative_path,
)

NOT_UPLOADS = {"staticfiles"}


def file_storages() -> tuple[dict[str, FileSystemStorage], list[str]]:
    """Each storage keeping files in a directory, and those kept elsewhere (not archived)."""
    directories, elsewhere = {}, []
    for alias in settings.STORAGES:
        if alias in NOT_UPLOADS:
            continue
        storage = storages[alias]
        if isinstance(storage, FileSystemStorage):
            directories[alias] = storage
        else:
            elsewhere.append(alias)
    return directories, elsewhere


def _files_under(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(path for path in directory.rglob("*") if path.is_file() and not path.is_symlink())


def media_archive(writer: ArchiveWriter, note: Note) -> list[dict[str, Any]]:
    """Adds every file of every storage; returns the manifest's list of files."""
    directories, elsewhere = file_storages()
    for alias in elsewhere:
        note(f"Files of the storage {alias!r} are not kept on this server: back them up there.")
    progress = Progress(note)
    listed = []
    for alias, storage in directories.items():
        directory = Path(storage.location)
        for path in _files_under(directory):
            relative = path.relative_to(directory).as_posix()
            with path.open("rb") as source:
                size = os.fstat(source.fileno()).st_size
                digest = writer.add(media_member(alias, relative), source, size)
            listed.append({"storage": alias, "path": relative, "size": size, "sha256": digest})
            progress(f"… {len(listed):,} files")
    size = sum(file["size"] for file in listed)
    note(f"… {counted(len(listed), 'file')} ({size / 1e6:,.1f} MB)")
    return listed


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(READ_SIZE):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class MediaPlan:
    """Where each of the archive's files goes; those already there with the same content."""

    destinations: dict[str, tuple[Path, int]]  # archive member → file, permissions
    present: set[str]  # members whose file exists already, identical
    written: list[Path] = field(default_factory=list)

    def remove_written(self) -> None:
        """Undoes a restore's files, when its transaction did not commit."""
        for path in self.written:
            path.unlink(missing_ok=True)


def media_plan(manifest: dict[str, Any]) -> MediaPlan:
    """Refuses, before anything is written, files that would land outside their storage or
    replace a different file."""
    directories, _elsewhere = file_storages()
    destinations, present, conflicts = {}, set(), []
    for file in manifest["files"]:
        storage = directories.get(file["storage"])
        if storage is None:
            raise BackupError(
                f"The archive holds files of the storage {file['storage']!r}, which is not a "
                "directory on this installation (see STORAGES in the settings)."
            )
        destination = Path(storage.location) / safe_relative_path(file["path"])
        member = media_member(file["storage"], file["path"])
        destinations[member] = (destination, storage.file_permissions_mode or 0o644)
        if destination.exists():
            if destination.is_file() and _sha256(destination) == file["sha256"]:
                present.add(member)
            else:
                conflicts.append(str(destination))
    if conflicts:
        shown = ", ".join(conflicts[:5]) + (
            f" and {len(conflicts) - 5} more" if len(conflicts) > 5 else ""
        )
        raise BackupError(
            f"Files the archive holds exist here with other content: {shown}. Restore into an "
            "installation with empty media folders, or move these files away."
        )
    return MediaPlan(destinations=destinations, present=present)


def media_restore(plan: MediaPlan, member: str, source: IO[bytes], sha256: str) -> None:
    """Writes one file through a temporary name, so a file is whole or absent."""
    if member in plan.present:
        return
    destination, permissions = plan.destinations[member]
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            dir=destination.parent, prefix=".restoring-", delete=False
        ) as temporary:
            digest = hashlib.sha256()
            while chunk := source.read(READ_SIZE):
                digest.update(chunk)
                temporary.write(chunk)
        if digest.hexdigest() != sha256:
            os.unlink(temporary.name)
            raise BackupError(f"{member} does not match its checksum: the archive is damaged.")
        os.chmod(temporary.name, permissions)
        os.replace(temporary.name, destination)
    except OSError as error:
        raise BackupError(f"Could not write {destination}: {error.strerror or error}.") from None
    plan.written.append(destination)
