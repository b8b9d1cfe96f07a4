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
    "evaluate_collector",
]

import asyncio
import contextlib
import functools
import json
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import msgspec
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from protocol import Collection

_PACKAGE_FILE = "collector.js"
_SOURCE_FILE = Path(__file__).resolve().parent.parent / "extension" / "collector.js"

_decoder = msgspec.json.Decoder(Collection)
_WORLD = "linklens-collector"


def _packaged() -> Traversable:
    return resources.files("agent").joinpath(_PACKAGE_FILE)


@functools.cache
def collector_source() -> str:
    """The collector script's text: package data when installed, else the extension's file."""
    packaged = _packaged()
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return _SOURCE_FILE.read_text(encoding="utf-8")


def collect_expression(max_links: int) -> str:
    """JavaScript for one `page.evaluate`: define the collector and call it; yields a JSON string.

    The script runs inside a function so its `var linklensCollect` is local: a page that defined
    a global of that name cannot substitute its own function.
    """
    options = json.dumps({"maxLinks": int(max_links)})
    return f"(function () {{\n{collector_source()}\nreturn linklensCollect({options});\n}})()"


def decode_collection(text: str | bytes) -> Collection:
    """Decode the collector's JSON string (raises msgspec.ValidationError / DecodeError)."""
    return _decoder.decode(text)


async def evaluate_collector(page: Page, max_links: int) -> object:
    """Run the collector once in an isolated world of the page's main frame; its JSON string.

    Same script, same result as `page.evaluate(collect_expression(max_links))`, but the page's
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
                "expression": collect_expression(max_links),
                "contextId": world["executionContextId"],
                "returnByValue": True,
            },
        )
    finally:
        # Bounded: a renderer stuck in `while(true){}` must not keep the job waiting here too.
        with contextlib.suppress(PlaywrightError, TimeoutError):
            await asyncio.wait_for(session.detach(), 2.0)
    details = reply.get("exceptionDetails")
    if details is not None:
        exception = details.get("exception") or {}
        raise PlaywrightError(f"collector: {exception.get('description') or details.get('text')}")
    return reply["result"].get("value")


async def collect_links(page: Page, max_links: int) -> Collection:
    """The links of the page's main frame (and its open shadow roots and same-origin frames):
    the collector run once in an isolated world, decoded. This is what the render calls.

    Raises Playwright's Error when the script cannot run (the page navigated away, the renderer
    is gone), msgspec's errors when its answer is not a Collection.
    """
    text = await evaluate_collector(page, max_links)
    if not isinstance(text, str):
        raise PlaywrightError("collector: no result")
    return decode_collection(text)
