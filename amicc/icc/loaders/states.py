"""Reads and checks the states file: the Rome Statute's signatures, instruments, withdrawals."""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify

from amicc.icc.choices import (
    Instrument,
    RegionalGroup,
)
from amicc.icc.loaders.base import (
    STATES_FILE,
    STATUTE_ADOPTED,
    DataHeader,
    Row,
    check_unique,
    read_data_file,
)
from amicc.icc.rome_statute import withdrawal_effective


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
class StatesFile:
    header: DataHeader
    states: tuple[StateRecord, ...]


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


# --- States ------------------------------------------------------------------------------

STATE_FIELDS = (
    "iso_code", "name", "slug", "regional_group", "signed_on", "instrument", "deposited_on",
    "succeeded_on", "declared_non_party_on", "withdrawal_notified_on", "withdrawal_effective_on",
    "source", "source_note", "notes",
)  # fmt: skip


def read_states(path: Path = STATES_FILE) -> StatesFile:
    """The states file: every row checked, including article 127 and the order of events."""
    name, header, rows = read_data_file(path, "states")
    records, codes, slugs = [], {}, {}
    for number, data in enumerate(rows, 1):
        code = data.get("iso_code") if isinstance(data, dict) else None
        label = f" ({code})" if isinstance(code, str) else ""
        row = Row(f"{name}, row {number}{label}", data, STATE_FIELDS)
        iso_code = row.country_code("iso_code", row.text("iso_code", required=True))
        check_unique(codes, iso_code, row, "iso_code")
        state_name = row.text("name", required=True, max_length=100)
        slug = row.slug("slug", default=slugify(state_name.split(" (")[0]), max_length=100)
        check_unique(slugs, slug, row, "slug")
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
