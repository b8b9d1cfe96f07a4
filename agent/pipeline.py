"""One analysis, top to bottom: the flow every `analyze` request and `linklens scan` runs.

    validate the URL -> the job's address policy -> render (Chromium) -> raw view of the HTML
    -> classify (raw + rendered + live) -> [cloaking: render as Googlebot and as a phone]
    -> judge (flags, scores, page risk) -> emit `report` -> stream link checks -> summary

Only this module renders and classifies; judging (agent/links/judge.py) is pure and the check
stream (agent/checks/stream.py) applies each result with the same rule as `linklens scan`.

Errors a person should read are LinkLensError (the server sends `error {id, code, message}`;
the CLI prints one line). Cancellation arrives as CancelledError and closes everything on its way
out (the render's context, the address guard).
"""

from __future__ import annotations

__all__ = [
    "Emit",
    "cloaking_comparison",
    "finish_analysis",
    "judge_and_check",
    "render_and_classify",
    "run_analysis",
]

import asyncio
import logging
import time
from collections.abc import Callable

from agent.checks.stream import stream_checks
from agent.config import Config
from agent.errors import LinkLensError
from agent.job import Emit, JobContext, render_deadline
from agent.links.classify import PageContext, build_report, classify_link, summarize
from agent.links.cloaking import (
    GOOGLEBOT_SMARTPHONE_UA,
    PHONE_BROWSER_UA,
    CloakingComparison,
    compare_renders,
)
from agent.links.judge import judge_report
from agent.links.raw_view import extract_raw_view
from agent.net.address_policy import AddressPolicy, validate_request_url
from agent.net.resolver import HostResolver
from agent.render.browser_pool import BrowserPool
from agent.render.page import render_page
from agent.render.result import RenderResult
from protocol import (
    Analyze,
    AnalyzeOptions,
    CollectedLink,
    Progress,
    Report,
    ReportMessage,
    Summary,
)

log = logging.getLogger(__name__)


async def run_analysis(
    request: Analyze,
    *,
    config: Config,
    browser: BrowserPool,
    emit: Emit,
    browser_done: Callable[[], None] | None = None,
) -> Summary:
    """Emit progress/report/link_updates for one analyze request; return the final summary.

    The caller sends `done` with the summary (or `error` for a LinkLensError). `browser_done`
    is called once the job needs no more of the browser (after the render, unless a cloaking
    render follows), so a caller that owns the browser for this job alone (`linklens scan`)
    can close it while the links are classified.
    """
    started = time.monotonic()
    url = validate_request_url(request.url, config)
    resolver = HostResolver(config)
    policy = await AddressPolicy.for_page(url, config, resolver)

    await emit(Progress(id=request.id, stage="render", done=0, total=1))
    rendered = await render_page(
        browser,
        url,
        config=config,
        policy=policy,
        deadline_s=render_deadline(request.options, config),
        max_links=config.max_links,
        resolver=resolver,
    )

    if browser_done is not None and not request.options.cloaking:
        browser_done()
    await emit(Progress(id=request.id, stage="render", done=1, total=1))
    await emit(Progress(id=request.id, stage="extract", done=0, total=1))
    # Pure CPU for a while at tens of thousands of links: in a worker thread, so the event loop
    # keeps serving other jobs and connections (and `linklens scan` closes Chromium meanwhile).
    report = await asyncio.to_thread(_classify, request, url, rendered, config)
    await emit(Progress(id=request.id, stage="extract", done=1, total=1))
    report.timings["until_report"] = round((time.monotonic() - started) * 1000, 1)

    job = JobContext(
        request_id=request.id,
        url=url,
        options=request.options,
        config=config,
        resolver=resolver,
        policy=policy,
        browser=browser,
        emit=emit,
    )
    return await finish_analysis(report, job)


async def finish_analysis(report: Report, job: JobContext) -> Summary:
    """After classification: the cloaking renders (when asked), judging, the `report` message
    and the link checks. Returns the final Summary."""
    comparison: CloakingComparison | None = None
    cloaking_failed: str | None = None
    if job.options.cloaking:
        comparison, cloaking_failed = await cloaking_comparison(report, job)
    return await judge_and_check(
        report, job, comparison=comparison, cloaking_failed=cloaking_failed
    )


