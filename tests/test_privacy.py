"""Citizens' data, as a public authority must handle it; what the README tells IT, proven.

* Nothing listens on the network, nor even opens a network socket, unless `planner serve`
  runs: the real app and every CLI command run under a Python audit hook that records each
  internet socket, bind, connect and name lookup, and the kernel's socket table (/proc) is
  read while the app runs. The same hook does catch `planner serve` binding 127.0.0.1.
* Plan files, journals and locks are 0600, in folders that are 0700 or at least not
  writable by others, even under umask 000; a world-writable folder is refused.
* A CPR number is refused on every input path: the cases export (CSV or TOML), teams.toml,
  a norm set, a plan file (`plan show` and `planner --plan`), and what is typed into the
  app (the plan note and the file name). Its digits are never shown, and nothing is written.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from netcheck import process_inet_sockets
from planner.core.moves import Assignment
from planner.io.files import SaveFailed
from planner.io.journal import journal_path
from planner.io.lock import acquire, lock_path
from planner.io.plans import plan_from
from planner.io.session import PlanSession
from planner.io.teams import load_team
from planner.ui.planning import PlanningApp, SaveScreen
from sshharness import Tmux, free_port, openssh, wait_until
from team_helpers import english

REPO = Path(__file__).resolve().parents[1]
DATE = "2026-11-23"
ON = date(2026, 11, 23)
START_S = 30.0
STEP_S = 15.0
CPR = "010190-1234"
CPR_DIGITS = ("010190", "0101901234")

# Runs planner's real main() after installing an audit hook (PEP 578) that writes every
# internet socket, bind, connect, send and name lookup to a log, under the given umask.
AUDITED = """\
import os, socket, sys

log, umask = sys.argv[1], int(sys.argv[2], 8)
INET = (socket.AF_INET, socket.AF_INET6)


def note(*what):
    with open(log, "a", encoding="utf-8") as f:
        f.write(repr(what) + "\\n")


def hook(event, args):
    if event == "socket.__new__" and args[1] in INET:
        note(event, args[1])
    elif event in ("socket.bind", "socket.connect", "socket.sendto", "socket.sendmsg"):
        if getattr(args[0], "family", None) in INET:
            note(event, args[1])
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr"):
        note(event, args[0])


os.umask(umask)
sys.addaudithook(hook)
sys.argv = ["planner", *sys.argv[3:]]
from planner.cli import main

