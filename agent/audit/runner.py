"""`linklens audit`: every source page rendered once, results kept in the store, resumable.

    input rows -> one job per source page (grouped: several targets, one render)
    -> pages left in this audit (the store says which are done) -> `for_each_page` of the
    backlink monitor (`--jobs` at a time, at most `Config.per_host_connections` per host, one
    shared Chromium) -> each page stored as it finishes -> your target pages read once each
    (relevance) -> the report built from the store (agent/audit/report.py)

A page whose render fails (timeout, unreachable, a 5xx answer) is tried once more straight
away; if it fails again it is stored as `failed` with its error, reported, and not tried again
in this audit (`--fresh` starts over). A missing browser stops the audit (nothing could run).
"""

from __future__ import annotations

__all__ = [
    "AuditOutcome",
    "PageJob",
    "TargetJob",
    "audit_page_with_retry",
    "plan_pages",
    "read_target",
    "run_audit",
]

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from agent.audit.model import AuditReport, PageAudit
from agent.audit.page import audit_page, registrable
from agent.audit.report import build_report
from agent.audit.store import AuditStore, audit_key
from agent.audit.text import Terms
from agent.config import Config
from agent.errors import LinkLensError
from agent.net.hosts import is_mine
from agent.watch.backlink_files import BacklinkRow, BadRow
from protocol import ErrorCode

if TYPE_CHECKING:
    from agent.render.browser_pool import BrowserPool

log = logging.getLogger(__name__)

#: Renders per page at most: the first, and one retry.
ATTEMPTS = 2

#: Where a page's audit (with its retry) runs, and where a target page of yours is read: in this
#: process's browser by default; `--cluster` passes ones that run on Dask workers
#: (agent/cluster/session.py). Politeness and storing stay here either way.
PageJob = Callable[[PageAudit], Awaitable[PageAudit]]
TargetJob = Callable[[str], Awaitable[tuple[Terms | None, str | None]]]


@dataclass
class AuditOutcome:
    """What one `linklens audit` invocation did, and the report."""

    report: AuditReport
    resumed: bool
    rendered: int  # pages rendered by this invocation (retries not counted)
    skipped: list[BadRow] = field(default_factory=list)
    elapsed_s: float = 0.0


def _host(url: str) -> str | None:
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or "").lower() or None


def plan_pages(rows: Sequence[BacklinkRow], mine: Sequence[str]) -> tuple[list[PageAudit], list[BadRow]]:
    """One PageAudit per source page (input order), and the rows left out (your own pages)."""
    pages: dict[str, PageAudit] = {}
    skipped: list[BadRow] = []
    for row in rows:
        if is_mine(_host(row.source_url), tuple(mine)):
            skipped.append(BadRow(row.line, f"{row.source_url} is on your own domain"))
            continue
        page = pages.get(row.source_url)
        if page is None:
            page = pages[row.source_url] = PageAudit(
                source_url=row.source_url, domain=registrable(row.source_url)
            )
        if row.target and row.target not in page.targets:
            page.targets.append(row.target)
            if page.compare_with is None and "://" in row.target and is_mine(_host(row.target), tuple(mine)):
                page.compare_with = row.target
        if row.anchor and page.expected_anchor is None:
            page.expected_anchor = row.anchor
        for name, value in row.extras:
            page.extras.setdefault(name, value)
    return list(pages.values()), skipped


def _retryable(page: PageAudit) -> str | None:
    """Why a finished render still counts as a failure to try again (server errors)."""
    if page.status is not None and page.status >= 500:
        return f"the page answered HTTP {page.status}"
    return None


async def audit_page_with_retry(
    planned: PageAudit, *, mine: Sequence[str], config: Config, browser: BrowserPool, cloaking: bool
) -> PageAudit:
    """One source page's audit, tried up to ATTEMPTS times: the page job a local audit runs,
    and the one a cluster worker runs (agent/cluster/tasks.py)."""
    error = "not rendered"
    for attempt in range(1, ATTEMPTS + 1):
        page = PageAudit(
            source_url=planned.source_url, domain=planned.domain, targets=list(planned.targets),
            expected_anchor=planned.expected_anchor, extras=dict(planned.extras),
            compare_with=planned.compare_with, attempts=attempt,
        )  # fmt: skip
        try:
            page = await audit_page(page, mine=mine, config=config, browser=browser, cloaking=cloaking)
        except LinkLensError as exc:
            if exc.code == ErrorCode.BROWSER_UNAVAILABLE:
                raise
            error = exc.message
            continue
        except Exception as exc:
            # One odd page (a browser hiccup, a bug on a strange document) must not end an audit
            # of hundreds: it is a failure of that page, logged with its traceback for a report.
            log.warning("auditing %s failed unexpectedly", planned.source_url, exc_info=True)
            error = f"unexpected error ({type(exc).__name__}: {exc})"[:300]
            continue
        if (why := _retryable(page)) is not None:
            error = why
            continue
        if page.compare_with is None:
            # The page of yours it links to (dofollow first) is what relevance compares with.
            best = sorted(page.links, key=lambda link: link.follow != "dofollow")
            page.compare_with = best[0].href if best else None
        return page
    planned.state, planned.error, planned.attempts = "failed", error, ATTEMPTS
    return planned


