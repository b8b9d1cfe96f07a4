"""The protocol's watch messages, answered from the store (`linklens serve`).

    watch_add      -> watch_links [the link]       (the background checker is woken for it)
    watch_remove   -> watch_links [links removed]
    watch_list     -> watch_links [links]
    watch_changes  -> watch_change_list            (mark_seen / mark_all_seen applied first)

Bad input (not a URL, no such link) is answered `error {id, code: invalid_request, message}`;
a store that cannot be opened (a newer LinkLens's schema) `error {code: internal_error}` with its
one line. The store is opened on first use and its calls run in a worker thread.
"""

from __future__ import annotations

__all__ = ["WatchMessage", "WatchService"]

import asyncio
import logging
import threading
from collections.abc import Callable
from pathlib import Path

from agent.store.database import StoreError, open_store
from agent.watch.model import WatchInputError
from agent.watch.watchlist import ChangeRecord, LinkStatus, WatchList, parse_since
from protocol import (
    AgentMessage,
    ErrorCode,
    WatchAdd,
    WatchChange,
    WatchChangeList,
    WatchChanges,
    WatchEntry,
    WatchLinks,
    WatchListRequest,
    WatchRemove,
)
from protocol import Error as ErrorMessage

log = logging.getLogger(__name__)

WatchMessage = WatchAdd | WatchRemove | WatchListRequest | WatchChanges

#: The most changes one `watch_changes` answer carries.
MAX_CHANGES = 1000


def entry(status: LinkStatus) -> WatchEntry:
    """A watched link as the protocol sends it."""
    link, last = status.link, status.last
    follow = last.follow if last is not None and last.follow in ("dofollow", "nofollow") else None
    return WatchEntry(
        id=link.id, source_url=link.source_url, target=link.target.text,
        target_kind=link.target.kind, note=link.note, importance=link.importance,
        added_at=link.added_at, last_checked_at=status.last_checked_at,
        standing=last.standing if last is not None else None,
        follow=follow,  # type: ignore[arg-type]
        anchor=last.anchor if last is not None else None,
    )  # fmt: skip


def change(record: ChangeRecord) -> WatchChange:
    """A recorded change as the protocol sends it."""
    return WatchChange(
        id=record.id, link_id=record.link_id, source_url=record.source_url,
        target=record.target, importance=record.importance,  # type: ignore[arg-type]
        kind=record.kind,  # type: ignore[arg-type]
        detected_at=record.detected_at, before=record.before, after=record.after,
        message=record.message, seen=record.seen,
    )  # fmt: skip


class WatchService:
    """Answers watch messages; `wake` is called when a link was added (check it soon)."""

    def __init__(self, store_path: Path, *, wake: Callable[[], None] | None = None) -> None:
        self.store_path = store_path
        #: Called (from a worker thread) after a link was added; the background checker's wake.
        self.on_added = wake
        self._watchlist: WatchList | None = None
        self._opening = threading.Lock()

    def watchlist(self) -> WatchList:
        """The open watch list (opened on first use; raises StoreError)."""
        with self._opening:
            if self._watchlist is None:
                self._watchlist = WatchList(open_store(self.store_path))
            return self._watchlist

    async def handle(self, message: WatchMessage) -> AgentMessage:
        """One watch request's answer (never raises for what a client sent)."""
        try:
            return await asyncio.to_thread(self._answer, message)
        except WatchInputError as exc:
            return ErrorMessage(id=message.id, code=ErrorCode.INVALID_REQUEST.value, message=str(exc))
        except StoreError as exc:
            log.error("the watch store cannot be used: %s", exc)
            return ErrorMessage(id=message.id, code=ErrorCode.INTERNAL_ERROR.value, message=str(exc))

    def _answer(self, message: WatchMessage) -> AgentMessage:
        watchlist = self.watchlist()
        match message:
            case WatchAdd():
                link, _created = watchlist.add(
                    message.source_url, message.target, note=message.note,
                    importance=message.importance,
                )  # fmt: skip
                if self.on_added is not None:
                    self.on_added()
                statuses = [s for s in watchlist.links(link.source_url) if s.link.id == link.id]
                return WatchLinks(id=message.id, links=[entry(s) for s in statuses])
            case WatchRemove():
                if message.link_id is not None:
                    which = str(message.link_id)
                elif message.source_url:
                    which = message.source_url
                else:
                    raise WatchInputError("give link_id or source_url")
                found = {s.link.id: s for s in watchlist.links()}
                removed = watchlist.remove(which)
                if not removed:
                    raise WatchInputError("Nothing watched matches that link_id or source_url.")
                return WatchLinks(
                    id=message.id, links=[entry(found[link.id]) for link in removed if link.id in found]
                )
            case WatchListRequest():
                return WatchLinks(
                    id=message.id, links=[entry(s) for s in watchlist.links(message.source_url)]
                )
            case WatchChanges():
                if message.mark_all_seen:
                    watchlist.mark_seen(everything=True)
                elif message.mark_seen:
                    watchlist.mark_seen(message.mark_seen)
                since = parse_since(message.since) if message.since else None
                limit = max(1, min(message.limit, MAX_CHANGES))
                records = watchlist.changes(since=since, unseen_only=message.unseen_only, limit=limit)
                return WatchChangeList(
                    id=message.id, changes=[change(r) for r in records],
                    unseen_alerts=watchlist.unseen_alerts(),
                )  # fmt: skip
        raise AssertionError(f"unhandled watch message {type(message).__name__}")  # pragma: no cover

    def close(self) -> None:
        """Close the store."""
        with self._opening:
            if self._watchlist is not None:
                self._watchlist.store.close()
                self._watchlist = None
