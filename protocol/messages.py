"""Websocket messages (docs/DESIGN.md §2.1): JSON text frames, a tagged union on `type`.

    client -> agent: hello, analyze, cancel, ping
    agent -> client: welcome, progress, report, link_updates, done, error, pong

Every `analyze` id gets exactly one terminal message: `done` or `error`.

The backlink monitor (agents whose `welcome.capabilities` include "watch"):

    client -> agent: watch_add, watch_remove, watch_list, watch_changes
    agent -> client: watch_links (to add, remove, list), watch_change_list (to changes),
                     or error {id, code, message}
"""

from __future__ import annotations

__all__ = [
    "AgentMessage",
    "Analyze",
    "AnalyzeOptions",
    "Cancel",
    "ChangeKind",
    "ClientMessage",
    "Done",
    "Error",
    "Hello",
    "LinkUpdates",
    "Message",
    "Ping",
    "Pong",
    "Progress",
    "ReportMessage",
    "Stage",
    "WatchAdd",
    "WatchChange",
    "WatchChangeList",
    "WatchChanges",
    "WatchEntry",
    "WatchLinks",
    "WatchListRequest",
    "WatchRemove",
    "WatchStanding",
    "Welcome",
    "decode_agent_message",
    "decode_client_message",
    "encode",
]

from typing import Literal

import msgspec

from .report import CollectedLink, Follow, LinkUpdate, Report, Summary

Stage = Literal["render", "extract", "check", "cloaking"]


class Message(msgspec.Struct, tag_field="type", kw_only=True, forbid_unknown_fields=False):
    """Base of every message; `type` carries the tag."""


class Hello(Message, tag="hello"):
    protocol: int
    token: str
    client: str = ""


class Welcome(Message, tag="welcome"):
    protocol: int
    agent_version: str
    capabilities: list[str] = msgspec.field(default_factory=list)


class AnalyzeOptions(msgspec.Struct, kw_only=True):
    check: bool = True
    cloaking: bool = False
    timeout_s: float | None = None  # render deadline for this job; capped by the agent's config
    mine: list[str] = msgspec.field(default_factory=list)


class Analyze(Message, tag="analyze"):
    id: str
    url: str
    links: list[CollectedLink] | None = None
    options: AnalyzeOptions = msgspec.field(default_factory=AnalyzeOptions)


class Cancel(Message, tag="cancel"):
    id: str


class Ping(Message, tag="ping"):
    pass


class Pong(Message, tag="pong"):
    pass


class Progress(Message, tag="progress"):
    id: str
    stage: Stage
    done: int = 0
    total: int = 0


class ReportMessage(Message, tag="report"):
    id: str
    report: Report


class LinkUpdates(Message, tag="link_updates"):
    id: str
    updates: list[LinkUpdate]


class Done(Message, tag="done"):
    id: str
    summary: Summary


class Error(Message, tag="error"):
    id: str | None
    code: str
    message: str


# -- the backlink monitor (added; agents that list the "watch" capability) -----------------------

#: What a check can find changed about a watched link (closed set; add, never rename).
ChangeKind = Literal[
    "lost", "page_gone", "page_error", "demoted", "promoted", "hidden", "not_crawlable",
    "anchor_changed", "target_changed", "noindex", "recovered",
]  # fmt: skip
#: A watched link's state at its last check (null before the first check).
WatchStanding = Literal["present", "lost", "page_gone", "page_error"]


class WatchAdd(Message, tag="watch_add"):
    """Watch the link from `source_url` to `target`: a URL of yours, or a whole domain of yours
    (`example.com`, subdomains included). Answered with `watch_links` holding the link."""

    id: str
    source_url: str
    target: str
    note: str = ""
    importance: Literal["high", "normal"] = "normal"


class WatchRemove(Message, tag="watch_remove"):
    """Stop watching one link (`link_id`) or every link of a source page (`source_url`).
    Answered with `watch_links` holding the links removed."""

    id: str
    link_id: int | None = None
    source_url: str | None = None


class WatchListRequest(Message, tag="watch_list"):
    """The watched links (of one source page when `source_url` is given): `watch_links`."""

    id: str
    source_url: str | None = None


class WatchChanges(Message, tag="watch_changes"):
    """Changes found by checks, newest first: `watch_change_list`. `mark_seen` (change ids) and
    `mark_all_seen` are applied first, so one request can clear the badge and refresh the list."""

    id: str
    since: str | None = None  # ISO 8601 date or date-time (UTC)
    unseen_only: bool = False
    mark_seen: list[int] = msgspec.field(default_factory=list)
    mark_all_seen: bool = False
    limit: int = 100


class WatchEntry(msgspec.Struct, kw_only=True):
    """One watched link and its state at its last check."""

    id: int
    source_url: str
    target: str
    target_kind: Literal["url", "domain"]
    note: str = ""
    importance: Literal["high", "normal"] = "normal"
    added_at: str  # ISO 8601 UTC
    last_checked_at: str | None = None
    standing: WatchStanding | None = None
    follow: Follow | None = None
    anchor: str | None = None


class WatchLinks(Message, tag="watch_links"):
    """The answer to `watch_add`, `watch_remove` and `watch_list`."""

    id: str
    links: list[WatchEntry]


class WatchChange(msgspec.Struct, kw_only=True):
    """One change a check found, with the sentence a person reads."""

    id: int
    link_id: int
    source_url: str
    target: str
    importance: Literal["high", "normal"] = "normal"
    kind: ChangeKind
    detected_at: str  # ISO 8601 UTC
    before: str | None = None
    after: str | None = None
    message: str
    seen: bool = False


class WatchChangeList(Message, tag="watch_change_list"):
    """The answer to `watch_changes`; `unseen_alerts` counts unseen lost/page_gone/demoted
    changes (the number for the extension's badge), whatever the filters."""

    id: str
    changes: list[WatchChange]
    unseen_alerts: int = 0


ClientMessage = (
    Hello | Analyze | Cancel | Ping | WatchAdd | WatchRemove | WatchListRequest | WatchChanges
)
AgentMessage = (
    Welcome | Progress | ReportMessage | LinkUpdates | Done | Error | Pong | WatchLinks
    | WatchChangeList
)

_client_decoder = msgspec.json.Decoder(ClientMessage)
_agent_decoder = msgspec.json.Decoder(AgentMessage)
_encoder = msgspec.json.Encoder()


def decode_client_message(data: bytes | str) -> ClientMessage:
    """Decode one client frame. Raises msgspec.DecodeError / ValidationError (with a JSON path)."""
    message: ClientMessage = _client_decoder.decode(data)
    return message


def decode_agent_message(data: bytes | str) -> AgentMessage:
    """Decode one agent frame (used by `linklens status`, tests and tools)."""
    message: AgentMessage = _agent_decoder.decode(data)
    return message


def encode(message: Message) -> str:
    """Encode a message as the JSON text of one frame."""
    return _encoder.encode(message).decode()
