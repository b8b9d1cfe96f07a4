"""Classifying links (follow, robots, internal, mine, crawlable) and reconciling the views."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from agent.links.classify import (
    LIVE_DIFFERS_MIN_LINKS,
    PageContext,
    build_report,
    classify_link,
    page_context,
    parse_rel,
    robots_from_headers,
    robots_from_meta,
    summarize,
)
from agent.links.raw_view import RawLink, RawView
from protocol import CollectedLink, Collection, Link, Page, Report

PAGE = "https://www.example.co.uk/blog/post"


def cl(
    href: str | None,
    text: str = "t",
    *,
    id: str = "",
    rel: str = "",
    tag: str = "a",
    context: str = "main",
    visible: bool = True,
    hidden_reason: str | None = None,
) -> CollectedLink:
    """A collected link (rendered or live view)."""
    return CollectedLink(
        id=id,
        href=href,
        attr_href=href,
        rel=rel,
        text=text,
        tag="area" if tag == "area" else "a",
        context=context,
        visible=visible,
        hidden_reason=hidden_reason,
    )


def rl(href: str | None, text: str = "t", *, rel: str = "", tag: str = "a") -> RawLink:
    """A raw-view link."""
    return RawLink(href=href, attr_href=href, rel=rel, text=text, tag="area" if tag == "area" else "a")


def raw_view(links: Sequence[RawLink], *, robots: Sequence[str] = (), truncated: bool = False) -> RawView:
    """A raw view of PAGE."""
    return RawView(
        links=list(links), base_url=PAGE, robots=list(robots), canonical=None, title="Raw title",
        truncated=truncated,
    )


def rendered(
    links: Sequence[CollectedLink], *, robots: Sequence[str] = (), truncated: bool = False,
    title: str = "Rendered title", canonical: str | None = None,
) -> Collection:
    """A rendered view of PAGE; ids given in order."""
    numbered = [
        CollectedLink(**{**{f: getattr(link, f) for f in link.__struct_fields__}, "id": str(i)})
        for i, link in enumerate(links)
    ]
    return Collection(
        url=PAGE, title=title, links=numbered, truncated=truncated, robots=list(robots),
        canonical=canonical,
    )


def report_of(
    ren: Sequence[CollectedLink] = (),
    raw: Sequence[RawLink] | None = None,
    *,
    live: Sequence[CollectedLink] | None = None,
    headers: Sequence[tuple[str, str]] = (),
    mine: Sequence[str] = (),
    raw_robots: Sequence[str] = (),
    rendered_robots: Sequence[str] = (),
    raw_truncated: bool = False,
    rendered_truncated: bool = False,
) -> Report:
    """build_report over the given views."""
    return build_report(
        url=PAGE,
        final_url=PAGE,
        status=200,
        headers=list(headers),
        raw=None if raw is None else raw_view(raw, robots=raw_robots, truncated=raw_truncated),
        rendered=rendered(ren, robots=rendered_robots, truncated=rendered_truncated),
        live=None if live is None else list(live),
        mine=list(mine),
        partial=False,
        truncated=False,
    )


def one(link: CollectedLink, *, robots: Sequence[str] = (), headers: Sequence[tuple[str, str]] = (),
        mine: Sequence[str] = ()) -> Link:
    """The single Link of a page holding one rendered link."""
    (only,) = report_of([link], rendered_robots=robots, headers=headers, mine=mine).links
    return only


# ------------------------------------------------------------------ rel


@pytest.mark.parametrize(
    ("rel", "tokens", "qualifiers"),
    [
        ("", [], []),
        ("nofollow", ["nofollow"], ["nofollow"]),
        ("NoFollow", ["nofollow"], ["nofollow"]),
        ("ugc", ["ugc"], ["ugc"]),
        ("SPONSORED", ["sponsored"], ["sponsored"]),
        ("nofollow,ugc", ["nofollow", "ugc"], ["nofollow", "ugc"]),
        ("nofollow, sponsored", ["nofollow", "sponsored"], ["nofollow", "sponsored"]),
        ("  ugc \t sponsored\n", ["ugc", "sponsored"], ["ugc", "sponsored"]),
        ("sponsored,,ugc , nofollow", ["sponsored", "ugc", "nofollow"], ["nofollow", "ugc", "sponsored"]),
        ("noopener noreferrer", ["noopener", "noreferrer"], []),
        ("external nofollow nofollow", ["external", "nofollow"], ["nofollow"]),
        ("no-follow nofollowed", ["no-follow", "nofollowed"], []),
        ("nofollow\u00a0ugc", ["nofollow\u00a0ugc"], []),  # a no-break space separates nothing
    ],
)
def test_rel_forms(rel: str, tokens: list[str], qualifiers: list[str]) -> None:
    """rel splits on spaces and commas, lower-cased; any qualifier means nofollow from rel."""
    assert parse_rel(rel) == tokens
    link = one(cl("https://other.test/", rel=rel))
    assert link.rel == tokens
    assert link.qualifiers == qualifiers
    assert link.follow == ("nofollow" if qualifiers else "dofollow")
    assert link.nofollow_source == ("rel" if qualifiers else None)
    assert link.verdict == link.follow


# ------------------------------------------------------------------ robots


@pytest.mark.parametrize(
    ("contents", "nofollow", "noindex"),
    [
        (["nofollow"], True, False),
        (["NOFOLLOW"], True, False),
        (["noindex, nofollow"], True, True),
        (["noindex,nofollow"], True, True),
        (["none"], True, True),
        (["noindex"], False, True),
        (["index, follow"], False, False),
        (["max-snippet:50, noarchive"], False, False),
        (["index", "nofollow"], True, False),
        ([], False, False),
    ],
)
def test_robots_meta_forms(contents: list[str], nofollow: bool, noindex: bool) -> None:
    """nofollow/none and noindex/none in robots or googlebot metas, any case, comma lists."""
    directives = robots_from_meta(contents)
    assert (directives.nofollow, directives.noindex) == (nofollow, noindex)


@pytest.mark.parametrize(
    ("lines", "nofollow", "noindex"),
    [
        ([("X-Robots-Tag", "nofollow")], True, False),
        ([("x-robots-tag", "noindex, nofollow")], True, True),
        ([("X-Robots-Tag", "none")], True, True),
        ([("X-Robots-Tag", "googlebot: nofollow")], True, False),
        ([("X-Robots-Tag", "GoogleBot: none")], True, True),
        ([("X-Robots-Tag", "otherbot: nofollow")], False, False),
        ([("X-Robots-Tag", "otherbot: noindex, nofollow")], False, False),
        ([("X-Robots-Tag", "googlebot: noindex, otherbot: nofollow")], False, True),
        ([("X-Robots-Tag", "otherbot: noindex"), ("X-Robots-Tag", "nofollow")], True, False),
        ([("X-Robots-Tag", "unavailable_after: 25 Jun 2010 15:00:00 PST, nofollow")], True, False),
        ([("X-Robots-Tag", "googlebot-news: nofollow")], False, False),
        ([("X-Robots-Tag", "noarchive")], False, False),
        ([("Link", "nofollow")], False, False),
    ],
)
def test_x_robots_tag_forms(lines: list[tuple[str, str]], nofollow: bool, noindex: bool) -> None:
    """Each X-Robots-Tag line counts: plain or googlebot-prefixed; other bots' rules do not."""
    directives = robots_from_headers(lines)
    assert (directives.nofollow, directives.noindex) == (nofollow, noindex)


