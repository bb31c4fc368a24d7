"""Reads and checks the ICC data files curated in `amicc/icc/data/`; writes nothing.

Each file is YAML: a header (`as_of`, `sources`) and a list of rows. Every problem is
reported with the file, the row and the field, so a curator can fix it at once; the
service only ever sees records that passed every check here.
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import pycountry
import yaml
from django.db import models
from django.utils.text import slugify

from amicc.icc.choices import (
    CaseStatus,
    CrimeCategory,
    ElectedOffice,
    Instrument,
    RegionalGroup,
    Trigger,
)
from amicc.icc.rome_statute import withdrawal_effective

DATA_DIR = Path(__file__).parent / "data"
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


@dataclass(frozen=True)
class StateRecord:
    where: str = field(compare=False)
    iso_code: str
    name: str
    slug: str
    regional_group: str
    signed_on: datetime.date | None
    instrument: str
    deposited_on: datetime.date | None
    succeeded_on: datetime.date | None
    declared_non_party_on: datetime.date | None
    withdrawal_notified_on: datetime.date | None
    withdrawal_effective_on: datetime.date | None
    source_url: str
    source_note: str
    notes: str


@dataclass(frozen=True)
class ChargeRecord:
    category: str
    description: str
    counts: int
    is_gender_based: bool
    is_sexual_violence: bool


@dataclass(frozen=True)
class CaseRecord:
    where: str = field(compare=False)
    number: str
    slug: str
    name: str
    accused: str
    status: str
    warrant_issued_on: datetime.date | None
    custody_on: datetime.date | None
    trial_opened_on: datetime.date | None
    verdict_on: datetime.date | None
    summary: str
    source_url: str
    charges: tuple[ChargeRecord, ...]


@dataclass(frozen=True)
class SituationRecord:
    where: str = field(compare=False)
    number: str
    slug: str
    name: str
    country_codes: tuple[str, ...]
    trigger: str
    referred_on: datetime.date | None
    preliminary_examination_opened_on: datetime.date | None
    investigation_opened_on: datetime.date | None
    investigation_closed_on: datetime.date | None
    summary: str
    source_url: str
    cases: tuple[CaseRecord, ...]


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
class StatesFile:
    header: DataHeader
    states: tuple[StateRecord, ...]


@dataclass(frozen=True)
class SituationsFile:
    header: DataHeader
    situations: tuple[SituationRecord, ...]


@dataclass(frozen=True)
class SessionsFile:
    header: DataHeader
    sessions: tuple[SessionRecord, ...]


def state_date_problems(
    *,
    signed_on: datetime.date | None,
    deposited_on: datetime.date | None,
    declared_non_party_on: datetime.date | None,
    withdrawal_notified_on: datetime.date | None,
    withdrawal_effective_on: datetime.date | None,
) -> list[tuple[str, str]]:
    """What is wrong with a state's dated events, as (field, problem); the admin uses it too."""
    problems = []
    for name, day in (
        ("signed_on", signed_on),
        ("deposited_on", deposited_on),
        ("declared_non_party_on", declared_non_party_on),
        ("withdrawal_notified_on", withdrawal_notified_on),
    ):
        if day and day < STATUTE_ADOPTED:
            problems.append((name, f"{day} is before the Statute was adopted on 17 July 1998"))
    if not signed_on and not deposited_on:
        problems.append(
            ("signed_on", "a state is listed when it signed or deposited an instrument")
        )
    if signed_on and deposited_on and deposited_on < signed_on:
        problems.append(("deposited_on", f"{deposited_on} is before the signature ({signed_on})"))
    if declared_non_party_on:
        if not signed_on:
            problems.append(
                ("declared_non_party_on", "only a signatory declares it will not ratify")
            )
        elif declared_non_party_on < signed_on:
            problems.append(("declared_non_party_on", f"is before the signature ({signed_on})"))
        if deposited_on and deposited_on <= declared_non_party_on:
            problems.append(
                ("declared_non_party_on", "a state party cannot declare it will not ratify")
            )
    if withdrawal_effective_on and not withdrawal_notified_on:
        problems.append(
            ("withdrawal_notified_on", "a withdrawal needs the date of its notification")
        )
    if withdrawal_notified_on:
        if not deposited_on or withdrawal_notified_on < deposited_on:
            problems.append(("withdrawal_notified_on", "only a state party can withdraw"))
        earliest = withdrawal_effective(withdrawal_notified_on)
        if withdrawal_effective_on and withdrawal_effective_on < earliest:
            problems.append(
                (
                    "withdrawal_effective_on",
                    f"a withdrawal takes effect one year after its notification at the "
                    f"earliest (article 127): {earliest}",
                )
            )
    return problems


