"""Waiting for the page in real time: the network going quiet, and the scroll rounds that bring
lazy content in.

After `load` (when the page's clock was not used, agent/render/virtual_time.py), the render waits
until no request has been in flight for a short window; then it jumps to the bottom, lets two
frames run (IntersectionObservers and their callbacks) and waits for quiet again, while the page
keeps growing, at most `Config.scroll_rounds` rounds. Each round is one round trip to the page.
The collector jumps back to the top itself (agent/render/collector.py, `scroll_to_top`).
"""

from __future__ import annotations

__all__ = [
    "IDLE_QUIET_WINDOW_S",
    "QUIET_WINDOW_S",
    "back_to_top",
    "idle_callbacks_run",
    "network_quiet",
    "scroll",
]

import asyncio
import logging
import time

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from agent.config import Config
from agent.render.clock import Deadline
from agent.render.errors import browser_gone, raise_if_cancelled
from agent.render.watch import PageWatch

log = logging.getLogger(__name__)

# One jump to the bottom, in one round trip, when the page is taller than `minHeight` (and, with
# `fitCheck`, taller than the window). `behavior: "instant"` because a page with
# `scroll-behavior: smooth` would otherwise animate the jump and never reach the bottom in time.
# Then two frames run, for IntersectionObservers and their callbacks; the timeout covers pages
# that never paint (or a renderer too busy to, which the caller then waits for longer). On a
# page whose clock is fast-forwarded (agent/render/virtual_time.py) a page-time timeout fires
# before any frame, so there `frameTimeout` is null and the caller bounds the wait in real time.
# The
# collector itself jumps back to the top (agent/render/collector.py, `scroll_to_top`). Returns
# [height before the jump, window height, jumped, the frames ran].
_JUMP_SCRIPT = """async ({minHeight, fitCheck, frameTimeout}) => {
  const root = document.scrollingElement || document.documentElement;
  if (!root) return [0, 0, false, false];
  const height = root.scrollHeight, viewport = window.innerHeight || 0;
  if (height <= minHeight || (fitCheck && height <= viewport)) return [height, viewport, false, false];
  window.scrollTo({top: height, left: 0, behavior: "instant"});
  let frames = 2;
  const framesRan = new Promise(r => {
    const next = () => --frames ? requestAnimationFrame(next) : r(true);
    requestAnimationFrame(next);
  });
  const painted = frameTimeout == null ? await framesRan : await Promise.race([
    framesRan, new Promise(r => setTimeout(() => r(false), frameTimeout)),
  ]);
  return [height, viewport, true, painted];
}"""

# The network counts as quiet after this long with no request in flight. Shorter than
# Playwright's `networkidle` (500 ms): most lazy loaders fire within a frame or two.
QUIET_WINDOW_S = 0.25
_SCROLL_QUIET_WINDOW_S = 0.15
# Shorter windows when the page has started no request since the wait began (nothing in flight
# either): a page that has gone silent is not about to fetch more. Any request that starts while
# waiting brings back the full window above. Measured (docs/BENCHMARKS.md): these waits were
# most of the gap to a bare Playwright script.
IDLE_QUIET_WINDOW_S = 0.1
_IDLE_SCROLL_WINDOW_S = 0.075
# How long the page gets to paint the two frames after a jump (page time, or real time when
# the page's clock is fast-forwarded), before the quiet wait counts from the end of the jump.
_FRAME_TIMEOUT_S = 0.1
# On a fast-forwarded clock: past this (real time) without two frames, the renderer is too busy
# to scroll any further; the page is collected as it is.
_FRAME_TIMEOUT_FREE_CLOCK_S = 2.0
# How long a request the page started takes, at most, to reach us as an event (renderer ->
# browser -> driver -> Python) on a busy machine: the least a quiet window lasts after a jump.
_EVENT_SLACK_S = 0.03


async def network_quiet(
    watch: PageWatch,
    window_s: float,
    cap_s: float,
    deadline: Deadline,
    *,
    idle_window_s: float | None = None,
    since: float | None = None,
    counted_from: float | None = None,
) -> bool:
    """Wait until no request has been in flight for `window_s`, at most `cap_s`.

    With `idle_window_s`, the window is that shorter one as long as no request started after
    `since` (default: the wait's start). The window counts from the last activity, and not from
    before `counted_from` (default: the wait's start). Returns False only when the job's
    deadline (not the cap) cut the wait short.
    """
    started = time.monotonic()
    since = started if since is None else since
    cap_end = started + cap_s
    window_start = started if counted_from is None else counted_from
    while True:
        now = time.monotonic()
        window = window_s
        if idle_window_s is not None and watch.last_request_start < since:
            window = idle_window_s
        # Counted from the wait's start (or the jump) too: requests a scroll just triggered may
        # not have reached us as events yet.
        if not watch.inflight and now - max(watch.last_activity, window_start) >= window:
            return True
        if now >= deadline.soft:
            return False
        if now >= cap_end:
            return True  # a chatty page (long-poll, beacons): waited as long as we wait
        await asyncio.sleep(min(0.025, max(0.0, deadline.soft - now)))


