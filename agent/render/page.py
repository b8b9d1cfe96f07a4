"""Render one page in headless Chromium and run the collector in it, once: the render as a
sequence of named steps.

    open the page (fresh context, proxy = this job's address guard, page rules, collector and
    clock attached) -> navigate (until the response commits) -> settle (the page's clock runs a
    budget of page time; real-time quiet network when it misbehaves) -> scroll to the bottom
    while the page grows -> collect (back at the top, ONCE, in an isolated world) -> read the
    main document as it was sent -> [keep_html: the DOM as the scripts left it]

What the page may do is in page_rules.py, the address guard in address_guard.py, the waits in
virtual_time.py and settle.py, the error sentences in errors.py, the deadline and the timings in
clock.py. Deadline: everything before the collector must end by the deadline minus a reserve
kept for collecting; when waiting is cut short the page is collected as it is and `partial` is
set. When nothing can be collected (no response, a renderer stuck in `while(true){}`) the job
fails with `render_timeout`. The whole call is also bounded with asyncio, because a Playwright
call on a busy page can hang. docs/SCAN.md says all of it in prose.
"""

from __future__ import annotations

__all__ = ["RenderResult", "render_page"]

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass

from playwright.async_api import BrowserContext, Page, Response, Route
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from agent.config import Config
from agent.errors import ScanError
from agent.net.address_policy import AddressPolicy
from agent.net.resolver import HostResolver
from agent.render.address_guard import AddressGuard
from agent.render.browser_pool import BrowserPool
from agent.render.clock import Deadline, Laps
from agent.render.collector import PreparedCollector, prepare_collector
from agent.render.errors import (
    NET_ERROR,
    browser_gone,
    browser_stopped,
    navigation_error,
    raise_for_failed_navigation,
    raise_if_cancelled,
    refuse_non_html,
)
from agent.render.page_rules import (
    QUIET_PAGE_SCRIPT,
    close_popup,
    dismiss,
    refuse_download,
    route_request,
)
from agent.render.result import RenderResult, header
from agent.render.settle import (
    IDLE_QUIET_WINDOW_S,
    QUIET_WINDOW_S,
    back_to_top,
    idle_callbacks_run,
    network_quiet,
    scroll,
)
from agent.render.user_agent import fill_version
from agent.render.virtual_time import VirtualClock
from agent.render.watch import PageWatch
from protocol import Collection, ErrorCode

log = logging.getLogger(__name__)

# Nothing in flight for this long and the page's clock has still not spent its budget: the
# renderer is what holds it back (measured: a 3,000-element animation), so wait in real time.
_CLOCK_STALL_S = 0.5
# Googlebot smartphone renders at a 412 px wide screen (a Pixel-class phone).
_PHONE_CONTEXT: dict[str, object] = {
    "viewport": {"width": 412, "height": 915},
    "device_scale_factor": 2.625,
    "is_mobile": True,
    "has_touch": True,
}


async def render_page(
    browser: BrowserPool,
    url: str,
    *,
    config: Config,
    policy: AddressPolicy,
    deadline_s: float,
    user_agent: str | None = None,
    max_links: int | None = None,
    resolver: HostResolver | None = None,
    max_html_bytes: int | None = None,
    mobile: bool = False,
    keep_html: bool = False,
) -> RenderResult:
    """Render `url` and collect its links (see the module docstring).

    `user_agent` replaces the browser's own; its `Chrome/W.X.Y.Z` (Google's notation) becomes
    the launched browser's version. `mobile` renders on a 412x915 touch screen. `keep_html`
    also serializes the DOM after collecting (`RenderResult.rendered_html`, for an audit's main
    text); it never fails the render, and renders that do not ask pay nothing.
    Raises TargetRefused (the page or a redirect of it is outside the policy) or ScanError
    (unreachable, render_timeout, too_many_redirects, not_html, browser_unavailable).
    """
    # Launching Chromium (first job, or after a crash) is the agent's cost, not the page's: it
    # happens before the page's deadline starts.
    launched = await browser.browser()
    if user_agent:
        user_agent = fill_version(user_agent, launched.version)
    guard = AddressGuard(
        policy, resolver or HostResolver(config), connect_timeout_s=config.check_timeout_s
    )
    await guard.start()
    try:
        return await asyncio.wait_for(
            _render(
                browser,
                url,
                config=config,
                policy=policy,
                guard=guard,
                deadline=Deadline.starting_now(deadline_s),
                user_agent=user_agent,
                mobile=mobile,
                keep_html=keep_html,
                max_links=config.max_links if max_links is None else max_links,
                max_html_bytes=config.max_html_bytes if max_html_bytes is None else max_html_bytes,
            ),
            deadline_s + Deadline.grace_s,
        )
    except TimeoutError:
        raise ScanError(ErrorCode.RENDER_TIMEOUT) from None
    except PlaywrightError as exc:
        # Chromium died under the job (crash, killed): this job fails, the pool relaunches it for
        # the next one. Anything else from Playwright is a bug and propagates.
        if not browser_gone(exc):
            raise
        raise browser_stopped() from None
    finally:
        await guard.close()


