"""`run_check`'s scheduling without a browser: jobs at once, the per-host limit, one job per page."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

import pytest

from agent.config import Config, paths
from agent.store.database import open_store
from agent.watch import runner
from agent.watch.changes import Observation
from agent.watch.model import WatchedLink
from agent.watch.watchlist import WatchList


async def test_jobs_and_the_per_host_limit_bound_page_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    """With --jobs 6 and 2 connections a host: never more than 2 pages of one host at once,
    up to 6 in all, and each page's job runs once for all its targets."""
    active: Counter[str] = Counter()
    peak: Counter[str] = Counter()
    total_peak = 0
    calls: list[tuple[str, int]] = []

    async def fake_check_page(
        source_url: str, links: Sequence[WatchedLink], **_: Any
    ) -> dict[int, Observation]:
        nonlocal total_peak
        host = urlsplit(source_url).hostname or ""
        active[host] += 1
        peak[host] = max(peak[host], active[host])
        total_peak = max(total_peak, sum(active.values()))
        calls.append((source_url, len(links)))
        await asyncio.sleep(0.05)
        active[host] -= 1
        return {link.id: Observation(standing="lost", present=False) for link in links}

    monkeypatch.setattr(runner, "check_page", fake_check_page)
    watchlist = WatchList(open_store(paths().history_db))
    for host in ("a", "b", "c", "d"):
        for n in range(5):
            for target in ("one.example", "two.example"):
                watchlist.add(f"https://{host}.example/{n}", target)
    summary = await runner.run_check(
        watchlist, config=Config(per_host_connections=2), browser=None,  # type: ignore[arg-type]
        due_only=False, jobs=6,
    )  # fmt: skip
    assert summary.pages_done == 20
    assert summary.links_done == 40
    assert max(peak.values()) == 2
    assert total_peak <= 6
    assert all(count == 2 for _, count in calls)
    assert len({url for url, _ in calls}) == 20
    watchlist.store.close()
