"""The shared collector (extension/collector.js) in real Chromium: what it finds and how it sees it."""

from __future__ import annotations

import asyncio
import json

import pytest
from playwright.async_api import CDPSession, Page, Route
from playwright.async_api import Error as PlaywrightError

from agent.render import collector as collector_module
from agent.render.collector import (
    collect_expression,
    collector_source,
    decode_collection,
    evaluate_collector,
)
from protocol import Collection
from tests.harness.pages import PageServer

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="module")]


async def collect(page: Page, max_links: int = 1000) -> Collection:
    """Run the collector the way the agent does (one evaluate, one JSON string back), but strict:
    an internal error fails the test instead of leaving a link "visible"."""
    expression = collect_expression(max_links)
    assert expression.count(f'{{"maxLinks": {max_links}}}') == 1
    text = await page.evaluate(
        expression.replace(f'{{"maxLinks": {max_links}}}', f'{{"maxLinks": {max_links}, "strict": true}}')
    )
    assert isinstance(text, str)
    return decode_collection(text)


def by_href_path(collection: Collection) -> dict[str, tuple[bool, str | None]]:
    """path -> (visible, hidden_reason) for links whose href has a path."""
    out = {}
    for link in collection.links:
        assert link.href is not None
        out[link.href.split("/", 3)[-1]] = (link.visible, link.hidden_reason)
    return out


# ------------------------------------------------------------------ the file the agent runs


async def test_reinjection_is_harmless_and_register_sees_each_element(page: Page) -> None:
    """Injecting the script twice keeps one function; register gets every id with its element."""
    await page.set_content('<a href="/a">A</a><p><a>B</a></p><map name=m><area alt=C></map>')
    result = await page.evaluate(
        """(source) => {
            (0, eval)(source);
            const first = window.linklensCollect;
            (0, eval)(source);
            const seen = [];
            const json = linklensCollect({maxLinks: 10, register: (id, el) => seen.push([id, el.localName])});
            return {same: first === window.linklensCollect, seen, json};
        }""",
        collector_source(),
    )
    assert result["same"] is True
    assert result["seen"] == [["0", "a"], ["1", "a"], ["2", "area"]]
    assert [link["id"] for link in json.loads(result["json"])["links"]] == ["0", "1", "2"]


async def test_a_page_global_cannot_replace_the_agents_collector(page: Page) -> None:
    """A page that defines its own linklensCollect still gets the real collector from the agent."""
    await page.set_content(
        "<script>window.linklensCollect = () => JSON.stringify({url: 'fake', links: []});</script>"
        '<a href="/real">real</a>'
    )
    collection = await collect(page)
    assert [link.text for link in collection.links] == ["real"]


# ------------------------------------------------------------------ what is found


async def test_fields_of_one_link(page: Page, servers: tuple[PageServer, PageServer]) -> None:
    """href is the browser-resolved URL, attr_href and rel as written, text collapsed."""
    own, _ = servers
    url = own.add(
        "/fields/page.html",
        '<main><a href=" ../x?q=1#f " rel="NoFollow,UGC">  Hello\n   <b>big</b>\tworld </a></main>',
    )
    await page.goto(url)
    (link,) = (await collect(page)).links
    assert link.href == own.url("/x?q=1#f")
    assert link.attr_href == " ../x?q=1#f "
    assert link.rel == "NoFollow,UGC"
    assert link.text == "Hello big world"
    assert (link.id, link.tag, link.context, link.visible) == ("0", "a", "main", True)


async def test_anchors_without_href_and_areas_are_found(page: Page) -> None:
    """<a> without href gives href null; <area> is tagged area with its alt as text."""
    await page.set_content(
        '<img src="data:," usemap="#m" width="10" height="10">'
        '<map name="m"><area href="/ar" alt=" Map  part "></map><a name="anchor">Anchor</a>'
    )
    links = (await collect(page)).links
    assert [(link.tag, link.text, link.href is None, link.attr_href) for link in links] == [
        ("area", "Map part", False, "/ar"),
        ("a", "Anchor", True, None),
    ]


