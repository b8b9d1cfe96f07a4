"""The store: schema versions and migrations, refusing newer schemas, WAL, durable transactions."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from agent.store.database import StoreError, open_store
from agent.store.migrations import MIGRATIONS, Migration, latest_version


def test_a_new_store_has_the_latest_schema_in_wal_mode(db_path: Path) -> None:
    """Opening creates the file, runs every migration and switches the journal to WAL."""
    store = open_store(db_path)
    assert store.schema_version == latest_version()
    with store.reading() as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"watched_link", "observation", "change", "check_run"} <= tables
    store.close()


def test_migrations_are_numbered_from_one_without_gaps() -> None:
    """Versions 1, 2, 3...: `user_version` says which have run."""
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


def test_a_version_1_database_is_migrated_and_keeps_its_rows(db_path: Path) -> None:
    """A store written at schema 1 opens with a later migration added; its rows survive."""
    old = open_store(db_path, migrations=MIGRATIONS[:1])
    with old.transaction() as db:
        db.execute(
            "INSERT INTO watched_link (source_url, target, target_kind, added_at) "
            "VALUES ('https://a.example/', 'mine.example', 'domain', '2026-01-01T00:00:00Z')"
        )
    old.close()
    audit = Migration(2, "audit runs (example)", (
        "CREATE TABLE audit_run (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL)",
    ))  # fmt: skip
    new = open_store(db_path, migrations=(*MIGRATIONS[:1], audit))
    assert new.schema_version == 2
    with new.reading() as db:
        assert db.execute("SELECT count(*) FROM watched_link").fetchone()[0] == 1
        assert db.execute("SELECT count(*) FROM audit_run").fetchone()[0] == 0
    new.close()


def test_a_handmade_version_1_file_opens_with_this_linklens(db_path: Path) -> None:
    """The version-1 statements run by plain sqlite3 (what LinkLens 1 wrote) open unchanged."""
    db_path.parent.mkdir(parents=True)
    raw = sqlite3.connect(db_path)
    for statement in MIGRATIONS[0].statements:
        raw.execute(statement)
    raw.execute("PRAGMA user_version = 1")
    raw.commit()
    raw.close()
    store = open_store(db_path)
    assert store.schema_version == latest_version()
    store.close()


def test_a_newer_schema_is_refused_in_one_line_and_left_untouched(db_path: Path) -> None:
    """A database from a newer LinkLens: one clear line, and not a byte of the file changes."""
    db_path.parent.mkdir(parents=True)
    raw = sqlite3.connect(db_path)
    raw.execute("CREATE TABLE future (x)")
    raw.execute(f"PRAGMA user_version = {latest_version() + 5}")
    raw.commit()
    raw.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_store(db_path)
    message = str(caught.value)
    assert "newer LinkLens" in message
    assert "\n" not in message
    assert db_path.read_bytes() == before
    assert not Path(str(db_path) + "-wal").exists()


def test_a_file_that_is_not_a_database_is_refused(db_path: Path) -> None:
    """A text file where the store should be: one line, no traceback, file kept."""
    db_path.parent.mkdir(parents=True)
    db_path.write_text("not sqlite at all " * 100)
    with pytest.raises(StoreError, match="not a LinkLens store"):
        open_store(db_path)
    assert db_path.read_text().startswith("not sqlite")


def test_a_failed_unit_of_work_leaves_nothing_behind(db_path: Path) -> None:
    """An error (or Ctrl+C) inside a transaction rolls all of it back."""
    store = open_store(db_path)

    def interrupted_unit_of_work() -> None:
        with store.transaction() as db:
            db.execute(
                "INSERT INTO watched_link (source_url, target, target_kind, added_at) "
                "VALUES ('https://a.example/', 'b.example', 'domain', 'now')"
            )
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted_unit_of_work()
    with store.reading() as db:
        assert db.execute("SELECT count(*) FROM watched_link").fetchone()[0] == 0
    store.close()


def test_a_killed_process_keeps_every_committed_page(db_path: Path) -> None:
    """A process killed in the middle of a page's transaction keeps the pages committed before."""
    script = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from agent.store.database import open_store
        store = open_store(Path({str(db_path)!r}))
        with store.transaction() as db:
            db.execute("INSERT INTO watched_link (source_url, target, target_kind, added_at) "
                       "VALUES ('https://a.example/1', 'b.example', 'domain', 'now')")
        db = store._db
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO watched_link (source_url, target, target_kind, added_at) "
                   "VALUES ('https://a.example/2', 'b.example', 'domain', 'now')")
        os._exit(9)  # killed mid-transaction: no commit, no close
    """)
    result = subprocess.run([sys.executable, "-c", script], check=False, timeout=60)
    assert result.returncode == 9
    store = open_store(db_path)
    with store.reading() as db:
        rows = [r[0] for r in db.execute("SELECT source_url FROM watched_link")]
    assert rows == ["https://a.example/1"]
    store.close()
