"""The journal: every step durable as it happens, restored exactly after a crash."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.models import Team
from planner.core.moves import UNASSIGNED, Assignment, MoveRefused
from planner.core.problems import ProblemsFound
from planner.core.reconcile import LeftoverReason
from planner.io import files as files_module
from planner.io import journal as journal_module
from planner.io.files import SaveFailed
from planner.io.journal import (
    HeaderFault,
    Journal,
    JournalUnusable,
    discard,
    find_unsaved,
    journal_path,
    read_journal,
)
from planner.io.plans import plan_from
from planner.io.session import PlanSession
from plans_support import ON, WORKERS, TeamDir, cases_csv, make_team
from team_helpers import english


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state" / "planner"


@pytest.fixture
def team_dir(tmp_path: Path):
    return make_team(tmp_path / "team")


def step(journal: Journal, assignment: Assignment, op: str, *args: object) -> None:
    """Do one step on the board and record it, as the app does."""
    if op == "do":
        moves = assignment.move(*args)  # type: ignore[arg-type]
    elif op == "undo":
        moves = assignment.undo()
    elif op == "redo":
        moves = assignment.redo()
    else:
        moves = assignment.revert(*args)  # type: ignore[arg-type]
    journal.record(op, moves)


def test_journal_lives_privately_in_the_state_folder(state: Path, team_dir) -> None:
    team = team_dir.team()
    journal = Journal.start(team_dir.config, team)
    assert journal.path == journal_path(team_dir.config, "lille")
    assert journal.path.parent == state
    assert journal.path.name.startswith("lille-") and journal.path.suffix == ".journal"
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    assert stat.S_IMODE(journal.path.stat().st_mode) == 0o600
    journal.close()


@pytest.mark.parametrize("mode", [0o770, 0o757])
def test_a_state_folder_others_may_write_to_is_refused(state: Path, team_dir, mode: int) -> None:
    # As OpenSSH's StrictModes: refused, not silently tightened (a journal may be planted
    # in it already); the message names the folder and what to do.
    state.mkdir(parents=True)
    state.chmod(mode)
    with pytest.raises(SaveFailed) as refused:
        Journal.start(team_dir.config, team_dir.team())
    text = english(refused.value.problems[0])
    assert f"folder {state} is writable by" in text and f"chmod go-w {state}" in text
    assert list(state.iterdir()) == []
    assert stat.S_IMODE(state.stat().st_mode) == mode


def test_every_step_is_fsynced_before_it_returns(
    state: Path, team_dir, monkeypatch: pytest.MonkeyPatch
) -> None:
    assignment = team_dir.assignment()
    journal = Journal.start(team_dir.config, assignment.team)
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(journal_module.os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    step(journal, assignment, "do", ["K-001"], "cd")
    assert len(synced) == 1
    lines = journal.path.read_text().splitlines()
    assert json.loads(lines[-1])["moves"] == [["K-001", "ab", "cd", None]]
    step(journal, assignment, "undo")
    step(journal, assignment, "redo")
    assert len(synced) == 3
    journal.close()


# The strategies need the case ids when the module loads: read them from the CSV text the
# team is written from. The team itself is written once per module, in a pytest temp folder.
_CASES = [line.split(";", 1)[0] for line in cases_csv().splitlines()[1:]]
_ops = st.lists(
    st.one_of(
        st.tuples(
            st.just("do"),
            st.lists(st.sampled_from(_CASES), min_size=1, max_size=3),
            st.sampled_from([*WORKERS, UNASSIGNED]),
        ),
        st.tuples(st.just("undo")),
        st.tuples(st.just("redo")),
        st.tuples(st.just("revert"), st.sampled_from(_CASES)),
        st.tuples(st.just("save")),
    ),
    max_size=25,
)


@pytest.fixture(scope="module")
def shared_team(tmp_path_factory: pytest.TempPathFactory) -> tuple[TeamDir, Team]:
    team_dir = make_team(tmp_path_factory.mktemp("journal"))
    team = team_dir.team()
    assert [c.id for c in team.cases] == _CASES
    return team_dir, team


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=_ops)
def test_restore_gives_the_same_state_and_history(
    shared_team: tuple[TeamDir, Team], ops: list[tuple]
) -> None:
    team_dir, team = shared_team
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "j.journal"
        live = Assignment(team, ON)
        journal = Journal.start(team_dir.config, team, path=path)
        saved_once = False
        for op in ops:
            if op[0] == "save":
                plan = plan_from(live)
                journal.saved(Path(folder) / "p.toml", plan)
                saved_once = True
                continue
            with contextlib.suppress(MoveRefused):
                step(journal, live, op[0], *op[1:])
        journal.close()  # the process dies here: nothing else is written

        recovered = read_journal(path)
        assert recovered is not None
        restored = Assignment(team, ON)
        assert recovered.restore(restored) == []
        assert restored.snapshot() == live.snapshot()
        assert {(m.case, m.to) for m in restored.net_moves()} == {
            (m.case, m.to) for m in live.net_moves()
        }
        if not saved_once:
            # The same history: undo and redo do the same on both from here on.
            assert (restored.can_undo, restored.can_redo) == (live.can_undo, live.can_redo)
            while live.can_undo:
                assert restored.undo() == live.undo()
            assert not restored.can_undo


def test_saving_clears_the_unsaved_steps(state: Path, team_dir) -> None:
    assignment = team_dir.assignment()
    journal = Journal.start(team_dir.config, assignment.team)
    assert find_unsaved(team_dir.config, "lille") is None
    step(journal, assignment, "do", ["K-001"], "cd")
    recovered = find_unsaved(team_dir.config, "lille")
    assert recovered is not None and recovered.step_count == 1
    plan = plan_from(assignment)
    journal.saved(team_dir.root / "plans" / "p.toml", plan)
    assert find_unsaved(team_dir.config, "lille") is None
    # After the save the base is the saved plan; later steps build on it.
    step(journal, assignment, "do", ["K-002"], "ef")
    recovered = find_unsaved(team_dir.config, "lille")
    assert recovered is not None
    assert recovered.plan_path == (team_dir.root / "plans" / "p.toml").resolve()
    assert recovered.previous_plan(assignment.team) is not None
    restored = team_dir.assignment()
    recovered.restore(restored)
    assert restored.snapshot() == assignment.snapshot()
    journal.discard()
    assert not journal.path.exists()
    assert find_unsaved(team_dir.config, "lille") is None


def test_a_line_cut_short_by_a_crash_is_ignored(state: Path, team_dir) -> None:
    assignment = team_dir.assignment()
    journal = Journal.start(team_dir.config, assignment.team)
    step(journal, assignment, "do", ["K-001"], "cd")
    step(journal, assignment, "do", ["K-002"], "ef")
    journal.close()
    with journal.path.open("a") as handle:
        handle.write('{"op": "do", "moves": [["K-00')
    recovered = find_unsaved(team_dir.config, "lille")
    assert recovered is not None and recovered.step_count == 2 and recovered.damaged_lines == 1
    restored = team_dir.assignment()
    recovered.restore(restored)
    assert restored.snapshot() == assignment.snapshot()


@pytest.mark.parametrize(
    "damaged",
    [
        b'{"op": "do", "moves": [["K-00',  # cut short, then written after (a torn page)
        b"\xff\xfe\x00garbage",  # not UTF-8
        b"",  # an empty line
        b'{"op": "teleport", "moves": []}',  # an op this version does not know
        b'{"op": "do", "moves": [["K-002", "ab"]]}',  # a move of the wrong shape
    ],
    ids=["cut", "not-utf8", "empty", "unknown-op", "bad-move"],
)
def test_a_damaged_line_mid_file_stops_the_journal_there_and_says_how_many_lines(
    state: Path, team_dir, damaged: bytes
) -> None:
    # Steps after a damaged one may depend on it (undo, redo): the journal is read up to
    # the damaged line only, and the lines from it on are reported, not silently used.
    assignment = team_dir.assignment()
    journal = Journal.start(team_dir.config, assignment.team)
    step(journal, assignment, "do", ["K-001"], "cd")
    after_first = assignment.snapshot()
    step(journal, assignment, "do", ["K-002"], "ef")
    step(journal, assignment, "do", ["K-003"], "gh")
    journal.close()
    lines = journal.path.read_bytes().split(b"\n")
    assert len(lines) == 6 and lines[-1] == b""  # header, base, three steps
    lines[3] = damaged  # the second step
    journal.path.write_bytes(b"\n".join(lines))

    recovered = find_unsaved(team_dir.config, "lille")
    assert recovered is not None
    assert recovered.step_count == 1
    assert recovered.damaged_lines == 2  # the damaged line and the step after it
    restored = team_dir.assignment()
    assert recovered.restore(restored) == []
    assert restored.snapshot() == after_first


def test_changed_cases_are_reconciled_on_restore(state: Path, team_dir) -> None:
    assignment = team_dir.assignment()
    journal = Journal.start(team_dir.config, assignment.team)
    step(journal, assignment, "do", ["K-001"], "cd")
    step(journal, assignment, "do", ["K-002", "K-003"], "ef")
    step(journal, assignment, "do", ["K-002"], "gh")
    journal.close()
    team_dir.cases.write_text(cases_csv({"K-003": ("gh", "")}), encoding="utf-8")
    recovered = find_unsaved(team_dir.config, "lille")
    assert recovered is not None
    restored = team_dir.assignment()
    leftovers = recovered.restore(restored)
    assert [(left.move.case, left.reason) for left in leftovers] == [
        ("K-003", LeftoverReason.CASE_ELSEWHERE)
    ]
    assert restored.holder("K-001") == "cd" and restored.holder("K-002") == "gh"
    assert restored.holder("K-003") == "gh"


def test_note_is_journaled_and_cpr_refused(state: Path, team_dir) -> None:
    journal = Journal.start(team_dir.config, team_dir.team())
    journal.record_note("Aftalt med MED-udvalget")
    with pytest.raises(ProblemsFound) as refused:
        journal.record_note("borger 010190-1234")
    assert "CPR" in english(refused.value)
    assert "010190" not in journal.path.read_text()
    recovered = find_unsaved(team_dir.config, "lille")
    assert recovered is not None and recovered.note == "Aftalt med MED-udvalget"
    journal.close()


def test_discard_of_a_missing_journal_is_quiet(state: Path, team_dir) -> None:
    discard(journal_path(team_dir.config, "lille"))
    assert read_journal(journal_path(team_dir.config, "lille")) is None


_CHILD = """
import os, signal, sys
from datetime import date
from pathlib import Path
from planner.core.moves import Assignment
from planner.io.journal import Journal
from planner.io.teams import load_team

