"""Plan files: round trips, atomic and private saves, clear errors, reconciling changed cases."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import tempfile
import tomllib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.cpr import find_cpr
from planner.core.models import Team
from planner.core.moves import UNASSIGNED, Assignment, MoveRefused
from planner.core.problems import ProblemsFound
from planner.core.reconcile import LeftoverReason, reconcile
from planner.i18n import leftover_text
from planner.io import files, plans
from planner.io.files import SaveFailed
from planner.io.planfile import Plan, PlanMove
from planner.io.plans import (
    new_plan_path,
    plan_from,
    plan_team_id,
    plans_location,
    read_plan,
    write_plan,
)
from plans_support import ON, TEAMS_TOML, WORKERS, cases_csv, make_team
from team_helpers import english


@pytest.fixture
def team_dir(tmp_path: Path):
    return make_team(tmp_path)


def _some_plan(team_dir, note: str = "Første udkast") -> tuple[Assignment, Plan]:
    assignment = team_dir.assignment()
    assignment.move(["K-001", "K-002"], "cd", "Sagstalsudligning")
    assignment.move(["K-057"], "ef")
    return assignment, plan_from(assignment, note=note)


# ---------------------------------------------------------------------------------------
# Round trip

# The strategies need the case ids when the module loads: read them from the CSV text the
# team is written from. The team itself is loaded once per module, in a pytest temp folder.
_CASES = [line.split(";", 1)[0] for line in cases_csv().splitlines()[1:]]
_TARGETS = [*WORKERS, UNASSIGNED]
_REASONS = [None, "Sagstalsudligning", "Medarbejder fratræder", 'Citat "med" tegn']

_ops = st.lists(
    st.one_of(
        st.tuples(
            st.just("move"),
            st.lists(st.sampled_from(_CASES), min_size=1, max_size=3),
            st.sampled_from(_TARGETS),
            st.sampled_from(_REASONS),
        ),
        st.tuples(st.just("undo")),
        st.tuples(st.just("redo")),
        st.tuples(st.just("revert"), st.sampled_from(_CASES)),
    ),
    max_size=25,
)
_notes = st.text(max_size=40).filter(lambda text: find_cpr(text) is None)


def apply_ops(assignment: Assignment, ops: list[tuple]) -> None:
    for op in ops:
        try:
            if op[0] == "move":
                assignment.move(op[1], op[2], op[3])
            elif op[0] == "undo":
                assignment.undo()
            elif op[0] == "redo":
                assignment.redo()
            else:
                assignment.revert(op[1])
        except MoveRefused:
            pass  # pinned cases: the board refuses them too


@pytest.fixture(scope="module")
def roundtrip_team(tmp_path_factory: pytest.TempPathFactory) -> Team:
    team = make_team(tmp_path_factory.mktemp("roundtrip")).team()
    assert [c.id for c in team.cases] == _CASES
    return team


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=_ops, note=_notes)
def test_save_reopen_save_writes_the_same_file(
    roundtrip_team: Team, ops: list[tuple], note: str
) -> None:
    team = roundtrip_team
    live = Assignment(team, ON)
    apply_ops(live, ops)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plans" / "p.toml"
        # Made a while ago by someone else: a re-save must keep who and when.
        made = plan_from(live, note=note).model_copy(
            update={"created": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), "author": "kollega"}
        )
        write_plan(path, made, team)
        first = path.read_bytes()

        plan = read_plan(path, team)
        reopened = Assignment(team, ON)
        result = reconcile([m.as_move() for m in plan.moves], reopened)
        assert result.leftovers == []
        assert reopened.snapshot() == live.snapshot()
        assert plan.note == note

        write_plan(path, plan_from(reopened, note=plan.note, previous=plan), team)
        assert path.read_bytes() == first
    # The plan holds the net moves only: each case once, never "from" = "to".
    assert len({m.case for m in plan.moves}) == len(plan.moves)
    assert {m.case for m in plan.moves} == {
        c for c in _CASES if live.holder(c) != live.original_holder(c)
    }


def test_file_looks_like_the_documented_format(team_dir) -> None:
    _, plan = _some_plan(team_dir)
    text = plan.to_toml()
    assert text.startswith('format = 1\nteam = "lille"\ncreated = ')
    assert "[[moves]]" in text and 'from = ""' in text
    created = tomllib.loads(text)["created"]
    assert isinstance(created, datetime) and created.tzinfo is not None
    assert "T" in text.splitlines()[2]


# ---------------------------------------------------------------------------------------
# Safe saving


def test_plan_is_private_and_its_new_folder_too(team_dir, tmp_path: Path) -> None:
    _, plan = _some_plan(team_dir)
    path = tmp_path / "new" / "plans" / "p.toml"
    write_plan(path, plan)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["p.toml"]  # no temp file left


def test_the_folder_is_fsynced_after_the_rename(
    team_dir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without the folder's fsync a power cut can lose the rename: the old plan (or none)
    # comes back although the save said it was done.
    _, plan = _some_plan(team_dir)
    path = tmp_path / "plans" / "p.toml"
    path.parent.mkdir(mode=0o700)
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def replace(src: str, dst: str | Path) -> None:
        events.append(("replace", f"{src} -> {dst}"))
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "fsync", fsync)
    monkeypatch.setattr(files.os, "replace", replace)
    write_plan(path, plan)
    monkeypatch.undo()
    folder = str(path.parent.resolve())
    assert len(events) == 3, events
    (synced, temp), (replaced, move), last = events
    # The temp file's data first, then the rename over the plan, then the folder.
    assert synced == "fsync" and Path(temp).parent == Path(folder)
    assert replaced == "replace" and move == f"{temp} -> {path}"
    assert last == ("fsync", folder)
    assert read_plan(path, team_dir.team()).moves == plan.moves


def test_world_writable_folder_is_refused(team_dir, tmp_path: Path) -> None:
    _, plan = _some_plan(team_dir)
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    with pytest.raises(SaveFailed) as caught:
        write_plan(folder / "p.toml", plan)
    assert "writable by everyone" in english(caught.value)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("patched", "error", "said"),
    [
        ("write", errno.ENOSPC, "the disk is full"),
        ("fsync", errno.ENOSPC, "the disk is full"),
        ("replace", errno.EACCES, "permission denied"),
        ("mkstemp", errno.EACCES, "permission denied"),
        ("write", errno.EDQUOT, "quota"),
    ],
)
def test_failed_save_keeps_the_previous_file_byte_for_byte(
    team_dir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, patched: str, error: int, said: str
) -> None:
    assignment, plan = _some_plan(team_dir)
    path = tmp_path / "plans" / "p.toml"
    write_plan(path, plan)
    before = path.read_bytes()
    assignment.move(["K-003"], "ef")
    newer = plan_from(assignment, previous=plan)

    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(error, os.strerror(error))

    if patched == "mkstemp":
        monkeypatch.setattr(files.tempfile, "mkstemp", fail)
    else:
        monkeypatch.setattr(files.os, patched, fail)
    with pytest.raises(SaveFailed) as caught:
        write_plan(path, newer)
    monkeypatch.undo()
    message = english(caught.value)
    assert said in message
    assert "previous version of the file is unchanged" in message
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["p.toml"]


def test_failed_first_save_says_nothing_was_written(
    team_dir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, plan = _some_plan(team_dir)
    path = tmp_path / "out" / "p.toml"

    def full(*_args: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "write", full)
    with pytest.raises(SaveFailed) as caught:
        write_plan(path, plan)
    assert "Nothing was written" in english(caught.value)
    monkeypatch.undo()
    assert list(path.parent.iterdir()) == []


def _make_read_only(folder: Path) -> Callable[[], None]:
    """A folder nobody may write to, root included (root ignores mode bits: chattr +i)."""
    if os.geteuid() != 0:
        folder.chmod(0o500)
        return lambda: folder.chmod(0o700)
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(folder)], check=False).returncode:
        pytest.skip("running as root without a working chattr: cannot make a folder read-only")
    return lambda: subprocess.run([chattr, "-i", str(folder)], check=True)


def test_read_only_folder_keeps_the_previous_file(team_dir, tmp_path: Path) -> None:
    assignment, plan = _some_plan(team_dir)
    path = tmp_path / "ro" / "p.toml"
    write_plan(path, plan)
    before = path.read_bytes()
    restore = _make_read_only(path.parent)
    try:
        assignment.move(["K-003"], "ef")
        with pytest.raises(SaveFailed) as caught:
            write_plan(path, plan_from(assignment, previous=plan))
    finally:
        restore()
    assert "permission denied" in english(caught.value)
    assert "previous version of the file is unchanged" in english(caught.value)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["p.toml"]


def test_cpr_in_the_note_is_refused_and_nothing_written(team_dir, tmp_path: Path) -> None:
    _, plan = _some_plan(team_dir, note="Ring til borger 010190-1234")
    path = tmp_path / "p.toml"
    with pytest.raises(ProblemsFound) as caught:
        write_plan(path, plan)
    message = english(caught.value)
    assert "CPR" in message and "010190-1234" not in message and "xxxxxx-xxxx" in message
    assert not path.exists()


# ---------------------------------------------------------------------------------------
# Where new plans go


def test_new_plans_go_beside_the_config_folder(team_dir) -> None:
    when = datetime(2026, 11, 23, 10, 15)
    first = new_plan_path(team_dir.config, "lille", when)
    assert first == team_dir.root.resolve() / "plans" / "lille-20261123-1015.toml"
    first.parent.mkdir()
    first.write_text("")
    assert new_plan_path(team_dir.config, "lille", when).name == "lille-20261123-1015-2.toml"


def test_a_config_inside_an_installed_package_sends_plans_to_the_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    installed = make_team(tmp_path / "lib" / "site-packages" / "planner" / "_bundled")
    folder, why = plans_location(installed.config)
    assert folder == tmp_path / "data" / "planner" / "plans"
    assert why is plans.PlacedBecause.INSTALLED


def test_an_unwritable_config_folder_sends_plans_to_the_user(
    team_dir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(files.os, "access", lambda *_a, **_k: False)
    folder, why = plans_location(team_dir.config)
    assert folder == tmp_path / "data" / "planner" / "plans"
    assert why is plans.PlacedBecause.READ_ONLY


# ---------------------------------------------------------------------------------------
# Bad plan files


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path, team) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        read_plan(path, team)
    return [english(p) for p in caught.value.problems]


def _good_text(team_dir) -> str:
    _, plan = _some_plan(team_dir)
    return plan.to_toml()


def test_corrupt_toml_names_the_spot(
    team_dir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path / "p.toml", 'format = 1\nteam = "lille\n')
    team = team_dir.team()
    monkeypatch.chdir(tmp_path)  # the file is named as the user would type it
    [problem] = _problems(path, team)
    assert problem.startswith("p.toml: is not valid TOML")
    assert "not valid TOML" in problem and "line 2" in problem


def test_missing_and_unknown_keys_are_all_reported(team_dir, tmp_path: Path) -> None:
    text = _good_text(team_dir).replace('author = "', 'writer = "').replace("to = ", "til = ", 1)
    found = _problems(_write(tmp_path / "p.toml", text), team_dir.team())
    joined = "\n".join(found)
    assert "'author' is missing" in joined
    assert "unknown key 'writer'" in joined
    assert "unknown key 'til'" in joined and "move 1 (case 'K-001')" in joined
    assert "'to' is missing" in joined


@pytest.mark.parametrize(
    ("line", "said"), [("format = 3", "format version 3"), ("", "'format' is missing")]
)
def test_unknown_or_missing_format_version(team_dir, tmp_path: Path, line: str, said: str) -> None:
    text = _good_text(team_dir).replace("format = 1", line, 1)
    [problem] = _problems(_write(tmp_path / "p.toml", text), team_dir.team())
    assert said in problem


@pytest.mark.parametrize(
    ("file", "said", "todo"),
    [
        ("teams", "it looks like a teams file", "a teams file is given with --config"),
        ("norms", "it looks like a norm set", 'norms = "..." under the team'),
        ("cases", "it looks like a cases file", 'cases = "..." under the team'),
    ],
)
def test_another_of_planners_files_given_as_a_plan(
    team_dir, tmp_path: Path, file: str, said: str, todo: str
) -> None:
    # A teams file given as a plan was told "Add 'format = 1' as the first line".
    text = {
        "teams": '[teams.lille]\nname = "Lille"\n',
        "norms": '[areas.a]\nlabel = "A"\nmin = 1\nmax = 2\n',
        "cases": '[[cases]]\nid = "K-1"\n',
    }[file]
    [problem] = _problems(_write(tmp_path / "p.toml", text), team_dir.team())
    assert f"p.toml: is not a plan file: {said}" in problem
    assert "Give a plan saved from the board" in problem and todo in problem
    assert "format = 1" not in problem


def test_worker_and_case_that_never_existed(team_dir, tmp_path: Path) -> None:
    text = _good_text(team_dir).replace('"K-002"', '"K-999"').replace('to = "ef"', 'to = "zz"')
    found = "\n".join(_problems(_write(tmp_path / "p.toml", text), team_dir.team()))
    assert "case 'K-999' does not exist" in found and "move 2" in found
    assert "worker 'zz' is not in team 'lille'" in found and "move 3" in found


def test_fingerprint_that_does_not_match(team_dir, tmp_path: Path) -> None:
    path = _write(tmp_path / "p.toml", _good_text(team_dir))
    team_dir.cases.write_text(cases_csv({"K-060": ("cd", "")}), encoding="utf-8")
    [problem] = _problems(path, team_dir.team())
    assert "fingerprint does not match" in problem and "--reconcile" in problem
    # The app's way in accepts it and leaves the rest to reconcile.
    assert read_plan(path, team_dir.team(), allow_changed=True).moves


def test_plan_for_another_team(team_dir, tmp_path: Path) -> None:
    text = _good_text(team_dir).replace('team = "lille"', 'team = "stor"')
    path = _write(tmp_path / "p.toml", text)
    assert plan_team_id(path) == "stor"
    assert "is a plan for team 'stor', not 'lille'" in "\n".join(_problems(path, team_dir.team()))


def test_cpr_anywhere_in_the_file_is_refused_without_echoing_it(team_dir, tmp_path: Path) -> None:
    text = (
        _good_text(team_dir)
        .replace('"K-001"', '"2312901234"')
        .replace("Første udkast", "borger 231290-1234")
    )
    found = "\n".join(_problems(_write(tmp_path / "p.toml", text), team_dir.team()))
    assert found.count("looks like a CPR number") == 2
    assert "1234" not in found and "231290" not in found


def test_duplicate_and_idle_moves(team_dir, tmp_path: Path) -> None:
    text = _good_text(team_dir).replace('"K-002"', '"K-001"').replace('to = "ef"', 'to = ""')
    found = "\n".join(_problems(_write(tmp_path / "p.toml", text), team_dir.team()))
    assert "case 'K-001' is moved twice" in found
    assert "to the same worker" in found


def test_model_refuses_unknown_keys_directly() -> None:
    with pytest.raises(ValueError):
        PlanMove.model_validate({"case": "K-1", "from": "", "to": "ab", "extra": 1})


# ---------------------------------------------------------------------------------------
# Reconciling a plan with cases that changed


def _reconciled(team_dir, tmp_path: Path, cases: str | None = None, teams: str | None = None):
    assignment = team_dir.assignment()
    assignment.move(["K-001"], "cd", "Sagstalsudligning")  # stays valid
    assignment.move(["K-002"], "ef")  # case gone
    assignment.move(["K-003"], "ef")  # now with another worker
    assignment.move(["K-004"], "gh")  # worker gone (to)
    assignment.move(["K-046"], "ab")  # worker gone (from)
    assignment.move(["K-006"], "cd")  # already done in the case system
    assignment.move(["K-007"], "cd")  # now pinned
    path = tmp_path / "p.toml"
    write_plan(path, plan_from(assignment))
    rows = {
        "K-003": ("ab", ""),
        "K-006": ("cd", ""),
        "K-007": ("ab", "ja"),
        "K-046": ("cd", ""),
    }
    lines = cases_csv(rows).splitlines()
    team_dir.cases.write_text(
        "\n".join(line for line in lines if not line.startswith("K-002;")) + "\n",
        encoding="utf-8",
    )
    team_dir.cases.write_text(
        team_dir.cases.read_text().replace("K-003;ab;", "K-003;cd;"), encoding="utf-8"
    )
    gone_gh = TEAMS_TOML[: TEAMS_TOML.index('[[teams.lille.workers]]\nid = "gh"')]
    team_dir.config.write_text(gone_gh, encoding="utf-8")
    # gh's cases must go somewhere in the new data: unassigned, with an area.
    text = team_dir.cases.read_text()
    for index in range(46, 57):
        text = text.replace(f"K-{index:03d};gh;;", f"K-{index:03d};;sygedagpenge;")
    team_dir.cases.write_text(text, encoding="utf-8")
    team = team_dir.team()
    fresh = Assignment(team, ON)
    plan = read_plan(path, team, allow_changed=True)
    return plan, fresh, reconcile([m.as_move() for m in plan.moves], fresh)


def test_each_reconcile_reason(team_dir, tmp_path: Path) -> None:
    _plan, fresh, result = _reconciled(team_dir, tmp_path)
    reasons = {left.move.case: left.reason for left in result.leftovers}
    assert reasons == {
        "K-002": LeftoverReason.CASE_GONE,
        "K-003": LeftoverReason.CASE_ELSEWHERE,
        "K-004": LeftoverReason.WORKER_GONE,
        "K-046": LeftoverReason.WORKER_GONE,
        "K-006": LeftoverReason.ALREADY_DONE,
        "K-007": LeftoverReason.PINNED,
    }
    assert [m.case for m in result.applied] == ["K-001"]
    assert fresh.holder("K-001") == "cd"
    # What is not applied is untouched, and the one step can be undone as a whole.
    assert fresh.holder("K-003") == "cd" and fresh.holder("K-007") == "ab"
    fresh.undo()
    assert not fresh.has_moves
    details = {left.move.case: leftover_text(left, "en") for left in result.leftovers}
    assert details["K-003"] == "case now with another worker (Carsten Dahl)"
    assert details["K-004"] == "worker gone (gh)"
    assert "gh" in details["K-046"]
    assert {left.move.case: leftover_text(left, "da") for left in result.leftovers}[
        "K-002"
    ].startswith("sagen findes ikke")


def test_plan_times_keep_their_offset(team_dir, tmp_path: Path) -> None:
    _, plan = _some_plan(team_dir)
    copenhagen = timezone(timedelta(hours=1))
    dated = plan.model_copy(update={"created": datetime(2026, 11, 23, 10, 15, tzinfo=copenhagen)})
    path = write_plan(tmp_path / "p.toml", dated)
    assert "created = 2026-11-23T10:15:00+01:00\n" in path.read_text()
    assert read_plan(path, team_dir.team()).created == dated.created
