"""A hang-up always ends the app: within 5 s, the team's lock free, every move kept.

The real thing first: planner in a real pseudo-terminal (a private tmux server, 80x24),
brought to a moment (right at start, at the first frame, with a dialog open, after a move,
in a burst of keys), then the terminal is taken away (``tmux kill-session`` closes the
pty: the kernel sends SIGHUP and SIGCONT, and every write fails). Twenty such hang-ups;
each process must be gone within 5 s, its lock released, its moves in the journal.

Then the parts, each in a process of its own: the guard ends a process whose main thread
is stuck for good; a clean exit is taken when the loop can still run it; and Textual's
writer-thread deadlock (Textualize/textual issue 6692), with and without our guard.
"""

from __future__ import annotations

import fcntl
import os
import shlex
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from planner.core.moves import Move
from planner.io.journal import Journal, find_unsaved
from planner.io.lock import LockHeld, acquire, lock_path, read_lock
from planner.io.teams import load_team
from plans_support import make_team
from sshharness import kill, openssh, planner_bin, process_alive, wait_until

START_S = 30.0  # to the first frame on a loaded machine: generous, it is not the claim
STEP_S = 15.0  # one key to its effect on screen
GONE_S = 5.0  # the claim: a hung-up planner is gone within this
TEAM = "lille"


@pytest.fixture(scope="module")
def tmux_path() -> str:
    return openssh()["tmux"]  # installed with apt-get when missing (as root in CI)


