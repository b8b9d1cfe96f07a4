"""Open the store: WAL, foreign keys, migrations, one transaction per unit of work.

Durability rule: each unit of work (a page's observations and changes, an import) is one
transaction, committed before the next starts. SQLite in WAL mode with `synchronous=NORMAL`
keeps every committed transaction across a process crash or Ctrl+C, so an interrupted check
loses at most the page it was on, never earlier history.

stdlib `sqlite3`; one connection per `Store`, used from one thread at a time (a lock), so async
callers may run store calls in a worker thread (`asyncio.to_thread`).
"""

from __future__ import annotations

__all__ = ["Store", "StoreError", "open_store"]

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from agent.store.migrations import MIGRATIONS, Migration, latest_version


class StoreError(Exception):
    """The store cannot be used; the message is one line a person can act on."""


class Store:
    """One open store database."""

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path = path
        self._db = db
        self._lock = threading.RLock()

    @property
    def schema_version(self) -> int:
        """The schema version recorded in the file."""
        with self._lock:
            row = self._db.execute("PRAGMA user_version").fetchone()
        return int(row[0])

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: committed on success, rolled back on any error (or Ctrl+C)."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The connection for reads (no transaction is held open)."""
        with self._lock:
            yield self._db

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed by SQLite on the last close)."""
        with self._lock:
            self._db.close()


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are explicit (BEGIN ... COMMIT in `transaction`).
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10.0)
    db.row_factory = sqlite3.Row
    return db


def _migrate(db: sqlite3.Connection, path: Path, migrations: tuple[Migration, ...]) -> None:
    current = int(db.execute("PRAGMA user_version").fetchone()[0])
    newest = latest_version(migrations)
    if current > newest:
        raise StoreError(
            f"{path} was written by a newer LinkLens (schema {current}; this one knows up to "
            f"{newest}); upgrade LinkLens to use it — the file was left untouched"
        )
    for migration in migrations:
        if migration.version <= current:
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the write lock.
            if int(db.execute("PRAGMA user_version").fetchone()[0]) >= migration.version:
                db.execute("COMMIT")
                continue
            for statement in migration.statements:
                db.execute(statement)
            # PRAGMA takes no parameters; the version is an int from our own table.
            db.execute(f"PRAGMA user_version = {int(migration.version)}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


def open_store(path: Path, *, migrations: tuple[Migration, ...] = MIGRATIONS) -> Store:
    """Open (creating if needed) the store at `path` and bring its schema up to date.

    Raises StoreError, with one line, for a file that is not a LinkLens store, a newer schema,
    or a disk that refuses it.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = _connect(path)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot open the store {path}: {exc}") from None
    try:
        # The version check reads the header only: a newer schema is refused before anything
        # (even the journal mode) is written to it.
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > latest_version(migrations):
            _migrate(db, path, migrations)  # raises the one-line StoreError
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        _migrate(db, path, migrations)
    except StoreError:
        db.close()
        raise
    except sqlite3.DatabaseError as exc:
        db.close()
        raise StoreError(f"{path} is not a LinkLens store ({exc}); move it away to start afresh") from None
    return Store(path, db)
