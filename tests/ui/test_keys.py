"""Everything by keyboard alone, through the real app: moving, marking, dialogs, views.

Figures are the demo's on 2026-11-23 (see `planner check --date 2026-11-23`).
"""

from __future__ import annotations

import pytest
from board_helpers import (
    cases,
    drawn_lines,
    header_text,
    row_text,
    show_worker,
    worker_text,
    workers,
)
from textual import events
from textual.widgets import DataTable, Input, OptionList

from planner.core.moves import UNASSIGNED
from planner.ui.app import PlannerApp
from planner.ui.messages import CasesMoved
from planner.ui.screens.changes import ChangesScreen
from planner.ui.screens.dialogs import ChoiceScreen, HelpScreen, PanelScreen
from planner.ui.screens.picker import ReasonScreen
from planner.ui.widgets.detail import UtilisationChart, WorkerDetail
from planner.ui.widgets.picker import MovePicker


def prompts(app: PlannerApp) -> list[str]:
    options = app.screen.query_one(OptionList)
    return [
        str(options.get_option_at_index(i).prompt)
        for i in range(options.option_count)
        if options.get_option_at_index(i) is not None
    ]


def notes(app: PlannerApp) -> str:
    return "\n".join(n.message for n in app._notifications)


async def test_keyboard_move_shows_the_effect_first_then_moves(app: PlannerApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        # Unassigned, then by area: Ida, Karim, Mette, then Anna (headings are skipped).
        await pilot.press("down", "down", "down", "down")
        assert workers(app).highlighted_worker == "ab"
        await pilot.press("enter")  # to her cases
        assert app.focused is cases(app)
        assert cases(app).highlighted_case == "K-10001"
        await pilot.press("m")
        assert isinstance(app.board.picker, MovePicker)
        shown = prompts(app)
        # Best fit first: nobody in the area ends within, so the least loaded under-range
        # worker leads; the unassigned pool comes last.
        assert "Yasmin Zahid" in shown[0] and "17.5 →  18.5" in shown[0] and "under" in shown[0]
        assert "Gustav Holm" in shown[1]
        assert shown[0].startswith("▶") and not shown[1].startswith("▶")  # no colour needed
        await pilot.press("down")
        assert prompts(app)[1].startswith("▶") and not prompts(app)[0].startswith("▶")
        await pilot.press("up")
        assert "Unassigned" in shown[-1]
        heading = next(i for i, p in enumerate(shown) if "Other area: asks before moving" in p)
        ole = next(i for i, p in enumerate(shown) if "Ole Pedersen" in p)
        assert all("Job o30" in p for p in shown[:heading] if "→" in p)
        assert heading < ole
        assert "Anna Berg: 79.8 → 78.8 ▲ over" in str(
            app.screen.query_one("#picker-source").render()
        )

        await pilot.press("g", "u", "s")  # typing filters the list
        assert len(prompts(app)) == 1 and "Gustav Holm" in prompts(app)[0]
        await pilot.press("ctrl+r")  # the team's first reason
        assert "Sagstalsudligning" in str(app.screen.query_one("#picker-reason").render())
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.board.picker, MovePicker)
        assert app.assignment.holder("K-10001") == "gh"
        assert app.assignment.net_moves()[0].reason == "Sagstalsudligning"
        assert "13.0" in worker_text(app, "gh")
        assert "78.8" in worker_text(app, "ab")
        assert "Moved 1 case to Gustav Holm" in notes(app)