config = Path(sys.argv[1])
team = load_team(config)
assignment = Assignment(team, date(2026, 11, 23))
journal = Journal.start(config, team)
for index in (1, 2, 3, 4, 6, 7, 8, 9, 10, 11):  # K-005 is pinned
    journal.record("do", assignment.move([f"K-{index:03d}"], "cd", "Sagstalsudligning"))
journal.record("undo", assignment.undo())
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_killed_process_loses_no_step(state: Path, team_dir) -> None:
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, str(team_dir.config)],
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=60,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL
    recovered = find_unsaved(team_dir.config, "lille")
    assert recovered is not None and recovered.step_count == 11
    restored = team_dir.assignment()
    recovered.restore(restored)
    assert [m.case for m in restored.net_moves()] == [
        f"K-{i:03d}" for i in (1, 2, 3, 4, 6, 7, 8, 9, 10)
    ]
    assert restored.can_redo  # the undone tenth move can still be redone


# ---------------------------------------------------------------------------------------
# A journal that cannot be used (issue 14 §3): never lost, kept aside, described


def _journal_with_steps(team_dir) -> Path:
    """A crashed session's journal: three steps and a changed note."""
    assignment = team_dir.assignment()
    journal = Journal.start(team_dir.config, assignment.team)
    step(journal, assignment, "do", ["K-001", "K-002"], "cd")
    step(journal, assignment, "do", ["K-003"], "ef")
    step(journal, assignment, "do", ["K-004"], "gh")
    journal.record_note("Runde 2")
    journal.close()
    return journal.path