async def test_text_falls_back_to_aria_label_title_and_img_alt(page: Page) -> None:
    """Links without text content take aria-label, then title, then an image's alt."""
    await page.set_content(
        '<a href="/1" aria-label="Aria"></a><a href="/2" title="Title"> </a>'
        '<a href="/3"><img alt="" src="data:,"><img alt="Logo" src="data:,"></a>'
    )
    assert [link.text for link in (await collect(page)).links] == ["Aria", "Title", "Logo"]


async def test_shadow_roots_are_walked_in_document_order(page: Page) -> None:
    """Open shadow roots (nested too) are collected right after their host; closed ones are not."""
    await page.set_content(
        """<a href="/before">before</a><div id="host"><a href="/light">light</a></div>
        <div id="closed"></div><a href="/after">after</a>
        <script>
          const root = document.getElementById('host').attachShadow({mode: 'open'});
          root.innerHTML = '<a href="/shadow">shadow</a><span id="inner"></span><slot></slot>';
          root.getElementById('inner').attachShadow({mode: 'open'}).innerHTML =
            '<a href="/nested">nested</a>';
          document.getElementById('closed').attachShadow({mode: 'closed'}).innerHTML =
            '<a href="/secret">secret</a>';
        </script>"""
    )
    links = (await collect(page)).links
    assert [(link.text, link.context) for link in links] == [
        ("before", "body"),
        ("shadow", "shadow"),
        ("nested", "shadow"),
        ("light", "body"),
        ("after", "body"),
    ]


async def test_same_origin_frames_are_walked_and_cross_origin_skipped(
    page: Page, servers: tuple[PageServer, PageServer]
) -> None:
    """srcdoc and same-origin iframes (nested) give context iframe; a cross-origin one is skipped."""
    own, other = servers
    other_url = other.add("/frame-other.html", '<a href="/x">other origin</a>')
    inner = own.add("/frame-inner.html", '<a href="deep">deep</a>')
    framed = own.add("/frame-mid.html", f'<a href="mid">mid</a><iframe src="{inner}"></iframe>')
    url = own.add(
        "/frames.html",
        f'<a href="/top">top</a><iframe src="{framed}"></iframe>'
        '<iframe srcdoc="<a href=/srcdoc>srcdoc</a>"></iframe>'
        f'<iframe src="{other_url}"></iframe><a href="/end">end</a>',
    )
    await page.goto(url)
    await page.wait_for_load_state("load")
    links = (await collect(page)).links
    assert [(link.text, link.context) for link in links] == [
        ("top", "body"),
        ("mid", "iframe"),
        ("deep", "iframe"),
        ("srcdoc", "iframe"),
        ("end", "body"),
    ]
    assert links[2].href == own.url("/deep")


async def test_context_is_the_nearest_landmark(page: Page) -> None:
    """nav/header/footer/aside/article/main by element or role; header inside article is article."""
    await page.set_content(
        """<header><a href="/1">1</a></header>
        <div role="banner"><a href="/2">2</a></div>
        <nav><ul><li><a href="/3">3</a></li></ul></nav>
        <div role="Navigation"><a href="/4">4</a></div>
        <main><article><header><a href="/5">5</a></header><p><a href="/6">6</a></p>
          <footer><a href="/7">7</a></footer></article>
          <section><header><a href="/8">8</a></header></section>
          <p><a href="/9">9</a></p><aside><a href="/10">10</a></aside></main>
        <div role="complementary"><a href="/11">11</a></div>
        <div role="contentinfo"><a href="/12">12</a></div>
        <footer><nav><a href="/13">13</a></nav><a href="/14">14</a></footer>
        <p><a href="/15">15</a></p>"""
    )
    contexts = [link.context for link in (await collect(page)).links]
    assert contexts == [
        "header", "header", "nav", "nav", "article", "article", "article", "main", "main",
        "aside", "aside", "footer", "nav", "footer", "body",
    ]


async def test_dialogs_are_their_own_context(page: Page) -> None:
    """Cookie banners and modals (dialog element or role) give context dialog, even inside main."""
    await page.set_content(
        """<div role="dialog" aria-label="Cookies"><a href="/privacy">Privacy</a></div>
        <main><div role="alertdialog"><a href="/a">a</a></div>
          <dialog><a href="/closed">closed</a></dialog><p><a href="/p">p</a></p></main>"""
    )
    contexts = [(link.text, link.context) for link in (await collect(page)).links]
    assert contexts == [("Privacy", "dialog"), ("a", "dialog"), ("closed", "dialog"), ("p", "main")]


