"""protocol/schema.json and the other generated artefacts are fresh and agree with the examples."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import protocol

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "protocol" / "schema.json").read_text(encoding="utf-8"))
EXAMPLES = sorted((ROOT / "protocol" / "examples").glob("*.json"))


def test_generated_files_are_fresh() -> None:
    """`scripts/gen-schema --check` passes: schema, examples, CSV and PROTOCOL.md blocks are current."""
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
    result = subprocess.run(
        [sys.executable, str(stale_copy / "scripts" / "gen-schema"), "--check"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "stale: protocol/schema.json" in result.stderr
    assert "stale: protocol/examples/report.json" in result.stderr


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
