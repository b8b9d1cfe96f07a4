"""`linklens prospects`: dead outbound links grouped across pages, most-linked first; blocked
and timed-out links are not prospects; `--wayback` asks a local stand-in once per dead URL, then
the store."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from agent.config import Config
from tests.audit.conftest import Page, SiteFactory, article, run_cli

pytestmark = pytest.mark.browser


@pytest.fixture
async def wayback() -> AsyncIterator[tuple[str, list[str]]]:
    """A stand-in for the availability API on 127.0.0.1: a snapshot for /gone, none for others."""
    asked: list[str] = []

    async def available(request: web.Request) -> web.Response:
        url = request.query.get("url", "")
        asked.append(url)
        if url.endswith("/gone"):
            closest = {"available": True, "status": "200", "timestamp": "20240101120000",
                       "url": f"http://web.archive.example/web/20240101120000/{url}"}  # fmt: skip
            return web.json_response({"url": url, "archived_snapshots": {"closest": closest}})
        return web.json_response({"url": url, "archived_snapshots": {}})

    app = web.Application()
    app.router.add_get("/wayback/available", available)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    port = int(runner.addresses[-1][1])
    yield f"http://127.0.0.1:{port}/wayback/available", asked
    await runner.cleanup()


async def test_dead_links_are_grouped_across_pages_with_wayback_snapshots(
    sites: SiteFactory, config: Config, wayback: tuple[str, list[str]], tmp_path: Path
) -> None:
    """Two resource pages: /gone (404) linked from both comes first with both pages and anchors;
    /old (410) next; 403 (blocked) and 200 are not listed; each dead URL asked once ever."""
    dead = await sites("dead.test")
    dead.pages["/forbidden"] = Page("no", status=403)
    dead.pages["/fine"] = Page(article("<p>fine</p>"))
    dead.pages["/old"] = Page("removed", status=410)
    resources = await sites("resources.test")
    gone, old = dead.url("/gone"), dead.url("/old")
    resources.pages["/list1"] = Page(article(
        f'<ul><li><a href="{gone}">Great guide</a></li><li><a href="{dead.url("/forbidden")}">Members</a></li>'
        f'<li><a href="{dead.url("/fine")}">Fine</a></li></ul>', "Resources"))  # fmt: skip
    resources.pages["/list2"] = Page(article(
        f'<p><a href="{gone}#top">The guide</a> and <a href="{old}">an old tool</a></p>', "More"))  # fmt: skip
    listing = tmp_path / "pages.txt"
    listing.write_text(resources.url("/list2") + "\n")
    config = config.with_overrides(wayback_url=wayback[0])

    result = await run_cli(config, "prospects", resources.url("/list1"), str(listing), "--json", "--wayback")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert [d["url"] for d in report["dead"]] == [gone, old]
    first = report["dead"][0]
    assert first["status"] == 404
    assert [(p["page"], p["anchor"]) for p in first["pages"]] == [
        (resources.url("/list1"), "Great guide"), (resources.url("/list2"), "The guide")]  # fmt: skip
    assert first["pages"][0]["context"] == "article"  # the page region the link sits in
    assert first["wayback_url"].endswith(gone)
    assert first["wayback_time"] == "20240101120000"
    assert report["dead"][1]["status"] == 410
    assert report["dead"][1]["wayback_url"] is None
    assert sorted(wayback[1]) == sorted([gone, old])
    assert dead.hits.count("/gone") <= 2  # checked once per run (HEAD, maybe GET), not per page

    result = await run_cli(config, "prospects", resources.url("/list1"), resources.url("/list2"), "--csv", "--wayback")
    assert result.code == 0, result.err
    assert sorted(wayback[1]) == sorted([gone, old])  # answers came from the store
    rows = result.out.splitlines()
    assert rows[0].startswith("dead_url,status,reason,pages_linking")
    assert rows[1].startswith(f"{gone},404,")
    assert len(rows) == 4


async def test_a_link_that_times_out_is_not_a_prospect(sites: SiteFactory, config: Config) -> None:
    """Prospects are `broken`, never `timeout`: a link whose server does not answer within the
    link-check timeout is checked and left out; the 404 beside it is listed."""
    dead = await sites("dead.test")
    slow = await sites("links.test")
    slow.pages["/slow"] = Page(article("<p>late</p>"), delay_s=5.0)  # far past the timeout below
    resources = await sites("resources.test")
    gone, late = dead.url("/gone"), slow.url("/slow")
    resources.pages["/list"] = Page(article(
        f'<p><a href="{gone}">Gone guide</a> and <a href="{late}">Slow guide</a></p>',
        "Resources"))  # fmt: skip
    config = config.with_overrides(check_timeout_s=0.4)

    result = await run_cli(config, "prospects", resources.url("/list"), "--json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert "/slow" in slow.hits  # asked, and it timed out (not skipped)
    assert report["links_checked"] == 2
    assert [(d["url"], d["status"]) for d in report["dead"]] == [(gone, 404)]


async def test_the_per_host_limit_holds_across_pages_read_at_once(sites: SiteFactory, config: Config) -> None:
    """Three resource pages read at once all cite one slow site: its URLs are checked once each
    and never more than `per_host_connections` at a time in total (checks run page by page
    had the limit each: up to three times it)."""
    cited = await sites("dead.test")
    for n in range(6):
        cited.pages[f"/gone{n}"] = Page("removed", status=410, delay_s=0.4)
    resources = await sites("resources.test")
    links = "".join(f'<li><a href="{cited.url(f"/gone{n}")}">Tool {n}</a></li>' for n in range(6))
    for page in ("/a", "/b", "/c"):
        resources.pages[page] = Page(article(f"<ul>{links}</ul>", "Resources"))
    config = config.with_overrides(per_host_connections=2)

    result = await run_cli(config, "prospects", *(resources.url(p) for p in ("/a", "/b", "/c")), "--json", "--jobs", "3")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert [len(d["pages"]) for d in report["dead"]] == [3] * 6
    assert cited.peak == 2  # the limit, reached, and not more
    assert "linklens: checking 6 links to other sites\n" in result.err  # after the pages, before the checks
    assert len([hit for hit in cited.hits if hit.startswith("/gone")]) <= 12  # once each (HEAD, maybe GET)


async def test_prospects_bad_input_is_one_line(config: Config, tmp_path: Path) -> None:
    """A source that is neither a URL nor a file: one line, exit 1."""
    result = await run_cli(config, "prospects", str(tmp_path / "nope.txt"))
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert "neither an http(s) URL nor a file" in result.err
