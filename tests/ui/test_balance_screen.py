"""`b` on the board: the suggestion in a thread, then accept all, some or none of it.

The demo team on 2026-11-23: 74 moves are proven the fewest (not everyone can be within
range; see `planner balance --date 2026-11-23`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date

import pytest
from board_helpers import DAY, make_app
from textual.widgets import DataTable, Label, Static

import planner.core.balance as balance
from planner.core.models import Area, Case, NormSet, Team, Worker
from planner.core.moves import Assignment
from planner.ui.app import PlannerApp
from planner.ui.messages import CasesMoved
from planner.ui.screens.balance import BalanceScreen
from planner.ui.screens.board import BoardScreen


async def solved(app: PlannerApp, pilot: object) -> BalanceScreen:
    """Press b and wait for the worker thread's answer to be on screen."""
    await pilot.press("b")  # type: ignore[attr-defined]
    assert isinstance(app.screen, BalanceScreen)
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, BalanceScreen)
    assert screen.suggestion is not None
    return screen


def notes(app: PlannerApp) -> str:
    return "\n".join(n.message for n in app._notifications)


async def test_accept_all_is_one_undoable_step() -> None:
    app = make_app()
    seen: list[CasesMoved] = []
    async with app.run_test(
        size=(100, 30), message_hook=lambda m: seen.append(m) if isinstance(m, CasesMoved) else None
    ) as pilot:
        screen = await solved(app, pilot)
        suggestion = screen.suggestion
        assert suggestion is not None
        assert (len(suggestion.moves), suggestion.lower_bound, suggestion.optimal) == (74, 74, True)
        table = screen.query_one("#balance-moves", DataTable)
        assert table.row_count == 74
        summary = str(screen.query_one("#balance-summary", Static).render())
        assert "74 moves; at least 74 are needed; a greedy plan would take 74." in summary
        # The greedy's count is no bargain: it leaves more load outside the ranges.
        assert (
            "A first plan by rule of thumb would leave 37.3 load outside the ranges; this one 36.0."
            in summary
        )
        assert "Sygedagpenge: 0.71 FTE missing" in summary
        workers = screen.query_one("#balance-workers", DataTable)
        anna = workers.get_row("ab")
        assert "79.8" in str(anna[1]) and "58.0" in str(anna[2])
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        net = app.assignment.net_moves()
        assert len(net) == 74
        assert {m.reason for m in net} == {"Sagstalsudligning"}
        assert [m.kind for m in seen] == ["apply"]
        assert "Applied 74 suggested moves" in notes(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not app.assignment.has_moves  # one step, taken back at once


async def test_dismiss_changes_nothing() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await solved(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert not app.assignment.has_moves


def household_team() -> Team:
    """ab holds 8 cases (max 6): a household of two, pinned singles and two movable ones."""
    norms = NormSet(
        title="Test",
        source="test",
        full_time_hours=37,
        areas={"a": Area(label="Område A", min=4, max=6)},
    )
    workers = (
        Worker(id="ab", name="Anna", area="a", hours=37),
        Worker(id="cd", name="Carl", area="a", hours=37),
    )
    cases = [Case(id=f"K-{i}", worker="ab", area="a", pinned=True) for i in range(1, 5)]
    cases += [Case(id=f"K-{i}", worker="ab", area="a", household="H-1") for i in (5, 6)]
    cases += [Case(id=f"K-{i}", worker="ab", area="a") for i in (7, 8)]
    cases += [Case(id="K-9", worker="cd", area="a")]
    return Team(id="t", name="Test", norms=norms, workers=workers, cases=tuple(cases))


async def test_choose_some_households_go_together() -> None:
    # ab must give 2, cd must get 3: the household (2) and one single are the fewest (3).
    app = PlannerApp(Assignment(household_team(), DAY))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await solved(app, pilot)
        assert screen.suggestion is not None
        moved = sorted(m.case for m in screen.suggestion.moves)
        assert len(moved) == 3 and {"K-5", "K-6"} <= set(moved)
        table = screen.query_one("#balance-moves", DataTable)
        table.move_cursor(row=table.get_row_index("K-5"))
        await pilot.press("space")  # drops K-5 and, with it, K-6
        assert screen.chosen == set(moved) - {"K-5", "K-6"}
        assert table.get_cell("K-6", "chosen") == " "
        # The worker table follows the choice: only one case would arrive at Carl's.
        carl = screen.query_one("#balance-workers", DataTable).get_row("cd")
        assert "2.0" in str(carl[2])
        assert "1 of 3 chosen" in str(screen.query_one("#balance-hint", Label).render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert [m.case for m in app.assignment.net_moves()] == sorted(set(moved) - {"K-5", "K-6"})
        assert app.assignment.holder("K-5") == app.assignment.holder("K-6") == "ab"


def blocking_suggest(started: threading.Event, saw_stop: list[bool]) -> Callable[..., object]:
    """Stands in for the solver: reports a stage, then works until told to stop."""

    def fake(
        team: Team,
        on: date,
        holders: object = None,
        *,
        should_stop: Callable[[], bool],
        progress: Callable[[str], None],
        **_: object,
    ) -> object:
        progress("moves")
        started.set()
        deadline = time.monotonic() + 10
        while not should_stop():
            if time.monotonic() > deadline:
                raise AssertionError("the screen never asked the solver to stop")
            time.sleep(0.01)
        saw_stop.append(True)
        raise balance.BalanceCancelled

    return fake


async def test_the_board_stays_responsive_and_esc_cancels(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started = threading.Event()
    saw_stop: list[bool] = []
    monkeypatch.setattr(balance, "suggest", blocking_suggest(started, saw_stop))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b")
        screen = app.screen
        assert isinstance(screen, BalanceScreen)
        assert started.wait(5)
        stage = screen.query_one("#balance-stage", Label)
        await pilot.pause(0.3)
        first = str(stage.render())
        assert "proving the fewest moves" in first
        await pilot.pause(0.6)
        # The event loop runs while the solver works: the clock on screen moved on, and
        # a language switch reaches the progress line at once.
        assert str(stage.render()) != first
        app.action_switch_language()
        await pilot.pause()
        assert "beviser det færreste antal flytninger" in str(stage.render())
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert saw_stop == [True]
        assert isinstance(app.screen, BoardScreen)
        assert "Forslaget er annulleret." in notes(app)
        assert not app.assignment.has_moves


async def test_b_is_labelled_in_the_language_on_screen() -> None:
    app = make_app("da")
    async with app.run_test(size=(100, 30)):
        labels = {a.binding.id: a.binding.description for a in app.screen.active_bindings.values()}
        assert labels.get("balance") == "Forslag"
