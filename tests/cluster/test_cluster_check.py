"""`linklens watch check --cluster` and `linklens audit --cluster` against local sites (a real
Chromium in each worker): the same results as a local run, the per-host limit across workers,
a worker killed mid-check, and `--cluster local:N` starting (and stopping) its own workers.

All but the last use one LocalCluster of two worker processes for the module (`shared_cluster`,
reached as `--cluster tcp://...`): starting worker processes and their Chromiums is the slow
part on a shared two-core machine."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path

import pytest

from agent.config import Config, paths
from agent.store.database import open_store
from agent.watch.watchlist import WatchList
from tests.audit.conftest import SiteFactory as AuditSites
from tests.audit.conftest import run_cli, sites
from tests.audit.test_audit_sites import _world
from tests.cluster.conftest import (
    CountingSite,
    SiteFactory,
    comparable_report,
    observations,
    page_html,
    run_watch,
    worker_processes,
)

# A LocalCluster start and two Chromiums a test: slow on a shared, loaded machine.
__all__ = ["sites"]  # the audit tests' site fixture, used here

pytestmark = [pytest.mark.browser, pytest.mark.timeout(400)]

LINK = '<a href="http://mysite.test/guide">my guide</a>'
HOSTS = ("127.0.0.2", "127.0.0.3", "127.0.0.4")


def _watch(sites: list[CountingSite]) -> int:
    """Watch every page of every site (one link to mysite.test each); the number of pages."""
    watchlist = WatchList(open_store(paths().history_db))
    try:
        for site in sites:
            for path in sorted(site.pages) + (["/gone"] if "/gone" not in site.pages else []):
                watchlist.add(site.url(path), "mysite.test")
    finally:
        watchlist.store.close()
    return sum(len(site.pages) + 1 for site in sites)


def _plain_pages(site: CountingSite, count: int) -> None:
    for n in range(count):
        site.pages[f"/post-{n}"] = page_html(f"<p>Post {n}: read {LINK}.</p>")


async def test_cluster_results_are_identical_to_a_local_check(
    counting_site: SiteFactory, config: Config, shared_cluster: str,
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    """Dofollow, nofollow, hidden, missing and gone pages on two hosts: the observations a
    LocalCluster of two workers stores are exactly those of a local check."""
    sites = [await counting_site(host) for host in HOSTS[:2]]
    for site in sites:
        site.pages.update({
            "/follow": page_html(f"<p>Read {LINK}.</p>"),
            "/nofollow": page_html('<p>Read <a rel="nofollow ugc" href="http://mysite.test/">it</a>.</p>'),
            "/hidden": page_html(f'<p style="display:none">{LINK}</p>'),
            "/missing": page_html("<p>No link here.</p>"),
            "/noindex": page_html(f"<p>{LINK}</p>", head='<meta name="robots" content="noindex">'),
        })  # fmt: skip
    pages = _watch(sites)
    local = await run_watch(config, "check", "--jobs", "2", "--json")
    assert local.code == 0, local.err
    expected = observations()

    monkeypatch.setenv("LINKLENS_HOME", str(tmp_path / "cluster-home"))
    assert _watch(sites) == pages
    remote = await run_watch(config, "check", "--cluster", shared_cluster, "--json")
    assert remote.code == 0, remote.err
    assert json.loads(remote.out)["pages"] == json.loads(local.out)["pages"] == pages
    assert observations() == expected
    standings = Counter(row[2] for row in expected)
    assert standings == {"present": 8, "lost": 2, "page_gone": 2}


async def test_per_host_limit_holds_across_workers(
    counting_site: SiteFactory, config: Config, shared_cluster: str
) -> None:
    """Two workers with three page slots each (through `--cluster tcp://...`): never more than
    per_host_connections (2) requests in flight to one host in total, while both workers render."""
    sites = [await counting_site(host, delay_s=4.0, gate=2) for host in HOSTS]
    for site in sites:
        _plain_pages(site, 3)  # and /gone: two pairs a host
    pages = _watch(sites)
    result = await run_watch(config, "check", "--cluster", shared_cluster, "--json")
    assert result.code == 0, result.err  # a first check reports no changes
    assert json.loads(result.out)["pages"] == pages
    assert [site.peak for site in sites] == [2, 2, 2]
    # More than one worker's three slots were busy at once: the limit was global, not per worker.
    assert sites[0].every_site.peak >= 4


async def test_killed_worker_pages_are_rendered_again_never_doubled(
    counting_site: SiteFactory, config: Config, shared_cluster: str
) -> None:
    """kill -9 of one worker process mid-check: its pages are rendered again on the others (the
    nanny's restarted worker included), the check finishes, each page stored exactly once."""
    sites = [await counting_site(host, delay_s=4.0, gate=2) for host in HOSTS]
    for site in sites:
        _plain_pages(site, 3)
    pages = _watch(sites)
    killed: list[int] = []

    async def kill_one_worker_mid_check() -> None:
        every_site = sites[0].every_site
        # Four requests in flight with three slots per worker: both workers are rendering, and
        # the gate holds each request until its host's second one comes (or 4 s).
        while every_site.now < 4:
            await asyncio.sleep(0.02)
        victim = worker_processes()[0]
        killed.append(victim.pid)
        victim.kill()  # SIGKILL: no goodbye to the scheduler

    killer = asyncio.create_task(kill_one_worker_mid_check())
    result = await run_watch(config, "check", "--cluster", shared_cluster, "--json")
    killer.cancel()
    assert killed, "no worker was killed: the check never had four pages in flight"
    assert result.code == 0, result.err
    summary = json.loads(result.out)
    assert summary["pages"] == pages
    assert summary["links"] == pages
    rows = observations(summary["run_id"])
    assert len(rows) == pages
    assert len({(row[0], row[1]) for row in rows}) == pages  # none missing, none twice
    rendered = sum(count for site in sites for count in site.hits.values())
    assert rendered > pages  # the killed worker's pages in flight were requested again


async def test_local_cluster_starts_its_workers_and_stops_them(
    counting_site: SiteFactory, config: Config
) -> None:
    """`--cluster local:1` starts a worker process with its Chromium, checks, and stops it."""
    site = await counting_site(HOSTS[0])
    site.pages["/follow"] = page_html(f"<p>Read {LINK}.</p>")
    pages = _watch([site])
    before = {process.pid for process in worker_processes()}
    result = await run_watch(config, "check", "--cluster", "local:1", "--jobs", "2", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["pages"] == pages
    assert Counter(row[2] for row in observations()) == {"present": 1, "page_gone": 1}
    assert {process.pid for process in worker_processes()} <= before  # its worker is gone


# -- audit ------------------------------------------------------------------------------------


async def test_cluster_audit_report_is_identical_to_a_local_audit(
    sites: AuditSites, audit_config: Config, shared_cluster: str,
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    """Six source pages on four sites (one answering 500): the audit run on two workers,
    target pages read there too, prints the local report."""
    urls = await _world(sites)
    listing = tmp_path / "links.csv"
    listing.write_text("Referring page URL,Target URL\n" + "".join(
        f"{urls[key]},{urls['target']}\n" for key in ("good", "nofollow", "hidden", "anchor", "off", "down")
    ))  # fmt: skip
    argv = ("audit", str(listing), "--mine", "mysite.test", "--json")
    local = await run_cli(audit_config, *argv, "--jobs", "3")
    assert local.code == 0, local.err

    monkeypatch.setenv("LINKLENS_HOME", str(tmp_path / "cluster-home"))
    remote = await run_cli(audit_config, *argv, "--cluster", shared_cluster)
    assert remote.code == 0, remote.err
    expected = comparable_report(local.out)
    assert comparable_report(remote.out) == expected
    pages = expected["pages"]
    assert isinstance(pages, list)
    assert len(pages) == 6
    assert [page["state"] for page in pages].count("failed") == 1  # the 500 page, tried twice
