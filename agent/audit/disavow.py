"""Google's disavow file: written from an audit, merged into an existing file, checked.

The format (Google Search Console Help, "Disavow links to your site"):

- a plain text file whose name ends in `.txt`, encoded in UTF-8 or 7-bit ASCII;
- one entry a line: `domain:example.com` disavows every link from that domain (or subdomain),
  a URL (`https://spam.example/page.html`) the links on that page; a subpath cannot be
  disavowed (`example.com/en/` is not an entry);
- lines starting with `#` are comments, which Google ignores; blank lines are allowed;
- at most 100,000 lines (blank and comment lines included) and 2 MB; a URL at most 2,048
  characters.

`MAX_BYTES` takes "2 MB" as 2,000,000 bytes, the stricter reading. What is written here never
names one of your domains, and takes its domains from the audited source pages only: a domain
seen only as a redirect target (where a source page ended up) is never disavowed.
"""

from __future__ import annotations

__all__ = [
    "MAX_BYTES",
    "MAX_LINES",
    "MAX_URL_LENGTH",
    "CheckProblem",
    "DisavowEntry",
    "check_disavow",
    "disavow_entries",
    "entry_key",
    "merge_disavow",
    "write_disavow",
]

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from agent.audit.model import AuditReport
from agent.net.hosts import is_ip, is_mine, to_ascii_host

MAX_BYTES = 2_000_000
MAX_LINES = 100_000
MAX_URL_LENGTH = 2048

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


@dataclass(frozen=True)
class DisavowEntry:
    """One line to write (`domain:x` or a URL) and the comment that explains it."""

    line: str
    reason: str


@dataclass(frozen=True)
class CheckProblem:
    """One thing wrong with a file: the line (0 for the whole file), why, the text."""

    line: int
    reason: str
    text: str = ""
    error: bool = True  # False: a warning (a duplicate), the file is still accepted


def _valid_domain(name: str) -> str | None:
    """The ASCII form of a domain name fit for `domain:`, else None."""
    if not name or name != name.strip() or "/" in name or ":" in name or "*" in name:
        return None
    ascii_name = to_ascii_host(name.rstrip("."))
    if not ascii_name or is_ip(ascii_name) or "." not in ascii_name:
        return None
    if not all(_LABEL.match(label) for label in ascii_name.split(".")):
        return None
    return ascii_name


def entry_key(line: str) -> str | None:
    """What a line disavows, to find duplicates: `domain:<ascii>` or the URL; None for comments,
    blank lines and lines that are not entries."""
    text = line.strip()
    if not text or text.startswith("#"):
        return None
    if text.lower().startswith("domain:"):
        name = _valid_domain(text[7:])
        return f"domain:{name}" if name else None
    if re.match(r"^https?://", text, re.IGNORECASE):
        return text
    return None


def disavow_entries(
    report: AuditReport, *, pages: bool = False, today: str | None = None
) -> list[DisavowEntry]:
    """The entries for the domains the audit recommends disavowing: `domain:` lines, or with
    `pages` the URLs of their source pages that link to you. Never a domain of yours."""
    today = today or time.strftime("%Y-%m-%d", time.gmtime())
    mine = tuple(report.mine)
    sources = {page.domain for page in report.pages}
    entries: list[DisavowEntry] = []
    for domain in report.domains:
        if domain.recommendation != "disavow" or domain.domain not in sources:
            continue
        if is_mine(domain.domain, mine):
            continue
        reason = f"{domain.domain} — {today}: {domain.why}"
        name = _valid_domain(domain.domain)
        if pages or name is None:
            # An IP address has no `domain:` form: its pages are listed one by one.
            urls = [p.source_url for p in report.pages if p.domain == domain.domain and p.present]
            entries.extend(DisavowEntry(url, reason) for url in urls if len(url) <= MAX_URL_LENGTH)
        else:
            entries.append(DisavowEntry(f"domain:{name}", reason))
    return entries


def _comment(text: str) -> str:
    return "# " + " ".join(text.split())


def write_disavow(entries: Sequence[DisavowEntry], *, source: str, today: str | None = None) -> str:
    """A new disavow file's text."""
    today = today or time.strftime("%Y-%m-%d", time.gmtime())
    lines = [f"# Disavow file written by LinkLens on {today} from {source}."]
    for entry in entries:
        lines += ["", _comment(entry.reason), entry.line]
    return "\n".join(lines) + "\n"


