"""Property: whatever text a table holds, every format reads it to the same rows of strings
(the one reader pipeline's premise, issue 9)."""

from __future__ import annotations

import codecs

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from export_writers import _csv, ods, xlsx
from planner.io.tables import name_key, read_table

# Text a case export holds: letters (Danish too), digits, punctuation a CSV must quote.
CELL = st.text(alphabet="abKÆØÅæøå 0129-,.;\t\"'/:", max_size=6)
TABLES = st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=1, max_size=6)


def content(rows: list[list[str]]) -> list[list[str]]:
    """Rows without trailing empty cells, empty rows dropped: a spreadsheet keeps neither
    (its rows are as wide as the sheet), a CSV keeps both. Cells compared trimmed, as the
    pipeline reads every cell (a spreadsheet may keep a cell of spaces as empty)."""
    out = []
    for row in rows:
        cells = [c.strip() for c in row]
        while cells and cells[-1] == "":
            cells.pop()
        if cells:
            out.append(cells)
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TABLES)
def test_csv_tab_text_and_spreadsheets_read_to_the_same_rows(table: list[list[str]]) -> None:
    # A spreadsheet drops a wholly empty first column; start each row with a value.
    rows = [["id", *row] for row in table]
    expected = content(rows)
    sources = {
        "utf8 ;": (_csv(rows, ";", danish=False).encode("utf-8"), ".csv"),
        "bom ,": (codecs.BOM_UTF8 + _csv(rows, ",", danish=False).encode("utf-8"), ".csv"),
        "cp1252 ;": (_csv(rows, ";", danish=False).encode("cp1252"), ".csv"),
        "utf16 tab": (_csv(rows, "\t", danish=False).encode("utf-16"), ".txt"),
        "xlsx": (xlsx(rows), ".xlsx"),
        "ods": (ods(rows), ".ods"),
    }
    for name, (raw, suffix) in sources.items():
        read = read_table(raw, "cases", suffix, {"id"})
        got = content(read.rows)
        if suffix in (".xlsx", ".ods"):
            # The spreadsheet writers put a title line and a blank row above.
            got = got[1:] if name == "xlsx" else got
        assert got == expected, name


@given(st.text(max_size=12))
def test_name_key_ignores_case_spacing_and_invisible_characters(text: str) -> None:
    key = name_key(text)
    assert name_key(f"  {text.upper()}\u200b ") == name_key(text.upper())
    assert name_key(key) == key
