"""The collector the agent runs is the extension's file, shipped as package data."""

from __future__ import annotations

import tomllib
from pathlib import Path

import msgspec
import pytest

from agent.render import collector
from agent.render.collector import (
    collect_expression,
    collector_source,
    decode_collection,
    decode_rows,
)
from protocol import CONTEXTS, HIDDEN_REASONS

REPO = Path(__file__).resolve().parents[2]


def test_agent_runs_the_extension_file_byte_for_byte() -> None:
    """collector_source() is the extension's collector.js exactly, and the expression embeds it."""
    on_disk = (REPO / "extension" / "collector.js").read_bytes()
    assert collector_source().encode("utf-8") == on_disk
    assert collector_source() in collect_expression(10)


def test_wheels_map_the_extension_file_into_the_package() -> None:
    """pyproject's force-include ships extension/collector.js as agent/render/collector.js."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    force = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force["extension/collector.js"] == "agent/render/collector.js"


def test_package_data_copy_wins_when_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An installed package reads agent/render/collector.js from package data, not from a checkout."""
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
        if reason not in ("not_rendered", "not_reached"):  # the agent's, for raw-only links
            assert f'"{reason}"' in source, reason
    for context in CONTEXTS:
        assert f'"{context}"' in source, context


def test_expression_options_rows_and_scroll_to_top() -> None:
    """rows asks for the compact form; scroll_to_top scrolls instantly and lets a frame run
    (an async function then), before the collector runs."""
    expression = collect_expression(7, rows=True, scroll_to_top=True)
    call = 'return linklensCollect({"maxLinks": 7, "rows": true});'
    scroll = 'window.scrollTo({top: 0, left: 0, behavior: "instant"});'
    assert expression.startswith("(async function () {")
    assert expression.count(scroll) == 1
    assert expression.index(scroll) < expression.index("requestAnimationFrame") < expression.index(call)
    assert collector_source() in expression
    plain = collect_expression(7, rows=True)
    assert scroll not in plain
    assert plain.startswith("(function () {")


def test_decode_rows_rebuilds_each_field() -> None:
    """Prefix + rest gives href; attr 0/1 stand for rest/href; kinds give tag, context and reason;
    kind and rel may be left off the end of a row; ids are the row's index."""
    text = (
        '{"url":"http://e.test/","title":"T","rows":['
        '[1,"/a",0,"A"],'
        '[2,"/b?q",1,"B",1,"nofollow"],'
        '[0,"mailto:x@e.test",1,"M",0,"ugc"],'
        '[1,"/c","../c","C",2],'
        '[0,null,null,"N",1]'
        '],"prefixes":["","http://e.test","https://o.test"],'
        '"kinds":[["a","body",null],["a","nav","display"],["area","main",null]],'
        '"truncated":true,"robots":["noindex"],"canonical":"http://e.test/c"}'
    )
    collection = decode_rows(text)
    assert (collection.url, collection.title, collection.truncated) == ("http://e.test/", "T", True)
    assert (collection.robots, collection.canonical) == (["noindex"], "http://e.test/c")
    got = [
        (k.id, k.href, k.attr_href, k.rel, k.text, k.tag, k.context, k.visible, k.hidden_reason)
        for k in collection.links
    ]
    assert got == [
        ("0", "http://e.test/a", "/a", "", "A", "a", "body", True, None),
        ("1", "https://o.test/b?q", "https://o.test/b?q", "nofollow", "B", "a", "nav", False, "display"),
        ("2", "mailto:x@e.test", "mailto:x@e.test", "ugc", "M", "a", "body", True, None),
        ("3", "http://e.test/c", "../c", "", "C", "area", "main", True, None),
        ("4", None, None, "", "N", "a", "nav", False, "display"),
    ]


@pytest.mark.parametrize(
    "rows",
    [
        '[[3,"/a",0,"A"]]',  # no such prefix
        '[[-1,"/a",0,"A"]]',  # negative index
        '[[0,"/a",0,"A",5]]',  # no such kind
        '[[0,"/a",2,"A"]]',  # attr code that means nothing
        '[[0,null,0,"A"]]',  # attr code without an href
        '[[0,"/a",true,"A"]]',
        "[[0]]",
    ],
)
def test_decode_rows_refuses_what_it_cannot_rebuild(rows: str) -> None:
    """A row naming a missing table entry or an unknown code is an error, never a guess."""
    text = f'{{"url":"u","rows":{rows},"prefixes":[""],"kinds":[["a","body",null]]}}'
    with pytest.raises(msgspec.ValidationError):
        decode_rows(text)
