"""A page's main text and its terms: what relevance compares.

Main text: readability-lxml (a port of Mozilla's Readability, the algorithm behind Firefox's
reader view) picks the article out of the page's HTML — navigation, footers, comment widgets
and sidebars left out — so two pages on one template do not look related because of their
menus. Chosen over trafilatura, which extracts as well but pulls in 15 packages (dateparser,
babel, pytz, regex...) for dates and metadata an audit never reads; readability-lxml needs lxml,
cssselect, chardet and lxml-html-clean.

Terms: words of three or more letters, case-folded, English stop words dropped, stemmed with
snowballstemmer's English (Porter2) stemmer — the pure-Python Snowball package Sphinx uses — so
"brewing", "brews" and "brewed" are one term. Each term keeps the word it was most often
written as, to show people.
"""

from __future__ import annotations

__all__ = ["MAX_TERMS", "STOP_WORDS", "Terms", "main_text", "terms_of"]

import logging
import re
from collections import Counter
from functools import cache
from typing import Any

#: Terms kept per page (the most frequent): enough for relevance, small in the store.
MAX_TERMS = 400

#: stem -> (count, the word as it was most often written)
Terms = dict[str, tuple[int, str]]

_STOP_TEXT = """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours
    yourself yourselves one two get got like make made may might must new use used using via
    within without yet per let us says said see also read more click here www http https com
    html page pages home menu search login sign cookie cookies privacy policy terms share
    comment comments reply post posts posted copyright rights reserved"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

_WORD = re.compile(r"[^\W\d_]{3,}")


@cache
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def main_text(html: bytes | str) -> str:
    """The readable main text of a page (its title first); the whole body's text when
    readability finds no article; "" for an empty or unparsable document."""
    if not html:
        return ""
    import lxml.html
    from readability import Document

    # readability logs each candidate it weighs at INFO: noise in an audit of 300 pages.
    logging.getLogger("readability.readability").setLevel(logging.WARNING)
    try:
        document = Document(html)
        title = document.short_title() or ""
        summary = document.summary(html_partial=True)
        # itertext, not text_content: blocks (<h1>, <p>) must not run into one word.
        text = " ".join(lxml.html.fromstring(summary).itertext()) if summary.strip() else ""
    except Exception:  # readability raises its own Unparseable, lxml ParserError, ValueError
        return ""
    return " ".join(f"{title}\n{text}".split())


def terms_of(text: str, limit: int = MAX_TERMS) -> Terms:
    """The `limit` most frequent terms of `text` (see the module docstring)."""
    stemmer = _stemmer()
    counts: Counter[str] = Counter()
    spelled: dict[str, Counter[str]] = {}
    for match in _WORD.finditer(text.casefold()):
        word = match.group()
        if word in STOP_WORDS:
            continue
        stem = stemmer.stemWord(word)
        if len(stem) < 3 or stem in STOP_WORDS:
            continue
        counts[stem] += 1
        spelled.setdefault(stem, Counter())[word] += 1
    return {stem: (count, spelled[stem].most_common(1)[0][0]) for stem, count in counts.most_common(limit)}
