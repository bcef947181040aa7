"""planner on a jump host, for real: sshd on loopback, the real `ssh -tt` client in tmux.

A leader's day, as on a municipal jump host: log in with a key, run `planner` on the demo
team in an 80x24 terminal, move a case with the keyboard, save the plan with ctrl+s, quit.
Both the screen (tmux capture-pane) and the saved file (tomllib) are checked, under
TERM=xterm-256color and under TERM=xterm with NO_COLOR and no LANG at all (what a bare
jump host gives). Then the connection drops mid-session (the ssh client is killed): planner
on the host must end by itself, cleanly, with every move in its journal, and the next login
must offer to restore them and do so.

sshd, ssh and tmux are installed with apt-get when missing (CI runs as root); without root
or apt the tests are skipped with the reason. Everything waits by polling with a deadline.
"""

from __future__ import annotations

import re
import shutil
import signal
import stat
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from planner.io.journal import find_unsaved, journal_path
from planner.io.lock import lock_path
from sshharness import (
    HEIGHT,
    WIDTH,
    Remote,
    Sshd,
    Tmux,
    kill,
    openssh,
    process_alive,
    sgr_colours,
    wait_until,
)

REPO = Path(__file__).resolve().parents[1]
TEAM = "nordby"
TEAM_NAME = "Jobcenter Nordby, Team Job og Sygedagpenge"
DATE = "2026-11-23"
START_S = 30.0  # login + first frame; generous for a loaded CI machine
STEP_S = 15.0  # one key press to its effect on screen
END_S = 10.0  # a dropped connection to the end of planner on the host

# The 16 colours that carry no hue (black, white, bright black, bright white) as SGR codes.
ACHROMATIC = {"30", "37", "90", "97", "40", "47", "100", "107"}


@dataclass(frozen=True)
class Terminal:
    """What the leader's terminal sends: TERM (through ssh) and the host's environment."""

    term: str
    env: Mapping[str, str]
    id: str


TERMINALS = [
    Terminal("xterm-256color", {"LANG": "en_GB.UTF-8"}, "xterm-256color"),
    # A bare jump host: 16 colours, NO_COLOR, no locale at all (sshd passes none here).
    Terminal("xterm", {"NO_COLOR": "1"}, "xterm-NO_COLOR"),
]


@pytest.fixture(scope="module")
def tools() -> dict[str, str]:
    return openssh()


@pytest.fixture(scope="module")
def sshd(tools: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sshd]:
    server = Sshd(tools, tmp_path_factory.mktemp("sshd")).start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class Site:
    """The jump host's side: a copy of the demo config, a state and a data folder."""

    root: Path

    @property
    def config(self) -> Path:
        return self.root / "config" / "teams.toml"

    @property
    def plans(self) -> Path:
        return self.root / "plans"

    @property
    def state(self) -> Path:
        return self.root / "state"

    def env(self) -> dict[str, str]:
        return {"XDG_STATE_HOME": str(self.state), "XDG_DATA_HOME": str(self.root / "data")}

    def worker_ids(self) -> dict[str, str]:
        teams = tomllib.loads(self.config.read_text("utf-8"))
        return {w["name"]: w["id"] for w in teams["teams"][TEAM]["workers"]}


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    root = tmp_path / "host"
    root.mkdir(mode=0o700)
    # Only the team's files: not a lock someone's session left in the checkout's config/.
    shutil.copytree(REPO / "config", root / "config", ignore=shutil.ignore_patterns(".*"))
    found = Site(root)
    # So that this process finds the journal and lock where planner on the host keeps them.
    for key, value in found.env().items():
        monkeypatch.setenv(key, value)
    return found


class Leader:
    """One leader's terminal (a private tmux server) logging in to the host over ssh."""

    def __init__(self, tmux: Tmux, sshd: Sshd, site: Site, terminal: Terminal) -> None:
        self.tmux, self.sshd, self.site, self.terminal = tmux, sshd, site, terminal
        self.remotes: dict[str, Remote] = {}

    def login(self, name: str, *args: str) -> int:
        """`ssh -tt host planner ARGS` in a new 80x24 window; returns the ssh client's pid."""
        remote = Remote(self.site.root / "remote" / name)
        self.remotes[name] = remote
        command = remote.command(
            ["--config", self.site.config, "--date", DATE, *args],
            {**self.site.env(), **self.terminal.env},
        )
        pid = self.tmux.start(name, self.sshd.ssh_argv(command))
        assert self.tmux.size(name) == (WIDTH, HEIGHT)
        return pid

    def screen(self, name: str) -> str:
        return self.tmux.screen(name)

    def wait_for(self, name: str, text: str, timeout: float = STEP_S) -> str:
        return self.tmux.wait_for(name, text, timeout)

    def keys(self, name: str, *keys: str) -> None:
        self.tmux.keys(name, *keys)

    def exited(self, name: str, timeout: float = STEP_S) -> int:
        """Wait for the ssh client to end; its exit status (planner's, passed on by ssh)."""
        wait_until(
            lambda: self.tmux.exit_status(name) is not None,
            timeout,
            f"the ssh session {name} to end",
            state=lambda: f"{self.screen(name)}\n{self.sshd.log_text()[-1500:]}",
        )
        status = self.tmux.exit_status(name)
        assert status is not None
        return status


