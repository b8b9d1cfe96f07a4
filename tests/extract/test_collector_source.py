"""The collector the agent runs is the extension's file, shipped as package data."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from agent import collector
from agent.collector import collect_expression, collector_source, decode_collection
from protocol import CONTEXTS, HIDDEN_REASONS

REPO = Path(__file__).resolve().parents[2]


def test_agent_runs_the_extension_file_byte_for_byte() -> None:
    """collector_source() is the extension's collector.js exactly, and the expression embeds it."""
    on_disk = (REPO / "extension" / "collector.js").read_bytes()
    assert collector_source().encode("utf-8") == on_disk
    assert collector_source() in collect_expression(10)


def test_wheels_map_the_extension_file_into_the_package() -> None:
    """pyproject's force-include ships extension/collector.js as agent/collector.js."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    force = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force["extension/collector.js"] == "agent/collector.js"


def test_package_data_copy_wins_when_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An installed package reads agent/collector.js from package data, not from a checkout."""
    (tmp_path / "collector.js").write_text("/* packaged */", encoding="utf-8")
    monkeypatch.setattr(collector, "_packaged", lambda: tmp_path / "collector.js")
    collector.collector_source.cache_clear()
    try:
        assert collector.collector_source() == "/* packaged */"
    finally:
        collector.collector_source.cache_clear()


def test_expression_passes_the_cap_as_json() -> None:
    """The expression calls the collector once with the cap as a number."""
    assert collect_expression(123).rstrip().endswith("return linklensCollect({\"maxLinks\": 123});\n})()")


def test_decode_collection_reads_the_collectors_json() -> None:
    """decode_collection turns the collector's JSON string into a protocol Collection."""
    text = (
        '{"url":"http://e.test/","title":"T","links":[{"id":"0","href":null,"attr_href":null,'
        '"rel":"","text":"x","tag":"area","context":"nav","visible":false,'
        '"hidden_reason":"display"}],"truncated":true,"robots":["none"],"canonical":null}'
    )
    collection = decode_collection(text)
    assert collection.truncated is True
    assert collection.links[0].tag == "area"
    assert collection.links[0].hidden_reason == "display"


def test_every_reason_and_context_of_the_protocol_is_in_the_collector() -> None:
    """Each hidden reason and context the protocol lists is one the collector can report."""
    source = collector_source()
    for reason in HIDDEN_REASONS:
        if reason != "not_rendered":  # set by the agent for server-HTML-only links
            assert f'"{reason}"' in source, reason
    for context in CONTEXTS:
        assert f'"{context}"' in source, context
