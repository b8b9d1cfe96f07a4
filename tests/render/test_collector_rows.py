"""The collector's compact form (`rows: true`, what the agent asks for) in real Chromium: decoded,
it is exactly the Collection the object form (what the extension gets) gives for the same page."""

from __future__ import annotations

import html

import pytest
from playwright.async_api import Page

from agent.render.collector import collect_expression, collect_links, decode_collection, decode_rows
from protocol import Collection
from tests.harness.pages import PageServer
from tests.links.test_raw_view_differential import AWKWARD_HREFS
from tests.render.test_collector import (
    COLLAPSED_PAGE,
    HIDDEN_PAGE,
    hidden_page_with_frame_and_shadow,
)

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="module")]


async def _strict(page: Page, max_links: int, *, rows: bool) -> str:
    expression = collect_expression(max_links, rows=rows)
    cap = f'"maxLinks": {max_links}'
    assert expression.count(cap) == 1
    text = await page.evaluate(expression.replace(cap, f'{cap}, "strict": true'))
    assert isinstance(text, str)
    return text


async def both_forms(page: Page, max_links: int = 1000) -> Collection:
    """Collect the page in both forms (strict), assert they decode to the same Collection, and
    that the compact one is the smaller; the Collection."""
    objects = await _strict(page, max_links, rows=False)
    rows = await _strict(page, max_links, rows=True)
    collection = decode_collection(objects)
    assert decode_rows(rows) == collection
    if collection.links:
        assert len(rows) < len(objects)
    return collection


async def test_hidden_reasons_shadow_roots_and_frames(
    page: Page, servers: tuple[PageServer, PageServer]
) -> None:
    """Every hidden reason, links in an open shadow root and in a same-origin frame."""
    url = hidden_page_with_frame_and_shadow(
        servers[0], "rows", '<nav><a href="deep" rel="ugc">deep</a></nav>'
    )
    await page.goto(url)
    await page.wait_for_load_state("load")
    collection = await both_forms(page)
    reasons = {link.hidden_reason for link in collection.links}
    assert len(reasons) >= 10
    assert {"iframe", "shadow", "main"} <= {link.context for link in collection.links}


async def test_collapsed_widgets(page: Page) -> None:
    """The collapsed page: many kinds of (tag, context, reason), in no particular order."""
    await page.set_content(COLLAPSED_PAGE)
    collection = await both_forms(page)
    assert "collapsed" in {link.hidden_reason for link in collection.links}


async def test_odd_urls_areas_and_links_without_href(
    page: Page, servers: tuple[PageServer, PageServer]
) -> None:
    """Awkward hrefs (relative, absolute, other schemes, invalid), rel values, an <area> with and
    without href, an <a> without href, SVG and xlink links: href, attr_href and rel survive."""
    own, _ = servers
    anchors = "".join(
        f'<a href="{html.escape(href, quote=True)}" rel="{"nofollow" if i % 3 else ""}">{i}</a>'
        for i, href in enumerate(AWKWARD_HREFS)
    )
    url = own.add(
        "/rows/dir/odd.html",
        "<!doctype html><meta charset=utf-8><body>"
        f"{anchors}<a name=only>no href</a><a href>empty attr</a>"
        '<img src="data:," usemap="#m" width="10" height="10">'
        '<map name="m"><area href="/ar" alt="area"><area alt="no href"></map>'
        '<svg width="50" height="20"><a href="svg-rel"><text y="10">s</text></a>'
        '<a xlink:href="/xlink"><text y="20">x</text></a></svg>'
        # attr equal to the whole href, to the part after the origin, and to neither
        f'<a href="{own.url("/same")}">abs</a><a href="/root">root</a><a href="rel">rel</a>',
    )
    await page.goto(url)
    collection = await both_forms(page)
    assert len(collection.links) == len(AWKWARD_HREFS) + 9
    assert {link.tag for link in collection.links} == {"a", "area"}
    assert any(link.href is None for link in collection.links)