def merge_disavow(
    existing: bytes, entries: Sequence[DisavowEntry], *, source: str, today: str | None = None
) -> tuple[bytes, list[DisavowEntry], list[tuple[DisavowEntry, int]]]:
    """(the merged file, entries added, duplicates with the existing line number).

    The existing bytes are kept as they are, in order, byte for byte; new entries are appended
    after them (a final newline is added first when the file lacks one). Raises ValueError
    when the existing file is not UTF-8 (Google would not read it either).
    """
    today = today or time.strftime("%Y-%m-%d", time.gmtime())
    try:
        text = existing.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"the existing file is not UTF-8 (byte {exc.start})") from None
    known: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        key = entry_key(line)
        if key is not None:
            known.setdefault(key.lower(), number)
    disavowed_domains = {key[7:] for key in known if key.startswith("domain:")}
    added: list[DisavowEntry] = []
    duplicates: list[tuple[DisavowEntry, int]] = []
    for entry in entries:
        key = (entry_key(entry.line) or entry.line).lower()
        if key in known:
            duplicates.append((entry, known[key]))
            continue
        host = (urlsplit(entry.line).hostname or "") if "://" in entry.line else ""
        covering = next((d for d in disavowed_domains if host == d or host.endswith("." + d)), None)
        if covering is not None:
            duplicates.append((entry, known[f"domain:{covering}"]))
            continue
        known[key] = 0
        added.append(entry)
    if not added:
        return existing, added, duplicates
    tail = [f"# Added by LinkLens on {today} from {source}."]
    for entry in added:
        tail += [_comment(entry.reason), entry.line]
    # A file written with CRLF line ends gets CRLF additions too.
    newline = "\r\n" if b"\r\n" in existing else "\n"
    separator = "" if not existing or existing.endswith((b"\n", b"\r")) else newline
    blank = newline if existing else ""
    return existing + (separator + blank + newline.join(tail) + newline).encode("utf-8"), added, duplicates


def check_disavow(data: bytes, name: str) -> list[CheckProblem]:
    """Every problem Google's documented rules find in a file (errors, then duplicates as
    warnings), by line number; [] for a valid file."""
    problems: list[CheckProblem] = []
    if not name.lower().endswith(".txt"):
        problems.append(CheckProblem(0, f"the file name must end in .txt ({name})"))
    if len(data) > MAX_BYTES:
        problems.append(CheckProblem(0, f"the file is {len(data):,} bytes; the limit is 2 MB ({MAX_BYTES:,} bytes)"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(CheckProblem(line, "not UTF-8 or 7-bit ASCII text (save the file as UTF-8)"))
        return problems
    if text.startswith("\ufeff"):
        text = text[1:]  # a UTF-8 byte-order mark is still UTF-8
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline ends the last line; it does not start another
    if len(lines) > MAX_LINES:
        problems.append(CheckProblem(0, f"the file has {len(lines):,} lines; the limit is {MAX_LINES:,} (blank and comment lines count)"))
    seen: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        entry = raw.rstrip("\r")
        text_line = entry.strip()
        if not text_line or text_line.startswith("#"):
            continue
        reason = _line_problem(text_line)
        if reason is not None:
            problems.append(CheckProblem(number, reason, entry))
            continue
        key = (entry_key(text_line) or text_line).lower()
        if key in seen:
            problems.append(CheckProblem(number, f"duplicate of line {seen[key]}", entry, error=False))
        else:
            seen[key] = number
    return problems


def _line_problem(line: str) -> str | None:
    """Why one non-comment line is not a valid entry, or None."""
    if line.lower().startswith("domain:"):
        name = line[7:]
        if name != name.strip():
            return "no space may follow `domain:`"
        if "://" in name or "/" in name:
            return "`domain:` takes a domain name, not a URL or path (domain:example.com)"
        if "*" in name:
            return "wildcards are not allowed; `domain:example.com` already covers its subdomains"
        if _valid_domain(name) is None:
            return "not a valid domain name"
        return None
    if re.match(r"^https?://", line, re.IGNORECASE):
        if len(line) > MAX_URL_LENGTH:
            return f"the URL is {len(line):,} characters; the limit is {MAX_URL_LENGTH:,}"
        if any(ch.isspace() for ch in line):
            return "a URL may not contain spaces"
        try:
            host = urlsplit(line).hostname
        except ValueError:
            host = None
        if not host:
            return "the URL has no host"
        return None
    if re.match(r"^[\w.-]+\.[a-z]{2,}(/|$)", line, re.IGNORECASE):
        return "neither a URL nor a `domain:` line: write domain:NAME for a whole site or a full URL (http://…) for one page; a subpath cannot be disavowed"
    return "neither a comment (#), a `domain:` line nor a URL"
