"""Reading URL lists and backlink exports: each tool's real header names, bad rows, encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.watch.backlink_files import read_backlink_file, read_backlink_text
from agent.watch.model import WatchInputError

# One small file per export, with the column names each tool writes (other columns ignored).
EXPORTS = {
    "gsc": (
        "Linking page,Target page,Last crawled\n"
        "https://blog.example/post,https://mine.example/guide,2026-11-30\n"
    ),
    "ahrefs": (
        "Referring page title,Referring page URL,Domain rating,Target URL,Anchor,Nofollow,First seen\n"
        "Post,https://blog.example/post,54,https://mine.example/guide,my guide,false,2026-01-02\n"
    ),
    "semrush": (
        "Page ascore,Source title,Source url,Target url,Anchor,External links,Nofollow\n"
        "31,Post,https://blog.example/post,https://mine.example/guide,my guide,12,false\n"
    ),
    "majestic": (
        "TargetURL,SourceURL,AnchorText,SourceCrawlDate,FlagNoFollow,SourceTrustFlow\n"
        "https://mine.example/guide,https://blog.example/post,my guide,2026-11-01,-,33\n"
    ),
    "moz": (
        "URL,Title,Anchor Text,Spam Score,Domain Authority,Page Authority,Target URL,Link Type\n"
        "https://blog.example/post,Post,my guide,1%,45,30,https://mine.example/guide,follow\n"
    ),
    "linklens": (
        "source_url,target,note,importance,added\n"
        "https://blog.example/post,https://mine.example/guide,guest post,high,2026-11-02T09:15:00Z\n"
    ),
}


@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_each_export_gives_source_and_target(export: str) -> None:
    """Every supported export maps its own header names to source page and target."""
    parsed = read_backlink_text(EXPORTS[export])
    assert parsed.bad == []
    [row] = parsed.rows
    assert row.source_url == "https://blog.example/post"
    assert row.target == "https://mine.example/guide"


def test_headers_match_whatever_the_case_and_spacing() -> None:
    """`SOURCE URL`, `source_url` and `Source-Url` are the same column."""
    for header in ("SOURCE URL", "source_url", "Source-Url", "  source url "):
        parsed = read_backlink_text(f"{header},TARGET\nhttps://a.example/,mine.example\n")
        assert parsed.rows[0].target == "mine.example"


def test_ahrefs_utf16_tab_separated_export() -> None:
    """Ahrefs writes UTF-16 with tabs: both are detected."""
    text = "Referring page URL\tTarget URL\tAnchor\r\nhttps://blog.example/p\thttps://mine.example/\tx\r\n"
    path = Path(__file__).parent / "_ahrefs_utf16.csv"
    try:
        path.write_bytes(text.encode("utf-16"))
        parsed = read_backlink_file(path)
    finally:
        path.unlink(missing_ok=True)
    assert [r.source_url for r in parsed.rows] == ["https://blog.example/p"]


def test_a_plain_list_of_urls() -> None:
    """One URL a line; blank lines and # comments skipped; bad lines reported by number."""
    parsed = read_backlink_text(
        "# my links\nhttps://a.example/1\n\nhttps://a.example/2\nftp://files.example/x\n"
    )
    assert [r.source_url for r in parsed.rows] == ["https://a.example/1", "https://a.example/2"]
    assert [(b.line, "http(s)" in b.reason) for b in parsed.bad] == [(5, True)]


def test_bad_rows_are_reported_with_their_line_and_skipped() -> None:
    """Empty source, not a URL, another scheme: each reported with its line; good rows kept."""
    parsed = read_backlink_text(
        "Source url,Target url\n"
        "https://ok.example/1,mine.example\n"
        ",mine.example\n"
        "not a url,mine.example\n"
        "javascript:alert(1),mine.example\n"
        '"https://ok.example/2, with a comma",mine.example\n'
    )
    assert [r.line for r in parsed.rows] == [2, 6]
    assert [b.line for b in parsed.bad] == [3, 4, 5]


def test_a_csv_without_a_source_column_is_refused_in_one_line() -> None:
    """A header with no source page column: a one-line error naming the accepted names."""
    with pytest.raises(WatchInputError, match="no column for the source page"):
        read_backlink_text("Keyword,Volume\nseo,100\n")
