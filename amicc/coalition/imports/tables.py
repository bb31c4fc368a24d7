"""Spreadsheets in and out: a CSV or XLSX file read into rows, rows written back as either.

Reading checks the file as a whole (size, kind, encoding, header, row count) and raises
`ImportFileError` with a message for staff when it cannot be used; the rows themselves are
checked by the importers.
"""

import codecs
import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_000
XLSX_SIGNATURE = b"PK\x03\x04"
OLD_EXCEL_SIGNATURE = b"\xd0\xcf\x11\xe0"
DELIMITERS = (",", ";", "\t")
# Control characters other than tab and line ends do not occur in text files.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Spreadsheet programs run a cell starting with one of these as a formula ("CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PHONE_LIKE = re.compile(r"[\d\s()+.\-]+")


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; the message says why, for staff."""


@dataclass(frozen=True)
class Row:
    """A row of data: its number as the spreadsheet shows it (the header is row 1)."""

    number: int
    values: tuple[str, ...]
    cells: dict[str, str]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    columns: tuple[str, ...]
    rows: list[Row]
    notes: list[str] = field(default_factory=list)

    @property
    def ignored_columns(self) -> list[str]:
        return [name for name, column in zip(self.header, self.columns, strict=True) if not column]


def column_name(heading: str) -> str:
    """The column a heading names: "Joined on", "joined_on" and "JOINED-ON" are one column."""
    return re.sub(r"[\s\-]+", "_", heading.strip().lower())


def table_read(*, source: IO[bytes], known: Sequence[str], required: Sequence[str]) -> Table:
    """Read a CSV (UTF-8, or Windows-1252 as a fallback) or XLSX file into rows.

    Columns are matched by heading in any case and order; headings that are not in
    `known` are ignored (and listed in the table's `ignored_columns`).
    """
    data = source.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImportFileError("The file is larger than 10 MB. Split it into smaller files.")
    if not data.strip():
        raise ImportFileError("The file is empty.")
    notes: list[str] = []
    if data.startswith(XLSX_SIGNATURE):
        lines = _xlsx_lines(data)
    elif data.startswith(OLD_EXCEL_SIGNATURE):
        raise ImportFileError(
            "This is an old-style Excel file (.xls). Save it as an Excel workbook (.xlsx) or "
            "as CSV, then upload it again."
        )
    else:
        lines = _csv_lines(_decode(data, notes))
    return _table(lines, known=known, required=required, notes=notes)


def _decode(data: bytes, notes: list[str]) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = "\x00"  # not Windows-1252 either: refused as binary below
            else:
                notes.append(
                    "The file is not UTF-8, so it was read as Windows-1252 (what Excel on "
                    "Windows writes). Check that accented letters came through correctly."
                )
    if CONTROL_CHARACTERS.search(text):
        raise ImportFileError(
            "This file is neither a CSV file nor an Excel workbook (.xlsx). Upload a CSV "
            "or XLSX file."
        )
    return text


def _csv_lines(text: str) -> Iterator[list[str]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as error:
        raise ImportFileError(
            f"Row {reader.line_num} of the CSV file cannot be read ({error})."
        ) from None


def _xlsx_lines(data: bytes) -> Iterator[list[str]]:
    """The first worksheet's rows as text; any failure to read the workbook is the file's."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise ImportFileError(
            "The file looks like an Excel workbook but cannot be opened as one "
            f"({type(error).__name__}). Save it again as .xlsx or CSV."
        ) from None
    try:
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            yield [_xlsx_text(value) for value in values]
    except Exception as error:  # openpyxl raises many kinds on a damaged sheet
        raise ImportFileError(
            f"The workbook's first sheet cannot be read ({type(error).__name__})."
        ) from None
    finally:
        workbook.close()


def _xlsx_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(
    lines: Iterator[list[str]], *, known: Sequence[str], required: Sequence[str], notes: list[str]
) -> Table:
    header_line = next(lines, None)
    header = tuple(cell.strip() for cell in header_line or [])
    if not any(header):
        raise ImportFileError(
            f"The first row must name the columns ({', '.join(known)}); it is empty."
        )
    columns = tuple(
        column_name(heading) if column_name(heading) in known else "" for heading in header
    )
    named = [column for column in columns if column]
    if repeated := sorted({column for column in named if named.count(column) > 1}):
        raise ImportFileError(f"These columns appear more than once: {', '.join(repeated)}.")
    if missing := [column for column in required if column not in named]:
        raise ImportFileError(
            f"The file has no {', '.join(missing)} column. The first row must name the "
            f"columns; these are required: {', '.join(required)}."
        )
    rows = []
    for number, line in enumerate(lines, start=2):
        values = tuple(_unescape(cell.strip()) for cell in line[: len(header)])
        if not any(values):
            continue
        if len(rows) == MAX_ROWS:
            raise ImportFileError(
                f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files."
            )
        values += ("",) * (len(header) - len(values))
        cells = {column: value for column, value in zip(columns, values, strict=True) if column}
        rows.append(Row(number=number, values=values, cells=cells))
    return Table(header=header, columns=columns, rows=rows, notes=notes)


def _unescape(value: str) -> str:
    """Undo `_escape`: a quote put before a formula character on export is dropped."""
    if value[:1] == "'" and value[1:2] and value[1] in FORMULA_STARTS:
        return value[1:]
    return value


def _escape(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula, leaving phone numbers as they are."""
    if value.startswith(FORMULA_STARTS) and not PHONE_LIKE.fullmatch(value):
        return f"'{value}"
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[str]]) -> Iterator[str]:
    """CSV text, line by line (to stream a download), UTF-8 with a BOM so Excel reads it."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow([_escape(value) for value in row])


def xlsx_write(
    *, stream: IO[bytes], title: str, header: Sequence[str], rows: Iterable[Sequence[str]]
) -> None:
    """An XLSX workbook of one sheet; every cell is text, so nothing is read as a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append(list(header))
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    workbook.save(stream)
