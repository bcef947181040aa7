"""PlanSession: the lock, journal and plan file around the board, without Textual."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from planner.core.problems import ProblemsFound
from planner.core.reconcile import LeftoverReason
from planner.io.journal import find_unsaved
from planner.io.plans import plan_from, read_plan, write_plan
from planner.io.session import PlanSession
from plans_support import cases_csv, make_team
from team_helpers import english


@pytest.fixture
def team_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return make_team(tmp_path / "work")


def do(session: PlanSession, cases: list[str], to: str) -> None:
    session.record("do", session.assignment.move(cases, to))


def test_a_session_saves_a_new_plan_beside_the_config_and_clears_the_journal(team_dir) -> None:
    session = PlanSession.open(team_dir.config, team_dir.assignment())
    assert session.lock is not None and not session.read_only and session.recovered is None
    assert not session.unsaved
    do(session, ["K-001", "K-002"], "cd")
    assert session.unsaved
    assert find_unsaved(team_dir.config, "lille") is not None
    session.set_note("Første runde")
    target, because = session.target()
    assert target.parent == team_dir.root.resolve() / "plans" and because is None
    path = session.save()
    assert path == target and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not session.unsaved
    assert find_unsaved(team_dir.config, "lille") is None
    plan = read_plan(path, team_dir.team())
    assert plan.note == "Første runde" and [m.case for m in plan.moves] == ["K-001", "K-002"]
    # Undo makes it unsaved again; redo brings back the saved state.
    session.record("undo", session.assignment.undo())
    assert session.unsaved
    session.record("redo", session.assignment.redo())
    assert not session.unsaved
    # A second save goes to the same file and keeps created/author.
    do(session, ["K-003"], "ef")
    assert session.save() == path
    assert read_plan(path, team_dir.team()).created == plan.created
    session.close()
    assert not session.journal
    assert not (team_dir.config.parent / ".planner-lille.lock").exists()


def test_quitting_without_saving_keeps_the_journal_unless_told(team_dir) -> None:
    session = PlanSession.open(team_dir.config, team_dir.assignment())
    do(session, ["K-001"], "cd")
    session.close()
    assert find_unsaved(team_dir.config, "lille") is not None
    session = PlanSession.open(team_dir.config, team_dir.assignment())
    assert session.recovered is not None and session.journal is None
    session.discard_recovered()
    assert find_unsaved(team_dir.config, "lille") is None
    do(session, ["K-002"], "cd")
    session.close(keep_unsaved=False)
    assert find_unsaved(team_dir.config, "lille") is None


def test_open_with_a_plan_reconciles_it(team_dir, tmp_path: Path) -> None:
    assignment = team_dir.assignment()
    assignment.move(["K-001"], "cd")
    assignment.move(["K-003"], "ef")
    path = write_plan(tmp_path / "p.toml", plan_from(assignment, note="gammel"))
    team_dir.cases.write_text(cases_csv({"K-003": ("gh", "")}), encoding="utf-8")
    session = PlanSession.open(team_dir.config, team_dir.assignment(), path)
    assert session.assignment.holder("K-001") == "cd"
    assert [(left.move.case, left.reason) for left in session.leftovers] == [
        ("K-003", LeftoverReason.CASE_ELSEWHERE)
    ]
    assert session.note == "gammel" and session.plan_path == path
    assert session.unsaved  # the file still holds the move that no longer fits
    assert session.save() == path
    assert [m.case for m in read_plan(path, team_dir.team()).moves] == ["K-001"]
    session.close()


def test_a_bad_plan_releases_the_lock(team_dir, tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text("format = 7\n")
    with pytest.raises(ProblemsFound) as refused:
        PlanSession.open(team_dir.config, team_dir.assignment(), path)
    assert "format version 7" in english(refused.value)
    assert not (team_dir.config.parent / ".planner-lille.lock").exists()


def test_a_second_session_is_read_only_and_cannot_save(team_dir) -> None:
    first = PlanSession.open(team_dir.config, team_dir.assignment())
    second = PlanSession.open(team_dir.config, team_dir.assignment())
    try:
        assert second.read_only and second.held_by is not None
        assert second.held_by.pid == os.getpid() and second.journal is None
        with pytest.raises(ProblemsFound) as refused:
            second.save()
        assert "read-only" in english(refused.value)
    finally:
        second.close()
        first.close()


def test_note_with_cpr_is_refused_and_not_kept(team_dir) -> None:
    session = PlanSession.open(team_dir.config, team_dir.assignment())
    with pytest.raises(ProblemsFound) as refused:
        session.set_note("ring 0101901234")
    assert "CPR" in english(refused.value)
    assert session.note == ""
    session.close()


_CRASHING = """
import os, signal, sys
from datetime import date
from pathlib import Path
from planner.core.moves import Assignment
from planner.io.session import PlanSession
from planner.io.teams import load_team

