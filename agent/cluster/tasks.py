"""What runs on a worker: one page job (watch's `check_page`), in the worker's event loop.

Dask awaits coroutine tasks in the worker's own event loop, the loop in which `BrowserPlugin`
created the worker's `BrowserPool`; the task checks that it is (Playwright's async objects are
bound to their loop) rather than trusting it. Several tasks of one worker (its `--nthreads`)
share the one Chromium, each in its own browser context, as page jobs do locally.

A LinkLensError (no browser) comes back as a `PageOutcome` carrying its code and sentence rather
than as a raised exception: exceptions cross the wire by pickle, which would lose the code.
"""

from __future__ import annotations

__all__ = ["PageOutcome", "check_page_task"]

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field

from distributed import get_worker

from agent.cluster.plugin import PLUGIN_NAME, BrowserPlugin
from agent.errors import LinkLensError
from agent.watch.changes import Observation
from agent.watch.model import WatchedLink
from protocol import ErrorCode


@dataclass
class PageOutcome:
    """One page's result as it travels back: its observations, or the error that stopped it."""

    source_url: str
    observations: dict[int, Observation] = field(default_factory=dict)
    error_code: ErrorCode | None = None
    error_message: str = ""
    worker: str = ""  # which worker rendered it (tests and the benchmark read it)

    def result(self) -> dict[int, Observation]:
        """The observations, or the worker's LinkLensError raised again on the client."""
        if self.error_code is not None:
            raise LinkLensError(self.error_code, self.error_message)
        return self.observations


async def check_page_task(
    source_url: str, links: Sequence[WatchedLink], check_targets: bool
) -> PageOutcome:
    """Render and classify one source page on this worker; observe each watched link on it."""
    from agent.watch.page_job import check_page

    worker = get_worker()
    plugin = worker.plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, BrowserPlugin) or plugin.pool is None or plugin.config is None:
        return PageOutcome(source_url, error_code=ErrorCode.BROWSER_UNAVAILABLE,
                           error_message="This Dask worker has no LinkLens browser plugin.",
                           worker=worker.address)  # fmt: skip
    if asyncio.get_running_loop() is not plugin.loop:
        # A Dask that ran coroutine tasks in another loop would break Playwright in subtle ways.
        raise RuntimeError("page task outside the worker's event loop; Playwright is loop-bound")
    try:
        observations = await check_page(
            source_url, links, config=plugin.config, browser=plugin.pool,
            check_targets=check_targets,
        )  # fmt: skip
    except LinkLensError as exc:
        return PageOutcome(source_url, error_code=exc.code, error_message=exc.message,
                           worker=worker.address)  # fmt: skip
    return PageOutcome(source_url, observations, worker=worker.address)
