"""Classify every link and reconcile the views of a page into one Report (docs/DESIGN.md §2.2).

Views: `raw` (the server's HTML, agent/raw_links.py), `rendered` (the collector in the agent's
Chromium) and `live` (the collector on the person's tab, sent by the extension). Links are matched
across views by resolved href and tag, as multisets in document order, text breaking ties:

* rendered but not raw          -> `js_generated` (only when there is a raw view to compare with,
                                   it was not cut short by the link cap, and the link is not in
                                   an iframe, whose HTML is another document)
* raw but not rendered          -> kept, views ["raw"], not visible (`not_rendered`): JavaScript
                                   removed it, so a person never sees it
* rel differs raw -> rendered   -> flag `rel_changed_by_js`; the rendered rel counts
* live                          -> matched the same way; `live_id` and view "live"; live-only
                                   links get their own Link with views ["live"]

Follow: rel nofollow/ugc/sponsored, else the page's robots (`<meta name=robots|googlebot>` in
the raw or rendered DOM, or `X-Robots-Tag` lines that are plain or `googlebot:`-prefixed).
Health, flags other than `rel_changed_by_js`, risk and the final verdict belong to agent/assess.py;
here verdict = follow.
"""

from __future__ import annotations

__all__ = [
    "LIVE_DIFFERS_MAX_SHARE",
    "LIVE_DIFFERS_MIN_LINKS",
    "PageContext",
    "RobotsDirectives",
    "build_report",
    "classify_link",
    "gc_paused",
    "page_context",
    "parse_rel",
    "robots_from_headers",
    "robots_from_meta",
    "summarize",
]

import contextlib
import functools
import gc
import re
import threading
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

import ada_url

from agent.links.raw_view import RawLink, RawView
from agent.links.targets import web_target
from agent.net.hosts import (
    is_ip,
    is_mine,
    normalize_mine,
    registrable_domain,
    same_site_key,
)
from protocol import (
    CollectedLink,
    Collection,
    Flag,
    Follow,
    Link,
    Page,
    Qualifier,
    Report,
    Summary,
    View,
)

#: The live tab and the agent's page "differ much" when at least this many links are on the
#: live tab (so a tiny page never triggers it) ...
LIVE_DIFFERS_MIN_LINKS = 20
#: ... and fewer than this share of them were found by the agent (consent or login wall).
LIVE_DIFFERS_MAX_SHARE = 0.5

_QUALIFIERS: tuple[Qualifier, ...] = ("nofollow", "ugc", "sponsored")
_REL_SPLIT = re.compile(r"[\t\n\f\r ,]+")  # ASCII whitespace (as relList) and commas
_ROBOTS_SPLIT = re.compile(r"[\s,]+")
# "name: rest" at the start of an X-Robots-Tag item: a user-agent prefix, unless the name is one
# of the directives that themselves take a value after a colon.
_AGENT_PREFIX = re.compile(r"^\s*([A-Za-z0-9_.-]+)\s*:\s*(.*)$", re.DOTALL)
_VALUED_DIRECTIVES = frozenset(
    {"unavailable_after", "max-snippet", "max-image-preview", "max-video-preview"}
)
_NOT_RENDERED = "not_rendered"
_NOT_REACHED = "not_reached"

RobotsSource = Literal["meta", "header"]
NofollowSource = Literal["rel", "meta", "header"]


# --------------------------------------------------------------------------- robots and rel


@dataclass(frozen=True)
class RobotsDirectives:
    """What a set of robots rules says to Google."""

    nofollow: bool = False
    noindex: bool = False


def _directives(tokens: Iterable[str]) -> RobotsDirectives:
    seen = {token.strip().lower() for token in tokens}
    return RobotsDirectives(
        nofollow="nofollow" in seen or "none" in seen,
        noindex="noindex" in seen or "none" in seen,
    )


