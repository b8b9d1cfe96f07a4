"""The background checker gives way to analyses: a page check in flight is cancelled when one
starts, nothing is recorded for it, and the page is checked once the agent is idle again."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

import pytest

from agent.config import Config, paths
from agent.watch import background
from agent.watch.background import BackgroundChecker
from agent.watch.changes import Observation
from agent.watch.model import WatchedLink
from agent.watch.service import WatchService


async def test_an_analysis_cancels_the_page_in_flight(monkeypatch: pytest.MonkeyPatch) -> None:
    """Busy mid-check: the check is cancelled and not stored; idle again: checked and stored."""
    started = asyncio.Event()
    release = asyncio.Event()
    cancelled: list[str] = []

    async def slow_check_page(
        source_url: str, links: Sequence[WatchedLink], **_: Any
    ) -> dict[int, Observation]:
        started.set()
        try:
            await release.wait()
        except asyncio.CancelledError:
            cancelled.append(source_url)
            raise
        return {link.id: Observation(standing="present", present=True) for link in links}

    monkeypatch.setattr(background, "check_page", slow_check_page)
    service = WatchService(paths().history_db)
    service.watchlist().add("https://a.example/post", "mine.example")
    busy = [False]
    checker = BackgroundChecker(
        service, config=Config(watch_idle_poll_s=0.1), browser=None,  # type: ignore[arg-type]
        is_busy=lambda: busy[0],
    )  # fmt: skip
    task = asyncio.create_task(checker.run())
    try:
        await asyncio.wait_for(started.wait(), timeout=5)
        busy[0] = True  # an analysis starts
        async with asyncio.timeout(5):
            while not cancelled:
                await asyncio.sleep(0.05)
        assert checker.pages_checked == 0
        assert service.watchlist().links()[0].last is None  # nothing stored
        started.clear()
        release.set()
        busy[0] = False  # idle again: the page is still due
        async with asyncio.timeout(5):
            while checker.pages_checked == 0:
                await asyncio.sleep(0.05)
        assert service.watchlist().links()[0].last is not None
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        service.close()
