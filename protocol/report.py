"""The Report and its parts (docs/DESIGN.md §2.2): what the agent says of a page and its links.

Schema evolution follows msgspec's rules: new fields get defaults, a field's type never changes.
"""

from __future__ import annotations

__all__ = [
    "CONTEXTS",
    "FLAG_CODES",
    "HIDDEN_REASONS",
    "HIDDEN_REASON_WORDS",
    "PAGE_FLAG_CODES",
    "CollectedLink",
    "Collection",
    "Flag",
    "Follow",
    "Health",
    "Link",
    "LinkUpdate",
    "Page",
    "Qualifier",
    "Redirect",
    "Report",
    "Severity",
    "Summary",
    "Verdict",
    "View",
]

from typing import Literal

import msgspec

View = Literal["raw", "rendered", "live", "googlebot"]
Follow = Literal["dofollow", "nofollow"]
Qualifier = Literal["nofollow", "ugc", "sponsored"]
Health = Literal["ok", "redirect", "broken", "blocked", "timeout", "soft_404"]
Verdict = Literal["dofollow", "nofollow", "suspicious"]
Severity = Literal["info", "warning", "danger"]
NofollowSource = Literal["rel", "meta", "header"]
RobotsSource = Literal["meta", "header"]

#: Link flag codes: stable; add, never rename.
FLAG_CODES: tuple[str, ...] = (
    "hidden",
    "cloaked",
    "not_crawlable",
    "javascript_href",
    "rel_changed_by_js",
    "homograph",
    "ip_host",
    "shortener",
    "text_mismatch",
    "spam_anchor",
    "risky_tld",
    "broken",
    "blocked",
    "soft_404",
    "redirect",
    "redirect_loop",
    "timeout",
    "insecure",
    "empty_anchor",
    # Added: the link was deliberately not requested (action-like URL, exclude list, policy).
    "not_checked",
)

#: Page flag codes: stable; add, never rename.
PAGE_FLAG_CODES: tuple[str, ...] = (
    "meta_nofollow",
    "header_nofollow",
    "too_many_outbound",
    # Added: the agent's render differs much from the person's tab (login or consent wall).
    "live_differs",
    # Added: links seen by the agent's renders but not on the live tab, or the reverse.
    "agent_only_links",
    "live_only_links",
    # Added: reasons for the page-level risk (the page as a backlink source).
    "hidden_links",
    "spam_anchors",
    "suspicious_links",
    # Added: cloaking was asked for but the Googlebot render failed, so nothing was compared.
    "cloaking_unavailable",
    # Added: the page's styles did not all apply (a stylesheet failed to load, or an
    # anti-flicker snippet left the page hidden): its hidden links are not judged as deception.
    "styles_failed",
)


#: Why a link is not visible (`Link.hidden_reason`), first that applies; docs/LINKS.md explains each.
HIDDEN_REASONS: tuple[str, ...] = (
    "hidden_attribute",
    "display",
    "visibility",
    "opacity",
    "zero_size",
    "clipped",
    "offscreen",
    "font_size",
    "same_colour",
    # In the server's HTML only: JavaScript removed it.
    "not_rendered",
    # Added: inside a widget that opens on demand (closed <details>, tab panel, carousel slide,
    # aria-expanded="false" region, aria-hidden drawer).
    "collapsed",
    # Added: in the server's HTML only, past where a render cut short (or its parser) got.
    "not_reached",
    # Added: hidden on a page whose styles did not all apply (see page flag `styles_failed`).
    "unstyled",
)

#: Each hidden reason in plain words, as the extension's tooltip and panel say it: "hidden
#: (display: none)". A reason missing here is shown as its code, so new ones still read.
HIDDEN_REASON_WORDS: dict[str, str] = {
    "hidden_attribute": "the hidden attribute",
    "display": "display: none",
    "visibility": "visibility: hidden",
    "opacity": "fully transparent",
    "zero_size": "no size",
    "clipped": "clipped away",
    "offscreen": "placed off-screen",
    "font_size": "text too small to see",
    "same_colour": "text the colour of its background",
    "not_rendered": "removed by the page's script",
    "collapsed": "in a part that opens on demand",
    "not_reached": "not reached by the render",
    "unstyled": "the page's styles did not load",
}

#: Where a link is (`Link.context`): the nearest landmark, or the frame / shadow root it is in.
CONTEXTS: tuple[str, ...] = (
    "main",
    "nav",
    "dialog",
    "header",
    "footer",
    "aside",
    "article",
    "body",
    "shadow",
    "iframe",
)


