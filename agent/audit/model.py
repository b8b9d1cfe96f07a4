"""What an audit says about one source page, one referring domain, and the whole input.

msgspec Structs: a page's result is stored in the store as JSON (`audit_page.result`) and the
audit report (`linklens audit --json`) is what `linklens disavow` reads back.
"""

from __future__ import annotations

__all__ = [
    "AuditReport",
    "DomainAudit",
    "LinkToYou",
    "OutboundProfile",
    "PageAudit",
    "Recommendation",
]

from typing import Literal

import msgspec

from protocol import Flag

Recommendation = Literal["keep", "review", "disavow"]


class LinkToYou(msgspec.Struct, kw_only=True):
    """One link of the source page into one of your domains, as a crawler sees it."""

    href: str
    anchor: str
    follow: str  # dofollow, nofollow, ugc, sponsored (the link's follow value)
    nofollow_source: str | None = None  # rel, meta, header
    qualifiers: list[str] = msgspec.field(default_factory=list)
    visible: bool = True
    hidden_reason: str | None = None
    crawlable: bool = True
    risk: int = 0
    flags: list[Flag] = msgspec.field(default_factory=list)


class OutboundProfile(msgspec.Struct, kw_only=True):
    """The source page's external links: how many, and what share of them is what."""

    external: int = 0
    domains: int = 0  # different registrable domains linked
    dofollow_share: float = 0.0
    risky_tld_share: float = 0.0
    spam_anchor_share: float = 0.0


class PageAudit(msgspec.Struct, kw_only=True):
    """One source page: its links to you, its own verdicts, its outbound profile, relevance."""

    source_url: str
    domain: str  # the referring domain: the source URL's site (never a redirect target's)
    state: Literal["done", "failed"] = "done"
    error: str | None = None
    attempts: int = 1
    final_url: str | None = None
    status: int | None = None
    title: str | None = None
    gone: bool = False  # 404/410 or not a web page any more: nothing links from it
    targets: list[str] = msgspec.field(default_factory=list)  # the input's targets for the page
    expected_anchor: str | None = None  # the input's anchor, as the export said
    links: list[LinkToYou] = msgspec.field(default_factory=list)
    robots_nofollow: bool = False
    robots_source: str | None = None
    noindex: bool = False
    risk: int = 0  # the page as a link source (agent/links/scoring.py page_risk)
    flags: list[Flag] = msgspec.field(default_factory=list)  # the page's verdicts
    outbound: OutboundProfile = msgspec.field(default_factory=OutboundProfile)
    relevance: int | None = None
    relevance_basis: str | None = None  # the target URL or "topic" compared with
    shared_terms: list[str] = msgspec.field(default_factory=list)
    extras: dict[str, str] = msgspec.field(default_factory=dict)  # paid metrics as given
    # The page's main-text terms (stem -> [count, word]); kept in the store, not in reports.
    terms: dict[str, tuple[int, str]] | None = None
    # The page of yours whose text relevance compares with (the input's target, else the
    # first link to you).
    compare_with: str | None = None

    @property
    def present(self) -> bool:
        """At least one link to your domains is on the page."""
        return bool(self.links)

    @property
    def dofollow_links(self) -> int:
        """Links to you that pass authority (dofollow, crawlable, page not robots-nofollow)."""
        return sum(1 for link in self.links if link.follow == "dofollow" and link.crawlable)


class DomainAudit(msgspec.Struct, kw_only=True):
    """The roll-up of one referring domain and what to do with it."""

    domain: str
    pages: int
    pages_failed: int
    links: int
    dofollow_links: int
    worst_risk: int
    median_risk: float
    reasons: list[str]
    recommendation: Recommendation
    why: str  # the sentence that justifies the recommendation
    relevance: int | None = None  # best relevance among its pages
    extras: dict[str, str] = msgspec.field(default_factory=dict)


class AuditReport(msgspec.Struct, kw_only=True):
    """The whole audit: what `--json` prints and `linklens disavow` reads."""

    kind: Literal["linklens-audit"] = "linklens-audit"
    generated_at: str
    input: str
    mine: list[str]
    topic: str | None = None
    pages: list[PageAudit] = msgspec.field(default_factory=list)
    domains: list[DomainAudit] = msgspec.field(default_factory=list)
    summary: dict[str, int] = msgspec.field(default_factory=dict)
