"""The audit's tables in the LinkLens store (schema 2, agent/store/migrations.py).

An audit is keyed by what defines it — the input file's absolute path, your domains, `--topic`,
`--cloaking` — so the same command finds its audit again: pages with a row are done (or failed
twice) and never rendered again; `--fresh` deletes the audit's rows and starts over. Each page
is one transaction, committed when it is done, so Ctrl+C loses at most the pages in flight.
"""

from __future__ import annotations

__all__ = ["AuditStore", "audit_key"]

import hashlib
import json
import time
from collections.abc import Sequence

import msgspec

from agent.audit.model import PageAudit
from agent.audit.text import Terms
from agent.store.database import Store


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def audit_key(input_path: str, mine: Sequence[str], topic: str | None, cloaking: bool) -> str:
    """What makes two audit commands the same audit."""
    text = json.dumps([input_path, sorted(mine), topic or "", cloaking])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class AuditStore:
    """Audit runs, their pages and target texts; Wayback answers."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def open_run(self, key: str, input_name: str, *, fresh: bool) -> tuple[int, bool]:
        """(run id, whether it continues an earlier run); `fresh` drops the earlier one."""
        with self.store.transaction() as db:
            row = db.execute("SELECT id FROM audit_run WHERE key = ?", (key,)).fetchone()
            if row is not None and fresh:
                db.execute("DELETE FROM audit_run WHERE id = ?", (row["id"],))
                row = None
            if row is not None:
                db.execute("UPDATE audit_run SET finished_at = NULL WHERE id = ?", (row["id"],))
                return int(row["id"]), True
            cursor = db.execute(
                "INSERT INTO audit_run (key, input, started_at) VALUES (?, ?, ?)",
                (key, input_name, _now()),
            )
            return int(cursor.lastrowid or 0), False

    def finish_run(self, run_id: int) -> None:
        """Mark the run finished (every page has a row)."""
        with self.store.transaction() as db:
            db.execute("UPDATE audit_run SET finished_at = ? WHERE id = ?", (_now(), run_id))

    def pages(self, run_id: int) -> dict[str, PageAudit]:
        """Every page recorded in the run, by source URL."""
        with self.store.reading() as db:
            rows = db.execute(
                "SELECT source_url, result FROM audit_page WHERE run_id = ?", (run_id,)
            ).fetchall()
        return {row["source_url"]: msgspec.json.decode(row["result"], type=PageAudit) for row in rows}

    def save_page(self, run_id: int, page: PageAudit) -> None:
        """Record one page (done or failed) in its own transaction."""
        with self.store.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO audit_page (run_id, source_url, state, attempts, error, "
                "result, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (run_id, page.source_url, page.state, page.attempts, page.error,
                 msgspec.json.encode(page).decode(), _now()),
            )  # fmt: skip

    def targets(self, run_id: int) -> dict[str, tuple[Terms | None, str | None]]:
        """Target pages read so far: URL -> (terms, error)."""
        with self.store.reading() as db:
            rows = db.execute(
                "SELECT url, terms, error FROM audit_target WHERE run_id = ?", (run_id,)
            ).fetchall()
        out: dict[str, tuple[Terms | None, str | None]] = {}
        for row in rows:
            terms = None
            if row["terms"] is not None:
                terms = {k: (int(v[0]), str(v[1])) for k, v in json.loads(row["terms"]).items()}
            out[row["url"]] = (terms, row["error"])
        return out

    def save_target(self, run_id: int, url: str, terms: Terms | None, error: str | None) -> None:
        """Record a target page's terms (or why they could not be read)."""
        with self.store.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO audit_target (run_id, url, terms, error, fetched_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (run_id, url, None if terms is None else json.dumps(terms), error, _now()),
            )

    def wayback(self, url: str) -> tuple[str | None, str | None] | None:
        """The cached availability answer for a dead URL: (snapshot URL, time), or None."""
        with self.store.reading() as db:
            row = db.execute(
                "SELECT snapshot_url, snapshot_time FROM wayback_answer WHERE url = ?", (url,)
            ).fetchone()
        return None if row is None else (row["snapshot_url"], row["snapshot_time"])

    def save_wayback(self, url: str, snapshot_url: str | None, snapshot_time: str | None) -> None:
        """Cache one availability answer (an answer of "no snapshot" is cached too)."""
        with self.store.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO wayback_answer (url, snapshot_url, snapshot_time, asked_at) "
                "VALUES (?, ?, ?, ?)",
                (url, snapshot_url, snapshot_time, _now()),
            )
