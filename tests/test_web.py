"""`imm web`: served on 127.0.0.1 only, a page that loads nothing from the internet, and the app behind it."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import aiohttp
import pytest

from imm_tui.tui.web import HOST, TEMPLATES, app_command, web_server
from tests.conftest import DEMO


def test_the_server_listens_on_this_computer_only(tmp_path: Path) -> None:
    server = web_server(tmp_path, port=8123, language="nl")
    assert server.host == HOST == "127.0.0.1"
    assert server.public_url == "http://127.0.0.1:8123"
    assert server.owner_url.startswith("http://127.0.0.1:8123/?token=") and len(server.token) >= 40
    assert web_server(tmp_path, port=8123).token != server.token  # a new key every launch
    assert server.templates_path == TEMPLATES
    assert server.title == "IMM — Interactie Management Monitor"


def test_each_session_runs_this_python_on_this_workspace_with_the_app_forced_on(tmp_path: Path) -> None:
    folder = tmp_path / "my plans"
    command = app_command(folder, "nl")
    assert command.startswith(sys.executable) or command.startswith(f"'{sys.executable}'")
    assert "-m imm_tui.cli --app -w" in command and f"'{folder}'" in command and command.endswith("--lang nl")
    assert "--lang" not in app_command(folder, None)  # then the plan's language


def test_the_page_loads_nothing_from_the_internet() -> None:
    page = (TEMPLATES / "app_index.html").read_text(encoding="utf-8")
    assert not re.findall(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", page.split("#}", 1)[1], flags=re.IGNORECASE)
    assert "{{ config.static.url }}fonts/RobotoMono" in page


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


async def screen_text(owner_url: str, wanted: str, seconds: float = 30) -> tuple[str, str]:
    """Open the page with the printed address, then the app's websocket as the page does, and read the screen
    until `wanted` shows. Returns the page and the screen's text."""
    seen = ""
    origin = owner_url.split("/?", 1)[0]
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        async with session.get(owner_url) as response:  # the token becomes a cookie, then the page
            page = await response.text()
        found = re.search(r'data-session-websocket-url="([^"]+)"', page)
        assert found is not None, page
        async with session.ws_connect(found.group(1) + "?width=120&height=36", headers={"Origin": origin}) as websocket:
            await websocket.send_json(["resize", {"width": 120, "height": 36}])
            deadline = time.monotonic() + seconds
            while wanted not in seen and time.monotonic() < deadline:
                try:
                    message = await asyncio.wait_for(websocket.receive(), timeout=deadline - time.monotonic())
                except TimeoutError:
                    break
                if message.type != aiohttp.WSMsgType.BINARY:
                    if message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                        break
                    continue
                seen += re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", message.data.decode("utf-8", "replace"))
    return page, seen


@pytest.mark.slow
def test_imm_web_serves_the_app_in_dutch(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(DEMO, root)
    port = free_port()
    imm = Path(sys.executable).with_name("imm")
    server = subprocess.Popen([str(imm), "web", "-w", str(root), "--port", str(port), "--lang", "nl"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "IMM_HOME": str(tmp_path / "home")})
    try:
        assert server.stderr is not None
        printed = server.stderr.readline().decode("utf-8")
        owner = re.search(r"(http://127\.0\.0\.1:\d+/\?token=[\w-]+)", printed)
        assert owner is not None, printed
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://{HOST}:{port}/static/js/textual.js", timeout=2):  # noqa: S310 - our own local server
                    break
            except OSError:
                time.sleep(0.1)
        with pytest.raises(urllib.error.HTTPError) as refused:  # without the printed address: nothing
            urllib.request.urlopen(f"http://{HOST}:{port}/", timeout=2)  # noqa: S310
        assert refused.value.code == 403
        page, shown = asyncio.run(screen_text(owner.group(1), "Behoefte"))
        assert '<html lang="nl">' in page and "googleapis" not in page
        font = re.search(r'url\("([^"]+RobotoMono-VariableFont_wght.ttf)"\)', page)
        assert font is not None
        with urllib.request.urlopen(font.group(1), timeout=5) as response:  # noqa: S310
            assert response.status == 200
        assert "Behoefte" in shown and "Inzichten" in shown
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
