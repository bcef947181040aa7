"""Faults while the board runs (issue 14 §3): a full disk or a read-only state folder during
a move, an undo, a save, a restore or a discard. Each becomes a message on the board, the
app goes on, and nothing is lost: the board keeps every move, the journal on disk is never
left half-written, and once writing works again the journal catches up with the board.

The faults are real where the machine allows it (chattr +i makes a folder read-only even
for root) and otherwise made by monkeypatching os.write / os.unlink to fail as the kernel
would (ENOSPC, EROFS, EACCES).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.widgets import Static

from planner.core.moves import Assignment
from planner.io import files as files_io
from planner.io import journal as journal_io
from planner.io.journal import find_unsaved, journal_path, read_journal
from planner.io.session import PlanSession
from planner.ui.planning import PlanningApp, SaveScreen
from plans_support import make_team

SIZE = (100, 30)


@pytest.fixture
def team_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    return make_team(tmp_path / "work")


def make_app(team_dir) -> PlanningApp:
    assignment = team_dir.assignment()
    session = PlanSession.open(team_dir.config, assignment)
    return PlanningApp(assignment, session, lang="en")


def notes(app: PlanningApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def failing(code: int) -> Callable[..., int]:
    def fail(*_args: object, **_kwargs: object) -> int:
        raise OSError(code, os.strerror(code))

    return fail


def restored_from_disk(team_dir) -> Assignment:
    """What a restart would restore from the journal on disk now."""
    recovered = read_journal(journal_path(team_dir.config, "lille"))
    fresh = team_dir.assignment()
    if recovered is not None:
        recovered.restore(fresh)
    return fresh


@pytest.fixture
def read_only() -> Iterator[Callable[[Path], None]]:
    """Make a folder read-only for real (chattr +i stops root too; chmod for others)."""
    made: list[tuple[Path, bool]] = []

    def make(folder: Path) -> None:
        chattr = shutil.which("chattr")
        if os.geteuid() != 0:
            folder.chmod(0o500)
            made.append((folder, False))
            return
        assert chattr is not None, "chattr is needed to make a folder read-only for root"
        subprocess.run([chattr, "+i", str(folder)], check=True)
        made.append((folder, True))

    yield make
    for folder, immutable in made:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        else:
            folder.chmod(0o700)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS], ids=["full", "read-only"])
@pytest.mark.parametrize("op", ["move", "undo"])
async def test_a_step_the_journal_cannot_take_is_kept_and_written_later(
    team_dir, monkeypatch: pytest.MonkeyPatch, code: int, op: str
) -> None:
    app = make_app(team_dir)
    journal = journal_path(team_dir.config, "lille")
    async with app.run_test(size=SIZE) as pilot:
        app.move_cases(["K-001"], "cd")
        app.move_cases(["K-002"], "ef")
        on_disk = journal.read_bytes()
        with monkeypatch.context() as patch:
            patch.setattr(journal_io.os, "write", failing(code))
            if op == "move":
                app.move_cases(["K-003"], "gh")
            else:
                await pilot.press("ctrl+z")
            await pilot.pause()
        assert app.is_running
        reason = "the disk is full" if code == errno.ENOSPC else "the file system is read-only"
        assert f"The journal could not be written ({reason})" in notes(app)
        assert "nothing is lost" in notes(app)
        assert journal.read_bytes() == on_disk  # whole, no half line
        board = app.assignment.snapshot()
        assert board != restored_from_disk(team_dir).snapshot()  # the step is on screen only
        # Writing works again: the next step brings the journal up to the board.
        app.move_cases(["K-004"], "cd")
        await pilot.pause()
        assert "The journal is up to date again" in notes(app)
        assert restored_from_disk(team_dir).snapshot() == app.assignment.snapshot()
        await pilot.press("ctrl+z")  # and the journal goes on step by step
        assert restored_from_disk(team_dir).snapshot() == app.assignment.snapshot()
    # Quitting keeps the unsaved work for the next start, all of it.
    recovered = find_unsaved(team_dir.config, "lille")
    assert recovered is not None


async def test_a_write_cut_off_halfway_leaves_no_half_line(
    team_dir, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(team_dir)
    journal = journal_path(team_dir.config, "lille")
    real_write = os.write
    async with app.run_test(size=SIZE) as pilot:
        app.move_cases(["K-001"], "cd")
        on_disk = journal.read_bytes()

        def half(fd: int, data: bytes) -> int:  # the disk fills up in the middle of a line
            if len(data) > 10:
                return real_write(fd, bytes(data[: len(data) // 2]))
            raise OSError(errno.ENOSPC, "No space left on device")

        with monkeypatch.context() as patch:
            patch.setattr(journal_io.os, "write", half)
            app.move_cases(["K-002"], "ef")
            await pilot.pause()
        assert journal.read_bytes() == on_disk
        assert read_journal(journal).damaged_lines == 0
        assert "could not be written" in notes(app)


async def test_a_full_disk_at_save_is_said_in_the_dialog_and_the_board_goes_on(
    team_dir, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(team_dir)
    plans = team_dir.root / "plans"
    async with app.run_test(size=SIZE) as pilot:
        app.move_cases(["K-001"], "cd")
        with monkeypatch.context() as patch:
            patch.setattr(files_io.os, "write", failing(errno.ENOSPC))
            await pilot.press("ctrl+s", "enter")
            await pilot.pause()
            assert isinstance(app.screen, SaveScreen)
            error = str(app.screen.query_one("#save-error", Static).render())
            assert "could not be saved: the disk is full" in error
            assert not plans.exists() or not list(plans.glob("*.toml"))
            await pilot.press("escape")
            await pilot.pause()
        assert app.is_running and app.assignment.holder("K-001") == "cd"
        app.move_cases(["K-002"], "ef")  # the board and the journal go on
        assert restored_from_disk(team_dir).snapshot() == app.assignment.snapshot()
        await pilot.press("ctrl+s", "enter")  # room again: saved
        await pilot.pause()
        assert not isinstance(app.screen, SaveScreen)
        assert len(list(plans.glob("lille-*.toml"))) == 1
        assert "Plan saved" in notes(app)


async def test_a_plan_saved_while_the_journal_cannot_be_cleared_says_both(
    team_dir, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(team_dir)
    journal = journal_path(team_dir.config, "lille")
    real_write = files_io.atomic_write

    def journal_full(path: Path, data: bytes) -> None:
        if path.suffix == ".journal":
            raise files_io.SaveFailed(
                [files_io.Problem(str(path), "", "could not be saved: the disk is full")],
                errno.ENOSPC,
            )
        real_write(path, data)

    async with app.run_test(size=SIZE) as pilot:
        app.move_cases(["K-001"], "cd")
        with monkeypatch.context() as patch:
            patch.setattr(journal_io, "atomic_write", journal_full)
            await pilot.press("ctrl+s", "enter")
            await pilot.pause()
        assert not isinstance(app.screen, SaveScreen)
        assert "Plan saved" in notes(app) and "could not be cleared (the disk is full)" in notes(
            app
        )
        [plan] = list((team_dir.root / "plans").glob("lille-*.toml"))
        # The old journal still holds the steps (harmless: the same moves as the plan).
        assert restored_from_disk(team_dir).snapshot() == app.assignment.snapshot()
        app.move_cases(["K-002"], "ef")  # the next step writes it afresh, on the saved plan
        await pilot.pause()
        assert "up to date again" in notes(app)
        recovered = read_journal(journal)
        assert recovered is not None and recovered.plan_path == plan.resolve()
        assert restored_from_disk(team_dir).snapshot() == app.assignment.snapshot()


def leave_unsaved_work(team_dir) -> None:
    session = PlanSession.open(team_dir.config, team_dir.assignment())
    session.record("do", session.assignment.move(["K-001", "K-002"], "cd"))
    session.record("do", session.assignment.move(["K-003"], "ef"))
    session.close(keep_unsaved=True)


async def test_restore_into_a_read_only_state_folder_loses_nothing(
    team_dir, read_only: Callable[[Path], None]
) -> None:
    leave_unsaved_work(team_dir)
    journal = journal_path(team_dir.config, "lille")
    before = journal.read_bytes()
    app = make_app(team_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.id == "restore"
        read_only(journal.parent)
        await pilot.press("r")
        await pilot.pause()
        assert app.is_running
        assert {m.case: m.to for m in app.assignment.net_moves()} == {
            "K-001": "cd",
            "K-002": "cd",
            "K-003": "ef",
        }
        assert "Restored, but the journal could not be written" in notes(app)
        assert journal.read_bytes() == before  # the crashed session's journal, as it was
        app.move_cases(["K-004"], "gh")  # still read-only: said again, the board goes on
        await pilot.pause()
        assert app.assignment.holder("K-004") == "gh"
        assert journal.read_bytes() == before
    # Quit while the folder is still read-only: the old journal is still there to restore.
    assert find_unsaved(team_dir.config, "lille") is not None


async def test_a_discard_that_cannot_delete_says_so_and_goes_on(
    team_dir, monkeypatch: pytest.MonkeyPatch
) -> None:
    leave_unsaved_work(team_dir)
    journal = journal_path(team_dir.config, "lille")
    app = make_app(team_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        with monkeypatch.context() as patch:
            patch.setattr(Path, "unlink", failing(errno.EACCES))
            await pilot.press("d")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
        assert app.is_running
        assert "could not be deleted (permission denied)" in notes(app)
        assert "offered again" in notes(app)
        assert not app.assignment.has_moves
        assert journal.exists()


# ---------------------------------------------------------------------------------------
# A journal that cannot be used: the board says where it is kept and what it held


@pytest.mark.parametrize("lang", ["en", "da"])
async def test_a_journal_with_a_bad_header_is_shown_kept_aside(team_dir, lang: str) -> None:
    leave_unsaved_work(team_dir)
    journal = journal_path(team_dir.config, "lille")
    lines = journal.read_text("utf-8").splitlines(keepends=True)
    lines[0] = lines[0].replace('"started": "', '"started": "i morgen ')  # a bad date
    journal.write_text("".join(lines), "utf-8")
    damaged = journal.read_bytes()
    assignment = team_dir.assignment()
    app = PlanningApp(assignment, PlanSession.open(team_dir.config, assignment), lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.id == "journal-aside"
        text = str(app.screen.query_one("#aside-text", Static).render())
        [kept] = journal.parent.glob(journal.name + ".damaged-*")
        assert str(kept) in text.replace("\n", "")
        if lang == "en":
            assert "'started' in its first line is not a date" in text
            assert "team lille" in text and "steps: 2, moves: 3" in text
            assert "started afresh" in text
        else:
            assert "'started' i dens første linje er ikke en dato" in text
            assert "team lille" in text and "skridt: 2, flytninger: 3" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.id != "journal-aside"
        app.move_cases(["K-010"], "cd")  # a fresh journal for this session
        assert restored_from_disk(team_dir).snapshot() == app.assignment.snapshot()
    assert kept.read_bytes() == damaged


async def test_a_damaged_line_is_named_before_the_restore(team_dir) -> None:
    leave_unsaved_work(team_dir)
    journal = journal_path(team_dir.config, "lille")
    lines = journal.read_text("utf-8").splitlines(keepends=True)
    # header, base, do, do: put a damaged line between the two steps.
    lines.insert(3, '{"op": "do", "moves": [["K-0\n')
    journal.write_text("".join(lines), "utf-8")
    original = journal.read_bytes()
    app = make_app(team_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.id == "restore"
        body = str(app.screen.query_one(".dialog-body", Static).render()).replace("\n", "")
        [kept] = journal.parent.glob(journal.name + ".damaged-*")
        assert "Line 4 of the journal is damaged" in body and str(kept) in body
        await pilot.press("r")
        await pilot.pause()
        assert {m.case: m.to for m in app.assignment.net_moves()} == {"K-001": "cd", "K-002": "cd"}
        assert "Line 4 of the journal was damaged" in notes(app)
    assert kept.read_bytes() == original
