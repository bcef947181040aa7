"""Drag and drop with the mouse, driven through the real app with Pilot.

The demo on 2026-11-23: Anna Berg (ab) holds 79.8 against 35-55 (over), Yasmin Zahid (yz)
17.5 against 35-55 (under), Gustav Holm (gh) 12.0. K-10001 is one of Anna's plain cases
(weight 1.0, no household, not pinned).
"""

from __future__ import annotations

from board_helpers import (
    case_offset,
    cases,
    post_button,
    press_release,
    show_worker,
    worker_offset,
    worker_text,
    workers,
)
from textual import events
from textual.pilot import Pilot

from planner.core.moves import UNASSIGNED
from planner.ui.app import PlannerApp
from planner.ui.messages import CasesMoved

CASE = "K-10001"


async def test_drag_moves_the_case_and_both_rows_update(app: PlannerApp) -> None:
    seen: list[CasesMoved] = []
    async with app.run_test(
        size=(120, 40), message_hook=lambda m: seen.append(m) if isinstance(m, CasesMoved) else None
    ) as pilot:
        await show_worker(pilot, "ab")
        assert "79.8" in worker_text(app, "ab")
        assert "17.5" in worker_text(app, "yz")

        await pilot.mouse_down(cases(app), offset=case_offset(app, CASE))
        await pilot.hover(workers(app), offset=worker_offset(app, "yz"))
        # While hovering, Yasmin's row says what she would have.
        assert "→ 18.5 ▼ under (range 35.0-55.0)" in worker_text(app, "yz")
        await pilot.mouse_up(workers(app), offset=worker_offset(app, "yz"))
        await pilot.pause()

        assert app.assignment.holder(CASE) == "yz"
        assert "78.8" in worker_text(app, "ab")
        yasmin = worker_text(app, "yz")
        assert "18.5" in yasmin and "→" not in yasmin  # the preview is gone
        assert CASE not in cases(app).rows
        assert [m.kind for m in seen] == ["move"]
        assert [(m.case, m.from_, m.to) for m in seen[0].moves] == [(CASE, "ab", "yz")]


async def test_press_and_release_without_motion_events_moves(app: PlannerApp) -> None:
    # PuTTY and some jump hosts report no motion: only a press and a release arrive.
    async with app.run_test(size=(120, 40)) as pilot:
        await show_worker(pilot, "ab")
        await press_release(
            pilot,
            (cases(app), case_offset(app, CASE)),
            (workers(app), worker_offset(app, "yz")),
        )
        await pilot.pause()
        assert app.assignment.holder(CASE) == "yz"
        assert "18.5" in worker_text(app, "yz")
        assert "78.8" in worker_text(app, "ab")


async def test_the_drop_goes_where_the_button_is_released_not_the_last_hover(
    app: PlannerApp,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await show_worker(pilot, "ab")
        await pilot.mouse_down(cases(app), offset=case_offset(app, CASE))
        await pilot.hover(workers(app), offset=worker_offset(app, "gh"))
        assert "→" in worker_text(app, "gh")
        await press_release_up_only(pilot, worker_offset(app, "yz"))
        assert app.assignment.holder(CASE) == "yz"
        assert "→" not in worker_text(app, "gh")
        assert app.assignment.count("gh") == 12


async def press_release_up_only(pilot: Pilot, offset: tuple[int, int]) -> None:
    """A release with no motion event before it (the last hover was elsewhere)."""
    await post_button(pilot, events.MouseUp, workers(pilot.app), offset)
    await pilot.pause()


async def test_release_outside_any_worker_cancels(app: PlannerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await show_worker(pilot, "ab")
        await pilot.mouse_down(cases(app), offset=case_offset(app, CASE))
        await pilot.hover(workers(app), offset=worker_offset(app, "yz"))
        await pilot.mouse_up(app.board.header, offset=(2, 0))
        await pilot.pause()
        assert app.assignment.holder(CASE) == "ab"
        assert not app.assignment.has_moves
        assert workers(app).drop_preview is None
        assert "→" not in worker_text(app, "yz")
        assert not cases(app).dragging


async def test_escape_cancels_a_drag(app: PlannerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await show_worker(pilot, "ab")
        await pilot.mouse_down(cases(app), offset=case_offset(app, CASE))
        await pilot.hover(workers(app), offset=worker_offset(app, "yz"))
        await pilot.press("escape")
        assert not cases(app).dragging
        assert workers(app).drop_preview is None
        await pilot.mouse_up(workers(app), offset=worker_offset(app, "yz"))
        await pilot.pause()
        assert app.assignment.holder(CASE) == "ab"


async def test_the_row_under_the_pointer_says_why_it_cannot_take_the_case(
    app: PlannerApp,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await show_worker(pilot, "ab")
        await pilot.mouse_down(cases(app), offset=case_offset(app, CASE))
        await pilot.hover(workers(app), offset=worker_offset(app, "ab"))
        assert "already holds the case" in worker_text(app, "ab")
        await pilot.hover(workers(app), offset=worker_offset(app, "op"))
        assert "other area: will ask" in worker_text(app, "op")
        await pilot.mouse_up(workers(app), offset=worker_offset(app, "ab"))
        await pilot.pause()
        assert not app.assignment.has_moves

        # A pinned case: Carsten's K-10141.
        await show_worker(pilot, "cd")
        await pilot.mouse_down(cases(app), offset=case_offset(app, "K-10141"))
        await pilot.hover(workers(app), offset=worker_offset(app, "yz"))
        assert "pinned: cannot move" in worker_text(app, "yz")
        await pilot.mouse_up(workers(app), offset=worker_offset(app, "yz"))
        await pilot.pause()
        assert app.assignment.holder("K-10141") == "cd"
        assert any("pinned" in n.message for n in app._notifications)


async def test_dragging_marked_cases_moves_them_all_and_back_to_unassigned(
    app: PlannerApp,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await show_worker(pilot, "ab")
        cases(app).focus()
        await pilot.press("space", "space", "space")
        marked = cases(app).marked
        assert marked == ["K-10001", "K-10002", "K-10003"]
        await pilot.mouse_down(cases(app), offset=case_offset(app, "K-10002"))
        await pilot.mouse_up(workers(app), offset=worker_offset(app, UNASSIGNED))
        await pilot.pause()
        assert [app.assignment.holder(c) for c in marked] == [UNASSIGNED] * 3
        assert "18 cases" in worker_text(app, UNASSIGNED)