@dataclass
class Pty:
    """One private tmux server (its own socket); one 80x24 session per run."""

    tmux: str
    folder: Path
    name: str = field(default_factory=lambda: f"planner-hangup-{os.getpid()}-{time.time_ns()}")

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [self.tmux, "-L", self.name, *args],
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
        return done.stdout

    def start(self, session: str, command: str) -> int:
        """Run a shell command line in a new session; the pid of the pane's process."""
        self.run("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command)
        return int(self.run("display-message", "-p", "-t", session, "#{pane_pid}").strip())

    def screen(self, session: str) -> str:
        return self.run("capture-pane", "-p", "-t", session)

    def wait_for(self, session: str, text: str, timeout: float = STEP_S) -> None:
        wait_until(
            lambda: text in self.screen(session), timeout, repr(text),
            state=lambda: self.screen(session),
        )  # fmt: skip

    def keys(self, session: str, *keys: str) -> None:
        self.run("send-keys", "-t", session, *keys)

    def hang_up(self, session: str) -> None:
        """Take the terminal away, as a dropped SSH connection does: the pty is closed."""
        self.run("kill-session", "-t", session)

    def modes(self, session: str) -> dict[str, str]:
        """The terminal modes tmux keeps for the pane: alternate screen, mouse, cursor."""
        names = ("alternate_on", "mouse_any_flag", "mouse_sgr_flag", "cursor_flag")
        shown = self.run(
            "display-message", "-p", "-t", session, " ".join(f"#{{{n}}}" for n in names)
        )
        return dict(zip(names, shown.split(), strict=True))


@pytest.fixture
def pty(tmux_path: str, tmp_path: Path) -> Iterator[Pty]:
    terminal = Pty(tmux_path, tmp_path)
    # An idle session keeps the server up between runs.
    terminal.run("new-session", "-d", "-s", "idle", "sleep", "86400")
    yield terminal
    terminal.run("kill-server")


def planner_process(pid: int) -> int | None:
    """`pid` or the descendant that runs planner (`env` exec's into it; the shell around it
    holds the command line as one word, so it is not taken for planner)."""
    from sshharness import children

    program = str(planner_bin()).encode()
    for candidate in [pid, *children(pid)]:
        try:
            words = Path(f"/proc/{candidate}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if program in words:
            return candidate
    return None


# -- what leads up to the hang-up ----------------------------------------------------------

Step = Callable[[Pty, str], None]


def first_frame(pty: Pty, session: str) -> None:
    pty.wait_for(session, "Unassigned", START_S)


def press(*keys: str, then: str | None = None) -> Step:
    def step(pty: Pty, session: str) -> None:
        if keys:
            pty.keys(session, *keys)
        if then:
            pty.wait_for(session, then)

    return step


def pause(seconds: float) -> Step:
    """Let the app run on (a cursor blinking, a timer firing) before the hang-up."""

    def step(_pty: Pty, _session: str) -> None:
        time.sleep(seconds)

    return step


MOVE = press("m", then="Move 1 case")
ENTER_MOVE = press("Enter", then="1 move")


@dataclass(frozen=True)
class Moment:
    name: str
    steps: tuple[Step, ...]
    moves: tuple[int, ...] = (0,)  # how many net moves the journal may hold afterwards
    via_shell: bool = False  # planner as a child of a shell, not the terminal's own process
    prepare: str = ""  # "journal": a crashed session's unsaved move; "held": a live holder


MOMENTS = [
    Moment("at-start", ()),
    Moment("before-first-frame", (pause(0.3),)),
    Moment("first-frame", (first_frame,)),
    Moment("first-frame-in-shell", (first_frame,), via_shell=True),
    Moment("first-frame-again", (first_frame,)),
    Moment("first-frame-in-shell-again", (first_frame,), via_shell=True),
    Moment("picker-open", (first_frame, press("Right"), MOVE)),
    Moment("picker-open-cursor-blinking", (first_frame, press("Right"), MOVE, pause(1.5))),
    Moment(
        "own-reason-dialog",
        (first_frame, press("Right"), MOVE, press("C-e", then="Reason for the move")),
    ),
    Moment("save-dialog", (first_frame, press("C-s", then="Save plan"))),
    Moment("help", (first_frame, press("?", then="Help"))),
    Moment(
        "quit-dialog-after-a-move",
        (first_frame, press("Right"), MOVE, ENTER_MOVE, press("q", then="Unsaved changes")),
        moves=(1,),
    ),
    Moment("after-a-move", (first_frame, press("Right"), MOVE, ENTER_MOVE), moves=(1,)),
    Moment(
        "after-a-move-in-shell",
        (first_frame, press("Right"), MOVE, ENTER_MOVE),
        moves=(1,),
        via_shell=True,
    ),
    # Enter, and the hang-up at once: the move may or may not have been made.
    Moment(
        "while-a-move-is-drawn", (first_frame, press("Right"), MOVE, press("Enter")), moves=(0, 1)
    ),
    Moment(
        "after-two-moves-and-an-undo",
        (
            *(first_frame, press("Right"), MOVE, ENTER_MOVE),
            *(MOVE, press("Enter", then="2 moves"), press("C-z", then="1 move")),
        ),
        moves=(1,),
    ),
    Moment(
        "changes-view",
        (first_frame, press("Right"), MOVE, ENTER_MOVE, press("c", then="Changes against")),
        moves=(1,),
    ),
    Moment("burst-of-keys", (first_frame, press("Right", *["j", "k"] * 40))),
    Moment("restore-dialog", (press(then="Unsaved work found"),), moves=(1,), prepare="journal"),
    Moment("team-in-use-dialog", (press(then="Team in use"),), prepare="held"),
]
assert len(MOMENTS) == 20


HOLDER = """
import sys
from pathlib import Path
from planner.io.lock import acquire

lock = acquire(Path(sys.argv[1]), "lille")
print("held", flush=True)
sys.stdin.read()
lock.release()
"""


def unsaved_journal(config: Path) -> None:
    """What a crashed session leaves: a journal with one unsaved move."""
    journal = Journal.start(config, load_team(config))
    journal.record("do", [Move("K-057", "", "ab")])
    journal.close()


@pytest.mark.parametrize("moment", MOMENTS, ids=[m.name for m in MOMENTS])
def test_a_hang_up_ends_the_app_within_5_s_with_the_lock_free(
    moment: Moment, pty: Pty, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team_dir = make_team(tmp_path / "work")
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))  # where this process looks too
    env = {
        "XDG_STATE_HOME": str(state),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "HOME": str(tmp_path / "home"),
        "TERM": "xterm-256color",
        "LANG": "en_GB.UTF-8",
        "PATH": os.environ.get("PATH", ""),
    }
    holder: subprocess.Popen[str] | None = None
    if moment.prepare == "journal":
        unsaved_journal(team_dir.config)
    elif moment.prepare == "held":
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(team_dir.config)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    try:
        argv = [str(planner_bin()), "--config", str(team_dir.config), "--date", "2026-11-23"]
        words = ["env", *(f"{k}={v}" for k, v in env.items()), *argv]
        line = shlex.join(words)
        # The terminal's own process (as after `exec` in a login shell), or a child of a
        # shell that the hang-up takes down first.
        command = f"{line}; sleep 600" if moment.via_shell else f"exec {line}"
        pane = pty.start("run", command)
        pid = wait_until(lambda: planner_process(pane), 10, "planner to start")
        for step in moment.steps:
            step(pty, "run")

        pty.hang_up("run")
        try:
            wait_until(lambda: not process_alive(pid), GONE_S, f"planner {pid} to end")
        finally:
            kill(pid)  # never leave one behind, whatever the test says

        path = lock_path(team_dir.config, TEAM)
        if holder is not None:
            # Not ours to release: the other session's lock is untouched and still held.
            info, _ = read_lock(path)
            assert info is not None and info.pid == holder.pid
            with pytest.raises(LockHeld):
                acquire(team_dir.config, TEAM)
        else:
            assert not path.exists(), "the lock was left behind"
            lock = acquire(team_dir.config, TEAM)  # free: no "team in use", no takeover
            assert lock.taken_over is None
            lock.release()
        # Every move made is in the journal (none: no journal with unsaved work).
        recovered = find_unsaved(team_dir.config, TEAM)
        assert (len(recovered.net_moves()) if recovered else 0) in moment.moves
    finally:
        if holder is not None:
            assert holder.stdin is not None
            holder.stdin.close()
            holder.wait(30)


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_a_hang_up_by_hand_leaves_the_terminal_as_it_was_found(
    signum: int, pty: Pty, tmp_path: Path
) -> None:
    """`kill -HUP` (or SIGTERM) while the terminal still works: the app ends as on a real
    hang-up, and the shell gets its terminal back: main screen, no mouse reporting, cursor
    shown (a SIGHUP used to leave all three as the board had them)."""
    team_dir = make_team(tmp_path / "work")
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "HOME": str(tmp_path / "home"), "TERM": "xterm-256color", "LANG": "en_GB.UTF-8",
           "PATH": os.environ.get("PATH", "")}  # fmt: skip
    argv = [str(planner_bin()), "--config", str(team_dir.config), "--date", "2026-11-23"]
    line = shlex.join(["env", *(f"{k}={v}" for k, v in env.items()), *argv])
    pane = pty.start("run", f"{line}; echo planner-ended-$?; sleep 600")
    pid = wait_until(lambda: planner_process(pane), 10, "planner to start")
    try:
        first_frame(pty, "run")
        assert pty.modes("run") == {
            "alternate_on": "1", "mouse_any_flag": "1", "mouse_sgr_flag": "1", "cursor_flag": "0"
        }  # fmt: skip
        os.kill(pid, signum)
        wait_until(lambda: not process_alive(pid), GONE_S, f"planner {pid} to end")
    finally:
        kill(pid)
    pty.wait_for("run", "planner-ended-0")
    assert pty.modes("run") == {
        "alternate_on": "0", "mouse_any_flag": "0", "mouse_sgr_flag": "0", "cursor_flag": "1"
    }  # fmt: skip
    assert not lock_path(team_dir.config, TEAM).exists()