def test_meta_nofollow_makes_every_link_nofollow_from_meta() -> None:
    """A robots meta nofollow: page says so (source meta, flag) and links are nofollow by meta."""
    report = report_of([cl("https://a.test/"), cl("https://b.test/", rel="ugc")],
                       rendered_robots=["noindex, nofollow"])
    assert (report.page.robots_nofollow, report.page.robots_source, report.page.noindex) == (
        True, "meta", True
    )
    assert [(link.follow, link.nofollow_source) for link in report.links] == [
        ("nofollow", "meta"), ("nofollow", "rel")
    ]
    assert [flag.code for flag in report.flags] == ["meta_nofollow"]
    assert report.flags[0].severity == "info"


def test_header_nofollow_is_source_header() -> None:
    """X-Robots-Tag nofollow: links are nofollow by header and the page gets header_nofollow."""
    report = report_of([cl("https://a.test/")], headers=[("X-Robots-Tag", "googlebot: nofollow")])
    assert (report.page.robots_source, report.links[0].nofollow_source) == ("header", "header")
    assert [flag.code for flag in report.flags] == ["header_nofollow"]


def test_meta_and_header_both_flagged_meta_is_the_source() -> None:
    """When both say nofollow, both page flags are there and the source named is meta."""
    report = report_of([cl("https://a.test/")], raw=[rl("https://a.test/")],
                       raw_robots=["googlebot: x", "nofollow"], headers=[("x-robots-tag", "none")])
    assert report.page.robots_source == "meta"
    assert sorted(flag.code for flag in report.flags) == ["header_nofollow", "meta_nofollow"]


