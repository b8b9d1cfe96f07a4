"""`linklens watch check` against local sites whose pages change between checks (real Chromium)."""

from __future__ import annotations

import json

import pytest

from agent.config import Config
from tests.watch.conftest import ChangingSite, Page, SiteFactory, page_html, run_watch

pytestmark = pytest.mark.browser

LINK = '<a href="http://mysite.test/page">my great guide</a>'


def _first_versions(site: ChangingSite) -> None:
    """Every page as it was when the links were earned: a dofollow, visible link."""
    for path in ("/lost", "/gone", "/error", "/demote", "/robots", "/hidden", "/crawl",
                 "/anchor", "/target", "/noindex"):  # fmt: skip
        site.pages[path] = Page(page_html(f"<p>Read {LINK} today.</p>"))


def _second_versions(site: ChangingSite) -> None:
    """Each page changed in one way."""
    site.pages["/lost"] = Page(page_html("<p>No link any more.</p>"))
    del site.pages["/gone"]  # 404
    site.pages["/error"] = Page(page_html("<p>oops</p>"), status=503)
    site.pages["/demote"] = Page(page_html(
        '<p>Read <a rel="sponsored" href="http://mysite.test/page">my great guide</a>.</p>'
    ))
    site.pages["/robots"] = Page(page_html(
        f"<p>Read {LINK} today.</p>", head='<meta name="robots" content="nofollow">'
    ))
    site.pages["/hidden"] = Page(page_html(
        f'<p>Read <span style="display:none">{LINK}</span> today.</p>'
    ))
    site.pages["/crawl"] = Page(page_html(
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" usemap="#m" width="40" height="40">'
        '<map name="m"><area shape="rect" coords="0,0,40,40" href="http://mysite.test/page"'
        ' alt="my great guide"></map>'
    ))
    site.pages["/anchor"] = Page(page_html(
        '<p>Read <a href="http://mysite.test/page">this other text</a>.</p>'
    ))
    site.pages["/target"] = Page(page_html(
        '<p>Read <a href="http://mysite.test/elsewhere">my great guide</a>.</p>'
    ))
    site.pages["/noindex"] = Page(page_html(
        f"<p>Read {LINK} today.</p>", head='<meta name="robots" content="noindex">'
    ))


async def _add_all(config: Config, site: ChangingSite) -> None:
    for path in site.pages:
        target = "http://mysite.test/page" if path == "/target" else "mysite.test"
        result = await run_watch(config, "add", site.url(path), "--target", target)
        assert result.code == 0, result.err


def _kinds(result_json: str) -> dict[str, set[str]]:
    by_page: dict[str, set[str]] = {}
    for change in json.loads(result_json)["changes"]:
        path = "/" + change["source_url"].split("/", 3)[3]
        by_page.setdefault(path, set()).add(change["kind"])
    return by_page


@pytest.mark.timeout(600)  # four checks of ten pages: minutes on a shared, loaded machine
async def test_every_change_kind_and_the_first_check_rule(
    changing_site: SiteFactory, config: Config
) -> None:
    """The first check records without a change; the next finds each kind on its page; the
    third finds recoveries, a repeated page error called lost, and promotion."""
    site = await changing_site()
    _first_versions(site)
    await _add_all(config, site)

    first = await run_watch(config, "check", "--json")
    assert first.code == 0, first.err
    summary = json.loads(first.out)
    assert summary["pages"] == 10
    assert summary["changes"] == []
    states = {r["source_url"]: r["standing"] for r in json.loads((await run_watch(config, "list", "--json")).out)}
    assert set(states.values()) == {"present"}, states  # every page rendered in time

    _second_versions(site)
    second = await run_watch(config, "check", "--json")
    assert second.code == 3, second.err  # something was lost or demoted
    kinds = _kinds(second.out)
    assert kinds["/lost"] == {"lost"}
    assert kinds["/gone"] == {"page_gone"}
    assert kinds["/error"] == {"page_error"}  # reported, not yet called lost
    assert kinds["/demote"] == {"demoted"}
    assert kinds["/robots"] == {"demoted"}
    assert kinds["/hidden"] == {"hidden"}
    assert "not_crawlable" in kinds["/crawl"]
    assert kinds["/anchor"] == {"anchor_changed"}
    assert kinds["/target"] == {"target_changed"}
    assert kinds["/noindex"] == {"noindex"}

    _first_versions(site)  # everything back ...
    site.pages["/error"] = Page(page_html("<p>still down</p>"), status=503)  # ... but this
    third = await run_watch(config, "check", "--json")
    kinds = _kinds(third.out)
    assert kinds["/lost"] == {"recovered"}
    assert kinds["/gone"] == {"recovered"}
    assert kinds["/error"] == {"lost"}  # the page error repeated
    assert kinds["/demote"] == {"promoted"}
    assert third.code == 3  # /error is lost now

    # A fourth check of the same state reports nothing new, and writes only observations.
    fourth = await run_watch(config, "check", "--json")
    assert json.loads(fourth.out)["changes"] == []
    assert fourth.code == 0

    changes = await run_watch(config, "changes", "--json")
    assert len(json.loads(changes.out)) == sum(
        len(json.loads(r.out)["changes"]) for r in (second, third)
    )
    history = await run_watch(config, "history", "1")
    assert history.code == 0
    assert "lost" in history.out