def _header(path: Path, change: Callable[[dict], object]) -> None:
    lines = path.read_text("utf-8").splitlines(keepends=True)
    header = json.loads(lines[0])
    change(header)
    lines[0] = json.dumps(header) + "\n"
    path.write_text("".join(lines), "utf-8")


def _cut_off(path: Path) -> None:
    path.write_bytes(path.read_bytes().split(b"\n")[0][:60])


HEADER_FAULTS = [
    ("unknown-key", lambda p: _header(p, lambda h: h.update(colour="blue")),
     HeaderFault.UNKNOWN_KEY, "colour"),
    ("bad-date", lambda p: _header(p, lambda h: h.update(started="2026-13-45T25:00")),
     HeaderFault.BAD_DATE, "started"),
    ("bad-plan-date", lambda p: _header(p, lambda h: h.update(plan_created="i går")),
     HeaderFault.BAD_DATE, "plan_created"),
    ("missing-team", lambda p: _header(p, lambda h: h.pop("team")),
     HeaderFault.MISSING_KEY, "team"),
    ("wrong-type", lambda p: _header(p, lambda h: h.update(pid="1234")),
     HeaderFault.BAD_VALUE, "pid"),
    ("other-version", lambda p: _header(p, lambda h: h.update(journal=2)),
     HeaderFault.VERSION, "2"),
    ("cut-off", _cut_off, HeaderFault.CUT_OFF, ""),
    ("not-json", lambda p: p.write_bytes(b"\x00garbage\n" + p.read_bytes()),
     HeaderFault.NOT_JSON, ""),
    ("empty", lambda p: p.write_bytes(b""), HeaderFault.EMPTY, ""),
]  # fmt: skip


