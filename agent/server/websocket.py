"""The agent's websocket server: wiring only (the protocol logic is agent/server/session.py).

What is checked where:

    TCP accept        loopback addresses only (`AgentServer` refuses any other --host)
    HTTP handshake    `_check_request`: connection limit (503), GET only (405), one Host and one
                      Origin (400), Host a loopback name with our port (403, DNS rebinding),
                      Origin an allowed extension origin (403); websockets itself answers 414/431
                      for over-long request or header lines and too many headers
    frames            websockets: max_size (1009), invalid UTF-8 (1007); the session: binary (1003)
    session           hello with the token within hello_timeout_s, else 1008 (agent/session.py)
    jobs              limits, duplicate ids, cancel, one terminal message per id (agent/jobs.py)

The runner (the analysis) and the browser-closing hook are injected, so tests run the real server
with a fake runner. SIGINT/SIGTERM stop it gracefully: connections closed (1001), jobs cancelled,
browser closed.
"""

from __future__ import annotations

__all__ = ["AgentServer", "serve_until_signalled"]

import asyncio
import contextlib
import http
import logging
import re
import signal
import time
from collections.abc import Awaitable, Callable

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from agent import __version__
from agent.config import Config
from agent.net.hosts import is_loopback_host
from agent.server.job_runner import ConnectionJobs, JobSlots, Runner
from agent.server.pairing import TokenFile
from agent.server.session import (
    CAPABILITIES,
    WATCH_CAPABILITY,
    AuthThrottle,
    CancelJob,
    Close,
    Pause,
    Send,
    Session,
    SessionState,
    StartJob,
    WatchRequest,
)
from agent.server.strict_handshake import StrictConnection
from protocol import (
    AgentMessage,
    ErrorCode,
    WatchAdd,
    WatchChanges,
    WatchListRequest,
    WatchRemove,
    encode,
)
from protocol import Error as ErrorMessage

logger = logging.getLogger(__name__)

CloseBrowser = Callable[[], Awaitable[None]]
#: Answers one watch message from the watch store (agent/watch/service.py).
WatchHandler = Callable[[WatchAdd | WatchRemove | WatchListRequest | WatchChanges], Awaitable[AgentMessage]]
#: Work the agent does on its own while it serves (the backlink re-check); cancelled at stop.
BackgroundTask = Callable[[], Awaitable[None]]

# Firefox gives each install a random origin; the token protects the agent there.
_FIREFOX_ORIGIN = re.compile(
    r"moz-extension://[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
)
_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


