"""Plans on the board, through the real app: save with a note, quit, restore, lock, leftovers."""

from __future__ import annotations

import errno
import json
import socket
from pathlib import Path

import pytest
from board_helpers import header_text, screen_text
from textual.widgets import Input, Static
from textual.widgets._footer import FooterKey

from planner.core.moves import Move
from planner.io import files as files_io
from planner.io.journal import find_unsaved, journal_path
from planner.io.lock import acquire, lock_path
from planner.io.plans import plan_from, read_plan, write_plan
from planner.io.session import PlanSession
from planner.ui.planning import PlanningApp, SaveScreen
from planner.ui.screens.dialogs import ChoiceScreen, HelpScreen, PanelScreen
from planner.ui.widgets.footer import BoardFooter
from plans_support import ON, cases_csv, make_team

SIZE = (100, 30)


@pytest.fixture
def team_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    return make_team(tmp_path / "work")


def make_app(team_dir, plan: Path | None = None, lang: str = "en") -> PlanningApp:
    assignment = team_dir.assignment()
    session = PlanSession.open(team_dir.config, assignment, plan)
    return PlanningApp(assignment, session, lang=lang)


def notes(app: PlanningApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def journal_ops(team_dir) -> list[str]:
    path = journal_path(team_dir.config, "lille")
    return [json.loads(line)["op"] for line in path.read_text().splitlines()[1:]]


async def test_every_change_is_journaled_as_it_happens(team_dir) -> None:
    app = make_app(team_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.move_cases(["K-001"], "cd", "Sagstalsudligning")
        assert journal_ops(team_dir) == ["base", "do"]  # before any redraw
        await pilot.press("ctrl+z")
        await pilot.press("ctrl+y")
        app.revert("K-001")
        app.apply_moves([Move("K-003", "ab", "gh", "Habilitet")])  # e.g. a suggestion
        assert journal_ops(team_dir) == ["base", "do", "undo", "redo", "revert", "do"]
        await pilot.pause()
    recovered = find_unsaved(team_dir.config, "lille")
    assert recovered is not None
    fresh = team_dir.assignment()
    recovered.restore(fresh)
    assert fresh.snapshot() == app.assignment.snapshot()


async def test_ctrl_s_saves_with_a_note_beside_the_config(team_dir, tmp_path: Path) -> None:
    app = make_app(team_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        app.move_cases(["K-001", "K-002"], "cd")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SaveScreen)
        path_input = app.screen.query_one("#save-path", Input)
        assert path_input.value.startswith("work/plans/lille-") and path_input.value.endswith(
            ".toml"
        )
        await pilot.press(*"Aftalt med MED")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SaveScreen)
        [saved] = (tmp_path / "work" / "plans").glob("lille-*.toml")
        assert str(saved.resolve()) in notes(app)
        plan = read_plan(saved, team_dir.team())
        assert plan.note == "Aftalt med MED"
        assert [(m.case, m.to) for m in plan.moves] == [("K-001", "cd"), ("K-002", "cd")]
        assert find_unsaved(team_dir.config, "lille") is None
        # Saved: quitting does not ask.
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0  # q quit at once (None: it never quit)


async def test_a_note_with_a_cpr_number_is_refused_in_the_dialog(team_dir, tmp_path: Path) -> None:
    app = make_app(team_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.move_cases(["K-001"], "cd")
        await pilot.press("ctrl+s")
        await pilot.press(*"borger 010190-1234", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        error = str(app.screen.query_one("#save-error", Static).render())
        assert "CPR" in error and "1234" not in error
        assert not (tmp_path / "work" / "plans").exists()
        assert "010190" not in journal_path(team_dir.config, "lille").read_text()


async def test_a_full_disk_keeps_the_previous_plan_and_says_so(
    team_dir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assignment = team_dir.assignment()
    assignment.move(["K-001"], "cd")
    path = write_plan(tmp_path / "p.toml", plan_from(assignment))
    before = path.read_bytes()
    app = make_app(team_dir, path)
    async with app.run_test(size=SIZE) as pilot:
        app.move_cases(["K-002"], "ef")

        def full(*_args: object) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        with monkeypatch.context() as patch:
            patch.setattr(files_io.os, "write", full)
            await pilot.press("ctrl+s", "enter")
            await pilot.pause()
        assert isinstance(app.screen, SaveScreen)  # still open: nothing is lost
        error = str(app.screen.query_one("#save-error", Static).render())
        assert "the disk is full" in error and "previous version of the file is unchanged" in error
        assert path.read_bytes() == before
        # The moves are still safe in the journal.
        recovered = find_unsaved(team_dir.config, "lille")
        assert recovered is not None and recovered.step_count == 1


async def test_quitting_with_unsaved_moves_asks_first(team_dir) -> None:
    app = make_app(team_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.move_cases(["K-001"], "cd")
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen) and app.screen.id == "quit-unsaved"
        await pilot.press("escape")  # cancel: back on the board, nothing lost
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceScreen)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("q")  # a second q must not throw the work away
        await pilot.pause()
        assert app.screen.id == "quit-unsaved" and app.is_running
        await pilot.press("d")  # quit without saving
        await pilot.pause()
    assert find_unsaved(team_dir.config, "lille") is None
    assert not lock_path(team_dir.config, "lille").exists()


def leave_unsaved_work(team_dir) -> None:
    """A session that made three steps and was then cut off (its journal stays)."""
    session = PlanSession.open(team_dir.config, team_dir.assignment())
    session.record("do", session.assignment.move(["K-001", "K-002"], "cd"))
    session.record("do", session.assignment.move(["K-003"], "ef"))
    session.record("undo", session.assignment.undo())
    session.close(keep_unsaved=True)


async def test_next_start_offers_to_restore_and_restores(team_dir) -> None:
    leave_unsaved_work(team_dir)
    app = make_app(team_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen) and app.screen.id == "restore"
        body = str(app.screen.query_one(".dialog-body", Static).render())
        assert "3 steps" in body and "2 cases" in body
        await pilot.press("r")
        await pilot.pause()
        assert {m.case: m.to for m in app.assignment.net_moves()} == {"K-001": "cd", "K-002": "cd"}
        assert "Restored 3 steps" in notes(app)
        assert "2 moves" in header_text(app)
        await pilot.press("ctrl+y")  # the undone step can be redone: history restored
        assert app.assignment.holder("K-003") == "ef"


async def test_restore_names_the_damaged_line_and_keeps_the_journal(team_dir) -> None:
    leave_unsaved_work(team_dir)  # do, do, undo
    path = journal_path(team_dir.config, "lille")
    lines = path.read_text().splitlines(keepends=True)
    lines[3] = '{"op": "do", "moves": [["K-00\n'  # the second step, damaged
    path.write_text("".join(lines))
    app = make_app(team_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen) and app.screen.id == "restore"
        await pilot.press("r")
        await pilot.pause()
        # The first step only; the damaged line and the undo after it are reported.
        assert {m.case: m.to for m in app.assignment.net_moves()} == {"K-001": "cd", "K-002": "cd"}
        assert "Restored 1 step" in notes(app)
        # The damaged line is named and the whole journal is kept aside, nothing lost.
        assert "Line 4 of the journal was damaged" in notes(app)
        kept = list(path.parent.glob(f"{path.name}.damaged-*"))
        assert len(kept) == 1 and kept[0].read_text() == "".join(lines)


async def test_discarding_restore_asks_to_confirm(team_dir) -> None:
    leave_unsaved_work(team_dir)
    app = make_app(team_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.id == "confirm"
        await pilot.press("n")  # no: asked again
        await pilot.pause()
        assert app.screen.id == "restore"
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not app.assignment.has_moves
        assert "discarded" in notes(app)
    assert find_unsaved(team_dir.config, "lille") is None


async def test_quit_at_the_restore_prompt_keeps_the_work(team_dir) -> None:
    leave_unsaved_work(team_dir)
    app = make_app(team_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    recovered = find_unsaved(team_dir.config, "lille")
    assert recovered is not None and recovered.step_count == 3


async def test_a_held_team_opens_read_only(team_dir) -> None:
    held = acquire(team_dir.config, "lille")
    try:
        app = make_app(team_dir)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.screen.id == "lock-held"
            body = str(app.screen.query_one(".dialog-body", Static).render())
            assert held.info.user in body and held.info.since.strftime("%H:%M") in body
            await pilot.press("r")
            await pilot.pause()
            assert app.read_only
            assert app.move_cases(["K-001"], "cd") == []
            await pilot.pause()
            assert "open in another session" in notes(app)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, SaveScreen)
            assert "nothing can be saved" in notes(app)
        assert app.session.journal is None
    finally:
        held.release()


async def test_a_held_team_quit_leaves_the_holder_alone(team_dir) -> None:
    held = acquire(team_dir.config, "lille")
    try:
        app = make_app(team_dir)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("q")
            await pilot.pause()
        assert lock_path(team_dir.config, "lille").exists()
    finally:
        held.release()


async def test_open_with_a_changed_plan_lists_what_was_not_applied(
    team_dir, tmp_path: Path
) -> None:
    assignment = team_dir.assignment()
    assignment.move(["K-001"], "cd")
    assignment.move(["K-002"], "ef")
    assignment.move(["K-057"], "gh")
    path = write_plan(tmp_path / "p.toml", plan_from(assignment))
    lines = cases_csv({"K-002": ("gh", "")}).splitlines()
    team_dir.cases.write_text(
        "\n".join(line for line in lines if not line.startswith("K-057;")) + "\n", encoding="utf-8"
    )
    app = make_app(team_dir, path, lang="da")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PanelScreen) and app.screen.id == "leftovers"
        text = str(app.screen.query_one("#leftovers-text", Static).render())
        assert "1 flytning gennemført" in text
        assert (
            "K-002: Anna Berg → Eva Friis: sagen ligger nu hos en anden medarbejder (Gustav Holm)"
            in text
        )
        assert "K-057" in text and "sagen findes ikke længere" in text
        await pilot.press("escape")
        assert app.assignment.holder("K-001") == "cd"


async def test_installed_demo_saves_to_the_users_folder_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    installed = make_team(tmp_path / "venv" / "lib" / "site-packages" / "planner" / "_bundled")
    app = make_app(installed)
    async with app.run_test(size=SIZE) as pilot:
        app.move_cases(["K-057"], "ab")
        await pilot.press("ctrl+s")
        hint = str(app.screen.query_one("#save-where", Static).render())
        assert "installed program" in hint and str(tmp_path / "data" / "planner" / "plans") in hint
        await pilot.press("enter")
        await pilot.pause()
    assert list((tmp_path / "data" / "planner" / "plans").glob("lille-*.toml"))
    assert not (installed.root / "plans").exists()
    assert not lock_path(installed.config, "lille").is_relative_to(installed.root)


async def test_session_start_is_told_when_a_dead_lock_was_taken_over(team_dir) -> None:
    path = lock_path(team_dir.config, "lille")
    path.write_text(
        json.dumps(
            {
                "pid": 999_999_999,
                "host": socket.gethostname(),
                "user": "kollega",
                "since": f"{ON}T08:00:00+01:00",
            }
        )
    )
    app = make_app(team_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "kollega" in notes(app) and "it is yours now" in notes(app)


@pytest.mark.parametrize("lang", ["en", "da"])
async def test_save_is_in_the_footer_and_the_help_at_80_columns(team_dir, lang: str) -> None:
    app = make_app(team_dir, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = sorted(app.screen.query_one(BoardFooter).query(FooterKey), key=lambda k: k.region.x)
        assert all(k.region.right <= 80 for k in keys)
        line = screen_text(app).splitlines()[-1]
        for word in {
            "en": ("^s Save", "b Suggest", "q Quit"),
            "da": ("^s Gem", "b Forslag", "q Afslut"),
        }[lang]:
            assert word in line
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = app.screen.help_text().plain
        assert ("Save: Save the plan" if lang == "en" else "Gem: Gem planen") in help_text


async def test_a_held_team_offers_no_save_or_move_in_the_footer(team_dir) -> None:
    held = acquire(team_dir.config, "lille")
    try:
        app = make_app(team_dir)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("r")  # open read-only
            await pilot.pause()
            await pilot.pause()
            line = screen_text(app).splitlines()[-1]
            assert "Save" not in line and "Move" not in line and "Undo" not in line
            assert "? Help" in line and "q Quit" in line
    finally:
        held.release()


async def test_the_plan_dialogs_switch_language_while_open(team_dir) -> None:
    app = make_app(team_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.move_cases(["K-001"], "cd")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        assert "Note (optional" in screen_text(app)
        app.lang = "da"
        await pilot.pause()
        assert "Note (valgfri" in screen_text(app) and "Gem plan" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("q")  # unsaved: asks
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen) and app.screen.id == "quit-unsaved"
        assert "Afslut uden at gemme" in screen_text(app)
        app.lang = "en"
        await pilot.pause()
        assert "Quit without saving" in screen_text(app)
        await pilot.press("escape")