async def read_target(url: str, *, config: Config, browser: BrowserPool) -> tuple[Terms | None, str | None]:
    """One target page of yours: its main-text terms, or why it could not be read."""
    from agent.audit.page import page_terms, render_source

    try:
        _url, rendered, _resolver, _policy = await render_source(url, config, browser)
        return await asyncio.to_thread(page_terms, rendered), None
    except LinkLensError as exc:
        if exc.code == ErrorCode.BROWSER_UNAVAILABLE:
            raise
        return None, exc.message


async def _read_targets(
    urls: set[str], store: AuditStore, run_id: int, *, config: Config, target_job: TargetJob, jobs: int
) -> None:
    """Read each target page of yours once (its main-text terms), stored per audit."""
    from agent.watch.runner import for_each_page

    async def read(url: str) -> None:
        terms, error = await target_job(url)
        await asyncio.shield(asyncio.to_thread(store.save_target, run_id, url, terms, error))

    await for_each_page(sorted(urls), read, jobs=jobs, per_host=config.per_host_connections)


async def run_audit(
    store: AuditStore,
    rows: Sequence[BacklinkRow],
    *,
    input_name: str,
    mine: Sequence[str],
    config: Config,
    browser: BrowserPool | None,
    jobs: int = 4,
    cloaking: bool = False,
    topic: str | None = None,
    fresh: bool = False,
    on_start: Callable[[int, int], None] | None = None,
    on_page: Callable[[int, int], None] | None = None,
    page_job: PageJob | None = None,
    target_job: TargetJob | None = None,
) -> AuditOutcome:
    """Audit the pages of `rows` not yet done in this audit; return the whole audit's report.

    `on_start(total, already_done)` once, `on_page(done, total)` after each page is stored.
    Cancellation (Ctrl+C) keeps every stored page; the same call continues later. With
    `page_job` and `target_job` (a cluster) `browser` is unused and may be None.
    """
    from agent.watch.runner import for_each_page

    started = time.monotonic()
    planned, skipped = plan_pages(rows, mine)
    key = audit_key(input_name, mine, topic, cloaking)
    run_id, resumed = await asyncio.to_thread(store.open_run, key, input_name, fresh=fresh)
    stored = await asyncio.to_thread(store.pages, run_id)
    todo = {page.source_url: page for page in planned if page.source_url not in stored}
    total = len(planned)
    done = total - len(todo)
    if on_start is not None:
        on_start(total, done)
    rendered = 0
    # `browser` is None only when both jobs run elsewhere (a cluster).
    local = cast("BrowserPool", browser)

    async def local_page(planned: PageAudit) -> PageAudit:
        return await audit_page_with_retry(planned, mine=mine, config=config, browser=local, cloaking=cloaking)

    async def local_target(url: str) -> tuple[Terms | None, str | None]:
        return await read_target(url, config=config, browser=local)

    run_page = page_job or local_page

    async def work(url: str) -> None:
        nonlocal done, rendered
        page = await run_page(todo[url])
        # Shielded: a Ctrl+C arriving now still lets this finished page's transaction commit.
        await asyncio.shield(asyncio.to_thread(store.save_page, run_id, page))
        stored[url] = page
        done += 1
        rendered += 1
        if on_page is not None:
            on_page(done, total)

    await for_each_page(list(todo), work, jobs=jobs, per_host=config.per_host_connections)
    pages = [stored[page.source_url] for page in planned]
    if topic is None:
        known = await asyncio.to_thread(store.targets, run_id)
        wanted = {page.compare_with for page in pages if page.compare_with and page.state == "done"}
        missing = {url for url in wanted if url not in known}
        if missing:
            await _read_targets(missing, store, run_id, config=config,
                                target_job=target_job or local_target, jobs=jobs)  # fmt: skip
            known = await asyncio.to_thread(store.targets, run_id)
        targets = {url: terms for url, (terms, _error) in known.items()}
    else:
        targets = {}
    await asyncio.to_thread(store.finish_run, run_id)
    report = await asyncio.to_thread(
        build_report, pages, targets=targets, input_name=input_name, mine=mine, topic=topic
    )
    return AuditOutcome(report=report, resumed=resumed, rendered=rendered, skipped=skipped,
                        elapsed_s=time.monotonic() - started)  # fmt: skip