@dataclass
class _OpenPage:
    """The page of one render and what was attached to it before navigating."""

    page: Page
    watch: PageWatch
    collector: PreparedCollector
    clock: VirtualClock | None
    #: The page's clock stays paused after settling (a polling page): no frames, so no scroll.
    frozen: bool = False


async def _render(
    browser: BrowserPool,
    url: str,
    *,
    config: Config,
    policy: AddressPolicy,
    guard: AddressGuard,
    deadline: Deadline,
    user_agent: str | None,
    mobile: bool,
    keep_html: bool,
    max_links: int,
    max_html_bytes: int,
) -> RenderResult:
    laps = Laps(started=deadline.started)
    options = _context_options(guard, user_agent=user_agent, mobile=mobile)
    async with browser.context(**options) as context:
        opened = await _open_page(context, policy, config)
        page, watch = opened.page, opened.watch
        laps.lap("setup")
        committed = await _navigate(page, url, deadline, guard, watch)
        laps.lap("navigate")
        # goto's own answer covers a `response` event that has not reached us yet.
        document = watch.main_document() or committed
        if document is not None:
            await refuse_non_html(document)
        partial = await _settle(opened, config, deadline, laps)
        if not partial and not opened.frozen:
            free_clock = opened.clock is not None
            partial = not await scroll(page, watch, config, deadline, free_clock=free_clock)
        laps.lap("scroll")
        raise_for_failed_navigation(page, guard, watch)
        collection = await _collect(opened, guard, deadline, max_links)
        laps.lap("collect")
        document = watch.main_document() or committed
        headers, raw_html, raw_too_large = await _read_document(document, deadline, max_html_bytes)
        laps.lap("raw_html")
        rendered_html = None
        if keep_html:
            rendered_html = await _read_dom(page, deadline, max_html_bytes)
            laps.lap("rendered_html")
        laps.total("render")
        final_url = page.url if page.url.startswith(("http:", "https:")) else url
        if document is not None and not final_url.startswith(("http:", "https:")):
            final_url = document.url
        return RenderResult(
            url=url,
            final_url=final_url,
            status=document.status if document is not None else None,
            headers=headers,
            raw_html=raw_html,
            collection=collection,
            partial=partial,
            timings=laps.timings,
            raw_too_large=raw_too_large,
            rendered_html=rendered_html,
        )


def _context_options(
    guard: AddressGuard, *, user_agent: str | None, mobile: bool
) -> dict[str, object]:
    options: dict[str, object] = {
        "proxy": guard.proxy,
        "service_workers": "block",
        "accept_downloads": False,
        "java_script_enabled": True,
    }
    if user_agent:
        options["user_agent"] = user_agent
    if mobile:
        # A phone as Googlebot's smartphone crawler renders: CSS and scripts see a small
        # touch screen, so mobile-only layouts are what gets compared.
        options.update(_PHONE_CONTEXT)
    return options


