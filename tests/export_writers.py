"""Writing one table of cells as the files case systems and spreadsheets produce.

A table is a list of rows of Python values (str, int, float, bool, date, None). Text
formats write each value as that format's exporter would (Danish Excel: decimal comma,
dates DD-MM-YYYY); spreadsheets keep the types (a date cell is a date, 1.5 a number), so the
reader's normalisation of typed cells is what the tests check.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

Rows = Sequence[Sequence[Any]]


def _text(value: Any, *, danish: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("ja" if value else "nej") if danish else ("true" if value else "false")
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",") if danish else f"{value:g}"
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y") if danish else value.isoformat()
    return str(value)


def _csv(rows: Rows, delimiter: str, *, danish: bool, newline: str = "\r\n") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    for row in rows:
        writer.writerow([_text(v, danish=danish) for v in row])
    return buffer.getvalue()


def utf8_csv(rows: Rows) -> bytes:
    """A program's export: ',' and ISO dates, UTF-8 without BOM, LF."""
    return _csv(rows, ",", danish=False, newline="\n").encode("utf-8")


def cp1252_csv(rows: Rows) -> bytes:
    """Danish Excel's "CSV (semikolonsepareret)": ';', Windows-1252, CRLF, decimal comma,
    DD-MM-YYYY, with the case system's title lines and a blank line above the header."""
    title = "Sagsliste pr. 23-11-2026;;\r\nUdtrukket af: teamleder;;\r\n\r\n"
    return (title + _csv(rows, ";", danish=True)).encode("cp1252")


def utf16_tab(rows: Rows) -> bytes:
    """ "Unicode text" from Excel: tab-separated UTF-16 (little-endian) with a BOM."""
    return _csv(rows, "\t", danish=True).encode("utf-16")


def xlsx(rows: Rows, sheet: str = "Sager", before: Sequence[str] = ()) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    if before:
        first.title = before[0]
        first.append(["Noget andet"])
        for name in before[1:]:
            book.create_sheet(name).append(["Noget andet"])
        target = book.create_sheet(sheet)
    else:
        first.title = sheet
        target = first
    target.append(["Sagsliste pr. 23-11-2026"])
    target.append([])
    for row in rows:
        target.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xls(rows: Rows, sheet: str = "Sager") -> bytes:
    import xlwt

    book = xlwt.Workbook()
    target = book.add_sheet(sheet)
    dated = xlwt.easyxf(num_format_str="DD-MM-YYYY")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, date):
                target.write(r, c, value, dated)
            else:
                target.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ods(rows: Rows, sheet: str = "Sager") -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name=sheet)
    for row in rows:
        table_row = TableRow()
        for value in row:
            if value is None or value == "":
                cell = TableCell()
            elif isinstance(value, bool):
                cell = TableCell(valuetype="boolean", booleanvalue=str(value).lower())
            elif isinstance(value, int | float):
                cell = TableCell(valuetype="float", value=value)
            elif isinstance(value, date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat())
            else:
                cell = TableCell(valuetype="string")
            if value not in (None, ""):
                cell.addElement(P(text=_text(value, danish=True)))
            table_row.addElement(cell)
        table.addElement(table_row)
    doc.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# name -> (file suffix, writer)
FORMATS: dict[str, tuple[str, Callable[[Rows], bytes]]] = {
    "utf8-csv": (".csv", utf8_csv),
    "cp1252-csv": (".csv", cp1252_csv),
    "utf16-tab": (".txt", utf16_tab),
    "xlsx": (".xlsx", xlsx),
    "xls": (".xls", xls),
    "ods": (".ods", ods),
}
