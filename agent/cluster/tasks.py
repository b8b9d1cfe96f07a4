"""What runs on a worker: one page job (watch's `check_page`, the audit's page with its retry,
a target page's terms, a prospects resource page's links), in the worker's event loop.

Dask awaits coroutine tasks in the worker's own event loop, the loop in which `BrowserPlugin`
created the worker's `BrowserPool`; each task checks that it is (Playwright's async objects are
bound to their loop) rather than trusting it. Several tasks of one worker (its `--nthreads`)
share the one Chromium, each in its own browser context, as page jobs do locally.

A LinkLensError (no browser) comes back inside the `Outcome` with its code and sentence rather
than raised: exceptions cross the wire by pickle, which would lose the code.
"""

from __future__ import annotations

__all__ = ["Outcome", "audit_page_task", "check_page_task", "prospect_page_task",
           "target_terms_task"]  # fmt: skip

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from distributed import get_worker

from agent.cluster.plugin import PLUGIN_NAME, BrowserPlugin
from agent.errors import LinkLensError
from protocol import ErrorCode

if TYPE_CHECKING:
    from agent.audit.model import PageAudit
    from agent.config import Config
    from agent.render.browser_pool import BrowserPool
    from agent.watch.model import WatchedLink


@dataclass
class Outcome:
    """One task's result as it travels back: a value, or the error that stopped it."""

    value: Any = None
    error_code: ErrorCode | None = None
    error_message: str = ""
    worker: str = ""  # which worker ran it (tests and the benchmark read it)

    def result(self) -> Any:
        """The value, or the worker's LinkLensError raised again on the client."""
        if self.error_code is not None:
            raise LinkLensError(self.error_code, self.error_message)
        return self.value


async def _on_worker(job: Callable[[Config, BrowserPool], Awaitable[Any]]) -> Outcome:
    """Run `job` with this worker's config and shared browser, in the loop that owns them."""
    worker = get_worker()
    plugin = worker.plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, BrowserPlugin) or plugin.pool is None or plugin.config is None:
        return Outcome(error_code=ErrorCode.BROWSER_UNAVAILABLE,
                       error_message="This Dask worker has no LinkLens browser plugin.",
                       worker=worker.address)  # fmt: skip
    if asyncio.get_running_loop() is not plugin.loop:
        # A Dask that ran coroutine tasks in another loop would break Playwright in subtle ways.
        raise RuntimeError("page task outside the worker's event loop; Playwright is loop-bound")
    try:
        value = await job(plugin.config, plugin.pool)
    except LinkLensError as exc:
        return Outcome(error_code=exc.code, error_message=exc.message, worker=worker.address)
    return Outcome(value, worker=worker.address)


async def check_page_task(
    source_url: str, links: Sequence[WatchedLink], check_targets: bool
) -> Outcome:
    """watch: render and classify one source page; observe each watched link on it."""
    from agent.watch.page_job import check_page

    async def job(config: Config, browser: BrowserPool) -> Any:
        return await check_page(source_url, links, config=config, browser=browser,
                                check_targets=check_targets)  # fmt: skip

    return await _on_worker(job)


async def audit_page_task(planned: PageAudit, mine: Sequence[str], cloaking: bool) -> Outcome:
    """audit: one source page judged, with the local runner's retry."""
    from agent.audit.runner import audit_page_with_retry  # the local page job, retry included

    async def job(config: Config, browser: BrowserPool) -> Any:
        return await audit_page_with_retry(planned, mine=mine, config=config, browser=browser, cloaking=cloaking)

    return await _on_worker(job)


async def target_terms_task(url: str) -> Outcome:
    """audit: one target page of yours read for its main-text terms."""
    from agent.audit.runner import read_target

    async def job(config: Config, browser: BrowserPool) -> Any:
        return await read_target(url, config=config, browser=browser)

    return await _on_worker(job)


async def prospect_page_task(url: str) -> Outcome:
    """prospects: one resource page rendered and classified; (final URL, its external crawlable
    links) travel back — not the whole Report — and the client checks them."""
    from agent.audit.prospects import page_links

    async def job(config: Config, browser: BrowserPool) -> Any:
        return await page_links(url, config=config, browser=browser)

    return await _on_worker(job)
