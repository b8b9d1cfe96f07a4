"""`watch check`: every due (or every) source page, each rendered once, results stored per page.

Pages run concurrently in the shared Chromium (`jobs` at a time) with the link checks' politeness
applied to source pages too: at most `Config.per_host_connections` pages of one host at once.
A run is recorded in the store (`check_run`); each page's observations are committed as soon as
it is done, so Ctrl+C (cancellation) or a crash loses at most the pages in flight, and the next
run resumes the unfinished one with the pages it had not checked.
"""

from __future__ import annotations

__all__ = ["CheckSummary", "OnPage", "PageCheck", "for_each_page", "run_check"]

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast
from urllib.parse import urlsplit

from agent.config import Config
from agent.watch.changes import ALERT_KINDS, Observation
from agent.watch.model import WatchedLink
from agent.watch.page_job import check_page
from agent.watch.watchlist import ChangeRecord, WatchList

if TYPE_CHECKING:
    from agent.render.browser_pool import BrowserPool

#: Called after each page is stored: (pages done, pages in this run, changes it revealed).
OnPage = Callable[[int, int, list[ChangeRecord]], None]

#: Where a page job runs: (source URL, its watched links) -> observations by link id. Default:
#: `check_page` in this process's browser; `--cluster` passes one that runs it on a Dask worker
#: (agent/cluster/session.py). The runner's politeness and storing apply to either.
PageCheck = Callable[[str, Sequence[WatchedLink]], Awaitable[dict[int, Observation]]]


@dataclass
class CheckSummary:
    """What one `watch check` did."""

    run_id: int
    resumed: bool = False
    pages: int = 0  # pages this invocation set out to check
    pages_done: int = 0
    links_done: int = 0
    page_errors: int = 0  # pages whose links were observed as page_error/page_gone this time
    changes: list[ChangeRecord] = field(default_factory=list)
    elapsed_s: float = 0.0
    finished: bool = False

    @property
    def alerts(self) -> list[ChangeRecord]:
        """Changes that make the exit status 3: lost, page_gone, demoted."""
        return [change for change in self.changes if change.kind in ALERT_KINDS]


async def for_each_page(
    urls: Iterable[str], work: Callable[[str], Awaitable[None]], *, jobs: int, per_host: int
) -> None:
    """Run `work(url)` for every page, `jobs` at a time and at most `per_host` pages of one host
    at once (the politeness of `watch check`, shared with `linklens audit` and `prospects`).

    The first error, or cancellation (Ctrl+C), cancels the pages still running and is raised;
    whatever `work` stored for finished pages stays stored.
    """
    slots = asyncio.Semaphore(max(1, jobs))
    hosts: dict[str, asyncio.Semaphore] = {}

    async def one(url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        limit = hosts.setdefault(host, asyncio.Semaphore(max(1, per_host)))
        async with limit, slots:
            await work(url)

    tasks = [asyncio.create_task(one(url)) for url in urls]
    try:
        for task in asyncio.as_completed(tasks):
            await task
    finally:
        for task in tasks:
            task.cancel()
        with contextlib.suppress(BaseException):
            await asyncio.gather(*tasks, return_exceptions=True)


async def run_check(
    watchlist: WatchList,
    *,
    config: Config,
    browser: BrowserPool | None,
    due_only: bool,
    jobs: int,
    check_targets: bool = False,
    on_page: OnPage | None = None,
    on_start: Callable[[int], None] | None = None,
    page_check: PageCheck | None = None,
) -> CheckSummary:
    """Check the pages of this run that are left; return what was done and what changed.

    `page_check` runs each page job elsewhere (a cluster); `browser` is then unused."""
    run_id, resumed = await asyncio.to_thread(watchlist.start_run, due_only=due_only)
    pages = await asyncio.to_thread(
        watchlist.pages_to_check,
        run_id=run_id,
        due_only=due_only,
        interval_s=config.watch_interval_s,
    )
    summary = CheckSummary(run_id=run_id, resumed=resumed, pages=len(pages))
    if on_start is not None:
        on_start(len(pages))
    started = time.monotonic()
    recorded: set[str] = set()

    async def local_check(source_url: str, links: Sequence[WatchedLink]) -> dict[int, Observation]:
        # `browser` is None only with a page_check (or a test's stand-in check_page).
        return await check_page(
            source_url, links, config=config, browser=cast("BrowserPool", browser),
            check_targets=check_targets,
        )  # fmt: skip

    run_page = page_check or local_check

    async def one(source_url: str) -> None:
        observations = await run_page(source_url, pages[source_url])
        if source_url in recorded:
            return  # a page is stored once per run, however often its result arrives
        recorded.add(source_url)
        # Stored in a worker thread; shielded so a cancellation arriving now still lets this
        # page's transaction finish (it is complete: losing it would only redo the page).
        changes = await asyncio.shield(asyncio.to_thread(
            watchlist.record_page, observations, run_id=run_id
        ))  # fmt: skip
        summary.pages_done += 1
        summary.links_done += len(observations)
        if any(obs.standing != "present" and not obs.present and obs.page_error is not None
               for obs in observations.values()):  # fmt: skip
            summary.page_errors += 1
        summary.changes.extend(changes)
        if on_page is not None:
            on_page(summary.pages_done, summary.pages, changes)

    try:
        await for_each_page(pages, one, jobs=jobs, per_host=config.per_host_connections)
    finally:
        summary.elapsed_s = time.monotonic() - started
    await asyncio.to_thread(watchlist.finish_run, run_id)
    summary.finished = True
    return summary