class AgentServer:
    """The running agent: a websockets server plus the state its connections share."""

    def __init__(
        self,
        config: Config,
        *,
        runner: Runner,
        token_file: TokenFile,
        close_browser: CloseBrowser | None = None,
        watch: WatchHandler | None = None,
        background: BackgroundTask | None = None,
    ) -> None:
        if not is_loopback_host(config.host):
            raise ValueError(f"the agent listens on loopback addresses only, not {config.host!r}")
        self.config = config
        self._runner = runner
        self._token_file = token_file
        self._close_browser = close_browser
        self._watch = watch
        self._background = background
        self._background_task: asyncio.Task[None] | None = None
        self._slots = JobSlots(config.jobs_total)
        self._throttle = AuthThrottle(config.auth_failure_delay_s)
        self._server: Server | None = None
        self._open_connections = 0
        self._allowed_hosts: frozenset[str] = frozenset()

    @property
    def port(self) -> int:
        return self.config.port

    @property
    def jobs_running(self) -> int:
        """Analyses running right now, across every connection (background work waits for 0)."""
        return self._slots.in_use

    @property
    def open_connections(self) -> int:
        """Websocket connections past the handshake right now."""
        return self._open_connections

    @property
    def url(self) -> str:
        host = f"[{self.config.host}]" if ":" in self.config.host else self.config.host
        return f"ws://{host}:{self.port}"

    async def start(self) -> None:
        """Bind and listen. With port 0 the system picks a free port (tests); `port` tells it."""
        config = self.config
        # "localhost" may resolve to several addresses; bind the one every client can reach.
        host = "127.0.0.1" if config.host.lower() == "localhost" else config.host
        # Timeouts that bound a stalled peer; the close handshake gets the same patience.
        stall_s = config.open_timeout_s
        self._server = await serve(
            self._handle,
            host,
            config.port,
            # WebSocket
            compression=None,  # no permessage-deflate: no zip bombs, no CRIME-style leaks
            # HTTP
            process_request=self._check_request,
            server_header=None,  # do not advertise versions
            # Timeouts
            open_timeout=config.open_timeout_s,  # a half-sent handshake is dropped (slowloris)
            close_timeout=stall_s,
            # Limits
            max_size=config.max_message_bytes,  # larger messages: close 1009
            write_limit=config.write_limit_bytes,
            # Logging: websockets logs request paths at debug level only; we never enable it
            logger=logging.getLogger("websockets.server"),
            # Escape hatch: our protocol subclass (400 for requests that are not HTTP)
            create_connection=StrictConnection,
        )
        port = self._server.sockets[0].getsockname()[1]
        self.config = config.with_overrides(host=host, port=port)
        # The bound address (e.g. --host 127.0.0.5) is a name clients may use as well.
        bound = f"[{host}]" if ":" in host else host
        names = {*_LOOPBACK_NAMES, bound.lower()}
        self._allowed_hosts = frozenset(f"{name}:{port}" for name in names)
        if self._background is not None:
            self._background_task = asyncio.create_task(self._run_background(self._background))

    async def _run_background(self, work: BackgroundTask) -> None:
        try:
            await work()
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("the background task stopped")

    async def stop(self) -> None:
        """Close every connection (1001), cancel their jobs and background work, close the browser."""
        if self._background_task is not None:
            self._background_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._background_task
            self._background_task = None
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        if self._close_browser is not None:
            try:
                await self._close_browser()
            except Exception:
                logger.exception("closing the browser failed")

    async def __aenter__(self) -> AgentServer:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # -- handshake -----------------------------------------------------------------------------

    def _origin_allowed(self, origin: str) -> bool:
        if origin in self.config.allowed_origins:
            return True
        return self.config.allow_firefox_origins and _FIREFOX_ORIGIN.fullmatch(origin) is not None

    def _check_request(self, connection: ServerConnection, request: Request) -> Response | None:
        """Refuse, before the upgrade, every handshake that is not our extension on loopback."""
        if self._open_connections >= self.config.max_connections:
            return connection.respond(
                http.HTTPStatus.SERVICE_UNAVAILABLE, "Too many connections.\n"
            )
        hosts = request.headers.get_all("Host")
        origins = request.headers.get_all("Origin")
        if len(hosts) > 1 or len(origins) > 1:
            return connection.respond(http.HTTPStatus.BAD_REQUEST, "Duplicate Host or Origin.\n")
        # Host: the name the client connected to. Anything but a loopback name with our port
        # means a DNS-rebound web page (or a proxy) is talking to us.
        if not hosts or hosts[0].lower() not in self._allowed_hosts:
            return connection.respond(http.HTTPStatus.FORBIDDEN, "Host not allowed.\n")
        if not origins or not self._origin_allowed(origins[0]):
            return connection.respond(http.HTTPStatus.FORBIDDEN, "Origin not allowed.\n")
        if request.method != "GET":
            response = connection.respond(http.HTTPStatus.METHOD_NOT_ALLOWED, "GET only.\n")
            response.headers["Allow"] = "GET"
            return response
        # The path and query string are ignored: the token is never read from the URL.
        return None

    # -- one connection ------------------------------------------------------------------------

    async def _handle(self, connection: ServerConnection) -> None:
        self._open_connections += 1
        try:
            await self._converse(connection)
        finally:
            self._open_connections -= 1

    async def _converse(self, connection: ServerConnection) -> None:
        config = self.config
        session = Session(
            check_token=self._token_file.matches,
            agent_version=__version__,
            throttle=self._throttle,
            clock=time.monotonic,
            capabilities=(*CAPABILITIES, WATCH_CAPABILITY) if self._watch else CAPABILITIES,
        )

        async def send(message: AgentMessage) -> None:
            try:
                text = encode(message)
            except (UnicodeEncodeError, ValueError):
                logger.exception("could not encode a %s message", type(message).__name__)
                return
            try:
                # A client that stops reading fills the write buffer (write_limit); then send
                # blocks. Past the stall time it is dropped rather than held forever.
                async with asyncio.timeout(config.send_timeout_s):
                    await connection.send(text)
            except TimeoutError:
                logger.info("dropping a client that does not read")
                connection.transport.abort()
            except ConnectionClosed:
                pass

        jobs = ConnectionJobs(runner=self._runner, send=send, config=config, slots=self._slots)
        hello_deadline = asyncio.get_running_loop().time() + config.hello_timeout_s
        try:
            while session.state is not SessionState.CLOSED:
                try:
                    if session.state is SessionState.AWAITING_HELLO:
                        async with asyncio.timeout_at(hello_deadline):
                            frame = await connection.recv()
                    else:
                        frame = await connection.recv()
                except TimeoutError:
                    actions = session.hello_timed_out()
                except ConnectionClosed:
                    return
                else:
                    if isinstance(frame, str):
                        actions = session.receive_text(frame)
                    else:
                        actions = session.receive_binary()
                for action in actions:
                    match action:
                        case Send(message):
                            await send(message)
                        case Pause(seconds):
                            await asyncio.sleep(seconds)
                        case Close(code, reason):
                            # The reason is one of the session's fixed words, never client data.
                            logger.info("closing a connection (%d %s)", code, reason)
                            await connection.close(code, reason)
                        case StartJob(request):
                            await jobs.start(request)
                        case CancelJob(request_id):
                            await jobs.cancel(request_id)
                        case WatchRequest(request):
                            await send(await self._answer_watch(request))
        finally:
            await jobs.close()


    async def _answer_watch(
        self, request: WatchAdd | WatchRemove | WatchListRequest | WatchChanges
    ) -> AgentMessage:
        if self._watch is None:
            return ErrorMessage(
                id=request.id, code=ErrorCode.INVALID_REQUEST.value,
                message="This agent keeps no watch list.",
            )  # fmt: skip
        try:
            return await self._watch(request)
        except Exception:
            # Don't include exception details, which may be security-sensitive.
            logger.exception("answering a %s failed", type(request).__name__)
            return ErrorMessage(
                id=request.id, code=ErrorCode.INTERNAL_ERROR.value,
                message="The agent hit an unexpected error; the details are in its log.",
            )  # fmt: skip


async def serve_until_signalled(
    server: AgentServer, started: Callable[[], None] | None = None
) -> None:
    """Run `server` until SIGINT or SIGTERM, then shut it down gracefully."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        await server.start()
        if started is not None:
            started()
        await stop.wait()
        logger.info("shutting down")
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(signum)
        await server.stop()