async def test_cap_truncates_in_document_order(page: Page) -> None:
    """maxLinks keeps the first links with ids 0..n-1 and says truncated."""
    await page.set_content("".join(f'<a href="/{i}">{i}</a>' for i in range(10)))
    collection = await collect(page, max_links=4)
    assert collection.truncated is True
    assert [(link.id, link.text) for link in collection.links] == [
        ("0", "0"), ("1", "1"), ("2", "2"), ("3", "3")
    ]
    assert (await collect(page, max_links=10)).truncated is False


async def test_page_facts_title_robots_canonical(
    page: Page, servers: tuple[PageServer, PageServer]
) -> None:
    """Title collapsed, robots and googlebot metas (any case) in order, canonical resolved."""
    own, _ = servers
    url = own.add(
        "/facts/page.html",
        "<title>  The \n title </title><meta name=ROBOTS content='noindex'>"
        "<meta name='Googlebot' content='nofollow'><meta name=description content=x>"
        "<link rel='Canonical' href='../canon'>",
    )
    await page.goto(url)
    collection = await collect(page)
    assert (collection.url, collection.title) == (url, "The title")
    assert collection.robots == ["noindex", "nofollow"]
    assert collection.canonical == own.url("/canon")


# ------------------------------------------------------------------ visibility

HIDDEN_PAGE = """<!doctype html><html><head><style>
  .sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
             overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
  .clip-path { clip-path: inset(50%); }
  .collapsed { max-height: 0; overflow: hidden; }
  .icon { font-size: 0; color: #fff; }
  .icon::before { content: "\2605"; font-size: 16px; color: #c00; }
  .sprite { display: block; width: 120px; height: 40px; text-indent: -9999px;
            background-image: linear-gradient(red, blue); }
</style></head><body style="background: #ffffff"><main>
  <a href="/visible">visible</a>
  <a href="/hidden_attribute" hidden>x</a>
  <div hidden><a href="/hidden_ancestor">x</a></div>
  <div hidden="until-found"><a href="/hidden_until_found">x</a></div>
  <div style="content-visibility:hidden"><a href="/content_visibility">x</a></div>
  <a href="/display" style="display:none">x</a>
  <div style="display:none"><p><a href="/display_ancestor">x</a></p></div>
  <details><summary><a href="/summary">summary</a></summary><a href="/details">x</a></details>
  <details open><summary>s</summary><a href="/details_open">open</a></details>
  <a href="/visibility" style="visibility:hidden">x</a>
  <div style="visibility:hidden"><a href="/visibility_ancestor">x</a></div>
  <div style="visibility:hidden"><a href="/visibility_restored" style="visibility:visible">ok</a></div>
  <a href="/opacity" style="opacity:0">x</a>
  <div style="opacity:0.1"><span style="opacity:0.05"><a href="/opacity_product">x</a></span></div>
  <div style="opacity:0.5"><a href="/opacity_half">half</a></div>
  <a href="/zero_size" style="display:inline-block;width:0;height:0"></a>
  <a href="/empty"></a>
  <a href="/scaled" style="display:inline-block;transform:scale(0)">x</a>
  <a href="/clipped" class="sr-only">x</a>
  <a href="/clip_path" class="clip-path">x</a>
  <div class="collapsed"><a href="/clipped_ancestor">x</a></div>
  <div style="height:0;overflow:hidden"><p><a href="/clipped_deep">x</a></p></div>
  <a href="/offscreen_left" style="position:absolute;left:-9999px">x</a>
  <a href="/offscreen_top" style="position:absolute;top:-5000px">x</a>
  <a href="/offscreen_fixed" style="position:fixed;top:-500px">x</a>
  <a href="/text_indent" style="display:block;text-indent:-9999px">x</a>
  <a href="/sprite" class="sprite">Logo</a>
  <a href="/font_size" style="font-size:0">x</a>
  <a href="/font_size_block" style="display:block;width:100px;height:20px;font-size:0">x</a>
  <a href="/same_colour" style="color:#ffffff">x</a>
  <div style="background:rgb(10, 20, 30)"><a href="/same_colour_dark" style="color:rgb(12, 22, 30)">x</a></div>
  <div style="background:#000"><a href="/white_on_black" style="color:#fff">ok</a></div>
  <div style="background-image:linear-gradient(#000, #000)"><a href="/over_image" style="color:#fff">ok</a></div>
  <a href="/transparent_text" style="color:transparent">x</a>
  <a href="/same_colour_with_img" style="color:#fff"><img src="data:," width="20" height="20" alt="i"></a>
  <div style="position:relative;height:60px">
    <img src="data:," style="position:absolute;inset:0;width:100%;height:60px">
    <a href="/over_hero_img" style="position:relative;color:#fff">ok</a></div>
  <div style="position:relative;height:60px">
    <div style="position:absolute;inset:0;background-image:linear-gradient(#000,#000)"></div>
    <p style="position:relative"><a href="/over_hero_layer" style="color:#fff">ok</a></p></div>
  <div style="overflow-x:auto;width:300px;white-space:nowrap">
    <span style="display:inline-block;width:5000px">wide</span><a href="/scroll_reachable">ok</a>
    <a href="/scroll_offscreen" style="position:relative;left:-9999px">x</a></div>
  <div style="overflow:auto;height:0"><a href="/zero_scroller">x</a></div>
  <a href="/font_zero_icon" class="icon">x</a>
  <a href="/white_with_red_span" style="color:#fff"><span style="color:#c00">shown</span></a>
  <a href="/font_zero_child" style="font-size:0"><span style="font-size:14px">shown</span></a>
  <a href="/white_with_white_span" style="color:#fff"><span>x</span></a>
  <svg width="100" height="20"><a href="/svg_link"><text x="0" y="15" fill="#000">svg</text></a></svg>
</main></body></html>"""


