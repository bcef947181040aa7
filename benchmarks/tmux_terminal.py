"""A real terminal for benchmarks: a private tmux server with one pane, driven over one
control-mode connection (``tmux -C``), so reading the screen costs no process per look.

The pane's output is not polled in a loop: tmux announces every write of the program in
the pane (``%output``), and the screen is read again only after such a write. The moment
a change was seen is the arrival of the last write before the read that showed it.
Nothing here spins, so the program measured keeps the machine's cores to itself, bar
tmux's own work (which a person's terminal does too).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

# tmux 3.3a's server dies when it meets `status off` or `window-size` in its config before
# its first session: those are set by command once the session runs.
CONFIG = """\
set -g default-terminal "tmux-256color"
set -g remain-on-exit on
set -g history-limit 0
set -sg escape-time 0
"""

SESSION = "bench"


class TimedOut(RuntimeError):
    """The screen did not show what was waited for in time."""


class Terminal:
    """One `width` x `height` pane in a tmux server of its own (`-L` socket name)."""

    def __init__(self, folder: Path, width: int = 160, height: int = 50) -> None:
        self.width, self.height = width, height
        self.name = f"planner-bench-{os.getpid()}-{time.monotonic_ns()}"
        config = folder / "tmux.conf"
        config.write_text(CONFIG, "utf-8")
        self._tmux = ["tmux", "-L", self.name, "-f", str(config)]
        subprocess.run(
            [*self._tmux, "new-session", "-d", "-s", SESSION, "-x", str(width), "-y",
             str(height), "--", "sleep", "86400"],
            check=True,
        )  # fmt: skip
        subprocess.run([*self._tmux, "set", "-g", "status", "off"], check=True)
        # Buffered both ways (commands are flushed as written): unbuffered, each line of
        # %output would be read a byte at a time, and a frame of 50 KB arrives escaped as
        # four times that, which alone cost this process tens of milliseconds a frame.
        self._client = subprocess.Popen(
            [*self._tmux, "-C", "attach", "-t", SESSION],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self._replies: deque[list[str]] = deque()
        self._reply_ready = threading.Condition()
        self._output = threading.Event()
        self.last_output = 0.0
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._reply()  # the attach command's own (empty) reply comes first
        self.command(f"refresh-client -C {width}x{height}")
        self.command(f"resize-window -t {SESSION} -x {width} -y {height}")

    # -- the control connection ---------------------------------------------------------

    def _read(self) -> None:
        assert self._client.stdout is not None
        block: list[str] | None = None
        for raw in self._client.stdout:
            if block is not None:
                if raw.startswith((b"%end ", b"%error ")):
                    with self._reply_ready:
                        self._replies.append(block)
                        self._reply_ready.notify()
                    block = None
                else:
                    block.append(raw.decode("utf-8", "replace").rstrip("\n"))
            elif raw.startswith(b"%begin "):
                block = []
            elif raw.startswith(b"%output "):
                self.last_output = time.perf_counter()
                self._output.set()

    def command(self, line: str) -> list[str]:
        """Run one tmux command and return its output lines."""
        assert self._client.stdin is not None
        self._client.stdin.write(line.encode() + b"\n")
        self._client.stdin.flush()
        return self._reply(line)

    def _reply(self, line: str = "attach") -> list[str]:
        with self._reply_ready:
            while not self._replies:
                if not self._reply_ready.wait(30):
                    raise TimedOut(f"tmux did not answer {line!r}")
            return self._replies.popleft()

    # -- the program in the pane --------------------------------------------------------

    def start(self, argv: Sequence[str], env: Mapping[str, str] | None = None) -> float:
        """Run `argv` in the pane (ending whatever ran there); returns the time it was asked."""
        options = " ".join(f"-e {shlex.quote(f'{k}={v}')}" for k, v in (env or {}).items())
        command = shlex.join(argv)
        self._output.clear()
        start = time.perf_counter()
        self.command(f"respawn-pane -k -t {SESSION} {options} {shlex.quote(command)}")
        return start

    def pid(self) -> int:
        return int(self.command(f"display-message -p -t {SESSION} '#{{pane_pid}}'")[0])

    def dead(self) -> bool:
        return self.command(f"display-message -p -t {SESSION} '#{{pane_dead}}'")[0] == "1"

    def wait_dead(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not self.dead():
            if time.monotonic() > deadline:
                raise TimedOut("the program in the pane did not end")
            self._output.wait(0.05)
            self._output.clear()

    def screen(self) -> list[str]:
        return self.command(f"capture-pane -p -t {SESSION}")

    def wait(self, seen: Callable[[list[str]], bool], timeout: float = 30.0) -> float:
        """Wait until the screen passes `seen`; returns when the output that did it came."""
        deadline = time.monotonic() + timeout
        while True:
            self._output.clear()
            screen = self.screen()
            # tmux sends the pane's output and a command's reply in order, so by the time
            # the capture is back every %output before it has been read: the last of them
            # drew what the capture shows. (Taken before the capture, it could be an
            # output from before the key, when the frame came during the capture: a
            # negative time.)
            arrived = self.last_output
            if seen(screen):
                return arrived
            left = deadline - time.monotonic()
            if left <= 0:
                shown = "\n".join(self.screen())
                raise TimedOut(f"timed out; the screen shows:\n{shown}")
            self._output.wait(min(left, 0.05))

    def settle(self, quiet: float = 0.15, timeout: float = 30.0) -> list[str]:
        """The screen once the program has written nothing for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._output.clear()
            if not self._output.wait(quiet):
                return self.screen()
        raise TimedOut("the screen never settled")

    # -- input --------------------------------------------------------------------------

    def keys(self, *keys: str) -> float:
        """Press keys (tmux names: Enter, Down, C-z, ...); returns when they were sent."""
        self._output.clear()
        start = time.perf_counter()
        self.command(f"send-keys -t {SESSION} {' '.join(keys)}")
        return start

    def type(self, text: str) -> None:
        self.command(f"send-keys -t {SESSION} -l {shlex.quote(text)}")

    def mouse(self, x: int, y: int, *, press: bool) -> float:
        """A left-button press or release at 0-based cell (x, y), as a terminal in SGR mouse
        mode sends it (what Textual asks for)."""
        sequence = f"\x1b[<0;{x + 1};{y + 1}{'M' if press else 'm'}".encode()
        self._output.clear()
        start = time.perf_counter()
        self.command(f"send-keys -t {SESSION} -H {' '.join(f'{b:02x}' for b in sequence)}")
        return start

    def close(self) -> None:
        subprocess.run([*self._tmux, "kill-server"], check=False, capture_output=True)
        self._client.wait(timeout=10)