async def _open_page(context: BrowserContext, policy: AddressPolicy, config: Config) -> _OpenPage:
    """A page with the page rules, the event watch, the collector and the clock attached."""
    watches: list[PageWatch] = []

    async def route(route: Route) -> None:
        # No request is made before the page below exists and has its watch.
        await route_request(route, policy, watches[0])

    # Concurrently: each is a round trip to the browser, and the init script and the route
    # apply to the context's page whichever is done first (both before the navigation).
    _, _, page = await asyncio.gather(
        context.add_init_script(script=QUIET_PAGE_SCRIPT),
        context.route("**/*", route),
        context.new_page(),
    )
    watch = PageWatch(page)
    watches.append(watch)
    watch.listen()
    page.on("dialog", lambda dialog: dismiss(dialog, watch))
    page.on("download", lambda download: refuse_download(download, watch))
    context.on("page", lambda popup: close_popup(popup, watch))
    # The collector is installed in an isolated world of each document the page loads, so
    # collecting later is one small call (the script is compiled while the page loads). Its
    # session and the clock's go with the page if the render ends before collecting.
    if config.virtual_time_budget_s > 0:
        collector, clock = await asyncio.gather(
            prepare_collector(page), VirtualClock.attach(context, page)
        )
        return _OpenPage(page, watch, collector, clock)
    return _OpenPage(page, watch, await prepare_collector(page), None)


async def _navigate(
    page: Page, url: str, deadline: Deadline, guard: AddressGuard, watch: PageWatch
) -> Response | None:
    """Go to `url` until its response commits. Maps Chromium's failures to LinkLens errors."""
    timeout_s = deadline.waiting_left()
    try:
        return await asyncio.wait_for(
            page.goto(url, wait_until="commit", timeout=timeout_s * 1000 + 1), timeout_s + 0.5
        )
    except (PlaywrightTimeoutError, TimeoutError):
        raise_if_cancelled()
        raise ScanError(ErrorCode.RENDER_TIMEOUT, "The page did not answer in time.") from None
    except PlaywrightError as exc:
        raise_if_cancelled()
        if watch.downloads or "download is starting" in str(exc).lower():
            raise ScanError(ErrorCode.NOT_HTML) from None
        match = NET_ERROR.search(str(exc))
        if match is None:
            if browser_gone(exc):
                raise browser_stopped() from None
            raise
        document = watch.main_document()
        if document is not None and match.group(1) == "ERR_ABORTED":
            await refuse_non_html(document)
        raise navigation_error(match.group(1), url, guard, watch) from None


async def _settle(opened: _OpenPage, config: Config, deadline: Deadline, laps: Laps) -> bool:
    """Wait for `load`, then for the page to settle; True when the deadline cut it short.

    On the page's clock (virtual_time.py): a budget of page time, started right after the
    navigation committed; `timings` gets `virtual_time`. When it misbehaves (the budget not spent
    `network_idle_s` after `load`) or is switched off (`virtual_time_budget_s = 0`): the network
    going quiet in real time; `timings` gets `network_idle`.
    """
    page, watch, clock = opened.page, opened.watch, opened.clock
    if clock is not None:
        await clock.start_budget(config.virtual_time_budget_s)
    partial = False
    quiet_at_load = False
    loaded_at = 0.0
    try:
        await page.wait_for_load_state("load", timeout=deadline.waiting_left_ms())
        loaded_at = time.monotonic()
        quiet_at_load = not watch.inflight
    except (PlaywrightTimeoutError, TimeoutError):
        raise_if_cancelled()
        partial = True
    laps.lap("load")
    if clock is not None:
        spent = not partial and await _budget_spent(clock, watch, config, deadline)
        # From now on frames must run (scroll, collector); timers due much later then fire at
        # once, so later main-frame navigations are not made (page_rules.py). A polling page's
        # clock stays paused: run free it would fetch without pause (virtual_time.py).
        watch.settled = True
        if watch.polls():
            opened.frozen = True
        else:
            await clock.run_free()
        if spent:
            laps.lap("virtual_time")
            return False
        partial = partial or deadline.waiting_over()
        laps.lap("network_idle")  # waited in real time, as long as the quiet wait would have
        return partial
    if not partial:
        partial = not await network_quiet(
            watch,
            QUIET_WINDOW_S,
            config.network_idle_s,
            deadline,
            # The shorter window only for a page with nothing in flight at `load`.
            idle_window_s=IDLE_QUIET_WINDOW_S if quiet_at_load else None,
            since=loaded_at,
        )
    laps.lap("network_idle")
    return partial


