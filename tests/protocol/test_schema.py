"""protocol/schema.json, extension/protocol-data.js and the other generated artefacts are fresh
and agree with protocol/ and the examples."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, get_args

import jsonschema
import msgspec
import pytest

import protocol

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "protocol" / "schema.json").read_text(encoding="utf-8"))
EXAMPLES = sorted((ROOT / "protocol" / "examples").glob("*.json"))
EXTENSION_DATA = ROOT / "extension" / "protocol-data.js"


def test_generated_files_are_fresh() -> None:
    """`scripts/gen-schema --check` passes: every generated file, protocol-data.js too, is current."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen-schema"), "--check"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_check_mode_notices_a_stale_file(tmp_path: Path) -> None:
    """--check exits 1 and names the files when what is on disk differs from protocol/*.py."""
    stale_copy = tmp_path / "stale"
    (stale_copy / "scripts").mkdir(parents=True)
    (stale_copy / "scripts" / "gen-schema").write_bytes(
        (ROOT / "scripts" / "gen-schema").read_bytes()
    )
    (stale_copy / ".venv").symlink_to(ROOT / ".venv")
    package = stale_copy / "protocol"
    package.mkdir()
    for path in (ROOT / "protocol").glob("*.py"):
        (package / path.name).write_bytes(path.read_bytes())
    (package / "examples").mkdir()
    (package / "schema.json").write_text("{}\n")
    (stale_copy / "extension").mkdir()
    # One error message edited by hand, as a stale copy would be: the check must notice.
    data = EXTENSION_DATA.read_text(encoding="utf-8")
    assert "The address is too long." in data
    (stale_copy / "extension" / "protocol-data.js").write_text(
        data.replace("The address is too long.", "The URL is too long."), encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, str(stale_copy / "scripts" / "gen-schema"), "--check"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "stale: protocol/schema.json" in result.stderr
    assert "stale: protocol/examples/report.json" in result.stderr
    assert "stale: extension/protocol-data.js" in result.stderr


def _extension_data() -> dict[str, Any]:
    """The object extension/protocol-data.js assigns to `LinkLensProtocolData`."""
    text = EXTENSION_DATA.read_text(encoding="utf-8")
    start = text.index("freeze({") + len("freeze(")
    end = text.rindex("});") + 1
    data: dict[str, Any] = json.loads(text[start:end])
    return data


def test_extension_data_holds_the_protocol_constants() -> None:
    """protocol-data.js carries protocol/'s constants as they are, not a copy that can drift."""
    data = _extension_data()
    assert data["PROTOCOL_VERSION"] == protocol.PROTOCOL_VERSION
    assert data["DEFAULT_PORT"] == protocol.DEFAULT_PORT
    assert data["CHROME_EXTENSION_ID"] == protocol.CHROME_EXTENSION_ID
    assert data["FLAG_CODES"] == list(protocol.FLAG_CODES)
    assert data["PAGE_FLAG_CODES"] == list(protocol.PAGE_FLAG_CODES)
    assert data["HIDDEN_REASONS"] == list(protocol.HIDDEN_REASONS)
    assert data["HIDDEN_REASON_WORDS"] == protocol.HIDDEN_REASON_WORDS
    assert data["CONTEXTS"] == list(protocol.CONTEXTS)
    assert data["CSV_COLUMNS"] == [name for name, _ in protocol.CSV_COLUMNS]
    assert data["ERRORS"] == {
        code.value: [number, message] for code, (number, message) in protocol.ERRORS.items()
    }
    assert data["STAGES"] == list(get_args(protocol.Stage))
    assert data["QUALIFIERS"] == list(get_args(protocol.Qualifier))
    assert data["SUMMARY_FIELDS"] == list(protocol.Summary.__struct_fields__)


def test_extension_data_requires_what_the_decoder_requires() -> None:
    """Each message's required fields in protocol-data.js are exactly those msgspec insists on."""
    data = _extension_data()
    tables = {**data["CLIENT_MESSAGES"], **data["AGENT_MESSAGES"]}
    assert list(data["CLIENT_MESSAGES"]) == [
        "hello", "analyze", "cancel", "ping",
        "watch_add", "watch_remove", "watch_list", "watch_changes",
    ]  # fmt: skip
    assert len(tables) == 17
    for tag, required in tables.items():
        # Without any one required field the agent's decoder refuses the message ...
        full = json.loads((ROOT / "protocol" / "examples" / f"{tag}.json").read_text("utf-8"))
        decode = (
            protocol.decode_client_message if tag in data["CLIENT_MESSAGES"]
            else protocol.decode_agent_message
        )  # fmt: skip
        for field in required:
            with pytest.raises(msgspec.ValidationError, match=f"missing required field `{field}`"):
                decode(json.dumps({k: v for k, v in full.items() if k != field}))
        # ... and with only those (and the tag) it accepts it.
        decode(json.dumps({"type": tag} | {field: full[field] for field in required}))
    assert data["REPORT_REQUIRED"] == ["url"]
    assert data["LINK_REQUIRED"] == ["id"]
    assert data["FLAG_REQUIRED"] == ["code", "severity", "message"]


def test_schema_is_valid_json_schema() -> None:
    """schema.json is a valid JSON Schema 2020-12 document for protocol version PROTOCOL_VERSION."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["protocol_version"] == protocol.PROTOCOL_VERSION


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_validates_against_the_schema(path: Path) -> None:
    """Each example message is valid under schema.json (what the JS side can rely on)."""
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(path.read_text(encoding="utf-8")))


def test_schema_rejects_what_the_agent_rejects() -> None:
    """A message with a wrong field type or an unknown type is invalid under the schema too."""
    validator = jsonschema.Draft202012Validator(SCHEMA)
    assert not validator.is_valid({"type": "analyze", "id": "a", "url": 5})
    assert not validator.is_valid({"type": "launch"})
    assert not validator.is_valid([])


def test_schema_names_every_message_and_the_report() -> None:
    """$defs has every message, the Report, Link, Flag and the Collection."""
    defs = SCHEMA["$defs"]
    for name in ("Hello", "Welcome", "Analyze", "Cancel", "Ping", "Pong", "Progress",
                 "ReportMessage", "LinkUpdates", "Done", "Error", "Report", "Link", "Flag",
                 "Collection", "CollectedLink", "ClientMessage", "AgentMessage"):  # fmt: skip
        assert name in defs


def test_schema_text_is_sorted_and_stable() -> None:
    """schema.json is pretty, key-sorted JSON ending in a newline (stable diffs)."""
    text = (ROOT / "protocol" / "schema.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
