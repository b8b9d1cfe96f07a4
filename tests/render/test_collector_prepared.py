"""prepare_collector: the collector installed before navigation in an isolated world of each new
document, so that a collect sends a small call instead of the whole script. Same answers as
collect_links, in real Chromium."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.async_api import CDPSession, Page

from agent.render.collector import collect_links, collector_source, prepare_collector
from tests.harness.pages import PageServer
from tests.render.test_collector import hidden_page_with_frame_and_shadow
from tests.render.test_collector_rows import SLIDING_HEADER, scrolled_down

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="module")]


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    """Every CDP command the tests' sessions send, with its parameters."""
    seen: list[tuple[str, dict[str, Any]]] = []
    original = CDPSession.send

    async def spy(self: CDPSession, method: str, params: dict[str, Any] | None = None) -> Any:
        seen.append((method, params or {}))
        return await original(self, method, params)

    monkeypatch.setattr(CDPSession, "send", spy)
    return seen


def evaluations(sent: list[tuple[str, dict[str, Any]]]) -> list[str]:
    return [params["expression"] for method, params in sent if method == "Runtime.evaluate"]


async def test_same_collection_as_collect_links_with_a_small_call(
    page: Page, servers: tuple[PageServer, PageServer], sent: list[tuple[str, dict[str, Any]]]
) -> None:
    """Hidden reasons, a same-origin frame and a shadow root: what collect_links gives, from one
    evaluation that does not carry the script; the installed script is the file byte for byte."""
    url = hidden_page_with_frame_and_shadow(servers[0], "prep", '<a href="deep">deep</a>')
    prepared = await prepare_collector(page)
    installed = [p for m, p in sent if m == "Page.addScriptToEvaluateOnNewDocument"]
    assert [p["source"] for p in installed] == [collector_source()]
    await page.goto(url)
    sent.clear()
    collection = await prepared.collect(1000)
    calls = evaluations(sent)
    assert len(calls) == 1
    assert len(calls[0]) < 500
    assert collection == await collect_links(page, 1000)
    assert {"iframe", "shadow"} <= {link.context for link in collection.links}
    prepared.close()


async def test_every_later_document_gets_it(
    page: Page, servers: tuple[PageServer, PageServer], sent: list[tuple[str, dict[str, Any]]]
) -> None:
    """After a navigation the new document has its own installed collector: each collect sees
    its own document's links, twice on the same document too, without sending the script."""
    own, _ = servers
    first = own.add("/prep-a.html", '<a href="/one">one</a>')
    second = own.add("/prep-b.html", '<nav><a href="/two">two</a><a href="/three">3</a></nav>')
    prepared = await prepare_collector(page)
    await page.goto(first)
    sent.clear()
    assert [link.text for link in (await prepared.collect(10)).links] == ["one"]
    await page.goto(second)
    for _ in range(2):
        links = (await prepared.collect(10)).links
        assert [(link.text, link.context) for link in links] == [("two", "nav"), ("3", "nav")]
    assert all(len(expression) < 500 for expression in evaluations(sent))
    prepared.close()


async def test_a_document_from_before_gets_the_whole_script(
    page: Page, sent: list[tuple[str, dict[str, Any]]]
) -> None:
    """Prepared after the document was made (no installed script there), the collect still
    works: it sends the whole script that once."""
    await page.set_content('<a href="/x" style="display:none">x</a>')
    prepared = await prepare_collector(page)
    sent.clear()
    links = (await prepared.collect(10)).links
    assert [(link.text, link.hidden_reason) for link in links] == [("x", "display")]
    calls = evaluations(sent)
    assert len(calls) == 2
    assert collector_source() in calls[1]
    prepared.close()


async def test_a_hostile_page_cannot_reach_it(
    page: Page, servers: tuple[PageServer, PageServer]
) -> None:
    """A page that sabotages its own world and defines linklensCollect gets the real collector."""
    own, _ = servers
    url = own.add(
        "/prep-hostile.html",
        '<a href="/seen">seen</a><a href="/hidden" style="display:none">hidden</a><script>'
        "window.linklensCollect = () => JSON.stringify({url: 'fake', rows: []});"
        "window.getComputedStyle = () => ({}); window.Map = function () {};"
        " JSON.stringify = () => '{}'; Document.prototype.querySelectorAll = () => [];"
        " Element.prototype.checkVisibility = () => true;</script>",
    )
    prepared = await prepare_collector(page)
    await page.goto(url)
    links = (await prepared.collect(10)).links
    assert [(link.text, link.hidden_reason) for link in links] == [
        ("seen", None),
        ("hidden", "display"),
    ]
    prepared.close()


async def test_scroll_to_top(page: Page, servers: tuple[PageServer, PageServer]) -> None:
    """scroll_to_top scrolls instantly to the top in the same call, on a smooth-scrolling page,
    and the page's scroll handler has put its header back when the links are judged."""
    own, _ = servers
    url = own.add("/prep-scroll.html", SLIDING_HEADER)
    prepared = await prepare_collector(page)
    await page.goto(url)
    await scrolled_down(page)
    links = (await prepared.collect(10)).links
    assert [(link.text, link.hidden_reason) for link in links] == [
        ("home", "display"),
        ("bottom", None),
    ]
    assert await page.evaluate("window.scrollY") > 1000
    links = (await prepared.collect(10, scroll_to_top=True)).links
    assert await page.evaluate("window.scrollY") == 0
    assert [(link.text, link.visible) for link in links] == [("home", True), ("bottom", True)]
    prepared.close()
