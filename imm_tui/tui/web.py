"""`imm web`: the app in a browser through textual-serve, for its owner only, with nothing loaded from the internet.

textual-serve runs one `imm --app` process per browser tab and relays its screen over a websocket. Anyone who
can open that websocket can type into the app and save the plan, so the server admits only its owner:

- it listens on 127.0.0.1 only;
- every launch makes a random token, printed in the URL; a request with it gets it as a cookie (HttpOnly,
  SameSite=Strict) and is sent on to `/`, and every later request (page, websocket, downloads) must carry it;
- a request whose `Host` is not 127.0.0.1 or localhost on this port is refused (a web page that rebinds its
  own domain name to 127.0.0.1 cannot reach the app), and so is a websocket whose `Origin` is not this page;
- at most `max_sessions` app sessions run at once.

textual-serve's own page loads a font from fonts.googleapis.com; ours (templates/app_index.html) takes the same
font from textual-serve's static folder, so the browser never leaves this computer.
"""

from __future__ import annotations

import hmac
import secrets
import shlex
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

from imm_tui.i18n import Labels

HOST = "127.0.0.1"  # never another interface: calendars are personal data
TEMPLATES = Path(__file__).with_name("templates")
MAX_SESSIONS = 4
OPEN_PATHS = ("/static/",)  # textual-serve's scripts and fonts: the same for everyone, nothing of the user's

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class LocalServer(Server):
    """textual-serve's server with IMM's offline page, admitting only the holder of this launch's token."""

    def __init__(self, command: str, *, port: int, labels: Labels, max_sessions: int = MAX_SESSIONS, token: str | None = None) -> None:
        super().__init__(command, host=HOST, port=port, title=labels("IMM — Interaction Management Monitor"), templates_path=TEMPLATES)
        self.labels = labels
        self.token = token or secrets.token_urlsafe(32)
        self.cookie = f"imm_token_{port}"  # one per port, so two servers on one computer do not log each other out
        self.max_sessions = max(1, max_sessions)
        self.sessions = 0
        self.hosts = {f"{HOST}:{port}", f"localhost:{port}"}

    @property
    def owner_url(self) -> str:
        """The URL to open: the only way into this server is through its token."""
        return f"{self.public_url}/?token={self.token}"

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    def _holds_token(self, request: web.Request) -> bool:
        given = request.cookies.get(self.cookie) or request.query.get("token") or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.host not in self.hosts:
            raise web.HTTPMisdirectedRequest(text="imm web answers only on 127.0.0.1 or localhost\n")
        origin = request.headers.get("Origin")
        websocket = request.path == "/ws"
        if (origin is not None or websocket) and origin != f"http://{request.host}":
            raise web.HTTPForbidden(text="imm web: this page is not IMM's own\n")
        if request.path.startswith(OPEN_PATHS):
            return await handler(request)
        if not self._holds_token(request):
            raise web.HTTPForbidden(text="imm web: open the address imm web printed (it holds this launch's key)\n")
        if "token" in request.query and request.path == "/":  # into a cookie, and out of the address bar and history
            response = web.HTTPFound("/")
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict", path="/")
            raise response
        if websocket:
            return await self._session(request, handler)
        return await handler(request)

    async def _session(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if self.sessions >= self.max_sessions:
            raise web.HTTPServiceUnavailable(text=f"imm web: {self.max_sessions} sessions are open already; close one first\n")
        self.sessions += 1
        try:
            return await handler(request)
        finally:
            self.sessions -= 1

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        router = request.app.router
        here = f"http://{request.host}"  # the host the browser used, checked above, so the cookie goes along
        static = f"{here}{router['static'].url_for(filename='/')}".rstrip("/") + "/"
        websocket = f"ws://{request.host}{router['websocket'].url_for()}"
        size = request.query.get("fontsize", "16")
        return {
            "font_size": int(size) if size.isdigit() else 16,
            "app_websocket_url": websocket,
            "config": {"static": {"url": static}},
            "application": {"name": self.title},
            "language": self.labels.language,
            "closed": self.labels("Session ended."),
            "restart": self.labels("Restart"),
        }


def app_command(workspace: Path, language: str | None) -> str:
    """The shell command textual-serve runs for each browser tab: this Python, this workspace, the app forced on."""
    words = [sys.executable, "-m", "imm_tui.cli", "--app", "-w", str(workspace)]
    if language:
        words += ["--lang", language]
    return shlex.join(words)


def web_server(workspace: Path, *, port: int = 8000, language: str | None = None, plan_language: str = "en",
               max_sessions: int = MAX_SESSIONS) -> LocalServer:
    """The server for `workspace`; the page speaks `language`, else the plan's (as the app does)."""
    return LocalServer(app_command(workspace, language), port=port, labels=Labels(language or plan_language), max_sessions=max_sessions)