def test_robots_meta_added_by_javascript_counts() -> None:
    """A nofollow meta present only in the rendered DOM still makes the page nofollow."""
    report = report_of([cl("https://a.test/")], raw=[rl("https://a.test/")], rendered_robots=["nofollow"])
    assert report.page.robots_nofollow is True


def test_other_bot_header_leaves_links_dofollow() -> None:
    """`otherbot: nofollow` does not apply to Google: links stay dofollow, no page flag."""
    report = report_of([cl("https://a.test/")], headers=[("X-Robots-Tag", "bingbot: nofollow")])
    assert (report.page.robots_nofollow, report.links[0].follow, report.flags) == (False, "dofollow", [])


def test_page_facts_prefer_the_rendered_dom() -> None:
    """Title and canonical come from the rendered page, else the raw HTML; status is kept."""
    report = build_report(
        url=PAGE, final_url=PAGE, status=203, headers=[], raw=raw_view([]),
        rendered=rendered([], title="", canonical="https://www.example.co.uk/c"),
        live=None, mine=[], partial=True, truncated=False,
    )
    assert (report.page.title, report.page.canonical, report.page.status) == (
        "Raw title", "https://www.example.co.uk/c", 203
    )
    assert report.partial is True


def test_page_carries_its_registrable_domain() -> None:
    """The page's registrable domain uses the full suffix list (the extension's disavow line)."""
    for url, domain in [
        (PAGE, "example.co.uk"),
        ("https://alice.github.io/x", "alice.github.io"),
        ("http://127.0.0.1:8000/", "127.0.0.1"),
    ]:
        report = build_report(
            url=url, final_url=url, status=200, headers=[], raw=None, rendered=rendered([]),
            live=None, mine=[], partial=False, truncated=False,
        )
        assert report.page.registrable_domain == domain


# ------------------------------------------------------------------ internal, mine, crawlable


@pytest.mark.parametrize(
    ("page", "href", "internal"),
    [
        (PAGE, "https://shop.example.co.uk/x", True),
        (PAGE, "http://example.co.uk/", True),
        (PAGE, "https://WWW.EXAMPLE.CO.UK./", True),
        (PAGE, "https://other.co.uk/", False),
        (PAGE, "https://example.com/", False),
        ("https://alice.github.io/", "https://alice.github.io/repo", True),
        ("https://alice.github.io/", "https://bob.github.io/", False),
        ("https://a.blogspot.com/", "https://b.blogspot.com/", False),
        ("https://www.bbc.co.uk/", "https://news.bbc.co.uk/", True),
        ("https://example.com.au/", "https://shop.example.com.au/", True),
        ("http://127.0.0.1:8000/", "http://127.0.0.1:9000/x", True),
        ("http://127.0.0.1/", "http://127.0.0.2/", False),
        ("http://[::1]/", "http://[::1]:81/", True),
        ("http://localhost:3000/", "http://localhost/", True),
        ("http://intranet/", "http://other/", False),
        ("https://bücher.de/", "https://xn--bcher-kva.de/x", True),
        (PAGE, "mailto:x@example.co.uk", False),
        (PAGE, "javascript:void(0)", False),
        (PAGE, None, False),
    ],
)
def test_internal_uses_the_registrable_domain(page: str, href: str | None, internal: bool) -> None:
    """Same registrable domain (multi-part and private suffixes) is internal; IPs compare exactly."""
    ctx = page_context(page, Page(), [])
    assert classify_link(cl(href), 0, ctx).internal is internal


@pytest.mark.parametrize(
    ("mine", "href", "expected"),
    [
        (["example.com"], "https://example.com/", True),
        (["example.com"], "https://blog.example.com/x", True),
        (["example.com"], "https://notexample.com/", False),
        (["example.com"], "https://example.com.evil.test/", False),
        (["blog.example.com"], "https://example.com/", False),
        (["www.example.com"], "https://example.com/", True),
        (["https://Example.COM/about"], "http://shop.example.com/", True),
        (["*.example.com"], "https://a.example.com/", True),
        (["bücher.de"], "https://xn--bcher-kva.de/", True),
        (["example.com"], "mailto:me@example.com", False),
        ([], "https://example.com/", False),
    ],
)
def test_mine_is_the_host_or_a_subdomain(mine: list[str], href: str, expected: bool) -> None:
    """A link is mine when its host equals or is under one of the person's domains."""
    assert one(cl(href), mine=mine).mine is expected