async def test_a_reason_of_ones_own_reaches_the_move_and_a_cpr_number_does_not(
    app: PlannerApp,
) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await show_worker(pilot, "ab")
        await pilot.press("m", "g", "u", "s", "ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ReasonScreen)
        await pilot.press(*"borger 010190-1234", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReasonScreen)  # refused: still asking
        error = str(app.screen.query_one("#reason-error").render())
        assert "CPR" in error and "xxxxxx-xxxx" in error and "1234" not in error
        app.screen.query_one(Input).value = ""
        await pilot.press(*"Borgerens ønske", "enter")
        await pilot.pause()
        assert isinstance(app.board.picker, MovePicker)
        assert "Borgerens ønske" in str(app.screen.query_one("#picker-reason").render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.assignment.holder("K-10001") == "gh"
        assert app.assignment.net_moves()[0].reason == "Borgerens ønske"


async def test_escape_in_the_picker_moves_nothing(app: PlannerApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await show_worker(pilot, "ab")
        await pilot.press("m", "escape")
        assert not isinstance(app.board.picker, MovePicker)
        assert not app.assignment.has_moves


async def test_mark_several_move_them_as_one_step_undo_and_redo(app: PlannerApp) -> None:
    seen: list[CasesMoved] = []

    def hook(message: object) -> None:
        if isinstance(message, CasesMoved):
            seen.append(message)

    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        await show_worker(pilot, "ab")
        cases(app).focus()
        await pilot.press("space", "space", "space")
        assert cases(app).marked == ["K-10001", "K-10002", "K-10003"]
        assert "3 marked" in row_header(app)
        await pilot.press("m")
        assert "Move 3 cases" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("y", "a", "s", "enter")
        await pilot.pause()
        moved = ["K-10001", "K-10002", "K-10003"]
        assert [app.assignment.holder(c) for c in moved] == ["yz"] * 3
        assert " 20.3 " in worker_text(app, "yz")  # 20.25, rounded half up
        assert cases(app).marked == []

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [app.assignment.holder(c) for c in moved] == ["ab"] * 3
        assert "79.8" in worker_text(app, "ab") and "17.5" in worker_text(app, "yz")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert [app.assignment.holder(c) for c in moved] == ["yz"] * 3
        assert "77.0" in worker_text(app, "ab")
        assert [m.kind for m in seen] == ["move", "undo", "redo"]
        assert all(len(m.moves) == 3 for m in seen)


def row_header(app: PlannerApp) -> str:
    return cases(app).render_line(0).text


async def test_a_pinned_case_is_refused_with_a_message(app: PlannerApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await show_worker(pilot, "cd")
        cases(app).focus()
        cases(app).select_case("K-10141")
        await pilot.pause()
        assert "pin" in row_text(cases(app), cases(app).row_of("K-10141") or 0)
        await pilot.press("m")
        await pilot.pause()
        assert not isinstance(app.board.picker, MovePicker)
        assert "K-10141 is pinned and stays with Carsten Dahl" in notes(app)
        assert app.assignment.holder("K-10141") == "cd"
        # The rule holds on every path, not only the picker.
        assert app.move_cases(["K-10141"], "yz") == []
        assert app.assignment.holder("K-10141") == "cd"


async def test_another_area_asks_first(app: PlannerApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await show_worker(pilot, "op")  # Ole Pedersen, sygedagpenge
        case = cases(app).highlighted_case
        assert case is not None
        cases(app).focus()
        await pilot.press("m", "y", "a", "s", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen) and app.screen.id == "confirm"
        assert "Jobparate over 30" in str(app.screen.query_one(".dialog-body").render())
        await pilot.press("n")
        await pilot.pause()
        assert app.assignment.holder(case) == "op"

        await pilot.press("m", "y", "a", "s", "enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.assignment.holder(case) == "yz"


async def test_moving_a_household_case_offers_the_whole_household(app: PlannerApp) -> None:
    household = ["K-10040", "K-10041", "K-10042"]  # H-501, all with Anna Berg
    async with app.run_test(size=(100, 30)) as pilot:
        await show_worker(pilot, "ab")
        cases(app).focus()
        cases(app).select_case("K-10040")
        await pilot.press("m", "y", "a", "s", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen) and app.screen.id == "household"
        body = str(app.screen.query_one(".dialog-body").render())
        assert "H-501" in body and "K-10041" in body and "K-10042" in body
        await pilot.press("a")  # the whole household
        await pilot.pause()
        assert [app.assignment.holder(c) for c in household] == ["yz"] * 3

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [app.assignment.holder(c) for c in household] == ["ab"] * 3
        cases(app).select_case("K-10040")
        await pilot.press("m", "y", "a", "s", "enter")
        await pilot.pause()
        await pilot.press("o")  # only the one
        await pilot.pause()
        assert [app.assignment.holder(c) for c in household] == ["yz", "ab", "ab"]


async def test_slash_filters_cases_by_id_or_tag(app: PlannerApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await show_worker(pilot, "ab")
        everything = cases(app).rows
        await pilot.press("slash", *"kompleks")
        shown = cases(app).rows
        assert shown and len(shown) < len(everything)
        assert all(any("kompleks" in tag for tag in app.assignment.case(c).tags) for c in shown)
        await pilot.press("enter")  # keep the filter, back to the list
        assert app.focused is cases(app)
        assert "“kompleks”" in row_header(app)
        await pilot.press("slash", "escape")  # clear it
        assert cases(app).rows == everything
        await pilot.press("slash", *"10002")
        assert cases(app).rows == ["K-10002"]


async def test_language_switches_at_runtime(app: PlannerApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        assert "644 cases" in header_text(app)
        assert app.screen.active_bindings["m"].binding.description == "Move"
        await pilot.press("l")
        await pilot.pause()
        assert app.lang == "da"
        assert "644 sager" in header_text(app)
        assert "Ufordelte" in worker_text(app, UNASSIGNED)
        assert app.screen.active_bindings["m"].binding.description == "Flyt"
        assert "79,8" in worker_text(app, "ab")  # Danish decimal comma
        await pilot.press("l")
        await pilot.pause()
        assert "644 cases" in header_text(app)


async def test_read_only_refuses_every_change_with_the_reason(app: PlannerApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        app.set_read_only(True, "Bo Holm has the team open.")
        await pilot.pause()
        assert "READ-ONLY" in header_text(app)
        assert app.move_cases(["K-10001"], "yz") == []
        await show_worker(pilot, "ab")
        await pilot.press("m")
        await pilot.pause()
        assert not isinstance(app.board.picker, MovePicker)
        assert "Bo Holm has the team open." in notes(app)
        assert not app.assignment.has_moves


async def test_changes_view_lists_net_moves_and_reverts_one(app: PlannerApp) -> None:
    seen: list[CasesMoved] = []

    def hook(message: object) -> None:
        if isinstance(message, CasesMoved):
            seen.append(message)

    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        app.move_cases(["K-10001"], "yz")
        app.move_cases(["K-10002"], "gh")
        app.move_cases(["K-10003"], "yz")
        app.move_cases(["K-10003"], "ab")  # moved and moved back: no change
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ChangesScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[0] == "K-10001"
        anna_now = f"{app.assignment.evaluate('ab').load:.1f}"  # without K-10001, K-10002
        assert f"Anna Berg ▲79.8→▲{anna_now}" in first[1]
        assert "Yasmin Zahid ▼17.5→▼18.5" in first[2]
        await pilot.press("r")
        await pilot.pause()
        assert table.row_count == 1
        assert app.assignment.holder("K-10001") == "ab"
        assert seen[-1].kind == "revert"
        await pilot.press("escape")
        await pilot.pause()
        assert f"{app.assignment.evaluate('ab').load:.1f}" in worker_text(app, "ab")
        expected = app.loaded["ab"].load - app.assignment.weight("K-10002")
        assert app.assignment.evaluate("ab").load == pytest.approx(expected)


async def test_sort_group_and_area(app: PlannerApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")  # one list, no area headings
        await pilot.press("s")
        assert workers(app).shown_workers[0] == "op"  # Ole Pedersen, 158 %
        # Moves leave the rows where they are (only the touched rows redraw) and say so.
        app.move_cases(app.assignment.cases_of("op")[:35], "qr")
        await pilot.pause()
        assert workers(app).shown_workers[0] == "op"
        assert "stale (s)" in workers(app).render_line(0).text
        await pilot.press("s")  # sort again, same order
        assert workers(app).shown_workers[0] == "qr"
        assert workers(app).sort_key == "utilisation"
        assert "stale" not in workers(app).render_line(0).text
        await pilot.press("s")
        assert workers(app).shown_workers[:2] == ["ab", "cd"]  # Anna, Carsten
        await pilot.press("a")
        assert workers(app).shown_workers == ["ab", "cd", "ef", "gh", "yz"]
        assert "Jobparate over 30" in workers(app).render_line(0).text


async def test_worker_detail_and_the_chart(app: PlannerApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        workers(app).select_worker("uv")  # Ulla: further training ends on 2026-12-31
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, PanelScreen)
        detail = "\n".join(drawn_lines(app.screen.query_one(WorkerDetail)))
        assert "× 0.90  Efteruddannelse until 2026-12-31" in detail
        assert "2027-01-01: Efteruddannelse ends: max 45.0 → 50.0" in detail
        await pilot.press("escape")

        before, now = app.board.chart.counts
        assert before == now
        app.move_cases(app.assignment.cases_of("op")[:30], "qr")  # 158 % -> 91 %
        await pilot.pause()
        before, now = app.board.chart.counts
        assert before != now and sum(before) == sum(now) == 13
        await pilot.press("u")
        await pilot.pause()
        chart = app.screen.query_one(UtilisationChart)
        assert chart.counts == (before, now)
        assert "░ loaded   █ now" in str(chart.render())


async def test_every_action_is_in_the_command_palette(app: PlannerApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"sort by name")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert workers(app).sort_key == "name"


async def test_help_lists_the_keys(app: PlannerApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.help_text().plain
        for label in ("Move", "Mark", "Undo", "Changes", "Filter", "Sort", "Detail", "Weeks"):
            assert label in text
        # The forecast view's own keys, under their heading.
        assert "The coming weeks (w)" in text and "Add event" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_keys_typed_ahead_land_where_they_were_meant(app: PlannerApp) -> None:
    # A paste, or a laggy SSH link, delivers a whole burst of keys at once. Each must act on
    # the state the keys before it left: Enter moves to the cases before the Downs after
    # it arrive, and "mette" lands in the picker that m opened.
    burst = ["down", "down", "enter", "down", "down", "down", "space", "space", "space", "m"]
    characters = {"space": " ", "enter": "\r"}
    async with app.run_test(size=(100, 30)) as pilot:
        for key in [*burst, *"mette"]:
            app.post_message(events.Key(key, characters.get(key, key if len(key) == 1 else None)))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.board.picker, MovePicker)
        assert app.board.picker.case_ids == ["K-10307", "K-10308", "K-10309"]  # Karim Larsen's
        assert app.screen.query_one("#picker-filter", Input).value == "mette"
        await pilot.press("enter")
        await pilot.pause()
        assert app.assignment.evaluate("kl").status.value == "within"
        assert [app.assignment.holder(c) for c in ("K-10307", "K-10308", "K-10309")] == ["mn"] * 3
