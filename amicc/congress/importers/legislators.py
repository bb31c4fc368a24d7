"""Reads the unitedstates/congress-legislators data.

`legislators-current` comes as YAML or JSON (one record per member with every term) or as
the project's CSV (one row per member with the current term only, undated);
`legislators-district-offices` as YAML or JSON. The format is taken from the extension,
else from the content.
"""

import csv
import datetime
import io
import json
import re
from dataclasses import dataclass

import yaml

from amicc.coalition.geography import USState
from amicc.congress.choices import Chamber, Gender
from amicc.congress.importers.sources import (
    FieldReader,
    ImportFileError,
    Progress,
    Source,
    check_lengths,
    counted,
)
from amicc.congress.models import DistrictOffice, Legislator, Term

BIOGUIDE_PATTERN = re.compile(r"^[A-Z][0-9]{6}$")
PROGRESS_EVERY = 100

# CSV columns that hold ids: the key they get in `Legislator.ids` (as in the YAML's `id`).
CSV_ID_COLUMNS = {
    "thomas_id": "thomas",
    "opensecrets_id": "opensecrets",
    "lis_id": "lis",
    "fec_ids": "fec",
    "cspan_id": "cspan",
    "govtrack_id": "govtrack",
    "votesmart_id": "votesmart",
    "ballotpedia_id": "ballotpedia",
    "washington_post_id": "washington_post",
    "icpsr_id": "icpsr",
    "wikipedia_id": "wikipedia",
}
NUMERIC_IDS = {"govtrack", "votesmart", "cspan", "icpsr"}
CSV_SOCIAL_COLUMNS = ("twitter", "twitter_id", "facebook", "youtube", "youtube_id", "mastodon")
CSV_REQUIRED_COLUMNS = ("bioguide_id", "last_name", "first_name", "type", "state")
TERM_TEXT_FIELDS = ("party", "url", "address", "phone", "fax", "contact_form", "office", "rss_url")


@dataclass(frozen=True)
class TermRecord:
    type: str
    start: datetime.date | None
    end: datetime.date | None
    state: str
    district: int | None
    senate_class: int | None
    party: str = ""
    url: str = ""
    address: str = ""
    phone: str = ""
    fax: str = ""
    contact_form: str = ""
    office: str = ""
    rss_url: str = ""


@dataclass(frozen=True)
class LegislatorRecord:
    bioguide_id: str
    first_name: str
    middle_name: str
    last_name: str
    suffix: str
    nickname: str
    official_full: str
    gender: str
    birthday: datetime.date | None
    ids: dict
    social: dict
    terms: tuple[TermRecord, ...]
    # True when `terms` is the member's whole history (YAML, JSON), False for the CSV's
    # single undated current term.
    full_history: bool

    @property
    def last_term(self) -> TermRecord:
        return max(self.terms, key=lambda term: term.start or datetime.date.max)

    def is_current(self, today: datetime.date) -> bool:
        """Serving when the last term ends after today; the CSV lists only serving members."""
        end = self.last_term.end
        return end is None or end > today


@dataclass(frozen=True)
class OfficeRecord:
    bioguide_id: str
    office_id: str
    address: str
    suite: str
    building: str
    city: str
    state: str
    zip_code: str
    phone: str
    fax: str
    hours: str
    latitude: float | None
    longitude: float | None


def detect_format(source: Source) -> str:
    """ "yaml", "json" or "csv": by the extension, else by the first line."""
    by_suffix = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv"}
    if source.suffix in by_suffix:
        return by_suffix[source.suffix]
    head = source.data[:2000].decode("utf-8-sig", errors="replace").lstrip()
    if head[:1] in ("[", "{"):
        return "json"
    first_line = head.split("\n", 1)[0]
    if "," in first_line and "bioguide_id" in first_line:
        return "csv"
    return "yaml"


def parse_legislators(
    source: Source, *, progress: Progress | None = None
) -> list[LegislatorRecord]:
    """Every member in a legislators file, checked; raises ImportFileError on the first fault."""
    data_format = detect_format(source)
    if data_format == "csv":
        records = _from_csv(source, progress)
    else:
        items = _load_list(source, data_format)
        records = [_from_mapping(n, item) for n, item in counted(items, progress, PROGRESS_EVERY)]
    if not records:
        raise ImportFileError(f"{source.name} lists no members")
    first_seen: dict[str, int] = {}
    for number, record in enumerate(records, 1):
        if record.bioguide_id in first_seen:
            raise ImportFileError(
                f"record {number} (bioguide {record.bioguide_id}), id.bioguide: the id appears "
                f"again (first in record {first_seen[record.bioguide_id]})"
            )
        first_seen[record.bioguide_id] = number
    return records