def robots_from_meta(contents: Iterable[str]) -> RobotsDirectives:
    """The contents of `<meta name=robots|googlebot>` tags (both apply to Google)."""
    tokens: list[str] = []
    for content in contents:
        tokens.extend(_ROBOTS_SPLIT.split(content))
    return _directives(tokens)


def robots_from_headers(headers: Iterable[tuple[str, str]]) -> RobotsDirectives:
    """Every `X-Robots-Tag` line: comma lists, plain or `googlebot:`-prefixed; rules prefixed
    with another crawler's name (`otherbot: nofollow`) do not apply to Google."""
    tokens: list[str] = []
    for name, value in headers:
        if name.strip().lower() != "x-robots-tag":
            continue
        agent: str | None = None  # a prefix applies to the items after it on the same line
        for item in value.split(","):
            match = _AGENT_PREFIX.match(item)
            if match and match.group(1).lower() not in _VALUED_DIRECTIVES:
                agent = match.group(1).lower()
                item = match.group(2)
            if agent is None or agent == "googlebot":
                tokens.extend(item.split())
    return _directives(tokens)


def parse_rel(rel: str) -> list[str]:
    """rel as lower-cased tokens split on spaces and commas (order kept, duplicates dropped)."""
    return list(_rel_facts(rel)[0])


@functools.lru_cache(maxsize=1024)  # a page uses a handful of distinct rel values
def _rel_facts(rel: str) -> tuple[tuple[str, ...], tuple[Qualifier, ...]]:
    """(parse_rel(rel), the qualifiers among its tokens): tuples, so cached values stay intact."""
    tokens: list[str] = []
    for token in _REL_SPLIT.split(rel.lower()):
        if token and token not in tokens:
            tokens.append(token)
    return tuple(tokens), tuple(q for q in _QUALIFIERS if q in tokens)


# --------------------------------------------------------------------------- hosts


# Host facts (public suffix list, registrable domain, IDNA, "mine") live in agent/net/hosts.py.


def _web_host(href: str | None) -> str | None:
    """The host of an http(s) URL (lower-case ASCII, no trailing dot), else None."""
    target = web_target(href)
    if target is None:
        return None
    return target.host.rstrip(".") or None


def _page_host(url: str) -> str | None:
    """_web_host for a page URL that may not be canonical yet (typed by a person, IDN, upper
    case)."""
    try:
        return _web_host(str(ada_url.URL(url.strip()).href))
    except ValueError:
        return None


# --------------------------------------------------------------------------- one link


@dataclass(frozen=True)
class PageContext:
    """What classifying one link needs to know about its page."""

    page_url: str
    page_domain: str | None  # registrable domain of page_url (None when not http(s))
    robots_nofollow: bool = False
    robots_source: RobotsSource | None = None
    mine: tuple[str, ...] = field(default_factory=tuple)  # normalize_mine() output

    @classmethod
    def for_report(cls, report: Report, *, mine: Sequence[str]) -> PageContext:
        """The context of a Report's page (its final URL, else the URL asked for)."""
        return page_context(report.final_url or report.url, report.page, mine)


def _disavow_domain(page_url: str) -> str | None:
    """A page's registrable domain as the Report gives it (`page.registrable_domain`,
    `url_registrable_domain`): None when the URL is not http(s) or its host is itself a public
    suffix (github.io), which has none and must never be disavowed whole; an IP address or a
    single-label host as it is."""
    host = _page_host(page_url)
    if host is None:
        return None
    if is_ip(host) or "." not in host:
        return host
    return registrable_domain(host)


def page_context(page_url: str, page: Page, mine: Sequence[str]) -> PageContext:
    """A PageContext for a page URL (the final one, after redirects) and its Page facts."""
    host = _page_host(page_url)
    return PageContext(
        page_url=page_url,
        page_domain=same_site_key(host) if host else None,
        robots_nofollow=page.robots_nofollow,
        robots_source=page.robots_source,
        mine=normalize_mine(mine),
    )


