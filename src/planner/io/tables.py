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
import zipfile
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from xml.etree import ElementTree

from planner.core.cpr import find_cpr
from planner.core.problems import Joined, Msg, Problem, ProblemsFound, Text
from planner.io.loadtexts import line, places, problem

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
    # A sheet's cells that hold no value but an error (#DIV/0!) or a formula never
    # calculated (""), by (row index, cell index): python-calamine reads both as empty.
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    first_column: int = 0  # a sheet's first column read (0 = A): for the column's letter

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
    utf8_line = _utf8_line(data)
    if utf8_line is not None:
        raise ProblemsFound(
            [problem(shown, line(number), "load.mixed_encoding", utf8_line=utf8_line)]
        )
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        raise ProblemsFound([problem(shown, line(number), "load.not_text")]) from None


# A character of two to four bytes in UTF-8. Windows-1252 text rarely holds one by chance
# (it would take "Ã" followed by "¥"), so a line that decodes as UTF-8 with one in it was
# written as UTF-8.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _utf8_line(data: bytes) -> int | None:
    """The first line written as UTF-8 (non-ASCII, decodes as UTF-8) in a file that is not
    UTF-8 as a whole: a file put together from two exports, or edited in two programs.
    Read as Windows-1252 its UTF-8 lines would come out garbled ("Carl DÃ¥m")."""
    data = data.removeprefix(codecs.BOM_UTF8)  # a line with a character, not the BOM
    if _UTF8_MULTIBYTE.search(data) is None:
        return None
    for number, text in enumerate(data.split(b"\n"), 1):
        if text.isascii() or _UTF8_MULTIBYTE.search(text) is None:
            continue
        try:
            text.decode("utf-8")
        except UnicodeDecodeError:
            continue
        return number
    return None


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
    table = Table(rows, list(range(first_row, first_row + len(rows))), "sheet", sheet=name)
    if sheet.start is not None:
        top, left = sheet.start
        table.first_column = left
        table.errors = {
            (row - top, column - left): value
            for (row, column), value in _workbook_errors(raw, name).items()
            if row >= top and column >= left
        }
    return table


def error_problems(
    table: Table, shown: str, header_index: int, indexes: Mapping[str, int]
) -> list[Problem]:
    """The error cells in planner's columns below the header: one problem per column and
    kind, at its first such cell, with how many more there are (a column of formulas never
    calculated would otherwise give a line per case)."""
    header = table.rows[header_index]
    # (column, error value or not) -> the cells
    found: dict[tuple[int, bool], list[tuple[int, str]]] = {}
    read = set(indexes.values())
    for (index, position), value in sorted(table.errors.items()):
        if index > header_index and position in read:
            found.setdefault((position, bool(value)), []).append((index, value))
    problems = []
    for (position, _), cells in sorted(found.items(), key=lambda item: item[1][0][0]):
        index, value = cells[0]
        column = header[position].strip() if position < len(header) else ""
        where = _cell_where(table, index, position, column)
        key = "load.error_cell" if value else "load.formula_no_value"
        what: Text = Msg(key, error=value)
        if len(cells) > 1:
            what = Joined(what, Msg("load.more_cells", count=len(cells) - 1), sep=" ")
        problems.append(Problem(shown, where, what, Msg(f"{key}.todo")))
    return problems


def header_error_problems(table: Table, shown: str, header_index: int) -> list[Problem]:
    """The error cells of the header row: columns whose name is an error (#NAME?)."""
    problems = []
    for (index, position), value in sorted(table.errors.items()):
        if index != header_index:
            continue
        where = _cell_where(table, index, position, "")
        key = "load.error_cell" if value else "load.formula_no_value"
        problems.append(Problem(shown, where, Msg(key, error=value), Msg(f"{key}.todo")))
    return problems


def _cell_where(table: Table, index: int, position: int, column: str) -> Text:
    """Sheet, row and column of a cell: the column by its heading (else its number) and
    its letters as Excel shows them."""
    return places(
        table.where(index),
        Msg(
            "where.sheet_column",
            column=column or f"#{position + 1}",
            letter=_letters(position + table.first_column),
        ),
    )


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _letters(column: int) -> str:
    """The column's letters as Excel shows them: 0 is A, 26 is AA."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _cell_position(reference: str) -> tuple[int, int] | None:
    """'E3' as (2, 4): the 0-based row and column."""
    found = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})", reference)
    if found is None:
        return None
    column = 0
    for letter in found[1].upper():
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(found[2]) - 1, column - 1


def _xlsx_sheet_path(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The part of an .xlsx that holds the sheet named `sheet`."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    wanted = None
    for element in book.iter():
        if _local(element.tag) == "sheet" and element.get("name") == sheet:
            wanted = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
    if wanted is None:
        return None
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for element in relations.iter():
        if element.get("Id") == wanted:
            target = element.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def _xlsx_errors(raw: bytes, sheet: str) -> dict[tuple[int, int], str]:
    """The cells of an .xlsx sheet that hold an error value ('#DIV/0!') or a formula whose
    value was never calculated (''), by 0-based (row, column). python-calamine reads both as
    empty cells, which would make a broken weight the default weight without a word."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            path = _xlsx_sheet_path(archive, sheet)
            if path is None:
                return {}
            data = archive.read(path)
    except (zipfile.BadZipFile, KeyError, OSError, ElementTree.ParseError):
        return {}  # not an .xlsx (an .ods is a zip too): calamine has read it as it could
    # Most exports hold no formula and no error: then the sheet need not be parsed again.
    # Two searches (an error cell's type; the end of a formula, </f> or </x:f>, which a
    # sheet with formulas always holds): each costs ~20 ms on a 60,000-case sheet.
    if b't="e"' not in data and b"f>" not in data:
        return {}
    errors: dict[tuple[int, int], str] = {}
    row = column = -1
    try:
        for event, element in ElementTree.iterparse(io.BytesIO(data), ("start", "end")):
            name = _local(element.tag)
            if event == "start":
                if name == "row":
                    row = int(element.get("r", row + 2)) - 1
                    column = -1
                continue
            if name == "c":
                position = _cell_position(element.get("r", ""))
                row, column = position if position is not None else (row, column + 1)
                kind = element.get("t", "n")
                parts = {_local(child.tag): child for child in element}
                value = parts["v"].text or "" if "v" in parts else ""
                if kind == "e":
                    errors[row, column] = value.strip() or "#N/A"
                elif "f" in parts and not value and kind not in ("str", "inlineStr"):
                    errors[row, column] = ""
                element.clear()
            elif name == "row":
                element.clear()
    except (ElementTree.ParseError, ValueError):
        return errors
    return errors


