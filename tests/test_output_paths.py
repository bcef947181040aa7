"""What planner writes, and where: no CPR number in a name it creates (every writer, one
check in planner.io.files)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

import planner
from planner.core.cpr import mask
from planner.core.moves import Assignment
from planner.i18n import problem_text
from planner.io.files import (
    SaveFailed,
    atomic_write,
    bundled_config,
    is_bundled_config,
    login_name,
    owner_name,
    secure_folder,
    write_new,
)
from planner.io.journal import JournalUnusable, journal_path, read_journal
from planner.io.lock import lock_path, read_lock
from planner.io.plans import PlacedBecause, plan_from, plans_location, read_plan, write_plan
from planner.io.session import PlanSession
from planner.io.teams import load_team
from team_helpers import CliResult, english, tree

REPO = Path(__file__).resolve().parents[1]
ON = date(2026, 11, 23)
RunCli = Callable[..., CliResult]


@pytest.fixture
def host(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo config with one saved plan, private state and data folders; the
    working folder."""
    root = tmp_path / "host"
    root.mkdir()
    shutil.copytree(REPO / "config", root / "config", ignore=shutil.ignore_patterns(".*"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(root)
    assignment = Assignment(load_team(root / "config" / "teams.toml", None), ON)
    assignment.move(["K-10630"], "ab", "Sagstalsudligning")
    (root / "p1.toml").write_text(plan_from(assignment, note="Runde 1").to_toml(), "utf-8")
    return root


OUT_PATHS = ["out/010203-1234.{ext}", "out/0102031234/x.{ext}", "out/plan 010203 1234.{ext}"]
WRITERS = {
    "balance": (["balance", "--date", "2026-11-23", "--out"], "toml"),
    "export-csv": (["plan", "export", "p1.toml", "--format", "csv", "--out"], "csv"),
    "export-md": (["plan", "export", "p1.toml", "--format", "md", "--out"], "md"),
}


@pytest.mark.parametrize("out", OUT_PATHS, ids=["file", "folder", "spaced"])
@pytest.mark.parametrize("writer", list(WRITERS))
def test_no_writer_creates_a_name_with_a_cpr_number(
    host: Path, run_cli: RunCli, writer: str, out: str
) -> None:
    args, ext = WRITERS[writer]
    before = tree(host.parent)
    result = run_cli(*args, out.format(ext=ext))
    assert result.code == 2, result
    assert "looks like a CPR number" in result.err
    assert "Nothing was written" in result.err
    assert "010203" not in result.out + result.err and "1234" not in result.err
    assert tree(host.parent) == before
    assert not (host / "out").exists()


def test_the_refusal_in_danish(host: Path, run_cli: RunCli) -> None:
    result = run_cli(*WRITERS["export-csv"][0], "out/010203-1234.csv", "--lang", "da")
    assert result.code == 2, result
    assert "navnet indeholder noget, der ligner et CPR-nummer (xxxxxx-xxxx)" in result.err
    assert "planner må aldrig gemme CPR-numre" in result.err


def test_an_existing_folder_is_the_users_own(host: Path, run_cli: RunCli) -> None:
    """Only what planner would create is judged: a date-like folder name already there is
    not planner's to refuse (the file it writes there has a plain name)."""
    (host / "010203-1234").mkdir(mode=0o700)
    result = run_cli(*WRITERS["export-csv"][0], "010203-1234/plan.csv")
    assert result.code == 0, result
    assert (host / "010203-1234" / "plan.csv").is_file()


def test_a_plan_saved_under_a_cpr_name_is_refused(host: Path) -> None:
    """The board's save and every plan write go through write_plan -> atomic_write."""
    assignment = Assignment(load_team(host / "config" / "teams.toml", None), ON)
    plan = plan_from(assignment, note="x")
    before = tree(host.parent)
    for path in (host / "plans" / "010203-1234.toml", host / "0102031234" / "plan.toml"):
        with pytest.raises(SaveFailed) as refused:
            write_plan(path, plan, assignment.team)
        assert "looks like a CPR number (xxxxxx" in english(refused.value)
        assert "010203" not in english(refused.value)
    assert tree(host.parent) == before


@pytest.mark.parametrize(
    "write",
    [
        lambda path: write_new(path, b"x"),
        lambda path: atomic_write(path, b"x"),
        lambda path: secure_folder(path.parent),
    ],
    ids=["write_new", "atomic_write", "secure_folder"],
)
def test_the_primitives_refuse_before_anything_is_created(
    tmp_path: Path, write: Callable[[Path], None]
) -> None:
    for path in (
        tmp_path / "a" / "010203-1234" / "b" / "f.toml",
        tmp_path / "a" / "0102031234" / "x",
    ):
        with pytest.raises(SaveFailed):
            write(path)
        assert list(tmp_path.iterdir()) == []


def test_init_out_refuses_a_cpr_folder(host: Path, run_cli: RunCli) -> None:
    (host / "cases.csv").write_text("Sagsnr;Sagsbehandler\nS-1;Anna\n", "utf-8")
    before = tree(host.parent)
    result = run_cli("init", "cases.csv", "--norms", "ds", "--out", "0102031234/teams.toml")
    assert result.code == 2, result
    assert "010203" not in result.out + result.err
    assert tree(host.parent) == before


# ---------------------------------------------------------------------------------------
# --date: exactly YYYY-MM-DD (Python 3.11's fromisoformat takes ten digits, a CPR number too)

DATE_COMMANDS = {  # the board's own --date: test_the_board_takes_the_same_dates
    "check": ["check"],
    "balance": ["balance"],
    "forecast": ["forecast"],
    "plan-show": ["plan", "show", "p1.toml"],
    "plan-export": ["plan", "export", "p1.toml", "--format", "csv"],
}


@pytest.mark.parametrize(
    "value", ["0102031234", "010203-1234", "2026112312", "20261123", "2026-W48-1",
              "2026-11-23T10:00", "2026-02-30", "２０２６-１１-２３", " 2026-11-23"],
)  # fmt: skip
@pytest.mark.parametrize("command", list(DATE_COMMANDS))
def test_date_is_exactly_yyyy_mm_dd_everywhere(
    host: Path, run_cli: RunCli, command: str, value: str
) -> None:
    before = tree(host.parent)
    result = run_cli(*DATE_COMMANDS[command], "--date", value)
    assert result.code == 2, result
    assert "is not a date: write YYYY-MM-DD, e.g. 2026-11-23." in result.err
    assert "010203" not in result.err and "Traceback" not in result.err
    assert result.out == ""
    assert tree(host.parent) == before


def test_a_cpr_shaped_date_is_masked_in_danish(host: Path, run_cli: RunCli) -> None:
    result = run_cli("check", "--date", "0102031234", "--lang", "da")
    assert result.code == 2, result
    assert result.err == (
        "planner: --date 'xxxxxxxxxx' er ikke en dato: skriv ÅÅÅÅ-MM-DD, fx 2026-11-23.\n"
    )


def test_a_proper_date_still_works(host: Path, run_cli: RunCli) -> None:
    result = run_cli("check", "--date", "2026-11-23")
    assert result.code == 1, result  # the demo has workers out of range
    assert "2026-11-23" in result.out


def test_the_board_takes_the_same_dates(host: Path) -> None:
    """In a process of its own: a date taken would start the board (no terminal: it ends,
    and the timeout bounds it)."""
    done = subprocess.run(
        [sys.executable, "-m", "planner", "--date", "0102031234"],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
        env={**os.environ, "LANG": "en_GB.UTF-8"},
    )  # fmt: skip
    assert done.returncode == 2, done
    assert done.stderr == (
        "planner: --date 'xxxxxxxxxx' is not a date: write YYYY-MM-DD, e.g. 2026-11-23.\n"
    )


# ---------------------------------------------------------------------------------------
# A CPR-shaped login name: masked where planner reads it, never stored, and saving works


@pytest.mark.parametrize("name", ["010203-1234", "0102031234"])
def test_a_cpr_shaped_login_name_is_never_stored(
    host: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(variable, name)
    assert login_name() == mask(name)
    config = host / "config" / "teams.toml"
    session = PlanSession.open(config, Assignment(load_team(config, None), ON))
    try:
        session.record("do", session.assignment.move(["K-10630"], "ab"))
        held = lock_path(config, "nordby").read_text("utf-8")
        assert json.loads(held)["user"] == mask(name)
        saved = session.save(host / "plans" / "plan.toml")
        assert read_plan(saved, session.assignment.team).author == mask(name)
        stored = journal_path(config, "nordby").read_text("utf-8")
        assert mask(name) in stored
    finally:
        session.close(keep_unsaved=False)
    every = [p for p in host.parent.rglob("*") if p.is_file()]
    assert [p for p in every if "010203" in p.read_text("utf-8", errors="replace")] == []


def test_a_cpr_shaped_owner_name_is_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = SimpleNamespace(pw_name="010203-1234")
    monkeypatch.setattr("planner.io.files.pwd.getpwuid", lambda uid: entry)
    assert owner_name(os.getuid()) == "xxxxxx-xxxx"


# ---------------------------------------------------------------------------------------
# A world-writable folder: chmod advice only for a folder of the user's own


def _advice(folder: Path, lang: str = "en") -> str:
    with pytest.raises(SaveFailed) as refused:
        atomic_write(folder / "plan.toml", b"x")
    assert list(folder.iterdir()) == []
    return "\n".join(problem_text(p, lang) for p in refused.value.problems)


def test_a_sticky_shared_folder_gets_no_chmod_advice(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # as /tmp: sticky, writable by everyone
    said = _advice(shared)
    assert "save in a folder of your own instead" in said and "chmod" not in said
    said = _advice(shared, "da")
    assert "gem i stedet i en mappe, der er din egen" in said and "chmod" not in said


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a folder to another user")
def test_someone_elses_open_folder_gets_no_chmod_advice(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    os.chmod(theirs, 0o777)
    os.chown(theirs, 65534, 65534)
    said = _advice(theirs)
    assert "save in a folder of your own instead" in said and "chmod" not in said


def test_the_users_own_open_folder_gets_chmod_advice(tmp_path: Path) -> None:
    own = tmp_path / "own"
    own.mkdir()
    os.chmod(own, 0o777)
    assert f"chmod o-w {own}" in _advice(own)
    assert f"(chmod o-w {own})" in _advice(own, "da")


def test_balance_out_in_tmp_says_save_elsewhere(host: Path, run_cli: RunCli) -> None:
    tmp = Path("/tmp")
    if not tmp.stat().st_mode & stat.S_IWOTH:
        pytest.skip("/tmp is not writable by everyone here")
    target = tmp / f"planner-test-{os.getpid()}-never-written.toml"
    result = run_cli("balance", "--date", "2026-11-23", "--out", target)
    assert result.code == 2, result
    assert "save in a folder of your own instead" in result.err
    assert "chmod" not in result.err
    assert not target.exists()


# ---------------------------------------------------------------------------------------
# The bundled demo is the program's: its plans and lock go to the user's folders, installed
# from a wheel or editable (`pip install -e .`: the checkout's own config/ is the demo)


def test_the_bundled_demo_writes_only_to_the_users_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    config = bundled_config()
    if (REPO / "src" / "planner").resolve() == Path(planner.__file__).resolve().parent:
        assert config.resolve() == (REPO / "config" / "teams.toml").resolve()  # editable
    assert is_bundled_config(config)
    folder, because = plans_location(config)
    assert folder == tmp_path / "data" / "planner" / "plans"
    assert because is PlacedBecause.INSTALLED
    assert lock_path(config, "nordby").parent == tmp_path / "state" / "planner"
    plans_beside = config.parent.parent / "plans"
    before = tree(config.parent), plans_beside.exists()
    session = PlanSession.open(config, Assignment(load_team(config, None), ON))
    try:
        assert lock_path(config, "nordby").exists()
        session.record("do", session.assignment.move(["K-10630"], "ab"))
        saved = session.save()
        assert saved.parent == tmp_path / "data" / "planner" / "plans"
    finally:
        session.close(keep_unsaved=False)
    assert (tree(config.parent), plans_beside.exists()) == before  # nothing in the checkout


def test_a_copy_of_the_demo_is_the_users_own(host: Path) -> None:
    config = host / "config" / "teams.toml"
    assert not is_bundled_config(config)
    assert plans_location(config) == (host / "plans", None)
    assert lock_path(config, "nordby").parent == host / "config"


def test_an_older_journal_or_lock_with_a_cpr_login_name_is_read_masked(tmp_path: Path) -> None:
    """Written before login names were masked: never shown, nor carried into a plan."""
    journal = tmp_path / "old.journal"
    header = {"journal": 1, "team": "t", "config": "c", "cases_fingerprint": "f",
              "user": "010203-1234", "plan_author": "0102031234"}  # fmt: skip
    journal.write_text(json.dumps(header) + "\n", "utf-8")
    recovered = read_journal(journal)
    assert recovered is not None
    assert (recovered.header.user, recovered.header.plan_author) == ("xxxxxx-xxxx", "xxxxxxxxxx")
    journal.write_text('{"journal": 1, "team": "t", "user": "010203-1234", "sta', "utf-8")
    with pytest.raises(JournalUnusable) as unusable:
        read_journal(journal)
    assert unusable.value.summary.user == "xxxxxx-xxxx"
    lock = tmp_path / "old.lock"
    lock.write_text(json.dumps({"pid": 1, "host": "h", "user": "010203-1234",
                                "since": "2026-11-23T08:00:00+01:00"}), "utf-8")  # fmt: skip
    info, _ = read_lock(lock)
    assert info is not None and info.user == "xxxxxx-xxxx"
