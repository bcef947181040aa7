"""A real SSH session on this machine: sshd on loopback, the real `ssh -tt` client in tmux.

Used by tests/test_ssh.py to run `planner` as a team leader does on a municipal jump host:

* :func:`openssh` finds sshd, ssh, ssh-keygen and tmux, installing openssh-server and tmux
  with apt-get when they are missing. Without root or apt it skips with the reason.
* :class:`Sshd` runs its own sshd (``-D -e``) on 127.0.0.1 on a free port: a host key made
  for the test, one throwaway user key, public-key login only, its own config and pid file.
* :class:`Tmux` is a private tmux server (``-L`` socket name of its own) whose sessions are
  80x24 and whose TERM is chosen by the test; the ssh client runs inside it as it would in
  a leader's terminal, and the screen is read with capture-pane.
* :func:`remote_command` builds what the ssh client asks the host to run: planner (the
  venv's, by absolute path) under a small recorder that writes down the planner process's
  pid and how it ended (exit code or signal), since the host's sshd, not the test, is its
  parent.

Everything waits by polling with a deadline; nothing sleeps for a fixed long time.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pytest

T = TypeVar("T")

TOOLS = ("sshd", "ssh", "ssh-keygen", "tmux")
SBIN = ("/usr/sbin", "/usr/local/sbin", "/sbin")
APT_TIMEOUT_S = 900  # apt-get update + install on a slow mirror
WIDTH, HEIGHT = 80, 24


class TimedOut(AssertionError):
    """A condition polled for did not come true in time; the message shows the last state."""


def wait_until(
    probe: Callable[[], T | None],
    timeout: float,
    what: str,
    *,
    interval: float = 0.05,
    state: Callable[[], str] | None = None,
) -> T:
    """Call `probe` until it returns something truthy; fail naming `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            shown = f"\n--- last state ---\n{state()}" if state else ""
            raise TimedOut(f"timed out after {timeout:.0f} s waiting for {what}{shown}")
        time.sleep(interval)


# ---------------------------------------------------------------------------------------
# The tools


def _find(tool: str) -> str | None:
    found = shutil.which(tool)
    if found:
        return found
    for folder in SBIN:
        candidate = Path(folder) / tool
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def _missing() -> list[str]:
    return [tool for tool in TOOLS if _find(tool) is None]


def openssh() -> dict[str, str]:
    """The absolute paths of sshd, ssh, ssh-keygen and tmux, installing what is missing.

    Installs openssh-server (which brings the client and ssh-keygen) and tmux with apt-get
    when one is missing; skips, with the reason, when that is impossible (not root, no
    apt-get). A failed apt-get fails the test with its output: never a silent pass.
    """
    missing = _missing()
    if missing:
        if os.geteuid() != 0:
            pytest.skip(f"{', '.join(missing)} missing and not root: cannot apt-get install")
        apt = shutil.which("apt-get")
        if apt is None:
            pytest.skip(f"{', '.join(missing)} missing and no apt-get to install them with")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        packages = ["openssh-server", "openssh-client", "tmux"]
        for argv in (
            [apt, "update", "-q"],
            [apt, "install", "-y", "-q", "--no-install-recommends", *packages],
        ):
            try:
                done = subprocess.run(
                    argv,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    capture_output=True,
                    text=True,
                    timeout=APT_TIMEOUT_S,
                )
            except subprocess.TimeoutExpired:
                pytest.fail(f"{' '.join(argv)} took longer than {APT_TIMEOUT_S} s")
            if done.returncode != 0:
                pytest.fail(
                    f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout[-3000:]}"
                    f"\n{done.stderr[-3000:]}"
                )
        missing = _missing()
        if missing:
            pytest.fail(f"apt-get installed {packages} but {missing} still not found")
    return {tool: str(_find(tool)) for tool in TOOLS}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# ---------------------------------------------------------------------------------------
# sshd


def keygen(tools: Mapping[str, str], path: Path, comment: str) -> Path:
    subprocess.run(
        [tools["ssh-keygen"], "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(path)],
        check=True,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=30,
    )
    return path


SSHD_CONFIG = """\
# planner's SSH test: loopback only, one throwaway key, no passwords.
Port {port}
ListenAddress 127.0.0.1
AddressFamily inet
HostKey {host_key}
PidFile {pid_file}
AuthorizedKeysFile {authorized_keys}
AllowUsers {user}
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitEmptyPasswords no
# CI runs as root; a key is the only way in.
PermitRootLogin prohibit-password
UsePAM no
# The key files live in pytest's temporary folder, not in a home folder.
StrictModes no
PermitTTY yes
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
PrintMotd no
PrintLastLog no
LogLevel VERBOSE
"""


@dataclass
class Sshd:
    """Our own sshd on 127.0.0.1; stop() ends it (the fixture does)."""

    tools: Mapping[str, str]
    folder: Path
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    user: str = field(default_factory=lambda: _login_name())

    @property
    def log(self) -> Path:
        return self.folder / "sshd.log"

    @property
    def user_key(self) -> Path:
        return self.folder / "user_ed25519"

    def start(self) -> Sshd:
        self.folder.mkdir(parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)
        host_key = keygen(self.tools, self.folder / "host_ed25519", "planner-test-host")
        keygen(self.tools, self.user_key, "planner-test-user")
        authorized = self.folder / "authorized_keys"
        authorized.write_bytes(self.user_key.with_suffix(".pub").read_bytes())
        os.chmod(authorized, 0o600)
        if os.geteuid() == 0:
            # sshd's privilege separation folder (a package install makes it at boot).
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
        last_error = ""
        for _attempt in range(5):  # another process may take the free port before sshd
            self.port = free_port()
            config = self.folder / "sshd_config"
            config.write_text(
                SSHD_CONFIG.format(
                    port=self.port,
                    host_key=host_key,
                    pid_file=self.folder / "sshd.pid",
                    authorized_keys=authorized,
                    user=self.user,
                ),
                "utf-8",
            )
            test = subprocess.run(
                [self.tools["sshd"], "-t", "-f", str(config)],
                capture_output=True,
                text=True,
                timeout=30,
            )
            if test.returncode != 0:
                pytest.fail(f"sshd refused its test config:\n{test.stderr}")
            with self.log.open("wb") as log:
                self.process = subprocess.Popen(
                    [self.tools["sshd"], "-D", "-e", "-f", str(config)],
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            listening = f"Server listening on 127.0.0.1 port {self.port}"
            wait_until(
                lambda listening=listening: (
                    listening in self.log_text() or self.process.poll() is not None
                ),
                20,
                "sshd to listen",
                state=self.log_text,
            )
            if self.process.poll() is None:
                return self
            last_error = self.log_text()
        pytest.fail(f"sshd did not start:\n{last_error}")

    def log_text(self) -> str:
        try:
            return self.log.read_text("utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    def ssh_argv(self, remote: str) -> list[str]:
        """The real client, as a leader would type it, plus what a test needs to be alone:
        no user or system ssh_config, a throwaway known-hosts, no agent, no password prompt."""
        return [
            self.tools["ssh"],
            "-tt",
            "-F",
            "/dev/null",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "BatchMode=yes",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "IdentityAgent=none",
            "-i",
            str(self.user_key),
            "-p",
            str(self.port),
            f"{self.user}@127.0.0.1",
            remote,
        ]


def _login_name() -> str:
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name


# ---------------------------------------------------------------------------------------
# The command run on the host

# Runs the real planner with the terminal it was given (same session, same process group),
# passes on the hang-up and writes down how planner ended. Only needed because the test is
# not planner's parent on the host (sshd is); planner sees exactly what a login command sees.
RECORDER = """\
import json, os, signal, subprocess, sys

status = sys.argv[1]
child = subprocess.Popen(sys.argv[2:])
with open(status + ".pid", "w") as f:
    f.write(str(child.pid))


def forward(signum, frame):
    child.send_signal(signum)


for sig in (signal.SIGHUP, signal.SIGTERM):
    signal.signal(sig, forward)
while True:
    try:
        code = child.wait()
        break
    except InterruptedError:
        continue
with open(status + ".tmp", "w") as f:
    json.dump({"pid": child.pid, "returncode": code}, f)
os.replace(status + ".tmp", status)
sys.exit(code if code >= 0 else 128 - code)  # as a shell reports it: 129 = SIGHUP
"""


def planner_bin() -> Path:
    """The planner of the venv running the tests (the fresh one in CI)."""
    path = Path(sys.executable).parent / "planner"
    if not path.exists():
        pytest.fail(f"{path} missing: install the project into this venv (pip install -e .)")
    return path


@dataclass
class Remote:
    """Where one remote run keeps its recorder and its exit status."""

    folder: Path

    @property
    def status_file(self) -> Path:
        return self.folder / "status.json"

    def status(self) -> dict[str, int] | None:
        try:
            return json.loads(self.status_file.read_text("utf-8"))
        except (FileNotFoundError, ValueError):
            return None

    def pid(self) -> int | None:
        try:
            return int(Path(str(self.status_file) + ".pid").read_text("utf-8"))
        except (FileNotFoundError, ValueError):
            return None

    def command(self, args: Sequence[str | Path], env: Mapping[str, str]) -> str:
        """The command line the ssh client sends: env VARS python recorder planner ARGS."""
        self.folder.mkdir(parents=True, exist_ok=True)
        recorder = self.folder / "recorder.py"
        recorder.write_text(RECORDER, "utf-8")
        for stale in (self.status_file, Path(str(self.status_file) + ".pid")):
            stale.unlink(missing_ok=True)
        words = [
            "exec",
            "env",
            *(f"{k}={v}" for k, v in env.items()),
            sys.executable,
            str(recorder),
            str(self.status_file),
            str(planner_bin()),
            *map(str, args),
        ]
        return " ".join(shlex.quote(w) for w in words)


def process_alive(pid: int) -> bool:
    """True while `pid` runs (a zombie counts as gone: it has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


# ---------------------------------------------------------------------------------------
# tmux


# `status off` (a full 80x24 pane) is set once the server runs: tmux 3.3a's server dies
# when it meets that, or window-size, in the config file before its first session.
TMUX_CONFIG = """\
set -g default-terminal "{term}"
set -g remain-on-exit on
set -g history-limit 2000
set -sg escape-time 0
"""

_SGR = re.compile(r"\x1b\[([0-9;:]*)m")


@dataclass
class Tmux:
    """A private tmux server: `-L name` keeps it apart from any other tmux on the machine."""

    tools: Mapping[str, str]
    folder: Path
    term: str
    name: str = field(default_factory=lambda: f"planner-test-{os.getpid()}-{time.monotonic_ns()}")

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.config = self.folder / "tmux.conf"
        self.config.write_text(TMUX_CONFIG.format(term=self.term), "utf-8")
        self.started = False

    def run(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            [self.tools["tmux"], "-L", self.name, "-f", str(self.config), *args],
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {done.stderr}")
        return done.stdout

    def start(self, session: str, argv: Sequence[str]) -> int:
        """A new 80x24 session running `argv`; returns the pid of that process.

        A small sh runs it and writes its exit status to a file: tmux 3.3a sometimes never
        reaps a pane's process (it stays a zombie and #{pane_dead_status} stays empty).
        """
        if not self.started:
            self.run("new-session", "-d", "-s", "idle", "--", "sleep", "86400")
            self.run("set-option", "-g", "status", "off")
            self.started = True
        status = self.status_file(session)
        status.unlink(missing_ok=True)
        self.run(
            "new-session", "-d", "-s", session, "-x", str(WIDTH), "-y", str(HEIGHT), "--",
            "sh", "-c", '"$@"; echo $? > "$0.tmp" && mv "$0.tmp" "$0"', str(status), *argv,
        )  # fmt: skip
        shell = int(self.run("display-message", "-p", "-t", session, "#{pane_pid}").strip())
        name = Path(argv[0]).name[:15]
        return wait_until(
            lambda: next((p for p in children(shell) if _comm(p) == name), None),
            10,
            f"{name} to start in tmux",
        )

    def status_file(self, session: str) -> Path:
        return self.folder / f"{session}.status"

    def exit_status(self, session: str) -> int | None:
        """The exit status of the session's process once it has ended, else None."""
        try:
            return int(self.status_file(session).read_text().strip())
        except (FileNotFoundError, ValueError):
            return None

    def screen(self, session: str, *, escapes: bool = False, history: bool = False) -> str:
        """What the pane shows (with `history`, also what scrolled off the top)."""
        args = ["capture-pane", "-p", "-t", session]
        if escapes:
            args.append("-e")
        if history:
            args += ["-S", "-"]
        return self.run(*args, check=False)

    def size(self, session: str) -> tuple[int, int]:
        out = self.run("display-message", "-p", "-t", session, "#{pane_width} #{pane_height}")
        width, height = out.split()
        return int(width), int(height)

    def keys(self, session: str, *keys: str) -> None:
        self.run("send-keys", "-t", session, *keys)

    def type(self, session: str, text: str) -> None:
        self.run("send-keys", "-t", session, "-l", text)

    def wait_for(
        self, session: str, predicate: Callable[[str], bool] | str, timeout: float, what: str = ""
    ) -> str:
        """Poll the screen until it shows `predicate` (a text, or a test of the screen)."""
        test = (lambda s: predicate in s) if isinstance(predicate, str) else predicate
        label = what or (repr(predicate) if isinstance(predicate, str) else "the screen")

        def probe() -> str | None:
            text = self.screen(session)
            return text if test(text) else None

        return wait_until(probe, timeout, label, state=lambda: self.screen(session))

    def kill_server(self) -> None:
        self.run("kill-server", check=False)


def sgr_colours(screen_with_escapes: str) -> set[str]:
    """Every colour set on screen, as SGR parameter strings ("31", "38;5;208", "48;2;…")."""
    colours: set[str] = set()
    for match in _SGR.finditer(screen_with_escapes):
        params = [p for p in re.split("[;:]", match.group(1)) if p != ""]
        i = 0
        while i < len(params):
            p = params[i]
            if p in ("38", "48", "58") and i + 1 < len(params):
                if params[i + 1] == "5":
                    colours.add(";".join(params[i : i + 3]))
                    i += 3
                    continue
                if params[i + 1] == "2":
                    colours.add(";".join(params[i : i + 5]))
                    i += 5
                    continue
            if p.isdigit() and (30 <= int(p) <= 37 or 40 <= int(p) <= 47 or 90 <= int(p) <= 107):
                colours.add(p)
            i += 1
    return colours


@contextlib.contextmanager
def tmux_server(tools: Mapping[str, str], folder: Path, term: str) -> Iterator[Tmux]:
    tmux = Tmux(tools, folder, term)
    try:
        yield tmux
    finally:
        tmux.kill_server()


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def children(pid: int) -> list[int]:
    """Every descendant of `pid` (from the parent links in /proc/*/stat)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: list[int] = []
    frontier = [pid]
    while frontier:
        kids = [p for p, parent in parents.items() if parent == frontier[-1]]
        frontier.pop()
        found += kids
        frontier += kids
    return found


def kill(pid: int, sig: int = signal.SIGKILL) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)
