"""A Rich table of one line per row, drawn exactly as Rich draws it, in a fraction of the time.

`planner check` lists every worker: 1,000 of them in a department of 60,000 cases. Rich's
Table measures and renders each cell through its general machinery (padding, wrapping,
measurement, twice when the table is too wide), about 70 microseconds a cell: half a second
for the whole list. The check's table is the simplest kind (no box, no wrapping, one line a
row), so :class:`QuickTable` works out the same column widths by Rich's own rule with its
own helpers, and cuts and pads each cell as Rich does. A table of any other kind, or a cell
it does not handle the same way for certain (markup, an emoji code, a column too narrow to
hold a cell), is drawn by Rich itself. tests/test_cli_table.py compares the two on random
tables at every width, colours included.
"""

from __future__ import annotations

from rich._ratio import ratio_reduce
from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

# Markup tags, escapes and emoji codes: such a cell is read by Rich's own parser.
_MARKUP = ("[", "\\", ":")


class QuickTable:
    """Draws `table` as Rich would: quickly when it is Rich's
    ``Table(box=None, pad_edge=False, show_edge=False, header_style=...)`` with columns that
    never wrap (overflow: ellipsis) and plain cells; by Rich's Table itself otherwise."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        texts = self._texts(console) if self._plain_kind() else None
        widths = None if texts is None else self._widths(texts, options.max_width)
        if texts is None or widths is None:
            yield self.table
            return
        columns = self.table.columns
        last = len(widths) - 1
        header_style = console.get_style(self.table.header_style or "")
        for index, row in enumerate(texts):
            style = header_style if index == 0 else Style.null()
            for number, (width, text) in enumerate(zip(widths, row, strict=True)):
                left = 0 if number == 0 else 1
                right = 0 if number == last else 1
                plain = _fit(text.plain, width - left - right, columns[number].justify)
                if left:
                    yield Segment(" " * left, style)
                yield Segment(plain, style + text.style if text.style else style)
                if right:
                    yield Segment(" " * right, style)
            yield Segment.line()

    def _plain_kind(self) -> bool:
        """Whether the table is of the one kind drawn here (else Rich draws it)."""
        table = self.table
        return (
            table.box is None
            and not table.pad_edge
            and not table.show_edge
            and table.show_header
            and not table.show_footer
            and not table.show_lines
            and not table.expand
            and not table.collapse_padding
            and table.padding == (0, 1, 0, 1)
            and table.width is None
            and table.min_width is None
            and table.title is None
            and table.caption is None
            and not table.leading
            and not table.row_styles
            and table.style in (None, "", "none")
            and bool(table.columns)
            and all(row.style is None and not row.end_section for row in table.rows)
            and all(
                column.no_wrap
                and column.overflow == "ellipsis"
                and column.justify in ("left", "right")
                and column.width is None
                and column.ratio is None
                and not column.style
                and not column.header_style
                and not column.highlight
                for column in table.columns
            )
        )

    def _texts(self, console: Console) -> list[list[Text]] | None:
        """Every cell (the header first) as the Text Rich would make of it; None when a
        cell is not plain enough to be drawn here."""
        columns = self.table.columns
        rows = [[c.header for c in columns], *zip(*(c.cells for c in columns), strict=True)]
        out = []
        for row in rows:
            texts = []
            for cell in row:
                if isinstance(cell, str):
                    if any(mark in cell for mark in _MARKUP):
                        return None
                    text = Text(cell)
                elif (
                    not isinstance(cell, Text)
                    or cell.spans
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
        and _measure_column for columns that never wrap); None when a column would be too
        narrow to hold any of its text, which is left to Rich."""
        columns = self.table.columns
        last = len(columns) - 1
        pads = [(0 if i == 0 else 1) + (0 if i == last else 1) for i in range(last + 1)]
        lengths = [[cell_len(row[i].plain) for row in texts] for i in range(last + 1)]

        def measure(index: int, room: int) -> int:
            pad = pads[index]
            if room - pad < 1:
                widest = room
            else:
                widest = max(min(length, room - pad) + pad for length in lengths[index])
            widest = min(widest, room)
            column = columns[index]
            if column.min_width is not None:
                widest = max(widest, column.min_width + pad)
            if column.max_width is not None:
                widest = min(widest, column.max_width + pad)
            return widest

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


__all__ = ["QuickTable"]
