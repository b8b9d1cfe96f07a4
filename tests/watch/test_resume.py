"""An interrupted `watch check` loses at most the pages in flight; the next one resumes."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
import time

import pytest

from agent.config import Config, paths
from agent.render.browser_pool import BrowserPool
from agent.store.database import open_store
from agent.watch.runner import run_check
from agent.watch.watchlist import ChangeRecord, WatchList
from tests.watch.conftest import Page, SiteFactory, page_html

pytestmark = pytest.mark.browser

LINK = '<a href="http://mysite.test/page">guide</a>'


async def test_an_interrupted_check_resumes_with_the_pages_left(
    changing_site: SiteFactory, config: Config, pool: BrowserPool
) -> None:
    """Cancelled after four of five pages: the next run is the same run and renders only the
    fifth page."""
    site = await changing_site()
    watchlist = WatchList(open_store(paths().history_db))
    for name in ("a", "b", "c", "d", "slow"):
        site.pages[f"/{name}"] = Page(page_html(LINK), delay_s=60.0 if name == "slow" else 0.0)
        watchlist.add(site.url(f"/{name}"), "mysite.test")
    four_done = asyncio.Event()

    def on_page(done: int, total: int, changes: list[ChangeRecord]) -> None:
        if done == 4:
            four_done.set()

    first = asyncio.create_task(run_check(
        watchlist, config=config, browser=pool, due_only=False, jobs=2, on_page=on_page,
    ))  # fmt: skip
    await asyncio.wait_for(four_done.wait(), timeout=90)
    first.cancel()
    with pytest.raises(asyncio.CancelledError):
        await first
    checked = [s.link.source_url for s in watchlist.links() if s.last is not None]
    assert len(checked) == 4
    assert site.url("/slow") not in checked

    site.pages["/slow"].delay_s = 0.0
    site.hits.clear()
    second = await run_check(watchlist, config=config, browser=pool, due_only=False, jobs=2)
    assert second.resumed
    assert second.pages == 1
    assert site.hits == ["/slow"]
    assert second.finished
    # A run after a finished one starts afresh with every page.
    third = await run_check(watchlist, config=config, browser=pool, due_only=False, jobs=2)
    assert not third.resumed
    assert third.pages == 5
    watchlist.store.close()


async def test_ctrl_c_stops_watch_check_cleanly(
    changing_site: SiteFactory, config: Config, linklens_home: object
) -> None:
    """SIGINT to `linklens watch check`: exit 130, one line, no traceback, pages kept."""
    site = await changing_site()
    watchlist = WatchList(open_store(paths().history_db))
    site.pages["/fast"] = Page(page_html(LINK))
    site.pages["/slow"] = Page(page_html(LINK), delay_s=60.0)
    watchlist.add(site.url("/fast"), "mysite.test")
    watchlist.add(site.url("/slow"), "mysite.test")
    watchlist.store.close()
    env = dict(os.environ)
    env.update(
        LINKLENS_CHROMIUM=str(config.chromium),
        LINKLENS_SIMULATED_PUBLIC=",".join(config.simulated_public),
        LINKLENS_NETWORK_IDLE_S="0.3",
        LINKLENS_RENDER_DEADLINE_S="60",
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "agent", "watch", "check",
        env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        await asyncio.sleep(0.3)
        db = sqlite3.connect(paths().history_db)
        observed = db.execute("SELECT count(*) FROM observation").fetchone()[0]
        db.close()
        if observed:
            break
    process.send_signal(signal.SIGINT)
    _out, err = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 130, err
    text = err.decode()
    assert "Traceback" not in text
    assert "interrupted" in text
    db = sqlite3.connect(paths().history_db)
    assert db.execute("SELECT count(*) FROM observation").fetchone()[0] == 1
    db.close()
