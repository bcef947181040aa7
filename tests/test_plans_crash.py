"""The real thing: planner in a pseudo-terminal (tmux, 80x24), moves by keyboard, then
SIGKILL (a crash) or SIGHUP (a dropped SSH connection); the next start restores every step.

Waits poll the screen (tmux capture-pane) for what the user would see, never fixed sleeps.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.io.journal import find_unsaved
from planner.io.lock import lock_path, read_lock
from planner.io.plans import read_plan
from plans_support import make_team

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

WAIT_S = 30.0  # generous: a loaded CI machine may take seconds to start the app


class Terminal:
    """One tmux server of our own (its own socket), one 80x24 session at a time."""

    def __init__(self, socket: str, env: dict[str, str]) -> None:
        self.socket = socket
        self.env = env

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        return result.stdout

    def start(self, name: str, argv: list[str]) -> None:
        assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        command = f"env {assignments} {shlex.join(argv)}; sleep 600"
        self.tmux("new-session", "-d", "-s", name, "-x", "80", "-y", "24", command)

    def screen(self, name: str) -> str:
        return self.tmux("capture-pane", "-p", "-t", name)

    def wait_for(self, name: str, text: str, timeout: float = WAIT_S) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen(name)
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen(name)}")

    def keys(self, name: str, *keys: str) -> None:
        self.tmux("send-keys", "-t", name, *keys)


@pytest.fixture
def terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Terminal]:
    # The journal of the app under test, as this process looks for it.
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    env = {
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "HOME": str(tmp_path / "home"),
        "TERM": "xterm-256color",
        "LANG": "en_GB.UTF-8",
        "PATH": os.environ.get("PATH", ""),
    }
    term = Terminal(f"planner-test-{os.getpid()}-{tmp_path.name}", env)
    yield term
    term.tmux("kill-server")


def app_argv(config: Path) -> list[str]:
    return [sys.executable, "-m", "planner", "--config", str(config), "--date", "2026-11-23"]


def make_moves(terminal: Terminal, name: str) -> None:
    """Three moves from the unassigned pool by keyboard, then one undo."""
    terminal.wait_for(name, "Unassigned")
    terminal.keys(name, "Right")
    for count in (1, 2, 3):
        terminal.keys(name, "m")
        terminal.wait_for(name, "Move 1 case")
        terminal.keys(name, "Enter")
        terminal.wait_for(name, f"{count} move")  # "1 move", "2 moves", ...
    terminal.keys(name, "C-z")
    terminal.wait_for(name, "2 moves")


def journal_steps(state: Path) -> list[str]:
    [journal] = (state / "planner").glob("lille-*.journal")
    return [json.loads(line)["op"] for line in journal.read_text().splitlines()[1:]]


def wait_dead(pid: int) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    raise AssertionError(f"process {pid} still runs")


def restore_and_save(terminal: Terminal, name: str, team_dir) -> Path:
    """Restart, restore, redo the undone move (the history survived), save."""
    terminal.start(name, app_argv(team_dir.config))
    terminal.wait_for(name, "Unsaved work found")
    terminal.keys(name, "r")
    terminal.wait_for(name, "2 moves")
    terminal.keys(name, "C-y")  # redo: the restored history still has the undone step
    terminal.wait_for(name, "3 moves")
    terminal.keys(name, "C-s")
    terminal.wait_for(name, "Save plan")
    terminal.keys(name, "Enter")
    terminal.wait_for(name, "Plan saved")
    [plan_file] = (team_dir.root / "plans").glob("lille-*.toml")
    return plan_file


def test_sigkill_loses_no_move(terminal: Terminal, tmp_path: Path) -> None:
    team_dir = make_team(tmp_path / "work")
    terminal.start("first", app_argv(team_dir.config))
    make_moves(terminal, "first")
    holder, _ = read_lock(lock_path(team_dir.config, "lille"))
    assert holder is not None
    os.kill(holder.pid, signal.SIGKILL)
    wait_dead(holder.pid)

    # Everything the screen showed is on disk: three moves and the undo.
    assert journal_steps(tmp_path / "state") == ["base", "do", "do", "do", "undo"]
    recovered = find_unsaved(team_dir.config, "lille")
    assert recovered is not None
    assert recovered.step_count == 4 and len(recovered.net_moves()) == 2

    plan_file = restore_and_save(terminal, "second", team_dir)
    plan = read_plan(plan_file, team_dir.team())
    moved = [(m.case, m.from_, m.to) for m in plan.moves]
    replayed = [(op, [(m.case, m.from_, m.to) for m in ms]) for op, ms in recovered.steps]
    # The saved plan is the three moves made before the kill (undo, then redo).
    assert sorted(moved) == sorted(mv for op, ms in replayed if op == "do" for mv in ms)
    assert len(moved) == 3

    terminal.keys("second", "q")  # saved: quits without asking
    wait_for_path_gone(lock_path(team_dir.config, "lille"))
    assert find_unsaved(team_dir.config, "lille") is None


def test_sighup_ends_cleanly_and_keeps_the_moves(terminal: Terminal, tmp_path: Path) -> None:
    team_dir = make_team(tmp_path / "work")
    terminal.start("first", app_argv(team_dir.config))
    make_moves(terminal, "first")
    holder, _ = read_lock(lock_path(team_dir.config, "lille"))
    assert holder is not None
    os.kill(holder.pid, signal.SIGHUP)  # what a dropped SSH connection sends
    wait_dead(holder.pid)
    # A clean end: the lock is released, the journal kept with every step.
    assert not lock_path(team_dir.config, "lille").exists()
    assert journal_steps(tmp_path / "state") == ["base", "do", "do", "do", "undo"]
    plan_file = restore_and_save(terminal, "second", team_dir)
    assert len(read_plan(plan_file, team_dir.team()).moves) == 3


def wait_for_path_gone(path: Path) -> None:
    deadline = time.monotonic() + WAIT_S
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not path.exists(), f"{path} is still there"
