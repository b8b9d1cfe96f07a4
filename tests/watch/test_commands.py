"""`linklens watch` add/import/list/remove/export/changes/history without a browser: the
watch list, merging, bad rows, the export that import reads back, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

from agent.config import Config, paths
from agent.store.migrations import latest_version
from tests.watch.conftest import run_watch
from tests.watch.test_backlink_files import EXPORTS

CONFIG = Config()


async def test_add_list_and_merge() -> None:
    """Adding the same link twice keeps one; a note is kept and importance only goes up."""
    first = await run_watch(CONFIG, "add", "https://Blog.Example/post#c", "--target", "www.mine.example",
                            "--note", "guest post")  # fmt: skip
    assert first.code == 0
    assert "watching: [1] https://blog.example/post → mine.example (domain)" in first.out
    again = await run_watch(CONFIG, "add", "https://blog.example/post", "--target", "mine.example",
                            "--importance", "high")  # fmt: skip
    assert "already watched" in again.out
    [row] = json.loads((await run_watch(CONFIG, "list", "--json")).out)
    assert (row["note"], row["importance"], row["standing"]) == ("guest post", "high", None)


async def test_import_every_export_format_merges_duplicates(tmp_path: Path) -> None:
    """Each export's file imports; the same link from six files is watched once."""
    for name, text in EXPORTS.items():
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        result = await run_watch(CONFIG, "import", str(path))
        assert result.code == 0, result.err
    rows = json.loads((await run_watch(CONFIG, "list", "--json")).out)
    assert [(r["source_url"], r["target"]) for r in rows] == [
        ("https://blog.example/post", "https://mine.example/guide")
    ]
    assert rows[0]["importance"] == "high"  # from the LinkLens export, never lowered


async def test_import_reports_bad_rows_with_line_numbers(tmp_path: Path) -> None:
    """Bad rows are skipped with their line numbers on stderr; the good ones are added."""
    path = tmp_path / "links.txt"
    path.write_text("https://a.example/1\nnot a url\nhttps://a.example/2\n", encoding="utf-8")
    result = await run_watch(CONFIG, "import", str(path), "--target", "mine.example")
    assert result.code == 0
    assert "line 2: skipped" in result.err
    assert "2 added" in result.out
    no_target = tmp_path / "bare.txt"
    no_target.write_text("https://a.example/3\n", encoding="utf-8")
    result = await run_watch(CONFIG, "import", str(no_target))
    assert "line 1: skipped: no target (give --target DOMAIN)" in result.err


async def test_export_is_read_back_unchanged(tmp_path: Path) -> None:
    """`watch export` then `watch import` into an empty store gives the same list."""
    await run_watch(CONFIG, "add", "https://a.example/x", "--target", "mine.example",
                    "--note", 'a "quoted", note', "--importance", "high")  # fmt: skip
    await run_watch(CONFIG, "add", "https://b.example/y?q=1", "--target", "https://mine.example/p")
    exported = tmp_path / "watch.csv"
    assert (await run_watch(CONFIG, "export", str(exported))).code == 0
    before = (await run_watch(CONFIG, "list", "--json")).out
    paths().history_db.unlink()
    assert (await run_watch(CONFIG, "import", str(exported))).code == 0
    assert (await run_watch(CONFIG, "list", "--json")).out == before
    again = tmp_path / "again.csv"
    await run_watch(CONFIG, "export", str(again))
    assert again.read_text() == exported.read_text()
    header = next(csv.reader(io.StringIO(exported.read_text())))
    assert header == ["source_url", "target", "note", "importance", "added"]


async def test_remove_by_id_and_by_source_url() -> None:
    """Remove one link by ID, or every target of a source page by its URL."""
    for target in ("one.example", "two.example"):
        await run_watch(CONFIG, "add", "https://a.example/p", "--target", target)
    await run_watch(CONFIG, "add", "https://b.example/p", "--target", "one.example")
    assert "removed: [3]" in (await run_watch(CONFIG, "remove", "3")).out
    result = await run_watch(CONFIG, "remove", "https://a.example/p")
    assert result.out.count("removed:") == 2
    missing = await run_watch(CONFIG, "remove", "99")
    assert missing.code == 1
    assert missing.err.count("\n") == 1


async def test_errors_are_one_line_and_exit_1(tmp_path: Path) -> None:
    """A missing file, a bad target, an unknown history ID, a newer store: one line, exit 1."""
    cases = [
        ("import", str(tmp_path / "missing.csv")),
        ("add", "https://a.example/", "--target", "not a domain!"),
        ("add", "file:///etc/passwd", "--target", "mine.example"),
        ("history", "42"),
        ("changes", "--since", "yesterday-ish"),
    ]
    for argv in cases:
        result = await run_watch(CONFIG, *argv)
        assert result.code == 1, argv
        assert result.err.count("\n") == 1, result.err
        assert "Traceback" not in result.err
    # A store written by a newer LinkLens: refused, never rewritten.
    await run_watch(CONFIG, "add", "https://a.example/", "--target", "mine.example")
    db = sqlite3.connect(paths().history_db)
    db.execute(f"PRAGMA user_version = {latest_version() + 1}")
    db.commit()
    db.close()
    result = await run_watch(CONFIG, "list")
    assert result.code == 1
    assert "newer LinkLens" in result.err
    assert result.err.count("\n") == 1
