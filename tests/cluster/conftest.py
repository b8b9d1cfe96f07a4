"""Fixtures for the cluster tests: local "public" sites that count requests in flight per host,
a small config, watch lists, and the worker processes of a LocalCluster this process started.

The cluster is started by the command under test (`--cluster local:2`): two worker processes,
each with its own Chromium. Sites are on 127.0.0.2-127.0.0.9 (Config.simulated_public), which
the workers reach exactly as this process would; nothing resolves a real name. Without the
`cluster` extra these tests skip, except under CI=true, where scripts/setup installs it and a
missing extra is a failure.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sqlite3
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field

import psutil
import pytest
from aiohttp import web

from agent.config import Config, paths
from tests.watch.conftest import PUBLIC_RANGE, page_html, run_watch

__all__ = ["CountingSite", "InFlight", "comparable_report", "observations", "page_html", "run_watch",
           "worker_processes"]  # fmt: skip


#: Dask's connect timeout (30 s) is too short for a worker process to start on a shared 2-core
#: machine under load; the worker processes read the variable, this process the config.
os.environ.setdefault("DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT", "180s")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here needs `distributed` (skip without it; fail under CI=true) and a browser.

    distributed leaves some sockets to the garbage collector when a worker dies (the killed-worker
    test) or shuts down slowly; those ResourceWarnings are its, not LinkLens's, so they are not
    turned into errors here."""
    mine = [item for item in items if "tests/cluster/" in item.nodeid]
    for item in mine:
        item.add_marker(pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"))
        item.add_marker(pytest.mark.filterwarnings("ignore::ResourceWarning"))
    try:
        import dask

        dask.config.set({"distributed.comm.timeouts.connect": "180s"})
    except ImportError:
        if os.environ.get("CI", "").lower() != "true":
            skip = pytest.mark.skip(reason="needs the cluster extra: pip install -e '.[cluster]'")
            for item in mine:
                if "missing_extra" not in item.nodeid:
                    item.add_marker(skip)


@dataclass
class InFlight:
    """Requests being answered right now across all sites of a test, and the most at once."""

    now: int = 0
    peak: int = 0


@dataclass
class CountingSite:
    """Pages on one host; counts every request and the most in flight at once.

    With `gate` set, a request is held (at most `delay_s`) until `gate` requests of this host are
    in flight, then half a second more: requests that are allowed to overlap then do overlap on
    a busy machine, and a request over the limit meets the others still in flight."""

    host: str
    port: int = 0
    pages: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    gate: int = 0
    hits: Counter[str] = field(default_factory=Counter)
    in_flight: int = 0
    peak: int = 0
    every_site: InFlight = field(default_factory=InFlight)

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"


SiteFactory = Callable[..., Awaitable[CountingSite]]


@pytest.fixture
async def counting_site() -> AsyncIterator[SiteFactory]:
    """Start a CountingSite: `await counting_site("127.0.0.2", delay_s=0.5, gate=2)`."""
    runners: list[web.AppRunner] = []
    every_site = InFlight()

    async def start(host: str, *, delay_s: float = 0.0, gate: int = 0) -> CountingSite:
        site = CountingSite(host, delay_s=delay_s, gate=gate, every_site=every_site)

        async def handler(request: web.Request) -> web.StreamResponse:
            site.hits[request.path] += 1
            site.in_flight += 1
            site.peak = max(site.peak, site.in_flight)
            every_site.now += 1
            every_site.peak = max(every_site.peak, every_site.now)
            try:
                if site.gate:
                    loop = asyncio.get_running_loop()
                    until = loop.time() + site.delay_s
                    while site.in_flight < site.gate and loop.time() < until:
                        await asyncio.sleep(0.02)
                    await asyncio.sleep(0.5)
                elif site.delay_s:
                    await asyncio.sleep(site.delay_s)
                body = site.pages.get(request.path)
                if body is None:
                    return web.Response(text="<h1>Not found</h1>", status=404, content_type="text/html")
                return web.Response(text=body, content_type="text/html")
            finally:
                # Also when the client went away mid-request (a killed worker's Chromium).
                site.in_flight -= 1
                every_site.now -= 1

        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", handler)
        runner = web.AppRunner(app, shutdown_timeout=0.5, handler_cancellation=True)
        await runner.setup()
        await web.TCPSite(runner, host, 0).start()
        runners.append(runner)
        site.port = int(runner.addresses[-1][1])
        return site

    yield start
    for runner in runners:
        await runner.cleanup()


@pytest.fixture
def config(chromium_executable: str) -> Config:
    """Small limits; 127.0.0.2-9 count as public; two pages of one host at once."""
    return Config(
        chromium=chromium_executable,
        render_deadline_s=60.0,  # worker Chromiums share two cores with everything else
        network_idle_s=0.2,
        scroll_rounds=1,
        check_timeout_s=2.0,
        check_budget_s=5.0,
        per_host_connections=2,
        simulated_public=PUBLIC_RANGE,
        port=47998,
    )


def observations(run_id: int | None = None) -> list[tuple[object, ...]]:
    """Every stored observation (link's source and target first), without ids and times."""
    db = sqlite3.connect(paths().history_db)
    try:
        columns = [row[1] for row in db.execute("PRAGMA table_info(observation)")]
        keep = [c for c in columns if c not in ("id", "link_id", "run_id", "checked_at")]
        where = "" if run_id is None else f" WHERE o.run_id = {int(run_id)}"
        rows = db.execute(
            f"SELECT w.source_url, w.target, {', '.join('o.' + c for c in keep)} "
            f"FROM observation o JOIN watched_link w ON w.id = o.link_id{where} "
            "ORDER BY w.source_url, w.target"
        ).fetchall()
    finally:
        db.close()
    return [tuple(row) for row in rows]


def worker_processes() -> list[psutil.Process]:
    """This process's Dask worker processes (spawned by the LocalCluster's nannies)."""
    found = []
    for child in psutil.Process().children(recursive=False):
        try:
            if "spawn_main" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.Error:
            continue
    return found


@pytest.fixture
def audit_config(chromium_executable: str) -> Config:
    """The audit tests' small config (named hosts through host_map), with a longer deadline:
    for `audit` and `prospects`, locally and on a cluster."""
    from tests.audit.conftest import HOSTS as AUDIT_HOSTS
    from tests.audit.conftest import PUBLIC_RANGE as AUDIT_RANGE

    return Config(
        chromium=chromium_executable, render_deadline_s=60.0, network_idle_s=0.3,
        scroll_rounds=1, check_timeout_s=2.0, check_budget_s=10.0, simulated_public=AUDIT_RANGE,
        host_map=dict(AUDIT_HOSTS), port=47997, use_cache=False,
    )  # fmt: skip


def comparable_report(out: str) -> dict[str, object]:
    """A command's JSON report without its `generated_at` stamp (the one field two runs differ in)."""
    report = json.loads(out)
    report.pop("generated_at")
    return dict(report)


@pytest.fixture(scope="module")
def shared_cluster() -> Iterator[str]:
    """A LocalCluster of two worker processes (three task slots each) for a module's tests,
    used through its scheduler address as `--cluster tcp://...` (one start, not one a test; a
    worker killed by a test is restarted by its nanny)."""
    from distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=3, processes=True, dashboard_address=":0",
        silence_logs=logging.ERROR,
    )  # fmt: skip
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()
