"""The agent's background re-check and the protocol's watch messages (real server, Chromium)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Origin

from agent.config import Config, paths
from agent.render.browser_pool import BrowserPool
from agent.server.pairing import TokenFile, ensure_token
from agent.server.websocket import AgentServer
from agent.watch.background import BackgroundChecker
from agent.watch.service import WatchService
from protocol import (
    CHROME_EXTENSION_ID,
    PROTOCOL_VERSION,
    AgentMessage,
    Analyze,
    Error,
    Hello,
    Message,
    Summary,
    WatchAdd,
    WatchChangeList,
    WatchChanges,
    WatchLinks,
    WatchListRequest,
    WatchRemove,
    Welcome,
    decode_agent_message,
    encode,
)
from tests.watch.conftest import Page, SiteFactory, page_html

pytestmark = pytest.mark.browser

ORIGIN = f"chrome-extension://{CHROME_EXTENSION_ID}"


async def _no_analyses(request: Analyze, emit: Callable[[Message], Awaitable[None]]) -> Summary:
    raise AssertionError("these tests send no analyze")


@asynccontextmanager
async def _client(server: AgentServer) -> AsyncIterator[ClientConnection]:
    async with connect(f"ws://127.0.0.1:{server.port}", origin=Origin(ORIGIN), open_timeout=5) as ws:
        token = ensure_token(paths().token_file)
        await ws.send(encode(Hello(protocol=PROTOCOL_VERSION, token=token)))
        welcome = await _receive(ws)
        assert isinstance(welcome, Welcome)
        assert "watch" in welcome.capabilities
        yield ws


async def _receive(ws: ClientConnection) -> AgentMessage:
    async with asyncio.timeout(10):
        frame = await ws.recv()
    assert isinstance(frame, str)
    return decode_agent_message(frame)


async def _ask(ws: ClientConnection, message: Message) -> AgentMessage:
    await ws.send(encode(message))
    return await _receive(ws)


async def _until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.1)


async def test_background_recheck_and_watch_messages(
    changing_site: SiteFactory, config: Config, pool: BrowserPool
) -> None:
    """A link added over the protocol is checked in the background once no analysis runs,
    re-checked when due, and its loss shows in watch_changes until marked seen."""
    site = await changing_site()
    site.pages["/post"] = Page(page_html('<a href="http://mysite.test/">my site</a>'))
    agent_config = config.with_overrides(port=0, watch_interval_s=1.0)
    service = WatchService(paths().history_db)
    busy = [True]  # an analysis is "running" until the test says otherwise
    checker = BackgroundChecker(service, config=agent_config, browser=pool, is_busy=lambda: busy[0])
    service.on_added = checker.wake
    server = AgentServer(
        agent_config, runner=_no_analyses, token_file=TokenFile(paths().token_file),
        watch=service.handle, background=checker.run,
    )  # fmt: skip
    async with server, _client(server) as ws:
        added = await _ask(ws, WatchAdd(id="a", source_url=site.url("/post"), target="mysite.test",
                                        importance="high"))  # fmt: skip
        assert isinstance(added, WatchLinks)
        assert added.id == "a"
        assert added.links[0].standing is None

        await asyncio.sleep(1.0)
        assert checker.pages_checked == 0  # paused while an analysis runs
        assert site.hits == []
        busy[0] = False
        await _until(lambda: checker.pages_checked >= 1)
        listed = await _ask(ws, WatchListRequest(id="l", source_url=site.url("/post")))
        assert isinstance(listed, WatchLinks)
        assert listed.links[0].standing == "present"
        assert listed.links[0].follow == "dofollow"
        assert listed.links[0].last_checked_at is not None

        site.pages["/post"] = Page(page_html("<p>the link was removed</p>"))
        await _until(lambda: checker.pages_checked >= 2)
        changes = await _ask(ws, WatchChanges(id="c", unseen_only=True))
        assert isinstance(changes, WatchChangeList)
        assert [c.kind for c in changes.changes] == ["lost"]
        assert changes.unseen_alerts == 1
        cleared = await _ask(ws, WatchChanges(id="s", mark_all_seen=True, unseen_only=True))
        assert isinstance(cleared, WatchChangeList)
        assert cleared.changes == []
        assert cleared.unseen_alerts == 0

        bad = await _ask(ws, WatchAdd(id="b", source_url="ftp://x.example/", target="mysite.test"))
        assert isinstance(bad, Error)
        assert (bad.id, bad.code) == ("b", "invalid_request")
        removed = await _ask(ws, WatchRemove(id="r", link_id=added.links[0].id))
        assert isinstance(removed, WatchLinks)
        assert [link.id for link in removed.links] == [added.links[0].id]
        gone = await _ask(ws, WatchRemove(id="r2", link_id=added.links[0].id))
        assert isinstance(gone, Error)
    service.close()


async def test_an_agent_without_a_watch_list_says_so() -> None:
    """Watch messages to an agent built without a store get `invalid_request`, and no
    "watch" capability is advertised."""
    server = AgentServer(
        Config(port=0), runner=_no_analyses, token_file=TokenFile(paths().token_file)
    )
    async with server, connect(
        f"ws://127.0.0.1:{server.port}", origin=Origin(ORIGIN), open_timeout=5
    ) as ws:
        token = ensure_token(paths().token_file)
        welcome = await _ask(ws, Hello(protocol=PROTOCOL_VERSION, token=token))
        assert isinstance(welcome, Welcome)
        assert "watch" not in welcome.capabilities
        answer = await _ask(ws, WatchListRequest(id="x"))
        assert isinstance(answer, Error)
        assert answer.code == "invalid_request"