@pytest.mark.parametrize(
    ("href", "tag", "crawlable"),
    [
        ("https://a.test/", "a", True),
        ("http://a.test/", "a", True),
        ("https://a.test/", "area", False),
        ("javascript:void(0)", "a", False),
        ("mailto:a@b.test", "a", False),
        ("tel:+1", "a", False),
        ("ftp://a.test/", "a", False),
        (None, "a", False),
        ("http://[::1", "a", False),
    ],
)
def test_crawlable_is_googles_rule(href: str | None, tag: str, crawlable: bool) -> None:
    """Only <a> with an href resolving to http(s) is crawlable."""
    assert one(cl(href, tag=tag)).crawlable is crawlable


def test_visibility_and_context_come_from_the_collected_link() -> None:
    """visible, hidden_reason and context are the collector's."""
    link = one(cl("https://a.test/", visible=False, hidden_reason="opacity", context="footer"))
    assert (link.visible, link.hidden_reason, link.context) == (False, "opacity", "footer")


def test_classify_link_for_a_googlebot_only_link() -> None:
    """The quality engineer's call: one collected link, its id and the page context."""
    ctx = PageContext.for_report(report_of([]), mine=["example.co.uk"])
    link = classify_link(cl("https://shop.example.co.uk/", rel="sponsored"), 7, ctx, views=["googlebot"])
    assert (link.id, link.views, link.internal, link.mine, link.follow) == (
        7, ["googlebot"], True, True, "nofollow"
    )


# ------------------------------------------------------------------ reconciling raw and rendered


def test_js_generated_only_when_missing_from_raw() -> None:
    """Rendered links without a raw twin are js_generated; matched ones have both views."""
    report = report_of(
        [cl("https://a.test/", "A"), cl("https://js.test/", "J"), cl("https://a.test/", "A")],
        [rl("https://a.test/", "A"), rl("https://a.test/", "A")],
    )
    assert [(link.href, link.js_generated, link.views) for link in report.links] == [
        ("https://a.test/", False, ["raw", "rendered"]),
        ("https://js.test/", True, ["rendered"]),
        ("https://a.test/", False, ["raw", "rendered"]),
    ]
    assert report.summary.js_generated == 1


def test_repeated_links_match_as_a_multiset() -> None:
    """Three rendered copies of a link with two raw copies: exactly one is js_generated."""
    report = report_of([cl("https://a.test/")] * 3, [rl("https://a.test/")] * 2)
    assert [link.js_generated for link in report.links] == [False, False, True]


def test_more_raw_copies_than_rendered_ones() -> None:
    """Four raw copies of a link JavaScript cut to one: one matches, three stay raw-only."""
    report = report_of([cl("https://a.test/")], [rl("https://a.test/")] * 4)
    assert [link.views for link in report.links] == [["raw", "rendered"]] + [["raw"]] * 3


def test_tag_is_part_of_the_match() -> None:
    """An <area> and an <a> with the same href are different links."""
    report = report_of([cl("https://a.test/", tag="area")], [rl("https://a.test/")])
    # The raw-only <a> has no matched predecessor, so it comes first.
    assert [(link.tag, link.views) for link in report.links] == [
        ("a", ["raw"]), ("area", ["rendered"])
    ]


def test_text_breaks_ties_between_same_href_links() -> None:
    """When JS removed one of two same-href links, the survivor keeps its own raw twin by text."""
    report = report_of([cl("https://a.test/", "Logo")], [rl("https://a.test/", "Home"), rl("https://a.test/", "Logo")])
    assert [(link.text, link.views) for link in report.links] == [
        ("Home", ["raw"]),
        ("Logo", ["raw", "rendered"]),
    ]


def test_text_changed_by_js_still_matches() -> None:
    """A link whose text JavaScript rewrote is still the same link (href and tag match)."""
    report = report_of([cl("https://a.test/", "Bonjour")], [rl("https://a.test/", "Hello")])
    assert [(link.text, link.views, link.js_generated) for link in report.links] == [
        ("Bonjour", ["raw", "rendered"], False)
    ]


