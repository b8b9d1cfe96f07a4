"""What the foundation tests share: the real agent server with a fake runner, and its clients."""

from __future__ import annotations

__all__ = ["ALLOWED_ORIGIN", "Agent", "FakeRunner", "receive", "running_agent", "small_config"]

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Origin

from agent.config import Config, paths
from agent.errors import ScanError
from agent.server.pairing import TokenFile, ensure_token
from agent.server.websocket import AgentServer
from protocol import (
    CHROME_EXTENSION_ID,
    PROTOCOL_VERSION,
    AgentMessage,
    Analyze,
    ErrorCode,
    Hello,
    Message,
    Progress,
    Report,
    ReportMessage,
    Summary,
    Welcome,
    decode_agent_message,
    encode,
)

ALLOWED_ORIGIN = f"chrome-extension://{CHROME_EXTENSION_ID}"


@dataclass
class FakeRunner:
    """Stands in for agent.pipeline.run_analysis; what it does depends on the URL's path.

    /ok     emits one progress message and returns a summary
    /slow   waits until `release` is set (or the job is cancelled)
    /fail   raises a LinkLensError (render_timeout)
    /boom   raises a plain exception whose text must never reach the client
    /flood  emits 2,000 reports of ~60 KB each (a client that never reads gets dropped)
    """

    calls: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    release: asyncio.Event = field(default_factory=asyncio.Event)

    async def __call__(
        self, request: Analyze, emit: Callable[[Message], Awaitable[None]]
    ) -> Summary:
        self.calls.append(request.url)
        path = request.url.rsplit("/", 1)[-1]
        if path == "slow":
            try:
                await self.release.wait()
            except asyncio.CancelledError:
                self.cancelled.append(request.id)
                raise
        elif path == "fail":
            raise ScanError(ErrorCode.RENDER_TIMEOUT)
        elif path == "boom":
            raise RuntimeError("secret detail /etc/shadow")
        elif path == "flood":
            try:
                for _ in range(2000):
                    await emit(ReportMessage(id=request.id, report=Report(url="x" * 60_000)))
            except asyncio.CancelledError:
                self.cancelled.append(request.id)
                raise
        await emit(Progress(id=request.id, stage="render", done=1, total=1))
        return Summary(total=1, dofollow=1)


@dataclass
class Agent:
    """A running server, what it was started with, and ways to talk to it."""

    server: AgentServer
    runner: FakeRunner
    token: str
    browser_closed: list[bool]

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    @asynccontextmanager
    async def client(
        self, *, origin: str | None = ALLOWED_ORIGIN, path: str = "/", **kwargs: object
    ) -> AsyncIterator[ClientConnection]:
        """A websockets client with the allowed Origin (and no hello sent yet)."""
        async with connect(
            self.url + path,
            origin=Origin(origin) if origin is not None else None,
            open_timeout=2,
            close_timeout=1,
            **kwargs,  # type: ignore[arg-type]
        ) as ws:
            yield ws

    @asynccontextmanager
    async def paired(self, **kwargs: object) -> AsyncIterator[ClientConnection]:
        """A client that has said hello with the right token and got `welcome`."""
        async with self.client(**kwargs) as ws:  # type: ignore[arg-type]
            await ws.send(encode(Hello(protocol=PROTOCOL_VERSION, token=self.token)))
            assert isinstance(await receive(ws), Welcome)
            yield ws


async def receive(ws: ClientConnection, timeout: float = 3.0) -> AgentMessage:
    """The next agent message, decoded."""
    async with asyncio.timeout(timeout):
        frame = await ws.recv()
    assert isinstance(frame, str), "the agent sends text frames only"
    return decode_agent_message(frame)


def small_config(**changes: object) -> Config:
    """Limits and timeouts small enough that every failure shows within a second."""
    base = Config(
        port=0,
        hello_timeout_s=0.5,
        open_timeout_s=0.5,
        send_timeout_s=0.5,
        auth_failure_delay_s=0.01,
        max_message_bytes=64 * 1024,
        max_connections=4,
        jobs_per_connection=2,
        jobs_total=3,
        write_limit_bytes=64 * 1024,
    )
    return base.with_overrides(**changes)


@asynccontextmanager
async def running_agent(config: Config | None = None) -> AsyncIterator[Agent]:
    """Start the real server on a free loopback port with a fake runner; stop it afterwards."""
    token = ensure_token(paths().token_file)
    runner = FakeRunner()
    closed: list[bool] = []

    async def close_browser() -> None:
        closed.append(True)

    server = AgentServer(
        config or small_config(),
        runner=runner,
        token_file=TokenFile(paths().token_file),
        close_browser=close_browser,
    )
    async with server:
        yield Agent(server=server, runner=runner, token=token, browser_closed=closed)