class Flag(msgspec.Struct, frozen=True):
    """One finding about a link or a page, with one sentence a person understands."""

    code: str
    severity: Severity
    message: str


class Redirect(msgspec.Struct, frozen=True):
    """One hop of a redirect chain: the URL requested and the status it answered."""

    url: str
    status: int


class Page(msgspec.Struct, kw_only=True):
    title: str | None = None
    status: int | None = None
    robots_nofollow: bool = False
    robots_source: RobotsSource | None = None
    noindex: bool = False
    canonical: str | None = None
    # Added: the page's registrable domain (offline public suffix list), for the disavow line;
    # null when the host is itself a public suffix (github.io, co.uk), which has none. An IP
    # address or a single-label host is given as it is.
    registrable_domain: str | None = None


class Summary(msgspec.Struct, kw_only=True):
    total: int = 0
    dofollow: int = 0
    nofollow: int = 0
    ugc: int = 0
    sponsored: int = 0
    internal: int = 0
    external: int = 0
    js_generated: int = 0
    hidden: int = 0
    not_crawlable: int = 0
    suspicious: int = 0
    broken: int = 0
    blocked: int = 0
    redirect: int = 0
    mine: int = 0
    # Added: <a>/<area> elements without an href: not links (not in `total` or any other count).
    without_href: int = 0


class Link(msgspec.Struct, kw_only=True):
    """One link of the page, merged over every view it was seen in."""

    id: int
    live_id: str | None = None
    views: list[View] = msgspec.field(default_factory=list)
    href: str | None = None
    text: str = ""
    tag: Literal["a", "area"] = "a"
    rel: list[str] = msgspec.field(default_factory=list)
    follow: Follow = "dofollow"
    nofollow_source: NofollowSource | None = None
    qualifiers: list[Qualifier] = msgspec.field(default_factory=list)
    internal: bool = False
    mine: bool = False
    js_generated: bool = False
    crawlable: bool = True
    visible: bool = True
    hidden_reason: str | None = None
    context: str = "main"
    status: int | None = None
    final_url: str | None = None
    redirects: list[Redirect] = msgspec.field(default_factory=list)
    health: Health | None = None
    flags: list[Flag] = msgspec.field(default_factory=list)
    risk: int = 0
    verdict: Verdict = "dofollow"


class Report(msgspec.Struct, kw_only=True):
    """Everything the agent says about one page."""

    url: str
    final_url: str | None = None
    page: Page = msgspec.field(default_factory=Page)
    links: list[Link] = msgspec.field(default_factory=list)
    summary: Summary = msgspec.field(default_factory=Summary)
    flags: list[Flag] = msgspec.field(default_factory=list)
    truncated: bool = False
    partial: bool = False
    timings: dict[str, float] = msgspec.field(default_factory=dict)
    # Added: page-level risk as a backlink source (0-100); its reasons are the page `flags`.
    risk: int = 0
    # Added: the registrable domain of `url`, the address asked for (the extension asks for its
    # tab's), by the rules of `page.registrable_domain`: a redirect to another site (a login
    # wall) does not change it, so the disavow line can always name the tab's own site.
    url_registrable_domain: str | None = None


class LinkUpdate(msgspec.Struct, kw_only=True):
    """The result of checking one link, sent in `link_updates` as checks finish."""

    link_id: int
    status: int | None = None
    final_url: str | None = None
    redirects: list[Redirect] = msgspec.field(default_factory=list)
    health: Health | None = None
    flags: list[Flag] = msgspec.field(default_factory=list)
    risk: int = 0
    verdict: Verdict = "dofollow"


class CollectedLink(msgspec.Struct, kw_only=True):
    """One element as the shared collector (extension/collector.js) reports it.

    The extension sends these for the live page in `analyze.links`; the agent gets the same
    shape from its rendered page.
    """

    id: str
    href: str | None = None  # resolved by the browser (element.href); null without an href
    attr_href: str | None = None  # the attribute as written
    rel: str = ""  # the attribute as written
    text: str = ""
    tag: Literal["a", "area"] = "a"
    context: str = "main"
    visible: bool = True
    hidden_reason: str | None = None


class Collection(msgspec.Struct, kw_only=True):
    """What one run of the collector returns (as a single JSON string)."""

    url: str
    title: str = ""
    links: list[CollectedLink] = msgspec.field(default_factory=list)
    truncated: bool = False
    robots: list[str] = msgspec.field(default_factory=list)  # robots/googlebot meta contents
    canonical: str | None = None