def test_links_removed_by_js_are_kept_in_order() -> None:
    """Raw-only links stay in the report, placed after their raw predecessor, not visible."""
    report = report_of(
        [cl("https://a.test/", "A"), cl("https://c.test/", "C")],
        [rl("https://gone0.test/", "G0"), rl("https://a.test/", "A"), rl("https://gone.test/", "G"),
         rl("https://c.test/", "C")],
    )
    assert [(link.id, link.text, link.views) for link in report.links] == [
        (0, "G0", ["raw"]), (1, "A", ["raw", "rendered"]), (2, "G", ["raw"]),
        (3, "C", ["raw", "rendered"]),
    ]
    gone = report.links[2]
    assert (gone.visible, gone.hidden_reason, gone.js_generated) == (False, "not_rendered", False)


def test_rel_changed_by_js_flag_and_rendered_rel_counts() -> None:
    """rel differing between raw and rendered: info flag with both values; rendered counts."""
    report = report_of(
        [cl("https://a.test/", rel="nofollow"), cl("https://b.test/", rel="ugc nofollow"),
         cl("https://c.test/", rel="")],
        [rl("https://a.test/"), rl("https://b.test/", rel="NoFollow,UGC"), rl("https://c.test/", rel="sponsored")],
    )
    a, b, c = report.links
    assert (a.follow, a.nofollow_source) == ("nofollow", "rel")
    (flag,) = a.flags
    assert (flag.code, flag.severity) == ("rel_changed_by_js", "info")
    assert flag.message == "JavaScript changed rel from “” to “nofollow”; the rendered value counts."
    assert b.flags == []  # same tokens, other spelling
    assert (c.follow, c.qualifiers) == ("dofollow", [])
    assert c.flags[0].message == "JavaScript changed rel from “sponsored” to “”; the rendered value counts."


def test_no_raw_view_means_nothing_is_js_generated() -> None:
    """Without raw HTML there is nothing to compare: no js_generated, views rendered only."""
    report = report_of([cl("https://a.test/")], None)
    assert [(link.js_generated, link.views) for link in report.links] == [(False, ["rendered"])]


def test_truncated_raw_view_cannot_prove_js_generated() -> None:
    """When the raw view hit the link cap, links past it are not called js_generated."""
    report = report_of([cl("https://a.test/"), cl("https://b.test/")], [rl("https://a.test/")],
                       raw_truncated=True)
    assert [link.js_generated for link in report.links] == [False, False]
    assert report.truncated is True


def test_truncated_rendered_view_does_not_invent_removed_links() -> None:
    """When the rendered view hit the cap, raw links past it are not reported as removed."""
    report = report_of([cl("https://a.test/")], [rl("https://a.test/"), rl("https://b.test/")],
                       rendered_truncated=True)
    assert [link.href for link in report.links] == ["https://a.test/"]
    assert report.truncated is True


def test_iframe_links_are_not_compared_with_the_pages_html() -> None:
    """Links inside frames belong to another document: never js_generated, never matched to raw."""
    report = report_of([cl("https://a.test/", context="iframe")], [rl("https://a.test/")])
    assert [(link.context, link.views, link.js_generated) for link in report.links] == [
        ("body", ["raw"], False), ("iframe", ["rendered"], False)
    ]


def test_ids_are_indexes_in_order() -> None:
    """Link ids are 0..n-1 in report order."""
    report = report_of([cl(f"https://{i}.test/") for i in range(5)], [rl("https://x.test/")])
    assert [link.id for link in report.links] == list(range(len(report.links)))


# ------------------------------------------------------------------ live links


def live_links(hrefs: Sequence[str]) -> list[CollectedLink]:
    """Live links with the extension's ids L0, L1, ..."""
    return [cl(href, "t", id=f"L{i}") for i, href in enumerate(hrefs)]


def test_live_links_match_by_href_text_and_order() -> None:
    """Matched live links give live_id and view live; duplicates pair in order."""
    report = report_of(
        [cl("https://a.test/", "A"), cl("https://b.test/", "B"), cl("https://b.test/", "B2")],
        [rl("https://a.test/", "A"), rl("https://b.test/", "B"), rl("https://b.test/", "B2")],
        live=[cl("https://b.test/", "B2", id="x1"), cl("https://a.test/", "A", id="x0"),
              cl("https://b.test/", "B", id="x2")],
    )
    assert [(link.text, link.live_id, link.views) for link in report.links] == [
        ("A", "x0", ["raw", "rendered", "live"]),
        ("B", "x2", ["raw", "rendered", "live"]),
        ("B2", "x1", ["raw", "rendered", "live"]),
    ]
    assert report.flags == []