@pytest.mark.parametrize(
    ("damage", "fault", "detail"),
    [pytest.param(*row[1:], id=row[0]) for row in HEADER_FAULTS],
)
def test_a_journal_whose_header_cannot_be_used_is_kept_aside(
    state: Path, team_dir, damage: Callable[[Path], None], fault: HeaderFault, detail: str
) -> None:
    path = _journal_with_steps(team_dir)
    damage(path)
    damaged = path.read_bytes()
    with pytest.raises(JournalUnusable) as unusable:
        find_unsaved(team_dir.config, "lille")
    assert (unusable.value.fault, unusable.value.detail) == (fault, detail)
    # The session keeps it aside, whole, says what it held, and starts afresh.
    session = PlanSession.open(team_dir.config, team_dir.assignment())
    try:
        aside = session.set_aside
        assert aside is not None and aside.kept is not None
        assert aside.kept.parent == state and aside.kept.name.startswith(path.name + ".damaged-")
        assert aside.kept.read_bytes() == damaged
        assert stat.S_IMODE(aside.kept.stat().st_mode) == 0o600
        held = aside.summary  # what it held, as far as it can be read
        if fault not in (HeaderFault.EMPTY, HeaderFault.NOT_JSON, HeaderFault.MISSING_KEY):
            assert held.team == "lille"
        if fault not in (HeaderFault.EMPTY, HeaderFault.NOT_JSON, HeaderFault.CUT_OFF):
            assert held.user and held.started
        if fault not in (HeaderFault.EMPTY, HeaderFault.CUT_OFF):
            assert (held.steps, held.moves, held.note_changed) == (3, 4, True)
        assert session.recovered is None and session.journal is not None
        assert read_journal(path) is not None  # a fresh one in its place
    finally:
        session.close(keep_unsaved=False)
    assert aside.kept.read_bytes() == damaged  # and it stays after the session


