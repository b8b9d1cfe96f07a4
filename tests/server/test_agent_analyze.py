"""`analyze` through the real agent (websocket server + this engine): progress, report, done."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from aiohttp import web
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Origin

from agent.config import Config, paths
from agent.pipeline import run_analysis
from agent.render.browser_pool import BrowserPool
from agent.server.pairing import TokenFile, ensure_token
from agent.server.websocket import AgentServer
from protocol import (
    CHROME_EXTENSION_ID,
    PROTOCOL_VERSION,
    AgentMessage,
    Analyze,
    AnalyzeOptions,
    Done,
    Error,
    Hello,
    Message,
    Progress,
    ReportMessage,
    Summary,
    Welcome,
    decode_agent_message,
    encode,
)
from tests.harness.scan_sites import SiteFactory, html

pytestmark = pytest.mark.browser


@pytest.fixture
async def agent_ws(config: Config) -> AsyncIterator[tuple[ClientConnection, AgentServer]]:
    """The real agent on a free port with the real engine, and one paired client."""
    token = ensure_token(paths().token_file)
    pool = BrowserPool(config)
    holder: list[AgentServer] = []

    async def runner(request: Analyze, emit: Callable[[Message], Awaitable[None]]) -> Summary:
        # The server's config carries the port actually bound, which the URL policy refuses.
        return await run_analysis(request, config=holder[0].config, browser=pool, emit=emit)

    server = AgentServer(
        config.with_overrides(port=0), runner=runner, token_file=TokenFile(paths().token_file),
        close_browser=pool.close,
    )
    holder.append(server)
    async with server:
        origin = Origin(f"chrome-extension://{CHROME_EXTENSION_ID}")
        async with connect(f"ws://127.0.0.1:{server.port}/", origin=origin) as ws:
            await ws.send(encode(Hello(protocol=PROTOCOL_VERSION, token=token)))
            assert isinstance(await receive(ws), Welcome)
            yield ws, server


async def receive(ws: ClientConnection, timeout: float = 15.0) -> AgentMessage:
    async with asyncio.timeout(timeout):
        frame = await ws.recv()
    assert isinstance(frame, str)
    return decode_agent_message(frame)


async def until_terminal(ws: ClientConnection, request_id: str) -> list[AgentMessage]:
    messages: list[AgentMessage] = []
    while True:
        message = await receive(ws)
        if getattr(message, "id", None) == request_id:
            messages.append(message)
        if isinstance(message, Done | Error) and message.id == request_id:
            return messages


async def analyze(ws: ClientConnection, request_id: str, url: str) -> list[AgentMessage]:
    request = Analyze(id=request_id, url=url, options=AnalyzeOptions(check=False))
    await ws.send(encode(request))
    return await until_terminal(ws, request_id)


async def test_analyze_streams_progress_report_and_done_and_errors_keep_the_connection(
    serve: SiteFactory, agent_ws: tuple[ClientConnection, AgentServer]
) -> None:
    """A page gives progress, one report, done; refused/not-HTML pages give an error; next works."""
    ws, server = agent_ws

    async def pdf(request: web.Request) -> web.Response:
        return web.Response(body=b"%PDF-1.4\n%%EOF", content_type="application/pdf")

    async def to_agent(request: web.Request) -> web.Response:
        raise web.HTTPFound(f"http://127.0.0.1:{server.port}/")

    site = await serve({
        "/": html("<title>Agent</title><a href='/a'>a</a>"),
        "/doc.pdf": pdf,
        "/to-agent": to_agent,
    })
    messages = await analyze(ws, "r1", site.url("/"))
    progress = [(m.stage, m.done) for m in messages if isinstance(m, Progress)]
    assert progress[:4] == [("render", 0), ("render", 1), ("extract", 0), ("extract", 1)]
    reports = [m for m in messages if isinstance(m, ReportMessage)]
    assert len(reports) == 1
    assert [link.href for link in reports[0].report.links] == [site.url("/a")]
    assert isinstance(messages[-1], Done)
    assert messages[-1].summary.total == 1

    for request_id, url, code in [
        ("r2", "http://169.254.169.254/latest/meta-data/", "target_not_allowed"),
        ("r3", site.url("/doc.pdf"), "not_html"),
        ("r4", site.url("/to-agent"), "target_not_allowed"),
        ("r5", f"http://127.0.0.1:{server.port}/", "target_not_allowed"),
    ]:
        failed = await analyze(ws, request_id, url)
        assert isinstance(failed[-1], Error), url
        assert failed[-1].code == code, url

    again = await analyze(ws, "r6", site.url("/"))
    assert isinstance(again[-1], Done)
