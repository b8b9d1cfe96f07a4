"""Settling on the page's own clock: a virtual-time budget, as Google's renderer does.

A page that adds links 450 ms, 900 ms or 3 s after `load` (widgets, "related posts" loaders,
consent-gated embeds) loses them to any real-time quiet window short enough to be fast. Chromium
can run the page on a virtual clock instead (CDP `Emulation.setVirtualTimePolicy`): with
`pauseIfNetworkFetchesPending` and a budget, the clock jumps to the page's next timer whenever
the page is idle, stands still while a fetch is pending, and Chromium says
`Emulation.virtualTimeBudgetExpired` once the budget of page time has passed. A page whose
timers, animation frames, idle callbacks and slow fetches add links up to 3 s after load is
complete after well under a second of real time, and a `setInterval` clock never keeps it busy:
its ticks are fast-forwarded like any timer.

Measured with Chromium 156 (docs/SCAN.md):

- the policy must be sent after the navigation commits; sent before, the budget runs out on the
  blank page;
- once the budget has expired the clock stays paused: a plain evaluate still answers, but one
  that needs a frame (scrolling, the collector's wait for a frame) hangs, and a second budget
  runs out in a few milliseconds on an idle page, before any frame. So before anything that
  needs frames the clock runs free: `advance` (fast-forward without a budget) was tried first,
  but it never pauses for fetches, and a page polling every 200 ms then fired thousands of
  fetches a second and the render hit its hard deadline (measured). So it stays
  `pauseIfNetworkFetchesPending`, with an hour of page time granted again each time one is
  spent: pollers are held to the network's pace, and frames run (they do while a fetch holds
  the clock: measured). Timers due much later (a meta refresh after 300 s, a `location` change
  after 60 s) then fire at once, which is why later main-frame navigations are answered
  `204 No Content` once the page has settled (agent/render/page_rules.py);
- a fetch that never ends (long polling) stops the clock for good, and a renderer busy with
  animations advances it slowly: when the budget has not expired `network_idle_s` after `load`,
  the render has waited as long as the real-time quiet wait would have, and goes on with the
  page as it is (`report.timings` then has `network_idle`, not `virtual_time`).
"""

from __future__ import annotations

__all__ = ["VirtualClock"]

import asyncio
import contextlib
from typing import Any

from playwright.async_api import BrowserContext, CDPSession, Page
from playwright.async_api import Error as PlaywrightError

# After settling, page time is granted an hour at a time: long enough that re-granting is rare
# even for a clock ticking every few milliseconds (an hour of 10 ms ticks passes in ~0.15 s).
_FREE_STRETCH_MS = 3_600_000


class VirtualClock:
    """The page's clock, driven over a CDP session of its own."""

    def __init__(self, session: CDPSession) -> None:
        self._session = session
        self._expired = asyncio.Event()
        self._free = False
        self._tasks: set[asyncio.Task[None]] = set()
        session.on("Emulation.virtualTimeBudgetExpired", self._on_expired)

    @classmethod
    async def attach(cls, context: BrowserContext, page: Page) -> VirtualClock:
        """A clock for `page` (one round trip; before navigating)."""
        return cls(await context.new_cdp_session(page))

    def _on_expired(self, _: Any) -> None:
        self._expired.set()
        if self._free:
            # Running free: the next stretch of page time at once (a pause here stops frames).
            task = asyncio.ensure_future(self._grant(_FREE_STRETCH_MS))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _grant(self, budget_ms: int) -> None:
        with contextlib.suppress(PlaywrightError):  # the page closed meanwhile
            await self._session.send(
                "Emulation.setVirtualTimePolicy",
                {"policy": "pauseIfNetworkFetchesPending", "budget": budget_ms},
            )

    async def start_budget(self, budget_s: float) -> None:
        """Run the page's clock for `budget_s` of page time, paused while fetches are pending.
        Send it once the navigation has committed."""
        self._expired.clear()
        await self._session.send(
            "Emulation.setVirtualTimePolicy",
            {"policy": "pauseIfNetworkFetchesPending", "budget": max(1, round(budget_s * 1000))},
        )

    async def budget_spent(self, timeout_s: float) -> bool:
        """Wait up to `timeout_s` of real time for the budget to run out; False if it did not."""
        try:
            await asyncio.wait_for(self._expired.wait(), max(0.0, timeout_s))
        except TimeoutError:
            return False
        return True

    async def run_free(self) -> None:
        """Let the clock run, so frames are produced: fast-forward when idle, paused only while
        fetches are pending, in stretches of an hour of page time granted one after another."""
        self._free = True
        await self._grant(_FREE_STRETCH_MS)