config = Path(sys.argv[1])
session = PlanSession.open(config, Assignment(load_team(config), date(2026, 11, 23)))
session.record("do", session.assignment.move(["K-001", "K-002"], "cd", "Sagstalsudligning"))
session.save()
session.record("do", session.assignment.move(["K-003"], "ef"))
session.record("undo", session.assignment.undo())
session.record("do", session.assignment.move(["K-004"], "gh"))
session.set_note("efter frokost")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_after_a_kill_the_next_session_restores_and_saves_the_same_plan(team_dir) -> None:
    child = subprocess.run(
        [sys.executable, "-c", _CRASHING, str(team_dir.config)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    session = PlanSession.open(team_dir.config, team_dir.assignment())
    assert session.lock is not None and session.lock.taken_over is not None
    recovered = session.recovered
    assert recovered is not None and recovered.step_count == 3
    assert session.restore() == []
    assignment = session.assignment
    assert {m.case: m.to for m in assignment.net_moves()} == {
        "K-001": "cd",
        "K-002": "cd",
        "K-004": "gh",
    }
    assert session.note == "efter frokost" and session.unsaved
    assert assignment.can_redo is False and assignment.can_undo
    saved_before = session.plan_path
    assert saved_before is not None and saved_before.exists()
    # The restored steps are journaled again: a second crash loses nothing either.
    again = find_unsaved(team_dir.config, "lille")
    assert again is not None and again.step_count == 3
    path = session.save()
    assert path == saved_before
    plan = read_plan(path, team_dir.team())
    assert [m.case for m in plan.moves] == ["K-001", "K-002", "K-004"]
    assert plan.note == "efter frokost"
    session.close()


def test_save_never_overwrites_another_file(team_dir) -> None:
    session = PlanSession.open(team_dir.config, team_dir.assignment())
    do(session, ["K-001"], "cd")
    for victim in (team_dir.cases, team_dir.config):
        before = victim.read_bytes()
        with pytest.raises(ProblemsFound) as refused:
            session.save(victim)
        assert "exists already" in english(refused.value)
        assert victim.read_bytes() == before
    path = session.save(team_dir.root / "mine.toml")
    do(session, ["K-002"], "cd")
    assert session.save(path) == path  # its own plan: overwritten, atomically
    session.close()


def test_a_bad_plan_on_the_command_line_exits_2_before_the_board(
    team_dir, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.cli import main

    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\nteam = "lille"\ncreated = 2026-11-23T10:15:00+01:00\n')
    code = main(["--config", str(team_dir.config), "--plan", str(bad)])
    err = capsys.readouterr().err
    assert code == 2
    assert "'author' is missing" in err and "bad.toml" in err
    assert not (team_dir.config.parent / ".planner-lille.lock").exists()


def test_the_board_opens_the_team_the_plan_names(team_dir, tmp_path: Path) -> None:

    from planner.cli.board import team_id_for

    path = write_plan(tmp_path / "p.toml", plan_from(team_dir.assignment()))
    text = path.read_text().replace('team = "lille"', 'team = "anden"')
    path.write_text(text)
    assert team_id_for(None, path) == "anden"
    assert team_id_for("lille", path) == "lille"
    assert team_id_for(None, None) is None
