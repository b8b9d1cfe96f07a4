"""The agent's background re-check: due watched links, one page at a time, only when idle.

`linklens serve` runs `BackgroundChecker.run()` for as long as it serves. It picks a due source
page (never checked, or last checked `Config.watch_interval_s` ago), checks it with the same page
job as `watch check`, stores the result, and goes on; with nothing due it sleeps until the next
link falls due, `Config.watch_idle_poll_s` at most, or until `wake()` (a link was added).

Analyses come first: while any runs (`is_busy()`), nothing starts, and a page check in flight
is cancelled (its page stays due and is checked again later), so the person's clicks stay fast.
"""

from __future__ import annotations

__all__ = ["BUSY_POLL_S", "BackgroundChecker"]

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from agent.config import Config
from agent.errors import LinkLensError
from agent.watch.page_job import check_page
from agent.watch.service import WatchService

if TYPE_CHECKING:
    from agent.render.browser_pool import BrowserPool

log = logging.getLogger(__name__)

#: How often a running page check looks whether an analysis started.
BUSY_POLL_S = 0.2


class BackgroundChecker:
    """Re-checks due links of the service's store while the agent is idle."""

    def __init__(
        self,
        service: WatchService,
        *,
        config: Config,
        browser: BrowserPool,
        is_busy: Callable[[], bool],
    ) -> None:
        self._service = service
        self._config = config
        self._browser = browser
        self._is_busy = is_busy
        self._loop: asyncio.AbstractEventLoop | None = None
        self._woken: asyncio.Event | None = None
        self.pages_checked = 0  # for tests and the log

    def wake(self) -> None:
        """Look for due links now (thread-safe: the service calls it from a worker thread)."""
        if self._loop is not None and self._woken is not None:
            self._loop.call_soon_threadsafe(self._woken.set)

    async def _sleep(self, seconds: float) -> None:
        assert self._woken is not None
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self._woken.wait()
        self._woken.clear()

    async def _until_busy(self) -> None:
        # The job slots are a plain counter with no event to wait on; polling it is cheap.
        while not self._is_busy():  # noqa: ASYNC110
            await asyncio.sleep(BUSY_POLL_S)

    async def run(self) -> None:
        """Check due pages until cancelled."""
        self._loop = asyncio.get_running_loop()
        self._woken = asyncio.Event()
        poll = self._config.watch_idle_poll_s
        while True:
            while self._is_busy():  # noqa: ASYNC110 - see _until_busy
                await asyncio.sleep(BUSY_POLL_S)
            try:
                watchlist = await asyncio.to_thread(self._service.watchlist)
                pages = await asyncio.to_thread(
                    watchlist.pages_to_check, run_id=None, due_only=True,
                    interval_s=self._config.watch_interval_s,
                )  # fmt: skip
            except Exception as exc:  # a store that cannot be opened: say so, try later
                log.warning("background re-check: the watch store is unavailable (%s)", exc)
                await self._sleep(poll)
                continue
            if not pages:
                await self._sleep(poll)
                continue
            source_url, links = next(iter(pages.items()))
            page = asyncio.create_task(check_page(
                source_url, links, config=self._config, browser=self._browser,
            ))  # fmt: skip
            busy = asyncio.create_task(self._until_busy())
            try:
                await asyncio.wait({page, busy}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                busy.cancel()
                if not page.done():
                    page.cancel()
                with contextlib.suppress(BaseException):
                    await asyncio.gather(page, busy, return_exceptions=True)
            if page.cancelled():
                log.info("background re-check of %s paused: an analysis is running", source_url)
                continue
            try:
                observations = page.result()
                await asyncio.shield(asyncio.to_thread(watchlist.record_page, observations, run_id=None))
            except LinkLensError as exc:  # no browser: nothing can be checked for now
                log.warning("background re-check of %s failed: %s", source_url, exc.message)
                await self._sleep(poll)
                continue
            except Exception:
                log.exception("background re-check of %s failed", source_url)
                await self._sleep(poll)
                continue
            self.pages_checked += 1
            log.info("background re-check: %s (%d links)", source_url, len(observations))