async def test_lone_surrogates_and_non_ascii(page: Page) -> None:
    """Lone surrogates (made by script) come out well-formed in both forms, the same."""
    await page.set_content(
        "<main id=m></main><script>"
        "const a = document.createElement('a'); a.setAttribute('href', '/x\\uD800y');"
        " a.setAttribute('rel', 'r\\uDC00'); a.textContent = 't\\uD83D\\uDE00\\uDFFF';"
        " document.getElementById('m').append(a);"
        " const b = document.createElement('a'); b.href = 'https://bücher.test/ä';"
        " b.textContent = 'Grüße'; document.getElementById('m').append(b);</script>"
    )
    collection = await both_forms(page)
    first, second = collection.links
    assert "\ufffd" in (first.attr_href or "")
    assert "\ufffd" in first.rel
    assert first.text == "t\U0001f600\ufffd"
    assert second.text == "Grüße"


async def test_truncation_and_an_empty_page(page: Page) -> None:
    """The cap keeps the first links in both forms; a page without links has no rows."""
    await page.set_content("".join(f'<a href="/{i}" rel="x{i % 2}">{i}</a>' for i in range(10)))
    collection = await both_forms(page, max_links=4)
    assert (collection.truncated, len(collection.links)) == (True, 4)
    await page.set_content("<title>No links</title><p>text")
    empty = await both_forms(page)
    assert (empty.title, empty.links) == ("No links", [])


async def test_many_links_over_many_origins(page: Page) -> None:
    """Thousands of links over a few dozen origins (the benchmark's shape), some hidden."""
    await page.set_content(
        "<main id=m></main><script>const f = document.createDocumentFragment();"
        "for (let i = 0; i < 3000; i++) { const p = document.createElement('p');"
        " const a = document.createElement('a');"
        " a.href = (i % 3 ? '/page/' : 'https://example-' + (i % 50) + '.test/') + i;"
        " if (i % 7 === 0) a.rel = 'nofollow'; if (i % 11 === 0) a.style.display = 'none';"
        " a.textContent = 'Link number ' + i; p.appendChild(a); f.appendChild(p); }"
        " document.getElementById('m').appendChild(f);</script>"
    )
    collection = await both_forms(page, max_links=5000)
    assert len(collection.links) == 3000
    assert sum(link.hidden_reason == "display" for link in collection.links) == 273


async def test_collect_links_is_the_object_form_in_an_isolated_world(
    page: Page, servers: tuple[PageServer, PageServer]
) -> None:
    """collect_links (isolated world, compact form) gives what the extension's object form gives."""
    own, _ = servers
    url = own.add("/rows-agent.html", HIDDEN_PAGE)
    await page.goto(url)
    assert await collect_links(page, 1000) == decode_collection(
        await page.evaluate(collect_expression(1000))
    )


#: A header that hides while the page is scrolled down, by a scroll handler, as sites do.
SLIDING_HEADER = """<style>html { scroll-behavior: smooth }</style>
<header id="h"><a href="/home">home</a></header>
<div style="height:5000px"></div><a href="/bottom">bottom</a>
<script>addEventListener('scroll', () => {
  document.getElementById('h').style.display = window.scrollY > 10 ? 'none' : '';
});</script>"""


async def scrolled_down(page: Page) -> None:
    """Jump to the bottom and let the page's scroll handler run (two frames)."""
    await page.evaluate(
        "async () => { window.scrollTo({top: 1e6, behavior: 'instant'});"
        " for (let i = 0; i < 2; i++) await new Promise(r => requestAnimationFrame(r)); }"
    )


async def test_scroll_to_top_in_the_same_evaluation(page: Page) -> None:
    """scroll_to_top: the window is back at the top, instantly on a smooth-scrolling page, and
    the page's scroll handlers have run when the links are judged (the header is back); without
    it the collector leaves the scroll alone."""
    await page.set_content(SLIDING_HEADER)
    await scrolled_down(page)
    links = (await collect_links(page, 10)).links
    assert [(link.text, link.hidden_reason) for link in links] == [
        ("home", "display"),
        ("bottom", None),
    ]
    assert await page.evaluate("window.scrollY") > 1000
    seen = await collect_links(page, 10, scroll_to_top=True)
    assert await page.evaluate("window.scrollY") == 0
    assert [(link.text, link.visible) for link in seen.links] == [("home", True), ("bottom", True)]


