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
  runs out in a few milliseconds on an idle page, before any frame (frames run only while the
  clock is not paused by a budget). So before anything that needs frames the clock is switched
  to `advance` (fast-forward without a budget, never paused). Timers due much later (a meta
  refresh after 300 s, a `location` change after 60 s) then fire at once, which is why later
  main-frame navigations are answered `204 No Content` once the page has settled
  (agent/render/page_rules.py);
- `advance` never pauses for fetches: a page polling every 200 ms then fired thousands of
  fetches a second and every render hit its hard deadline (measured). A page that fetched the
  same URL three times while its budget ran polls: its clock stays paused, it is not scrolled
  (scrolling needs frames) and is collected as it is, at the top;
- a fetch that never ends (long polling) stops the clock for good, and a renderer busy with
  animations advances it slowly: when the budget has not expired `network_idle_s` after `load`,
  the render has waited as long as the real-time quiet wait would have, and goes on with the
  page as it is (`report.timings` then has `network_idle`, not `virtual_time`).
"""

from __future__ import annotations

__all__ = ["VirtualClock"]

import asyncio
from typing import Any

from playwright.async_api import BrowserContext, CDPSession, Page


class VirtualClock:
    """The page's clock, driven over a CDP session of its own."""

    def __init__(self, session: CDPSession) -> None:
        self._session = session
        self._expired = asyncio.Event()
        session.on("Emulation.virtualTimeBudgetExpired", self._on_expired)

    @classmethod
    async def attach(cls, context: BrowserContext, page: Page) -> VirtualClock:
        """A clock for `page` (one round trip; before navigating)."""
        return cls(await context.new_cdp_session(page))

    def _on_expired(self, _: Any) -> None:
        self._expired.set()

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
        """Let the clock run (fast-forward when idle, never paused), so frames are produced."""
        await self._session.send("Emulation.setVirtualTimePolicy", {"policy": "advance"})
