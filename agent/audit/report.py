"""From the stored pages to the audit report: relevance, the roll-up per referring domain, the
summary figures. Pure (no I/O): the runner reads the store and calls `build_report`."""

from __future__ import annotations

__all__ = ["build_report"]

import time
from collections.abc import Mapping, Sequence

from agent.audit.model import AuditReport, DomainAudit, PageAudit
from agent.audit.recommend import median, page_reasons, recommend
from agent.audit.relevance import document_frequencies, relevance
from agent.audit.text import Terms, terms_of


def _relevance(pages: Sequence[PageAudit], targets: Mapping[str, Terms | None], topic: str | None) -> None:
    """Set each page's relevance and shared terms (IDF over the audit's own pages). Relevance
    stays None — not measured — for a page failed or gone, with nothing to compare with (no
    target page, one that could not be read) or with no readable text on either side."""
    topic_terms = terms_of(topic) if topic else None
    documents = [page.terms for page in pages if page.terms]
    documents += [terms for terms in targets.values() if terms]
    if topic_terms:
        documents.append(topic_terms)
    frequencies, count = document_frequencies(documents)
    for page in pages:
        page.relevance, page.shared_terms, page.relevance_basis = None, [], None
        if page.state != "done" or page.gone or not page.terms:
            continue
        if topic_terms is not None:
            target, basis = topic_terms, "topic"
        elif page.compare_with and targets.get(page.compare_with):
            target, basis = targets[page.compare_with] or {}, page.compare_with
        else:
            continue
        result = relevance(page.terms, target, frequencies, count)
        if result is not None:
            page.relevance, page.shared_terms, page.relevance_basis = result.score, result.shared, basis


def _domain(domain: str, pages: list[PageAudit]) -> DomainAudit:
    done = [page for page in pages if page.state == "done"]
    risks = [page.risk for page in done]
    reasons: list[str] = []
    for page in done:
        for reason in page_reasons(page):
            if reason not in reasons:
                reasons.append(reason)
    for page in pages:
        if page.state == "failed" and page.error:
            reasons.append(f"{page.source_url} could not be checked: {page.error}")
    recommendation, why = recommend(pages)
    relevances = [page.relevance for page in done if page.relevance is not None]
    extras: dict[str, str] = {}
    for page in pages:
        for name, value in page.extras.items():
            extras.setdefault(name, value)
    return DomainAudit(
        domain=domain, pages=len(pages), pages_failed=len(pages) - len(done),
        links=sum(len(page.links) for page in done),
        dofollow_links=sum(page.dofollow_links for page in done),
        worst_risk=max(risks, default=0), median_risk=median(risks), reasons=reasons[:8],
        recommendation=recommendation, why=why,
        relevance=max(relevances) if relevances else None, extras=extras,
    )  # fmt: skip


_ORDER = {"disavow": 0, "review": 1, "keep": 2}


def build_report(
    pages: Sequence[PageAudit],
    *,
    targets: Mapping[str, Terms | None],
    input_name: str,
    mine: Sequence[str],
    topic: str | None = None,
) -> AuditReport:
    """The audit of `pages` (in input order): relevance, domains (disavow first), summary."""
    pages = list(pages)
    _relevance(pages, targets, topic)
    by_domain: dict[str, list[PageAudit]] = {}
    for page in pages:
        by_domain.setdefault(page.domain, []).append(page)
    domains = [_domain(domain, group) for domain, group in by_domain.items()]
    domains.sort(key=lambda d: (_ORDER[d.recommendation], -d.worst_risk, d.domain))
    done = [page for page in pages if page.state == "done"]
    summary = {
        "pages": len(pages),
        "pages_failed": len(pages) - len(done),
        "pages_gone": sum(1 for page in done if page.gone),
        "pages_with_link": sum(1 for page in done if page.present),
        "links": sum(len(page.links) for page in done),
        "dofollow_links": sum(page.dofollow_links for page in done),
        "nofollow_links": sum(1 for page in done for link in page.links if link.follow != "dofollow"),
        "referring_domains": len(domains),
        **{f"domains_{name}": sum(1 for d in domains if d.recommendation == name) for name in _ORDER},
    }  # fmt: skip
    for page in pages:
        page.terms = None  # the store's working data, not the report's
    return AuditReport(
        generated_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        input=input_name, mine=list(mine), topic=topic, pages=pages, domains=domains,
        summary=summary,
    )  # fmt: skip