def parse_district_offices(
    source: Source, *, progress: Progress | None = None
) -> list[OfficeRecord]:
    """Every office in a legislators-district-offices file (YAML or JSON), checked."""
    data_format = detect_format(source)
    if data_format == "csv":
        raise ImportFileError(f"{source.name}: district offices are read from YAML or JSON")
    offices: list[OfficeRecord] = []
    seen: set[str] = set()
    for number, raw in counted(_load_list(source, data_format), progress, PROGRESS_EVERY):
        item, bioguide_id = _bioguide(number, raw)
        reader = FieldReader(f"record {number} (bioguide {bioguide_id})")
        listed = item.get("offices") or []
        if not isinstance(listed, list):
            reader.fail("offices", "expected a list")
        for place, raw in enumerate(listed, 1):
            office = _office(reader, bioguide_id, place, raw)
            if office.office_id in seen:
                reader.fail(f"office {place}, id", f"{office.office_id!r} appears twice")
            seen.add(office.office_id)
            offices.append(office)
    return offices


def _load_list(source: Source, data_format: str) -> list:
    text = source.text()
    try:
        data = json.loads(text) if data_format == "json" else yaml.load(text, yaml.CSafeLoader)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"{source.name} is not valid JSON: {error.msg} at line {error.lineno} "
            f"column {error.colno}"
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "unreadable"
        raise ImportFileError(f"{source.name} is not valid YAML: {problem}{where}") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise ImportFileError(f"{source.name}: expected a list of records at the top level")
    return data


def _bioguide(number: int, raw: object) -> tuple[dict, str]:
    """The record as a mapping and its Bioguide id (`id.bioguide`), checked."""
    reader = FieldReader(f"record {number}")
    item = reader.mapping(raw, "record")
    ids = reader.mapping(item.get("id") or {}, "id")
    bioguide_id = reader.text(ids, "bioguide", "id.bioguide", required=True)
    if not BIOGUIDE_PATTERN.match(bioguide_id):
        reader.fail("id.bioguide", f"{bioguide_id!r} is not a Bioguide id (like C000127)")
    return item, bioguide_id


def _from_mapping(number: int, raw: object) -> LegislatorRecord:
    item, bioguide_id = _bioguide(number, raw)
    reader = FieldReader(f"record {number} (bioguide {bioguide_id})")
    name = reader.mapping(item.get("name"), "name")
    bio = reader.mapping(item.get("bio") or {}, "bio")
    listed = item.get("terms")
    if not isinstance(listed, list) or not listed:
        reader.fail("terms", "missing or empty")
    terms = tuple(_term(reader, place, raw) for place, raw in enumerate(listed, 1))
    starts = [term.start for term in terms]
    if len(set(starts)) != len(starts):
        reader.fail("terms", "two terms start on the same day")
    # Through JSON and back: the YAML may hold dates or other values a JSONField cannot.
    ids = json.loads(
        json.dumps(
            {k: v for k, v in item["id"].items() if k != "bioguide" and v not in (None, "", [])},
            default=str,
        )
    )
    record = LegislatorRecord(
        bioguide_id=bioguide_id,
        first_name=reader.text(name, "first", "name.first", required=True),
        middle_name=reader.text(name, "middle", "name.middle"),
        last_name=reader.text(name, "last", "name.last", required=True),
        suffix=reader.text(name, "suffix", "name.suffix"),
        nickname=reader.text(name, "nickname", "name.nickname"),
        official_full=reader.text(name, "official_full", "name.official_full"),
        gender=reader.choice(bio, "gender", "bio.gender", Gender),
        birthday=reader.date(bio, "birthday", "bio.birthday"),
        ids=ids,
        social={},
        terms=terms,
        full_history=True,
    )
    check_lengths(reader, record, Legislator, "")
    return record


def _term(reader: FieldReader, place: int, raw: object) -> TermRecord:
    field = f"term {place}"
    data = reader.mapping(raw, field)
    term_type = reader.choice(data, "type", f"{field}, type", Chamber, required=True)
    start = reader.date(data, "start", f"{field}, start", required=True)
    end = reader.date(data, "end", f"{field}, end", required=True)
    if start and end and end <= start:
        reader.fail(f"{field}, end", f"{end} is not after the start, {start}")
    term = _seat(reader, field, term_type, data, start=start, end=end)
    check_lengths(reader, term, Term, f"{field}, ")
    return term