def test_a_damaged_line_in_the_middle_stops_there_and_the_whole_is_kept(
    state: Path, team_dir
) -> None:
    path = _journal_with_steps(team_dir)
    lines = path.read_text("utf-8").splitlines(keepends=True)
    # header, base, do, do, do, note: the fourth line (the second step) cut in half.
    lines[3] = lines[3][: len(lines[3]) // 2] + "\n"
    path.write_text("".join(lines), "utf-8")
    original = path.read_bytes()
    recovered = read_journal(path)
    assert recovered is not None
    assert recovered.damaged_line == 4 and recovered.damaged_lines == 3
    assert recovered.step_count == 1  # the step before the damage only
    session = PlanSession.open(team_dir.config, team_dir.assignment())
    try:
        assert session.recovered is not None and session.recovered.kept is not None
        kept = session.recovered.kept
        assert kept.read_bytes() == original  # a copy of the whole, the damaged part too
        session.restore()
        assert {m.case: m.to for m in session.assignment.net_moves()} == {
            "K-001": "cd",
            "K-002": "cd",
        }
    finally:
        session.close(keep_unsaved=False)
    assert kept.read_bytes() == original


@pytest.mark.parametrize(
    ("line", "insert"),
    [(2, True), (3, True), (2, False), (3, False)],
    ids=["inserted-at-2", "inserted-at-3", "base-damaged", "first-step-damaged"],
)
def test_a_damaged_line_before_the_first_step_keeps_the_whole_journal_aside(
    state: Path, team_dir, line: int, insert: bool
) -> None:
    # Issue: damaged as line 2 or 3 left no usable step; the journal was silently replaced
    # (header and base only) and the two unsaved moves lost.
    assignment = team_dir.assignment()
    journal = Journal.start(team_dir.config, assignment.team)
    step(journal, assignment, "do", ["K-001"], "cd")
    step(journal, assignment, "do", ["K-002"], "ef")
    journal.close()
    lines = journal.path.read_bytes().split(b"\n")
    broken = b'{"op": "do", "moves": [[BROKEN'
    if insert:
        lines.insert(line - 1, broken)
    else:
        lines[line - 1] = broken
    journal.path.write_bytes(b"\n".join(lines))
    damaged = journal.path.read_bytes()
    with pytest.raises(JournalUnusable) as unusable:
        find_unsaved(team_dir.config, "lille")
    assert (unusable.value.fault, unusable.value.detail) == (HeaderFault.DAMAGED_LINE, str(line))
    session = PlanSession.open(team_dir.config, team_dir.assignment())
    try:
        aside = session.set_aside
        assert aside is not None and aside.kept is not None
        assert aside.kept.name.startswith(journal.path.name + ".damaged-")
        assert aside.kept.read_bytes() == damaged  # whole, never lost
        held = aside.summary
        assert held.team == "lille"
        # What it held: the steps that still read, after the damaged line too.
        assert held.steps == (2 if insert or line == 2 else 1)
        from planner.ui.planning import set_aside_text

        for lang, said in (
            ("en", f"line {line} is damaged"),
            ("da", f"linje {line} er beskadiget"),
        ):
            text = set_aside_text(aside, lang)
            assert said in text and str(aside.kept) in text
    finally:
        session.close(keep_unsaved=False)
    assert aside.kept.read_bytes() == damaged


def test_a_journal_of_another_user_is_never_read(
    state: Path, team_dir, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _journal_with_steps(team_dir)
    before = path.read_bytes()
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)
    else:  # we cannot give a file away: pretend to be someone else instead
        me = os.geteuid()
        monkeypatch.setattr(journal_module.os, "geteuid", lambda: me + 1)
        monkeypatch.setattr(files_module.os, "geteuid", lambda: me)
    with pytest.raises(ProblemsFound) as refused:
        PlanSession.open(team_dir.config, team_dir.assignment())
    text = english(refused.value.problems[0])
    assert "is a journal of user" in text and "not yours" in text and f"rm {path}" in text
    assert path.read_bytes() == before