def hidden_page_with_frame_and_shadow(server: PageServer, name: str, inner: str) -> str:
    """HIDDEN_PAGE plus a same-origin frame (whose body is `inner`) and an open shadow root with
    one link, served by `server` at /NAME.html; its URL."""
    frame = server.add(f"/{name}-inner.html", inner)
    return server.add(
        f"/{name}.html",
        HIDDEN_PAGE.replace(
            "</main>",
            f'<iframe src="{frame}"></iframe><div id="host"></div></main><script>'
            "document.getElementById('host').attachShadow({mode: 'open'}).innerHTML ="
            " '<a href=\"/shadow\">shadow</a>';</script>",
        ),
    )

EXPECTED_REASONS: dict[str, str | None] = {
    "visible": None,
    "hidden_attribute": "hidden_attribute",
    "hidden_ancestor": "hidden_attribute",
    "hidden_until_found": "hidden_attribute",
    "content_visibility": "display",
    "display": "display",
    "display_ancestor": "display",
    "summary": None,
    "details": "collapsed",
    "details_open": None,
    "visibility": "visibility",
    "visibility_ancestor": "visibility",
    "visibility_restored": None,
    "opacity": "opacity",
    "opacity_product": "opacity",
    "opacity_half": None,
    "zero_size": "zero_size",
    "empty": "zero_size",
    "scaled": "zero_size",
    "clipped": "clipped",
    "clip_path": "clipped",
    "clipped_ancestor": "clipped",
    "clipped_deep": "clipped",
    "offscreen_left": "offscreen",
    "offscreen_top": "offscreen",
    "offscreen_fixed": "offscreen",
    "text_indent": "offscreen",
    "sprite": None,
    "font_size": "font_size",
    "font_size_block": "font_size",
    "same_colour": "same_colour",
    "same_colour_dark": "same_colour",
    "white_on_black": None,
    "over_image": None,
    "transparent_text": "same_colour",
    "same_colour_with_img": None,
    "over_hero_img": None,
    "over_hero_layer": None,
    "scroll_reachable": None,
    "scroll_offscreen": "offscreen",
    "zero_scroller": "clipped",
    "font_zero_icon": None,
    "white_with_red_span": None,
    "font_zero_child": None,
    "white_with_white_span": "same_colour",
    "svg_link": None,
}


