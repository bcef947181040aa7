"""`planner serve`: the board in a browser, on loopback unless told otherwise.

The real command runs as a subprocess on a free port; the page is fetched over loopback
with urllib, the app's screen through the websocket a browser would open, and the kernel's
socket table (/proc/net) says where the server really listens.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from netcheck import process_inet_sockets
from sshharness import children, free_port, wait_until

REPO = Path(__file__).resolve().parents[1]
TEAM_NAME = "Jobcenter Nordby, Team Job og Sygedagpenge"
START_S = 30.0  # generous: a loaded CI machine may need seconds to import everything
ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[\]P][^\x07\x1b]*(\x07|\x1b\\)")


@pytest.fixture
def work(tmp_path: Path) -> Path:
    # Only the team's files: not a lock someone's session left in the checkout's config/.
    shutil.copytree(REPO / "config", tmp_path / "config", ignore=shutil.ignore_patterns(".*"))
    return tmp_path


def serve_env(work: Path) -> dict[str, str]:
    return {
        **os.environ,
        "XDG_STATE_HOME": str(work / "state"),
        "XDG_DATA_HOME": str(work / "data"),
        "LANG": "en_GB.UTF-8",
        "NO_COLOR": "1",
    }


class Served:
    def __init__(self, process: subprocess.Popen[bytes], out: Path, err: Path) -> None:
        self.process, self.out, self.err = process, out, err

    def output(self) -> str:
        return self.out.read_text("utf-8", "replace") + self.err.read_text("utf-8", "replace")


@pytest.fixture
def start_serve(work: Path) -> Iterator:
    started: list[Served] = []

    def start(*args: str) -> Served:
        out, err = work / f"serve{len(started)}.out", work / f"serve{len(started)}.err"
        with out.open("wb") as stdout, err.open("wb") as stderr:
            process = subprocess.Popen(
                [sys.executable, "-m", "planner", "serve", "--config",
                 str(work / "config" / "teams.toml"), "--date", "2026-11-23", *args],
                stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr,
                env=serve_env(work), start_new_session=True,
            )  # fmt: skip
        served = Served(process, out, err)
        started.append(served)
        return served

    yield start
    for served in started:  # the server and any app it started: its whole process group
        if served.process.poll() is None:
            os.killpg(served.process.pid, signal.SIGKILL)
            served.process.wait(10)


async def app_screen(url: str, want: str, timeout: float) -> str:
    """Open the app's websocket as the browser does; collect its screen until `want`."""
    import aiohttp

    text = ""
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"{url}/ws?width=80&height=24") as ws,
    ):
        async with asyncio.timeout(timeout):
            async for message in ws:
                if message.type == aiohttp.WSMsgType.BINARY:
                    text += ANSI.sub("", message.data.decode("utf-8", "replace"))
                    if want in text:
                        break
        await ws.send_json(["stdin", "q"])  # quit the app: nothing moved, it quits at once
    return text


def test_serve_listens_on_loopback_only_and_serves_the_board(start_serve, work: Path) -> None:
    port = free_port()
    served = start_serve("--port", str(port), "--lang", "en")
    wait_until(lambda: "Listening on" in served.output() or served.process.poll() is not None,
               START_S, "planner serve to listen", state=served.output)  # fmt: skip
    out = served.output()
    assert served.process.poll() is None, out
    # It says where it listens, and that this is loopback only.
    assert f"Listening on 127.0.0.1 port {port} only (loopback)" in out
    assert f"ssh -L {port}:127.0.0.1:{port}" in out

    # The kernel agrees: the server's only internet sockets listen on 127.0.0.1:port.
    sockets = process_inet_sockets(served.process.pid)
    assert sockets, "the server holds no socket at all"
    assert {(s.proto, s.address, s.port) for s in sockets if s.listening} == {
        ("tcp", "127.0.0.1", port)
    }
    assert all(s.loopback for s in sockets)

    url = f"http://127.0.0.1:{port}"
    with urllib.request.urlopen(url + "/", timeout=START_S) as response:
        assert response.status == 200
        page = response.read().decode("utf-8")
    assert f"planner · {TEAM_NAME}" in page
    assert f"ws://127.0.0.1:{port}/ws" in page
    # The page makes the browser fetch nothing from anywhere but this server.
    # (xmlns="http://www.w3.org/2000/svg" names the SVG namespace; nothing fetches it.)
    fetched = re.sub(r'xmlns="[^"]*"', "", page)
    urls = set(re.findall(r"""(?:https?|wss?)://[^\s"')]+""", fetched))
    assert urls and all(u.split("://", 1)[1].startswith(f"127.0.0.1:{port}/") for u in urls), urls
    assert "googleapis" not in page
    font = urllib.request.urlopen(url + "/static/fonts/RobotoMono-VariableFont_wght.ttf")
    assert font.status == 200 and len(font.read()) > 10_000

    # The same app, through the websocket a browser opens: the board of the demo team.
    screen = asyncio.run(app_screen(url, "Unassigned", START_S))
    assert TEAM_NAME in screen and "Unassigned" in screen

    # Ctrl+C / SIGTERM stops it, with the app it started; no traceback anywhere.
    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(START_S) == 0
    assert "stopped" in served.output()
    assert "Traceback" not in served.output()
    wait_until(lambda: not children(served.process.pid), 10, "the served apps to end")