class _Row:
    """Reads typed values out of one mapping of a data file, naming it in every error."""

    def __init__(self, where: str, data: Any, allowed: Iterable[str]):
        self.where = where
        if not isinstance(data, dict):
            raise DataFileError(f"{where}: expected a mapping of fields, found {_kind(data)}")
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
            self.fail(name, f"expected text, found {_kind(value)}")
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
            self.fail(name, f"expected a list, found {_kind(value)}")
        return value

    def source(self, header: DataHeader, name: str = "source") -> str:
        """A key of the header's sources, or a URL: every row cites where it comes from."""
        value = self.text(name, required=True)
        if value in header.sources:
            return header.sources[value]
        if not _is_url(value):
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


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text"}.get(type(value), type(value).__name__)


def _is_url(value: str) -> bool:
    return re.match(r"^https?://[^\s/]+\.[^\s]+$", value) is not None


def _read(path: Path, rows_key: str) -> tuple[str, DataHeader, list]:
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
    header = _Row(name, document, ("as_of", "sources", "source_notes", rows_key))
    as_of = header.date("as_of", required=True)
    sources = header.data.get("sources") or {}
    if not isinstance(sources, dict):
        header.fail("sources", f"expected a mapping of keys to URLs, found {_kind(sources)}")
    for key, url in sources.items():
        if not isinstance(url, str) or not _is_url(url):
            header.fail(f"sources.{key}", f"{url!r} is not an http(s) URL")
    rows = header.items(rows_key)
    if not rows:
        header.fail(rows_key, "missing or empty")
    return name, DataHeader(as_of=as_of, sources=dict(sources)), rows


def _unique(seen: dict[Any, str], value: Any, row: _Row, name: str) -> None:
    if value in seen:
        row.fail(name, f"{value!r} is already used by {seen[value]}")
    seen[value] = row.where


# --- States ------------------------------------------------------------------------------

STATE_FIELDS = (
    "iso_code", "name", "slug", "regional_group", "signed_on", "instrument", "deposited_on",
    "succeeded_on", "declared_non_party_on", "withdrawal_notified_on", "withdrawal_effective_on",
    "source", "source_note", "notes",
)  # fmt: skip


def read_states(path: Path = STATES_FILE) -> StatesFile:
    """The states file: every row checked, including article 127 and the order of events."""
    name, header, rows = _read(path, "states")
    records, codes, slugs = [], {}, {}
    for number, data in enumerate(rows, 1):
        code = data.get("iso_code") if isinstance(data, dict) else None
        label = f" ({code})" if isinstance(code, str) else ""
        row = _Row(f"{name}, row {number}{label}", data, STATE_FIELDS)
        iso_code = row.country_code("iso_code", row.text("iso_code", required=True))
        _unique(codes, iso_code, row, "iso_code")
        state_name = row.text("name", required=True, max_length=100)
        slug = row.slug("slug", default=slugify(state_name.split(" (")[0]), max_length=100)
        _unique(slugs, slug, row, "slug")
        instrument = row.choice("instrument", Instrument)
        deposited_on = row.date("deposited_on")
        if bool(instrument) != bool(deposited_on):
            missing = "instrument" if deposited_on else "deposited_on"
            row.fail(missing, "missing: an instrument and its deposit date go together")
        succeeded_on = row.date("succeeded_on")
        if (instrument == Instrument.SUCCESSION) != bool(succeeded_on):
            row.fail(
                "succeeded_on",
                "a succession, and only a succession, gives the date the state succeeded",
            )
        dates = {
            key: row.date(key)
            for key in (
                "signed_on",
                "declared_non_party_on",
                "withdrawal_notified_on",
                "withdrawal_effective_on",
            )
        }
        row.check(state_date_problems(deposited_on=deposited_on, **dates))
        if dates["withdrawal_notified_on"] and not dates["withdrawal_effective_on"]:
            dates["withdrawal_effective_on"] = withdrawal_effective(dates["withdrawal_notified_on"])
        records.append(
            StateRecord(
                where=row.where,
                iso_code=iso_code,
                name=state_name,
                slug=slug,
                regional_group=row.choice("regional_group", RegionalGroup, required=True),
                instrument=instrument,
                deposited_on=deposited_on,
                succeeded_on=succeeded_on,
                source_url=row.source(header),
                source_note=row.text("source_note", max_length=300),
                notes=row.text("notes"),
                **dates,
            )
        )
    return StatesFile(header=header, states=tuple(records))