def test_live_only_and_agent_only_links_are_reported() -> None:
    """Live-only links get their own Link (views live); counts appear as info page flags."""
    report = report_of(
        [cl("https://a.test/", "A"), cl("https://agent.test/", "X")],
        live=[cl("https://a.test/", "A", id="L0"), cl("https://me.test/", "Me", id="L1", context="nav")],
    )
    assert [(link.href, link.views, link.live_id, link.context) for link in report.links] == [
        ("https://a.test/", ["rendered", "live"], "L0", "main"),
        ("https://me.test/", ["live"], "L1", "nav"),
        ("https://agent.test/", ["rendered"], None, "main"),
    ]
    codes = {flag.code: flag for flag in report.flags}
    assert set(codes) == {"agent_only_links", "live_only_links"}
    assert codes["agent_only_links"].message == "1 link found by the agent is not on your tab."
    assert codes["live_only_links"].severity == "info"
    assert "live_differs" not in codes  # a tiny page never triggers it


def test_live_link_matches_a_link_js_removed_in_the_agent() -> None:
    """A live link may match a raw-only link (the agent's JS removed it, the tab still has it)."""
    report = report_of([], [rl("https://a.test/")], live=[cl("https://a.test/", id="L0")])
    assert [(link.views, link.live_id) for link in report.links] == [(["raw", "live"], "L0")]


def test_live_differs_when_few_live_links_are_found() -> None:
    """A consent wall: most of many live links missing from the render gives live_differs."""
    n = LIVE_DIFFERS_MIN_LINKS * 2
    live = live_links([f"https://site.test/{i}" for i in range(n)])
    wall = [cl("https://site.test/0"), cl("https://consent.test/accept")]
    report = report_of(wall, live=live)
    flag = next(flag for flag in report.flags if flag.code == "live_differs")
    assert flag.severity == "warning"
    assert f"only 1 of your tab's {n} links" in flag.message


def test_live_differs_needs_a_minimum_size_and_a_real_gap() -> None:
    """Below the minimum, or with half or more of the live links found, no live_differs."""
    small = live_links([f"https://s.test/{i}" for i in range(LIVE_DIFFERS_MIN_LINKS - 1)])
    assert "live_differs" not in [f.code for f in report_of([], live=small).flags]
    n = LIVE_DIFFERS_MIN_LINKS * 2
    live = live_links([f"https://s.test/{i}" for i in range(n)])
    half = [cl(f"https://s.test/{i}") for i in range(n // 2)]
    assert "live_differs" not in [f.code for f in report_of(half, live=live).flags]


# ------------------------------------------------------------------ summary


def test_summary_counts() -> None:
    """Every summary count over a mixed page."""
    report = report_of(
        [
            cl("https://www.example.co.uk/a"),  # internal dofollow
            cl("https://ads.test/", rel="sponsored nofollow"),
            cl("https://forum.test/", rel="ugc"),
            cl("javascript:void(0)", visible=False, hidden_reason="display"),
            cl("https://mine.test/x", tag="area"),
            cl("https://js.test/"),
        ],
        [rl("https://www.example.co.uk/a"), rl("https://ads.test/", rel="sponsored nofollow"),
         rl("https://forum.test/", rel="ugc"), rl("javascript:void(0)"),
         rl("https://mine.test/x", tag="area")],
        mine=["mine.test"],
    )
    report.links[0].health = "broken"
    report.links[1].health = "soft_404"
    report.links[2].health = "redirect"
    report.links[3].health = "blocked"
    report.links[4].verdict = "suspicious"
    summary = summarize(report)
    assert summary.total == 6
    assert (summary.dofollow, summary.nofollow, summary.ugc, summary.sponsored) == (4, 2, 1, 1)
    assert (summary.internal, summary.external) == (1, 4)
    assert (summary.js_generated, summary.hidden, summary.not_crawlable) == (1, 1, 2)
    assert (summary.broken, summary.redirect, summary.blocked, summary.suspicious) == (2, 1, 1, 1)
    assert summary.mine == 1
    assert report.summary.total == 6  # build_report filled it too


def test_overlapping_gc_pauses_resume_the_collector_when_the_last_ends() -> None:
    """Two jobs classify in worker threads at once: the first to end must not turn the collector
    back on under the other, and the last must."""
    import gc
    import threading

    from agent.links.classify import gc_paused

    assert gc.isenabled()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def first() -> None:
        with gc_paused():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with gc_paused():
            second_in.set()
            first_out.wait(5)
            seen["after the first ended"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == {"after the first ended": False}
    assert gc.isenabled()
