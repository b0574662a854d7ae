"""`imm web` admits its owner only: the launch's token (then a cookie), this computer's host names, the page's
own origin on the websocket, and a cap on concurrent sessions. Each refusal is tried with a real client."""

from __future__ import annotations

import asyncio
import shlex
import socket
import sys
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web

from imm_tui.i18n import Labels
from imm_tui.tui.web import HOST, LocalServer

TOKEN = "t0ken-for-tests"
# A stand-in session process: keeps its websocket open until textual-serve tells it to quit, as the app does.
IDLE = shlex.join([sys.executable, "-c", "import sys\nseen = b''\nwhile b'quit' not in seen:\n"
                   "    chunk = sys.stdin.buffer.read1(4096)\n    if not chunk:\n        break\n    seen += chunk\n"])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@pytest.fixture
async def served() -> AsyncIterator[LocalServer]:
    port = free_port()
    server = LocalServer(IDLE, port=port, labels=Labels("en"), max_sessions=1, token=TOKEN)
    runner = web.AppRunner(await server._make_app())
    await runner.setup()
    await web.TCPSite(runner, HOST, port).start()
    try:
        yield server
    finally:
        await runner.cleanup()


def client() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))  # unsafe: keep cookies of an IP address


async def test_the_page_needs_the_token_and_hands_it_on_as_a_strict_cookie(served: LocalServer) -> None:
    base = served.public_url
    async with client() as session:
        async with session.get(f"{base}/") as response:
            assert response.status == 403
        async with session.get(f"{base}/?token=wrong") as response:
            assert response.status == 403
        async with session.get(served.owner_url, allow_redirects=False) as response:
            assert response.status == 302 and response.headers["Location"] == "/"
            cookie = response.headers["Set-Cookie"]
            assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and TOKEN in cookie
        async with session.get(f"{base}/") as response:  # the cookie now
            page = await response.text()
            assert response.status == 200 and f'data-session-websocket-url="ws://{HOST}:{served.port}/ws"' in page
        async with session.get(f"{base}/download/anything") as response:
            assert response.status == 404  # past the guard: textual-serve's own answer for an unknown download
    async with client() as stranger, stranger.get(f"{base}/download/anything") as response:
        assert response.status == 403


async def test_scripts_and_fonts_need_no_token(served: LocalServer) -> None:
    async with client() as session, session.get(f"{served.public_url}/static/js/textual.js") as response:
        assert response.status == 200


async def test_another_host_name_is_refused_even_with_the_token(served: LocalServer) -> None:
    """DNS rebinding: a page on evil.example whose name now points at 127.0.0.1 sends `Host: evil.example`."""
    async with client() as session:
        async with session.get(served.owner_url, headers={"Host": f"evil.example:{served.port}"}) as response:
            assert response.status == 421
        async with session.get(f"http://localhost:{served.port}/?token={TOKEN}", allow_redirects=False) as response:
            assert response.status == 302  # localhost is this computer too


async def ws_status(served: LocalServer, *, origin: str | None, token: bool) -> int:
    headers = {"Origin": origin} if origin else {}
    cookies = {served.cookie: TOKEN} if token else {}
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True), cookies=cookies) as session:
        try:
            async with session.ws_connect(f"{served.public_url}/ws?width=80&height=24", headers=headers):
                return 101
        except aiohttp.WSServerHandshakeError as refused:
            return refused.status


async def test_a_websocket_from_another_origin_or_without_the_token_is_refused(served: LocalServer) -> None:
    own = f"http://{HOST}:{served.port}"
    assert await ws_status(served, origin="http://evil.example", token=True) == 403
    assert await ws_status(served, origin=None, token=True) == 403
    assert await ws_status(served, origin=f"http://localhost:{served.port}", token=True) == 403  # not the host asked
    assert await ws_status(served, origin=own, token=False) == 403
    assert served.sessions == 0


async def test_no_more_sessions_than_allowed(served: LocalServer) -> None:
    own = f"http://{HOST}:{served.port}"
    cookies = {served.cookie: TOKEN}
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True), cookies=cookies) as session:
        first = await session.ws_connect(f"{served.public_url}/ws", headers={"Origin": own})
        assert served.sessions == 1
        assert await ws_status(served, origin=own, token=True) == 503
        await first.close()
        for _ in range(100):
            if served.sessions == 0:
                break
            await asyncio.sleep(0.05)
        assert served.sessions == 0
