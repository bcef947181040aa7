"""Helpers for the board tests: the demo team at a fixed date and language, row offsets.

The date (2026-11-23) and the language are fixed so the figures on screen and the
snapshots never depend on the day the tests run or on the machine's LANG.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from textual import events
from textual.pilot import Pilot

from planner.core.models import Team
from planner.core.moves import UNASSIGNED, Assignment
from planner.io.teams import load_team
from planner.ui.app import PlannerApp
from planner.ui.widgets.cases import CaseList
from planner.ui.widgets.lines import TextLines
from planner.ui.widgets.rows import RowList
from planner.ui.widgets.workers import WorkerList

DEMO_CONFIG = Path(__file__).resolve().parents[2] / "config" / "teams.toml"
DAY = date(2026, 11, 23)


@cache
def demo_team() -> Team:
    return load_team(DEMO_CONFIG)


def make_app(lang: str = "en") -> PlannerApp:
    return PlannerApp(Assignment(demo_team(), DAY), lang=lang)


def workers(app: PlannerApp) -> WorkerList:
    return app.board.worker_list


def cases(app: PlannerApp) -> CaseList:
    return app.board.case_list


def row_offset(widget: RowList, index: int) -> tuple[int, int]:
    """Offset of row `index` relative to the widget's region (what pilot methods take)."""
    top = widget.content_region.y - widget.region.y
    y = top + widget.HEADER_LINES + index - widget.scroll_offset.y
    assert widget.HEADER_LINES <= y - top < widget.content_region.height, "row not visible"
    return (4, y)


def worker_offset(app: PlannerApp, worker_id: str) -> tuple[int, int]:
    index = workers(app).row_of(worker_id)
    assert index is not None
    return row_offset(workers(app), index)


def case_offset(app: PlannerApp, case_id: str) -> tuple[int, int]:
    index = cases(app).row_of(case_id)
    assert index is not None
    cases(app).scroll_to_row(index)
    return row_offset(cases(app), index)


def row_text(widget: RowList, index: int) -> str:
    """The text the widget draws for row `index` (through its strip cache, as on screen)."""
    widget.scroll_to_row(index)
    y = widget.HEADER_LINES + index - widget.scroll_offset.y
    return widget.render_line(y).text


def worker_text(app: PlannerApp, worker_id: str) -> str:
    index = workers(app).row_of(worker_id)
    assert index is not None
    return row_text(workers(app), index)


async def board_ready(pilot: Pilot) -> None:
    """Wait until the board is mounted and both lists have their rows.

    snap_compare runs its `run_before` as soon as the app starts, before the board's first
    mount: selecting then does nothing (the list has no rows yet) and the snapshot shows
    the unassigned row instead of what the test claims.
    """
    app = pilot.app
    assert isinstance(app, PlannerApp)
    for _ in range(20):  # a bounded number of idle turns, not a time
        if workers(app).row_count and cases(app).is_mounted:
            break
        await pilot.pause()
    team = app.assignment.team
    # The unassigned row, a heading per area, a row per worker (grouped, as it opens).
    expected = 1 + len({w.area for w in team.workers}) + len(team.workers)
    assert workers(app).row_count == expected, "the worker list has no rows yet"
    assert cases(app).row_count == app.assignment.count(UNASSIGNED)


async def show_worker(pilot: Pilot, worker_id: str) -> None:
    workers(pilot.app).select_worker(worker_id)
    await pilot.pause()
    assert cases(pilot.app).worker_id == worker_id


async def press_release(
    pilot: Pilot, down: tuple[RowList, tuple[int, int]], up: tuple[RowList, tuple[int, int]]
) -> None:
    """A mouse press and a release as a terminal without motion reporting sends them:
    no MouseMove at all, posted to the app exactly like the driver's events."""
    for cls, (widget, offset) in ((events.MouseDown, down), (events.MouseUp, up)):
        await post_button(pilot, cls, widget, offset)


async def post_button(
    pilot: Pilot,
    cls: type[events.MouseDown] | type[events.MouseUp],
    widget: RowList,
    offset: tuple[int, int],
) -> None:
    """Post one left-button press or release at `offset` in `widget`, as the driver does."""
    x = widget.region.x + offset[0]
    y = widget.region.y + offset[1]
    pilot.app.post_message(
        cls(
            widget=None,
            x=x,
            y=y,
            delta_x=0,
            delta_y=0,
            button=1,
            shift=False,
            meta=False,
            ctrl=False,
            screen_x=x,
            screen_y=y,
        )
    )
    await pilot.pause()


def drawn_lines(widget: TextLines) -> list[str]:
    """The lines the header or a detail draws now (through its strip cache, as on screen),
    without its padding and trailing blanks."""
    return [widget.render_line(y).text.rstrip() for y in range(widget.content_size.height)]


def header_text(app: PlannerApp) -> str:
    return "\n".join(drawn_lines(app.board.header))


def screen_text(app: PlannerApp) -> str:
    """What the terminal shows now, line by line (the top screen over those below)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def footer_line(app: PlannerApp) -> str:
    return screen_text(app).splitlines()[-1]
