"""The HTML report opened in real Chromium: self-contained, charts drawn with labels and
patterns, tables sort and filter."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.audit.html_report import render_html
from agent.audit.model import AuditReport, DomainAudit, LinkToYou, PageAudit
from agent.render.browser_pool import BrowserPool

pytestmark = pytest.mark.browser


def _report() -> AuditReport:
    def link(follow: str) -> LinkToYou:
        return LinkToYou(href="https://me.example/", anchor="me", follow=follow)

    pages = [
        PageAudit(source_url="https://a-spam.example/1", domain="a-spam.example", links=[link("dofollow")], risk=85, status=200),
        PageAudit(source_url="https://b-good.example/1", domain="b-good.example", links=[link("dofollow"), link("nofollow")], risk=5, status=200, relevance=62),
        PageAudit(source_url="https://c-meh.example/1", domain="c-meh.example", links=[link("ugc")], risk=35, status=200, relevance=8),
        PageAudit(source_url="https://d-down.example/1", domain="d-down.example", state="failed", error="HTTP 500", attempts=2),
    ]  # fmt: skip

    def domain(name: str, rec: str, worst: int, extras: dict[str, str]) -> DomainAudit:
        return DomainAudit(domain=name, pages=1, pages_failed=0, links=1, dofollow_links=1, worst_risk=worst,
                           median_risk=worst, reasons=[], recommendation=rec, why=f"{rec} <because>",  # type: ignore[arg-type]
                           extras=extras)  # fmt: skip

    domains = [
        domain("a-spam.example", "disavow", 85, {"domain_rating": "2"}),
        domain("c-meh.example", "review", 35, {}),
        domain("d-down.example", "review", 0, {}),
        domain("b-good.example", "keep", 5, {"domain_rating": "71"}),
    ]
    summary = {"pages": 4, "pages_with_link": 3, "links": 4, "dofollow_links": 2, "referring_domains": 4,
               "domains_disavow": 1, "domains_review": 2, "domains_keep": 1, "pages_failed": 1}  # fmt: skip
    return AuditReport(generated_at="2026-12-03T10:00:00Z", input="links.csv <x>", mine=["me.example"],
                       pages=pages, domains=domains, summary=summary)  # fmt: skip


async def test_the_report_draws_charts_and_its_tables_sort_and_filter(
    pool: BrowserPool, tmp_path: Path
) -> None:
    """Opened from a file with every request refused: charts have a bar per category with its
    value as text and a pattern fill; a header click sorts, the filters hide rows."""
    html = render_html(_report())
    assert "<because>" not in html
    assert "&lt;because&gt;" in html
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    browser = await pool.browser()
    context = await browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = await context.new_page()
    try:
        await page.goto(path.as_uri())
        assert all(url.startswith("file://") for url in requests), requests  # self-contained

        bars = await page.eval_on_selector_all(
            "#chart-follow rect.bar", "els => els.map(e => [e.dataset.name, e.dataset.value, e.getAttribute('fill'), e.getBBox().width > 0])")
        assert bars == [["dofollow", "2", "url(#p-solid)", True], ["nofollow", "1", "url(#p-hatch)", True],
                        ["ugc", "1", "url(#p-dots)", True], ["sponsored", "0", "url(#p-cross)", True]]  # fmt: skip
        follow_text = await page.inner_text("#chart-follow")
        assert "dofollow" in follow_text
        assert "nofollow" in follow_text
        risk = await page.eval_on_selector_all("#chart-risk rect.bar", "els => els.map(e => +e.dataset.value)")
        assert risk == [1, 0, 0, 1, 0, 0, 0, 0, 1, 0]
        recs = await page.eval_on_selector_all("#chart-recommendation rect.bar", "els => els.map(e => [e.dataset.name, +e.dataset.value])")
        assert recs == [["keep", 1], ["review", 2], ["disavow", 1]]

        async def first_column(table: str) -> list[str]:
            return await page.eval_on_selector_all(
                f"#{table} tbody tr:not([hidden])", "rows => rows.map(r => r.cells[0].textContent)")

        # Sort the domains by worst risk (column 6), ascending then descending.
        worst = page.locator("#domains thead th", has_text="worst risk")
        await worst.click()
        assert await first_column("domains") == ["d-down.example", "b-good.example", "c-meh.example", "a-spam.example"]
        await worst.click()
        assert await first_column("domains") == ["a-spam.example", "c-meh.example", "b-good.example", "d-down.example"]
        assert await worst.get_attribute("aria-sort") == "descending"
        # Keyboard: Enter on a header sorts too.
        await page.locator("#domains thead th", has_text="domain").first.focus()
        await page.keyboard.press("Enter")
        assert await first_column("domains") == ["a-spam.example", "b-good.example", "c-meh.example", "d-down.example"]

        await page.select_option("#domains-rec", "review")
        assert await first_column("domains") == ["c-meh.example", "d-down.example"]
        assert await page.inner_text("#domains-count") == "2 of 4 shown"
        await page.select_option("#domains-rec", "")
        await page.fill("#domains-filter", "good")
        assert await first_column("domains") == ["b-good.example"]

        await page.fill("#pages-filter", "HTTP 500")
        assert await first_column("pages") == ["https://d-down.example/1"]
        await page.select_option("#pages-rec", "disavow")
        assert await first_column("pages") == []
        await page.fill("#pages-filter", "")
        assert await first_column("pages") == ["https://a-spam.example/1"]
        await page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    finally:
        await context.close()
