"""Where import data comes from (a file or an http(s) URL) and the checks every reader shares."""

import datetime
import functools
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path, PurePosixPath
from typing import Any, NoReturn, TypeVar
from urllib.parse import urlsplit

from django.core.exceptions import FieldDoesNotExist
from django.db import models

FETCH_TIMEOUT_SECONDS = 30

Progress = Callable[[int], None]
T = TypeVar("T")


class ImportFileError(Exception):
    """A file that cannot be imported; the message says where and why."""


@dataclass(frozen=True)
class Source:
    """The bytes of an import file and the name (file or URL) messages refer to it by."""

    name: str
    data: bytes

    @property
    def suffix(self) -> str:
        """The extension of the file or of the URL's path, lower case: ".yaml", ".csv", …"""
        path = urlsplit(self.name).path if is_url(self.name) else self.name
        return PurePosixPath(path).suffix.lower()

    def text(self) -> str:
        """The contents as text: UTF-8, with or without a byte-order mark."""
        try:
            return self.data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFileError(
                f"{self.name} is not UTF-8 text (byte {error.start} cannot be read)"
            ) from None


def is_url(location: str) -> bool:
    return location.lower().startswith(("http://", "https://"))


def read_source(location: str, *, timeout: float = FETCH_TIMEOUT_SECONDS) -> Source:
    """Reads a local file, or fetches an http(s) URL, into memory."""
    if is_url(location):
        # is_url() admits only http and https, never file: or custom schemes.
        request = urllib.request.Request(location, headers={"User-Agent": "amicc-import"})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return Source(name=location, data=response.read())
        except urllib.error.HTTPError as error:
            raise ImportFileError(f"{location}: the server answered {error.code}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise ImportFileError(f"{location}: could not be fetched ({reason})") from None
    path = Path(location)
    try:
        return Source(name=str(path), data=path.read_bytes())
    except OSError as error:
        raise ImportFileError(f"{path}: {error.strerror or error}") from None


def counted(items: Iterable[T], progress: Progress | None, every: int) -> Iterator[tuple[int, T]]:
    """`enumerate(items, 1)` that tells `progress` the count every `every` items."""
    number = 0
    for number, item in enumerate(items, 1):
        yield number, item
        if progress and number % every == 0:
            progress(number)
    if progress and number % every:
        progress(number)


@functools.cache
def allowed_values(choices: type[models.TextChoices]) -> frozenset[str]:
    """The values of a TextChoices class, worked out once (`.values` builds a new list)."""
    return frozenset(choices.values)


class FieldReader:
    """Reads typed values out of one record, naming the record and the field in errors."""

    def __init__(self, where: str):
        self.where = where

    def fail(self, field: str, problem: str) -> NoReturn:
        raise ImportFileError(f"{self.where}, {field}: {problem}")

    def text(self, data: dict, key: str, field: str, *, required: bool = False) -> str:
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.fail(field, "missing")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.fail(field, f"expected text, found {type(value).__name__}")
        return str(value).strip()

    def date(
        self, data: dict, key: str, field: str, *, required: bool = False
    ) -> datetime.date | None:
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.fail(field, "missing")
            return None
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        try:
            return datetime.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(field, f"{value!r} is not a date (YYYY-MM-DD)")

    def integer(
        self, data: dict, key: str, field: str, *, required: bool = False, minimum: int = 0
    ) -> int | None:
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.fail(field, "missing")
            return None
        if isinstance(value, bool) or not isinstance(value, int | str):
            self.fail(field, f"{value!r} is not a whole number")
        try:
            number = int(str(value).strip())
        except ValueError:
            self.fail(field, f"{value!r} is not a whole number")
        if number < minimum:
            self.fail(field, f"{number} is below {minimum}")
        return number

    def choice(
        self,
        data: dict,
        key: str,
        field: str,
        choices: type[models.TextChoices],
        *,
        required: bool = False,
    ) -> str:
        value = self.text(data, key, field, required=required)
        if value and value not in allowed_values(choices):
            allowed = ", ".join(choices.values)
            self.fail(field, f"{value!r} is not one of {allowed}")
        return value

    def mapping(self, data: Any, field: str) -> dict:
        if not isinstance(data, dict):
            self.fail(field, f"expected a mapping, found {type(data).__name__}")
        return data


def check_lengths(reader: FieldReader, record: Any, model: type[models.Model], prefix: str) -> None:
    """Fails on text in a record (a dataclass) longer than the model's column allows."""
    for item in fields(record):
        value = getattr(record, item.name)
        if not isinstance(value, str):
            continue
        try:
            limit = model._meta.get_field(item.name).max_length
        except FieldDoesNotExist:
            continue
        if limit and len(value) > limit:
            reader.fail(f"{prefix}{item.name}", f"longer than {limit} characters")


SCRAPER_DATA_FILE = "data.json"


def scraper_files(path: Path) -> list[Path]:
    """The file itself, or every `data.json` of the unitedstates/congress scraper under a
    directory, in a stable order."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise ImportFileError(f"{path}: no such file or directory")
    files = sorted(path.rglob(SCRAPER_DATA_FILE))
    if not files:
        raise ImportFileError(f"{path}: no {SCRAPER_DATA_FILE} files in this directory")
    return files


def parse_each(
    paths: list[Path], parse: Callable[[Path], T], *, key: Callable[[T], str], noun: str
) -> Iterator[T]:
    """Reads and checks each file; raises ImportFileError naming the file on the first fault,
    or when two files hold the same record."""
    seen: dict[str, Path] = {}
    for path in paths:
        record = parse(path)
        if key(record) in seen:
            raise ImportFileError(f"{path}: {noun} {key(record)} is also in {seen[key(record)]}")
        seen[key(record)] = path
        yield record