def fill(fd: int) -> None:
    """Write to a non-blocking terminal until it takes no more, not even one byte (the
    kernel moves what was written on to the other end's buffer in the background, which
    frees room for a moment: keep on until it has stayed full a few times running)."""
    full = 0
    while full < 5:
        try:
            os.write(fd, b"x" * 1024)
            full = 0
        except BlockingIOError:
            try:
                os.write(fd, b"x")
                full = 0
            except BlockingIOError:
                full += 1
                time.sleep(0.02)


def test_restoring_a_terminal_never_waits_on_it() -> None:
    """The restore after a hang-up: written whole to a terminal that reads; given up, not
    waited for, on one that is full (nobody reading) or gone."""
    from planner.ui.hangup import RESTORE, restore_terminal

    master, slave = os.openpty()
    try:
        assert restore_terminal(slave)
        got = b""
        while len(got) < len(RESTORE.encode()):  # as the kernel hands it over
            got += os.read(master, 4096)
        assert got == RESTORE.encode()
        # Nobody reads: fill the terminal's buffer, then the restore gives up.
        flags = fcntl.fcntl(slave, fcntl.F_GETFL)
        fcntl.fcntl(slave, fcntl.F_SETFL, flags | os.O_NONBLOCK)
        fill(slave)
        fcntl.fcntl(slave, fcntl.F_SETFL, flags)
        assert finishes(lambda: restore_terminal(slave, deadline_s=0.05), 30.0)
        assert restore_terminal(slave, deadline_s=0.05) is False
    finally:
        os.close(master)
    # The other end gone, as after a real hang-up: it fails at once.
    assert finishes(lambda: restore_terminal(slave), 30.0)
    assert restore_terminal(slave) is False
    os.close(slave)


# -- the guard, in a process of its own ------------------------------------------------------

