"""The scans every case export gets, whatever its format: CPR numbers and control characters.

Both run once over the whole table joined into one text (a regex in C, not a Python loop
over 100,000 cells); only the rows a match falls in are then checked cell by cell, to name
the column.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate
from operator import add

from planner.core.cpr import candidate_positions, find_cpr, may_hold_cpr
from planner.core.problems import Joined, Msg, Problem, Text
from planner.io.loadtexts import places, problem
from planner.io.tables import Table

# C0 and C1 control characters and DEL; tab, line feed and carriage return are how text
# files are laid out (and how the rows are joined here), so they pass.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _rows_hit(positions: Iterable[int], ends: Sequence[int]) -> list[int]:
    """The rows (in order, each once) that the text positions fall in."""
    rows: list[int] = []
    for position in positions:
        row = bisect_right(ends, position)
        if not rows or rows[-1] != row:
            rows.append(row)
    return rows


def column_name(header: Sequence[str] | None, position: int) -> str:
    """The header of a column, or '#3' where there is none."""
    if header is not None and position < len(header) and header[position].strip():
        return header[position].strip()
    return f"#{position + 1}"


def cpr_todo(todo: Msg, id_column: bool, ten_digit_ids: bool) -> Text:
    """What to do about a CPR number: `todo` (remove it from the column or key), and where
    it stood in the case id's place, how ids are allowed to look."""
    if id_column and ten_digit_ids:
        return Joined(todo, Msg("load.cpr_ids_allowed.todo"))
    if id_column:
        return Joined(todo, Msg("load.cpr_ids.todo"))
    return todo


def scan_table(
    table: Table,
    shown: str,
    header_index: int | None,
    id_position: int | None,
    ten_digit_ids: bool,
) -> tuple[list[Problem], list[Problem]]:
    """(CPR problems, control-character problems) of every cell, title lines included:
    one per column, at its first row, so a CPR column does not give 18,000 lines.

    Rows above the header (title lines) are named by position; `ten_digit_ids` lets plain
    ten-digit numbers through in the id column below the header only."""
    # A text file is searched as decoded first: what no search of the whole text finds
    # (the usual case), no cell holds, and the rows need not be joined again to look.
    # Cells are that text minus quotes and delimiters, neither of which can be part of a
    # CPR number or a control character, so the search finds every hit the cells hold.
    if table.text is not None and not (may_hold_cpr(table.text) or _CONTROL.search(table.text)):
        return [], []
    header = table.rows[header_index] if header_index is not None else None
    below = header_index if header_index is not None else len(table.rows)
    row_texts = list(map("\t".join, table.rows))
    joined = "\n".join(row_texts)
    # ends[i]: the offset just past row i in `joined` (its own length plus the newlines).
    ends = list(map(add, accumulate(map(len, row_texts)), range(len(row_texts))))

    cpr: list[Problem] = []
    flagged: set[int] = set()
    for index in _rows_hit(candidate_positions(joined), ends):
        for position, cell in enumerate(table.rows[index]):
            if position in flagged:
                continue
            is_id = position == id_position and index > below
            masked = find_cpr(cell, allow_plain_ten_digits=ten_digit_ids and is_id)
            if masked:
                flagged.add(position)
                column = column_name(header if index > below else None, position)
                cpr.append(
                    problem(
                        shown,
                        places(table.where(index), Msg("where.column", column=column)),
                        "load.cpr",
                        masked=masked,
                        todo=cpr_todo(Msg("load.cpr.todo", column=column), is_id, ten_digit_ids),
                    )
                )

    # column -> [row of the first, its character, how many cells]
    control: dict[int, list[int | str]] = {}
    hits = (m.start() for m in _CONTROL.finditer(joined))
    for index in _rows_hit(hits, ends):
        for position, cell in enumerate(table.rows[index]):
            found = _CONTROL.search(cell)
            if found is None:
                continue
            if position in control:
                control[position][2] = int(control[position][2]) + 1
            else:
                control[position] = [index, found.group(), 1]
    controls: list[Problem] = []
    for position, (index, char, count) in sorted(control.items(), key=lambda item: item[1][0]):
        assert isinstance(index, int) and isinstance(char, str) and isinstance(count, int)
        code = f"U+{ord(char):04X}"
        column = column_name(header if index > below else None, position)
        where = places(table.where(index), Msg("where.column", column=column))
        key = "load.control" if count == 1 else "load.control_many"
        todo = Msg("load.nul.todo") if char == "\x00" else Msg("load.control.todo")
        controls.append(problem(shown, where, key, code=code, count=count, todo=todo))
    return cpr, controls
