"""Judging a classified Report: every link's flags, risk and verdict, then the page's. Pure.

    static link flags (+ `cloaked` when a cloaking comparison is given) -> score_link
    -> page flags and risk reasons -> page risk -> summary

No I/O and no awaiting: `agent.pipeline` runs it in a worker thread after classification (and
after the cloaking renders, when asked), and again nothing here is rendered or requested.
Classification's own flags (`rel_changed_by_js`...) are kept; the codes this module owns are
recomputed, so judging a report twice gives the same answer.
"""

from __future__ import annotations

__all__ = ["judge_report"]

from agent.links.classify import gc_paused, summarize
from agent.links.cloaking import CloakingComparison, cloaked_flag
from agent.links.flags import PAGE_CODES, STATIC_CODES, PageFacts, link_flags, page_flags
from agent.links.scoring import PAGE_RISK_CODES, page_risk, page_risk_reasons, score_link
from protocol import Flag, Link, Report

# Link codes this module (re)computes; classification's own flags are kept.
_OWN_CODES = STATIC_CODES | {"cloaked"}
# Page codes this module (re)computes: the flags', the risk reasons' and its own.
_OWN_PAGE_CODES = PAGE_CODES | PAGE_RISK_CODES | {"cloaking_unavailable"}


def _judge_link(link: Link, page: PageFacts, comparison: CloakingComparison | None) -> None:
    flags = link_flags(link, page)
    if comparison is not None and (cloaked := cloaked_flag(link, comparison)) is not None:
        flags.insert(0, cloaked)
    if link.flags:  # classification's own flags are kept, after these
        flags.extend(flag for flag in link.flags if flag.code not in _OWN_CODES)
    link.flags = flags
    link.risk, link.verdict = score_link(link)


def judge_report(
    report: Report,
    *,
    comparison: CloakingComparison | None = None,
    cloaking_failed: str | None = None,
) -> None:
    """Flag and score every link, then set the page's flags, risk and summary (in place).

    `comparison` is the Googlebot/phone comparison when a cloaking check ran; `cloaking_failed`
    the reason it could not (said as a page flag, never taken as "nothing cloaked").
    """
    page = PageFacts.from_url(report.final_url or report.url)
    # Flags and a few objects per link, at tens of thousands of links: without the pause the
    # cyclic collector walks the whole report again and again (~40% of this step at 20,000).
    with gc_paused():
        for link in report.links:
            _judge_link(link, page, comparison)
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
