"""Who may use `planner serve`: whoever holds the token it printed, from a page of its own.

Loopback is not private on a jump host: every user of the host can connect to
127.0.0.1:8000, and a web page in the leader's browser can reach it through the SSH
forward. So, as Jupyter does, the server makes a random secret at start and prints the URL
with it (``http://127.0.0.1:8000/?token=…``). Every HTTP request and every websocket
without it is refused (401 without a token, 403 with a wrong one). The first page load
with ``?token=`` sets a cookie (HttpOnly, SameSite=Strict) so the page's own scripts and
styles load; the websocket carries the token in its path, and its Origin must be a page of
this server (browsers send Origin on every websocket, and a web page cannot forge it).

aiohttp is imported only inside the functions: textual-serve is an optional extra.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from planner.core.cpr import mask_all
from planner.i18n import t

# 32 random bytes, URL-safe base64: 43 characters, as guessable as any 256-bit key.
TOKEN_BYTES = 32
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def _host_key(host: str) -> str:
    """A host as it appears in a URL's hostname: lower case, IPv6 without brackets."""
    host = host.strip("[]").lower()
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return host


@dataclass(frozen=True)
class Access:
    """The token of one `planner serve` run and the pages allowed to use it."""

    token: str
    port: int
    host: str  # --host: its name is a page of ours too
    lang: str = "en"

    @property
    def cookie(self) -> str:
        # Cookies do not tell ports apart: two servers on one host must not share one.
        return f"planner-token-{self.port}"

    def text(self, key: str, **values: str) -> str:
        """A refusal shown in the browser (planner.i18n.cli, ``serve.*``): short and plain."""
        return t(f"serve.{key}", self.lang, **{k: mask_all(v) for k, v in values.items()})

    def accepts(self, candidate: str | None) -> bool:
        return candidate is not None and hmac.compare_digest(
            candidate.encode("utf-8", "replace"), self.token.encode()
        )

    def origin_allowed(self, origin: str | None) -> bool:
        """Whether a websocket's Origin is a page this server served: http(s) on our port,
        under a loopback name or the --host name. No Origin: refused (browsers send one)."""
        if not origin:
            return False
        try:
            parts = urlsplit(origin)
            port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
        except ValueError:
            return False
        if parts.scheme not in ("http", "https") or port != self.port or not parts.hostname:
            return False
        names = {_host_key(name) for name in (*LOOPBACK_NAMES, self.host)}
        return _host_key(parts.hostname) in names

    def token_of(self, request: Any) -> str | None:
        """The token a request carries: in the query, in the websocket's path, or the
        cookie set by the first page load."""
        return (
            request.query.get("token")
            or request.match_info.get("token")
            or request.cookies.get(self.cookie)
        )

    def middleware(self) -> Callable[..., Awaitable[Any]]:
        """aiohttp middleware refusing every request without the token (and every websocket
        from another page); the first page load with ?token= sets the cookie."""
        from aiohttp import hdrs, web

        @web.middleware
        async def require_token(request: web.Request, handler: Callable[..., Any]) -> Any:
            candidate = self.token_of(request)
            if candidate is None:
                raise web.HTTPUnauthorized(text=self.text("no_token"))
            if not self.accepts(candidate):
                raise web.HTTPForbidden(text=self.text("bad_token"))
            if request.headers.get(hdrs.UPGRADE, "").lower() == "websocket":
                origin = request.headers.get(hdrs.ORIGIN)
                if not self.origin_allowed(origin):
                    raise web.HTTPForbidden(text=self.text("bad_origin", origin=origin or "-"))
            response = await handler(request)
            if request.query.get("token") and isinstance(response, web.Response):
                response.set_cookie(
                    self.cookie, self.token, httponly=True, samesite="Strict", path="/"
                )
            return response

        return require_token


__all__ = ["Access", "new_token"]