@pytest.fixture(params=TERMINALS, ids=[t.id for t in TERMINALS])
def leader(
    request: pytest.FixtureRequest, tools: dict[str, str], sshd: Sshd, site: Site, tmp_path: Path
) -> Iterator[Leader]:
    tmux = Tmux(tools, tmp_path / "tmux", request.param.term)
    try:
        yield Leader(tmux, sshd, site, request.param)
    finally:
        tmux.kill_server()  # ends the ssh clients, and so the sessions on the host


def leader_with(terminal: Terminal):
    """The same fixture for one terminal only (the dropped-connection test)."""
    return pytest.mark.parametrize("leader", [terminal], indirect=True, ids=[terminal.id])


# ---------------------------------------------------------------------------------------
# Reading the screen


HIGHLIGHTED = re.compile(r"▶\s+(K-\d+)")


def highlighted_case(screen: str) -> str:
    """The case under the cursor in the case list (its row starts with ▶)."""
    found = HIGHLIGHTED.findall(screen)
    assert len(found) == 1, f"no single highlighted case on screen:\n{screen}"
    return found[0]


def picker_first(screen: str) -> str:
    """The first (best fit) worker the move picker offers; Enter moves there."""
    lines = screen.splitlines()
    start = next(i for i, line in enumerate(lines) if "Type to filter" in line)
    for line in lines[start + 1 :]:
        match = re.match(r"│\W*?[▲✓▼] (\S.*?)\s{2,}", line)
        if match:
            return match.group(1)
    raise AssertionError(f"no worker in the picker:\n{screen}")


def flat(screen: str) -> str:
    """The screen's words on one line: borders gone, wrapped text joined by single spaces."""
    return " ".join(re.sub(r"[\u2500-\u259f]", " ", screen).split())


def unassigned_count(screen: str) -> int:
    match = re.search(r"(\d+) unassigned", screen)
    assert match, f"no summary line on screen:\n{screen}"
    return int(match.group(1))


def move_highlighted_case(leader: Leader, name: str, ids: dict[str, str]):
    """m, then Enter in the picker: the highlighted case goes to the best-fit worker.

    Waits for what the leader sees: the picker, then one fewer unassigned case.
    """
    screen = leader.tmux.wait_for(name, lambda s: bool(HIGHLIGHTED.search(s)), STEP_S,
                                  "a highlighted case")  # fmt: skip
    case, unassigned = highlighted_case(screen), unassigned_count(screen)
    leader.keys(name, "m")
    picker = leader.wait_for(name, "Type to filter")
    worker = picker_first(picker)
    leader.keys(name, "Enter")
    leader.tmux.wait_for(name, lambda s: f"{unassigned - 1} unassigned" in s, STEP_S,
                         f"{unassigned - 1} unassigned")  # fmt: skip
    return case, "", ids[worker]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def assert_private(path: Path) -> None:
    """0600, in a folder nobody else may write to."""
    assert mode(path) == 0o600, f"{path} is {oct(mode(path))}"
    assert not path.parent.stat().st_mode & (stat.S_IWOTH | stat.S_IWGRP), path.parent


def read_plan_file(site: Site) -> tuple[Path, dict]:
    files = sorted(site.plans.glob(f"{TEAM}-*.toml"))
    assert len(files) == 1, files
    return files[0], tomllib.loads(files[0].read_text("utf-8"))


# ---------------------------------------------------------------------------------------
# The tests


@leader_with(TERMINALS[0])
def test_planner_check_runs_over_ssh(leader: Leader) -> None:
    """The harness itself: a key login, a pseudo-terminal, the venv's planner on the host."""
    # `planner check` is a subcommand: the recorder passes its arguments straight through.
    remote = Remote(leader.site.root / "remote" / "check")
    command = remote.command(
        ["check", "--config", leader.site.config, "--date", DATE], leader.terminal.env
    )
    leader.tmux.start("check", leader.sshd.ssh_argv(command))
    # Exit code 1: someone is out of range in the demo (0 would mean all within).
    assert leader.exited("check") == 1
    screen = leader.tmux.screen("check", history=True)
    assert TEAM_NAME in screen and "Anna Berg" in screen
    assert remote.status() == {"pid": remote.pid(), "returncode": 1}
    # sshd saw a public-key login as this user, from loopback.
    assert "Accepted publickey for" in leader.sshd.log_text()