_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def _ods_errors(raw: bytes, sheet: str) -> dict[tuple[int, int], str]:
    """As :func:`_xlsx_errors` for an .ods: LibreOffice marks an error result
    calcext:value-type="error" (its text the error), a formula not calculated has no
    value type; python-calamine reads both as empty (or 0)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            data = archive.read("content.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        return {}
    if b'value-type="error"' not in data and b"formula=" not in data:
        return {}
    errors: dict[tuple[int, int], str] = {}
    name_key_ = f"{{{_ODS_TABLE}}}name"
    repeat_rows = f"{{{_ODS_TABLE}}}number-rows-repeated"
    repeat_columns = f"{{{_ODS_TABLE}}}number-columns-repeated"
    formula = f"{{{_ODS_TABLE}}}formula"
    value_type = f"{{{_ODS_OFFICE}}}value-type"
    inside = False
    row = column = -1
    try:
        for event, element in ElementTree.iterparse(io.BytesIO(data), ("start", "end")):
            name = _local(element.tag)
            if name == "table" and element.tag.startswith(f"{{{_ODS_TABLE}}}"):
                inside = event == "start" and element.get(name_key_) == sheet
                continue
            if not inside:
                continue
            if name == "table-row":
                if event == "start":
                    row, column = row + 1, -1
                else:
                    row += int(element.get(repeat_rows, "1")) - 1
                    element.clear()
            elif name in ("table-cell", "covered-table-cell") and event == "end":
                column += 1
                kind = next(
                    (
                        v
                        for k, v in element.attrib.items()
                        if k.endswith("}value-type") and k != value_type
                    ),
                    None,
                )
                if kind == "error":
                    text = "".join(element.itertext()).strip()
                    errors[row, column] = text or "#N/A"
                elif element.get(formula) is not None and element.get(value_type) is None:
                    errors[row, column] = ""
                column += int(element.get(repeat_columns, "1")) - 1
    except (ElementTree.ParseError, ValueError):
        return errors
    return errors


# An .xls cell holding an error is a BOOLERR record with its error flag set, or a FORMULA
# record whose cached result is an error (type 2, then the code, then 0xFFFF): their bytes,
# so that xlrd reads the file a second time only when it may hold one.
_XLS_ERROR_RECORD = re.compile(
    rb"\x05\x02\x08\x00[\s\S]{7}\x01|\x06\x00[\s\S]{8}\x02\x00[\s\S]\x00\x00\x00\xff\xff"
)


def _xls_errors(raw: bytes, sheet: str) -> dict[tuple[int, int], str]:
    """The cells of an .xls sheet that hold an error value, by 0-based (row, column)."""
    if _XLS_ERROR_RECORD.search(raw) is None:
        return {}
    import xlrd  # only here: the rare .xls that holds an error

    try:
        book = xlrd.open_workbook(file_contents=raw, on_demand=True)
        found = book.sheet_by_name(sheet)
        errors: dict[tuple[int, int], str] = {}
        for row in range(found.nrows):
            for column, kind in enumerate(found.row_types(row)):
                if kind == xlrd.XL_CELL_ERROR:
                    code = found.cell_value(row, column)
                    errors[row, column] = xlrd.error_text_from_code.get(code, "#N/A")
        return errors
    except Exception:  # xlrd refuses what calamine read: nothing more to say about it
        return {}


def _workbook_errors(raw: bytes, sheet: str) -> dict[tuple[int, int], str]:
    """The error cells of an .xlsx, .ods or .xls sheet."""
    if raw.startswith(_SPREADSHEET_MAGIC[1]):
        return _xls_errors(raw, sheet)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return {}
    if "xl/workbook.xml" in names:
        return _xlsx_errors(raw, sheet)
    if "content.xml" in names:
        return _ods_errors(raw, sheet)
    return {}


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
