"""The disavow file: written from an audit, merged byte for byte, checked against Google's rules."""

from __future__ import annotations

from pathlib import Path

import msgspec

from agent.audit.disavow import (
    MAX_LINES,
    check_disavow,
    disavow_entries,
    merge_disavow,
    write_disavow,
)
from agent.audit.model import AuditReport, DomainAudit, LinkToYou, PageAudit
from agent.config import Config
from tests.audit.conftest import run_cli_sync


def _domain(name: str, recommendation: str) -> DomainAudit:
    return DomainAudit(domain=name, pages=1, pages_failed=0, links=1, dofollow_links=1, worst_risk=80,
                       median_risk=80, reasons=[], recommendation=recommendation,  # type: ignore[arg-type]
                       why=f"{recommendation.title()}: because of {name}.")  # fmt: skip


def _report() -> AuditReport:
    link = LinkToYou(href="https://mysite.example/", anchor="x", follow="dofollow")
    pages = [
        PageAudit(source_url="https://spam.example/a", domain="spam.example", links=[link],
                  final_url="https://redirected.example/landing"),
        PageAudit(source_url="https://spam.example/b", domain="spam.example", links=[link]),
        PageAudit(source_url="https://farm.example/x", domain="farm.example", links=[link]),
        PageAudit(source_url="https://good.example/", domain="good.example", links=[link]),
        PageAudit(source_url="https://blog.mysite.example/", domain="mysite.example", links=[link]),
    ]  # fmt: skip
    domains = [_domain("spam.example", "disavow"), _domain("farm.example", "disavow"),
               _domain("good.example", "keep"), _domain("mysite.example", "disavow"),
               _domain("redirected.example", "disavow")]  # fmt: skip
    return AuditReport(generated_at="2026-12-03T10:00:00Z", input="/x/links.csv",
                       mine=["mysite.example"], pages=pages, domains=domains)  # fmt: skip


def test_domain_lines_for_disavow_domains_only_never_yours_nor_a_redirect_target() -> None:
    """disavow domains get `domain:` lines; keep, your own domain and a domain seen only as
    where a page redirected are left out."""
    lines = [e.line for e in disavow_entries(_report(), today="2026-12-03")]
    assert lines == ["domain:spam.example", "domain:farm.example"]


def test_page_level_lists_the_linking_pages() -> None:
    """`--pages`: the source URLs instead of the domains."""
    lines = [e.line for e in disavow_entries(_report(), pages=True)]
    assert lines == ["https://spam.example/a", "https://spam.example/b", "https://farm.example/x"]


def test_a_written_file_has_a_comment_with_reason_and_date_and_passes_the_check() -> None:
    """Each entry is preceded by `# domain — date: why`; the whole file is valid."""
    text = write_disavow(disavow_entries(_report(), today="2026-12-03"), source="audit", today="2026-12-03")
    assert "# spam.example — 2026-12-03: Disavow: because of spam.example.\ndomain:spam.example\n" in text
    assert text.startswith("# Disavow file written by LinkLens on 2026-12-03")
    assert check_disavow(text.encode(), "disavow.txt") == []


EXISTING = (
    b"# My disavow file, kept by hand\r\n"
    b"domain:old-spam.example\r\n"
    b"\r\n"
    b"#  Contacted the owner on 2024-01-02, no answer  \r\n"
    b"https://farm.example/x\r\n"
    b"domain:SPAM.example\r\n"
    b"# trailing comment without a newline"
)


def test_merge_keeps_every_existing_byte_in_order_and_reports_duplicates() -> None:
    """The existing file is a byte-for-byte prefix; only farm.example is new; spam.example
    (any case) is a duplicate of line 6; CRLF files get CRLF additions."""
    entries = disavow_entries(_report(), today="2026-12-03")
    merged, added, duplicates = merge_disavow(EXISTING, entries, source="audit", today="2026-12-03")
    assert merged.startswith(EXISTING)
    assert [e.line for e in added] == ["domain:farm.example"]
    assert [(e.line, line) for e, line in duplicates] == [("domain:spam.example", 6)]
    tail = merged[len(EXISTING):].decode()
    assert tail.startswith("\r\n")
    assert "domain:farm.example\r\n" in tail
    assert "\n" not in tail.replace("\r\n", "")
    assert [p for p in check_disavow(merged, "disavow.txt") if p.error] == []


def test_a_url_under_a_disavowed_domain_is_a_duplicate() -> None:
    """Page-level entries already covered by a `domain:` line are not added."""
    entries = disavow_entries(_report(), pages=True)
    merged, added, duplicates = merge_disavow(b"domain:spam.example\n", entries, source="audit")
    assert [e.line for e in added] == ["https://farm.example/x"]
    assert {e.line for e, _ in duplicates} == {"https://spam.example/a", "https://spam.example/b"}
    assert merged.startswith(b"domain:spam.example\n")


