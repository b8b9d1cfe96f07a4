"""Every change to the store's schema since version 1, in order: append, never edit.

A migration is a version number and the SQL that takes a database from the version before it to
this one. `Store.open` runs the missing ones in one transaction each and records the version in
`PRAGMA user_version`, so a crash half-way leaves the database at the last complete version.
A newer LinkLens therefore opens any older database; a database whose version is higher than
the last migration here was written by a newer LinkLens and is refused, never rewritten.

To add tables (the audit feature's runs and per-page results, for instance), append
`Migration(2, "audit runs", (...))`: the store and its tests pick it up.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS", "Migration", "latest_version"]

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One schema step: `version` is the schema version once `statements` have run."""

    version: int
    description: str
    statements: tuple[str, ...]


_V1_WATCH = Migration(
    1,
    "watched links, their observations, their changes, check runs",
    (
        # One row per (source page, target): the target is a URL of yours or a whole domain.
        """
        CREATE TABLE watched_link (
            id INTEGER PRIMARY KEY,
            source_url TEXT NOT NULL,
            target TEXT NOT NULL,
            target_kind TEXT NOT NULL CHECK (target_kind IN ('url', 'domain')),
            note TEXT NOT NULL DEFAULT '',
            importance TEXT NOT NULL DEFAULT 'normal' CHECK (importance IN ('high', 'normal')),
            added_at TEXT NOT NULL,
            UNIQUE (source_url, target)
        )
        """,
        "CREATE INDEX watched_link_source ON watched_link (source_url)",
        # A run of `watch check` (or of the agent's background re-check): what it set out to do
        # and whether it finished, so an interrupted run is resumed rather than started over.
        """
        CREATE TABLE check_run (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            due_only INTEGER NOT NULL DEFAULT 0,
            origin TEXT NOT NULL DEFAULT 'cli'
        )
        """,
        # Every observation of a watched link: one row per link per check.
        """
        CREATE TABLE observation (
            id INTEGER PRIMARY KEY,
            link_id INTEGER NOT NULL REFERENCES watched_link (id) ON DELETE CASCADE,
            run_id INTEGER REFERENCES check_run (id) ON DELETE SET NULL,
            checked_at TEXT NOT NULL,
            standing TEXT NOT NULL
                CHECK (standing IN ('present', 'lost', 'page_gone', 'page_error')),
            page_status INTEGER,
            page_error TEXT,
            page_final_url TEXT,
            page_noindex INTEGER,
            present INTEGER NOT NULL,
            matches INTEGER NOT NULL DEFAULT 0,
            follow TEXT,
            nofollow_source TEXT,
            qualifiers TEXT,
            visible INTEGER,
            hidden_reason TEXT,
            crawlable INTEGER,
            anchor TEXT,
            href TEXT,
            target_final_url TEXT,
            target_health TEXT
        )
        """,
        "CREATE INDEX observation_link ON observation (link_id, id)",
        "CREATE INDEX observation_run ON observation (run_id)",
        # What changed between two observations, in the closed set of kinds (agent/watch/changes.py).
        """
        CREATE TABLE change (
            id INTEGER PRIMARY KEY,
            link_id INTEGER NOT NULL REFERENCES watched_link (id) ON DELETE CASCADE,
            observation_id INTEGER NOT NULL REFERENCES observation (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            detected_at TEXT NOT NULL,
            before TEXT,
            after TEXT,
            message TEXT NOT NULL,
            seen INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE INDEX change_detected ON change (detected_at)",
        "CREATE INDEX change_link ON change (link_id)",
    ),
)

_V2_AUDIT = Migration(
    2,
    "backlink audits (runs, per-page results, target texts) and Wayback answers",
    (
        # One audit per input file and options (`key`): the same command continues it.
        """
        CREATE TABLE audit_run (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            input TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT
        )
        """,
        # One row per source page of an audit: `done` (result JSON) or `failed` (error) after
        # `attempts` renders; a page with a row is never rendered again in that audit.
        """
        CREATE TABLE audit_page (
            run_id INTEGER NOT NULL REFERENCES audit_run (id) ON DELETE CASCADE,
            source_url TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('done', 'failed')),
            attempts INTEGER NOT NULL,
            error TEXT,
            result TEXT,
            finished_at TEXT NOT NULL,
            PRIMARY KEY (run_id, source_url)
        )
        """,
        # The text terms of a page of yours that audited pages link to (relevance), per audit.
        """
        CREATE TABLE audit_target (
            run_id INTEGER NOT NULL REFERENCES audit_run (id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            terms TEXT,
            error TEXT,
            fetched_at TEXT NOT NULL,
            PRIMARY KEY (run_id, url)
        )
        """,
        # The Internet Archive's availability answer for a dead URL (`prospects --wayback`).
        """
        CREATE TABLE wayback_answer (
            url TEXT PRIMARY KEY,
            snapshot_url TEXT,
            snapshot_time TEXT,
            asked_at TEXT NOT NULL
        )
        """,
    ),
)

#: Every migration, oldest first; versions are 1, 2, 3... with no gaps.
MIGRATIONS: tuple[Migration, ...] = (_V1_WATCH, _V2_AUDIT)


def latest_version(migrations: tuple[Migration, ...] = MIGRATIONS) -> int:
    """The schema version this LinkLens writes."""
    return migrations[-1].version if migrations else 0
