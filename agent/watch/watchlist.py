"""The watch list in the store: watched links, their observations and changes, check runs.

Every method is synchronous (stdlib sqlite3) and safe to call from a worker thread; async
callers use `asyncio.to_thread`. Each write is one transaction: a page's observations and the
changes they reveal are committed together, so an interrupted check never leaves half a page.

Times are UTC ISO 8601 strings to the second (`2026-12-03T18:21:28Z`): they sort as text, read
well in `watch history`, and `--since 2026-12-01` compares as a prefix.
"""

from __future__ import annotations

__all__ = [
    "ChangeRecord",
    "HistoryEntry",
    "ImportResult",
    "LinkStatus",
    "WatchList",
    "iso_now",
    "parse_since",
]

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from agent.store.database import Store
from agent.watch.backlink_files import BacklinkRow, BadRow
from agent.watch.changes import ALERT_KINDS, Observation, detect_changes, standing_after
from agent.watch.model import (
    Importance,
    Target,
    WatchedLink,
    WatchInputError,
    normalize_source_url,
    parse_target,
)

_TIME = "%Y-%m-%dT%H:%M:%SZ"


def iso_now(now: datetime | None = None) -> str:
    """`now` (default: the current time) as stored."""
    return (now or datetime.now(UTC)).astimezone(UTC).strftime(_TIME)