async def cloaking_comparison(
    report: Report, job: JobContext
) -> tuple[CloakingComparison | None, str | None]:
    """Render as Googlebot and as the same phone without "Googlebot" (at once, same options,
    viewport and deadline); mark the report's links Googlebot saw and add the Googlebot links
    it lacks. Returns (comparison, None), or (None, why) when a render failed: the page rendered
    once already, so the job reports what it has rather than fail."""
    started = time.monotonic()
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
        try:
            async with asyncio.TaskGroup() as group:
                googlebot = group.create_task(render(GOOGLEBOT_SMARTPHONE_UA))
                phone = group.create_task(render(PHONE_BROWSER_UA))
        except BaseExceptionGroup as group_error:
            # One render failing cancels the other; the first real error is the one to read.
            raise group_error.exceptions[0] from None
    except LinkLensError as exc:
        log.warning("cloaking render of %s failed: %s", report.url, exc.message)
        return None, exc.message
    finally:
        report.timings["cloaking"] = round((time.monotonic() - started) * 1000, 1)
    comparison = compare_renders(report.links, googlebot.result(), phone.result())
    for link in report.links:
        if link.id in comparison.seen_by_googlebot and "googlebot" not in link.views:
            link.views.append("googlebot")
    context = PageContext.for_report(report, mine=job.options.mine)
    for collected in comparison.googlebot_only:
        report.links.append(
            classify_link(collected, len(report.links), context, views=("googlebot",))
        )
    await job.emit(Progress(id=job.request_id, stage="cloaking", done=1, total=1))
    return comparison, None


async def judge_and_check(
    report: Report,
    job: JobContext,
    *,
    comparison: CloakingComparison | None = None,
    cloaking_failed: str | None = None,
) -> Summary:
    """Judge the classified report, emit it (health null), then stream its link checks (when
    asked); return the final Summary."""
    started = time.monotonic()
    # Pure CPU at tens of thousands of links: in a worker thread, as classification is.
    await asyncio.to_thread(
        judge_report, report, comparison=comparison, cloaking_failed=cloaking_failed
    )
    report.timings["assess"] = round((time.monotonic() - started) * 1000, 1)
    await job.emit(ReportMessage(id=job.request_id, report=report))
    if job.options.check:
        mark = time.monotonic()
        await stream_checks(report, job)
        report.timings["check"] = round((time.monotonic() - mark) * 1000, 1)
        report.summary = summarize(report)
    return report.summary


async def render_and_classify(
    url: str, *, config: Config, browser: BrowserPool, deadline_s: float | None = None
) -> Report:
    """Render one page and classify its links: the Report before flags, scores and link checks.

    For jobs that ask one question of many pages (the backlink monitor): no messages, no
    checks, the same render and classification as `run_analysis`. Raises LinkLensError as it.
    """
    url = validate_request_url(url, config)
    resolver = HostResolver(config)
    policy = await AddressPolicy.for_page(url, config, resolver)
    rendered = await render_page(
        browser,
        url,
        config=config,
        policy=policy,
        deadline_s=deadline_s or config.render_deadline_s,
        max_links=config.max_links,
        resolver=resolver,
    )
    request = Analyze(id="page", url=url, options=AnalyzeOptions(check=False))
    return await asyncio.to_thread(_classify, request, url, rendered, config)


def _classify(request: Analyze, url: str, rendered: RenderResult, config: Config) -> Report:
    """The raw view of the HTML, then the Report of all views; timings included."""
    mark = time.monotonic()
    raw = None
    if rendered.raw_html is not None:
        raw = extract_raw_view(
            rendered.raw_html,
            rendered.final_url,
            max_links=config.max_links,
            content_type=rendered.header("content-type"),
        )
    extract_ms = (time.monotonic() - mark) * 1000

    mark = time.monotonic()
    report = build_report(
        url=url,
        final_url=rendered.final_url,
        status=rendered.status,
        headers=rendered.headers,
        raw=raw,
        rendered=rendered.collection,
        live=request.links,
        mine=request.options.mine,
        partial=rendered.partial,
        truncated=(
            rendered.collection.truncated
            or rendered.raw_too_large
            or bool(raw is not None and raw.truncated)
        ),
    )
    classify_ms = (time.monotonic() - mark) * 1000
    report.timings.update(rendered.timings)
    report.timings["extract"] = round(extract_ms, 1)
    report.timings["classify"] = round(classify_ms, 1)
    return report