async def test_the_page_is_rendered_once_for_all_its_targets(
    changing_site: SiteFactory, config: Config
) -> None:
    """Three targets on one page: one request for the page, three observations."""
    site = await changing_site()
    site.pages["/p"] = Page(page_html(
        '<a href="http://one.test/">one</a> <a rel="nofollow" href="http://two.test/">two</a>'
    ))
    for target in ("one.test", "two.test", "three.test"):
        assert (await run_watch(config, "add", site.url("/p"), "--target", target)).code == 0
    result = await run_watch(config, "check", "--json")
    assert json.loads(result.out)["links"] == 3
    assert site.hits.count("/p") == 1
    listed = {row["target"]: row for row in json.loads((await run_watch(config, "list", "--json")).out)}
    assert listed["one.test"]["follow"] == "dofollow"
    assert listed["two.test"]["follow"] == "nofollow"
    assert listed["three.test"]["standing"] == "lost"


async def test_due_skips_links_checked_within_the_interval(
    changing_site: SiteFactory, config: Config
) -> None:
    """`--due` checks nothing that was checked less than the interval ago."""
    site = await changing_site()
    site.pages["/p"] = Page(page_html(LINK))
    await run_watch(config, "add", site.url("/p"), "--target", "mysite.test")
    assert json.loads((await run_watch(config, "check", "--due", "--json")).out)["pages"] == 1
    assert json.loads((await run_watch(config, "check", "--due", "--json")).out)["pages"] == 0
    soon = config.with_overrides(watch_interval_s=0.001)
    assert json.loads((await run_watch(soon, "check", "--due", "--json")).out)["pages"] == 1


async def test_check_targets_follows_the_link_and_sees_it_redirect_away(
    changing_site: SiteFactory, config: Config
) -> None:
    """`--check-targets` records where the link leads; when your page starts redirecting to
    another site the link is `target_changed`."""
    source = await changing_site("127.0.0.2")
    mine = await changing_site("127.0.0.3")
    elsewhere = await changing_site("127.0.0.4")
    guide = f"http://mysite.test:{mine.port}/guide"
    source.pages["/post"] = Page(page_html(f'<a href="{guide}">my guide</a>'))
    mine.pages["/guide"] = Page(page_html("<h1>The guide</h1><p>Long enough to be a page.</p>"))
    elsewhere.pages["/"] = Page(page_html("<h1>Someone else</h1>"))
    mapped = config.with_overrides(host_map={"mysite.test": "127.0.0.3", "other.test": "127.0.0.4"})
    await run_watch(mapped, "add", source.url("/post"), "--target", guide)

    first = await run_watch(mapped, "check", "--check-targets", "--json")
    assert json.loads(first.out)["changes"] == []
    history = json.loads((await run_watch(mapped, "history", "1", "--json")).out)
    assert history["observations"][0]["target_health"] == "ok"
    assert history["observations"][0]["target_final_url"] == guide

    away = f"http://other.test:{elsewhere.port}/"
    mine.pages["/guide"] = Page("", status=301, headers={"Location": away})
    second = await run_watch(mapped, "check", "--check-targets", "--json")
    [change] = json.loads(second.out)["changes"]
    assert change["kind"] == "target_changed"
    assert change["after"] == away
