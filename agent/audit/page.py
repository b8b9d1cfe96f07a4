"""One source page of an audit: rendered once, judged as `linklens scan` judges it, read.

    validate -> render (shared Chromium) -> raw view + classify (with your domains as `mine`)
    -> [cloaking: the Googlebot and phone renders of `linklens scan --cloaking`]
    -> judge (agent/links/judge.py: flags, scores, page risk) -> links to you, page verdicts,
    outbound profile, main-text terms (agent/audit/text.py)

The steps are the scan engine's public functions; this module only adds what an audit keeps
from the render, which `pipeline.render_and_classify` does not return: the server's HTML
(`RenderResult.raw_html`, for the raw view) and the DOM as the page's scripts left it
(`RenderResult.rendered_html`, asked with `keep_html`), where the main text is read — so an
article that a script writes is read like a static one.
"""

from __future__ import annotations

__all__ = ["audit_page", "page_terms", "registrable", "render_source"]

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING

from agent.audit.model import LinkToYou, OutboundProfile, PageAudit
from agent.audit.text import Terms, main_text, terms_of
from agent.config import Config
from agent.errors import LinkLensError
from protocol import ErrorCode, Flag, Report

if TYPE_CHECKING:
    from agent.links.cloaking import CloakingComparison
    from agent.net.address_policy import AddressPolicy
    from agent.net.resolver import HostResolver
    from agent.render.browser_pool import BrowserPool
    from agent.render.result import RenderResult

#: Page answers after which nothing links from the page any more.
_GONE = frozenset({404, 410})


def registrable(url: str) -> str:
    """The referring domain of a URL: its registrable domain, else its host (an IP address)."""
    from urllib.parse import urlsplit

    from agent.net.hosts import same_site_key

    return same_site_key((urlsplit(url).hostname or "").lower())


async def render_source(
    url: str, config: Config, browser: BrowserPool
) -> tuple[str, RenderResult, HostResolver, AddressPolicy]:
    """Validate and render as `pipeline.render_and_classify` does, keeping the render result
    and the rendered DOM (the main text is read from it; source and target pages alike)."""
    from agent.net.address_policy import AddressPolicy, validate_request_url
    from agent.net.resolver import HostResolver
    from agent.render.page import render_page

    url = validate_request_url(url, config)
    resolver = HostResolver(config)
    policy = await AddressPolicy.for_page(url, config, resolver)
    rendered = await render_page(
        browser, url, config=config, policy=policy, deadline_s=config.render_deadline_s,
        max_links=config.max_links, resolver=resolver, keep_html=True,
    )  # fmt: skip
    return url, rendered, resolver, policy


def _classified(url: str, rendered: RenderResult, mine: Sequence[str], config: Config) -> Report:
    """The raw view and classification of `pipeline` (public functions), with `mine` set."""
    from agent.links.classify import build_report
    from agent.links.raw_view import extract_raw_view

    raw = None
    if rendered.raw_html is not None:
        raw = extract_raw_view(
            rendered.raw_html, rendered.final_url, max_links=config.max_links,
            content_type=rendered.header("content-type"),
        )  # fmt: skip
    report = build_report(
        url=url, final_url=rendered.final_url, status=rendered.status, headers=rendered.headers,
        raw=raw, rendered=rendered.collection, live=None, mine=list(mine),
        partial=rendered.partial,
        truncated=(rendered.collection.truncated or rendered.raw_too_large
                   or bool(raw is not None and raw.truncated)),
    )  # fmt: skip
    report.timings.update(rendered.timings)
    return report


def page_terms(rendered: RenderResult) -> Terms:
    """The main-text terms of a rendered page: its DOM after scripts ran, else (not read: too
    large, no time left) the HTML the server sent. Empty when neither has readable text."""
    return terms_of(main_text(rendered.rendered_html or rendered.raw_html or b""))


def _has(flags: Sequence[Flag], code: str) -> bool:
    return any(flag.code == code for flag in flags)


def _read(page: PageAudit, report: Report, rendered: RenderResult) -> None:
    """Fill `page` from the judged report."""
    page.final_url = report.final_url
    page.status = report.page.status
    page.title = report.page.title
    page.robots_nofollow = report.page.robots_nofollow
    page.robots_source = report.page.robots_source
    page.noindex = report.page.noindex
    page.risk = report.risk
    page.flags = list(report.flags)
    page.links = [
        LinkToYou(
            href=link.href or "", anchor=" ".join(link.text.split()), follow=link.follow,
            nofollow_source=link.nofollow_source, qualifiers=list(link.qualifiers),
            visible=link.visible, hidden_reason=link.hidden_reason, crawlable=link.crawlable,
            risk=link.risk, flags=list(link.flags),
        )
        for link in report.links if link.mine and link.href
    ]  # fmt: skip
    external = [link for link in report.links if not link.internal and not link.mine and link.href]
    domains = {registrable(link.href or "") for link in external} - {""}
    total = len(external)
    page.outbound = OutboundProfile(
        external=total,
        domains=len(domains),
        dofollow_share=round(sum(1 for x in external if x.follow == "dofollow") / total, 3) if total else 0.0,
        risky_tld_share=round(sum(1 for x in external if _has(x.flags, "risky_tld")) / total, 3) if total else 0.0,
        spam_anchor_share=round(sum(1 for x in external if _has(x.flags, "spam_anchor")) / total, 3) if total else 0.0,
    )  # fmt: skip
    page.terms = page_terms(rendered)


async def audit_page(
    page: PageAudit,
    *,
    mine: Sequence[str],
    config: Config,
    browser: BrowserPool,
    cloaking: bool = False,
) -> PageAudit:
    """Render and judge one source page into `page` (returned). A page that answers 404/410 or
    is not a web page is `gone` (done: nothing links from it); render failures raise
    LinkLensError for the caller to retry and record."""
    from agent.links.judge import judge_report

    try:
        url, rendered, resolver, policy = await render_source(page.source_url, config, browser)
    except LinkLensError as exc:
        if exc.code == ErrorCode.NOT_HTML:
            page.gone, page.error = True, exc.message
            return page
        raise
    report = await asyncio.to_thread(_classified, url, rendered, mine, config)
    comparison: CloakingComparison | None = None
    failed: str | None = None
    if cloaking and report.page.status not in _GONE:
        comparison, failed = await _cloaking(report, url, mine, config, browser, resolver, policy)
    await asyncio.to_thread(judge_report, report, comparison=comparison, cloaking_failed=failed)
    if report.page.status in _GONE:
        page.gone = True
    await asyncio.to_thread(_read, page, report, rendered)
    return page


async def _cloaking(
    report: Report, url: str, mine: Sequence[str], config: Config, browser: BrowserPool,
    resolver: HostResolver, policy: AddressPolicy,
) -> tuple[CloakingComparison | None, str | None]:
    """The scan's cloaking renders (`pipeline.cloaking_comparison`), with no one to tell."""
    from agent.job import JobContext
    from agent.pipeline import cloaking_comparison
    from protocol import AnalyzeOptions, Message

    async def quiet(message: Message) -> None:
        return None

    job = JobContext(
        request_id="audit", url=url, options=AnalyzeOptions(check=False, cloaking=True, mine=list(mine)),
        config=config, resolver=resolver, policy=policy, browser=browser, emit=quiet,
    )  # fmt: skip
    return await cloaking_comparison(report, job)