def parse_since(text: str) -> str:
    """`--since`: a date (`2026-12-01`), a date and time, or a number of days (`7d`)."""
    text = text.strip()
    if text.endswith("d") and text[:-1].isdigit():
        return iso_now(datetime.now(UTC) - timedelta(days=int(text[:-1])))
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise WatchInputError(
            f"not a date: {text!r} (give 2026-12-01, 2026-12-01T08:00 or 7d)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return iso_now(moment)


@dataclass(frozen=True)
class ChangeRecord:
    """One recorded change, with the link it belongs to."""

    id: int
    link_id: int
    source_url: str
    target: str
    importance: str
    kind: str
    detected_at: str
    before: str | None
    after: str | None
    message: str
    seen: bool


@dataclass(frozen=True)
class LinkStatus:
    """A watched link and its latest observation (None before its first check)."""

    link: WatchedLink
    last_checked_at: str | None = None
    last: Observation | None = None


@dataclass(frozen=True)
class HistoryEntry:
    """One observation of a link, with when it was made."""

    checked_at: str
    observation: Observation


@dataclass
class ImportResult:
    """What an import did: links added, rows merged into links already watched, rows skipped."""

    added: int = 0
    merged: int = 0
    bad: list[BadRow] = field(default_factory=list)


_OBS_COLUMNS = (
    "standing", "page_status", "page_error", "page_final_url", "page_noindex", "present",
    "matches", "follow", "nofollow_source", "qualifiers", "visible", "hidden_reason",
    "crawlable", "anchor", "href", "target_final_url", "target_health",
)  # fmt: skip

# Built once from _OBS_COLUMNS (names of ours, never input).
_OBS_LIST = ", ".join(_OBS_COLUMNS)
_OBS_MARKS = ", ".join("?" * len(_OBS_COLUMNS))
_OBS_ALIASED = ", ".join(f"observation.{c} AS {c}" for c in _OBS_COLUMNS)
_INSERT_OBSERVATION = (
    f"INSERT INTO observation (link_id, run_id, checked_at, {_OBS_LIST}) "  # noqa: S608
    f"VALUES (?, ?, ?, {_OBS_MARKS})"
)
_LINKS_SELECT = (
    "SELECT watched_link.*, observation.checked_at AS checked_at, observation.id AS obs_id, "  # noqa: S608
    f"{_OBS_ALIASED} FROM watched_link LEFT JOIN observation ON observation.id = ("
    "SELECT max(id) FROM observation WHERE link_id = watched_link.id)"
)


def _bool(value: object) -> bool | None:
    return None if value is None else bool(value)


def _link(row: sqlite3.Row) -> WatchedLink:
    return WatchedLink(
        id=row["id"],
        source_url=row["source_url"],
        target=Target(row["target"], row["target_kind"]),
        note=row["note"],
        importance=row["importance"],
        added_at=row["added_at"],
    )


def _observation(row: sqlite3.Row, target: Target) -> Observation:
    obs = Observation(
        standing=row["standing"],
        present=bool(row["present"]),
        page_status=row["page_status"],
        page_error=row["page_error"],
        page_final_url=row["page_final_url"],
        page_noindex=_bool(row["page_noindex"]),
        matches=row["matches"],
        follow=row["follow"],
        nofollow_source=row["nofollow_source"],
        qualifiers=row["qualifiers"],
        visible=_bool(row["visible"]),
        hidden_reason=row["hidden_reason"],
        crawlable=_bool(row["crawlable"]),
        anchor=row["anchor"],
        href=row["href"],
        target_final_url=row["target_final_url"],
        target_health=row["target_health"],
    )
    # Not stored: recomputed from the href and where it led.
    obs.on_target = bool(obs.present and target.is_exact(obs.href)) and (
        obs.target_final_url is None or target.is_exact(obs.target_final_url)
    )
    return obs


def _change(row: sqlite3.Row) -> ChangeRecord:
    return ChangeRecord(
        id=row["id"], link_id=row["link_id"], source_url=row["source_url"],
        target=row["target"], importance=row["importance"], kind=row["kind"],
        detected_at=row["detected_at"], before=row["before"], after=row["after"],
        message=row["message"], seen=bool(row["seen"]),
    )  # fmt: skip


_CHANGE_SELECT = """
    SELECT change.*, watched_link.source_url, watched_link.target, watched_link.importance
    FROM change JOIN watched_link ON watched_link.id = change.link_id
"""


class WatchList:
    """The watch list's queries over one open store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- links -----------------------------------------------------------------------------------

    def add(
        self,
        source_url: str,
        target: str | Target,
        *,
        note: str = "",
        importance: Importance = "normal",
        added_at: str | None = None,
    ) -> tuple[WatchedLink, bool]:
        """Watch a link; (the link, True) when new, (the existing link, False) when already
        watched (a note or a higher importance given now is kept)."""
        with self.store.transaction() as db:
            return self._add(db, source_url, target, note, importance, added_at)

    def _add(
        self, db: sqlite3.Connection, source_url: str, target: str | Target, note: str,
        importance: str, added_at: str | None,
    ) -> tuple[WatchedLink, bool]:
        source = normalize_source_url(source_url)
        parsed = target if isinstance(target, Target) else parse_target(target)
        if importance not in ("high", "normal"):
            raise WatchInputError(f"importance is high or normal, not {importance!r}")
        row = db.execute(
            "SELECT * FROM watched_link WHERE source_url = ? AND target = ?",
            (source, parsed.text),
        ).fetchone()
        if row is not None:
            # Merging never loses what is already there: a note is kept unless a new one is
            # given, and importance only goes up.
            new_note = note or row["note"]
            new_importance = "high" if "high" in (importance, row["importance"]) else "normal"
            if (new_note, new_importance) != (row["note"], row["importance"]):
                db.execute(
                    "UPDATE watched_link SET note = ?, importance = ? WHERE id = ?",
                    (new_note, new_importance, row["id"]),
                )
                row = db.execute("SELECT * FROM watched_link WHERE id = ?", (row["id"],)).fetchone()
            return _link(row), False
        cursor = db.execute(
            "INSERT INTO watched_link (source_url, target, target_kind, note, importance, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (source, parsed.text, parsed.kind, note, importance, added_at or iso_now()),
        )
        row = db.execute("SELECT * FROM watched_link WHERE id = ?", (cursor.lastrowid,)).fetchone()
        return _link(row), True

    def import_rows(self, rows: Iterable[BacklinkRow], *, default_target: str | None) -> ImportResult:
        """Add every row (one transaction); rows without a usable target are reported."""
        result = ImportResult()
        fallback = parse_target(default_target) if default_target else None
        with self.store.transaction() as db:
            for row in rows:
                try:
                    if row.target:
                        target = parse_target(row.target)
                    elif fallback is not None:
                        target = fallback
                    else:
                        raise WatchInputError("no target (give --target DOMAIN)")
                    added_at = parse_since(row.added) if row.added else None
                    importance = (row.importance or "normal").lower()
                    _, created = self._add(
                        db, row.source_url, target, row.note or "", importance, added_at
                    )
                except WatchInputError as exc:
                    result.bad.append(BadRow(row.line, str(exc)))
                    continue
                if created:
                    result.added += 1
                else:
                    result.merged += 1
        return result

    def find(self, id_or_url: str) -> list[WatchedLink]:
        """The links an ID or a source URL names (a source URL may hold several targets)."""
        with self.store.reading() as db:
            if id_or_url.strip().isdigit():
                rows = db.execute(
                    "SELECT * FROM watched_link WHERE id = ?", (int(id_or_url),)
                ).fetchall()
            else:
                source = normalize_source_url(id_or_url)
                rows = db.execute(
                    "SELECT * FROM watched_link WHERE source_url = ? ORDER BY id", (source,)
                ).fetchall()
        return [_link(row) for row in rows]

    def remove(self, id_or_url: str) -> list[WatchedLink]:
        """Stop watching (its history goes with it); the links removed."""
        links = self.find(id_or_url)
        if links:
            with self.store.transaction() as db:
                db.executemany(
                    "DELETE FROM watched_link WHERE id = ?", [(link.id,) for link in links]
                )
        return links

    def links(self, source_url: str | None = None) -> list[LinkStatus]:
        """Every watched link (or those of one source page) with its latest observation."""
        query = _LINKS_SELECT
        params: tuple[str, ...] = ()
        if source_url is not None:
            query += " WHERE watched_link.source_url = ?"
            params = (normalize_source_url(source_url),)
        with self.store.reading() as db:
            rows = db.execute(query + " ORDER BY watched_link.id", params).fetchall()
        result = []
        for row in rows:
            link = _link(row)
            last = _observation(row, link.target) if row["obs_id"] is not None else None
            result.append(LinkStatus(link, row["checked_at"], last))
        return result

    # -- checks ------------------------------------------------------------------------------------

    def start_run(self, *, due_only: bool, origin: str = "cli") -> tuple[int, bool]:
        """The run to work on: the last unfinished one of `origin` (resumed: True) or a new one."""
        with self.store.transaction() as db:
            row = db.execute(
                "SELECT id FROM check_run WHERE finished_at IS NULL AND origin = ? "
                "ORDER BY id DESC LIMIT 1",
                (origin,),
            ).fetchone()
            if row is not None:
                return int(row["id"]), True
            cursor = db.execute(
                "INSERT INTO check_run (started_at, due_only, origin) VALUES (?, ?, ?)",
                (iso_now(), int(due_only), origin),
            )
            return int(cursor.lastrowid or 0), False

    def finish_run(self, run_id: int) -> None:
        """Mark a run complete: the next check starts a new one."""
        with self.store.transaction() as db:
            db.execute("UPDATE check_run SET finished_at = ? WHERE id = ?", (iso_now(), run_id))

    def pages_to_check(
        self, *, run_id: int | None, due_only: bool, interval_s: float, now: datetime | None = None,
    ) -> dict[str, list[WatchedLink]]:
        """Source pages with links still to check, by URL, in the order they were added.

        In a run: links without an observation in it. Due: never checked, or last checked at
        least `interval_s` ago.
        """
        conditions = []
        params: list[object] = []
        if run_id is not None:
            conditions.append(
                "NOT EXISTS (SELECT 1 FROM observation o WHERE o.link_id = watched_link.id "
                "AND o.run_id = ?)"
            )
            params.append(run_id)
        if due_only:
            horizon = iso_now((now or datetime.now(UTC)) - timedelta(seconds=interval_s))
            conditions.append(
                "coalesce((SELECT max(checked_at) FROM observation o "
                "WHERE o.link_id = watched_link.id), '') <= ?"
            )
            params.append(horizon)
        where = (" WHERE " + " AND ".join(conditions)) if conditions else ""
        with self.store.reading() as db:
            rows = db.execute(
                f"SELECT * FROM watched_link{where} ORDER BY id",  # noqa: S608 - fixed fragments
                params,
            ).fetchall()
        pages: dict[str, list[WatchedLink]] = {}
        for row in rows:
            link = _link(row)
            pages.setdefault(link.source_url, []).append(link)
        return pages

    def record_page(
        self,
        observations: dict[int, Observation],
        *,
        run_id: int | None,
        checked_at: str | None = None,
    ) -> list[ChangeRecord]:
        """Store one page's observations and the changes they reveal, in one transaction."""
        when = checked_at or iso_now()
        change_ids: list[int] = []
        with self.store.transaction() as db:
            for link_id, current in observations.items():
                row = db.execute("SELECT * FROM watched_link WHERE id = ?", (link_id,)).fetchone()
                if row is None:
                    continue  # removed while its page was being checked
                target = _link(row).target
                prev_row = db.execute(
                    "SELECT * FROM observation WHERE link_id = ? ORDER BY id DESC LIMIT 1",
                    (link_id,),
                ).fetchone()
                present_row = db.execute(
                    "SELECT * FROM observation WHERE link_id = ? AND standing = 'present' "
                    "ORDER BY id DESC LIMIT 1",
                    (link_id,),
                ).fetchone()
                previous = _observation(prev_row, target) if prev_row is not None else None
                last_present = _observation(present_row, target) if present_row else None
                current.standing = standing_after(previous, current.standing)
                values = [getattr(current, c) for c in _OBS_COLUMNS]
                cursor = db.execute(_INSERT_OBSERVATION, [link_id, run_id, when, *values])
                for change in detect_changes(current, previous, last_present):
                    inserted = db.execute(
                        "INSERT INTO change (link_id, observation_id, kind, detected_at, before, "
                        "after, message) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (link_id, cursor.lastrowid, change.kind, when, change.before,
                         change.after, change.message),
                    )  # fmt: skip
                    change_ids.append(int(inserted.lastrowid or 0))
            rows = [
                db.execute(_CHANGE_SELECT + " WHERE change.id = ?", (cid,)).fetchone()
                for cid in change_ids
            ]
        return [_change(row) for row in rows]

    # -- changes and history ---------------------------------------------------------------------

    def changes(
        self, *, since: str | None = None, unseen_only: bool = False, limit: int | None = None,
        kinds: Sequence[str] | None = None,
    ) -> list[ChangeRecord]:
        """Recorded changes, newest first."""
        conditions, params = [], []
        if since:
            conditions.append("change.detected_at >= ?")
            params.append(since)
        if unseen_only:
            conditions.append("change.seen = 0")
        if kinds:
            conditions.append(f"change.kind IN ({','.join('?' * len(kinds))})")
            params.extend(kinds)
        where = (" WHERE " + " AND ".join(conditions)) if conditions else ""
        tail = f" ORDER BY change.id DESC{' LIMIT ' + str(int(limit)) if limit else ''}"
        with self.store.reading() as db:
            rows = db.execute(_CHANGE_SELECT + where + tail, params).fetchall()
        return [_change(row) for row in rows]

    def mark_seen(self, change_ids: Sequence[int] = (), *, everything: bool = False) -> int:
        """Mark changes seen (the extension's badge counts unseen ones); how many were marked."""
        with self.store.transaction() as db:
            if everything:
                return db.execute("UPDATE change SET seen = 1 WHERE seen = 0").rowcount
            return sum(
                db.execute("UPDATE change SET seen = 1 WHERE id = ? AND seen = 0", (cid,)).rowcount
                for cid in change_ids
            )

    def history(self, link_id: int) -> tuple[WatchedLink, list[HistoryEntry], list[ChangeRecord]]:
        """One link, every observation of it (oldest first) and its changes (oldest first)."""
        with self.store.reading() as db:
            row = db.execute("SELECT * FROM watched_link WHERE id = ?", (link_id,)).fetchone()
            if row is None:
                raise WatchInputError(f"no watched link has the ID {link_id} (see `linklens watch list`)")
            link = _link(row)
            observations = db.execute(
                "SELECT * FROM observation WHERE link_id = ? ORDER BY id", (link_id,)
            ).fetchall()
            changes = db.execute(
                _CHANGE_SELECT + " WHERE change.link_id = ? ORDER BY change.id", (link_id,)
            ).fetchall()
        return (
            link,
            [HistoryEntry(r["checked_at"], _observation(r, link.target)) for r in observations],
            [_change(r) for r in changes],
        )

    def unseen_alerts(self) -> int:
        """Unseen lost/page_gone/demoted changes: the number on the extension's badge."""
        with self.store.reading() as db:
            kinds = sorted(ALERT_KINDS)
            row = db.execute(
                f"SELECT count(*) FROM change WHERE seen = 0 AND kind IN ({','.join('?' * len(kinds))})",  # noqa: S608
                kinds,
            ).fetchone()
        return int(row[0])