# --- Situations, cases and charges -------------------------------------------------------

SITUATION_FIELDS = (
    "number", "slug", "name", "country_codes", "trigger", "referred_on",
    "preliminary_examination_opened_on", "investigation_opened_on", "investigation_closed_on",
    "summary", "source", "cases",
)  # fmt: skip
CASE_FIELDS = (
    "number", "slug", "name", "accused", "status", "warrant_issued_on", "custody_on",
    "trial_opened_on", "verdict_on", "summary", "source", "charges",
)  # fmt: skip
CHARGE_FIELDS = ("category", "description", "counts", "gender_based", "sexual_violence")
REFERRALS = (Trigger.STATE_REFERRAL, Trigger.SECURITY_COUNCIL)
# The date a case in this status cannot do without.
STATUS_NEEDS = {
    CaseStatus.IN_CUSTODY: "custody_on",
    CaseStatus.AT_TRIAL: "trial_opened_on",
    CaseStatus.CONVICTED: "verdict_on",
    CaseStatus.ACQUITTED: "verdict_on",
}


def _in_order(row: _Row, *names: str, values: dict[str, datetime.date | None]) -> None:
    """Fails when a later event in `names` is dated before an earlier one."""
    dated = [(name, values[name]) for name in names if values[name]]
    for (earlier, first), (later, second) in zip(dated, dated[1:], strict=False):
        if second < first:
            row.fail(later, f"{second} is before {earlier} ({first})")


def _charge(where: str, data: Any) -> ChargeRecord:
    row = _Row(where, data, CHARGE_FIELDS)
    return ChargeRecord(
        category=row.choice("category", CrimeCategory, required=True),
        description=row.text("description", required=True, max_length=300),
        counts=row.integer("counts", default=1),
        is_gender_based=row.boolean("gender_based"),
        is_sexual_violence=row.boolean("sexual_violence"),
    )


def _case(row: _Row, header: DataHeader, situation_number: str) -> CaseRecord:
    number = row.text("number", required=True, max_length=40)
    if not number.startswith(situation_number):
        row.fail("number", f"{number!r} does not belong to situation {situation_number}")
    dates = {
        key: row.date(key)
        for key in ("warrant_issued_on", "custody_on", "trial_opened_on", "verdict_on")
    }
    _in_order(row, "warrant_issued_on", "verdict_on", values=dates)
    _in_order(row, "custody_on", "trial_opened_on", "verdict_on", values=dates)
    status = row.choice("status", CaseStatus, required=True)
    needed = STATUS_NEEDS.get(status)
    if needed and not dates[needed]:
        row.fail(needed, f"missing: a case {CaseStatus(status).label.lower()} has this date")
    charges = row.items("charges")
    return CaseRecord(
        where=row.where,
        number=number,
        slug=row.slug("slug", max_length=120),
        name=row.text("name", required=True, max_length=300),
        accused=row.text("accused", required=True, max_length=300),
        status=status,
        summary=row.text("summary", required=True),
        source_url=row.source(header),
        charges=tuple(
            _charge(f"{row.where}, charge {index}", charge)
            for index, charge in enumerate(charges, 1)
        ),
        **dates,
    )


