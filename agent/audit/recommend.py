"""Keep, review or disavow: every rule of the audit's recommendation in one place.

A referring domain is judged by its audited pages (docs/AUDIT.md has this table). The rules are
tried in order; the first that matches decides, and its sentence is the recommendation's
justification, naming the page and the evidence:

    rule                                                                 recommendation
    1  a dofollow link to you is hidden from readers (hidden, danger)     disavow
    2  a dofollow link to you has a spam anchor (spam_anchor, danger)     disavow
    3  Googlebot alone is shown a link to you (cloaked, with --cloaking)  disavow
    4  a page linking to you (dofollow) has the link-farm pattern         disavow
    5  a page linking to you scores DISAVOW_RISK or more as a source      disavow
    6  a page linking to you scores REVIEW_RISK or more                   review
    7  a dofollow link to you from an off-topic page (relevance under
       OFF_TOPIC, when relevance was measured: a page with no readable
       text, or whose target page has none, is not measured, None)        review
    8  no page of the domain could be checked (errors twice)              review
    9  otherwise                                                          keep

Only links to you that pass authority count for rules 1-5 and 7: a nofollow, ugc or sponsored
link, or one on a robots-nofollow page, passes nothing, so there is nothing to disavow. Paid
metrics (Spam Score, Trust Flow...) are carried through as given and never decide anything here:
they are other tools' opinions, not evidence seen on the page. The page risk is the scan's
(agent/links/scoring.py), so `linklens scan` of the page explains every point of it.
"""

from __future__ import annotations

__all__ = [
    "DISAVOW_RISK",
    "OFF_TOPIC",
    "REVIEW_RISK",
    "median",
    "page_reasons",
    "recommend",
]

from collections.abc import Sequence

from agent.audit.model import PageAudit, Recommendation

#: A page this risky as a link source is disavowed (one danger pattern: hidden links, spam
#: anchors, a farm of suspicious links).
DISAVOW_RISK = 60
#: ... and this risky is worth a look.
REVIEW_RISK = 30
#: Relevance under this (0-100) is off-topic.
OFF_TOPIC = 15


def median(values: Sequence[int]) -> float:
    """The median (0 for none)."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def page_reasons(page: PageAudit) -> list[str]:
    """The page's findings as short sentences (page flags, then its links to you)."""
    reasons = [flag.message for flag in page.flags if flag.severity != "info"]
    for link in page.links:
        for flag in link.flags:
            if flag.severity != "info" and flag.message not in reasons:
                reasons.append(flag.message)
    if page.noindex:
        reasons.append("The page is noindex.")
    return reasons


def _passing(page: PageAudit) -> bool:
    return page.state == "done" and page.dofollow_links > 0


def _link_flag(page: PageAudit, code: str, severity: str = "danger") -> str | None:
    for link in page.links:
        if link.follow != "dofollow" or not link.crawlable:
            continue
        for flag in link.flags:
            if flag.code == code and flag.severity == severity:
                return flag.message
    return None


def recommend(pages: Sequence[PageAudit]) -> tuple[Recommendation, str]:
    """(recommendation, the sentence that justifies it) for one referring domain's pages."""
    passing = [page for page in pages if _passing(page)]
    for page in passing:
        if (message := _link_flag(page, "hidden")) is not None:
            return "disavow", f"Disavow: your dofollow link on {page.source_url} is hidden from readers ({message.rstrip('.')}), a link placed for search engines only."
        if (message := _link_flag(page, "spam_anchor")) is not None:
            return "disavow", f"Disavow: your dofollow link on {page.source_url} uses spam anchor text ({message.rstrip('.')})."
        if (message := _link_flag(page, "cloaked")) is not None:
            return "disavow", f"Disavow: {page.source_url} shows Googlebot a link to you that visitors never see ({message.rstrip('.')})."
    for page in passing:
        farm = next((f for f in page.flags if f.code == "too_many_outbound"), None)
        if farm is not None:
            return "disavow", f"Disavow: {page.source_url} links to you with the pattern of a link farm ({farm.message.rstrip('.')})."
    worst = max(passing, key=lambda page: page.risk, default=None)
    if worst is not None and worst.risk >= DISAVOW_RISK:
        reasons = "; ".join(r.rstrip(".") for r in page_reasons(worst)[:3]) or "many suspicious links"
        return "disavow", f"Disavow: {worst.source_url} scores {worst.risk}/100 as a link source ({reasons})."
    if worst is not None and worst.risk >= REVIEW_RISK:
        reasons = "; ".join(r.rstrip(".") for r in page_reasons(worst)[:3]) or "suspicious links"
        return "review", f"Review: {worst.source_url} scores {worst.risk}/100 as a link source ({reasons}); look at the page before deciding."
    off_topic = [p for p in passing if p.relevance is not None and p.relevance < OFF_TOPIC]
    if off_topic:
        page = off_topic[0]
        return "review", f"Review: {page.source_url} passes a dofollow link to you but is off-topic (relevance {page.relevance}/100), which is how bought or exchanged links often look."
    if pages and all(page.state == "failed" for page in pages):
        return "review", f"Review: none of its pages could be checked ({pages[0].error or 'error'}); look at them by hand."
    if not passing:
        if any(page.present for page in pages):
            return "keep", "Keep: its links to you pass no authority (nofollow, ugc or sponsored), so there is nothing to disavow."
        return "keep", "Keep: no link to your site was found on its pages, so there is nothing to disavow."
    best = max(passing, key=lambda page: page.dofollow_links)
    return "keep", f"Keep: {sum(p.dofollow_links for p in passing)} dofollow link(s) to you from pages with risk at most {worst.risk if worst else 0}/100 and nothing that points to manipulation (e.g. {best.source_url})."
