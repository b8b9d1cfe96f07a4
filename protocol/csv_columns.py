"""The CSV export of a Report: one row per link, the columns defined here and nowhere else.

`scripts/gen-schema` writes the column names into extension/protocol-data.js (the extension's
export reads them from there) and protocol/examples/report.csv from this module; a JS test checks
the extension's CSV against that file byte for byte.

Cell rules (both ends): lists joined with a space; redirects as "STATUS URL" joined with " > ";
flags as codes joined with a space and their sentences joined with " | "; booleans "true"/"false";
null as an empty cell. A cell that starts with = + - @ or a tab/CR is prefixed with a single quote
so spreadsheets never run it as a formula.
"""

from __future__ import annotations

__all__ = ["CSV_COLUMNS", "csv_cell", "report_rows", "report_to_csv"]

import csv
import io
from collections.abc import Callable, Iterator

from .report import Link, Report

_Cell = str | int | bool | None


def _join(values: list[str]) -> str:
    return " ".join(values)


#: (column name, how to read it from a Link)
CSV_COLUMNS: tuple[tuple[str, Callable[[Link], _Cell]], ...] = (
    ("id", lambda link: link.id),
    ("href", lambda link: link.href),
    ("text", lambda link: link.text),
    ("tag", lambda link: link.tag),
    ("rel", lambda link: _join(link.rel)),
    ("follow", lambda link: link.follow),
    ("nofollow_source", lambda link: link.nofollow_source),
    ("qualifiers", lambda link: _join(list(link.qualifiers))),
    ("verdict", lambda link: link.verdict),
    ("risk", lambda link: link.risk),
    ("health", lambda link: link.health),
    ("status", lambda link: link.status),
    ("final_url", lambda link: link.final_url),
    ("redirects", lambda link: " > ".join(f"{r.status} {r.url}" for r in link.redirects)),
    ("internal", lambda link: link.internal),
    ("mine", lambda link: link.mine),
    ("js_generated", lambda link: link.js_generated),
    ("crawlable", lambda link: link.crawlable),
    ("visible", lambda link: link.visible),
    ("hidden_reason", lambda link: link.hidden_reason),
    ("context", lambda link: link.context),
    ("views", lambda link: _join(list(link.views))),
    ("flags", lambda link: _join([f.code for f in link.flags])),
    ("flag_messages", lambda link: " | ".join(f.message for f in link.flags)),
    ("live_id", lambda link: link.live_id),
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: _Cell) -> str:
    """One cell's text by the rules in the module docstring."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def report_rows(report: Report) -> Iterator[list[str]]:
    """The header row, then one row per link."""
    yield [name for name, _ in CSV_COLUMNS]
    for link in report.links:
        yield [csv_cell(read(link)) for _, read in CSV_COLUMNS]


def report_to_csv(report: Report) -> str:
    """The whole CSV text (RFC 4180 quoting, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(report_rows(report))
    return out.getvalue()
