"""The CLI's output formats and the merge of link updates, on a hand-made Report (no browser)."""

from __future__ import annotations

import io

import msgspec

from agent.cli.output import TABLE_ROWS, format_json, print_report
from agent.cli.scan import ReportCollector
from protocol import (
    CSV_COLUMNS,
    Flag,
    Link,
    LinkUpdate,
    LinkUpdates,
    Page,
    Redirect,
    Report,
    ReportMessage,
    Summary,
    apply_updates,
)


def sample_report() -> Report:
    return Report(
        url="http://www.example.test/a",
        final_url="http://www.example.test/a",
        page=Page(title="A page", status=200, robots_nofollow=True, robots_source="header"),
        links=[
            Link(id=0, href="http://shop.test/x", text="Buy now", rel=["sponsored"],
                 follow="nofollow", nofollow_source="rel", qualifiers=["sponsored"],
                 verdict="nofollow", views=["raw", "rendered"]),
            Link(id=1, href="http://casino.test/", text="=cheap", visible=False,
                 hidden_reason="same_colour", verdict="suspicious", risk=80,
                 flags=[Flag("hidden", "danger", "Readers cannot see this link.")]),
            Link(id=2, href=None, text="", crawlable=False),
        ],
        summary=Summary(total=3, dofollow=1, nofollow=1, sponsored=1, hidden=1, suspicious=1),
        flags=[Flag("header_nofollow", "warning", "X-Robots-Tag says nofollow for the page.")],
        risk=42,
    )


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_json_is_the_protocol_report() -> None:
    """--json prints exactly the protocol's Report (decodes back to an equal struct)."""
    report = sample_report()
    assert msgspec.json.decode(format_json(report), type=Report) == report


def test_printed_json_is_the_same_on_a_byte_stream_and_a_text_one() -> None:
    """stdout gets the bytes directly; a text-only stream the same text; progress written to
    the text layer before comes out first."""
    report = sample_report()
    report.links[0].text = "Köp nu ✓"  # non-ASCII goes out as UTF-8, not escaped
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="utf-8")
    stdout.write("before ")
    print_report(report, "json", stream=stdout)
    text = io.StringIO()
    print_report(report, "json", stream=text)
    assert raw.getvalue().decode("utf-8") == "before " + text.getvalue()
    assert text.getvalue() == format_json(report) + "\n"
    assert "Köp nu ✓" in text.getvalue()
    assert msgspec.json.decode(text.getvalue(), type=Report) == report


def test_csv_uses_the_protocol_columns() -> None:
    """--csv has the protocol's header and one row per link, formula cells neutralised."""
    out = io.StringIO()
    print_report(sample_report(), "csv", stream=out)
    rows = out.getvalue().split("\r\n")
    assert rows[0].split(",") == [name for name, _ in CSV_COLUMNS]
    assert len([r for r in rows if r]) == 4
    assert "'=cheap" in out.getvalue()
    assert "Readers cannot see this link." in out.getvalue()  # flag_messages column


def test_table_without_a_terminal_has_no_colour_codes() -> None:
    """Piped table output is plain text, yet has every link, the summary and the page flags."""
    out = io.StringIO()
    print_report(sample_report(), "table", stream=out)
    text = out.getvalue()
    assert "\x1b[" not in text
    assert "Buy now" in text
    assert "same_colour" in text
    assert "hidden (danger): Readers cannot see this" in text
    assert "suspicious 80" in text
    assert "Summary: 3 links" in text
    assert "header_nofollow (warning)" in text
    assert "42/100" in text


def _many_links(n: int) -> Report:
    report = sample_report()
    report.links = [
        Link(id=i, href=f"http://www.example.test/page-{i}", text=f"Link {i}") for i in range(n)
    ]
    report.summary = Summary(total=n, dofollow=n)
    return report


def test_the_table_lists_the_first_rows_and_says_how_many_more() -> None:
    """A long page: the table stops at max_rows and says how many links it left out and how to
    get them; the summary still counts them all; CSV lists every one."""
    report = _many_links(12)
    out = io.StringIO()
    print_report(report, "table", stream=out, max_rows=10)
    text = out.getvalue()
    assert "Link 9" in text
    assert "Link 10" not in text
    assert "… and 2 more links, not in this table (--max-rows 0 shows every one" in text
    assert text.index("more links") < text.index("Summary: 12 links")
    one_more = io.StringIO()
    print_report(report, "table", stream=one_more, max_rows=11)
    assert "… and 1 more link," in one_more.getvalue()
    everything = io.StringIO()
    print_report(report, "table", stream=everything, max_rows=0)
    assert "Link 11" in everything.getvalue()
    assert "more link" not in everything.getvalue()
    csv = io.StringIO()
    print_report(report, "csv", stream=csv, max_rows=10)
    assert "Link 11" in csv.getvalue()


def test_the_default_table_stops_at_table_rows() -> None:
    out = io.StringIO()
    print_report(_many_links(TABLE_ROWS + 3), "table", stream=out)
    assert f"Link {TABLE_ROWS - 1}" in out.getvalue()
    assert f"Link {TABLE_ROWS}" not in out.getvalue()
    assert "… and 3 more links" in out.getvalue()


def test_table_on_a_terminal_is_colour_coded() -> None:
    """On a terminal (or forced), verdicts are colour-coded."""
    out = FakeTTY()
    print_report(sample_report(), "table", stream=out, force_color=True)
    assert "\x1b[" in out.getvalue()


async def test_link_updates_overwrite_the_links_fields() -> None:
    """Updates merge into the Report (before or after it arrives), fields of the update win."""
    collector = ReportCollector()
    early = LinkUpdate(link_id=1, status=404, health="broken", verdict="suspicious", risk=90,
                       flags=[Flag("broken", "danger", "The link leads to a missing page.")])
    await collector(LinkUpdates(id="x", updates=[early]))
    await collector(ReportMessage(id="x", report=sample_report()))
    late = LinkUpdate(link_id=0, status=200, health="redirect", final_url="http://shop.test/y",
                      redirects=[Redirect("http://shop.test/x", 301)], verdict="nofollow")
    await collector(LinkUpdates(id="x", updates=[late]))
    report = collector.report
    assert report is not None
    assert report.links[1].health == "broken"
    assert report.links[1].flags[0].code == "broken"
    assert report.links[0].final_url == "http://shop.test/y"
    assert report.links[0].redirects == [Redirect("http://shop.test/x", 301)]
    apply_updates(report, [LinkUpdate(link_id=99)])  # unknown ids are ignored
    assert len(report.links) == 3
