"""Reading lists of backlinks: a plain list of URLs, or a CSV export with a header row.

One table of column aliases (`COLUMN_ALIASES`), matched case-insensitively with spaces,
underscores and dashes ignored, covers LinkLens's own `watch export` and the backlink exports
people already have (the audit feature reads its input through this module too):

    export                                  source page           target            anchor
    LinkLens `watch export`                 source_url            target            -
    Google Search Console (Links report)    Linking page          Target page       -
    Ahrefs (Site Explorer > Backlinks)      Referring page URL    Target URL        Anchor
    Semrush (Backlink Analytics)            Source url            Target url        Anchor
    Majestic (Site Explorer > Backlinks)    Source URL/SourceURL  Target URL/TargetURL  Anchor Text/AnchorText
    Moz (Link Explorer > Inbound Links)     URL                   Target URL        Anchor Text

Columns people have paid for (Domain Rating, Domain Authority, Trust Flow, Spam Score, traffic:
`EXTRA_ALIASES`) are carried in `BacklinkRow.extras` as written, for `linklens audit`; other
columns are ignored. Files may be UTF-8 (with or without a BOM) or UTF-16 (Ahrefs exports
UTF-16 with tabs); the delimiter (comma, tab, semicolon) is detected from the header line.
Rows without a usable source URL are reported with their line number and skipped.
"""

from __future__ import annotations

__all__ = [
    "COLUMN_ALIASES",
    "EXTRA_ALIASES",
    "BacklinkFile",
    "BacklinkRow",
    "BadRow",
    "read_backlink_file",
    "read_backlink_text",
]

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from agent.watch.model import WatchInputError, normalize_source_url

#: field -> header names that mean it, most specific first (compared after `_key`).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "source_url": (
        "source_url", "source url", "sourceurl", "source page", "source",
        "referring page url", "referring page", "referring url",
        "linking page", "linking page url", "url from", "from url",
        "url",  # Moz's inbound links export names the linking page just "URL"
    ),
    "target": (
        "target", "target url", "targeturl", "target page", "target_url",
        "url to", "linked page", "to url",
    ),
    "anchor": ("anchor", "anchor text", "anchortext", "link anchor", "link text"),
    "note": ("note", "notes", "label"),
    "importance": ("importance",),
    "added": ("added", "added at", "added_at"),
}  # fmt: skip

#: Metrics from paid tools, carried through as given (never computed, never invented): field ->
#: header names of Ahrefs (DR, UR, Domain rating), Moz (Domain Authority, Page Authority, Spam
#: Score), Majestic (SourceTrustFlow, SourceCitationFlow), Semrush (Page ascore) and traffic.
EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "domain_rating": ("domain rating", "dr", "domain_rating"),
    "url_rating": ("url rating", "ur"),
    "domain_authority": ("domain authority", "da"),
    "page_authority": ("page authority", "pa"),
    "authority_score": ("authority score", "page ascore", "ascore", "domain ascore"),
    "trust_flow": ("trust flow", "trustflow", "source trust flow", "sourcetrustflow"),
    "citation_flow": ("citation flow", "citationflow", "source citation flow", "sourcecitationflow"),
    "spam_score": ("spam score", "spamscore"),
    "traffic": ("traffic", "domain traffic", "page traffic", "organic traffic"),
}  # fmt: skip

#: Size cap of an import file: a list of a million links is far beyond what a watch list is for.
MAX_FILE_BYTES = 64 * 1024 * 1024


def _key(name: str) -> str:
    """Header names compared without case, BOMs, spaces, underscores or dashes."""
    return re.sub(r"[\s_\-]+", "", name.strip().lstrip("\ufeff").lower())


_ALIAS_KEYS = {name: tuple(dict.fromkeys(_key(a) for a in aliases)) for name, aliases in COLUMN_ALIASES.items()}
_EXTRA_KEYS = {name: tuple(dict.fromkeys(_key(a) for a in aliases)) for name, aliases in EXTRA_ALIASES.items()}


