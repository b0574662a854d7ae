"""`imm web`: the app in a browser through textual-serve, on 127.0.0.1 only and with nothing loaded from the internet.

textual-serve runs one `imm --app` process per browser tab and relays its screen over a websocket. Its own
page loads a font from fonts.googleapis.com; ours (templates/app_index.html) takes the same font from
textual-serve's static folder, so the browser never leaves this computer.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

from imm_tui.i18n import Labels

HOST = "127.0.0.1"  # never another interface: calendars are personal data
TEMPLATES = Path(__file__).with_name("templates")


class LocalServer(Server):
    """textual-serve's server with IMM's offline page."""

    def __init__(self, command: str, *, port: int, labels: Labels) -> None:
        super().__init__(command, host=HOST, port=port, title=labels("IMM — Interaction Management Monitor"), templates_path=TEMPLATES)
        self.labels = labels

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        router = request.app.router
        static = f"{self.public_url}{router['static'].url_for(filename='/')}".rstrip("/") + "/"
        websocket = "ws:" + f"{self.public_url}{router['websocket'].url_for()}".split(":", 1)[1]
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


def web_server(workspace: Path, *, port: int = 8000, language: str | None = None, plan_language: str = "en") -> LocalServer:
    """The server for `workspace`; the page speaks `language`, else the plan's (as the app does)."""
    return LocalServer(app_command(workspace, language), port=port, labels=Labels(language or plan_language))