async def _budget_spent(
    clock: VirtualClock, watch: PageWatch, config: Config, deadline: Deadline
) -> bool:
    """Wait for the page's clock to spend its budget: False when it does not within
    `network_idle_s` (a fetch holds it: long polling), or when nothing has been in flight for
    `_CLOCK_STALL_S` and it still has not (the renderer, not the network, holds it back: an
    animation-heavy page; an idle page spends 5 s of page time in tens of ms), or once the page
    polls (one URL fetched three times)."""
    started = time.monotonic()
    end = min(started + config.network_idle_s, deadline.soft)
    while True:
        now = time.monotonic()
        if await clock.budget_spent(min(0.05, max(0.0, end - now))):
            return True
        now = time.monotonic()
        if now >= end:
            return False
        if not watch.inflight and now - max(watch.last_activity, started) >= _CLOCK_STALL_S:
            return False
        if watch.polls():
            return False  # its clock goes at the network's pace: no faster than real time


async def _collect(
    opened: _OpenPage, guard: AddressGuard, deadline: Deadline, max_links: int
) -> Collection:
    """Run the collector once: back at the top first, one frame later (visibility is judged as
    a person landing on the page sees it, after scroll handlers such as a header that slid
    away), in an isolated world the page's own scripts cannot tamper with."""
    page, watch = opened.page, opened.watch
    free_clock = opened.clock is not None and not opened.frozen
    try:
        if free_clock:
            await back_to_top(page, deadline)
            await idle_callbacks_run(page, deadline)
        # A frozen page was never scrolled: it is at the top, and waiting for a frame would hang.
        scroll_to_top = opened.clock is None
        return await asyncio.wait_for(
            opened.collector.collect(max_links, scroll_to_top=scroll_to_top), deadline.left()
        )
    except TimeoutError:
        raise_if_cancelled()
        raise ScanError(ErrorCode.RENDER_TIMEOUT) from None
    except PlaywrightError as exc:
        raise_if_cancelled()
        raise_for_failed_navigation(page, guard, watch)
        if browser_gone(exc):
            raise browser_stopped() from None
        # A navigation at the last moment destroys the context the collector ran in.
        log.info("collector failed: %s", exc)
        raise ScanError(
            ErrorCode.RENDER_TIMEOUT, "The page kept navigating and never settled."
        ) from None
    finally:
        opened.collector.close()


async def _read_document(
    document: Response | None, deadline: Deadline, max_html_bytes: int
) -> tuple[list[tuple[str, str]], bytes | None, bool]:
    """The main document's headers (every line: repeated X-Robots-Tag are all kept) and its
    body as the server sent it (no second request); the body is None when it is larger than
    `max_html_bytes` (then True) or could not be read (still loading, evicted)."""
    if document is None:
        return [], None, False
    headers: list[tuple[str, str]] = []
    with contextlib.suppress(PlaywrightError, TimeoutError):
        headers = [
            (h["name"], h["value"])
            for h in await asyncio.wait_for(document.headers_array(), deadline.left())
        ]
    length = header(headers, "content-length")
    with contextlib.suppress(ValueError):
        if length is not None and int(length) > max_html_bytes:
            return headers, None, True
    try:
        body = await asyncio.wait_for(document.body(), max(deadline.left(), 1.0))
    except (PlaywrightError, TimeoutError):
        return headers, None, False  # still loading (partial) or evicted: no raw view this time
    if len(body) > max_html_bytes:
        return headers, None, True
    return headers, body, False


async def _read_dom(page: Page, deadline: Deadline, max_html_bytes: int) -> str | None:
    """The page's DOM serialized (`page.content()`) in the time the deadline leaves; None when
    there is none left, the page will not say (navigating, closed) or it is larger than
    `max_html_bytes` in UTF-8. Never fails the render: the links are already collected."""
    left = deadline.left()
    if left <= 0:
        return None
    try:
        html = await asyncio.wait_for(page.content(), left)
    except (PlaywrightError, TimeoutError):
        raise_if_cancelled()
        return None
    # A character is at least one UTF-8 byte: only a string that may fit is encoded to measure.
    if len(html) > max_html_bytes or len(html.encode("utf-8", "surrogatepass")) > max_html_bytes:
        return None
    return html
