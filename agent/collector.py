"""The shared collector script (DESIGN 1.3): load it, build the expression, decode its answer.

The master copy is `extension/collector.js`; wheels carry it as package data `agent/collector.js`
(pyproject's hatch force-include maps it in, no hand copy). A source or editable checkout has no
such file inside `agent/`, so the extension's file is read directly. Either way the agent
evaluates the extension's file byte for byte, once per page, and gets back one JSON string.
"""

from __future__ import annotations

__all__ = [
    "collect_expression",
    "collect_links",
    "collector_source",
    "decode_collection",
    "decode_rows",
    "evaluate_collector",
]

import asyncio
import contextlib
import functools
import json
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Literal

import msgspec
from playwright.async_api import CDPSession, Page
from playwright.async_api import Error as PlaywrightError

from protocol import CollectedLink, Collection

_PACKAGE_FILE = "collector.js"
_SOURCE_FILE = Path(__file__).resolve().parent.parent / "extension" / "collector.js"

_WORLD = "linklens-collector"


_Index = Annotated[int, msgspec.Meta(ge=0)]


class _Row(msgspec.Struct, array_like=True, gc=False):
    """One link of the collector's compact form (`rows: true`; the collector's header comment
    says what each position holds). Internal to the agent: the protocol never carries it.
    Holds only strings and numbers, so the garbage collector need not track the thousands made
    per page (gc=False)."""

    prefix: _Index
    rest: str | None
    attr: str | int | None
    text: str = ""
    kind: _Index = 0
    rel: str = ""


class _Rows(msgspec.Struct, kw_only=True):
    """The whole compact answer: a Collection whose links are rows over two shared tables."""

    url: str
    title: str = ""
    rows: list[_Row] = msgspec.field(default_factory=list)
    prefixes: list[str] = msgspec.field(default_factory=list)
    kinds: list[tuple[Literal["a", "area"], str, str | None]] = msgspec.field(default_factory=list)
    truncated: bool = False
    robots: list[str] = msgspec.field(default_factory=list)
    canonical: str | None = None


_decoder = msgspec.json.Decoder(Collection)
_rows_decoder = msgspec.json.Decoder(_Rows)


def _packaged() -> Traversable:
    return resources.files("agent").joinpath(_PACKAGE_FILE)


@functools.cache
def collector_source() -> str:
    """The collector script's text: package data when installed, else the extension's file."""
    packaged = _packaged()
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return _SOURCE_FILE.read_text(encoding="utf-8")


#: Before collecting, back to the top (visibility is judged as a person landing on the page sees
#: it). "instant": a page with `scroll-behavior: smooth` would otherwise only start an animation.
_SCROLL_TO_TOP = 'window.scrollTo({top: 0, left: 0, behavior: "instant"});\n'


def collect_expression(max_links: int, *, rows: bool = False, scroll_to_top: bool = False) -> str:
    """JavaScript for one `page.evaluate`: define the collector and call it; yields a JSON string.

    The script runs inside a function so its `var linklensCollect` is local: a page that defined
    a global of that name cannot substitute its own function. `rows` asks for the compact form
    (decode it with decode_rows); `scroll_to_top` scrolls the window to the top first, in the
    same evaluation.
    """
    options: dict[str, object] = {"maxLinks": int(max_links)}
    if rows:
        options["rows"] = True
    scroll = _SCROLL_TO_TOP if scroll_to_top else ""
    return (
        f"(function () {{\n{collector_source()}\n"
        f"{scroll}return linklensCollect({json.dumps(options)});\n}})()"
    )


def decode_collection(text: str | bytes) -> Collection:
    """Decode the collector's JSON string (raises msgspec.ValidationError / DecodeError)."""
    return _decoder.decode(text)