async def scroll(
    page: Page, watch: PageWatch, config: Config, deadline: Deadline, *, free_clock: bool = False
) -> bool:
    """Jump to the bottom, again while the page grows. False if cut short. (The collector
    jumps back to the top.) `free_clock`: the page's clock is fast-forwarded (virtual_time.py).

    Each round is one round trip: the jump (skipped when the page has not grown since the last
    one) and its frames, then the quiet wait. When the frames ran, the wait's window counts from
    the jump, so those frames are part of it rather than added to it; when the renderer was too
    busy to paint them in time, it counts from their end, as the page is slow to react.
    """
    window_from = 0.0

    async def jump(**arg: object) -> tuple[float, bool]:
        nonlocal window_from
        started = time.monotonic()
        frame_timeout = None if free_clock else round(_FRAME_TIMEOUT_S * 1000)
        bound = deadline.waiting_left()
        if free_clock:
            bound = min(bound, _FRAME_TIMEOUT_FREE_CLOCK_S)
        try:
            height, _, jumped, painted = await asyncio.wait_for(
                page.evaluate(
                    _JUMP_SCRIPT,
                    {"minHeight": -1, "fitCheck": False, "frameTimeout": frame_timeout, **arg},
                ),
                bound,
            )
        except TimeoutError:
            if free_clock and not deadline.waiting_over():
                raise _TooBusy from None
            raise
        ended = time.monotonic()
        # Painted in time: the window counts from the jump, yet never ends sooner than
        # _EVENT_SLACK_S after the frames, so a request their callbacks started has time to
        # reach us as an event even when the frames were slow.
        window_from = (
            max(started, ended - (_IDLE_SCROLL_WINDOW_S - _EVENT_SLACK_S)) if painted else ended
        )
        return float(height), bool(jumped)

    try:
        # Nothing to scroll to and nothing pending: a jump would change nothing.
        scrolled_at = time.monotonic()
        # On a free-running page clock the budget was only spent with no fetch pending: what is
        # in flight now is the page's pollers, not content still coming.
        height, jumped = await jump(fitCheck=free_clock or not watch.inflight)
        if not jumped:
            return True
        for round_number in range(1, config.scroll_rounds + 1):
            if not await network_quiet(
                watch,
                _SCROLL_QUIET_WINDOW_S,
                config.network_idle_s,
                deadline,
                idle_window_s=_IDLE_SCROLL_WINDOW_S,
                since=scrolled_at,
                counted_from=window_from,
            ):
                return False
            if round_number == config.scroll_rounds:
                break
            scrolled_at = time.monotonic()
            grown, jumped = await jump(minHeight=height)
            if not jumped:
                break  # the page stopped growing
            height = grown
    except _TooBusy:
        log.info("no frame within %.1f s of a jump: not scrolling further", _FRAME_TIMEOUT_FREE_CLOCK_S)
    except TimeoutError:
        raise_if_cancelled()
        return False
    except PlaywrightError as exc:
        raise_if_cancelled()
        # A navigation while scrolling (JS redirect) destroys the context: collect the new page.
        log.info("scroll interrupted: %s", exc)
        if browser_gone(exc):
            raise
    return True


class _TooBusy(Exception):
    """The renderer painted no frame in time after a jump (fast-forwarded clock)."""


# Back to the top, then one frame for scroll handlers (a header that slid away while scrolling
# down comes back), as the collector's own `scroll_to_top` does; without its page-time timeout,
# which a fast-forwarded clock fires before any frame.
_TOP_SCRIPT = """async () => {
  if (!(window.scrollX || window.scrollY)) return false;
  window.scrollTo({top: 0, left: 0, behavior: "instant"});
  await new Promise(r => requestAnimationFrame(() => r()));
  return true;
}"""


async def back_to_top(page: Page, deadline: Deadline) -> None:
    """On a fast-forwarded clock: back to the top and one frame, bounded in real time (a page
    that never paints is collected as it is)."""
    try:
        await asyncio.wait_for(
            page.evaluate(_TOP_SCRIPT), min(deadline.left(), _FRAME_TIMEOUT_FREE_CLOCK_S)
        )
    except TimeoutError:
        raise_if_cancelled()
        log.info("no frame after jumping back to the top; collecting as it is")
    except PlaywrightError as exc:
        raise_if_cancelled()
        if browser_gone(exc):
            raise
        log.info("jump back to the top interrupted: %s", exc)


# Idle callbacks run first come, first served: once this one has run, every callback the page
# queued before it (a widget that adds its links "when the browser is idle") has run too.
_IDLE_SCRIPT = """() => typeof requestIdleCallback !== "function" ? false
  : new Promise(r => requestIdleCallback(() => r(true)))"""

#: Real time allowed for the page's idle callbacks. An idle page gets an idle period within a
#: frame or two; a renderer too busy for one is collected as it is rather than waited on.
_IDLE_TIMEOUT_S = 0.3


async def idle_callbacks_run(page: Page, deadline: Deadline) -> None:
    """On a fast-forwarded clock: let the idle callbacks the page has queued run before the
    links are read. The budget can run out between a timer queuing one and the renderer's next
    idle period (seen once in a dozen scans of a page whose 3 s timer queues one)."""
    try:
        await asyncio.wait_for(page.evaluate(_IDLE_SCRIPT), min(deadline.left(), _IDLE_TIMEOUT_S))
    except TimeoutError:
        raise_if_cancelled()
        log.info("no idle period within %.1f s; collecting as it is", _IDLE_TIMEOUT_S)
    except PlaywrightError as exc:
        raise_if_cancelled()
        if browser_gone(exc):
            raise
        log.info("waiting for idle callbacks interrupted: %s", exc)
