"""The link-status cache: recent check results in SQLite, so a second scan of a page is instant.

One table keyed by the checked URL (without its fragment): a check's outcome does not depend on
the page that links to it. What does depend on the page is not stored: the static `insecure`
flag (http target from an https page) is recomputed from the page every time, and results that
depend on the job's address policy (a private-network refusal), on a moment (timeout, 429 rate
limit, budget ran out) or on the local configuration (excluded URLs) are never cached.

stdlib `sqlite3`, each call run in a worker thread (`asyncio.to_thread`) behind a lock so the
event loop never waits on the disk. A file that is not a readable database is logged, deleted
and recreated: the cache is only a cache.
"""

from __future__ import annotations

__all__ = ["StatusCache"]

import asyncio
import logging
import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path

import msgspec

from agent.checks.outcome import CheckResult

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS link_status (
    url TEXT PRIMARY KEY,
    checked_at REAL NOT NULL,
    result BLOB NOT NULL
)
"""
# Larger IN (...) lists are split: SQLite's default limit on bound parameters is 32766 (older
# builds 999).
_CHUNK = 500


class StatusCache:
    """Check results by URL, each valid for `ttl_s` seconds."""

    def __init__(self, path: Path, ttl_s: float) -> None:
        self.path = path
        self.ttl_s = ttl_s
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._encoder = msgspec.json.Encoder()
        self._decoder = msgspec.json.Decoder(CheckResult)

    # --- connection (worker thread) ------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self._db is not None:
            return self._db
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            db = self._open()
        except sqlite3.DatabaseError as exc:
            log.warning("link-status cache %s is unreadable (%s); recreating it", self.path, exc)
            self._remove_files()
            db = self._open()
        self._db = db
        return db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, check_same_thread=False, timeout=5.0)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(_SCHEMA)
            db.execute("SELECT count(*) FROM link_status LIMIT 1").fetchone()
            db.commit()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)

    def _recover(self, exc: sqlite3.DatabaseError) -> None:
        log.warning("link-status cache %s failed (%s); recreating it", self.path, exc)
        if self._db is not None:
            self._db.close()
            self._db = None
        self._remove_files()

    def _get_many_sync(self, urls: list[str]) -> dict[str, CheckResult]:
        found: dict[str, CheckResult] = {}
        oldest = time.time() - self.ttl_s
        with self._lock:
            try:
                db = self._connect()
                for start in range(0, len(urls), _CHUNK):
                    chunk = urls[start : start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = db.execute(
                        f"SELECT url, result FROM link_status "  # noqa: S608 - only "?" marks
                        f"WHERE checked_at >= ? AND url IN ({marks})",
                        [oldest, *chunk],
                    ).fetchall()
                    for url, blob in rows:
                        try:
                            found[url] = self._decoder.decode(blob)
                        except msgspec.DecodeError:
                            continue  # written by another version: treat as a miss
            except sqlite3.DatabaseError as exc:
                self._recover(exc)
                return {}
        return found

    def _put_many_sync(self, results: list[tuple[str, CheckResult]]) -> None:
        now = time.time()
        rows = [(url, now, self._encoder.encode(result)) for url, result in results]
        with self._lock:
            try:
                db = self._connect()
                db.executemany(
                    "INSERT OR REPLACE INTO link_status (url, checked_at, result) VALUES (?, ?, ?)",
                    rows,
                )
                db.execute("DELETE FROM link_status WHERE checked_at < ?", (now - self.ttl_s,))
                db.commit()
            except sqlite3.DatabaseError as exc:
                self._recover(exc)

    def _close_sync(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    # --- async API -----------------------------------------------------------------------------

    async def get_many(self, urls: Iterable[str]) -> dict[str, CheckResult]:
        """The fresh cached results among `urls` (missing, stale or unreadable ones are left out)."""
        wanted = list(dict.fromkeys(urls))
        if not wanted:
            return {}
        return await asyncio.to_thread(self._get_many_sync, wanted)

    async def put_many(self, results: Iterable[tuple[str, CheckResult]]) -> None:
        """Store results (url, result); a failing disk is logged, never raised."""
        rows = list(results)
        if rows:
            await asyncio.to_thread(self._put_many_sync, rows)

    async def close(self) -> None:
        """Close the database connection."""
        await asyncio.to_thread(self._close_sync)
