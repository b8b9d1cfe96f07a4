"""One analysis, top to bottom: the flow every `analyze` request and `linklens scan` runs.

    validate the URL -> the job's address policy -> render (Chromium) -> raw view of the HTML
    -> classify (raw + rendered + live) -> assess (flags, scores, `report`, checks, updates)

Errors a person should read are LinkLensError (the server sends `error {id, code, message}`;
the CLI prints one line). Cancellation arrives as CancelledError and closes everything on its way
out (the render's context, the address guard).
"""

from __future__ import annotations

__all__ = ["Emit", "deadline_for", "render_and_classify", "run_analysis"]

import asyncio
import time
from collections.abc import Callable

from agent.config import Config
from agent.job import Emit, JobContext, render_deadline
from agent.links.assess import assess_report
from agent.links.classify import build_report
from agent.links.raw_view import extract_raw_view
from agent.net.address_policy import AddressPolicy, validate_request_url
from agent.net.resolver import HostResolver
from agent.render.browser_pool import BrowserPool
from agent.render.page import RenderResult, render_page
from protocol import Analyze, AnalyzeOptions, Progress, Report, Summary


def deadline_for(request: Analyze, config: Config) -> float:
    """The render deadline of a job: the request's `timeout_s`, never above the agent's cap."""
    return render_deadline(request.options, config)


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
        deadline_s=deadline_for(request, config),
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
    return await assess_report(report, job)


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
            content_type=_header(rendered.headers, "content-type"),
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


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    for key, value in headers:
        if key.lower() == name:
            return value
    return None