def test_serve_refuses_a_port_in_use(start_serve, work: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        served = start_serve("--port", str(port), "--lang", "en")
        assert served.process.wait(START_S) == 2
    assert f"port {port} on 127.0.0.1 is already in use" in served.output()
    assert "Traceback" not in served.output()


@pytest.mark.parametrize("port", ["abc", "0", "70000"])
def test_serve_refuses_a_bad_port(run_cli, port: str) -> None:
    result = run_cli("serve", "--port", port, "--lang", "en")
    assert result.code == 2
    assert f"--port {port} is not a port" in result.err


def test_serve_without_textual_serve_says_how_to_install_it(
    run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if the optional extra were not installed: the import fails.
    monkeypatch.setitem(sys.modules, "textual_serve", None)
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    result = run_cli("serve")
    assert result.code == 2
    # The exact command for the environment planner runs in.
    assert f"{sys.executable} -m pip install textual-serve" in result.err
    assert "pip install -e '.[serve]'" in result.err
    result = run_cli("serve", "--lang", "da")
    assert result.code == 2 and "Installér det i planners Python-miljø" in result.err


def test_serve_on_another_address_warns_loudly(
    run_cli, monkeypatch: pytest.MonkeyPatch, work: Path
) -> None:
    """No public port is opened in a test: aiohttp's run_app is replaced by one that
    reports the server started, as aiohttp does once its socket is bound."""
    from aiohttp import web

    seen: dict[str, object] = {}

    def run_app(app: object, *, host: str, port: int, print, **_: object) -> None:
        seen.update(host=host, port=port)
        app.close()  # type: ignore[attr-defined]  # the coroutine that would build the app
        print("======== Running ========")

    monkeypatch.setattr(web, "run_app", run_app)
    config = str(work / "config" / "teams.toml")
    result = run_cli("serve", "--host", "0.0.0.0", "--port", "8123", "--config", config,
                     "--lang", "en")  # fmt: skip
    assert result.code == 0
    assert seen == {"host": "0.0.0.0", "port": 8123}
    assert "WARNING: listening on 0.0.0.0 port 8123, NOT only on loopback" in result.err
    assert "no password" in result.err
    # And the default says the opposite, on standard output.
    result = run_cli("serve", "--config", config, "--lang", "en")
    assert seen == {"host": "127.0.0.1", "port": 8000}
    assert "Listening on 127.0.0.1 port 8000 only (loopback)" in result.out
    assert "WARNING" not in result.err


def test_serve_reports_a_bad_config_before_listening(run_cli, work: Path) -> None:
    bad = work / "config" / "teams.toml"
    bad.write_text('default = "nordby"\n[teams.nordby]\nname = 3\n', "utf-8")
    result = run_cli("serve", "--config", str(bad), "--port", str(free_port()), "--lang", "en")
    assert result.code == 2
    assert "teams.toml" in result.err
    # It stopped before listening: this (in-process) run left no listening socket.
    assert not [s for s in process_inet_sockets(os.getpid()) if s.listening]
