"""protocol.apply_updates follows tests/fixtures/link-updates.json, as the extension does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
import pytest

from protocol import UPDATE_FIELDS, Flag, Link, LinkUpdate, Redirect, Report, apply_updates

FIXTURE = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "link-updates.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", FIXTURE["cases"], ids=lambda case: case["name"])
def test_apply_updates_as_the_fixture_says(case: dict[str, Any]) -> None:
    """Each case's links end as `after`, and the changed ids come back in update order."""
    report = Report(url="https://page.example/", links=msgspec.convert(case["links"], list[Link]))
    updates = msgspec.convert(case["updates"], list[LinkUpdate])
    changed = apply_updates(report, updates)
    assert [link.id for link in changed] == case["changed"]
    expected = msgspec.convert(case["after"], list[Link])
    assert report.links == expected


def test_update_fields_are_the_link_update_fields() -> None:
    """UPDATE_FIELDS names every LinkUpdate field but the link id, and each is a Link field."""
    assert set(UPDATE_FIELDS) == set(LinkUpdate.__struct_fields__) - {"link_id"}
    assert set(UPDATE_FIELDS) <= set(Link.__struct_fields__)


def test_applied_lists_are_copies() -> None:
    """A link's redirects and flags are not the update's lists (mutating one leaves the other)."""
    report = Report(url="https://page.example/", links=[Link(id=0, href="https://a.example/")])
    update = LinkUpdate(link_id=0, health="broken", flags=[Flag("broken", "danger", "Gone.")])
    apply_updates(report, [update])
    report.links[0].flags.append(Flag("timeout", "warning", "Slow."))
    report.links[0].redirects.append(Redirect(url="https://a.example/", status=301))
    assert [flag.code for flag in update.flags] == ["broken"]
    assert update.redirects == []
