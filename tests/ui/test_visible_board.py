"""The board shows text from files with its control characters visible, on every screen.

A team whose name, workers' names, an area's label, an adjustment's reason, the reasons
list and a plan's note all hold terminal control sequences: through
the real app (Pilot), every screen shows them as stand-ins (␛ for ESC) and not one raw
control character is in what Textual would write to the terminal.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from planner.core.moves import Move
from planner.io.plans import plan_from, write_plan
from planner.io.session import PlanSession
from planner.ui.planning import PlanningApp, SaveScreen
from planner.ui.screens.changes import ChangesScreen
from planner.ui.screens.dialogs import ChoiceScreen
from planner.ui.widgets.picker import MovePicker
from team_helpers import CSI8, RAW_CONTROLS, RLO, TITLE, TeamFiles, write_hostile_team

SIZE = (150, 40)  # wide: the worker detail is on screen too


@pytest.fixture
def app(team_files: TeamFiles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PlanningApp:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    team = write_hostile_team(team_files)
    assignment = team.assignment()
    planned = team.assignment()
    planned.apply_moves([Move("K-3", "", "a", None)])
    plan = write_plan(
        tmp_path / "plans" / "p.toml",
        plan_from(planned, note=f"Aftalt{TITLE} med {RLO}MED"),
        planned.team,
    )
    session = PlanSession.open(team.config, assignment, plan)
    return PlanningApp(assignment, session, lang="en")


def screen_text(app: PlanningApp) -> str:
    """Every line of the screen as Textual would write it (line filters applied)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def shows(app: PlanningApp, *texts: str) -> str:
    screen = screen_text(app)
    for raw in RAW_CONTROLS:
        assert raw not in screen, f"{raw!r} would reach the terminal raw"
    for text in texts:
        assert text in screen, f"{text!r} not on screen:\n{screen}"
    return screen


def notes(app: PlanningApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def test_every_screen_shows_the_files_texts_with_controls_visible(app: PlanningApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # The board: header, worker list, the first worker's cases and detail.
        app.board.worker_list.select_worker("a")
        await pilot.pause()
        shows(
            app,
            "Team␛]0;pwned␇Nord",
            "Anna␛[2JBerg",
            "<U+202E>Bo Dahl",
            "Orlov␛[2J",  # the adjustment's reason, in the worker detail
        )
        # The picker, with the team's reason (ctrl+r).
        app.board.case_list.focus()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.board.picker, MovePicker)
        await pilot.press("ctrl+r")
        await pilot.pause()
        shows(app, "<U+202E>Bo Dahl", "Udligning<U+009B>31m")
        await pilot.press("enter")
        await pilot.pause()
        # Another area than Bo's: asked first, with both areas' labels and his name.
        assert isinstance(app.screen, ChoiceScreen)
        shows(app, "<U+202E>Bo Dahl", "Fleks␛[5mjob")
        await pilot.press("y")
        await pilot.pause()
        assert app.assignment.holder("K-1") == "b"  # the data itself is unchanged
        moved = {m.case: m for m in app.assignment.net_moves()}
        assert moved["K-1"].reason == f"Udligning{CSI8}"
        for raw in RAW_CONTROLS:
            assert raw not in notes(app)
        assert "<U+202E>Bo Dahl" in notes(app)
        # The changes: case id, names and reason.
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ChangesScreen)
        shows(app, "K-1", "Udligning<U+009B>31m", "<U+202E>Bo Dahl")
        await pilot.press("escape")
        await pilot.pause()
        # The save dialog: the plan's note.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        note = app.screen.query_one("#save-note", Input)
        assert note.value == "Aftalt␛]0;pwned␇ med <U+202E>MED"
        shows(app, "Aftalt␛]0;pwned␇ med")