STUCK = """
import queue, sys, threading
from pathlib import Path
from planner.ui.hangup import ending_on_hang_up

marker = Path(sys.argv[1])
with ending_on_hang_up(grace_s=float(sys.argv[2])) as guard:
    guard.release = lambda: marker.write_text("released")
    full = queue.Queue(1)
    full.put("x")
    print("stuck", flush=True)
    full.put("y")  # blocks for good: nothing ever takes from this queue
print("never", flush=True)
"""


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_a_process_stuck_for_good_is_ended_after_the_grace(tmp_path: Path, signum: int) -> None:
    marker = tmp_path / "released"
    process = subprocess.Popen(
        [sys.executable, "-c", STUCK, str(marker), "0.5"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline() == "stuck\n"
        process.send_signal(signum)
        assert process.wait(GONE_S) == 0  # ended hard, but as a clean end: nothing is lost
        assert marker.read_text() == "released"  # the lock and journal came first
        assert process.stdout.read() == ""
    finally:
        kill(process.pid)


STUCK_ATTACHED = """
import asyncio, queue, sys
from pathlib import Path
from planner.ui.hangup import ending_on_hang_up

folder = Path(sys.argv[1])
with ending_on_hang_up(grace_s=0.5) as guard:
    # The app's loop never runs again: only the watchdog can end the process.
    guard.attach(asyncio.new_event_loop(), lambda: None,
                 before_exit=lambda: (folder / "restored").write_text("restored"))
    full = queue.Queue(1)
    full.put("x")
    print("stuck", flush=True)
    full.put("y")
"""


def test_ended_hard_the_terminal_is_restored_first(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", STUCK_ATTACHED, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline() == "stuck\n"
        process.send_signal(signal.SIGHUP)
        assert process.wait(GONE_S) == 0
        assert (tmp_path / "restored").read_text() == "restored"
    finally:
        kill(process.pid)


CLEAN = """
import asyncio, sys, time
from pathlib import Path
from planner.ui.hangup import ending_on_hang_up

folder = Path(sys.argv[1])

async def main(guard):
    done = asyncio.Event()
    guard.attach(asyncio.get_running_loop(), done.set)
    print("running", flush=True)
    await done.wait()
    (folder / "clean").write_text("clean exit")

with ending_on_hang_up(grace_s=60) as guard:
    guard.release = lambda: (folder / "released").write_text("released")
    asyncio.run(main(guard))
print("ended", flush=True)
"""


def test_a_running_loop_takes_the_clean_exit(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", CLEAN, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline() == "running\n"
        process.send_signal(signal.SIGHUP)
        # With a 60 s grace, ending at all within 5 s means the clean exit ended it.
        assert process.wait(GONE_S) == 0
        assert process.stdout.read() == "ended\n"
        # The lock and journal were let go (by the watchdog, at once), and the app's own
        # end ran in the loop.
        assert (tmp_path / "released").read_text() == "released"
        assert (tmp_path / "clean").read_text() == "clean exit"
    finally:
        kill(process.pid)


# -- Textualize/textual issue 6692 -----------------------------------------------------------


def dead_writer() -> threading.Thread:
    """Textual's own writer thread, writing to a pipe nobody reads any more: it dies at its
    first write (EPIPE), as it does on a terminal that has hung up (EIO)."""
    from textual.drivers._writer_thread import WriterThread

    read_end, write_end = os.pipe()
    os.close(read_end)
    writer = WriterThread(open(write_end, "w"))  # noqa: SIM115 - the thread owns it
    writer.start()
    writer.write("first frame")
    writer.join(10)
    assert not writer.is_alive()
    return writer


def finishes(work: Callable[[], object], within: float) -> bool:
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(within)
    return not thread.is_alive()


# The writer thread dies of its failed write by design: pytest need not warn about it.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_textual_issue_6692_still_blocks() -> None:
    """Upstream: once the writer thread has died, the 31st write blocks its caller (the
    event loop) for good. When this fails, Textual has fixed issue 6692: remove
    HangUpSafeDriver from planner/ui/hangup.py and this test."""
    writer = dead_writer()

    def thirty_one_writes() -> None:
        for _ in range(31):
            writer.write("frame")  # type: ignore[attr-defined]

    assert not finishes(thirty_one_writes, 2.0)  # left blocked: a daemon thread


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_our_guard_never_waits_on_a_dead_writer() -> None:
    from planner.ui.hangup import put_unless_dead

    writer = dead_writer()
    results: list[bool] = []

    def many_writes_then_stop() -> None:
        results.extend(put_unless_dead(writer, "frame", lambda: False) for _ in range(100))
        results.append(put_unless_dead(writer, None, lambda: False))

    assert finishes(many_writes_then_stop, 30.0)
    # The queue took what it had room for; the rest was dropped, not waited for.
    assert results.count(True) == 30 and results[-1] is False