# Hrefs the collector resolves itself (plain paths, canonical http(s) URLs) and near misses that
# must go to el.href: each character class, dot segments, ports, case, IPv4 forms, punycode.
PLAIN_AND_NEAR = [
    "/", "/a", "/page/1", "/A-Z_a~z.0-9/x.html", "/a//b", "/a/", "/a/b.c/d", "//host.test/p",
    "/.", "/./a", "/..", "/a/../b", "/a/.b", "/a/%2e%2e/b", "/%41", "/a%20b", "/a b", "/a?q",
    "/a#f", "/a\\b", "/\u00e9", "/a;b", "/a:b", "/a@b", "/a!b", "/a$b", "/a'b", "/a(b)", "/a*b",
    "/a+b", "/a,b", "/a=b", "/a|b", "/a^b", "/a`b", "/a{b}", "/a[b]", '/a"b', "/a<b>", " /lead",
    "/trail ", "/tab\there",
    "http://example.test", "https://example.test", "http://example.test/", "https://a.b.c/d/e",
    "http://a-b.test/x", "http://-a-.test/", "http://a--b.test/", "http://localhost/x",
    "http://x" + "y" * 70 + ".test/long-label", "http://example.test/a/./b", "http://e.test/.x",
    "http://EXAMPLE.test/", "HTTP://example.test/", "http://example.test:80/", "http://e.test:8/",
    "https://example.test:443/", "http://127.0.0.1/", "http://1.2.3/", "http://0x7f.1/",
    "http://a.0x1/", "http://a.0xg/", "http://a.1/", "http://1.a/", "http://xn--bcher-kva.test/",
    "http://xn--zz.test/", "http://e.test./", "http://e..test/", "http://.e.test/", "http://e.test/%7E",
    "http://e.test/a?b", "http://e.test/a#b", "http://u@e.test/", "http://e_x.test/",
    "ftp://e.test/x", "ws://e.test/x", "mailto:a@b.test", "x", "./x", "../x", "", "#", "?q",
]


async def test_resolved_hrefs_are_the_browsers(
    page: Page, servers: tuple[PageServer, PageServer]
) -> None:
    """Every link's href is what el.href says, under the document's URL (with a port), a <base>
    on another origin with userinfo, in a srcdoc frame, a script-made about:blank frame and a
    shadow root: the collector's own resolution of plain hrefs never differs from the browser's."""
    own, _ = servers

    def anchors(prefix: str) -> str:
        return "".join(
            f'<a href="{html.escape(href, quote=True)}">{prefix}{i}</a>'
            for i, href in enumerate(PLAIN_AND_NEAR)
        )

    frame_doc = html.escape(f"<!doctype html><body>{anchors('f')}", quote=True)
    pages = {
        "/resolve/dir/page.html": "",
        "/resolve/based.html": '<base href="https://user:pw@other.test:8443/base/dir/x.html">',
    }
    for path, head in pages.items():
        url = own.add(
            path,
            f"<!doctype html><head><meta charset=utf-8>{head}</head><body>{anchors('d')}"
            f'<iframe srcdoc="{frame_doc}"></iframe><iframe id=blank></iframe><div id=host></div>'
            "<script>const doc = document.getElementById('blank').contentDocument;"
            f" doc.body.innerHTML = {anchors('b')!r};"
            "document.getElementById('host').attachShadow({mode: 'open'}).innerHTML ="
            f" {anchors('s')!r};</script>",
        )
        await page.goto(url)
        await page.wait_for_function(
            "document.querySelector('iframe').contentDocument.links.length > 10"
        )
        expected = await page.evaluate(
            """() => {
                const out = {};
                const docs = [document, document.getElementById('host').shadowRoot,
                    ...[...document.querySelectorAll('iframe')].map(f => f.contentDocument)];
                for (const d of docs) for (const a of d.querySelectorAll('a')) out[a.textContent] = a.href;
                return out;
            }"""
        )
        collection = await both_forms(page)
        got = {link.text: link.href for link in collection.links}
        assert len(got) == 4 * len(PLAIN_AND_NEAR)
        assert got == expected
