"""`planner serve`: the board in a browser, for a leader who prefers one to a terminal.

textual-serve runs a fresh `planner` process (the same app, lock and journal included) for
each browser tab and relays its screen over a websocket. It listens on 127.0.0.1 unless
told otherwise; the leader reaches it through an SSH port forward
(``ssh -L 8000:127.0.0.1:8000 jumphost``). Loopback is shared by every user of a jump host,
so a random token made at start guards every request (planner.cli.serve_access): the URL
printed with it is the only way in. On any other address the traffic is not encrypted,
so that is said loudly. textual-serve is an optional extra (``pip install -e '.[serve]'``).
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import re
import shlex
import sys
from pathlib import Path
from typing import Any

from planner.cli.serve_access import Access, new_token
from planner.core.cpr import mask_all
from planner.i18n import detect_language, t
from planner.io.files import default_config
from planner.io.teams import load_team

NAME = "serve"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def tr(key: str, lang: str, **values: object) -> str:
    """A text of `planner serve` (planner.i18n.cli, keys ``serve.*``)."""
    # Values echo the command line and the team's name: never CPR digits (t() makes their
    # control characters visible).
    return t(f"serve.{key}", lang, **{k: mask_all(str(v)) for k, v in values.items()})


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        NAME,
        help="serve the board in a browser (textual-serve), on 127.0.0.1 unless told otherwise",
        description="Serve the board in a browser through an SSH port forward. Listens on "
        "127.0.0.1 (this machine only) unless --host says otherwise; the address it prints "
        "carries a token made at start, without which every request is refused.",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help="address to listen on (default: 127.0.0.1, this machine only)",
    )
    parser.add_argument("--port", default=str(DEFAULT_PORT), help=f"port (default: {DEFAULT_PORT})")
    parser.add_argument("--lang", choices=["da", "en"], default=argparse.SUPPRESS)
    parser.add_argument(
        "--plan", type=Path, default=argparse.SUPPRESS, metavar="FILE",
        help="open the team with this plan applied",
    )  # fmt: skip
    return parser


def url_host(host: str) -> str:
    """The host as a URL or an ``ssh -L`` forward writes it: an IPv6 address in brackets."""
    bare = host.strip("[]")
    return f"[{bare}]" if ":" in bare else bare


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# textual-serve's page loads its font from Google Fonts, which would tell a third party the
# leader's address and that planner is in use; it ships the same font, so serve that.
_REMOTE_FONT = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>", re.S)
_LOCAL_FONT = (
    '<style>@font-face { font-family: "Roboto Mono"; src: '
    'url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf"); }</style>'
)


def local_fonts(template: str) -> str:
    return _REMOTE_FONT.sub(_LOCAL_FONT, template)


def app_command(args: argparse.Namespace, config: Path) -> str:
    """The `planner` command textual-serve starts for each browser tab (a shell line)."""
    words: list[str] = [sys.executable, "-m", "planner", "--config", str(config)]
    for option in ("team", "date", "lang"):
        value = getattr(args, option, None)
        if value:
            words += [f"--{option}", str(value)]
    plan = getattr(args, "plan", None)
    if plan:
        words += ["--plan", str(Path(plan).resolve())]
    return shlex.join(words)


def run(args: argparse.Namespace) -> int:
    from planner.cli.common import report_notices
    from planner.cli.options import EXIT_BAD_INPUT, EXIT_OK, parse_date

    lang = getattr(args, "lang", None) or detect_language()
    try:
        import textual_serve.server as textual_serve
    except ImportError:
        pip = f"{shlex.quote(sys.executable)} -m pip"
        print(tr("missing", lang, pip=pip), file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        port = int(args.port)
        if not 0 < port < 65536:
            raise ValueError
    except ValueError:
        print(tr("port", lang, port=args.port), file=sys.stderr)
        return EXIT_BAD_INPUT
    host = args.host.strip("[]")  # "[::1]" as in a URL: bound as ::1
    # Bad input is reported now, in the terminal, rather than in every browser tab.
    parse_date(getattr(args, "date", None))
    config = default_config(getattr(args, "config", None)).resolve()
    team = load_team(config, getattr(args, "team", None))
    report_notices(team, args)
    base = f"http://{url_host(host)}:{port}"
    loopback = is_loopback(host)
    access = Access(new_token(), port, host, lang)
    url = f"{base}/?token={access.token}"

    def announce(*_: Any, **__: Any) -> None:
        # Called by aiohttp once the socket is bound: only then is "listening" true.
        key = "serving" if loopback else "exposed"
        # The forward goes to the address the server is bound to (127.0.0.2, [::1]):
        # another loopback address would find nobody there.
        text = tr(key, lang, team=team.name, url=url, host=host, port=port,
                  tunnel=url_host(host),
                  local=f"http://localhost:{port}/?token={access.token}")  # fmt: skip
        print(text, file=sys.stdout if loopback else sys.stderr, flush=True)

    class PlannerServer(textual_serve.Server):
        async def _make_app(self) -> Any:
            import aiohttp_jinja2
            import jinja2

            app = await super()._make_app()
            # The page must not make the leader's browser call a third party.
            template_dir = Path(self.templates_path)
            aiohttp_jinja2.setup(
                app,
                loader=jinja2.FunctionLoader(
                    lambda name: local_fonts((template_dir / name).read_text("utf-8"))
                ),
            )
            # No request without the token; the page's websocket carries it in its path.
            app.middlewares.append(access.middleware())
            app.router.add_get("/ws/{token}", self.handle_websocket, name="websocket-token")
            return app

        async def handle_index(self, request: Any) -> Any:
            """textual-serve's page, with the websocket's token in its address and the
            page's scripts and styles from the address the browser used (so the cookie
            set by this load goes with them)."""
            import aiohttp_jinja2
            from textual_serve.server import to_int

            path = request.app.router["websocket-token"].url_for(token=access.token)
            context = {
                "font_size": to_int(request.query.get("fontsize", "16"), 16),
                "app_websocket_url": f"ws:{self.public_url.split(':', 1)[1]}{path}",
                "config": {"static": {"url": "/static/"}},
                "application": {"name": self.title},
            }
            return aiohttp_jinja2.render_template("app_index.html", request, context)

        async def on_startup(self, app: Any) -> None:
            """Quiet: `announce` says what matters once the socket is really bound."""

        def serve(self, debug: bool = False) -> None:
            import asyncio
            import signal

            from aiohttp import web

            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            # Ctrl+C, a kill, or the SSH session that started us going away.
            signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
            for signum in signals:
                loop.add_signal_handler(signum, self.request_exit)
            try:
                web.run_app(
                    self._make_app(),
                    host=self.host,
                    port=self.port,
                    handle_signals=False,
                    loop=loop,
                    print=announce,
                    access_log=None,  # request lines would repeat the token on the console
                )
            finally:
                for signum in signals:
                    loop.remove_signal_handler(signum)
                asyncio.set_event_loop(None)
                if not loop.is_closed():
                    loop.close()

    server = PlannerServer(
        app_command(args, config),
        host=host,
        port=port,
        title=f"planner · {team.name}",
        public_url=base,  # with brackets around an IPv6 address
    )
    try:
        server.serve()
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            print(tr("in_use", lang, host=host, port=port), file=sys.stderr)
        elif error.errno in (errno.EACCES, errno.EPERM):
            print(tr("denied", lang, host=host, port=port, reason=error.strerror), file=sys.stderr)
        else:
            print(tr("bad_host", lang, host=host, reason=error.strerror or error), file=sys.stderr)
        return EXIT_BAD_INPUT
    print(tr("stopped", lang), file=sys.stderr)
    return EXIT_OK
