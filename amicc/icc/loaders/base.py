"""What the readers of the ICC data files share: the files, their header, checked rows."""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pycountry
import yaml
from django.db import models

DATA_DIR = Path(__file__).parent.parent / "data"
STATES_FILE = DATA_DIR / "rome_statute.yaml"
SITUATIONS_FILE = DATA_DIR / "situations.yaml"
SESSIONS_FILE = DATA_DIR / "asp_sessions.yaml"

STATUTE_ADOPTED = datetime.date(1998, 7, 17)
SITUATION_NUMBER = re.compile(r"^ICC-\d{2}/\d{2}$")
SLUG = re.compile(r"^[-a-z0-9]+$")


class DataFileError(Exception):
    """A data file that cannot be loaded; the message names the file, the row and the field."""


class _YamlLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # LibYAML when present
    """Safe YAML that leaves dates as text, so a bad date is reported with its row."""


_YamlLoader.yaml_implicit_resolvers = {
    first: [entry for entry in resolvers if entry[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class DataHeader:
    """When the rows were last checked against their sources, and those sources by key."""

    as_of: datetime.date
    sources: dict[str, str]


class Row:
    """Reads typed values out of one mapping of a data file, naming it in every error."""

    def __init__(self, where: str, data: Any, allowed: Iterable[str]):
        self.where = where
        if not isinstance(data, dict):
            raise DataFileError(f"{where}: expected a mapping of fields, found {kind_of(data)}")
        unknown = sorted(str(key) for key in data if key not in set(allowed))
        if unknown:
            raise DataFileError(f"{where}, {unknown[0]}: not a field of this row")
        self.data = data

    def fail(self, name: str, problem: str) -> NoReturn:
        raise DataFileError(f"{self.where}, {name}: {problem}")

    def text(self, name: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = self.data.get(name)
        if value is None or value == "":
            if required:
                self.fail(name, "missing")
            return ""
        if not isinstance(value, str):
            self.fail(name, f"expected text, found {kind_of(value)}")
        value = " ".join(value.split()) if "\n" not in value.strip() else value.strip()
        if max_length and len(value) > max_length:
            self.fail(name, f"longer than {max_length} characters")
        return value

    def date(self, name: str, *, required: bool = False) -> datetime.date | None:
        value = self.data.get(name)
        if value is None or value == "":
            if required:
                self.fail(name, "missing")
            return None
        try:
            return datetime.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(name, f"{value!r} is not a date (YYYY-MM-DD)")

    def choice(
        self, name: str, choices: type[models.TextChoices], *, required: bool = False
    ) -> str:
        value = self.text(name, required=required)
        if value and value not in choices.values:
            self.fail(name, f"{value!r} is not one of: {', '.join(choices.values)}")
        return value

    def boolean(self, name: str) -> bool:
        value = self.data.get(name, False)
        if not isinstance(value, bool):
            self.fail(name, f"expected true or false, found {value!r}")
        return value

    def integer(self, name: str, *, default: int | None = None, minimum: int = 1) -> int:
        value = self.data.get(name, default)
        if value is None:
            self.fail(name, "missing")
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(name, f"{value!r} is not a whole number")
        if value < minimum:
            self.fail(name, f"{value} is below {minimum}")
        return value

    def slug(self, name: str, *, default: str = "", max_length: int) -> str:
        value = self.text(name, max_length=max_length) or default
        if not value:
            self.fail(name, "missing")
        if not SLUG.match(value):
            self.fail(name, f"{value!r} is not a slug (lower-case letters, digits, hyphens)")
        return value

    def items(self, name: str) -> list:
        value = self.data.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(name, f"expected a list, found {kind_of(value)}")
        return value

    def source(self, header: DataHeader, name: str = "source") -> str:
        """A key of the header's sources, or a URL: every row cites where it comes from."""
        value = self.text(name, required=True)
        if value in header.sources:
            return header.sources[value]
        if not is_url(value):
            self.fail(name, f"{value!r} is neither a key of `sources` nor an http(s) URL")
        if len(value) > 500:
            self.fail(name, "longer than 500 characters")
        return value

    def country_code(self, name: str, value: Any) -> str:
        if not isinstance(value, str) or pycountry.countries.get(alpha_3=value.upper()) is None:
            self.fail(name, f"{value!r} is not an ISO 3166-1 alpha-3 country code")
        return value.upper()

    def check(self, problems: list[tuple[str, str]]) -> None:
        if problems:
            self.fail(*problems[0])


def kind_of(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text"}.get(type(value), type(value).__name__)


def is_url(value: str) -> bool:
    return re.match(r"^https?://[^\s/]+\.[^\s]+$", value) is not None


def read_data_file(path: Path, rows_key: str) -> tuple[str, DataHeader, list]:
    """The file's name for messages, its header and its rows, or a DataFileError."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise DataFileError(f"{name}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise DataFileError(f"{name}: not UTF-8 text") from None
    try:
        document = yaml.load(text, Loader=_YamlLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise DataFileError(f"{name}{where}: {problem}") from None
    header = Row(name, document, ("as_of", "sources", "source_notes", rows_key))
    as_of = header.date("as_of", required=True)
    sources = header.data.get("sources") or {}
    if not isinstance(sources, dict):
        header.fail("sources", f"expected a mapping of keys to URLs, found {kind_of(sources)}")
    for key, url in sources.items():
        if not isinstance(url, str) or not is_url(url):
            header.fail(f"sources.{key}", f"{url!r} is not an http(s) URL")
    rows = header.items(rows_key)
    if not rows:
        header.fail(rows_key, "missing or empty")
    return name, DataHeader(as_of=as_of, sources=dict(sources)), rows


def check_unique(seen: dict[Any, str], value: Any, row: Row, name: str) -> None:
    if value in seen:
        row.fail(name, f"{value!r} is already used by {seen[value]}")
    seen[value] = row.where
