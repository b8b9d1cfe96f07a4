"""After classification: flags, scores, the `report` message, cloaking, link checks, updates.

    (cloaking render, when asked) -> static flags and scores -> page flags and page risk
    -> emit `report` (health null) -> link checks streaming `link_updates` + `progress`
    -> the final Summary (the caller sends `done`)

Link checks share one budget (`Config.check_budget_s`); links not checked by then keep a null
health and get a `not_checked` flag saying the budget ran out. Cancellation stops the checks,
closes the HTTP session and the status cache, and propagates.
"""

from __future__ import annotations

__all__ = ["FLUSH_EVERY_S", "FLUSH_SIZE", "assess_report"]

import asyncio
import contextlib
import logging
import time
from typing import TYPE_CHECKING

from agent.config import paths
from agent.errors import LinkLensError
from agent.job import JobContext
from agent.links.classify import PageContext, classify_link, gc_paused, summarize
from agent.links.cloaking import (
    GOOGLEBOT_SMARTPHONE_UA,
    PHONE_BROWSER_UA,
    CloakingComparison,
    cloaked_flag,
    compare_renders,
)
from agent.links.flags import STATIC_CODES, PageFacts, link_flags, page_flags
from agent.links.scoring import page_risk, page_risk_reasons, score_link
from agent.render.page import render_page
from protocol import (
    CollectedLink,
    Flag,
    Link,
    LinkUpdate,
    LinkUpdates,
    Progress,
    Report,
    ReportMessage,
    Summary,
)

if TYPE_CHECKING:
    from agent.checks.link_check import CheckResult

log = logging.getLogger(__name__)

#: `link_updates` are sent at least this often while results arrive ...
FLUSH_EVERY_S = 0.1
#: ... or as soon as this many are waiting.
FLUSH_SIZE = 50

# Codes this module (re)computes; classification's own flags (rel_changed_by_js...) are kept.
_OWN_CODES = STATIC_CODES | {"cloaked"}
_OWN_PAGE_CODES = frozenset(
    {"too_many_outbound", "hidden_links", "spam_anchors", "suspicious_links", "cloaking_unavailable"}
)


def _static_flags(link: Link, page: PageFacts, *, comparison: CloakingComparison | None) -> None:
    flags = link_flags(link, page)
    if comparison is not None and (cloaked := cloaked_flag(link, comparison)) is not None:
        flags.insert(0, cloaked)
    if link.flags:  # classification's own flags are kept, after these
        flags.extend(flag for flag in link.flags if flag.code not in _OWN_CODES)
    link.flags = flags
    link.risk, link.verdict = score_link(link)


async def _cloaking(report: Report, job: JobContext) -> CloakingComparison:
    """Render as Googlebot and as the same phone without "Googlebot" (at once, same options and
    viewport); mark the report's links Googlebot saw, add the Googlebot links it lacks."""
    await job.emit(Progress(id=job.request_id, stage="cloaking", done=0, total=1))

    async def render(user_agent: str) -> list[CollectedLink]:
        result = await render_page(
            job.browser,
            report.final_url or report.url,
            config=job.config,
            policy=job.policy,
            deadline_s=job.deadline_s,
            user_agent=user_agent,
            max_links=job.config.max_links,
            resolver=job.resolver,
            mobile=True,
        )
        return result.collection.links

    try:
        async with asyncio.TaskGroup() as group:
            googlebot = group.create_task(render(GOOGLEBOT_SMARTPHONE_UA))
            phone = group.create_task(render(PHONE_BROWSER_UA))
    except BaseExceptionGroup as group_error:
        # One render failing cancels the other; the caller reads the first real error.
        raise group_error.exceptions[0] from None
    comparison = compare_renders(report.links, googlebot.result(), phone.result())
    for link in report.links:
        if link.id in comparison.seen_by_googlebot and "googlebot" not in link.views:
            link.views.append("googlebot")
    context = PageContext.for_report(report, mine=job.options.mine)
    for collected in comparison.googlebot_only:
        link = _googlebot_link(collected, len(report.links), context)
        report.links.append(link)
    await job.emit(Progress(id=job.request_id, stage="cloaking", done=1, total=1))
    return comparison


def _googlebot_link(collected: CollectedLink, link_id: int, context: PageContext) -> Link:
    return classify_link(collected, link_id, context, views=("googlebot",))


def _apply(link: Link, result: CheckResult, before: list[Flag]) -> LinkUpdate:
    link.status = result.status
    link.final_url = result.final_url
    link.redirects = list(result.redirects)
    link.health = result.health
    # The flags from before the check (static, classification) stay; the check's are added.
    link.flags = before + list(result.flags)
    link.risk, link.verdict = score_link(link)
    return LinkUpdate(
        link_id=link.id,
        status=link.status,
        final_url=link.final_url,
        redirects=link.redirects,
        health=link.health,
        flags=link.flags,
        risk=link.risk,
        verdict=link.verdict,
    )


async def _checks(report: Report, job: JobContext) -> None:
    # Imported when checks run: the checker pulls in aiohttp (its TLS setup alone is tens of
    # milliseconds) and the cache sqlite3, which a scan with `--no-check` never needs.
    from agent.checks.link_check import check_links, url_key
    from agent.checks.status_cache import StatusCache

    config = job.config
    links = [link for link in report.links if link.href and url_key(link.href) is not None]
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
        pending.append(_apply(by_id[link_id], result, before[link_id]))
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


def _judge(
    report: Report,
    page: PageFacts,
    comparison: CloakingComparison | None,
    cloaking_failed: str | None,
) -> None:
    """Static flags and scores of every link, then the page's flags, risk and summary."""
    # Flags and a few objects per link, at tens of thousands of links: without the pause the
    # cyclic collector walks the whole report again and again (~40% of this step at 20,000).
    with gc_paused():
        for link in report.links:
            _static_flags(link, page, comparison=comparison)
        report.flags = [flag for flag in report.flags if flag.code not in _OWN_PAGE_CODES]
        report.flags.extend(page_flags(report))
        report.flags.extend(page_risk_reasons(report))
        if cloaking_failed is not None:
            report.flags.append(Flag(
                "cloaking_unavailable", "warning",
                f"The cloaking check could not render the page as Googlebot ({cloaking_failed.rstrip('.')}), so no links were compared.",
            ))
        report.risk = page_risk(report)
        report.summary = summarize(report)


async def assess_report(report: Report, job: JobContext) -> Summary:
    """Flag, score, stream and check one classified report; return the final Summary."""
    page = PageFacts.from_url(report.final_url or report.url)
    started = time.monotonic()

    comparison: CloakingComparison | None = None
    cloaking_failed: str | None = None
    if job.options.cloaking:
        try:
            comparison = await _cloaking(report, job)
        except LinkLensError as exc:
            # The page rendered once already: report what we have rather than fail the job.
            log.warning("cloaking render of %s failed: %s", report.url, exc.message)
            cloaking_failed = exc.message
        report.timings["cloaking"] = round((time.monotonic() - started) * 1000, 1)

    # Pure CPU at tens of thousands of links: in a worker thread, as classification is.
    await asyncio.to_thread(_judge, report, page, comparison, cloaking_failed)
    report.timings["assess"] = round((time.monotonic() - started) * 1000, 1)
    await job.emit(ReportMessage(id=job.request_id, report=report))

    if job.options.check:
        mark = time.monotonic()
        await _checks(report, job)
        report.timings["check"] = round((time.monotonic() - mark) * 1000, 1)
        report.summary = summarize(report)
    return report.summary
