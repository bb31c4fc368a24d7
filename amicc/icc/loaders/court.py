"""Reads and checks the situations file: situations, their cases and the charges."""

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from amicc.icc.choices import (
    CaseStatus,
    CrimeCategory,
    Trigger,
)
from amicc.icc.loaders.base import (
    SITUATION_NUMBER,
    SITUATIONS_FILE,
    DataHeader,
    Row,
    check_unique,
    read_data_file,
)


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
class SituationsFile:
    header: DataHeader
    situations: tuple[SituationRecord, ...]


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


def _in_order(row: Row, *names: str, values: dict[str, datetime.date | None]) -> None:
    """Fails when a later event in `names` is dated before an earlier one."""
    dated = [(name, values[name]) for name in names if values[name]]
    for (earlier, first), (later, second) in zip(dated, dated[1:], strict=False):
        if second < first:
            row.fail(later, f"{second} is before {earlier} ({first})")


def _charge(where: str, data: Any) -> ChargeRecord:
    row = Row(where, data, CHARGE_FIELDS)
    return ChargeRecord(
        category=row.choice("category", CrimeCategory, required=True),
        description=row.text("description", required=True, max_length=300),
        counts=row.integer("counts", default=1),
        is_gender_based=row.boolean("gender_based"),
        is_sexual_violence=row.boolean("sexual_violence"),
    )


def _case(row: Row, header: DataHeader, situation_number: str) -> CaseRecord:
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
    name, header, rows = read_data_file(path, "situations")
    records = []
    seen: dict[str, dict] = {"situation": {}, "situation slug": {}, "case": {}, "case slug": {}}
    for index, data in enumerate(rows, 1):
        number = data.get("number") if isinstance(data, dict) else None
        label = f" ({number})" if isinstance(number, str) else ""
        row = Row(f"{name}, situation {index}{label}", data, SITUATION_FIELDS)
        number = row.text("number", required=True, max_length=20)
        if not SITUATION_NUMBER.match(number):
            row.fail("number", f"{number!r} is not a situation number like ICC-01/04")
        check_unique(seen["situation"], number, row, "number")
        slug = row.slug("slug", max_length=100)
        check_unique(seen["situation slug"], slug, row, "slug")
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
            case_row = Row(f"{row.where}, case {case_index}{case_label}", case_data, CASE_FIELDS)
            case = _case(case_row, header, number)
            check_unique(seen["case"], case.number, case_row, "number")
            check_unique(seen["case slug"], case.slug, case_row, "slug")
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
