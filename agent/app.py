"""The agent's composition root: `serve(config)` wires the parts together and runs them, as
`uvicorn.run(app, ...)` does for a web app. `linklens serve` only parses its flags and calls it.

    the token (created before listening) -> the shared Chromium pool -> the analysis runner
    -> the backlink monitor (watch messages, background re-checks) -> the websocket server
    -> run until SIGINT/SIGTERM, then close everything

Errors a person must read (the host is not loopback, the port is taken, the engine cannot load)
are `ServeError` with one sentence; the CLI prints it on one line.
"""

from __future__ import annotations

__all__ = ["ServeError", "serve"]

import errno
from collections.abc import Awaitable, Callable
from pathlib import Path

from agent.config import Config, paths
from agent.net.hosts import is_loopback_host
from protocol import Analyze, Message, Summary

#: Called once the server listens: (the websocket URL, the token file).
Announce = Callable[[str, Path], None]


class ServeError(Exception):
    """The agent cannot start; the message says why in one sentence."""


def serve(config: Config, *, announce: Announce | None = None) -> None:
    """Run the agent with this configuration until it is signalled to stop."""
    if not is_loopback_host(config.host):
        raise ServeError(
            f"refusing to listen on {config.host!r}: the agent binds loopback addresses only "
            "(127.0.0.1, ::1, localhost)"
        )

    # The engine is imported only here: the other commands (and most tests) never need it.
    try:
        from agent.pipeline import run_analysis
        from agent.render.browser_pool import BrowserPool
    except ImportError as exc:
        raise ServeError(f"the scan engine cannot be loaded ({exc}); run scripts/setup") from None
    from agent.server.pairing import TokenFile, ensure_token
    from agent.server.websocket import AgentServer, serve_until_signalled
    from agent.watch.background import BackgroundChecker
    from agent.watch.service import WatchService

    # The token exists before the agent listens, so a client can never meet an agent without one.
    where = paths()
    ensure_token(where.token_file)
    pool = BrowserPool(config)

    async def runner(request: Analyze, emit: Callable[[Message], Awaitable[None]]) -> Summary:
        # server.config carries the port actually bound, which the URL policy refuses.
        return await run_analysis(request, config=server.config, browser=pool, emit=emit)

    # The backlink monitor: watch messages answered from the store, due links re-checked in
    # the background while no analysis runs (agent/watch/).
    watch = WatchService(where.history_db)

    async def background() -> None:
        checker = BackgroundChecker(
            watch, config=server.config, browser=pool, is_busy=lambda: server.jobs_running > 0
        )
        watch.on_added = checker.wake
        try:
            await checker.run()
        finally:
            watch.close()

    server = AgentServer(
        config, runner=runner, token_file=TokenFile(where.token_file), close_browser=pool.close,
        watch=watch.handle, background=background if config.watch_background else None,
    )  # fmt: skip

    def started() -> None:
        if announce is not None:
            announce(server.url, where.token_file)

    import asyncio  # here: `linklens --version`, `token` and `paths` start without it

    try:
        asyncio.run(serve_until_signalled(server, started=started))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ServeError(
                f"port {config.port} is already in use (is an agent running? `linklens status`)"
            ) from None
        raise ServeError(f"cannot listen on {config.host}:{config.port}: {exc.strerror}") from None
