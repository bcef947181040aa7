"""The check's quick table (planner.cli.table.LineTable) draws exactly what Rich's Table
draws: the same text at every width, and the same style on every character."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.markup import escape
from rich.segment import Segment
from rich.text import Text

from planner.cli.table import Column, LineTable

# Names and labels as files hold them: Danish letters, wide characters, blanks at the ends,
# markup and emoji codes (which LineTable leaves to Rich), empty cells.
PLAIN = ["Anna", "Åse Høj Nørgaard", "Jobparate over 30", "东京", "Ida", "x", "", "  ", "a  ",
         "Handicap/psykiatri, voksne", "45,0-65,0", "113%", "Sofie  Thomsen  "]  # fmt: skip
MARKUP = ["[bold]", "sag:smile:", "Be\\"]
WORDS = st.sampled_from(PLAIN * 10 + MARKUP)  # mostly plain: the quick way is the usual one
TEXT = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)
STATUS = st.sampled_from(["▲ over", "✓ inden for", "▼ under", ""])
STYLES = st.sampled_from(["bold red", "green", "yellow", ""])
COLUMNS = [
    Column("Navn", min_width=10),
    Column("Område", min_width=8),
    Column("Timer", "right"),
    Column("Sagstal", "right"),
    Column("Interval", "right"),
    Column("Status"),
]
ROW = st.tuples(TEXT, TEXT, TEXT, TEXT, TEXT, st.tuples(STATUS, STYLES))


def table(rows: list[tuple[str, str, str, str, str, tuple[str, str]]]) -> LineTable:
    out = LineTable(COLUMNS)
    for *texts, (status, style) in rows:
        # Text from files arrives escaped (cli.output.shown); half the cells as Text.
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
@given(st.lists(ROW, max_size=5), st.integers(8, 200), st.booleans())
def test_the_quick_table_draws_what_rich_draws(rows: list, width: int, colour: bool) -> None:
    quick = table(rows)
    assert drawn(quick, width, colour) == drawn(quick.as_rich(), width, colour)


def test_plain_text_is_drawn_without_rich_table() -> None:
    # The point of it: a plain table never builds Rich's Table (which the test above would
    # otherwise compare with itself).
    quick = table([("Anna", "Job o30", "37", "79,8", "35,0-55,0", ("▲ over", "red"))])
    console = Console(file=io.StringIO(), width=80)
    texts = quick._texts(console)
    assert texts is not None and quick._widths(texts, 80) is not None
    quick.add_row("[b]markup[/b]", "", "", "", "", Text(""))
    assert quick._texts(console) is None
