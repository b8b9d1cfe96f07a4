"""Raw view (ada-url) against Chromium's element.href on the same bytes: they must agree.

Every disagreement would be a false `js_generated` link in a Report, so the tables hold the
awkward forms a real page has: whitespace, tabs, backslashes, IDNA, IPv4 shorthand, default
ports, spaces, dot segments, protocol-relative, javascript:, invalid URLs, and <base> variants.
"""

from __future__ import annotations

import html

import pytest
from playwright.async_api import Page

from agent.links.classify import build_report
from agent.links.raw_view import extract_raw_view
from agent.render.collector import collect_expression, decode_collection
from protocol import Collection
from tests.harness.pages import PageServer

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="module")]

#: The Content-Type the page server sends by default (the agent passes the real header too).
UTF8 = "text/html; charset=utf-8"

AWKWARD_HREFS = [
    "  /lead-and-trail  ",
    "\t\n /control-whitespace \r\n",
    "/tab\tin\tpath",
    "/new\nline/and\r\ncrlf",
    "\\\\backslash.test\\path\\file",
    "/back\\slash\\es",
    "http://BÜCHER.de/idna",
    "http://xn--bcher-kva.de/punycode",
    "https://ÉXAMPLE.com/",
    "http://faß.de/",
    "http://127.1/",
    "http://0x7f.1/",
    "http://0177.0.0.1/",
    "http://2130706433/",
    "http://127.0.0.1./trailing-dot",
    "http://example.com:80/",
    "https://example.com:443/",
    "http://example.com:443/",
    "http://example.com:0080/",
    "/a b c",
    "/ä ö?q=ü ä#frag ü",
    "?q=a b",
    "#x y",
    "",
    "#",
    "?",
    "../../up",
    "./././here",
    "/a/./b/../c",
    "/%2e%2e/x",
    "/a/%2E/b",
    "//other.test/proto-relative",
    "//OTHER.test:8080",
    "///triple-slash",
    "javascript:void(0)",
    "JavaScript:alert('x')",
    "  javascript:foo()",
    "mailto:Someone@Example.com",
    "tel:+1 555 0100",
    "data:text/html,hi",
    "ftp://files.test/x",
    "http://[::1",
    "http://exa mple.com/",
    "http://exa mple.com/p q",
    "//sp ace.test/x",
    "http://a%20b/",
    "http://ex\u00a0ample.com/",
    "http:// lead.com/",
    "http://a*b.com/",
    "http://user@a*b.com:8080/x",
    "http://a<b.com/",
    "http://a|b/",
    "http://%zz.com/",
    "http://[1:2::3]:80/",
    "http://[::ffff:127.0.0.1]/",
    "HTTP://EXAMPLE.COM/UPPER",
    "http:example.com/no-slashes",
    "http:/one-slash.test/",
    "https://example.com/%7Efoo",
    "/percent%",
    "/emoji/😀",
    "http://example.com/?a=1&b=2",
    "http://user:pass@host.test/",
    "http://example.com\\@evil.test/",
    "http://example.com/path?query#frag#more",
    "HtTpS://Example.COM",
    "ws://sock.test/",
    "blob:http://x.test/uuid",
    "http://a.test/\u00a0nbsp",
    "http://a.test/%",
    "file:///etc/passwd",
    "about:blank",
    "http://1.2.3.4.5/",
    "http://256.0.0.1/",
]


def _page_with(hrefs: list[str], head: str = "") -> str:
    anchors = "".join(
        f'<a href="{html.escape(href, quote=True)}">link {i}</a>\n' for i, href in enumerate(hrefs)
    )
    return f"<!doctype html><html><head><meta charset=utf-8>{head}</head><body>{anchors}</body></html>"


async def _both_views(page: Page, server: PageServer, path: str, body: str | bytes) -> tuple[
    Collection, list[str | None]
]:
    url = server.add(path, body)
    await page.goto(url)
    collection = decode_collection(await page.evaluate(collect_expression(1000)))
    raw = extract_raw_view(
        body if isinstance(body, bytes) else body.encode(), url, max_links=1000, content_type=UTF8
    )
    return collection, [link.href for link in raw.links]


