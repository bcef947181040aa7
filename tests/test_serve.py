"""`planner serve`: the board in a browser, on loopback unless told otherwise.

The real command runs as a subprocess on a free port; the page is fetched over loopback
with urllib, the app's screen through the websocket a browser would open, and the kernel's
socket table (/proc/net) says where the server really listens. Every request needs the
token the server printed; those without it are refused, from a real client over loopback.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
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


TOKEN = re.compile(r"/\?token=([A-Za-z0-9_-]+)")


def printed_token(served: Served) -> str:
    """The token in the address the server printed (the same in both lines that show it)."""
    tokens = set(TOKEN.findall(served.output()))
    assert len(tokens) == 1, served.output()
    return tokens.pop()


def status_of(url: str, headers: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=START_S) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


async def app_screen(
    ws_url: str,
    origin: str,
    want: str,
    timeout: float,
    while_open: Callable[[], None] = lambda: None,
) -> str:
    """Open the app's websocket as the browser does; collect its screen until `want`, then
    call `while_open` (the app still runs) and quit the app."""
    import aiohttp

    text = ""
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"{ws_url}?width=80&height=24", headers={"Origin": origin}) as ws,
    ):
        async with asyncio.timeout(timeout):
            async for message in ws:
                if message.type == aiohttp.WSMsgType.BINARY:
                    text += ANSI.sub("", message.data.decode("utf-8", "replace"))
                    if want in text:
                        break
        while_open()
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
    token = printed_token(served)
    assert f"on {url}/?token={token}" in out
    assert f"open http://localhost:{port}/?token={token} in your browser" in out
    with urllib.request.urlopen(f"{url}/?token={token}", timeout=START_S) as response:
        assert response.status == 200
        page = response.read().decode("utf-8")
        cookie = response.headers["Set-Cookie"]
    assert f"planner · {TEAM_NAME}" in page
    ws_url = f"ws://127.0.0.1:{port}/ws/{token}"
    assert f'"{ws_url}"' in page
    # The page makes the browser fetch nothing from anywhere but this server: its own
    # scripts, styles and font by path, from the address the browser used.
    # (xmlns="http://www.w3.org/2000/svg" names the SVG namespace; nothing fetches it.)
    fetched = re.sub(r'xmlns="[^"]*"', "", page)
    urls = set(re.findall(r"""(?:https?|wss?)://[^\s"')]+""", fetched))
    assert urls == {ws_url}, urls
    assert "googleapis" not in page and "/static/js/textual.js" in page
    # The first load set the token as a cookie, private to this port, for those files.
    assert cookie.startswith(f"planner-token-{port}={token};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    font = urllib.request.urlopen(
        urllib.request.Request(
            url + "/static/fonts/RobotoMono-VariableFont_wght.ttf",
            headers={"Cookie": f"planner-token-{port}={token}"},
        )
    )
    assert font.status == 200 and len(font.read()) > 10_000

    # The token is the server's alone: not on the command line of the apps it starts
    # (which every user of the host can read in /proc).
    command_lines: list[str] = []

    def read_command_lines() -> None:
        for child in children(served.process.pid):
            with contextlib.suppress(FileNotFoundError):
                command_lines.append(Path(f"/proc/{child}/cmdline").read_text("utf-8", "replace"))

    # The same app, through the websocket a browser opens: the board of the demo team.
    screen = asyncio.run(
        app_screen(ws_url, f"http://localhost:{port}", "Unassigned", START_S, read_command_lines)
    )
    assert TEAM_NAME in screen and "Unassigned" in screen
    assert any("planner" in line for line in command_lines), command_lines
    assert not any(token in line for line in command_lines)

    # Ctrl+C / SIGTERM stops it, with the app it started; no traceback anywhere.
    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(START_S) == 0
    assert "stopped" in served.output()
    assert "Traceback" not in served.output()
    wait_until(lambda: not children(served.process.pid), 10, "the served apps to end")


@pytest.mark.parametrize(
    ("host", "tunnel", "bound"),
    [("127.0.0.2", "127.0.0.2", ("tcp", "127.0.0.2")), ("::1", "[::1]", ("tcp6", "::1"))],
)
def test_the_ssh_forward_goes_to_the_address_bound(
    start_serve, host: str, tunnel: str, bound: tuple[str, str]
) -> None:
    """Another loopback address than 127.0.0.1: the forward printed must reach it (a
    forward to 127.0.0.1 would find nobody there)."""
    port = free_port()
    served = start_serve("--port", str(port), "--lang", "en", "--host", host)
    wait_until(lambda: "Listening on" in served.output() or served.process.poll() is not None,
               START_S, "planner serve to listen", state=served.output)  # fmt: skip
    out = served.output()
    assert f"Listening on {host} port {port} only (loopback)" in out, out
    assert f"ssh -L {port}:{tunnel}:{port} <jump host>" in out
    assert "127.0.0.1" not in out
    sockets = process_inet_sockets(served.process.pid)
    assert {(s.proto, s.address, s.port) for s in sockets if s.listening} == {(*bound, port)}
    # What the forward reaches on the jump host: the server, with the printed token.
    token = printed_token(served)
    assert status_of(f"http://{tunnel}:{port}/?token={token}") == 200
    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(START_S) == 0


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
    assert "not encrypted" in result.err and "read the token" in result.err
    assert re.search(r"on http://0\.0\.0\.0:8123/\?token=[A-Za-z0-9_-]{43}\n", result.err)
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


