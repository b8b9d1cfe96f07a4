"""`linklens prospects --cluster local:2` against local sites (a real Chromium in each worker):
the pages are rendered on the workers, their links checked on the client, and the report is
the one a local run prints."""

from __future__ import annotations

from typing import Any

import pytest

from agent.audit import prospects
from agent.audit.prospects import page_links
from agent.config import Config
from protocol import Link
from tests.audit.conftest import Page, article, run_cli, sites
from tests.audit.conftest import SiteFactory as AuditSites
from tests.cluster.conftest import comparable_report

__all__ = ["sites"]  # the audit tests' site fixture, used here

# Two worker processes and their Chromiums start for the test: slow on a shared machine.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(400)]


async def test_cluster_prospects_report_is_identical_to_a_local_one(
    sites: AuditSites, audit_config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three resource pages on three hosts linking to dead (404, 410), blocked (403) and live
    pages, and one address that is not an HTML page: `--cluster local:2` prints the local report."""
    dead = await sites("dead.test")
    dead.pages["/fine"] = Page(article("<p>fine</p>"))
    dead.pages["/forbidden"] = Page("no", status=403)
    dead.pages["/old"] = Page("removed", status=410)
    gone, old, fine, forbidden = (dead.url(p) for p in ("/gone", "/old", "/fine", "/forbidden"))
    resources = await sites("resources.test")
    resources.pages["/list"] = Page(article(
        f'<ul><li><a href="{gone}">Great guide</a></li><li><a href="{forbidden}">Members</a></li>'
        f'<li><a href="{fine}">Fine</a></li><li><a href="/about">About us</a></li></ul>', "Resources"))  # fmt: skip
    blog = await sites("goodblog.test")
    blog.pages["/links"] = Page(article(
        f'<p><a href="{gone}#top">The guide</a> and <a href="{old}">an old tool</a>.</p>', "Links"))  # fmt: skip
    more = await sites("links.test")
    more.pages["/tools"] = Page(article(
        f'<aside><a href="{old}">Old tool</a></aside><p><a href="{fine}">Fine one</a></p>', "Tools"))  # fmt: skip
    broken = await sites("broken.test")
    broken.pages["/data"] = Page('{"links": []}', content_type="application/json")
    pages = [resources.url("/list"), blog.url("/links"), more.url("/tools"), broken.url("/data")]

    # Pages read in this process (the workers are processes of their own, not patched).
    read_here: list[str] = []

    async def counted(url: str, **kwargs: Any) -> tuple[str, list[Link]]:
        read_here.append(url)
        return await page_links(url, **kwargs)

    monkeypatch.setattr(prospects, "page_links", counted)
    local = await run_cli(audit_config, "prospects", *pages, "--json", "--jobs", "2")
    assert local.code == 0, local.err
    assert sorted(read_here) == sorted(pages)
    remote = await run_cli(audit_config, "prospects", *pages, "--json", "--cluster", "local:2")
    assert remote.code == 0, remote.err
    assert sorted(read_here) == sorted(pages)  # none rendered here: all on the workers
    expected = comparable_report(local.out)
    assert comparable_report(remote.out) == expected

    # What both printed: the dead links really are there (the comparison is not of two empties).
    assert expected["pages"] == pages
    # A worker's LinkLensError came back as the local one: a failed page with its sentence.
    assert expected["failed"] == {broken.url("/data"): "That address is not an HTML page (it sends application/json)."}
    assert f"linklens prospects: {broken.url('/data')}: That address" in remote.err
    assert expected["links_checked"] == 4  # gone, old, fine, forbidden: each URL once
    dead_links = expected["dead"]
    assert isinstance(dead_links, list)
    assert [(d["url"], d["status"]) for d in dead_links] == [(gone, 404), (old, 410)]
    assert [(p["page"], p["anchor"]) for p in dead_links[0]["pages"]] == [
        (resources.url("/list"), "Great guide"), (blog.url("/links"), "The guide")]  # fmt: skip
    assert [p["page"] for p in dead_links[1]["pages"]] == [blog.url("/links"), more.url("/tools")]


async def test_a_page_dask_gave_up_on_is_a_failed_page() -> None:
    """A page whose task killed its workers repeatedly (KilledWorker) raises the LinkLensError
    that find_prospects records as a failed page, with the sentence; the run goes on."""
    from distributed import KilledWorker

    from agent.cluster.session import ClusterSession
    from agent.cluster.spec import ClusterSpec
    from agent.errors import LinkLensError

    class Gone:
        def __await__(self) -> Any:
            raise KilledWorker("linklens-page", None, 3)  # type: ignore[arg-type]
            yield  # a generator, as __await__ must be

        def release(self) -> None:
            pass

    class Client:
        def submit(self, *args: Any, **kwargs: Any) -> Gone:
            return Gone()

    session = ClusterSession(Client(), ClusterSpec(local_workers=1), slots=1)
    with pytest.raises(LinkLensError) as raised:
        await session.prospect_job()("http://resources.test/list")
    assert raised.value.message == "its render stopped the cluster's workers repeatedly"
    report = await prospects.find_prospects(["http://resources.test/list"], config=Config(), browser=None,
                                            page_job=session.prospect_job())  # fmt: skip
    assert report.failed == {"http://resources.test/list": "its render stopped the cluster's workers repeatedly"}
    assert report.dead == []
