"""Error codes: complete, numbered uniquely, each with a sentence; PROTOCOL.md lists them all."""

from __future__ import annotations

import re
from pathlib import Path

from protocol import ERRORS, ErrorCode, error_message

PROTOCOL_MD = Path(__file__).resolve().parents[2] / "protocol" / "PROTOCOL.md"


def test_every_code_has_a_number_and_a_message() -> None:
    """ERRORS covers every ErrorCode, with unique numbers and one-sentence messages."""
    assert set(ERRORS) == set(ErrorCode)
    numbers = [number for number, _ in ERRORS.values()]
    assert len(numbers) == len(set(numbers))
    for code in ErrorCode:
        message = error_message(code)
        assert message[0].isupper()
        assert message.endswith(".")


def test_codes_are_lower_snake_case() -> None:
    """Codes are stable lower_snake_case strings."""
    for code in ErrorCode:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", code.value)


def test_the_protocol_document_lists_every_code() -> None:
    """PROTOCOL.md's error table has exactly ERRORS' rows: number, code and message."""
    text = PROTOCOL_MD.read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| `([a-z_]+)` \| (.+) \|$", text, flags=re.MULTILINE)
    table = {code: (int(number), message.replace("\\|", "|")) for number, code, message in rows}
    assert table == {code.value: entry for code, entry in ERRORS.items()}


def test_the_protocol_document_has_a_section_and_example_per_message() -> None:
    """PROTOCOL.md has a `### `type`` section with a JSON example for every message."""
    text = PROTOCOL_MD.read_text(encoding="utf-8")
    tags = ["hello", "welcome", "analyze", "cancel", "ping", "pong", "progress", "report",
            "link_updates", "done", "error"]  # fmt: skip
    for tag in tags:
        section = text.split(f"### `{tag}`", 1)
        assert len(section) == 2, tag
        body = section[1].split("\n### ", 1)[0]
        assert f'"type": "{tag}"' in body