async def websocket_status(url: str, headers: dict[str, str]) -> int:
    """The HTTP status the server answers a websocket handshake with (101: it opened)."""
    import aiohttp

    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url, headers=headers) as ws:
                await ws.send_json(["stdin", "q"])  # an app started: let it quit at once
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


def test_serve_refuses_every_request_without_the_token(start_serve) -> None:
    port = free_port()
    served = start_serve("--port", str(port), "--lang", "en")
    wait_until(lambda: "Listening on" in served.output() or served.process.poll() is not None,
               START_S, "planner serve to listen", state=served.output)  # fmt: skip
    token = printed_token(served)
    url = f"http://127.0.0.1:{port}"
    paths = ["/", "/static/js/textual.js", "/static/fonts/RobotoMono-VariableFont_wght.ttf",
             "/static/", "/ws", "/download/x", "/no-such-page"]  # fmt: skip
    # Another user of the host, or a page in the leader's browser: no token, no way in.
    assert {path: status_of(url + path) for path in paths} == dict.fromkeys(paths, 401)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url + "/", timeout=START_S)
    assert "needs the token that planner serve printed" in refused.value.read().decode()
    # A wrong token, in the address or as the cookie: 403.
    cookie = {"Cookie": f"planner-token-{port}=x{token[1:]}"}
    for path in ("/", "/static/js/textual.js"):
        assert status_of(f"{url}{path}?token={token[:-1]}") == 403
        assert status_of(url + path, cookie) == 403
    assert status_of(f"{url}/ws/{token[:-1]}") == 403
    # The websocket: the token, and a page of this server as its Origin.
    ws, ok = f"ws://127.0.0.1:{port}", {"Origin": f"http://localhost:{port}"}
    handshakes = [
        (f"{ws}/ws?width=80&height=24", ok),  # the cookie route, without the cookie
        (f"{ws}/ws/{token[:-1]}?width=80&height=24", ok),
        (f"{ws}/ws/{token}?width=80&height=24", {}),  # no Origin
        (f"{ws}/ws/{token}?width=80&height=24", {"Origin": "https://evil.example"}),
        (f"{ws}/ws/{token}?width=80&height=24", {"Origin": f"http://localhost:{port + 1}"}),
    ]

    async def all_handshakes() -> list[int]:
        return [await websocket_status(u, h) for u, h in handshakes]

    statuses = asyncio.run(asyncio.wait_for(all_handshakes(), START_S))
    assert statuses == [401, 403, 403, 403, 403]
    # The same requests with the token get in: the refusals were about the token.
    assert status_of(f"{url}/?token={token}") == 200
    assert (
        status_of(url + "/static/js/textual.js", {"Cookie": f"planner-token-{port}={token}"}) == 200
    )
    opened = asyncio.run(websocket_status(f"{ws}/ws/{token}?width=80&height=24", ok))
    assert opened == 101
    assert "Traceback" not in served.output()
    assert token not in served.output().replace(f"/?token={token}", ""), "token echoed"


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://localhost:8000", True),
        ("http://LOCALHOST:8000", True),
        ("http://[::1]:8000", True),
        ("http://jumphost.example:8000", True),  # the --host name
        ("https://localhost:8000", True),
        ("http://localhost:8001", False),  # another server on this host
        ("http://localhost", False),
        ("http://evil.example:8000", False),
        ("http://127.0.0.1.evil.example:8000", False),
        ("file://", False),
        ("null", False),  # a sandboxed or file:// page
        ("", False),
        (None, False),
    ],
)
def test_the_websocket_origin_must_be_a_page_of_this_server(
    origin: str | None, allowed: bool
) -> None:
    from planner.cli.serve_access import Access, new_token

    access = Access(new_token(), 8000, "jumphost.example")
    assert access.origin_allowed(origin) is allowed


def test_each_start_makes_a_new_long_token() -> None:
    from planner.cli.serve_access import Access, new_token

    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{43}", t) for t in tokens)  # 256 random bits
    access = Access(tokens.pop(), 8000, "127.0.0.1")
    assert access.accepts(access.token)
    assert not access.accepts(access.token[:-1]) and not access.accepts(None)
    assert not access.accepts(access.token + "x")