async def test_each_way_of_hiding_a_link_has_its_reason(page: Page) -> None:
    """Every hiding technique is reported with its reason; look-alikes that show stay visible."""
    await page.set_content(HIDDEN_PAGE)
    seen = by_href_path(await collect(page))
    got = {path: reason for path, (_, reason) in seen.items()}
    assert got == EXPECTED_REASONS
    assert all(visible == (reason is None) for visible, reason in seen.values())


async def test_hidden_reasons_are_the_same_after_scrolling(page: Page) -> None:
    """The agent scrolls before collecting: positions are judged in document coordinates."""
    await page.set_content(HIDDEN_PAGE + '<div style="height:5000px"></div>')
    await page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    got = {path: reason for path, (_, reason) in by_href_path(await collect(page)).items()}
    assert got == EXPECTED_REASONS


async def test_image_links_with_unloaded_images_are_not_zero_size(
    page: Page, servers: tuple[PageServer, PageServer]
) -> None:
    """With image downloads blocked (as the agent does), image links are not called hidden."""
    own, _ = servers

    async def block_images(route: Route) -> None:
        await route.abort()

    await page.route("**/*.png", block_images)
    url = own.add(
        "/images.html",
        '<a href="/plain"><img src="/a.png"></a>'
        '<a href="/sized"><img src="/b.png" width="120" height="60"></a>'
        '<a href="/alt"><img src="/c.png" alt="Alt text"></a>'
        '<a href="/lazy"><img src="/d.png" loading="lazy"></a>'
        '<a href="/hidden-img" style="display:none"><img src="/e.png"></a>',
    )
    await page.goto(url)
    got = {path: reason for path, (_, reason) in by_href_path(await collect(page)).items()}
    assert got == {"plain": None, "sized": None, "alt": None, "lazy": None, "hidden-img": "display"}


async def test_area_visibility_follows_its_image(page: Page) -> None:
    """An <area> is visible when an image shown on the page uses its map, hidden otherwise."""
    await page.set_content(
        '<img src="data:," usemap="#shown" width="50" height="50">'
        '<map name="shown"><area href="/a" alt="a"></map>'
        '<img src="data:," usemap="#gone" width="50" height="50" style="display:none">'
        '<map name="gone"><area href="/b" alt="b"></map>'
        '<map name="unused"><area href="/c" alt="c"></map>'
    )
    got = {path: reason for path, (_, reason) in by_href_path(await collect(page)).items()}
    assert got == {"a": None, "b": "display", "c": "display"}


async def test_links_in_a_hidden_iframe_are_hidden(page: Page) -> None:
    """The iframe's own display or visibility hides every link in its document."""
    await page.set_content(
        '<iframe style="display:none" srcdoc="<a href=/a>a</a>"></iframe>'
        '<iframe style="visibility:hidden" srcdoc="<a href=/b>b</a>"></iframe>'
        '<iframe srcdoc="<a href=/c>c</a>"></iframe>'
    )
    await page.wait_for_function("document.querySelectorAll('iframe')[2].contentDocument.links.length")
    got = {path: reason for path, (_, reason) in by_href_path(await collect(page)).items()}
    assert got == {"a": "display", "b": "visibility", "c": None}


async def test_deeply_nested_shadow_roots_do_not_exhaust_the_stack(page: Page) -> None:
    """Shadow roots nested hundreds deep are walked up to a limit; the page's other links stay."""
    await page.set_content(
        """<div id="host"></div><a href="/after">after</a><script>
        let host = document.getElementById('host');
        for (let i = 0; i < 300; i++) {
          const root = host.attachShadow({mode: 'open'});
          root.innerHTML = '<a href="/d' + i + '">d</a><div></div>';
          host = root.querySelector('div');
        }
        </script>"""
    )
    links = (await collect(page)).links
    assert 60 <= len(links) < 300
    assert links[-1].text == "after"


