"""The shared collector script (docs/DESIGN.md §2.3): load it, run it, decode its answer.

The master copy is `extension/collector.js`; wheels carry it as package data `agent/render/collector.js`
(pyproject's hatch force-include maps it in, no hand copy). A source or editable checkout has no
such file inside `agent/`, so the extension's file is read directly. Either way the agent
evaluates the extension's file byte for byte, once per page, and gets back one JSON string.
"""

from __future__ import annotations

__all__ = [
    "PreparedCollector",
    "collect_expression",
    "collect_links",
    "collector_source",
    "decode_collection",
    "decode_rows",
    "evaluate_collector",
    "prepare_collector",
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
_SOURCE_FILE = Path(__file__).resolve().parents[2] / "extension" / "collector.js"

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
    return resources.files("agent.render").joinpath(_PACKAGE_FILE)


@functools.cache
def collector_source() -> str:
    """The collector script's text: package data when installed, else the extension's file."""
    packaged = _packaged()
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return _SOURCE_FILE.read_text(encoding="utf-8")


#: Before collecting, back to the top (visibility is judged as a person landing on the page sees
#: it). "instant": a page with `scroll-behavior: smooth` would otherwise only start an animation.
#: Then one frame runs, as after the render's own jump up: scroll handlers (a header that slid
#: away while scrolling down) put the page back before it is judged; bounded for a page that
#: never paints. A window already at the top has nothing to wait for.
_SCROLL_TO_TOP = """if (window.scrollX || window.scrollY) {
  window.scrollTo({top: 0, left: 0, behavior: "instant"});
  await Promise.race([new Promise(function (r) { requestAnimationFrame(function () { r(); }); }),
    new Promise(function (r) { setTimeout(r, 100); })]);
}
"""


def _wrapper(body: str, scroll_to_top: bool) -> str:
    # An async function only when it waits for the frame (Runtime.evaluate awaits its promise).
    if scroll_to_top:
        return f"(async function () {{\n{_SCROLL_TO_TOP}{body}\n}})()"
    return f"(function () {{\n{body}\n}})()"


def collect_expression(max_links: int, *, rows: bool = False, scroll_to_top: bool = False) -> str:
    """JavaScript for one `page.evaluate`: define the collector and call it; yields a JSON string.

    The script runs inside a function so its `var linklensCollect` is local: a page that defined
    a global of that name cannot substitute its own function. `rows` asks for the compact form
    (decode it with decode_rows); `scroll_to_top` scrolls the window to the top first and lets a
    frame run, in the same evaluation (which then yields a promise of the string).
    """
    options: dict[str, object] = {"maxLinks": int(max_links)}
    if rows:
        options["rows"] = True
    return _wrapper(
        f"{collector_source()}\nreturn linklensCollect({json.dumps(options)});", scroll_to_top
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


def _detach_later(session: CDPSession) -> None:
    # Nothing waits on a detach (one round trip off every collect, and a cancelled collect
    # returns at once); the task is kept referenced until done.
    task = asyncio.get_running_loop().create_task(_detach(session))
    _detaching.add(task)
    task.add_done_callback(_detaching.discard)


async def _evaluate(session: CDPSession, context_id: int, expression: str) -> object:
    """One Runtime.evaluate by value in that context; its value, or Playwright's Error."""
    reply = await session.send(
        "Runtime.evaluate",
        {
            "expression": expression,
            "contextId": context_id,
            "returnByValue": True,
            "awaitPromise": True,
        },
    )
    details = reply.get("exceptionDetails")
    if details is not None:
        exception = details.get("exception") or {}
        raise PlaywrightError(f"collector: {exception.get('description') or details.get('text')}")
    return reply["result"].get("value")


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
        return await _evaluate(
            session,
            world["executionContextId"],
            collect_expression(max_links, rows=rows, scroll_to_top=scroll_to_top),
        )
    finally:
        _detach_later(session)


async def collect_links(page: Page, max_links: int, *, scroll_to_top: bool = False) -> Collection:
    """The links of the page's main frame (and its open shadow roots and same-origin frames):
    the collector run once in an isolated world, decoded. For a page that was not prepared: the
    render prepares its pages (prepare_collector) and gets the same answer in fewer round trips.

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


#: Not _WORLD: the prepared world is found again by its name, and must hold the installed script.
_PREPARED_WORLD = "linklens-collector-prepared"


class PreparedCollector:
    """The collector installed ahead of time in an isolated world of each new document of a page
    (see prepare_collector); `collect` is then two round trips, and a small script to send."""

    def __init__(self, session: CDPSession, frame_id: str) -> None:
        self._session = session
        self._frame_id = frame_id

    async def collect(self, max_links: int, *, scroll_to_top: bool = False) -> Collection:
        """What collect_links gives for the page's current document (and raises the same)."""
        try:
            world = await self._world()
        except PlaywrightError:
            # The main frame keeps its id for the page's life in Chromium; should that ever
            # change, look it up again rather than fail the render.
            tree = await self._session.send("Page.getFrameTree")
            self._frame_id = tree["frameTree"]["frame"]["id"]
            world = await self._world()
        context = world["executionContextId"]
        options = json.dumps({"maxLinks": int(max_links), "rows": True})
        text = await _evaluate(
            self._session,
            context,
            _wrapper(
                f"return typeof linklensCollect === 'function' ? linklensCollect({options}) : null;",
                scroll_to_top,
            ),
        )
        if text is None:
            # This document began before the script was installed (or it could not run there):
            # send the whole script this once, as collect_links does.
            text = await _evaluate(
                self._session,
                context,
                collect_expression(max_links, rows=True, scroll_to_top=scroll_to_top),
            )
        if not isinstance(text, str):
            raise PlaywrightError("collector: no result")
        return decode_rows(text)

    async def _world(self) -> dict[str, int]:
        # Chromium answers with the world this session already made in the current document
        # (where the installed script ran), or makes one.
        world: dict[str, int] = await self._session.send(
            "Page.createIsolatedWorld", {"frameId": self._frame_id, "worldName": _PREPARED_WORLD}
        )
        return world

    def close(self) -> None:
        """Detach the session (in the background); the page's later documents get no script."""
        _detach_later(self._session)


async def prepare_collector(page: Page) -> PreparedCollector:
    """Install the collector, byte for byte, in an isolated world of every document the page
    loads from now on (call it before navigating), and keep the CDP session for the collects.

    Moves out of each collect what collect_links pays every time: opening a session, looking up
    the main frame, creating a world, sending and compiling the ~40 KB script (the script is
    compiled while the page loads instead). The page's own scripts cannot reach that world.
    Page.enable: Chromium runs a script added for new documents only while the session that
    added it has the Page domain on. Raises Playwright's Error when the page is gone.
    """
    session = await page.context.new_cdp_session(page)
    try:
        replies = await asyncio.gather(
            session.send("Page.getFrameTree"),
            session.send("Page.enable"),
            session.send(
                "Page.addScriptToEvaluateOnNewDocument",
                {"source": collector_source(), "worldName": _PREPARED_WORLD},
            ),
        )
    except BaseException:
        _detach_later(session)
        raise
    return PreparedCollector(session, replies[0]["frameTree"]["frame"]["id"])