def _seat(
    reader: FieldReader,
    field: str,
    term_type: str,
    data: dict,
    *,
    start: datetime.date | None,
    end: datetime.date | None,
    district_key: str = "district",
    class_key: str = "class",
) -> TermRecord:
    """The seat and contact fields of a term, from a YAML/JSON term or a CSV row.

    `field` names the term in messages ("term 3"); a CSV row passes "" to name bare columns.
    """

    def label(key: str) -> str:
        return f"{field}, {key}" if field else key

    is_house = term_type == Chamber.HOUSE
    district = reader.integer(data, district_key, label(district_key), required=is_house)
    senate_class = reader.integer(data, class_key, label(class_key), minimum=1)
    if senate_class is not None and senate_class > 3:
        reader.fail(label(class_key), f"{senate_class} is not 1, 2 or 3")
    return TermRecord(
        type=term_type,
        start=start,
        end=end,
        state=reader.choice(data, "state", label("state"), USState, required=True),
        district=district if is_house else None,
        senate_class=None if is_house else senate_class,
        **{name: reader.text(data, name, label(name)) for name in TERM_TEXT_FIELDS},
    )


def _from_csv(source: Source, progress: Progress | None) -> list[LegislatorRecord]:
    rows = csv.DictReader(io.StringIO(source.text(), newline=""))
    header = rows.fieldnames or []
    missing = [column for column in CSV_REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ImportFileError(f"{source.name}: the header lacks {', '.join(missing)}")
    records = []
    try:
        for number, row in counted(rows, progress, PROGRESS_EVERY):
            records.append(_from_row(number, rows.line_num, row))
    except csv.Error as error:
        raise ImportFileError(f"{source.name}, line {rows.line_num}: {error}") from None
    return records


def _from_row(number: int, line: int, row: dict) -> LegislatorRecord:
    reader = FieldReader(f"record {number} (line {line})")
    bioguide_id = reader.text(row, "bioguide_id", "bioguide_id", required=True)
    if not BIOGUIDE_PATTERN.match(bioguide_id):
        reader.fail("bioguide_id", f"{bioguide_id!r} is not a Bioguide id (like C000127)")
    reader = FieldReader(f"record {number} (line {line}, bioguide {bioguide_id})")
    term_type = reader.choice(row, "type", "type", Chamber, required=True)
    term = _seat(
        reader,
        "",
        term_type,
        {**row, "fax": "", "office": ""},
        start=None,
        end=None,
        class_key="senate_class",
    )
    record = LegislatorRecord(
        bioguide_id=bioguide_id,
        first_name=reader.text(row, "first_name", "first_name", required=True),
        middle_name=reader.text(row, "middle_name", "middle_name"),
        last_name=reader.text(row, "last_name", "last_name", required=True),
        suffix=reader.text(row, "suffix", "suffix"),
        nickname=reader.text(row, "nickname", "nickname"),
        official_full=reader.text(row, "full_name", "full_name"),
        gender=reader.choice(row, "gender", "gender", Gender),
        birthday=reader.date(row, "birthday", "birthday"),
        ids=_csv_ids(row),
        social={
            key: row[key].strip() for key in CSV_SOCIAL_COLUMNS if (row.get(key) or "").strip()
        },
        terms=(term,),
        full_history=False,
    )
    check_lengths(reader, record, Legislator, "")
    check_lengths(reader, term, Term, "")
    return record


def _csv_ids(row: dict) -> dict:
    ids: dict = {}
    for column, key in CSV_ID_COLUMNS.items():
        value = (row.get(column) or "").strip()
        if not value:
            continue
        if key == "fec":
            ids[key] = [part.strip() for part in value.split(",") if part.strip()]
        elif key in NUMERIC_IDS and value.isdigit():
            ids[key] = int(value)
        else:
            ids[key] = value
    return ids


def _office(reader: FieldReader, bioguide_id: str, place: int, raw: object) -> OfficeRecord:
    field = f"office {place}"
    data = reader.mapping(raw, field)
    office = OfficeRecord(
        bioguide_id=bioguide_id,
        office_id=reader.text(data, "id", f"{field}, id", required=True),
        address=reader.text(data, "address", f"{field}, address"),
        suite=reader.text(data, "suite", f"{field}, suite"),
        building=reader.text(data, "building", f"{field}, building"),
        city=reader.text(data, "city", f"{field}, city"),
        state=reader.choice(data, "state", f"{field}, state", USState),
        zip_code=reader.text(data, "zip", f"{field}, zip"),
        phone=reader.text(data, "phone", f"{field}, phone"),
        fax=reader.text(data, "fax", f"{field}, fax"),
        hours=reader.text(data, "hours", f"{field}, hours"),
        latitude=_coordinate(reader, data, "latitude", f"{field}, latitude", 90),
        longitude=_coordinate(reader, data, "longitude", f"{field}, longitude", 180),
    )
    check_lengths(reader, office, DistrictOffice, f"{field}, ")
    return office


def _coordinate(reader: FieldReader, data: dict, key: str, field: str, limit: int) -> float | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        reader.fail(field, f"{value!r} is not a number")
    if not -limit <= number <= limit:
        reader.fail(field, f"{number} is out of range")
    return number
