"""Link checks of one job, streamed: each result applied to its Link, sent in batches.

    progress(check, 0/N) -> check_links(...) -> per result: rescore, apply, queue
    -> `link_updates` + progress every FLUSH_EVERY_S or FLUSH_SIZE results -> last flush

Link checks share one budget (`Config.check_budget_s`); links not checked by then keep a null
health and get a `not_checked` flag saying the budget ran out. Cancellation stops the checks,
closes the HTTP session and the status cache, and propagates.
"""

from __future__ import annotations

__all__ = ["FLUSH_EVERY_S", "FLUSH_SIZE", "stream_checks"]

import asyncio
import contextlib
import logging
import time
from typing import TYPE_CHECKING

import msgspec

from agent.config import paths
from agent.job import JobContext
from agent.links.scoring import score_link
from protocol import Flag, Link, LinkUpdate, LinkUpdates, Progress, Report, apply_update

if TYPE_CHECKING:
    from agent.checks.link_check import CheckResult

log = logging.getLogger(__name__)

#: `link_updates` are sent at least this often while results arrive ...
FLUSH_EVERY_S = 0.1
#: ... or as soon as this many are waiting.
FLUSH_SIZE = 50


def _update(link: Link, result: CheckResult, before: list[Flag]) -> LinkUpdate:
    """The update a check result makes: the flags from before the check (static,
    classification) stay and the check's are added; risk and verdict are scored again."""
    flags = before + list(result.flags)
    risk, verdict = score_link(msgspec.structs.replace(link, flags=flags))
    return LinkUpdate(
        link_id=link.id,
        status=result.status,
        final_url=result.final_url,
        redirects=list(result.redirects),
        health=result.health,
        flags=flags,
        risk=risk,
        verdict=verdict,
    )


async def stream_checks(report: Report, job: JobContext) -> None:
    """Check every checkable link of the report, applying and emitting results as they come."""
    # Imported when checks run: the checker pulls in aiohttp (its TLS setup alone is tens of
    # milliseconds) and the cache sqlite3, which a scan with `--no-check` never needs.
    from agent.checks.link_check import check_links, url_key
    from agent.checks.status_cache import StatusCache

    config = job.config
    links: list[Link] = []
    for n, link in enumerate(report.links, 1):
        if link.href and url_key(link.href) is not None:
            links.append(link)
        if n % 256 == 0:
            await asyncio.sleep(0)  # at 20,000 links, let the loop answer other clients meanwhile
    total = len(links)
    by_id = {link.id: link for link in report.links}
    before = {link.id: list(link.flags) for link in links}
    pending: list[LinkUpdate] = []
    done = 0
    last_flush = time.monotonic()

    async def flush() -> None:
        nonlocal last_flush
        last_flush = time.monotonic()
        if not pending:
            return
        batch = pending[:]
        pending.clear()
        await job.emit(LinkUpdates(id=job.request_id, updates=batch))
        await job.emit(Progress(id=job.request_id, stage="check", done=done, total=total))

    async def on_result(link_id: int, result: CheckResult) -> None:
        nonlocal done
        done += 1
        link = by_id[link_id]
        update = _update(link, result, before[link_id])
        apply_update(link, update)  # the same rule `linklens scan` and the extension apply
        pending.append(update)
        if len(pending) >= FLUSH_SIZE:
            await flush()

    async def ticker() -> None:
        while True:
            await asyncio.sleep(FLUSH_EVERY_S)
            if pending and time.monotonic() - last_flush >= FLUSH_EVERY_S:
                await flush()

    await job.emit(Progress(id=job.request_id, stage="check", done=0, total=total))
    cache = StatusCache(paths().status_cache, config.cache_ttl_s) if config.use_cache else None
    tick = asyncio.create_task(ticker())
    try:
        stats = await check_links(
            links, config=config, resolver=job.resolver, policy=job.policy, cache=cache,
            on_result=on_result,
        )
        log.info(
            "checked %d URLs for %s: %d cache hits, %d requested, %d skipped, %d unfinished, "
            "%d requests in %.1f s",
            stats.urls, report.url, stats.cache_hits, stats.requested, stats.skipped,
            stats.unfinished, stats.requests, stats.elapsed_s,
        )
    finally:
        tick.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await tick
        if cache is not None:
            await cache.close()
    await flush()
    if done < total or total == 0:
        await job.emit(Progress(id=job.request_id, stage="check", done=total, total=total))