async def test_awkward_hrefs_resolve_like_chromium(
    page: Page, servers: tuple[PageServer, PageServer]
) -> None:
    """For every awkward href, ada's resolution equals Chromium's element.href."""
    own, _ = servers
    collection, raw_hrefs = await _both_views(
        page, own, "/diff/dir/page.html", _page_with(AWKWARD_HREFS)
    )
    chromium = [link.href for link in collection.links]
    assert len(chromium) == len(AWKWARD_HREFS)
    mismatches = [
        (href, browser, ours)
        for href, browser, ours in zip(AWKWARD_HREFS, chromium, raw_hrefs, strict=True)
        if browser != ours
    ]
    assert mismatches == []


@pytest.mark.parametrize(
    ("base", "name"),
    [
        ('<base href="../other/">', "relative"),
        ('<base href="//cdn.test/base/">', "protocol-relative"),
        ('<base href="https://Sub.Example.com:443/x/y.html">', "absolute"),
        ('<base target="_blank"><base href="/first/"><base href="/second/">', "first-with-href"),
        ('<base href="javascript:alert(1)">', "javascript"),
        ('<base href="data:text/html,x">', "data"),
        ('<base href="http://[::1">', "invalid"),
        ('<base href="  /padded/\t">', "padded"),
        ("<base href>", "empty"),
    ],
)
async def test_base_href_variants_resolve_like_chromium(
    page: Page, servers: tuple[PageServer, PageServer], base: str, name: str
) -> None:
    """The first <base href> (relative, refused or invalid) gives the same hrefs as Chromium."""
    own, _ = servers
    hrefs = ["", "x", "../y", "/z", "?q", "#f", "//h.test/p", "http://abs.test/"]
    collection, raw_hrefs = await _both_views(
        page, own, f"/base/{name}/dir/page.html", _page_with(hrefs, head=base)
    )
    assert [link.href for link in collection.links] == raw_hrefs


MALFORMED_PAGE = b"""<!DOCTYPE html>
<HTML><HEAD><TITLE>Malformed &amp; real</TITLE>
<META NAME=robots CONTENT="index, follow">
<BASE HREF=/shop/>
</HEAD>
<BODY BGCOLOR=white>
<DIV CLASS=nav><UL><LI><A HREF=/home CLASS=x>Home</A><LI><A HREF=about.html>About &amp; us</A>
<LI><a href='products?id=1&amp;sort=asc'>Products</a></UL></DIV>
<a href="  padded.html  ">Padded</a>
<a href=unquoted/path?x=1&y=2 rel=nofollow>Unquoted</a>
<A HREF="outer.html">Outer <A HREF="inner.html">Inner</A> tail</A>
<table><tr><td><a href="cell.html">Cell</a></td></tr><a href="fostered.html">Fostered</a></table>
<p><a href="para.html">Para<p>Second para</a>
<a href="entity&#46;html">Entity dot</a>
<a href="&#x2F;slash">Hex entity</a>
<a href=http://Example.COM:80/Upper>Upper host</a>
<a href="\\\\other.test\\back">Back</a>
<a href="https://b\xc3\xbccher.de/">IDN</a>
<a href="http://127.1:80/">Short IP</a>
<a href="tab\tinside.html">Tab</a>
<a href="javascript:void(0)" onclick="go()">JS</a>
<a name=anchor-only>Anchor</a>
<a href="" >Empty</a>
<a href="http://[::1">Broken URL</a>
<map name=m><area shape=rect coords="0,0,10,10" href=area.html alt="Area"></map>
<img src=x.png usemap=#m>
<svg><a href="svg-link"><text>SVG</text></a><a xlink:href="xlink"><text>XL</text></a></svg>
<a xlink:href="html-xlink">HTML xlink</a>
<noscript><a href="noscript.html">No JS</a></noscript>
<div><template shadowrootmode="open"><a href="declarative-shadow.html">DSD</a></template></div>
<form><input name=a></form><a href="after-form.html">After form
<b><i>Misnested</b></i> <a href="misnested.html">Misnested</a>
<!-- <a href="comment.html">comment</a> -->
<script>var s = '<a href="in-script.html">';</script>
<textarea><a href="in-textarea.html">t</a></textarea>
<a href=last.html>Last
"""