def read_situations(path: Path = SITUATIONS_FILE) -> SituationsFile:
    """The situations file with the cases of each situation and the charges of each case."""
    name, header, rows = _read(path, "situations")
    records = []
    seen: dict[str, dict] = {"situation": {}, "situation slug": {}, "case": {}, "case slug": {}}
    for index, data in enumerate(rows, 1):
        number = data.get("number") if isinstance(data, dict) else None
        label = f" ({number})" if isinstance(number, str) else ""
        row = _Row(f"{name}, situation {index}{label}", data, SITUATION_FIELDS)
        number = row.text("number", required=True, max_length=20)
        if not SITUATION_NUMBER.match(number):
            row.fail("number", f"{number!r} is not a situation number like ICC-01/04")
        _unique(seen["situation"], number, row, "number")
        slug = row.slug("slug", max_length=100)
        _unique(seen["situation slug"], slug, row, "slug")
        trigger = row.choice("trigger", Trigger, required=True)
        dates = {
            key: row.date(key)
            for key in (
                "referred_on",
                "preliminary_examination_opened_on",
                "investigation_opened_on",
                "investigation_closed_on",
            )
        }
        if trigger in REFERRALS and not dates["referred_on"]:
            row.fail("referred_on", "missing: a referred situation has the referral's date")
        if trigger == Trigger.PROPRIO_MOTU and dates["referred_on"]:
            row.fail("referred_on", "a situation the Prosecutor opened was not referred")
        _in_order(row, "investigation_opened_on", "investigation_closed_on", values=dates)
        _in_order(row, "referred_on", "investigation_opened_on", values=dates)
        cases = []
        for case_index, case_data in enumerate(row.items("cases"), 1):
            case_number = case_data.get("number") if isinstance(case_data, dict) else None
            case_label = f" ({case_number})" if isinstance(case_number, str) else ""
            case_row = _Row(f"{row.where}, case {case_index}{case_label}", case_data, CASE_FIELDS)
            case = _case(case_row, header, number)
            _unique(seen["case"], case.number, case_row, "number")
            _unique(seen["case slug"], case.slug, case_row, "slug")
            cases.append(case)
        records.append(
            SituationRecord(
                where=row.where,
                number=number,
                slug=slug,
                name=row.text("name", required=True, max_length=200),
                country_codes=tuple(
                    row.country_code("country_codes", code) for code in row.items("country_codes")
                ),
                trigger=trigger,
                summary=row.text("summary", required=True),
                source_url=row.source(header),
                cases=tuple(cases),
                **dates,
            )
        )
    return SituationsFile(header=header, situations=tuple(records))


# --- Sessions of the Assembly -----------------------------------------------------------

SESSION_FIELDS = (
    "number", "starts_on", "ends_on", "place", "is_resumed", "notes", "source", "elections",
)  # fmt: skip
ELECTION_FIELDS = ("office", "description", "elected")


def _names(row: _Row) -> str:
    value = row.data.get("elected")
    if value is None or isinstance(value, str):
        return row.text("elected")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        row.fail("elected", "expected a list of names")
    return "\n".join(" ".join(item.split()) for item in value)


def _election(where: str, data: Any) -> ElectionRecord:
    row = _Row(where, data, ELECTION_FIELDS)
    return ElectionRecord(
        office=row.choice("office", ElectedOffice, required=True),
        description=row.text("description", required=True, max_length=300),
        elected=_names(row),
    )


def read_sessions(path: Path = SESSIONS_FILE) -> SessionsFile:
    """The sessions file, with the elections each session held."""
    name, header, rows = _read(path, "sessions")
    records, numbers = [], {}
    for index, data in enumerate(rows, 1):
        number = data.get("number") if isinstance(data, dict) else None
        label = f" (session {number})" if isinstance(number, int) else ""
        row = _Row(f"{name}, row {index}{label}", data, SESSION_FIELDS)
        number = row.integer("number")
        _unique(numbers, number, row, "number")
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