async def test_a_huge_page_is_capped(page: Page) -> None:
    """A page with 60,000 links (made by script) gives the first maxLinks links and truncated."""
    await page.set_content(
        "<ul id=l></ul><script>const f = document.createDocumentFragment();"
        "for (let i = 0; i < 60000; i++) { const li = document.createElement('li');"
        " const a = document.createElement('a'); a.href = '/p/' + i; a.textContent = i;"
        " li.append(a); f.append(li); } document.getElementById('l').append(f);</script>"
    )
    collection = await collect(page, max_links=50_000)
    assert (len(collection.links), collection.truncated) == (50_000, True)
    assert collection.links[-1].text == "49999"


async def test_body_overflow_hidden_does_not_clip_the_page(page: Page) -> None:
    """overflow:hidden on a zero-height body (handed to the viewport) hides nothing."""
    await page.set_content(
        '<body style="overflow:hidden;height:0;margin:0">'
        '<div style="position:absolute;top:10px"><a href="/in">in</a></div>'
        '<div style="position:absolute;top:-500px"><a href="/out">out</a></div></body>'
    )
    got = {path: reason for path, (_, reason) in by_href_path(await collect(page)).items()}
    assert got == {"in": None, "out": "offscreen"}


async def test_content_past_a_hidden_viewport_overflow_is_offscreen(page: Page) -> None:
    """With the root's overflow hidden, a link beyond the viewport cannot be scrolled to."""
    await page.set_content(
        '<html style="overflow:hidden"><body><a href="/near">near</a>'
        '<a href="/far" style="position:absolute;left:5000px">far</a></body></html>'
    )
    got = {path: reason for path, (_, reason) in by_href_path(await collect(page)).items()}
    assert got == {"near": None, "far": "offscreen"}


async def test_a_page_that_breaks_dom_apis_still_gets_its_links(page: Page) -> None:
    """If judging visibility throws (a page replaced a DOM method), links are still reported."""
    await page.set_content(
        '<nav><a href="/a">a</a></nav><script>window.getComputedStyle = () => {'
        " throw new Error('broken'); };</script>"
    )
    lenient = decode_collection(await page.evaluate(collect_expression(10)))
    assert [(link.text, link.visible, link.context) for link in lenient.links] == [
        ("a", True, "body")
    ]
    with pytest.raises(Exception, match="broken"):
        await collect(page)


# ------------------------------------------------------------------ the isolated world


async def test_isolated_world_gives_the_same_collection(
    page: Page, servers: tuple[PageServer, PageServer]
) -> None:
    """evaluate_collector returns what page.evaluate does: hidden reasons, shadow roots, frames."""
    url = hidden_page_with_frame_and_shadow(servers[0], "iso", '<a href="deep">deep</a>')
    await page.goto(url)
    text = await evaluate_collector(page, 1000)
    assert isinstance(text, str)
    isolated = decode_collection(text)
    main_world = await collect(page)
    assert isolated == main_world
    assert {"iframe", "shadow"} <= {link.context for link in isolated.links}


async def test_isolated_world_ignores_a_hostile_page(page: Page) -> None:
    """A page that sabotages the main world (getComputedStyle, Map, JSON, DOM methods) cannot
    hide its links or their hiding from the isolated collector."""
    await page.set_content(
        '<a href="/seen">seen</a><a href="/hidden" style="display:none">hidden</a><script>'
        "window.getComputedStyle = () => ({}); window.Map = function () {};"
        " JSON.stringify = () => '{\"url\": \"fake\", \"links\": []}';"
        " Document.prototype.querySelectorAll = () => [];"
        " Element.prototype.checkVisibility = () => true;</script>"
    )
    text = await evaluate_collector(page, 10)
    assert isinstance(text, str)
    links = decode_collection(text).links
    assert [(link.text, link.hidden_reason) for link in links] == [
        ("seen", None), ("hidden", "display")
    ]


