"""`b` on the board: the suggestion in a thread, then accept all, some or none of it.

The demo team on 2026-11-23: the fairest plan takes 88 moves (73 between workers, 15
unassigned cases allocated), proven; not everyone can be within range (see `planner balance
--date 2026-11-23`).
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
    # The trade-off rows are worked out by a second worker, started when the first ends.
    for _ in range(20):
        if all(found is not None for _, found in screen.options):
            break
        await app.workers.wait_for_complete()
        await pilot.pause()  # type: ignore[attr-defined]
    if screen.suggestion.moves:
        # The move list takes the focus after the layout: a bounded number of idle turns.
        moves = screen.query_one("#balance-moves", DataTable)
        for _ in range(20):
            if moves.has_focus:
                break
            await pilot.pause()  # type: ignore[attr-defined]
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
        assert (len(suggestion.moves), suggestion.lower_bound, suggestion.optimal) == (88, 88, True)
        table = screen.query_one("#balance-moves", DataTable)
        assert table.row_count == 88
        summary = str(screen.query_one("#balance-summary", Static).render())
        assert (
            "88 moves (73 between workers, 15 unassigned allocated); at least 88 are needed"
            in summary
        )
        assert "Proven: no plan is fairer, and none as fair needs fewer moves." in summary
        assert "Highest utilisation: 158% → 126%." in summary
        # The one FTE model, as `planner check` has it.
        areas = str(screen.query_one("#balance-areas", Static).render())
        assert "Sygedagpenge: 0.71 FTE missing (needed 3.51, effective 2.80)" in areas
        workers = screen.query_one("#balance-workers", DataTable)
        anna = workers.get_row("ab")
        assert "79.8" in str(anna[1]) and "55.8" in str(anna[2])
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        net = app.assignment.net_moves()
        assert len(net) == 88
        assert {m.reason for m in net} == {"Sagstalsudligning"}
        assert [m.kind for m in seen] == ["apply"]
        assert "Applied 88 suggested moves; ctrl+z takes them back." in notes(app)
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


def row_visible(screen: BalanceScreen, table: DataTable, row: int) -> bool:
    """Whether `row` of `table` is inside the dialog's scrolled view."""
    scroll = screen.query_one("#balance-result")
    top = table.virtual_region.y + 1 + row  # one line of column headers
    return scroll.scroll_offset.y <= top < scroll.scroll_offset.y + scroll.size.height


async def test_at_80x24_every_move_and_every_worker_can_be_seen() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await solved(app, pilot)
        assert screen.suggestion is not None
        moves = screen.query_one("#balance-moves", DataTable)
        workers = screen.query_one("#balance-workers", DataTable)
        assert moves.has_focus
        # Far more moves than lines: the tables keep all their rows, the dialog scrolls.
        assert moves.row_count == 88 and moves.size.height == 89
        await pilot.press("end")
        await pilot.pause()
        assert moves.cursor_row == 87
        assert row_visible(screen, moves, 87) and not row_visible(screen, moves, 0)
        # The whole before -> after table, one row per worker a move touches.
        touched = {w for m in screen.suggestion.moves for w in (m.from_, m.to)} - {""}
        assert workers.row_count == len(touched) == 13
        await pilot.press("tab")
        await pilot.press("end")
        await pilot.pause()
        assert workers.has_focus
        assert row_visible(screen, workers, 12)
        await pilot.press("home")
        await pilot.pause()
        assert row_visible(screen, workers, 0)


async def test_the_trade_off_table_picks_the_plan_shown() -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await solved(app, pilot)  # waits for the trade-off rows too
        table = screen.query_one("#balance-tradeoff", DataTable)
        # 73 moves between workers at best: 0, 20 and 40 beside the fairest.
        assert [budget for budget, _ in screen.options] == [0, 20, 40, None]
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert [row[1:3] for row in rows] == [
            ["at most 0", "158%"],
            ["at most 20", "132%"],
            ["at most 40", "126%"],
            ["73 (the fairest)", "126%"],
        ]
        assert rows[3][0] == "●"
        # Without moves between workers the unassigned cases are still allocated.
        nothing = screen.options[0][1]
        assert nothing is not None and nothing.relocations == 0 and len(nothing.moves) == 15
        await pilot.press("t", "up")
        await pilot.pause()
        shown = screen.suggestion
        assert shown is screen.options[2][1]
        assert shown is not None and shown.max_moves == 40 and shown.relocations == 40
        assert screen.query_one("#balance-moves", DataTable).row_count == len(shown.moves)
        assert str(table.get_row_at(2)[0]) == "●" and str(table.get_row_at(3)[0]) == " "
        summary = str(screen.query_one("#balance-summary", Static).render())
        assert "At most 40 moves between workers; 40 used." in summary
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert len(app.assignment.net_moves()) == len(shown.moves)


def stuck_team() -> Team:
    """ab is over range with pinned cases only; cd has no room for anything anyway."""
    norms = NormSet(
        title="Test", source="test", full_time_hours=37, areas={"a": Area(label="A", min=4, max=6)}
    )
    workers = (Worker(id="ab", name="Anna", area="a", hours=37),)
    cases = tuple(Case(id=f"K-{i}", worker="ab", area="a", pinned=True) for i in range(8))
    return Team(id="t", name="Test", norms=norms, workers=workers, cases=cases)


async def test_no_move_helps_is_said_after_not_everyone_fits() -> None:
    app = PlannerApp(Assignment(stuck_team(), DAY))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await solved(app, pilot)
        lines = str(screen.query_one("#balance-summary", Static).render()).splitlines()
        assert "No moves are needed" not in "\n".join(lines)
        overflow = next(i for i, line in enumerate(lines) if "Not everyone can be" in line)
        assert lines.index("No move makes it better.") > overflow
        assert not screen.query_one("#balance-tradeoff", DataTable).display
