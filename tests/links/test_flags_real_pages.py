"""Static flags against what real pages do: the rules of the second pass on false suspicion.

Each test names the real-page pattern it stands for (seen in tests/corpus or the 130-article
measurement of issue 15) and checks both the pattern and the deception it must not excuse.
"""

from __future__ import annotations

from typing import Any

from agent.links.flags import PageFacts, link_flags
from agent.links.scoring import score_link
from protocol import Link

PAGE = PageFacts.from_url("https://news.example.org/articles/1")


def make_link(**fields: Any) -> Link:
    """An external, visible, dofollow link in the body unless told otherwise."""
    values: dict[str, Any] = {"id": 0, "href": "https://other.example.com/page", "text": "a page"}
    values.update(fields)
    return Link(**values)


def verdict(link: Link, page: PageFacts = PAGE) -> tuple[dict[str, str], str]:
    """The link's static flags (code -> severity) and the verdict they give."""
    link.flags = link_flags(link, page)
    return {flag.code: flag.severity for flag in link.flags}, score_link(link)[1]


def test_idn_text_in_unicode_matches_its_punycode_host() -> None:
    """Text "faß.de" names the host xn--fa-hia.de (UTS-46, as browsers): no text_mismatch."""
    flags, _ = verdict(make_link(text="faß.de", href="https://xn--fa-hia.de/"))
    assert "text_mismatch" not in flags


def test_idn_text_still_mismatches_another_host() -> None:
    """The same text pointing to fass.de (IDNA 2003's reading of it) is another site."""
    flags, _ = verdict(make_link(text="faß.de", href="https://fass.de/"))
    assert "text_mismatch" in flags