def test_merging_nothing_new_leaves_the_file_identical() -> None:
    """All duplicates: the same bytes back."""
    merged, added, _ = merge_disavow(b"domain:spam.example\ndomain:farm.example\n",
                                     disavow_entries(_report()), source="audit")  # fmt: skip
    assert merged == b"domain:spam.example\ndomain:farm.example\n"
    assert added == []


def test_check_names_each_bad_line() -> None:
    """Every rule that applies to a line, by line number; duplicates are warnings."""
    bad = "\n".join([
        "# fine comment",
        "domain:ok.example",
        "domain: spaced.example",
        "domain:http://url.example/",
        "example.com/en/",
        "domain:*.wild.example",
        "ftp://files.example/x",
        "https://" + "a" * 2100 + ".example/",
        "domain:OK.example",
        "https://fine.example/page",
    ]).encode()  # fmt: skip
    problems = check_disavow(bad, "disavow.txt")
    by_line = {p.line: p for p in problems}
    assert set(by_line) == {3, 4, 5, 6, 7, 8, 9}
    assert "space" in by_line[3].reason
    assert "not a URL or path" in by_line[4].reason
    assert "subpath" in by_line[5].reason
    assert "wildcards" in by_line[6].reason
    assert "neither" in by_line[7].reason
    assert "2,048" in by_line[8].reason
    assert not by_line[9].error
    assert "duplicate of line 2" in by_line[9].reason


def test_check_enforces_name_encoding_size_and_line_limits() -> None:
    """.txt, UTF-8 or ASCII, 2 MB and 100,000 lines (blank and comment lines counted)."""
    assert any("txt" in p.reason for p in check_disavow(b"domain:a.example\n", "disavow.csv"))
    latin1 = check_disavow("# caf\u00e9\ndomain:a.example\n".encode("latin-1"), "d.txt")
    assert latin1[0].line == 1
    assert "UTF-8" in latin1[0].reason
    many = b"#\n" * (MAX_LINES + 1)
    assert any("100,000" in p.reason for p in check_disavow(many, "d.txt"))
    big = b"# " + b"x" * 2_000_000 + b"\n"
    assert any("2 MB" in p.reason for p in check_disavow(big, "d.txt"))
    assert check_disavow("\ufeffdomain:b\u00fccher.example\n".encode(), "d.txt") == []


def test_cli_writes_merges_and_checks(tmp_path: Path, chromium_executable: str) -> None:
    """`disavow AUDIT_JSON -o`, `--merge` and `--check`: files, lines and exit codes."""
    config = Config(chromium=chromium_executable)
    audit = tmp_path / "audit.json"
    audit.write_bytes(msgspec.json.encode(_report()))
    out = tmp_path / "disavow.txt"
    result = run_cli_sync(config, "disavow", str(audit), "-o", str(out))
    assert result.code == 0, result.err
    assert "2 new domain entries" in result.out
    existing = tmp_path / "existing.txt"
    existing.write_bytes(EXISTING)
    merged = tmp_path / "merged.txt"
    result = run_cli_sync(config, "disavow", str(audit), "--merge", str(existing), "-o", str(merged))
    assert result.code == 0
    assert "already in" in result.err
    assert "(line 6): domain:spam.example" in result.err
    assert merged.read_bytes().startswith(EXISTING)
    assert run_cli_sync(config, "disavow", "--check", str(merged)).code == 0
    bad = tmp_path / "bad.txt"
    bad.write_text("domain:ok.example\nexample.com/en/\n")
    result = run_cli_sync(config, "disavow", "--check", str(bad))
    assert result.code == 3
    assert "line 2: error:" in result.out
    assert "example.com/en/" in result.out


def test_cli_bad_input_is_one_line(tmp_path: Path, chromium_executable: str) -> None:
    """Not an audit, no output, not .txt, missing file: one line each, exit 1, no traceback."""
    config = Config(chromium=chromium_executable)
    junk = tmp_path / "junk.json"
    junk.write_text("{not json")
    cases = [
        ("disavow", str(junk), "-o", str(tmp_path / "d.txt")),
        ("disavow", str(junk)),
        ("disavow", str(junk), "-o", str(tmp_path / "d.csv")),
        ("disavow", "--check", str(tmp_path / "missing.txt")),
        ("disavow",),
    ]
    for argv in cases:
        result = run_cli_sync(config, *argv)
        assert result.code == 1, argv
        assert result.err.count("\n") == 1, result.err
        assert "Traceback" not in result.err
