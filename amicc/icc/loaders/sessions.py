"""Reads and checks the sessions file: the Assembly's sessions and the elections held."""

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from amicc.icc.choices import (
    ElectedOffice,
)
from amicc.icc.loaders.base import (
    SESSIONS_FILE,
    DataHeader,
    Row,
    check_unique,
    read_data_file,
)


@dataclass(frozen=True)
class ElectionRecord:
    office: str
    description: str
    elected: str  # one name per line, as the model keeps it


@dataclass(frozen=True)
class SessionRecord:
    where: str = field(compare=False)
    number: int
    starts_on: datetime.date
    ends_on: datetime.date
    place: str
    is_resumed: bool
    notes: str
    source_url: str
    elections: tuple[ElectionRecord, ...]


@dataclass(frozen=True)
class SessionsFile:
    header: DataHeader
    sessions: tuple[SessionRecord, ...]


# --- Sessions of the Assembly -----------------------------------------------------------

SESSION_FIELDS = (
    "number", "starts_on", "ends_on", "place", "is_resumed", "notes", "source", "elections",
)  # fmt: skip
ELECTION_FIELDS = ("office", "description", "elected")


def _names(row: Row) -> str:
    value = row.data.get("elected")
    if value is None or isinstance(value, str):
        return row.text("elected")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        row.fail("elected", "expected a list of names")
    return "\n".join(" ".join(item.split()) for item in value)


def _election(where: str, data: Any) -> ElectionRecord:
    row = Row(where, data, ELECTION_FIELDS)
    return ElectionRecord(
        office=row.choice("office", ElectedOffice, required=True),
        description=row.text("description", required=True, max_length=300),
        elected=_names(row),
    )


def read_sessions(path: Path = SESSIONS_FILE) -> SessionsFile:
    """The sessions file, with the elections each session held."""
    name, header, rows = read_data_file(path, "sessions")
    records, numbers = [], {}
    for index, data in enumerate(rows, 1):
        number = data.get("number") if isinstance(data, dict) else None
        label = f" (session {number})" if isinstance(number, int) else ""
        row = Row(f"{name}, row {index}{label}", data, SESSION_FIELDS)
        number = row.integer("number")
        check_unique(numbers, number, row, "number")
        starts_on = row.date("starts_on", required=True)
        ends_on = row.date("ends_on", required=True)
        if ends_on < starts_on:
            row.fail("ends_on", f"{ends_on} is before the start ({starts_on})")
        records.append(
            SessionRecord(
                where=row.where,
                number=number,
                starts_on=starts_on,
                ends_on=ends_on,
                place=row.text("place", required=True, max_length=200),
                is_resumed=row.boolean("is_resumed"),
                notes=row.text("notes"),
                source_url=row.source(header),
                elections=tuple(
                    _election(f"{row.where}, election {position}", election)
                    for position, election in enumerate(row.items("elections"), 1)
                ),
            )
        )
    return SessionsFile(header=header, sessions=tuple(records))
