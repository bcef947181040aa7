"""The folders planner writes to (issue 14 §1, §2): made with an explicit mode whatever the
umask, the user's own state and data folders refused unless they are the user's and nobody
else may write to them (as OpenSSH's StrictModes), and leftovers of killed saves cleared.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.io import files as files_module
from planner.io.files import (
    LEFTOVER_AGE_S,
    SaveFailed,
    atomic_write,
    secure_folder,
    user_data_dir,
    user_state_dir,
)
from planner.io.journal import Journal, journal_path
from planner.io.lock import acquire
from planner.io.session import PlanSession
from plans_support import make_team
from team_helpers import english

NOBODY = 65534


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder with nothing in it; the XDG folders at their defaults beneath it."""
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    return home


@pytest.fixture
def umask_000() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def team_dir(tmp_path: Path):
    return make_team(tmp_path / "team")


def give_away(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `path` another user's: chown to 'nobody' as root; otherwise (we cannot give a
    file away) make planner believe it runs as someone else."""
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)
    else:
        me = os.geteuid()
        monkeypatch.setattr(files_module.os, "geteuid", lambda: me + 1)


def test_under_umask_000_every_folder_made_is_0700(home: Path, team_dir, umask_000: None) -> None:
    """~/.local, ~/.local/state and ~/.local/state/planner, not 0777 (mkdir -p would give
    the parents the umask's mode); the same for the data folder's levels."""
    session = PlanSession.open(team_dir.config, team_dir.assignment())
    session.close(keep_unsaved=False)
    atomic_write(user_data_dir() / "plans" / "p.toml", b"x = 1\n")
    made = [
        home / ".local",
        home / ".local" / "state",
        user_state_dir(),
        home / ".local" / "share",
        user_data_dir(),
        user_data_dir() / "plans",
    ]
    assert user_state_dir() == home / ".local" / "state" / "planner"
    assert {str(p.relative_to(home)): mode(p) for p in made} == {
        str(p.relative_to(home)): 0o700 for p in made
    }
    assert mode(user_data_dir() / "plans" / "p.toml") == 0o600


def test_a_real_session_under_umask_000_makes_no_open_folder(
    home: Path, team_dir, tmp_path: Path
) -> None:
    """The same through a real process: a session that locks, journals and saves."""
    script = (
        "import os, sys; os.umask(0)\n"
        "from datetime import date\nfrom pathlib import Path\n"
        "from planner.core.moves import Assignment\n"
        "from planner.io.session import PlanSession\nfrom planner.io.teams import load_team\n"
        "config = Path(sys.argv[1])\n"
        "assignment = Assignment(load_team(config), date(2026, 11, 23))\n"
        "session = PlanSession.open(config, assignment)\n"
        "session.record('do', assignment.move(['K-001'], 'cd'))\n"
        "session.save(Path(sys.argv[2]) / 'deep' / 'er' / 'plan.toml')\n"
        "session.close()\n"
    )
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-c", script, str(team_dir.config), str(out)],
        env={**os.environ}, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    for folder in (home / ".local", home / ".local" / "state", user_state_dir()):
        assert mode(folder) == 0o700, folder
    for folder in (out, out / "deep", out / "deep" / "er"):
        assert mode(folder) == 0o700, folder
    assert mode(out / "deep" / "er" / "plan.toml") == 0o600


def test_a_state_folder_of_another_user_is_refused_and_its_journal_never_offered(
    home: Path, team_dir, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A journal for the team, left in the state folder; then the folder is someone else's
    # (as if planted before the user first ran planner).
    session = PlanSession.open(team_dir.config, team_dir.assignment())
    session.record("do", session.assignment.move(["K-001"], "cd"))
    session.close(keep_unsaved=True)
    journal = journal_path(team_dir.config, "lille")
    planted = journal.read_bytes()
    give_away(user_state_dir(), monkeypatch)
    with pytest.raises(SaveFailed) as refused:
        PlanSession.open(team_dir.config, team_dir.assignment())
    text = english(refused.value.problems[0])
    assert f"folder {user_state_dir()} belongs to user" in text
    assert "not to you" in text and "XDG_STATE_HOME" in text
    assert journal.read_bytes() == planted  # neither read for restore nor replaced


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder away needs root")
def test_the_board_refuses_another_users_state_folder_with_exit_2(
    home: Path, team_dir, tmp_path: Path
) -> None:
    """The real command: `planner` stops before the terminal is taken, exit code 2."""
    state = user_state_dir()
    state.mkdir(parents=True, mode=0o700)
    os.chown(state, NOBODY, NOBODY)
    done = subprocess.run(
        [sys.executable, "-m", "planner", "--config", str(team_dir.config)],
        env={**os.environ, "LANG": "en_GB.UTF-8"}, capture_output=True, text=True,
        timeout=120, stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert f"folder {state} belongs to user 'nobody'" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(state.iterdir()) == []


@pytest.mark.parametrize("loose", [0o770, 0o707, 0o777])
@pytest.mark.parametrize("which", ["state", "data"])
def test_an_own_folder_others_may_write_to_is_refused(
    home: Path, team_dir, loose: int, which: str
) -> None:
    folder = user_state_dir() if which == "state" else user_data_dir() / "plans"
    folder.mkdir(parents=True)
    folder.chmod(loose)
    with pytest.raises(SaveFailed) as refused:
        if which == "state":
            Journal.start(team_dir.config, team_dir.team())
        else:
            atomic_write(folder / "p.toml", b"x = 1\n")
    text = english(refused.value.problems[0])
    assert f"folder {folder} is writable by" in text and "Nothing was written" in text
    assert f"chmod go-w {folder}" in text
    assert list(folder.iterdir()) == []


def test_a_planner_folder_that_is_a_symlink_to_someone_elses_is_refused(
    home: Path, team_dir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    user_state_dir().parent.mkdir(parents=True)
    user_state_dir().symlink_to(theirs)
    give_away(theirs, monkeypatch)
    with pytest.raises(SaveFailed) as refused:
        acquire(tmp_path / "elsewhere" / "teams.toml", "lille")
    assert "belongs to user" in english(refused.value)
    assert list(theirs.iterdir()) == []


def test_a_shared_team_folder_may_be_group_writable_but_not_world_writable(
    team_dir, tmp_path: Path
) -> None:
    """plans/ beside the config is shared by the team's leaders (README): group-writable is
    their set-up; world-writable is refused."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o770)
    atomic_write(shared / "p.toml", b"x = 1\n")
    shared.chmod(0o777)
    with pytest.raises(SaveFailed) as refused:
        atomic_write(shared / "q.toml", b"x = 1\n")
    assert "writable by everyone" in english(refused.value)


def test_leftovers_of_killed_saves_are_cleared_on_the_next_save(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir(mode=0o700)
    old = time.time() - LEFTOVER_AGE_S - 60
    names = {
        "stale": ".lille-20261123-1015.toml.k3j_9x0q.tmp",  # ours, old: removed
        "fresh": ".lille-20261123-1016.toml.a1b2c3d4.tmp",  # a save in progress: kept
        "other": ".lille.toml.tmp",  # not the pattern of our temporary files: kept
        "notes": "notes.tmp",  # not ours: kept
        "foreign": ".x.toml.zzzzzzzz.tmp",  # our pattern, old, another user's: kept
    }
    for key, name in names.items():
        (folder / name).write_text("half a plan", "utf-8")
        if key != "fresh":
            os.utime(folder / name, (old, old))
    if os.geteuid() == 0:
        os.chown(folder / names["foreign"], NOBODY, NOBODY)
    else:  # we cannot give a file away: leave that case out
        (folder / names.pop("foreign")).unlink()
    atomic_write(folder / "lille-20261123-1017.toml", b"format = 1\n")
    left = {p.name for p in folder.iterdir()}
    assert names.pop("stale") not in left
    assert set(names.values()) | {"lille-20261123-1017.toml"} == left


def test_secure_folder_refuses_a_file_where_the_folder_belongs(tmp_path: Path) -> None:
    (tmp_path / "plans").write_text("not a folder", "utf-8")
    with pytest.raises(SaveFailed) as refused:
        secure_folder(tmp_path / "plans")
    assert "is not a folder" in english(refused.value)
