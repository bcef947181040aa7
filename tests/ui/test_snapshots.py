"""Whole-screen snapshots where the look is the point: the board at 80x24 (English and
Danish) and 160x50, the picker, the changes view (also without colour), help scrolled, the
forecast view.

Fixed date and language (see board_helpers) keep them deterministic. Each waits for what it
shows and asserts it before the picture is taken. Update on purpose with
`pytest tests/ui/test_snapshots.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from board_helpers import board_ready, cases, footer_line, make_app, workers
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import DataTable

from planner.core.events import AbsenceEvent
from planner.core.rules import Status
from planner.ui.app import PlannerApp
from planner.ui.screens.balance import BalanceScreen
from planner.ui.screens.changes import ChangesScreen
from planner.ui.screens.dialogs import HelpScreen
from planner.ui.screens.forecast import ForecastScreen
from planner.ui.widgets.picker import MovePicker


async def anna(pilot: Pilot) -> None:
    app = pilot.app
    assert isinstance(app, PlannerApp)
    await board_ready(pilot)
    workers(app).select_worker("ab")
    await pilot.pause()
    # What the snapshot claims: Anna highlighted, her cases (and her detail) beside her.
    assert workers(app).highlighted_worker == "ab"
    assert cases(app).worker_id == "ab" and app.board.detail.worker_id == "ab"
    assert cases(app).rows == app.assignment.cases_of("ab")
    assert cases(app).rows[0] == "K-10001"


def test_board_at_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    # As it opens: the unassigned row highlighted, its cases beside it; Suggest and Quit
    # in the footer.
    async def ready(pilot: Pilot) -> None:
        await board_ready(pilot)
        assert "b Suggest" in footer_line(pilot.app) and "q Quit" in footer_line(pilot.app)

    assert snap_compare(make_app("en"), terminal_size=(80, 24), run_before=ready)


def test_board_at_80x24_in_danish(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def ready(pilot: Pilot) -> None:
        await anna(pilot)
        await pilot.press("right")  # the case list adds "space Markér": still every label whole
        await pilot.pause()
        assert pilot.app.focused is cases(pilot.app)
        line = footer_line(pilot.app)
        assert "space Markér" in line and "? Hjælp" in line and "q Afslut" in line

    assert snap_compare(make_app("da"), terminal_size=(80, 24), run_before=ready)


def test_board_at_160x50_in_danish(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app("da"), terminal_size=(160, 50), run_before=anna)


def test_picker(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def open_picker(pilot: Pilot) -> None:
        app = pilot.app
        assert isinstance(app, PlannerApp)
        await board_ready(pilot)
        workers(app).select_worker("ab")
        await pilot.pause()
        assert cases(app).worker_id == "ab"
        cases(app).focus()
        await pilot.press("space", "space", "space")
        # Anna's first three cases marked, then the picker for those three.
        assert cases(app).marked == app.assignment.cases_of("ab")[:3]
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.board.picker, MovePicker)
        assert app.board.picker.case_ids == ["K-10001", "K-10002", "K-10003"]

    assert snap_compare(make_app("en"), terminal_size=(80, 24), run_before=open_picker)


def test_picker_over_the_case_pane_at_160x50_in_danish(snap_compare) -> None:  # type: ignore[no-untyped-def]
    # From 120 columns the picker covers the case pane (and nothing of the worker list, whose
    # rows stay readable beside it); each line of its list whole, in Danish.
    async def open_picker(pilot: Pilot) -> None:
        app = pilot.app
        assert isinstance(app, PlannerApp)
        await anna(pilot)
        cases(app).focus()
        await pilot.press("m")
        await pilot.pause()
        picker = app.board.picker
        assert isinstance(picker, MovePicker) and picker.case_ids == ["K-10001"]
        pane = app.board.query_one("#side").content_region  # inside the pane's edge
        assert picker.region == pane.intersection(picker.region)
        assert picker.region.x == pane.x and picker.region.right == pane.right
        options = picker.query_one("#picker-options").content_region
        longest = max(p.cell_len for p in map(picker._prompt, picker.shown))
        assert longest <= options.width
        # Its longest status word ("fraværende") whole too when a longer list has a
        # scrollbar (one column): it lost its last letter.
        away = [
            replace(c, after=replace(c.after, status=Status.AWAY))
            for c in picker.shown
            if c.after is not None
        ]
        assert max(picker._prompt(c).cell_len for c in away) <= options.width - 1

    assert snap_compare(make_app("da"), terminal_size=(160, 50), run_before=open_picker)


async def open_changes(pilot: Pilot) -> None:
    app = pilot.app
    assert isinstance(app, PlannerApp)
    await board_ready(pilot)
    app.move_cases(["K-10001", "K-10002"], "yz", "Sagstalsudligning")
    app.move_cases(["K-10630"], "gh")
    app.move_cases(app.assignment.cases_of("op")[:2], "qr")
    await pilot.pause()
    app.clear_notifications()
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(app.screen, ChangesScreen)
    assert app.screen.query_one(DataTable).row_count == 5
    assert app.screen.two_lines  # 80 columns: names over figures, the reason whole


def test_changes_view(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app("en"), terminal_size=(80, 24), run_before=open_changes)


def test_changes_view_without_colour(  # type: ignore[no-untyped-def]
    snap_compare, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app("en")
    assert app.no_color  # the cursor row is in reverse video, unlike the header

    async def second_row(pilot: Pilot) -> None:
        await open_changes(pilot)
        await pilot.press("down")
        await pilot.pause()
        assert pilot.app.screen.query_one(DataTable).cursor_row == 1

    assert snap_compare(app, terminal_size=(80, 24), run_before=second_row)


def test_help_scrolled_to_the_end(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def help_end(pilot: Pilot) -> None:
        await board_ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("end")
        await pilot.pause()
        scroll = pilot.app.screen.query_one("#help-scroll", VerticalScroll)
        assert scroll.max_scroll_y > 0 and scroll.scroll_y == scroll.max_scroll_y

    assert snap_compare(make_app("en"), terminal_size=(80, 24), run_before=help_end)


def test_forecast_view(snap_compare) -> None:  # type: ignore[no-untyped-def]
    """The coming weeks at 80x24 with a what-if absence: Sofie away from week 2 (○ away)."""

    async def open_forecast(pilot: Pilot) -> None:
        app = pilot.app
        assert isinstance(app, PlannerApp)
        await board_ready(pilot)
        leave = AbsenceEvent.model_validate(
            {"worker": "st", "from": date(2026, 12, 7), "reason": "Barsel"}
        )
        app.apply_events("events", lambda s: s.add(leave))
        await pilot.press("w")
        await pilot.pause()
        app.clear_notifications()
        await pilot.pause()
        # What the snapshot claims: the grid from week 0, Sofie away from week 2, one event.
        screen = app.screen
        assert isinstance(screen, ForecastScreen) and screen.forecast is not None
        assert screen.grid.first_week == 0
        sofie = [screen.forecast.weeks[k].worker("st").status.value for k in range(4)]
        assert sofie == ["within", "within", "away", "away"]
        assert app.scenario.events == (leave,)

    assert snap_compare(make_app("en"), terminal_size=(80, 24), run_before=open_forecast)


def test_suggestion_at_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    """The fairest plan's summary from its first line (the count of moves), the trade-off
    table (all rows worked out) and the first moves; the rest (the workers before ->
    after, the FTE missing per area) scrolls."""

    async def suggest(pilot: Pilot) -> None:
        await board_ready(pilot)
        await pilot.press("b")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, BalanceScreen) and screen.suggestion is not None
        moves = screen.query_one("#balance-moves", DataTable)
        for _ in range(20):  # the trade-off rows (a second worker), then the focus: idle turns
            if moves.has_focus and all(found is not None for _, found in screen.options):
                break
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        # What the snapshot claims: every trade-off row worked out, the fairest shown.
        assert all(found is not None for _, found in screen.options)
        assert screen.shown_index == len(screen.options) - 1
        assert moves.has_focus
        # The tables are as tall as their rows: let the layout settle before the picture.
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        await pilot.pause()
        assert screen.query_one("#balance-result", VerticalScroll).max_scroll_y > 0

    assert snap_compare(make_app("en"), terminal_size=(80, 24), run_before=suggest)
