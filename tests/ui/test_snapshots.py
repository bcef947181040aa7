"""Whole-screen snapshots: the board at 80x24 and 160x50, the picker, the changes view.

Fixed date and language (see board_helpers) keep them deterministic. Update on purpose
with `pytest tests/ui/test_snapshots.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

from board_helpers import board_ready, cases, make_app, workers
from textual.pilot import Pilot

from planner.ui.app import PlannerApp
from planner.ui.screens.balance import BalanceScreen
from planner.ui.screens.changes import ChangesScreen
from planner.ui.screens.picker import MovePicker


def test_board_at_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    # As it opens: the unassigned row highlighted, its cases beside it.
    assert snap_compare(make_app("en"), terminal_size=(80, 24), run_before=board_ready)


def test_board_at_160x50_in_danish(snap_compare) -> None:  # type: ignore[no-untyped-def]
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
        assert isinstance(app.screen, MovePicker)
        assert app.screen.case_ids == ["K-10001", "K-10002", "K-10003"]

    assert snap_compare(make_app("en"), terminal_size=(80, 24), run_before=open_picker)


def test_changes_view(snap_compare) -> None:  # type: ignore[no-untyped-def]
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

    assert snap_compare(make_app("en"), terminal_size=(80, 24), run_before=open_changes)


def test_suggestion_at_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    """The fairest plan's summary, the trade-off table (all rows worked out) and the
    first moves; the rest scrolls."""

    async def suggest(pilot: Pilot) -> None:
        await pilot.press("b")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(pilot.app.screen, BalanceScreen)
        assert all(found is not None for _, found in pilot.app.screen.options)

    assert snap_compare(make_app("en"), terminal_size=(80, 24), run_before=suggest)