def classify_link(
    link: CollectedLink,
    link_id: int,
    ctx: PageContext,
    *,
    views: Sequence[View] = ("rendered",),
    js_generated: bool = False,
    live_id: str | None = None,
) -> Link:
    """One Link from one collected element and its page: follow, qualifiers, internal, mine,
    crawlable, visibility and context. Flags, health, risk are left to agent/assess.py."""
    rel, qualifiers = _rel_facts(link.rel)
    follow: Follow = "dofollow"
    source: NofollowSource | None = None
    if qualifiers:
        follow, source = "nofollow", "rel"
    elif ctx.robots_nofollow:
        follow, source = "nofollow", ctx.robots_source
    host = _web_host(link.href)
    internal = (
        host is not None
        and ctx.page_domain is not None
        and same_site_key(host) == ctx.page_domain
    )
    return Link(
        id=link_id,
        live_id=live_id,
        views=list(views),
        href=link.href,
        text=link.text,
        tag=link.tag,
        rel=list(rel),
        follow=follow,
        nofollow_source=source,
        qualifiers=list(qualifiers),
        internal=internal,
        mine=is_mine(host, ctx.mine),
        js_generated=js_generated,
        # Google's rule: only <a href> to an http(s) URL is followed.
        crawlable=link.tag == "a" and host is not None,
        visible=link.visible,
        hidden_reason=None if link.visible else link.hidden_reason,
        context=link.context,
        verdict=follow,
    )


# --------------------------------------------------------------------------- reconciling


@dataclass(slots=True)
class _Entry:
    """One merged link while views are reconciled."""

    rendered: CollectedLink | None = None
    raw: RawLink | None = None
    live: CollectedLink | None = None
    # Entries seen only in a later view go right after the entry they followed in that view;
    # None until there is one (most entries never get any: no list per link).
    after: list[_Entry] | None = None
    # A raw-only link the render may never have got to (see _reconcile): "not reached".
    unreached: bool = False


def _match(
    items: Sequence[CollectedLink | RawLink],
    key_of_candidate: Sequence[tuple[str | None, str, str] | None],
) -> list[int | None]:
    """For each item, the index of the candidate it matches (or None).

    Candidate keys are (href, tag, text); None never matches. Greedy in document order: first
    same href, tag and text, then same href and tag, so a link whose text JavaScript changed
    still matches and repeated links pair up in order.
    """
    if not items:
        return []  # a page whose links JavaScript creates has no raw links to match
    exact: dict[tuple[str | None, str, str], list[int]] = {}
    loose: dict[tuple[str | None, str], list[int]] = {}
    for index, key in enumerate(key_of_candidate):
        if key is None:
            continue
        exact.setdefault(key, []).append(index)
        loose.setdefault(key[:2], []).append(index)
    taken = [False] * len(key_of_candidate)
    # Each queue is consumed from the front: a cursor per key instead of popping.
    cursor: dict[Hashable, int] = {}

    def take(key: Hashable, queue: list[int] | None) -> int | None:
        if not queue:
            return None
        at = cursor.get(key, 0)
        while at < len(queue) and taken[queue[at]]:
            at += 1
        cursor[key] = at + 1
        if at >= len(queue):  # exhausted (also on later calls, when the cursor is past it)
            return None
        taken[queue[at]] = True
        return queue[at]

    result: list[int | None] = []
    for item in items:
        key = (item.href, item.tag, item.text)
        result.append(take(key, exact.get(key)))
    for position, item in enumerate(items):
        if result[position] is None:
            loose_key = (item.href, item.tag)
            result[position] = take(("loose", loose_key), loose.get(loose_key))
    return result


def _raw_only_link(raw: RawLink, reached: bool = True) -> CollectedLink:
    # Not in the rendered page: nothing was measured. When the render got past it, the page's
    # script removed it and a person never sees it; when not, nobody can tell.
    return CollectedLink(
        id="",
        href=raw.href,
        attr_href=raw.attr_href,
        rel=raw.rel,
        text=raw.text,
        tag=raw.tag,
        context="body",
        visible=False,
        hidden_reason=_NOT_RENDERED if reached else _NOT_REACHED,
    )


