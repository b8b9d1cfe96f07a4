"""protocol/examples: one canonical example per message type; each round-trips exactly."""

from __future__ import annotations

import json
import typing
from pathlib import Path

import msgspec
import pytest

import protocol
from protocol import (
    AgentMessage,
    ClientMessage,
    Message,
    decode_agent_message,
    decode_client_message,
    encode,
)

EXAMPLES = Path(protocol.__file__).parent / "examples"


def tag_of(cls: type[Message]) -> str:
    """The `type` tag of a message struct."""
    tag = cls.__struct_config__.tag
    assert isinstance(tag, str)
    return tag


CLIENT_TYPES: list[type[Message]] = list(typing.get_args(ClientMessage))
AGENT_TYPES: list[type[Message]] = list(typing.get_args(AgentMessage))


def test_every_message_type_has_one_example() -> None:
    """examples/ holds exactly one <tag>.json per message type, plus report.csv."""
    tags = {tag_of(cls) for cls in CLIENT_TYPES + AGENT_TYPES}
    assert len(tags) == 17
    files = {path.name for path in EXAMPLES.iterdir()}
    assert files == {f"{tag}.json" for tag in tags} | {"report.csv"}


@pytest.mark.parametrize("cls", CLIENT_TYPES, ids=tag_of)
def test_client_examples_decode_and_round_trip(cls: type[Message]) -> None:
    """A client example decodes as its type, and encoding it gives the same JSON back."""
    text = (EXAMPLES / f"{tag_of(cls)}.json").read_text(encoding="utf-8")
    message = decode_client_message(text)
    assert type(message) is cls
    assert json.loads(encode(message)) == json.loads(text)
    assert decode_client_message(encode(message)) == message


@pytest.mark.parametrize("cls", AGENT_TYPES, ids=tag_of)
def test_agent_examples_decode_and_round_trip(cls: type[Message]) -> None:
    """An agent example decodes as its type, and encoding it gives the same JSON back."""
    text = (EXAMPLES / f"{tag_of(cls)}.json").read_text(encoding="utf-8")
    message = decode_agent_message(text)
    assert type(message) is cls
    assert json.loads(encode(message)) == json.loads(text)
    assert decode_agent_message(encode(message)) == message


def test_examples_are_not_decodable_the_other_way() -> None:
    """Client messages are not agent messages and the reverse (the unions do not overlap)."""
    with pytest.raises(msgspec.ValidationError):
        decode_agent_message((EXAMPLES / "hello.json").read_text())
    with pytest.raises(msgspec.ValidationError):
        decode_client_message((EXAMPLES / "welcome.json").read_text())


def test_report_example_covers_every_kind_of_link() -> None:
    """The example Report shows dofollow, nofollow, ugc, sponsored, hidden, broken, JS links."""
    message = decode_agent_message((EXAMPLES / "report.json").read_text())
    assert isinstance(message, protocol.ReportMessage)
    links = message.report.links
    assert {link.follow for link in links} == {"dofollow", "nofollow"}
    assert {q for link in links for q in link.qualifiers} == {"nofollow", "ugc", "sponsored"}
    assert any(not link.visible and link.verdict == "suspicious" and link.flags for link in links)
    assert any(link.health == "broken" and len(link.redirects) >= 2 for link in links)
    assert any(link.js_generated for link in links)
    assert message.report.summary.total == len(links)


def test_analyze_example_carries_live_links_and_options() -> None:
    """The analyze example has live links and non-default options."""
    message = decode_client_message((EXAMPLES / "analyze.json").read_text())
    assert isinstance(message, protocol.Analyze)
    assert message.links
    assert message.options != protocol.AnalyzeOptions()


def test_error_example_uses_a_known_code() -> None:
    """The error example's code is in protocol.ERRORS."""
    message = decode_agent_message((EXAMPLES / "error.json").read_text())
    assert isinstance(message, protocol.Error)
    assert protocol.ErrorCode(message.code) in protocol.ERRORS


def test_examples_never_carry_a_real_looking_token() -> None:
    """The hello example's token is an obvious placeholder, not something that looks real."""
    message = decode_client_message((EXAMPLES / "hello.json").read_text())
    assert isinstance(message, protocol.Hello)
    assert "linklens-token" in message.token
