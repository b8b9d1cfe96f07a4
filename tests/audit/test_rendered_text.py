"""Relevance reads the page as its scripts left it: an article a script writes (on the source
page or on your target page) scores as its static copy does; a page with no readable text is
"relevance not measured" (null in JSON, empty in CSV, "not measured" in HTML), never off-topic."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from agent.config import Config
from tests.audit.conftest import Page, SiteFactory, article, run_cli
from tests.audit.test_audit_sites import COFFEE

pytestmark = pytest.mark.browser


def scripted(body: str, title: str) -> str:
    """`article(body, title)` whose article (title included) a script writes after load: the
    server's HTML has a menu and an empty <main>, the words only inside a JS string."""
    return (
        "<!doctype html><html><head><title>loading</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/about">About</a></nav><main id="root"></main>'
        f"<script>document.title = {json.dumps(title)};"
        "document.getElementById('root').innerHTML = "
        f"{json.dumps(f'<article><h1>{title}</h1>{body}</article>')};</script></body></html>"
    )


async def test_script_written_articles_are_read_and_empty_pages_are_not_measured(
    sites: SiteFactory, config: Config, tmp_path: Path
) -> None:
    """One audit: a scripted coffee article linking to your coffee guide scores high (as its
    static copy does) and is kept; a static coffee page linking to your script-written guide
    scores high too; a page with no text at all is not measured and kept, not reviewed as
    off-topic."""
    mine = await sites("mysite.test")
    guide = "<p>Our coffee grinder guide: burr grinders, grind size, beans.</p>"
    mine.pages["/guide"] = Page(article(COFFEE + guide, "Coffee grinder guide"))
    mine.pages["/js-guide"] = Page(scripted(COFFEE + guide, "Coffee grinder guide"))
    good = await sites("goodblog.test")
    link = f'<p>See <a href="{mine.url("/guide")}">this grinder guide</a>.</p>'
    good.pages["/static"] = Page(article(COFFEE + link, "Coffee at home"))
    good.pages["/scripted"] = Page(scripted(COFFEE + link, "Coffee at home"))
    links = await sites("links.test")
    js_link = f'<p>See <a href="{mine.url("/js-guide")}">the grinder guide</a>.</p>'
    links.pages["/coffee"] = Page(article(COFFEE + js_link, "Coffee notes"))
    off = await sites("offtopic.test")
    off.pages["/empty"] = Page(
        f'<!doctype html><html><head></head><body><a href="{mine.url("/guide")}">'
        '<img src="/banner.png" alt=""></a></body></html>'
    )
    listing = tmp_path / "links.txt"
    sources = [good.url("/static"), good.url("/scripted"), links.url("/coffee"), off.url("/empty")]
    listing.write_text("\n".join(sources) + "\n")
    html = tmp_path / "report.html"

    result = await run_cli(config, "audit", str(listing), "--mine", "mysite.test", "--json",
                           "--html", str(html))  # fmt: skip
    assert result.code == 0, result.err
    data = json.loads(result.out)
    pages = {page["source_url"]: page for page in data["pages"]}
    domains = {domain["domain"]: domain for domain in data["domains"]}
    static, dynamic = pages[good.url("/static")], pages[good.url("/scripted")]
    assert dynamic["title"] == "Coffee at home"
    assert (dynamic["relevance"] or 0) > 40, dynamic  # 0 when only the server's HTML was read
    assert abs(dynamic["relevance"] - static["relevance"]) <= 5, (dynamic, static)
    assert {"grind", "beans"} & set(dynamic["shared_terms"])
    assert domains["goodblog.test"]["recommendation"] == "keep"
    to_js = pages[links.url("/coffee")]
    assert to_js["relevance_basis"] == mine.url("/js-guide")
    assert (to_js["relevance"] or 0) > 40, to_js
    assert domains["links.test"]["recommendation"] == "keep"

    empty = pages[off.url("/empty")]
    assert empty["links"][0]["follow"] == "dofollow"
    assert empty["relevance"] is None
    assert empty["shared_terms"] == []
    assert domains["offtopic.test"]["relevance"] is None
    assert domains["offtopic.test"]["recommendation"] == "keep", domains["offtopic.test"]
    assert "off-topic" not in domains["offtopic.test"]["why"]
    row = next(r for r in html.read_text().split("<tr") if off.url("/empty") in r)
    assert '<td class="num" data-sort="-1">not measured</td>' in row
    assert mine.hits.count("/js-guide") == 1  # each target page read once

    result = await run_cli(config, "audit", str(listing), "--mine", "mysite.test", "--csv")
    assert result.code == 0, result.err
    by_url = {row["source_url"]: row for row in csv.DictReader(io.StringIO(result.out))}
    assert by_url[off.url("/empty")]["relevance"] == ""
    assert int(by_url[good.url("/scripted")]["relevance"]) > 40
