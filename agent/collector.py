"""The shared collector script (DESIGN 1.3): load it, build the expression, decode its answer.

The master copy is `extension/collector.js`; wheels carry it as package data `agent/collector.js`
(pyproject's hatch force-include maps it in, no hand copy). A source or editable checkout has no
such file inside `agent/`, so the extension's file is read directly. Either way the agent
evaluates the extension's file byte for byte, once per page, and gets back one JSON string.
"""

from __future__ import annotations

__all__ = ["collect_expression", "collector_source", "decode_collection"]

import functools
import json
from importlib import resources
from pathlib import Path

import msgspec

from protocol import Collection

_PACKAGE_FILE = "collector.js"
_SOURCE_FILE = Path(__file__).resolve().parent.parent / "extension" / "collector.js"

_decoder = msgspec.json.Decoder(Collection)


@functools.cache
def collector_source() -> str:
    """The collector script's text: package data when installed, else the extension's file."""
    packaged = resources.files("agent").joinpath(_PACKAGE_FILE)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return _SOURCE_FILE.read_text(encoding="utf-8")


def collect_expression(max_links: int) -> str:
    """JavaScript for one `page.evaluate`: define the collector and call it; yields a JSON string.

    The script runs inside a function so its `var linklensCollect` is local: a page that defined
    a global of that name cannot substitute its own function.
    """
    options = json.dumps({"maxLinks": int(max_links)})
    return f"(function () {{\n{collector_source()}\nreturn linklensCollect({options});\n}})()"


def decode_collection(text: str | bytes) -> Collection:
    """Decode the collector's JSON string (raises msgspec.ValidationError / DecodeError)."""
    return _decoder.decode(text)