sys.exit(main())
"""


@pytest.fixture
def host(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo config (no stray locks), and private state and data folders."""
    root = tmp_path / "host"
    root.mkdir()
    shutil.copytree(REPO / "config", root / "config", ignore=shutil.ignore_patterns(".*"))
    monkeypatch.setenv("XDG_STATE_HOME", str(root / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(root / "data"))
    (root / "home").mkdir()
    monkeypatch.setenv("HOME", str(root / "home"))  # to see that nothing is written there
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    (tmp_path / "audited.py").write_text(AUDITED, "utf-8")
    return root


def audited(host: Path, log: Path, *args: str, umask: str = "022") -> list[str]:
    return [sys.executable, str(host.parent / "audited.py"), str(log), umask, *args]


def audit_log(log: Path) -> list[str]:
    return log.read_text("utf-8").splitlines() if log.exists() else []


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ---------------------------------------------------------------------------------------
# The network


@pytest.mark.parametrize(
    ("args", "code"),
    [
        # 1: the demo has workers out of range, and one move in the plan does not fix that;
        # an export succeeds whatever the figures.
        (["check"], 1),
        (["check", "--json"], 1),
        (["plan", "show", "{plan}"], 1),
        (["plan", "export", "{plan}", "--format", "csv"], 0),
        (["plan", "export", "{plan}", "--format", "md"], 0),
    ],
    ids=["check", "check-json", "plan-show", "plan-export-csv", "plan-export-md"],
)
def test_cli_commands_open_no_network_socket(host: Path, args: list[str], code: int) -> None:
    config = host / "config" / "teams.toml"
    plan_file = host / "plan.toml"
    if "{plan}" in args:
        assignment = Assignment(load_team(config, None), ON)
        assignment.move(["K-10630"], "ab")
        plan_file.write_text(plan_from(assignment).to_toml(), "utf-8")
    log = host / "audit.log"
    argv = [a.replace("{plan}", str(plan_file)) for a in args]
    done = subprocess.run(
        audited(host, log, *argv, "--config", str(config), "--date", DATE),
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == code, done.stderr
    assert done.stdout.strip()
    assert audit_log(log) == []


def test_the_audit_hook_sees_serve_listen_on_loopback(host: Path) -> None:
    """The positive control: the same hook records `planner serve` binding 127.0.0.1."""
    log = host / "audit.log"
    port = free_port()
    out = host / "serve.out"
    with out.open("wb") as stdout:
        served = subprocess.Popen(
            audited(host, log, "serve", "--port", str(port), "--config",
                    str(host / "config" / "teams.toml"), "--lang", "en"),
            stdout=stdout, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    try:
        wait_until(lambda: "Listening on" in out.read_text("utf-8", "replace"), START_S,
                   "planner serve to listen", state=lambda: out.read_text("utf-8", "replace"))  # fmt: skip
        served.send_signal(signal.SIGTERM)
        assert served.wait(START_S) == 0
    finally:
        if served.poll() is None:
            served.kill()
            served.wait()
    assert f"('socket.bind', ('127.0.0.1', {port}))" in audit_log(log)


@pytest.fixture
def terminal(host: Path) -> Iterator[Tmux]:
    tools = openssh()  # tmux (installed with apt-get when missing, as for the SSH test)
    tmux = Tmux(tools, host.parent / "tmux", "xterm-256color")
    try:
        yield tmux
    finally:
        tmux.kill_server()


def test_the_app_opens_no_network_socket_and_keeps_its_files_private(
    host: Path, terminal: Tmux
) -> None:
    """The real app in a terminal, under umask 000: a move, a save, quit.

    No internet socket (audit hook and /proc), and every file it creates is 0600 in a
    folder that is 0700, so the permissions come from planner, not from the umask.
    """
    config = host / "config" / "teams.toml"
    log = host / "audit.log"
    pid = terminal.start(
        "app", audited(host, log, "--config", str(config), "--date", DATE, umask="000")
    )
    terminal.wait_for("app", "15 unassigned", START_S)
    assert process_inet_sockets(pid) == []

    terminal.keys("app", "Right", "m")
    terminal.wait_for("app", "Type to filter", STEP_S)
    terminal.keys("app", "Enter")
    terminal.wait_for("app", "14 unassigned", STEP_S)
    # While the session runs: its journal and its lock.
    journal = journal_path(config, "nordby")
    lock = lock_path(config, "nordby")
    assert mode(journal) == 0o600 and mode(journal.parent) == 0o700
    assert mode(lock) == 0o600
    assert not lock.parent.stat().st_mode & stat.S_IWOTH

    terminal.keys("app", "C-s")
    terminal.wait_for("app", "Save plan", STEP_S)
    terminal.keys("app", "Enter")
    plans = host / "plans"
    [plan] = wait_until(lambda: list(plans.glob("nordby-*.toml")), STEP_S, "the plan file")
    assert mode(plan) == 0o600 and mode(plans) == 0o700
    assert len(tomllib.loads(plan.read_text("utf-8"))["moves"]) == 1
    assert process_inet_sockets(pid) == []

    terminal.keys("app", "q")
    wait_until(lambda: terminal.exit_status("app") is not None, STEP_S, "planner to quit")
    assert terminal.exit_status("app") == 0
    assert audit_log(log) == []
    # Nothing else was left behind: no temporary files, no lock, no journal (all saved),
    # nothing in the home folder (no cache, log or settings), nothing outside the team's
    # config folder, plans/ and the state folder.
    assert sorted(p.name for p in plans.iterdir()) == [plan.name]
    assert not lock.exists() and not journal.exists()
    assert list((host / "home").iterdir()) == []
    assert list((host / "state" / "planner").iterdir()) == []
    assert sorted(p.name for p in host.iterdir()) == ["config", "home", "plans", "state"]


# ---------------------------------------------------------------------------------------
# Folders others may write to


def test_a_plan_is_never_saved_in_a_world_writable_folder(host: Path) -> None:
    config = host / "config" / "teams.toml"
    session = PlanSession.open(config, Assignment(load_team(config, None), ON))
    try:
        session.record("do", session.assignment.move(["K-10630"], "ab"))
        shared = host / "shared"
        shared.mkdir()
        os.chmod(shared, 0o777)
        with pytest.raises(SaveFailed) as refused:
            session.save(shared / "plan.toml")
        assert "writable by everyone" in english(refused.value)
        assert list(shared.iterdir()) == []
    finally:
        session.close(keep_unsaved=False)


def test_a_world_writable_state_folder_is_refused_before_anything_is_written(
    host: Path,
) -> None:
    state = host / "state" / "planner"
    state.mkdir(parents=True)
    os.chmod(state, 0o777)
    log = host / "audit.log"
    done = subprocess.run(
        audited(host, log, "--config", str(host / "config" / "teams.toml"), "--date", DATE),
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "writable by everyone" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(state.iterdir()) == []  # no journal in the folder others may write to
    assert audit_log(log) == []


def test_a_refused_start_leaves_no_lock_behind(host: Path) -> None:
    state = host / "state" / "planner"
    state.mkdir(parents=True)
    os.chmod(state, 0o777)
    done = subprocess.run(
        audited(host, host / "audit.log", "--config", str(host / "config" / "teams.toml")),
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert not lock_path(host / "config" / "teams.toml", "nordby").exists()


def test_a_lock_never_goes_into_a_world_writable_config_folder(host: Path) -> None:
    config = host / "config" / "teams.toml"
    os.chmod(config.parent, 0o777)
    lock = acquire(config, "nordby")
    try:
        path = lock_path(config, "nordby")
        assert path.parent == host / "state" / "planner"
        assert path.exists() and mode(path) == 0o600 and mode(path.parent) == 0o700
        assert not [p for p in config.parent.iterdir() if p.name.startswith(".planner")]
    finally:
        lock.release()


# ---------------------------------------------------------------------------------------
# CPR numbers, on every input path (the demo team, one number put into each in turn)


def files_under(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes: to prove that nothing was written."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8-sig")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def demo_plan(host: Path) -> str:
    assignment = Assignment(load_team(host / "config" / "teams.toml", None), ON)
    assignment.move(["K-10630"], "ab", "Sagstalsudligning")
    return plan_from(assignment, note="Runde 1").to_toml()


def cases_csv(host: Path) -> list[str]:
    edit(host / "config" / "data" / "nordby-cases.csv", "K-10002;ab;;enkel;",
         f"K-10002;ab;;enkel {CPR};")  # fmt: skip
    return ["check"]


def cases_toml(host: Path) -> list[str]:
    (host / "config" / "data" / "cases.toml").write_text(
        f'[[cases]]\nid = "K-1"\nworker = "ab"\n\n[[cases]]\nid = "{CPR}"\nworker = "cd"\n',
        "utf-8",
    )
    edit(host / "config" / "teams.toml", "data/nordby-cases.csv", "data/cases.toml")
    return ["check"]


def teams_toml(host: Path) -> list[str]:
    edit(host / "config" / "teams.toml", 'name = "Anna Berg"', f'name = "Anna {CPR}"')
    return ["check"]


def norm_set(host: Path) -> list[str]:
    # A norm set beside config/ (norms/ds.toml) is used before the bundled one.
    (host / "norms").mkdir()
    shutil.copy(REPO / "norms" / "ds.toml", host / "norms" / "ds.toml")
    edit(host / "norms" / "ds.toml", 'label = "Virksomhedssamarbejde"',
         f'label = "Virksomhedssamarbejde {CPR}"')  # fmt: skip
    return ["check"]


def plan_note(host: Path) -> list[str]:
    (host / "plan.toml").write_text(demo_plan(host).replace("Runde 1", f"Borger {CPR}"), "utf-8")
    return ["plan", "show", str(host / "plan.toml")]


def plan_reason(host: Path) -> list[str]:
    (host / "plan.toml").write_text(demo_plan(host).replace("Sagstalsudligning", CPR), "utf-8")
    return ["plan", "export", str(host / "plan.toml"), "--format", "csv"]


def plan_opened_in_the_app(host: Path) -> list[str]:
    (host / "plan.toml").write_text(demo_plan(host).replace('"K-10630"', f'"{CPR}"'), "utf-8")
    return ["--plan", str(host / "plan.toml")]  # refused before the app takes the terminal


@pytest.mark.parametrize(
    "make_input",
    [cases_csv, cases_toml, teams_toml, norm_set, plan_note, plan_reason, plan_opened_in_the_app],
)
def test_a_cpr_number_is_refused_on_every_file_input(
    host: Path, run_cli: Callable, make_input: Callable[[Path], list[str]]
) -> None:
    args = make_input(host)
    before = files_under(host)
    result = run_cli(*args, "--config", host / "config" / "teams.toml", "--date", DATE)
    assert result.code == 2, result.err
    assert "looks like a CPR number" in result.err
    shown = result.out + result.err
    assert not any(digits in shown for digits in CPR_DIGITS), shown
    assert "Traceback" not in shown
    assert files_under(host) == before  # nothing written: no plan, journal, lock or export


async def test_a_cpr_number_typed_into_the_app_is_refused(host: Path) -> None:
    """The two things a leader types that planner would keep: the note and the file name."""
    config = host / "config" / "teams.toml"
    assignment = Assignment(load_team(config, None), ON)
    session = PlanSession.open(config, assignment)
    app = PlanningApp(assignment, session, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        app.move_cases(["K-10630"], "ab")
        await pilot.pause()
        for field, text in (("#save-note", f"Borger {CPR}"), ("#save-path", f"plans/{CPR}.toml")):
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, SaveScreen)
            app.screen.query_one(field, Input).value = text
            app.screen.query_one("#save-ok").press()
            await pilot.pause()
            assert isinstance(app.screen, SaveScreen), f"{field}: saved anyway"
            error = str(app.screen.query_one("#save-error", Static).render())
            assert "looks like a CPR number" in error, (field, error)
            assert not any(digits in error for digits in CPR_DIGITS)
            await pilot.press("escape")
            await pilot.pause()
        # Nothing of it reached the disk: no plan, and the journal holds no CPR number.
        assert not (host / "plans").exists()
        journal = journal_path(config, "nordby").read_text("utf-8")
        assert not any(digits in journal for digits in CPR_DIGITS)
        app.exit()
