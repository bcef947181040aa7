"""A table of one line per row, drawn exactly as Rich draws it, in a fraction of the time.

`planner check` lists every worker: 1,000 of them in a department of 60,000 cases. Rich's
Table measures and renders each cell through its general machinery (padding, wrapping,
measurement, twice when the table is too wide), about 70 microseconds a cell: half a second
for the whole list. The check's table is the simplest kind (no box, no wrapping, one line a
row), so :class:`LineTable` works out the same column widths with Rich's own rule and its
own helpers, and cuts and pads each cell as Rich would. Anything it does not handle the same
way for certain (a cell with markup or an emoji code, a column too narrow to hold a cell)
is drawn by Rich's Table itself. tests/test_cli_table.py compares the two on random tables
at every width, colours included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rich._ratio import ratio_reduce
from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

Cell = str | Text  # a str is Rich markup (escaped where it holds text from a file)
# Markup tags, escapes and emoji codes: such a cell is read by Rich's own parser.
_MARKUP = ("[", "\\", ":")


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    justify: Literal["left", "right"] = "left"
    min_width: int | None = None


class LineTable:
    """Rich's ``Table(box=None, pad_edge=False, show_edge=False, header_style=...)`` with
    columns that never wrap (overflow: ellipsis), one line per row."""

    def __init__(self, columns: Sequence[Column], header_style: str = "bold") -> None:
        self.columns = list(columns)
        self.header_style = header_style
        self.rows: list[tuple[Cell, ...]] = []

    def add_row(self, *cells: Cell) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"{len(cells)} cells for {len(self.columns)} columns")
        self.rows.append(cells)

    def as_rich(self) -> Table:
        """The same table as Rich builds it (drawn instead when a cell is not plain)."""
        table = Table(box=None, pad_edge=False, show_edge=False, header_style=self.header_style)
        for column in self.columns:
            table.add_column(
                column.header,
                justify=column.justify,
                no_wrap=True,
                overflow="ellipsis",
                min_width=column.min_width,
            )
        for row in self.rows:
            table.add_row(*row)
        return table

    # -- drawing ----------------------------------------------------------------------------

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        texts = self._texts(console)
        widths = None if texts is None else self._widths(texts, options.max_width)
        if texts is None or widths is None:
            yield self.as_rich()
            return
        last = len(widths) - 1
        header_style = console.get_style(self.header_style)
        for index, row in enumerate(texts):
            style = header_style if index == 0 else Style.null()
            for column, (width, text) in enumerate(zip(widths, row, strict=True)):
                left = 0 if column == 0 else 1
                right = 0 if column == last else 1
                inner = width - left - right
                plain = _fit(text.plain, inner, self.columns[column].justify)
                if left:
                    yield Segment(" " * left, style)
                yield Segment(plain, style + text.style if text.style else style)
                if right:
                    yield Segment(" " * right, style)
            yield Segment.line()

    def _texts(self, console: Console) -> list[list[Text]] | None:
        """Every cell (the header first) as the Text Rich would make of it; None when a
        cell is not plain enough to be drawn here."""
        out = []
        for row in [tuple(c.header for c in self.columns), *self.rows]:
            texts = []
            for cell in row:
                if isinstance(cell, str):
                    if any(mark in cell for mark in _MARKUP):
                        return None
                    text = Text(cell)
                elif (
                    cell.spans
                    or not isinstance(cell.style, Style | str)
                    or cell.justify is not None
                    or cell.overflow is not None
                    or cell.no_wrap is not None
                ):
                    return None
                else:
                    text = Text(cell.plain, style=console.get_style(cell.style))
                if "\n" in text.plain or "\t" in text.plain:
                    return None
                texts.append(text)
            out.append(texts)
        return out

    def _widths(self, texts: list[list[Text]], max_width: int) -> list[int] | None:
        """Column widths (padding included) by Rich's rule (Table._calculate_column_widths
        for columns that never wrap); None when a column would hold no cell at all, which
        this does not draw."""
        last = len(self.columns) - 1
        pads = [(0 if i == 0 else 1) + (0 if i == last else 1) for i in range(last + 1)]
        lengths = [[cell_len(row[i].plain) for row in texts] for i in range(last + 1)]

        def measure(index: int, room: int) -> int:
            pad = pads[index]
            if room - pad < 1:
                widest = room
            else:
                widest = max(min(length, room - pad) + pad for length in lengths[index])
            widest = min(widest, room)
            minimum = self.columns[index].min_width
            return max(widest, minimum + pad) if minimum is not None else widest

        widths = [measure(i, max_width) or 1 for i in range(last + 1)]
        if sum(widths) > max_width:
            # No column wraps, so Rich reduces them all evenly, then measures again.
            excess = sum(widths) - max_width
            widths = ratio_reduce(excess, [1] * len(widths), widths, widths)
            if any(width < 1 for width in widths):
                return None
            widths = [measure(i, width) for i, width in enumerate(widths)]
        if sum(widths) > max_width or any(w - p < 1 for w, p in zip(widths, pads, strict=True)):
            return None
        return widths


def _fit(plain: str, width: int, justify: str) -> str:
    """A cell's text cut (with an ellipsis) or padded to `width` cells, as Rich's Text does
    when it does not wrap (Text.wrap with no_wrap: Lines.justify, then truncate)."""
    if justify == "right":
        plain = plain.rstrip()
    length = cell_len(plain)
    if length > width:
        plain = set_cell_size(plain, width - 1) + "…"
        length = cell_len(plain)
    if length < width:
        padding = " " * (width - length)
        plain = padding + plain if justify == "right" else plain + padding
    return plain


__all__ = ["Cell", "Column", "LineTable"]