def _rel_changed_flag(raw_rel: str, rendered_rel: str) -> Flag:
    before = " ".join(parse_rel(raw_rel))
    after = " ".join(parse_rel(rendered_rel))
    return Flag(
        code="rel_changed_by_js",
        severity="info",
        message=(
            f"JavaScript changed rel from “{before}” to “{after}”; the rendered value counts."
        ),
    )


def _page_facts(
    *, status: int | None, headers: list[tuple[str, str]], raw: RawView | None,
    rendered: Collection,
) -> tuple[Page, list[Flag]]:
    metas = [*(raw.robots if raw else []), *rendered.robots]
    meta = robots_from_meta(metas)
    header = robots_from_headers(headers)
    source: RobotsSource | None = "meta" if meta.nofollow else "header" if header.nofollow else None
    page = Page(
        title=rendered.title or (raw.title if raw else None) or None,
        status=status,
        robots_nofollow=meta.nofollow or header.nofollow,
        robots_source=source,
        noindex=meta.noindex or header.noindex,
        canonical=rendered.canonical or (raw.canonical if raw else None),
    )
    flags: list[Flag] = []
    if meta.nofollow:
        flags.append(Flag(
            code="meta_nofollow",
            severity="info",
            message="The page's robots meta tag says nofollow, so search engines follow none of "
            "its links.",
        ))
    if header.nofollow:
        flags.append(Flag(
            code="header_nofollow",
            severity="info",
            message="The server's X-Robots-Tag header says nofollow, so search engines follow "
            "none of this page's links.",
        ))
    return page, flags


def _flatten(entries: list[_Entry]) -> list[_Entry]:
    """Entries in order, each followed by its `after` entries (depth first, no recursion:
    a run of thousands of unmatched links is one chain thousands deep)."""
    out: list[_Entry] = []
    levels = [iter(entries)]
    while levels:
        for entry in levels[-1]:
            out.append(entry)
            if entry.after:
                levels.append(iter(entry.after))
                break
        else:
            levels.pop()
    return out


def _attach_unmatched(
    entries: list[_Entry], head: list[_Entry], matches: list[int | None], make: list[_Entry],
) -> None:
    """Place each unmatched item (make[i], for matches[i] is None) after the entry the previous
    matched item of its view went to, so document order survives."""
    previous: _Entry | None = None
    for index, target in enumerate(matches):
        if target is not None:
            previous = entries[target]
            continue
        if previous is None:
            head.append(make[index])
        elif previous.after is None:
            previous.after = [make[index]]
        else:
            previous.after.append(make[index])
        previous = make[index]


