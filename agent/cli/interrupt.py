"""Running a many-page command so that Ctrl+C stops it cleanly (what was stored stays)."""

from __future__ import annotations

__all__ = ["run_cancellable"]

from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


def run_cancellable(coro_factory: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine; Ctrl+C cancels it and raises KeyboardInterrupt.

    Where the loop has no signal handlers (Windows, a non-main thread) Ctrl+C still arrives as
    KeyboardInterrupt, so callers handle one exception either way.
    """
    # Imported here: the CLI registers these commands at start-up and must not load asyncio.
    import asyncio
    import contextlib
    import signal

    box: list[T] = []

    async def main() -> None:
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signal.SIGINT, lambda: task.cancel() if task else None)
        box.append(await coro_factory())

    try:
        asyncio.run(main())
    except asyncio.CancelledError:
        raise KeyboardInterrupt from None
    return box[0]