async def test_isolated_world_errors_raise_like_page_evaluate(
    page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A script error in the isolated world raises Playwright's Error with its message."""
    await page.set_content("<a href='/x'>x</a>")
    monkeypatch.setattr(
        collector_module,
        "collect_expression",
        lambda _cap, **_options: "(() => { throw new Error('boom'); })()",
    )
    with pytest.raises(PlaywrightError, match="boom"):
        await evaluate_collector(page, 10)


async def test_the_collect_does_not_wait_for_the_session_to_detach(
    page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    """evaluate_collector returns its answer before its CDP session has detached (one round trip
    fewer); the detach still happens, in the background."""
    await page.set_content("<a href='/x'>x</a>")
    detached: list[bool] = []
    original = CDPSession.detach

    async def slow_detach(self: CDPSession) -> None:
        await asyncio.sleep(0.2)
        await original(self)
        detached.append(True)

    monkeypatch.setattr(CDPSession, "detach", slow_detach)
    text = await evaluate_collector(page, 10)
    assert isinstance(text, str)
    assert detached == []
    assert len(collector_module._detaching) == 1
    await asyncio.gather(*collector_module._detaching)
    assert detached == [True]
    assert not collector_module._detaching


async def test_a_document_without_root_element_has_no_links(page: Page) -> None:
    """A page that removed its own <html> element gives an empty collection, not an error."""
    await page.set_content("<a href='/x'>x</a>")
    await page.evaluate("document.documentElement.remove()")
    text = await evaluate_collector(page, 10)
    assert isinstance(text, str)
    assert decode_collection(text).links == []


async def test_content_visibility_auto_sections_are_visible(page: Page) -> None:
    """Links in content-visibility:auto sections (skipped while off screen) are not hidden."""
    await page.set_content(
        "".join(
            f'<section style="content-visibility:auto;contain-intrinsic-size:auto 500px">'
            f'<p>text {i}</p><a href="/s{i}">section {i}</a></section>'
            for i in range(12)
        )
    )
    await page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    links = (await collect(page)).links
    assert [(link.visible, link.hidden_reason) for link in links] == [(True, None)] * 12



# ------------------------------------------------------------------ collapsed widgets

COLLAPSED_PAGE = """<!doctype html><html><head><style>
  body { margin: 0; background: #fff; color: #222; }
  .slider { width: 100%; overflow: hidden; }
  .slider-track { display: flex; transform: translateX(0); }
  .slide { flex: 0 0 100%; }
  .drawer { position: fixed; top: 0; left: 0; width: 280px; height: 100%;
            transform: translateX(-100%); background: #fff; }
  .accordion-body { max-height: 0; overflow: hidden; }
  .white { color: #fff; }
</style></head><body><main>
  <details><summary>Can I adopt?</summary><p>See <a href="/details">ASPCA</a>.</p></details>
  <div class="slider" aria-roledescription="carousel">
    <div class="slider-track">
      <div class="slide" role="group" aria-roledescription="slide"><a href="/slide1">one</a></div>
      <div class="slide" role="group" aria-roledescription="slide"><a href="/slide2">two</a></div>
      <div class="slide" role="group" aria-roledescription="slide"><a href="/slide3">three</a></div>
    </div></div>
  <div style="overflow:hidden"><div style="display:flex;transform:translateX(0)">
    <div class="swiper-slide" style="flex:0 0 100%"><a href="/swiper1">a</a></div>
    <div class="swiper-slide" style="flex:0 0 100%;visibility:hidden"><a href="/swiper2">b</a></div>
  </div></div>
  <div aria-roledescription="carousel"><div role="group" style="display:none">
    <a href="/group_slide">g</a></div></div>
  <div role="tablist"><button role="tab" aria-controls="t1" aria-selected="true">One</button>
    <button role="tab" aria-controls="t2" aria-selected="false">Two</button></div>
  <div role="tabpanel" id="t1"><a href="/tab1">shown tab</a></div>
  <div role="tabpanel" id="t2" hidden><p><a href="/tab2">hidden tab</a></p></div>
  <button aria-expanded="false" aria-controls="offcanvas">Menu</button>
  <div id="offcanvas" class="drawer"><a href="/offcanvas">menu item</a></div>
  <button aria-expanded="false" aria-controls="acc1">Question</button>
  <div id="acc1" class="accordion-body"><a href="/accordion">answer</a></div>
  <button aria-expanded="true" aria-controls="acc2">Open question</button>
  <div id="acc2" class="accordion-body"><a href="/accordion_open_but_clipped">x</a></div>
  <button data-bs-toggle="offcanvas" aria-controls="bs-offcanvas">Open</button>
  <div id="bs-offcanvas" class="offcanvas" tabindex="-1" style="visibility:hidden">
    <a href="/bootstrap_offcanvas">b</a></div>
  <div class="mobile-menu" aria-hidden="true" style="display:none"><a href="/aria_drawer">m</a></div>
  <div aria-hidden="true" style="display:none"><a href="/aria_hidden_plain">x</a></div>
  <p>Body text <a href="/body_display" style="display:none">x</a>
    <a href="/body_white" class="white">x</a></p>
  <div class="carousel"><a href="/self_hidden_in_carousel" style="display:none">x</a>
    <a href="/white_in_carousel" class="white">x</a>
    <a href="/abs_in_carousel" style="position:absolute;left:-9999px">x</a></div>
  <details><summary>s</summary><a href="/details_self" style="display:none">x</a></details>
  <div style="overflow:hidden"><div style="transform:translateX(200%)"><a href="/pushed_plain">x</a>
  </div></div>
  <div class="slick-list" style="width:400px;overflow:hidden"><div style="display:flex;width:1200px">
    <div style="width:400px"><a href="/narrow1">n1</a></div>
    <div style="width:400px"><a href="/narrow2">n2</a></div></div></div>
  <div style="width:400px;height:40px;overflow:hidden"><p style="margin:0;height:40px">Text</p>
    <p><a href="/read_more_plain">below the cut</a></p></div>
</main></body></html>"""

COLLAPSED_EXPECTED: dict[str, str | None] = {
    "details": "collapsed",
    "slide1": None,
    "slide2": "collapsed",
    "slide3": "collapsed",
    "swiper1": None,
    "swiper2": "collapsed",
    "group_slide": "collapsed",
    "tab1": None,
    "tab2": "collapsed",
    "offcanvas": "collapsed",
    "accordion": "collapsed",
    # Its button says open: the clipping is not a widget closing, so it keeps its reason.
    "accordion_open_but_clipped": "clipped",
    # Controlled by a button without aria-expanded (Bootstrap's offcanvas toggle).
    "bootstrap_offcanvas": "collapsed",
    "aria_drawer": "collapsed",
    # aria-hidden on a plain div with nothing saying it is a drawer: not enough.
    "aria_hidden_plain": "display",
    # Near-misses: hidden in body text outside any widget keep their reasons...
    "body_display": "display",
    "body_white": "same_colour",
    # ... and so does a link that hides itself inside a widget.
    "self_hidden_in_carousel": "display",
    "white_in_carousel": "same_colour",
    "abs_in_carousel": "offscreen",
    "details_self": "display",
    # Pushed out of an overflow:hidden box that is no widget: still offscreen.
    "pushed_plain": "offscreen",
    # A narrow slider inside the page: the second slide is only outside the slider's window.
    "narrow1": None,
    "narrow2": "collapsed",
    # Outside a clipping box that is no widget (truncated text): counted visible, as before.
    "read_more_plain": None,
}


async def test_links_in_closed_widgets_are_collapsed(page: Page) -> None:
    """Closed <details>, hidden tab panels, slides not showing, aria-expanded=false regions and
    aria-hidden drawers give `collapsed`; links hidden by their own style, or outside any such
    widget, keep their CSS reason."""
    await page.set_content(COLLAPSED_PAGE)
    seen = by_href_path(await collect(page))
    got = {path: reason for path, (_, reason) in seen.items()}
    assert got == COLLAPSED_EXPECTED
    assert all(visible == (reason is None) for visible, reason in seen.values())


async def test_collapsed_inside_a_shadow_root(page: Page) -> None:
    """aria-controls is looked up in the link's own tree (a web component's shadow root)."""
    await page.set_content(
        """<div id="host"></div><script>
        document.getElementById('host').attachShadow({mode: 'open'}).innerHTML =
          '<button aria-expanded="false" aria-controls="p">More</button>' +
          '<div id="p" style="display:none"><a href="/in_shadow">x</a></div>' +
          '<div style="display:none"><a href="/plain_shadow">x</a></div>';
        </script>"""
    )
    got = {path: reason for path, (_, reason) in by_href_path(await collect(page)).items()}
    assert got == {"in_shadow": "collapsed", "plain_shadow": "display"}