def decode_rows(text: str | bytes) -> Collection:
    """Decode the collector's compact form (`rows: true`) into the Collection the object form
    gives for the same page (raises msgspec.ValidationError / DecodeError)."""
    answer = _rows_decoder.decode(text)
    prefixes = answer.prefixes
    kinds = [(tag, context, reason is None, reason) for tag, context, reason in answer.kinds]
    links: list[CollectedLink] = []
    append = links.append  # a few thousand rows: the loop's own cost shows
    try:
        for index, row in enumerate(answer.rows):
            rest = row.rest
            attr = row.attr
            href: str | None = None
            if rest is not None:
                href = prefixes[row.prefix] + rest
                if attr == 0:
                    attr = rest
                elif attr == 1:
                    attr = href
            if isinstance(attr, int):
                raise msgspec.ValidationError(f"collector: row {index} has attr code {attr}")
            tag, context, visible, reason = kinds[row.kind]
            append(
                CollectedLink(
                    id=str(index),
                    href=href,
                    attr_href=attr,
                    rel=row.rel,
                    text=row.text,
                    tag=tag,
                    context=context,
                    visible=visible,
                    hidden_reason=reason,
                )
            )
    except IndexError:
        raise msgspec.ValidationError("collector: a row names a prefix or kind it lacks") from None
    return Collection(
        url=answer.url,
        title=answer.title,
        links=links,
        truncated=answer.truncated,
        robots=answer.robots,
        canonical=answer.canonical,
    )


_detaching: set[asyncio.Task[None]] = set()


async def _detach(session: CDPSession) -> None:
    # Bounded: a renderer stuck in `while(true){}` must not keep this task alive either. A page
    # closed in the meantime took the session with it: nothing to do then.
    with contextlib.suppress(PlaywrightError, TimeoutError):
        await asyncio.wait_for(session.detach(), 2.0)


async def evaluate_collector(
    page: Page, max_links: int, *, rows: bool = False, scroll_to_top: bool = False
) -> object:
    """Run the collector once in an isolated world of the page's main frame; its JSON string.

    Same script, same result as `page.evaluate(collect_expression(max_links, ...))`, but the page's
    own scripts cannot interfere: in the page's world a site can replace getComputedStyle, Map
    or JSON.stringify (or the DOM methods the collector calls) and so hide links from the agent
    alone, since the extension's content script already runs isolated. Same-origin frames and
    open shadow roots are reached as in the main world. Failures raise Playwright's Error, like
    page.evaluate.
    """
    session = await page.context.new_cdp_session(page)
    try:
        tree = await session.send("Page.getFrameTree")
        world = await session.send(
            "Page.createIsolatedWorld",
            {"frameId": tree["frameTree"]["frame"]["id"], "worldName": _WORLD},
        )
        reply = await session.send(
            "Runtime.evaluate",
            {
                "expression": collect_expression(max_links, rows=rows, scroll_to_top=scroll_to_top),
                "contextId": world["executionContextId"],
                "returnByValue": True,
            },
        )
    finally:
        # Nothing waits on the detach (one round trip off every collect, and a cancelled
        # collect returns at once); it is kept referenced until done.
        task = asyncio.get_running_loop().create_task(_detach(session))
        _detaching.add(task)
        task.add_done_callback(_detaching.discard)
    details = reply.get("exceptionDetails")
    if details is not None:
        exception = details.get("exception") or {}
        raise PlaywrightError(f"collector: {exception.get('description') or details.get('text')}")
    return reply["result"].get("value")


async def collect_links(page: Page, max_links: int, *, scroll_to_top: bool = False) -> Collection:
    """The links of the page's main frame (and its open shadow roots and same-origin frames):
    the collector run once in an isolated world, decoded. This is what the render calls.

    The collector answers in its compact form (a fifth of the bytes at thousands of links, and
    carrying the string out of the page costs time per byte); the Collection is the one the
    object form gives. `scroll_to_top` scrolls the window to the top first, in the same
    evaluation (one round trip fewer than a separate scroll).

    Raises Playwright's Error when the script cannot run (the page navigated away, the renderer
    is gone), msgspec's errors when its answer is not a Collection.
    """
    text = await evaluate_collector(page, max_links, rows=True, scroll_to_top=scroll_to_top)
    if not isinstance(text, str):
        raise PlaywrightError("collector: no result")
    return decode_rows(text)
