"""The Report as the terminal shows it: a colour-coded table (rich), CSV or JSON.

JSON is the protocol's Report encoded by msgspec (the same struct the extension receives); CSV
uses the protocol's columns (protocol/csv_columns.py). The table degrades without a terminal:
rich drops colour codes when stdout is not a TTY (unless forced) and the width comes from
`COLUMNS` or a wide default so piped output stays readable.
"""

from __future__ import annotations

__all__ = ["FORMATS", "TABLE_ROWS", "format_json", "print_report", "render_table"]

import os
from typing import TYPE_CHECKING, TextIO

import msgspec

if TYPE_CHECKING:
    # rich is imported when a table is printed: `--json` and `--csv` do without it (start-up).
    from rich.console import Group
    from rich.text import Text

from protocol import Link, Report, report_to_csv

FORMATS = ("table", "json", "csv")

_VERDICT_STYLE = {"dofollow": "green", "nofollow": "yellow", "suspicious": "bold red"}
_HEALTH_STYLE = {
    "ok": "green",
    "redirect": "cyan",
    "broken": "bold red",
    "soft_404": "red",
    "blocked": "magenta",
    "timeout": "magenta",
}
_SEVERITY_STYLE = {"info": "dim", "warning": "yellow", "danger": "red"}
# When nothing says how wide the output is (a pipe, a file), wide enough for URLs.
_PIPE_WIDTH = 160


_UTF8 = frozenset({"utf-8", "utf8"})
#: Links listed in the table by default (`linklens scan --max-rows N` changes it, 0 lists all).
TABLE_ROWS = 1000


def format_json(report: Report) -> str:
    """The Report as indented JSON (the protocol's encoding)."""
    return _json_bytes(report).decode()


def _json_bytes(report: Report) -> bytes:
    return msgspec.json.format(msgspec.json.encode(report), indent=2)


def _follow_cell(link: Link) -> Text:
    from rich.text import Text

    text = Text(link.follow, style="green" if link.follow == "dofollow" else "yellow")
    why: list[str] = [*link.qualifiers]
    if link.nofollow_source and link.nofollow_source != "rel":
        why.append(f"page {link.nofollow_source}")
    if why:
        text.append(f" ({', '.join(why)})", style="dim")
    return text


def _health_cell(link: Link) -> Text:
    from rich.text import Text

    if link.health is None:
        return Text("not checked", style="dim")
    text = Text(link.health, style=_HEALTH_STYLE.get(link.health, ""))
    if link.status is not None:
        text.append(f" {link.status}")
    if link.final_url and link.final_url != link.href:
        text.append(f" → {link.final_url}", style="dim")
    return text


def _flags_cell(link: Link) -> Text:
    from rich.text import Text

    text = Text()
    for i, flag in enumerate(link.flags):
        if i:
            text.append("\n")
        # The severity in words too: piped output has no colour to carry it.
        text.append(f"{flag.code} ({flag.severity})", style=_SEVERITY_STYLE.get(flag.severity, ""))
        text.append(f": {flag.message}")
    return text


def _where_cell(link: Link) -> Text:
    from rich.text import Text

    text = Text(link.context)
    if not link.visible:
        text.append(f"\nhidden ({link.hidden_reason or 'yes'})", style="red")
    if link.js_generated:
        text.append("\njs", style="cyan")
    if not link.crawlable:
        text.append("\nnot crawlable", style="yellow")
    return text


