"""Websocket messages (DESIGN 1.1): JSON text frames, a tagged union on `type`.

    client -> agent: hello, analyze, cancel, ping
    agent -> client: welcome, progress, report, link_updates, done, error, pong

Every `analyze` id gets exactly one terminal message: `done` or `error`.
"""

from __future__ import annotations

__all__ = [
    "AgentMessage",
    "Analyze",
    "AnalyzeOptions",
    "Cancel",
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
    "Welcome",
    "decode_agent_message",
    "decode_client_message",
    "encode",
]

from typing import Literal

import msgspec

from .report import CollectedLink, LinkUpdate, Report, Summary

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


ClientMessage = Hello | Analyze | Cancel | Ping
AgentMessage = Welcome | Progress | ReportMessage | LinkUpdates | Done | Error | Pong

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
