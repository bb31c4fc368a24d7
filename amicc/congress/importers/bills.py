"""Reads the `data.json` files the unitedstates/congress scraper writes, one per bill.

A path is one such file or a directory tree of them (`data/119/bills/hr/hr23/data.json`).
Dates keep only their day: an action's time, when the file gives one, is read in the
capital's time zone and dropped; the source's order of actions is kept instead.
"""

import datetime
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from amicc.congress.choices import BillType
from amicc.congress.importers.legislators import BIOGUIDE_PATTERN
from amicc.congress.importers.sources import (
    FieldReader,
    ImportFileError,
    check_lengths,
    parse_each,
)
from amicc.congress.models import Bill, BillAction, Cosponsorship

BILL_ID_PATTERN = re.compile(r"^(?P<type>[a-z]+)(?P<number>[0-9]+)-(?P<congress>[0-9]+)$")
CAPITAL_TIME = ZoneInfo("America/New_York")


@dataclass(frozen=True)
class ActionRecord:
    acted_at: datetime.date
    text: str
    action_type: str
    status: str
    chamber: str
    vote_type: str
    how: str
    result: str
    roll: str
    references: list


@dataclass(frozen=True)
class CosponsorRecord:
    bioguide_id: str
    name: str
    sponsored_at: datetime.date | None
    withdrawn_at: datetime.date | None
    is_original: bool


@dataclass(frozen=True)
class BillRecord:
    bill_id: str
    bill_type: str
    number: int
    congress: int
    titles: list
    official_title: str
    short_title: str
    popular_title: str
    introduced_at: datetime.date | None
    sponsor_bioguide_id: str
    sponsor_name: str
    status: str
    status_at: datetime.date | None
    history: dict
    actions: tuple[ActionRecord, ...]
    cosponsors: tuple[CosponsorRecord, ...]

    @property
    def display_title(self) -> str:
        """The short title, else the popular one, else the official one."""
        return self.short_title or self.popular_title or self.official_title or self.bill_id


def parse_bill_files(paths: list[Path]) -> Iterator[BillRecord]:
    """Reads and checks each file; raises ImportFileError naming the file on the first fault."""
    return parse_each(paths, parse_bill, key=lambda record: record.bill_id, noun="bill")