def test_a_leader_moves_a_case_and_saves_the_plan_over_ssh(leader: Leader) -> None:
    site = leader.site
    ids = site.worker_ids()
    leader.login("board")
    screen = leader.wait_for("board", "Unassigned", START_S)
    assert TEAM_NAME in screen
    assert unassigned_count(screen) == 15
    # Status reads without colour: the symbols are on screen.
    assert {"▲", "✓", "▼"} <= set(screen)
    colours = sgr_colours(leader.tmux.screen("board", escapes=True))
    if leader.terminal.term == "xterm-256color":
        assert any(c.startswith(("38;5;", "48;5;")) for c in colours), colours
    else:
        # TERM=xterm and NO_COLOR: only black, white and greys, of the 16 basic colours.
        assert colours and colours <= ACHROMATIC, colours

    # Keyboard only: into the case list, move the highlighted case to the best fit.
    leader.keys("board", "Right")
    move = move_highlighted_case(leader, "board", ids)
    assert unassigned_count(leader.screen("board")) == 14

    leader.keys("board", "C-s")
    leader.wait_for("board", "Save plan")
    leader.keys("board", "Enter")
    saved = leader.wait_for("board", "Plan saved")
    path, plan = read_plan_file(site)
    assert plan["team"] == TEAM and plan["format"] == 1
    assert [(m["case"], m["from"], m["to"]) for m in plan["moves"]] == [move]
    assert_private(path)
    assert path.name in flat(saved).replace(" ", ""), saved  # the path is shown (it may wrap)

    # Saved: q quits at once; planner ends with 0, frees the lock and keeps no journal.
    leader.keys("board", "q")
    assert leader.exited("board") == 0
    assert leader.remotes["board"].status()["returncode"] == 0
    assert not lock_path(site.config, TEAM).exists()
    assert find_unsaved(site.config, TEAM) is None


@leader_with(TERMINALS[0])
def test_a_dropped_connection_loses_no_move_and_the_next_login_restores_them(
    leader: Leader,
) -> None:
    site = leader.site
    ids = site.worker_ids()
    ssh_pid = leader.login("first")
    assert Path(f"/proc/{ssh_pid}/comm").read_text().strip() == "ssh"  # the client itself
    leader.wait_for("first", "Unassigned", START_S)
    leader.keys("first", "Right")
    moves = [move_highlighted_case(leader, "first", ids) for _ in range(3)]
    remote = leader.remotes["first"]
    planner_pid = remote.pid()
    assert planner_pid and process_alive(planner_pid)

    # The connection drops: the ssh client dies without a word to the host.
    kill(ssh_pid, signal.SIGKILL)
    status = wait_until(remote.status, END_S, "planner on the host to end",
                        state=lambda: leader.sshd.log_text()[-2000:])  # fmt: skip
    # It ended by itself on the hang-up, cleanly: exit code 0 (not killed by the signal,
    # no traceback: an error would have given 1 or 3), and it is gone.
    assert status == {"pid": planner_pid, "returncode": 0}
    assert not process_alive(planner_pid)
    # The lock is freed; the journal holds every move, each as its own step.
    assert not lock_path(site.config, TEAM).exists()
    recovered = find_unsaved(site.config, TEAM)
    assert recovered is not None and recovered.damaged_lines == 0
    assert [(op, [(m.case, m.from_, m.to) for m in batch]) for op, batch in recovered.steps] == [
        ("do", [move]) for move in moves
    ]
    assert_private(journal_path(site.config, TEAM))
    assert mode(site.state / "planner") == 0o700

    # The next login offers to restore them, and does.
    leader.login("second")
    offer = leader.wait_for("second", "Unsaved work found", START_S)
    assert "3 steps" in flat(offer), offer
    leader.keys("second", "r")
    leader.wait_for("second", "12 unassigned")

    leader.keys("second", "C-s")
    leader.wait_for("second", "Save plan")
    leader.keys("second", "Enter")
    leader.wait_for("second", "Plan saved")
    path, plan = read_plan_file(site)
    assert [(m["case"], m["from"], m["to"]) for m in plan["moves"]] == moves
    assert_private(path)
    leader.keys("second", "q")
    assert leader.exited("second") == 0
    assert find_unsaved(site.config, TEAM) is None


def test_without_root_or_apt_the_ssh_tests_skip_and_say_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a machine without sshd where nothing can be installed: a skip with the reason,
    never a silent pass."""
    import sshharness

    monkeypatch.setattr(sshharness, "_find", lambda tool: None if tool == "sshd" else tool)
    monkeypatch.setattr(sshharness.os, "geteuid", lambda: 1000)
    with pytest.raises(pytest.skip.Exception, match="sshd missing and not root"):
        openssh()
    monkeypatch.setattr(sshharness.os, "geteuid", lambda: 0)
    monkeypatch.setattr(sshharness.shutil, "which", lambda name: None)
    with pytest.raises(pytest.skip.Exception, match="sshd missing and no apt-get"):
        openssh()
