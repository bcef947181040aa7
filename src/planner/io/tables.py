"""A case export as rows of strings, whatever it came as: CSV or tab text in UTF-8, UTF-16 or
Windows-1252, or an .xlsx, .xls or .ods spreadsheet.

Everything after this module (finding the header, the CPR scan, validation) sees the same
rows of strings, so each check is written once for every format. Typed spreadsheet cells
become the text a CSV export of the same sheet would hold: 1042 not 1042.0, a date cell
YYYY-MM-DD, a checkbox true/false.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from planner.core.cpr import find_cpr
from planner.core.problems import Msg, Problem, ProblemsFound, Text
from planner.io.loadtexts import line, problem

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv", ".tab")
DELIMITERS = (";", ",", "\t")

# A spreadsheet saved under a .csv name is still read as one: zip (xlsx, ods) or OLE2 (xls).
_SPREADSHEET_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
# Characters that are there but invisible: they make "K-1" and "K-1\u200b" look the same.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"))
# How many rows the delimiter sniffer and the header search look at before giving up.
SNIFF_ROWS = 50


def name_key(text: str) -> str:
    """A header, worker name, label or id as compared: NFC, invisible characters dropped,
    runs of spaces as one, case-folded ("Åse  Høj" = "åse høj")."""
    if text.isascii():
        return " ".join(text.split()).casefold()
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return " ".join(text.split()).casefold()


@dataclass
class Table:
    """Every row of the export (title lines included) as strings, and where each came from."""

    rows: list[list[str]]
    # 1-based: the line a CSV record starts on, or a sheet's row number. None for a CSV
    # read in one go: counted from `text` when a message first needs a line number.
    numbers: list[int] | None
    kind: str  # "csv" or "sheet"
    encoding: str = ""  # how a text file was decoded: "UTF-8", "UTF-16", "Windows-1252"
    delimiter: str = ""
    sheet: str = ""
    # Records csv could not read (an unclosed quote): reported with the others.
    problems: list[Problem] = field(default_factory=list)
    # A text file as decoded: the scans search it whole before they look at any row.
    text: str | None = field(default=None, repr=False)

    def where(self, index: int) -> Msg:
        """'line 12' in a text file, "sheet 'Sager', row 12" in a spreadsheet."""
        if self.numbers is None:
            assert self.text is not None
            self.numbers = _line_numbers(self.text, self.delimiter)
        if self.kind == "csv":
            return line(self.numbers[index])
        return Msg("where.sheet_row", sheet=self.sheet, row=self.numbers[index])


def is_spreadsheet(suffix: str, raw: bytes) -> bool:
    return suffix.lower() in SPREADSHEET_SUFFIXES or raw.startswith(_SPREADSHEET_MAGIC)


def read_table(
    raw: bytes, shown: str, suffix: str, id_names: Collection[str], sheet: str | None = None
) -> Table:
    """The file's rows; ProblemsFound when it cannot be read at all.

    `id_names` are the name keys the id column may have: the header row is the first row
    holding one, and in a text file the delimiter is the one that finds it."""
    if is_spreadsheet(suffix, raw):
        return _read_sheet(raw, shown, sheet)
    text, encoding = decode_export(raw, shown)
    return _read_csv(text, shown, encoding, id_names)


# ---------------------------------------------------------------------------------------
# Text


def decode_export(data: bytes, shown: str) -> tuple[str, str]:
    """The text and the encoding read: UTF-16 with its BOM, UTF-8 (with or without BOM),
    else Windows-1252 (what Danish Excel's "CSV (semikolonsepareret)" writes)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise ProblemsFound([problem(shown, "", "load.not_utf16")]) from None
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as error:
        number = data[: error.start].count(b"\n") + 1
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        raise ProblemsFound([problem(shown, line(number), "load.not_text")]) from None


def _parse(text: str, delimiter: str, limit: int | None = None) -> list[list[str]]:
    """Rows of `text` without line bookkeeping (for sniffing): stops at an error."""
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            rows.append(row)
            if limit is not None and len(rows) >= limit:
                break
    except csv.Error:
        pass
    return rows


def sniff_delimiter(text: str, id_names: Collection[str]) -> str:
    """The delimiter with which some early row holds an id column name (the header row);
    else the one that splits the early rows into the most cells. Ties: ; then , then tab."""
    head = text[:65536]
    best, best_score = DELIMITERS[0], (-1, -1)

    def holds_id(row: list[str]) -> bool:
        # A cell that still holds another delimiter ("id\t" split at ';') was split wrong.
        return any(name_key(c) in id_names and not any(d in c for d in DELIMITERS) for c in row)

    for delimiter in DELIMITERS:
        rows = _parse(head, delimiter, SNIFF_ROWS)
        found = next((r for r in rows if holds_id(r)), None)
        if found is not None:
            score = (1, len(found))
        else:
            score = (0, max((len(r) for r in rows), default=0))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(text: str, shown: str, encoding: str, id_names: Collection[str]) -> Table:
    delimiter = sniff_delimiter(text, id_names)
    # strict: a quote that is never closed is an error, not the rest of the file in one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        # In one go (the line numbers are counted only when a message needs one).
        rows = list(reader)
    except csv.Error:
        rows = []
    else:
        return Table(rows, None, "csv", encoding=encoding, delimiter=delimiter, text=text)
    # A record csv cannot read: every record before it, then the error at its line.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    numbers: list[int] = []
    table = Table(rows, numbers, "csv", encoding=encoding, delimiter=delimiter, text=text)
    start = 1
    try:
        for row in reader:
            rows.append(row)
            numbers.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        table.problems.append(problem(shown, line(start), "load.bad_csv", error=csv_reason(error)))
    return table


def _line_numbers(text: str, delimiter: str) -> list[int]:
    """The line each record of a CSV text starts on (the text was read without errors)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    numbers = []
    start = 1
    for _ in reader:
        numbers.append(start)
        start = reader.line_num + 1
    return numbers


_CSV_REASONS = (
    (re.compile(r"unexpected end of data"), "csv.end"),
    (re.compile(r"'(?P<what>.)' expected after '(?P<after>.)'"), "csv.expected"),
    (re.compile(r"field larger than field limit \((?P<limit>\d+)\)"), "csv.field_limit"),
)


def csv_reason(error: csv.Error) -> Text:
    """What the csv module says, in the user's language where we know its words."""
    text = str(error)
    for pattern, key in _CSV_REASONS:
        found = pattern.search(text)
        if found:
            return Msg(key, **found.groupdict())
    return text


# ---------------------------------------------------------------------------------------
# Spreadsheets


def _read_sheet(raw: bytes, shown: str, wanted: str | None) -> Table:
    # Imported here: `planner check` on a CSV team need not load the spreadsheet reader.
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        names = list(book.sheet_names)
        if not names:
            raise ProblemsFound([problem(shown, "", "load.no_sheets")])
        name = names[0]
        if wanted is not None:
            match = [n for n in names if n == wanted] or [
                n for n in names if name_key(n) == name_key(wanted)
            ]
            if not match:
                raise ProblemsFound(
                    [
                        problem(
                            shown, "", "load.no_such_sheet", sheet=wanted, sheets=", ".join(names)
                        )
                    ]
                )
            name = match[0]
        sheet = book.get_sheet_by_name(name)
        cells = sheet.to_python(skip_empty_area=True)
        first_row = sheet.start[0] + 1 if sheet.start else 1
    except PasswordError:
        raise ProblemsFound([problem(shown, "", "load.sheet_password")]) from None
    except CalamineError as error:
        raise ProblemsFound([problem(shown, "", "load.bad_sheet", error=str(error))]) from None
    rows = [[c if type(c) is str else cell_text(c) for c in row] for row in cells]
    return Table(rows, list(range(first_row, first_row + len(rows))), "sheet", sheet=name)


def cell_text(value: object) -> str:
    """A typed cell as a CSV export would write it (numbers with a point)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int):
        # Spreadsheets hold every number as a float: 1042.0 is the id 1042.
        if not (float(value).is_integer() and abs(value) < 1e15):
            return repr(value)
        number = int(value)
        # A CPR number typed into a number cell loses its leading zero (0101801234 shows
        # as 101801234): give it back so the CPR scan sees the ten digits.
        if 10**8 <= number < 10**9 and find_cpr(f"{number:010d}"):
            return f"{number:010d}"
        return str(number)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)