def render_table(report: Report, *, max_rows: int = TABLE_ROWS) -> Group:
    """The table of links (the first `max_rows`; 0: all), then the page's summary, flags and
    risk. rich lays a row out in about a millisecond: 20,000 links would take 20 s or more, for
    a table nobody reads to its end in a terminal; the summary counts every link, and --csv
    and --json list them all."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"Links on {report.final_url or report.url}", show_lines=False, expand=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("text", overflow="fold", max_width=30)
    table.add_column("href", overflow="fold", max_width=50)
    table.add_column("follow", no_wrap=False)
    table.add_column("verdict, risk", no_wrap=True)
    table.add_column("health", overflow="fold", max_width=30)
    table.add_column("flags", overflow="fold", max_width=50)
    table.add_column("where", no_wrap=False)
    shown = report.links if max_rows <= 0 else report.links[:max_rows]
    for link in shown:
        table.add_row(
            str(link.id),
            link.text or Text("(no text)", style="dim"),
            link.href or Text("(no href)", style="dim"),
            _follow_cell(link),
            Text(
                f"{link.verdict} {link.risk}" if link.risk else link.verdict,
                style=_VERDICT_STYLE.get(link.verdict, ""),
            ),
            _health_cell(link),
            _flags_cell(link),
            _where_cell(link),
        )
    left_out = len(report.links) - len(shown)
    if left_out:
        more = Text(
            f"… and {left_out:,} more {'link' if left_out == 1 else 'links'}, not in this "
            "table (--max-rows 0 shows every one; --csv and --json always list them all).",
            style="yellow",
        )
        return Group(table, more, _summary_text(report))
    return Group(table, _summary_text(report))


def _summary_text(report: Report) -> Text:
    from rich.text import Text

    s = report.summary
    text = Text()
    text.append("Summary: ", style="bold")
    text.append(f"{s.total} links — ")
    text.append(f"{s.dofollow} dofollow", style="green")
    text.append(", ")
    text.append(f"{s.nofollow} nofollow", style="yellow")
    text.append(f" ({s.ugc} ugc, {s.sponsored} sponsored); ")
    text.append(f"{s.internal} internal, {s.external} external; ")
    text.append(f"{s.js_generated} added by JavaScript, {s.hidden} hidden, ")
    text.append(f"{s.not_crawlable} not crawlable; ")
    text.append(f"{s.suspicious} suspicious", style="red" if s.suspicious else "")
    text.append(", ")
    text.append(f"{s.broken} broken", style="red" if s.broken else "")
    text.append(f", {s.blocked} blocked, {s.redirect} redirected")
    if s.mine:
        text.append(f"; {s.mine} to your domains", style="bold")
    text.append("\n")
    page = report.page
    if page.title:
        text.append(f"Page: {page.title}")
        if page.status is not None:
            text.append(f" (HTTP {page.status})")
        text.append("\n")
    if page.robots_nofollow:
        text.append(f"Robots nofollow on the whole page (from {page.robots_source}).\n", "yellow")
    if page.noindex:
        text.append("The page is noindex.\n", style="yellow")
    for flag in report.flags:
        text.append(f"{flag.code} ({flag.severity}): ", style=_SEVERITY_STYLE.get(flag.severity, ""))
        text.append(f"{flag.message}\n")
    text.append(f"Page risk as a link source: {report.risk}/100")
    if report.truncated:
        text.append("\nThe link cap was hit: not every link is listed.", style="yellow")
    if report.partial:
        text.append(
            "\nThe page never settled before the deadline: this is what had rendered by then.",
            style="yellow",
        )
    return text


def print_report(
    report: Report,
    fmt: str,
    *,
    stream: TextIO,
    force_color: bool | None = None,
    max_rows: int = TABLE_ROWS,
) -> None:
    """Write the report to `stream` as `table` (at most `max_rows` links; 0: all), `json` or
    `csv` (every link)."""
    if fmt == "json":
        data = _json_bytes(report) + b"\n"
        binary = getattr(stream, "buffer", None)
        if binary is not None and (getattr(stream, "encoding", "") or "").lower() in _UTF8:
            # Straight to the byte stream: msgspec's UTF-8 is what the text layer would write,
            # without decoding and encoding again (12 MB at 20,000 links).
            stream.flush()
            binary.write(data)
            binary.flush()
        else:
            stream.write(data.decode())
    elif fmt == "csv":
        stream.write(report_to_csv(report))
    elif fmt == "table":
        from rich.console import Console

        width = None if stream.isatty() or os.environ.get("COLUMNS") else _PIPE_WIDTH
        console = Console(
            file=stream,
            force_terminal=force_color,
            no_color=force_color is False,
            width=width,
            highlight=False,
            soft_wrap=False,
        )
        console.print(render_table(report, max_rows=max_rows))
    else:
        raise ValueError(f"unknown format {fmt!r}")
    stream.flush()
