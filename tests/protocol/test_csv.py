"""The CSV export: columns defined once, cell rules (incl. formula escaping), the example file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from protocol import (
    CSV_COLUMNS,
    Flag,
    Link,
    Redirect,
    Report,
    ReportMessage,
    csv_cell,
    decode_agent_message,
    report_rows,
    report_to_csv,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "protocol" / "examples"


@pytest.mark.parametrize(
    "text", ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx", '=HYPERLINK("x")']
)
def test_formula_starts_are_escaped(text: str) -> None:
    """A cell starting with = + - @ tab or CR gets a leading quote."""
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["plain", "a=b", " =x", "", "'quoted", "https://a.test/?q=-1"])
def test_ordinary_text_is_unchanged(text: str) -> None:
    """Text that does not start with a formula character is written as it is."""
    assert csv_cell(text) == text


def test_scalars() -> None:
    """Booleans are true/false, None is empty, numbers are digits."""
    assert csv_cell(True) == "true"
    assert csv_cell(False) == "false"
    assert csv_cell(None) == ""
    assert csv_cell(404) == "404"


def test_lists_redirects_and_flags() -> None:
    """Lists join with a space, redirects as 'STATUS URL' joined with ' > ', flags two ways."""
    link = Link(
        id=0, href="http://a.test/", rel=["nofollow", "ugc"], qualifiers=["nofollow", "ugc"],
        views=["raw", "live"],
        redirects=[Redirect(url="http://a.test/", status=301), Redirect(url="https://a.test/", status=302)],
        flags=[Flag(code="hidden", severity="danger", message="Hidden."),
               Flag(code="redirect", severity="info", message="Redirects.")],
    )  # fmt: skip
    header, row = list(report_rows(Report(url="http://p.test/", links=[link])))
    cells = dict(zip(header, row, strict=True))
    assert cells["rel"] == "nofollow ugc"
    assert cells["qualifiers"] == "nofollow ugc"
    assert cells["views"] == "raw live"
    assert cells["redirects"] == "301 http://a.test/ > 302 https://a.test/"
    assert cells["flags"] == "hidden redirect"
    assert cells["flag_messages"] == "Hidden. | Redirects."


def test_header_is_the_column_list_and_rows_round_trip() -> None:
    """The header is CSV_COLUMNS; commas, quotes and newlines survive a csv.reader round trip."""
    link = Link(id=3, href="http://a.test/", text='say "hi",\nthen go')
    text = report_to_csv(Report(url="http://p.test/", links=[link]))
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == [name for name, _ in CSV_COLUMNS]
    assert rows[1][rows[0].index("text")] == 'say "hi",\nthen go'
    assert len({name for name, _ in CSV_COLUMNS}) == len(CSV_COLUMNS)


def test_example_csv_is_the_csv_of_the_example_report() -> None:
    """examples/report.csv is byte for byte report_to_csv(examples/report.json)."""
    message = decode_agent_message((EXAMPLES / "report.json").read_text(encoding="utf-8"))
    assert isinstance(message, ReportMessage)
    on_disk = (EXAMPLES / "report.csv").read_bytes().decode("utf-8")
    assert on_disk == report_to_csv(message.report)
    assert "'=HYPERLINK" in on_disk  # the example shows the formula rule