def parse_bill(path: Path) -> BillRecord:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as error:
        raise ImportFileError(f"{path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ImportFileError(f"{path} is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"{path} is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None
    reader = FieldReader(str(path))
    data = reader.mapping(data, "bill")
    bill_id = reader.text(data, "bill_id", "bill_id", required=True)
    match = BILL_ID_PATTERN.match(bill_id)
    if not match:
        reader.fail("bill_id", f"{bill_id!r} is not a bill id like hr23-119")
    reader = FieldReader(f"{path} ({bill_id})")
    bill_type = reader.choice(data, "bill_type", "bill_type", BillType, required=True)
    number = reader.integer(data, "number", "number", required=True, minimum=1)
    congress = reader.integer(data, "congress", "congress", required=True, minimum=1)
    if (match["type"], int(match["number"]), int(match["congress"])) != (
        bill_type,
        number,
        congress,
    ):
        expected = f"{bill_type}{number}-{congress}"
        reader.fail("bill_id", f"does not match bill_type, number and congress ({expected})")
    sponsor = reader.mapping(data.get("sponsor") or {}, "sponsor")
    titles = data.get("titles") or []
    if not isinstance(titles, list):
        reader.fail("titles", "expected a list")
    record = BillRecord(
        bill_id=bill_id,
        bill_type=bill_type,
        number=number,
        congress=congress,
        titles=titles,
        official_title=_title(reader, data, titles, "official"),
        short_title=_title(reader, data, titles, "short"),
        popular_title=_title(reader, data, titles, "popular"),
        introduced_at=_day(reader, data, "introduced_at", "introduced_at"),
        sponsor_bioguide_id=_bioguide(reader, sponsor, "sponsor.bioguide_id", required=False),
        sponsor_name=reader.text(sponsor, "name", "sponsor.name"),
        status=reader.text(data, "status", "status"),
        status_at=_day(reader, data, "status_at", "status_at"),
        history=reader.mapping(data.get("history") or {}, "history"),
        actions=tuple(
            _action(reader, place, raw)
            for place, raw in enumerate(_list(reader, data, "actions"), 1)
        ),
        cosponsors=_cosponsors(reader, _list(reader, data, "cosponsors")),
    )
    check_lengths(reader, record, Bill, "")
    return record


def _list(reader: FieldReader, data: dict, key: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        reader.fail(key, "expected a list")
    return value


def _title(reader: FieldReader, data: dict, titles: list, kind: str) -> str:
    """The `<kind>_title` field, else the first title of that type in `titles`."""
    title = reader.text(data, f"{kind}_title", f"{kind}_title")
    if title:
        return title
    for item in titles:
        if isinstance(item, dict) and item.get("type") == kind and item.get("title"):
            return str(item["title"]).strip()
    return ""


def _day(
    reader: FieldReader, data: dict, key: str, field: str, *, required: bool = False
) -> datetime.date | None:
    """A date from "2025-01-09" or "2025-01-09T13:37:00-05:00" (its day in Washington)."""
    value = data.get(key)
    if value is None or value == "":
        if required:
            reader.fail(field, "missing")
        return None
    try:
        moment = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        reader.fail(field, f"{value!r} is not a date or time (ISO 8601)")
    if moment.tzinfo is not None:
        moment = moment.astimezone(CAPITAL_TIME)
    return moment.date()


def _bioguide(reader: FieldReader, data: dict, field: str, *, required: bool) -> str:
    bioguide_id = reader.text(data, "bioguide_id", field, required=required)
    if bioguide_id and not BIOGUIDE_PATTERN.match(bioguide_id):
        reader.fail(field, f"{bioguide_id!r} is not a Bioguide id (like C000127)")
    return bioguide_id


def _action(reader: FieldReader, place: int, raw: object) -> ActionRecord:
    field = f"action {place}"
    data = reader.mapping(raw, field)
    references = data.get("references") or []
    if not isinstance(references, list):
        reader.fail(f"{field}, references", "expected a list")
    action = ActionRecord(
        acted_at=_day(reader, data, "acted_at", f"{field}, acted_at", required=True),
        text=reader.text(data, "text", f"{field}, text", required=True),
        action_type=reader.text(data, "type", f"{field}, type"),
        status=reader.text(data, "status", f"{field}, status"),
        chamber=reader.text(data, "where", f"{field}, where"),
        vote_type=reader.text(data, "vote_type", f"{field}, vote_type"),
        how=reader.text(data, "how", f"{field}, how"),
        result=reader.text(data, "result", f"{field}, result"),
        roll=reader.text(data, "roll", f"{field}, roll"),
        references=references,
    )
    check_lengths(reader, action, BillAction, f"{field}, ")
    return action


def _cosponsors(reader: FieldReader, listed: list) -> tuple[CosponsorRecord, ...]:
    records: dict[str, CosponsorRecord] = {}
    for place, raw in enumerate(listed, 1):
        field = f"cosponsor {place}"
        data = reader.mapping(raw, field)
        record = CosponsorRecord(
            bioguide_id=_bioguide(reader, data, f"{field}, bioguide_id", required=True),
            name=reader.text(data, "name", f"{field}, name"),
            sponsored_at=_day(reader, data, "sponsored_at", f"{field}, sponsored_at"),
            withdrawn_at=_day(reader, data, "withdrawn_at", f"{field}, withdrawn_at"),
            is_original=bool(data.get("original_cosponsor")),
        )
        if record.bioguide_id in records:
            reader.fail(f"{field}, bioguide_id", f"{record.bioguide_id} cosponsors twice")
        if (
            record.withdrawn_at
            and record.sponsored_at
            and record.withdrawn_at < record.sponsored_at
        ):
            reader.fail(f"{field}, withdrawn_at", "is before sponsored_at")
        check_lengths(reader, record, Cosponsorship, f"{field}, ")
        records[record.bioguide_id] = record
    return tuple(records.values())
