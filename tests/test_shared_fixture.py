"""The agent's side of tests/fixtures/link-rules.json: rel (links and canonical), robots, "mine"
domains, the page's registrable domain (the disavow line) and hidden reasons.
tests/js/shared-fixture.test.mjs runs the same cases against the extension, so the two cannot
drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from agent.links.classify import (
    build_report,
    classify_link,
    page_context,
    parse_rel,
    robots_from_meta,
)
from agent.links.raw_view import extract_raw_view
from protocol import HIDDEN_REASON_WORDS, HIDDEN_REASONS, CollectedLink, Collection, Page

FIXTURE: dict[str, Any] = json.loads(
    (Path(__file__).parent / "fixtures" / "link-rules.json").read_text(encoding="utf-8")
)
PAGE: str = FIXTURE["page"]


def _id(case: dict[str, Any]) -> str:
    """A readable test id: the case's input, escapes shown (no-break spaces are invisible)."""
    value = next(iter(case.values()))
    return json.dumps(value, ensure_ascii=True)


def _link(href: str | None, rel: str = "") -> CollectedLink:
    """A collected element with this href and rel, as the collector reports one."""
    return CollectedLink(id="ll-0", href=href, attr_href=href, rel=rel)


@pytest.mark.parametrize("case", FIXTURE["rel"], ids=_id)
def test_rel(case: dict[str, Any]) -> None:
    """rel splits into the fixture's tokens, qualifiers and follow state."""
    assert parse_rel(case["rel"]) == case["tokens"]
    link = classify_link(
        _link("https://other.example/", case["rel"]), 0, page_context(PAGE, Page(), [])
    )
    assert link.rel == case["tokens"]
    assert link.qualifiers == case["qualifiers"]
    assert link.follow == case["follow"]


@pytest.mark.parametrize("case", FIXTURE["canonical_rel"], ids=_id)
def test_canonical_rel(case: dict[str, Any]) -> None:
    """The raw view finds `<link rel=canonical>` exactly when the fixture says so."""
    rel = case["rel"].replace("&", "&amp;").replace('"', "&quot;")
    html = f'<html><head><link rel="{rel}" href="/canon"></head><body></body></html>'
    raw = extract_raw_view(html, PAGE, max_links=10)
    assert (raw.canonical == "https://page.example/canon") is case["canonical"]


@pytest.mark.parametrize("case", FIXTURE["robots"], ids=_id)
def test_robots(case: dict[str, Any]) -> None:
    """Robots meta contents say nofollow exactly when the fixture says so."""
    assert robots_from_meta(case["contents"]).nofollow is case["nofollow"]


@pytest.mark.parametrize("case", FIXTURE["mine"]["normalize"], ids=_id)
def test_mine_normalised(case: dict[str, Any]) -> None:
    """A typed "my domain" becomes the fixture's host name."""
    assert page_context(PAGE, Page(), [case["entry"]]).mine == (case["domain"],)


@pytest.mark.parametrize("case", FIXTURE["mine"]["match"], ids=_id)
def test_mine_matched(case: dict[str, Any]) -> None:
    """A link is "mine" exactly when the fixture says so."""
    ctx = page_context(PAGE, Page(), case["mine"])
    assert classify_link(_link(case["href"]), 0, ctx).mine is case["is_mine"]


@pytest.mark.parametrize("case", FIXTURE["disavow"], ids=_id)
def test_page_registrable_domain(case: dict[str, Any]) -> None:
    """The Report carries the registrable domains (asked for, final) the disavow line is made from."""
    page = case["page"]
    final_url = case.get("final_url", page)
    report = build_report(
        url=page, final_url=final_url, status=200, headers=[], raw=None,
        rendered=Collection(url=final_url), live=None, mine=[], partial=False, truncated=False,
    )  # fmt: skip
    assert report.url_registrable_domain == case["registrable_domain"]
    final = case.get("final_registrable_domain", case["registrable_domain"])
    assert report.page.registrable_domain == final


def test_hidden_reasons_and_their_words() -> None:
    """The fixture lists every hidden reason of the protocol, in order, with the protocol's words."""
    assert [case["reason"] for case in FIXTURE["hidden_reasons"]] == list(HIDDEN_REASONS)
    assert {
        case["reason"]: case["words"] for case in FIXTURE["hidden_reasons"]
    } == HIDDEN_REASON_WORDS
