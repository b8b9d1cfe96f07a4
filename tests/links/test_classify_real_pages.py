"""Classification facts the real-page corpus showed wrong: `<a>` without href counted as links,
and links a cut-short render never reached called "removed by JavaScript"."""

from __future__ import annotations

from agent.links.classify import build_report
from agent.links.raw_view import extract_raw_view
from protocol import CollectedLink, Collection, Report

PAGE = "https://www.news-site.com/story"
RAW = b"""<!doctype html><meta charset=utf-8><title>Story</title>
<a href="/a">A</a> <a href="/x">X</a> <a href="/b">B</a>
<script src="https://ads.ad-network.net/slow.js"></script>
<a href="https://www.partner-site.org/c">C</a> <a href="/d">D</a>"""


def rendered(*paths: str) -> list[CollectedLink]:
    """Rendered links for paths of the page's site, text = the path's last letter upper-cased."""
    return [
        CollectedLink(id=str(i), href=f"https://www.news-site.com{path}" if path.startswith("/") else path,
                      text=path.rsplit("/", 1)[-1].upper())
        for i, path in enumerate(paths)
    ]


def report(links: list[CollectedLink], *, partial: bool, raw: bytes = RAW) -> Report:
    """The Report of PAGE from its raw HTML and these rendered links."""
    return build_report(
        url=PAGE, final_url=PAGE, status=200, headers=[],
        raw=extract_raw_view(raw, PAGE, max_links=1000),
        rendered=Collection(url=PAGE, links=links), live=None, mine=[],
        partial=partial, truncated=False,
    )


def reasons(result: Report) -> dict[str, str | None]:
    """Raw-only links by the last letter of their href -> hidden reason."""
    return {
        (link.href or "").rsplit("/", 1)[-1]: link.hidden_reason
        for link in result.links if link.views == ["raw"]
    }


def test_links_past_a_cut_short_render_are_not_reached() -> None:
    """The render stopped at the ad script: C and D were never reached, X (before B, which the
    render has) was removed by the page's script."""
    result = report(rendered("/a", "/b"), partial=True)
    assert reasons(result) == {"x": "not_rendered", "c": "not_reached", "d": "not_reached"}


def test_links_missing_from_a_complete_render_were_removed() -> None:
    """Without a partial render, a raw link missing from the rendered page was removed."""
    result = report(rendered("/a", "/b"), partial=False)
    assert reasons(result) == {"x": "not_rendered", "c": "not_rendered", "d": "not_rendered"}


def test_anchor_without_href_is_not_counted_as_a_link() -> None:
    """<a name>, <a onclick> without href: listed apart (without_href), never in total or the
    follow, internal, external, hidden or not_crawlable counts."""
    links = [
        *rendered("/a", "https://www.partner-site.org/c"),
        CollectedLink(id="2", href=None, text="Menu"),
        CollectedLink(id="3", href=None, text="", visible=False, hidden_reason="display"),
    ]
    raw = b"""<a href="/a">A</a><a href="https://www.partner-site.org/c">C</a>
<a onclick="menu()">Menu</a><a name="top" style="display:none"></a>"""
    summary = report(links, partial=False, raw=raw).summary
    assert (summary.total, summary.without_href) == (2, 2)
    assert (summary.dofollow, summary.nofollow) == (2, 0)
    assert (summary.internal, summary.external) == (1, 1)
    assert (summary.hidden, summary.not_crawlable) == (0, 0)
