"""What the page did while it rendered, recorded from Playwright's events.

The waits read it (requests in flight, the last activity), the error mapping reads it (failed or
refused main-frame navigations, downloads) and the end of the render reads the main document's
response from it.
"""

from __future__ import annotations

__all__ = ["PageWatch"]

import asyncio
import contextlib
import time
from collections.abc import Coroutine
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, Request, Response

from agent.errors import TargetRefused

_SCRIPT_FETCHES = frozenset({"fetch", "xhr", "eventsource"})
_POLL_REPEATS = 3


class PageWatch:
    """Requests in flight, main-frame documents and failures of one page, as they happen."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.inflight: set[Request] = set()
        self.last_activity = time.monotonic()
        self.last_request_start = 0.0
        self.documents: list[Response] = []  # main-frame document responses, in order
        self.navigation_failures: list[tuple[str, str]] = []  # (url, error text)
        self.refused_navigations: list[tuple[str, TargetRefused]] = []
        #: How often each URL was fetched by script (fetch, XHR, EventSource): a page that asks
        #: for the same URL again and again polls.
        self.script_fetches: dict[str, int] = {}
        self.downloads = 0
        self.dialogs = 0
        #: Set once the page has settled: later main-frame navigations are not made (see
        #: agent/render/page_rules.py), and requests of other pages (popups) never are.
        self.settled = False
        self._tasks: set[asyncio.Task[None]] = set()

    def listen(self) -> None:
        """Subscribe to the page's request events."""
        self.page.on("request", self.on_request)
        self.page.on("requestfinished", self.on_request_done)
        self.page.on("requestfailed", self.on_request_failed)
        self.page.on("response", self.on_response)

    def spawn(self, action: Coroutine[Any, Any, None]) -> None:
        """Run a reply to the page (dismiss, cancel, close) in the background; errors ignored."""
        task = asyncio.ensure_future(_quietly(action))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def on_request(self, request: Request) -> None:
        """A request started."""
        self.inflight.add(request)
        self.last_activity = self.last_request_start = time.monotonic()
        if request.resource_type in _SCRIPT_FETCHES:
            self.script_fetches[request.url] = self.script_fetches.get(request.url, 0) + 1

    def on_request_done(self, request: Request) -> None:
        """A request finished."""
        self.inflight.discard(request)
        self.last_activity = time.monotonic()

    def on_request_failed(self, request: Request) -> None:
        """A request failed; a failed main-frame navigation is kept for the error message."""
        self.on_request_done(request)
        if self.is_main_navigation(request):
            self.navigation_failures.append((request.url, request.failure or ""))

    def on_response(self, response: Response) -> None:
        """A response arrived; main-frame documents are kept in order."""
        if self.is_main_navigation(response.request):
            self.documents.append(response)

    def is_main_navigation(self, request: Request) -> bool:
        """The request loads a document into the page's main frame."""
        try:
            return request.is_navigation_request() and request.frame == self.page.main_frame
        except PlaywrightError:
            return False  # e.g. a request of a popup whose frame is already gone

    def is_other_page(self, request: Request) -> bool:
        """The request belongs to another page of the context (a popup), not the rendered one."""
        try:
            return request.frame.page != self.page
        except PlaywrightError:
            return False  # no frame (a worker's request): it belongs to the page's documents

    def polls(self) -> bool:
        """The page fetched one URL at least `_POLL_REPEATS` times."""
        return any(count >= _POLL_REPEATS for count in self.script_fetches.values())

    def main_document(self) -> Response | None:
        """The last main-frame response that is not a redirect."""
        for response in reversed(self.documents):
            if not (300 <= response.status < 400 and response.headers.get("location")):
                return response
        return None


async def _quietly(action: Coroutine[Any, Any, None]) -> None:
    # The page may be gone by the time the reply arrives; that is fine.
    with contextlib.suppress(PlaywrightError):
        await action