_pause_lock = threading.Lock()
_pauses = 0  # gc_paused blocks running now, in any thread
_resume = False  # whether the collector was on when the first of them began


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Building a Report allocates several objects per link; with tens of thousands of links the
    cyclic collector runs over the growing heap again and again (measured 2-3x slower at 20,000
    links). Nothing built here forms a cycle, so the collector waits until the report is done.
    Also for agent.links.assess's flags and scores. Synchronous code only, in a worker thread or not;
    pauses of several jobs may overlap: the collector is back on (if it was on) when the last
    one ends."""
    global _pauses, _resume
    with _pause_lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()


#: The views of a link by (in raw, in rendered, in live), in the order `protocol.View` lists them.
_VIEW_ORDER: tuple[View, ...] = ("raw", "rendered", "live")
_VIEWS: dict[tuple[bool, bool, bool], tuple[View, ...]] = {
    (raw, ren, live): tuple(
        view for view, there in zip(_VIEW_ORDER, (raw, ren, live), strict=True) if there
    )
    for raw in (False, True) for ren in (False, True) for live in (False, True)
}


def _reconcile(
    raw: RawView | None,
    rendered: Collection,
    live: list[CollectedLink] | None,
    *,
    partial: bool = False,
) -> tuple[list[_Entry], int]:
    """Every link once, matched across the views, in document order; and how many live links
    matched one the agent saw."""
    # 1. rendered <-> raw. Links in frames are another document's: never compared with raw.
    entries = [_Entry(rendered=link) for link in rendered.links]
    head: list[_Entry] = []
    if raw is not None and raw.links:
        keys: list[tuple[str | None, str, str] | None] = [
            None if e.rendered is None or e.rendered.context == "iframe"
            else (e.rendered.href, e.rendered.tag, e.rendered.text)
            for e in entries
        ]
        raw_matches = _match(raw.links, keys)
        # A render cut short (a script waiting on a server that never answers keeps the parser
        # and `load` waiting) never saw the links past the last one it has: those are "not
        # reached", not "removed by JavaScript".
        reached_up_to = len(raw_matches)
        if partial:
            reached_up_to = max(
                (i for i, target in enumerate(raw_matches) if target is not None), default=-1
            )
        made: list[_Entry] = []
        for index, (raw_link, target) in enumerate(zip(raw.links, raw_matches, strict=True)):
            if target is not None:
                entries[target].raw = raw_link
            made.append(_Entry(raw=raw_link, unreached=index > reached_up_to))
        # When the rendered list was cut short, a raw link past the cap is not "removed by JS".
        if not rendered.truncated:
            _attach_unmatched(entries, head, raw_matches, made)
    ordered = _flatten(head + entries)

    # 2. live <-> everything the agent saw.
    live_matched = 0
    if live is not None:
        agent_keys: list[tuple[str | None, str, str] | None] = []
        for entry in ordered:
            seen = entry.rendered or entry.raw  # a raw-only link keeps its href, tag, text
            agent_keys.append(None if seen is None else (seen.href, seen.tag, seen.text))
        live_matches = _match(live, agent_keys)
        made = []
        for live_link, target in zip(live, live_matches, strict=True):
            if target is not None:
                ordered[target].live = live_link
                live_matched += 1
            made.append(_Entry(live=live_link))
        for entry in ordered:
            entry.after = None
        live_head: list[_Entry] = []
        _attach_unmatched(ordered, live_head, live_matches, made)
        ordered = _flatten(live_head + ordered)
    return ordered, live_matched


def build_report(
    *,
    url: str,
    final_url: str,
    status: int | None,
    headers: list[tuple[str, str]],
    raw: RawView | None,
    rendered: Collection,
    live: list[CollectedLink] | None,
    mine: Sequence[str],
    partial: bool,
    truncated: bool,
) -> Report:
    """The Report of one page from its views (see the module docstring for the rules)."""
    with gc_paused():
        page, page_flags = _page_facts(status=status, headers=headers, raw=raw, rendered=rendered)
        ctx = page_context(final_url, page, mine)
        # The extension's disavow line needs it and has no public suffix list of its own.
        page.registrable_domain = _disavow_domain(final_url)
        raw_comparable = raw is not None and not raw.truncated

        links: list[Link] = []
        live_matched = 0
        if (raw is None or not raw.links) and live is None:
            # Nothing to reconcile (no server HTML links: a page JavaScript builds; no live tab):
            # every link is a rendered one alone, in its order.
            for link_id, collected in enumerate(rendered.links):
                links.append(classify_link(
                    collected, link_id, ctx, views=_VIEWS[False, True, False],
                    js_generated=raw_comparable and collected.context != "iframe",
                ))
        else:
            ordered, live_matched = _reconcile(raw, rendered, live, partial=partial)
            for link_id, entry in enumerate(ordered):
                views = _VIEWS[entry.raw is not None, entry.rendered is not None, entry.live is not None]
                source = entry.rendered or entry.live or (
                    _raw_only_link(entry.raw, not entry.unreached) if entry.raw else None
                )
                if source is None:  # pragma: no cover - every entry comes from at least one view
                    continue
                js_generated = (
                    entry.rendered is not None
                    and entry.raw is None
                    and raw_comparable
                    and entry.rendered.context != "iframe"
                )
                link = classify_link(
                    source,
                    link_id,
                    ctx,
                    views=views,
                    js_generated=js_generated,
                    live_id=entry.live.id if entry.live is not None else None,
                )
                if (
                    entry.raw is not None
                    and entry.rendered is not None
                    and set(_rel_facts(entry.raw.rel)[0]) != set(_rel_facts(entry.rendered.rel)[0])
                ):
                    link.flags.append(_rel_changed_flag(entry.raw.rel, entry.rendered.rel))
                links.append(link)

        if live is not None:
            page_flags.extend(_live_flags(links, live_count=len(live), matched=live_matched))

        report = Report(
            url=url,
            final_url=final_url,
            page=page,
            links=links,
            flags=page_flags,
            truncated=truncated or rendered.truncated or (raw.truncated if raw else False),
            partial=partial,
            url_registrable_domain=_disavow_domain(url),
        )
        report.summary = summarize(report)
        return report


def _live_flags(links: list[Link], *, live_count: int, matched: int) -> list[Flag]:
    flags: list[Flag] = []
    if live_count >= LIVE_DIFFERS_MIN_LINKS and matched < live_count * LIVE_DIFFERS_MAX_SHARE:
        flags.append(Flag(
            code="live_differs",
            severity="warning",
            message=f"The agent's copy of this page differs from your tab: only {matched} of your "
            f"tab's {live_count} links were found (a login or consent wall, or personalised "
            "content), so these results may not describe what you see.",
        ))
    agent_only = sum(1 for link in links if "live" not in link.views)
    live_only = sum(1 for link in links if link.views == ["live"])
    if agent_only:
        flags.append(Flag(
            code="agent_only_links",
            severity="info",
            message=f"{agent_only} link{'s' if agent_only != 1 else ''} found by the agent "
            f"{'are' if agent_only != 1 else 'is'} not on your tab.",
        ))
    if live_only:
        flags.append(Flag(
            code="live_only_links",
            severity="info",
            message=f"{live_only} link{'s' if live_only != 1 else ''} on your tab "
            f"{'were' if live_only != 1 else 'was'} not seen by the agent (personalised or "
            "logged-in content).",
        ))
    return flags


# --------------------------------------------------------------------------- summary


def summarize(report: Report) -> Summary:
    """The counts of `Summary` over the report's links (`external`: http(s) links that are not
    internal; `broken` includes soft 404s). An `<a>`/`<area>` without an href is no link (for a
    crawler or a reader: nothing to follow or click): counted apart in `without_href`, never in
    `total` or any other count."""
    # Plain local counters: twice per analysis over every link, and a struct's attribute
    # updates cost several times an int's.
    nofollow = ugc = sponsored = internal = external = js_generated = hidden = 0
    not_crawlable = suspicious = broken = blocked = redirect = mine = without_href = 0
    for link in report.links:
        if link.href is None:
            without_href += 1
            continue
        if link.follow == "nofollow":
            nofollow += 1
        if link.qualifiers:
            ugc += "ugc" in link.qualifiers
            sponsored += "sponsored" in link.qualifiers
        if link.internal:
            internal += 1
        elif _web_host(link.href) is not None:
            external += 1
        if link.js_generated:
            js_generated += 1
        hidden += not link.visible
        not_crawlable += not link.crawlable
        if link.verdict == "suspicious":
            suspicious += 1
        health = link.health
        if health is not None:
            if health in ("broken", "soft_404"):
                broken += 1
            elif health == "blocked":
                blocked += 1
            elif health == "redirect":
                redirect += 1
        if link.mine:
            mine += 1
    total = len(report.links) - without_href
    return Summary(
        total=total, dofollow=total - nofollow, nofollow=nofollow, ugc=ugc, sponsored=sponsored,
        internal=internal, external=external, js_generated=js_generated, hidden=hidden,
        not_crawlable=not_crawlable, suspicious=suspicious, broken=broken, blocked=blocked,
        redirect=redirect, mine=mine, without_href=without_href,
    )
