"""Reads ZIP code (Census ZCTA) to congressional district files.

Two layouts, told apart by their header:

- `zccd.csv`: `state_fips,state_abbr,zcta,cd`, one row per ZIP and district, `cd` 0 for
  an at-large seat. It says nothing of how a split ZIP divides, so the parts of a split
  ZIP get no share or rank.
- the Census Bureau's ZCTA to 119th Congressional District relationship file:
  pipe-delimited UTF-8 with a byte-order mark, one row per piece of a ZCTA in a district.
  `GEOID_CD119_20` is the state FIPS and district ("0601"; "00" at large, "98" a
  delegate's seat, "ZZ" water in no district) and `AREALAND_PART` the piece's land area,
  which gives each district's share of the ZIP and their rank.

A ZIP that lies in one district has a share of 1 and rank 1 in either layout.
"""

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NoReturn

from amicc.coalition.geography import STATE_FIPS, USState
from amicc.congress.importers.sources import (
    ImportFileError,
    Progress,
    Source,
    allowed_values,
    counted,
)

PROGRESS_EVERY = 5000
ZCTA_PATTERN = re.compile(r"^[0-9]{5}$")
STATE_BY_FIPS = {fips: state for state, fips in STATE_FIPS.items()}
ZCCD_COLUMNS = ("state_fips", "state_abbr", "zcta", "cd")
CENSUS_COLUMNS = ("GEOID_CD119_20", "GEOID_ZCTA5_20", "AREALAND_PART")
# Census district codes that are not a numbered district.
CENSUS_AT_LARGE = {"00", "98"}
CENSUS_UNDEFINED = "ZZ"


@dataclass(frozen=True)
class ZipDistrictRecord:
    zcta: str
    state: str
    district: int
    share: float | None
    rank: int | None


@dataclass(frozen=True)
class _Part:
    """One ZIP-in-district row as read, before the ZIP's parts are ranked."""

    zcta: str
    state: str
    district: int
    land: int | None
    line: int


class _Rows:
    """The data rows of a delimited file, by column name, with line numbers for messages."""

    def __init__(self, source: Source, text: str, delimiter: str, required: tuple[str, ...]):
        self.source = source
        self.reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        header = [name.strip() for name in next(self.reader, [])]
        missing = [name for name in required if name not in header]
        if missing:
            raise ImportFileError(f"{source.name}, line 1: the header lacks {', '.join(missing)}")
        self.columns = {name: header.index(name) for name in required}
        self.width = len(header)

    def __iter__(self) -> Iterator[dict[str, str]]:
        try:
            for row in self.reader:
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != self.width:
                    self.fail("", f"expected {self.width} columns, found {len(row)}")
                yield {name: row[index].strip() for name, index in self.columns.items()}
        except csv.Error as error:
            self.fail("", str(error))

    @property
    def line(self) -> int:
        return self.reader.line_num

    def fail(self, column: str, problem: str) -> NoReturn:
        where = f"{self.source.name}, line {self.line}" + (f", column {column}" if column else "")
        raise ImportFileError(f"{where}: {problem}")


def parse_zip_districts(
    source: Source, *, progress: Progress | None = None
) -> list[ZipDistrictRecord]:
    """Every ZIP-district pair in the file, ranked; raises ImportFileError on the first fault."""
    text = source.text()
    first_line = text.split("\n", 1)[0]
    if "GEOID_ZCTA5_20" in first_line:
        parts = _census_parts(_Rows(source, text, "|", CENSUS_COLUMNS), progress)
    elif "zcta" in first_line.lower():
        parts = _zccd_parts(_Rows(source, text, ",", ZCCD_COLUMNS), progress)
    else:
        raise ImportFileError(
            f"{source.name}, line 1: not a known layout (expected the zccd.csv header "
            "state_fips,state_abbr,zcta,cd or a Census relationship file with GEOID_ZCTA5_20)"
        )
    if not parts:
        raise ImportFileError(f"{source.name} has no ZIP codes")
    return _ranked(parts)


def _zccd_parts(rows: _Rows, progress: Progress | None) -> list[_Part]:
    parts: dict[tuple[str, str, int], _Part] = {}
    for _number, row in counted(rows, progress, PROGRESS_EVERY):
        state = row["state_abbr"].upper()
        if state not in allowed_values(USState):
            rows.fail("state_abbr", f"{row['state_abbr']!r} is not a state or territory code")
        if row["state_fips"] != STATE_FIPS[state]:
            rows.fail("state_fips", f"{row['state_fips']!r} is not the FIPS code of {state}")
        if not row["cd"].isdigit():
            rows.fail("cd", f"{row['cd']!r} is not a district number")
        _add(rows, parts, row["zcta"], "zcta", state, int(row["cd"]), None)
    return list(parts.values())


def _census_parts(rows: _Rows, progress: Progress | None) -> list[_Part]:
    parts: dict[tuple[str, str, int], _Part] = {}
    for _number, row in counted(rows, progress, PROGRESS_EVERY):
        code = row["GEOID_CD119_20"]
        if not row["GEOID_ZCTA5_20"] or code[2:] == CENSUS_UNDEFINED:
            continue  # a district's remainder outside every ZCTA, or water in no district
        if len(code) != 4 or code[:2] not in STATE_BY_FIPS:
            rows.fail("GEOID_CD119_20", f"{code!r} is not a state FIPS code and district")
        if not (code[2:].isdigit() or code[2:] in CENSUS_AT_LARGE):
            rows.fail("GEOID_CD119_20", f"{code!r} does not end in a district number")
        district = 0 if code[2:] in CENSUS_AT_LARGE else int(code[2:])
        if not row["AREALAND_PART"].isdigit():
            rows.fail("AREALAND_PART", f"{row['AREALAND_PART']!r} is not a whole number")
        land = int(row["AREALAND_PART"])
        state = STATE_BY_FIPS[code[:2]]
        _add(rows, parts, row["GEOID_ZCTA5_20"], "GEOID_ZCTA5_20", state, district, land)
    return list(parts.values())


def _add(
    rows: _Rows,
    parts: dict[tuple[str, str, int], _Part],
    zcta: str,
    column: str,
    state: str,
    district: int,
    land: int | None,
) -> None:
    if not ZCTA_PATTERN.match(zcta):
        rows.fail(column, f"{zcta!r} is not a five-digit ZIP code")
    key = (zcta, state, district)
    if key in parts:
        first = parts[key].line
        rows.fail(column, f"{zcta} in {state} district {district} appears again (line {first})")
    parts[key] = _Part(zcta=zcta, state=state, district=district, land=land, line=rows.line)


def _ranked(parts: list[_Part]) -> list[ZipDistrictRecord]:
    """Share and rank of each district within its ZIP, largest land area first.

    Pieces with no land (a ZIP that touches a district only in water) are left out when the
    ZIP has land elsewhere: nobody lives there.
    """
    by_zip: dict[str, list[_Part]] = defaultdict(list)
    for part in parts:
        by_zip[part.zcta].append(part)
    records = []
    for zcta, group in by_zip.items():
        if any(part.land for part in group):
            group = [part for part in group if part.land is None or part.land > 0]
        total = sum(part.land or 0 for part in group)
        known = len(group) == 1 or (total > 0 and all(p.land is not None for p in group))
        group.sort(key=lambda p: (-(p.land or 0), p.state, p.district))
        for rank, part in enumerate(group, 1):
            share = (part.land or 0) / total if total else 1.0
            records.append(
                ZipDistrictRecord(
                    zcta=zcta,
                    state=part.state,
                    district=part.district,
                    share=share if known else None,
                    rank=rank if known else None,
                )
            )
    return records
