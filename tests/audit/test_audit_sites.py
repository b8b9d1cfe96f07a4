"""`linklens audit` on local sites: each recommendation with its reason, relevance ordering, a
page failing twice, paid columns carried through, each page rendered once and never again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent.audit.runner import run_audit
from agent.audit.store import AuditStore
from agent.config import Config, paths
from agent.render.browser_pool import BrowserPool
from agent.store.database import open_store
from agent.watch.backlink_files import read_backlink_text
from tests.audit.conftest import Page, SiteFactory, article, run_cli

pytestmark = pytest.mark.browser

COFFEE = (
    "<p>Brewing great coffee starts with fresh beans. Grind the beans just before you brew and "
    "weigh the coffee and the water. A burr grinder gives an even grind for pour-over.</p>"
    "<p>Espresso needs a fine grind and a fresh roast; a French press gives body.</p>"
)
LOANS = (
    "<p>Payday loans and car insurance: compare cheap loans online, insurance quotes for young "
    "drivers, credit scores and mortgages. Apply for a loan today and get insurance.</p>"
)


async def _world(sites: SiteFactory) -> dict[str, str]:
    """The sites of one audit; returns the URLs by role."""
    mine = await sites("mysite.test")
    mine.pages["/guide"] = Page(article(COFFEE + "<p>Our coffee grinder guide: burr grinders, grind size, beans.</p>", "Coffee grinder guide"))
    good = await sites("goodblog.test")
    target = mine.url("/guide")
    good.pages["/coffee"] = Page(article(COFFEE + f'<p>See <a href="{target}">this grinder guide</a>.</p>', "Coffee at home"))
    good.pages["/nofollow"] = Page(article(COFFEE + f'<p><a rel="nofollow" href="{target}">grinders</a></p>', "More coffee"))
    spam = await sites("spam.test")
    spam.pages["/hidden"] = Page(article(
        LOANS + f'<p>Loans.</p><div style="display:none"><a href="{target}">coffee</a></div>', "Loans"))
    spam.pages["/anchor"] = Page(article(LOANS + f'<p><a href="{target}">buy cheap viagra online</a></p>', "Pills"))
    off = await sites("offtopic.test")
    off.pages["/loans"] = Page(article(LOANS + f'<p><a href="{target}">a site</a></p>', "Loans guide"))
    broken = await sites("broken.test")
    broken.pages["/down"] = Page("<h1>oops</h1>", status=500)
    return {
        "target": target, "good": good.url("/coffee"), "nofollow": good.url("/nofollow"),
        "hidden": spam.url("/hidden"), "anchor": spam.url("/anchor"), "off": off.url("/loans"),
        "down": broken.url("/down"), "broken_site": broken.url("/"),
    }  # fmt: skip


async def test_an_audit_recommends_with_reasons_and_resumes_without_rendering_again(
    sites: SiteFactory, config: Config, pool: BrowserPool
) -> None:
    """Every page rendered once: recommendations with sentences, relevance ordered, a 500 page
    tried twice and reported, extras carried; a second run renders nothing."""
    urls = await _world(sites)
    export = "Referring page URL,Target URL,Anchor,DR,Domain traffic\n" + "\n".join(
        f"{urls[k]},{urls['target']},anchor,{dr},{dr * 10}"
        for k, dr in (("good", 51), ("nofollow", 51), ("hidden", 3), ("anchor", 3), ("off", 9), ("down", 20))
    )  # fmt: skip
    rows = read_backlink_text(export).rows
    store = AuditStore(open_store(paths().history_db))
    outcome = await run_audit(store, rows, input_name="links.csv", mine=["mysite.test"],
                              config=config, browser=pool, jobs=3)  # fmt: skip
    report = outcome.report
    domains = {d.domain: d for d in report.domains}
    pages = {p.source_url: p for p in report.pages}

    assert domains["spam.test"].recommendation == "disavow"
    assert "hidden from readers" in domains["spam.test"].why or "spam anchor" in domains["spam.test"].why
    assert domains["spam.test"].dofollow_links == 2
    assert domains["goodblog.test"].recommendation == "keep"
    assert domains["goodblog.test"].dofollow_links == 1
    assert domains["goodblog.test"].links == 2
    assert domains["offtopic.test"].recommendation == "review", [(p.source_url, p.relevance, p.shared_terms, p.risk) for p in report.pages]
    assert "off-topic" in domains["offtopic.test"].why
    assert domains["broken.test"].recommendation == "review"
    assert domains["goodblog.test"].extras == {"domain_rating": "51", "traffic": "510"}

    good, off = pages[urls["good"]], pages[urls["off"]]
    assert good.links[0].follow == "dofollow"
    assert good.links[0].anchor == "this grinder guide"
    assert pages[urls["nofollow"]].links[0].follow == "nofollow"
    assert pages[urls["nofollow"]].links[0].nofollow_source == "rel"
    assert not pages[urls["hidden"]].links[0].visible
    assert good.relevance is not None
    assert off.relevance is not None
    assert good.relevance > 40 > 15 > off.relevance
    assert "grind" in good.shared_terms or "beans" in good.shared_terms
    assert good.relevance_basis == urls["target"]
    down = pages[urls["down"]]
    assert down.state == "failed"
    assert down.attempts == 2
    assert "500" in (down.error or "")
    assert report.summary["pages"] == 6
    assert report.summary["pages_failed"] == 1

    again = await run_audit(store, rows, input_name="links.csv", mine=["mysite.test"],
                            config=config, browser=pool, jobs=3)  # fmt: skip
    assert again.resumed
    assert again.rendered == 0
    assert [d.recommendation for d in again.report.domains] == [d.recommendation for d in report.domains]
    store.store.close()


async def test_the_audit_command_writes_json_csv_and_html_and_counts_renders(
    sites: SiteFactory, config: Config, tmp_path: Path
) -> None:
    """`linklens audit FILE --mine ... --json --html`, then `--csv` from the store (no render),
    then `--fresh` renders again; a failing page is hit exactly twice per audit."""
    mine = await sites("mysite.test")
    mine.pages["/"] = Page(article(COFFEE, "My coffee site"))
    good = await sites("goodblog.test")
    good.pages["/a"] = Page(article(COFFEE + f'<a href="{mine.url("/")}">my coffee site</a>'))
    broken = await sites("broken.test")
    broken.pages["/down"] = Page("<h1>oops</h1>", status=503)
    listing = tmp_path / "links.txt"
    listing.write_text(f"# backlinks\n{good.url('/a')}\n{broken.url('/down')}\nnot a url\n")
    html = tmp_path / "report.html"

    result = await run_cli(config, "audit", str(listing), "--mine", "mysite.test", "--json",
                           "--html", str(html), "--topic", "coffee beans grind")  # fmt: skip
    assert result.code == 0, result.err
    assert "line 4: skipped" in result.err
    data = json.loads(result.out)
    assert data["kind"] == "linklens-audit"
    assert data["summary"]["pages"] == 2
    assert data["pages"][0]["relevance_basis"] == "topic"
    assert "terms" not in data["pages"][0] or data["pages"][0]["terms"] is None
    assert html.read_text().startswith("<!doctype html>")
    assert good.hits.count("/a") == 1
    assert broken.hits.count("/down") == 2

    result = await run_cli(config, "audit", str(listing), "--mine", "mysite.test", "--csv",
                           "--topic", "coffee beans grind")  # fmt: skip
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("source_url,domain,recommendation")
    assert len(lines) == 3
    assert good.hits.count("/a") == 1
    assert broken.hits.count("/down") == 2

    result = await run_cli(config, "audit", str(listing), "--mine", "mysite.test", "--fresh",
                           "--topic", "coffee beans grind")  # fmt: skip
    assert result.code == 0, result.err
    assert "audited 2 pages" in result.out
    assert "1 failed" in result.out
    assert good.hits.count("/a") == 2
    assert broken.hits.count("/down") == 4


async def test_bad_audit_input_is_one_line(config: Config, tmp_path: Path) -> None:
    """Missing file, a CSV without a source column, an empty list, a bad --mine: one line, exit 1."""
    headerless = tmp_path / "x.csv"
    headerless.write_text("foo,bar\n1,2\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing\n")
    listing = tmp_path / "ok.txt"
    listing.write_text("https://a.example/\n")
    cases = [
        ("audit", str(tmp_path / "missing.csv"), "--mine", "me.example"),
        ("audit", str(headerless), "--mine", "me.example"),
        ("audit", str(empty), "--mine", "me.example"),
        ("audit", str(listing), "--mine", "///"),
        ("audit", str(listing), "--mine", "me.example", "--html", str(tmp_path / "no" / "r.html")),
    ]
    for argv in cases:
        result = await run_cli(config, *argv)
        assert result.code == 1, (argv, result.err)
        assert result.err.count("\n") == 1, result.err
        assert "Traceback" not in result.err


async def test_cloaking_shows_googlebot_a_link_to_you_and_the_domain_is_disavowed(
    sites: SiteFactory, config: Config, pool: BrowserPool
) -> None:
    """`--cloaking`: a page that adds your link for Googlebot only is disavowed (rule 3)."""
    mine = await sites("mysite.test")
    mine.pages["/"] = Page(article(COFFEE, "Coffee"))
    spam = await sites("spam.test")
    plain = article(COFFEE, "Coffee news")
    spam.pages["/cloak"] = Page(plain, googlebot_body=article(COFFEE + f'<p><a href="{mine.url("/")}">coffee</a></p>', "Coffee news"))
    rows = read_backlink_text(spam.url("/cloak") + "\n").rows
    store = AuditStore(open_store(paths().history_db))
    outcome = await run_audit(store, rows, input_name="cloak.txt", mine=["mysite.test"], config=config,
                              browser=pool, cloaking=True, topic="coffee")  # fmt: skip
    store.store.close()
    page = outcome.report.pages[0]
    assert [link.href for link in page.links] == [mine.url("/")]
    assert any(flag.code == "cloaked" and flag.severity == "danger" for flag in page.links[0].flags)
    domain = outcome.report.domains[0]
    assert domain.recommendation == "disavow"
    assert "Googlebot" in domain.why
    assert spam.hits.count("/cloak") == 3  # the page, then the Googlebot and phone renders
