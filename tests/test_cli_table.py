"""The check's quick table (planner.cli.table.QuickTable) draws exactly what Rich's Table
draws: the same text at every width, and the same style on every character."""

from __future__ import annotations

import io
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.markup import escape
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from planner.cli.table import QuickTable

# Names and labels as files hold them: Danish letters, wide characters, blanks at the ends,
# markup and emoji codes (which LineTable leaves to Rich), empty cells.
PLAIN = ["Anna", "Åse Høj Nørgaard", "Jobparate over 30", "东京", "Ida", "x", "", "  ", "a  ",
         "Handicap/psykiatri, voksne", "45,0-65,0", "113%", "Sofie  Thomsen  "]  # fmt: skip
MARKUP = ["[bold]", "sag:smile:", "Be\\"]
WORDS = st.sampled_from(PLAIN * 10 + MARKUP)  # mostly plain: the quick way is the usual one
TEXT = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)
STATUS = st.sampled_from(["▲ over", "✓ inden for", "▼ under", ""])
STYLES = st.sampled_from(["bold red", "green", "yellow", ""])
ROW = st.tuples(TEXT, TEXT, TEXT, TEXT, TEXT, st.tuples(STATUS, STYLES))
# The check's columns: name and area give way (min_width, and the max_width that
# cli.common.fit_text_columns sets at narrow widths), the figures are right-justified.
LIMITS = st.tuples(
    st.one_of(st.none(), st.integers(1, 30)), st.one_of(st.none(), st.integers(1, 30))
)


def table(
    rows: list[tuple[Any, ...]], limits: tuple[int | None, int | None] = (None, None)
) -> Table:
    out = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    out.add_column("Navn", no_wrap=True, overflow="ellipsis", min_width=10, max_width=limits[0])
    out.add_column("Område", no_wrap=True, overflow="ellipsis", min_width=8, max_width=limits[1])
    for header in ("Timer", "Sagstal", "Interval"):
        out.add_column(header, justify="right", no_wrap=True)
    out.add_column("Status", no_wrap=True)
    for *texts, (status, style) in rows:
        # Text from files arrives escaped (cli.output.shown); some cells as Text.
        cells = [escape(t) if i % 2 else Text(t) for i, t in enumerate(texts)]
        out.add_row(*cells, Text(status, style=style))
    return out


def drawn(renderable: object, width: int, colour: bool) -> list[tuple[str, str]]:
    """What a console of `width` shows: each character with its style (as Rich writes a
    style's name: a null style and none are the same on a terminal)."""
    console = Console(
        file=io.StringIO(), width=width, highlight=False, force_terminal=colour,
        color_system="truecolor" if colour else None,
    )  # fmt: skip
    lines = console.render_lines(renderable, console.options, pad=False)  # type: ignore[arg-type]
    return [
        (char, str(segment.style) if colour and segment.style else "")
        for line in lines
        for segment in Segment.simplify(line)
        for char in segment.text
    ]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW, max_size=5), LIMITS, st.integers(8, 200), st.booleans())
def test_the_quick_table_draws_what_rich_draws(
    rows: list[tuple[Any, ...]], limits: tuple[int | None, int | None], width: int, colour: bool
) -> None:
    rich_table = table(rows, limits)
    assert drawn(QuickTable(rich_table), width, colour) == drawn(rich_table, width, colour)


def test_plain_cells_are_drawn_without_rich_table() -> None:
    # The point of it: a plain table is never drawn by Rich's Table (which the test above
    # would otherwise compare with itself); markup goes to Rich.
    rich_table = table([("Anna", "Job o30", "37", "79,8", "35,0-55,0", ("▲ over", "red"))])
    console = Console(file=io.StringIO(), width=80)
    quick = QuickTable(rich_table)
    texts = quick._texts(console)
    assert quick._plain_kind() and texts is not None and quick._widths(texts, 80) is not None
    rich_table.add_row("[b]markup[/b]", "", "", "", "", Text(""))
    assert quick._texts(console) is None
    assert not QuickTable(Table(box=None, show_edge=False)).table.show_lines
    boxed = Table()
    boxed.add_column("x")
    assert not QuickTable(boxed)._plain_kind()