async def test_malformed_page_yields_no_false_js_generated(
    page: Page, servers: tuple[PageServer, PageServer]
) -> None:
    """A realistic malformed page with no JavaScript links: both views agree, zero js_generated."""
    own, _ = servers
    url = own.add("/malformed/index.html", MALFORMED_PAGE)
    await page.goto(url)
    collection = decode_collection(await page.evaluate(collect_expression(1000)))
    raw = extract_raw_view(MALFORMED_PAGE, url, max_links=1000, content_type=UTF8)
    assert [link.href for link in collection.links] == [link.href for link in raw.links]
    assert [link.text for link in collection.links] == [link.text for link in raw.links]
    assert [link.tag for link in collection.links] == [link.tag for link in raw.links]
    report = build_report(
        url=url, final_url=url, status=200, headers=[], raw=raw, rendered=collection,
        live=None, mine=[], partial=False, truncated=False,
    )
    assert report.summary.js_generated == 0
    assert all(link.views == ["raw", "rendered"] for link in report.links)
    # <a name=anchor-only> is no link: counted apart, not in total.
    assert report.summary.total + report.summary.without_href == len(collection.links) >= 25
    assert report.summary.without_href == sum(link.href is None for link in collection.links) >= 1


async def test_js_created_links_are_the_only_js_generated(
    page: Page, servers: tuple[PageServer, PageServer]
) -> None:
    """Links added by script (and into a shadow root) are js_generated; server links are not."""
    own, _ = servers
    body = (
        '<a href="/static">static</a><div id="host"></div><ul id="list"></ul>'
        "<script>"
        "const a = document.createElement('a'); a.href = '/dynamic'; a.textContent = 'dyn';"
        "document.getElementById('list').append(a);"
        "document.getElementById('host').attachShadow({mode:'open'}).innerHTML ="
        " '<a href=\"/static\">static twin</a>';"
        "</script>"
    )
    url = own.add("/jsgen.html", body)
    await page.goto(url)
    collection = decode_collection(await page.evaluate(collect_expression(100)))
    raw = extract_raw_view(body, url, max_links=100, content_type=UTF8)
    report = build_report(
        url=url, final_url=url, status=200, headers=[], raw=raw, rendered=collection,
        live=None, mine=[], partial=False, truncated=False,
    )
    assert [(link.text, link.js_generated) for link in report.links] == [
        ("static", False), ("static twin", True), ("dyn", True)
    ]


LEGACY_HREFS = ["?q=привет", "/путь?q=ё#якорь", "?q=€ü", "?q=中", "http://other.test/?x=й&y=ÿ", "mailto:a@b?subject=ж"]


@pytest.mark.parametrize(
    ("name", "charset", "in_header"),
    [
        ("cp1251-meta", "windows-1251", False),
        ("latin1-header", "iso-8859-1", True),
        ("sjis-meta", "shift_jis", False),
        ("koi8-header", "koi8-r", True),
        ("utf8-meta", "utf-8", False),
        ("utf8-undeclared", "", False),
    ],
)
async def test_legacy_encodings_resolve_like_chromium(
    page: Page, servers: tuple[PageServer, PageServer], name: str, charset: str, in_header: bool
) -> None:
    """On a non-UTF-8 page, query characters are encoded in the page's encoding, as Chromium does."""
    own, _ = servers
    meta = "" if in_header or not charset else f'<meta charset="{charset}">'
    markup = meta + "".join(f'<a href="{html.escape(h)}">{i}</a>' for i, h in enumerate(LEGACY_HREFS))
    body = markup.encode(charset or "utf-8", errors="xmlcharrefreplace")
    content_type = f"text/html; charset={charset}" if in_header else "text/html"
    url = own.add(f"/legacy/{name}.html", body, content_type)
    await page.goto(url)
    collection = decode_collection(await page.evaluate(collect_expression(100)))
    raw = extract_raw_view(body, url, max_links=100, content_type=content_type)
    assert [link.href for link in raw.links] == [link.href for link in collection.links]
    assert [link.text for link in raw.links] == [link.text for link in collection.links]