@dataclass(frozen=True)
class BacklinkRow:
    """One usable row: the source page and what else the file said about it."""

    line: int
    source_url: str
    target: str | None = None
    anchor: str | None = None
    note: str | None = None
    importance: str | None = None
    added: str | None = None
    #: (field of EXTRA_ALIASES, value as written) for the paid metrics the file has.
    extras: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class BadRow:
    """A row that was skipped, and why."""

    line: int
    reason: str


@dataclass
class BacklinkFile:
    """What a file held: its usable rows, the rows skipped, and the columns recognised."""

    rows: list[BacklinkRow] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field -> header as written


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheet programs on Windows still save "CSV" as cp1252.
        return data.decode("cp1252", errors="replace")


def _is_url_line(line: str) -> bool:
    return bool(re.match(r"^\s*https?://", line, re.IGNORECASE))


def _plain_list(text: str) -> BacklinkFile:
    result = BacklinkFile(columns={"source_url": "(one URL a line)"})
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            result.rows.append(BacklinkRow(line=number, source_url=normalize_source_url(line)))
        except WatchInputError as exc:
            result.bad.append(BadRow(number, str(exc)))
    return result


def _columns(header: list[str], table: dict[str, tuple[str, ...]] = _ALIAS_KEYS) -> dict[str, int]:
    keys = [_key(name) for name in header]
    found: dict[str, int] = {}
    for name, aliases in table.items():
        for alias in aliases:
            if alias in keys:
                found[name] = keys.index(alias)
                break
    return found


def read_backlink_text(text: str) -> BacklinkFile:
    """Parse a file's text (see the module docstring)."""
    lines = text.splitlines()
    first = next((line for line in lines if line.strip() and not line.lstrip().startswith("#")), "")
    if not first or _is_url_line(first):
        return _plain_list(text)
    delimiter = max(",\t;", key=first.count) if any(d in first for d in ",\t;") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    result = BacklinkFile()
    index: dict[str, int] = {}
    extra_index: dict[str, int] = {}
    for row in reader:
        if header is None:
            if not any(cell.strip() for cell in row):
                continue
            header = row
            index = _columns(row)
            extra_index = {name: i for name, i in _columns(row, _EXTRA_KEYS).items()
                           if i not in index.values()}  # fmt: skip
            if "source_url" not in index:
                raise WatchInputError(
                    f"line {reader.line_num}: no column for the source page; expected one of "
                    + ", ".join(f'"{a}"' for a in COLUMN_ALIASES["source_url"][:6])
                    + " (or a plain list of URLs, one a line)"
                )
            result.columns = {name: header[i].strip().lstrip("\ufeff") for name, i in (index | extra_index).items()}
            continue
        if not any(cell.strip() for cell in row):
            continue
        line = reader.line_num

        def cell(name: str, row: list[str] = row, index: dict[str, int] = index) -> str | None:
            i = index.get(name)
            if i is None or i >= len(row):
                return None
            value = row[i].strip()
            return value or None

        source = cell("source_url")
        if source is None:
            result.bad.append(BadRow(line, "no source URL"))
            continue
        try:
            source = normalize_source_url(source)
        except WatchInputError as exc:
            result.bad.append(BadRow(line, str(exc)))
            continue
        result.rows.append(BacklinkRow(
            line=line, source_url=source, target=cell("target"), anchor=cell("anchor"),
            note=cell("note"), importance=cell("importance"), added=cell("added"),
            extras=tuple(
                (name, row[i].strip()) for name, i in extra_index.items()
                if i < len(row) and row[i].strip()
            ),
        ))  # fmt: skip
    return result


def read_backlink_file(path: Path) -> BacklinkFile:
    """Read and parse `path`; raises OSError (unreadable) or WatchInputError (no source column,
    too large)."""
    with path.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise WatchInputError(f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    return read_backlink_text(_decode(data))
