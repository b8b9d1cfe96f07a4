"""Real saved pages of the corpus, scanned whole: what a careful auditor would not call suspicious
must not be (the full corpus runs in scripts/corpus_eval.py; these pages stand for its causes)."""

from __future__ import annotations

import re

import pytest

from tests.corpus.conftest import Site
from tests.corpus.corpus_site import load_manifest

pytestmark = [pytest.mark.browser]

#: One page per cause seen on the corpus before this pass: an embedded tweet's t.co links and
#: social icons whose stylesheet is missing (aktualne), a hidden rel=license link (wikipedia),
#: a combined stylesheet that fails to load (salon), and a page whose stylesheets all load
#: (craftinginterpreters).
PAGES = ("aktualne", "wikipedia", "salon-1", "craftinginterpreters-hash-tables")
#: Markup <noscript> fallbacks hold (a page's own title text may contain "<em>": readers see it).
_NOSCRIPT_MARKUP = re.compile(r"<(?:img|picture|source|iframe|video)\b", re.IGNORECASE)


@pytest.mark.parametrize("name", PAGES)
async def test_clean_real_page_has_no_suspicious_link(site: Site, name: str) -> None:
    """No suspicious verdict, no <noscript> markup in link text, no <a> without href counted."""
    page = next(page for page in load_manifest() if page.name == name)
    report = await site.scan(page.local_url(site.port))
    assert [(link.href, link.text) for link in report.links if link.verdict == "suspicious"] == []
    assert [link.text for link in report.links if _NOSCRIPT_MARKUP.search(link.text)] == []
    with_href = sum(1 for link in report.links if link.href is not None)
    assert report.summary.total == with_href
    assert report.summary.without_href == len(report.links) - with_href
