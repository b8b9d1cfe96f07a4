"""Relevance 0-100 between a source page's main text and your target page's text (or a topic).

TF-IDF cosine, written here rather than imported: scikit-learn's TfidfVectorizer would bring
numpy and scipy (tens of MB) for what is a dot product over a few hundred terms per page, and
the small BM25 packages are unmaintained. The measure, in full:

    weight(term, page) = (1 + ln count) x idf(term)
    idf(term)          = ln((1 + N) / (1 + pages with the term)) + 1      (N: pages compared)
    cosine             = sum of weight products over shared terms / (|source| x |target|)
    relevance          = round(100 x cosine)

The IDF comes from the audit's own pages (every source page and target page), so words every
page of the audit shares — a niche's common vocabulary, a template's leftovers — count less than
the words that set a page apart. Pages on one subject score about 25-60, a page next to a short
topic about 30-60, unrelated pages under 10 (one shared everyday word, "guide", gives about 10:
recommend.OFF_TOPIC is 15). The shared terms that explain a score are those with the largest weight products, shown as written.
A text with no terms (nothing readable, or a topic of stop words only) is not measured (None),
never 0.
"""

from __future__ import annotations

__all__ = ["Relevance", "document_frequencies", "relevance"]

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from agent.audit.text import Terms

#: Shared terms shown with a score.
SHOWN_TERMS = 8


@dataclass(frozen=True)
class Relevance:
    """A score 0-100 and the shared terms that explain it (most telling first)."""

    score: int
    shared: list[str] = field(default_factory=list)


def document_frequencies(documents: Iterable[Terms]) -> tuple[Counter[str], int]:
    """(pages each term is on, number of pages) over the documents compared."""
    frequencies: Counter[str] = Counter()
    count = 0
    for terms in documents:
        count += 1
        frequencies.update(terms.keys())
    return frequencies, count


def _weights(terms: Terms, frequencies: Counter[str], pages: int) -> dict[str, float]:
    return {
        stem: (1 + math.log(count)) * (math.log((1 + pages) / (1 + frequencies.get(stem, 0))) + 1)
        for stem, (count, _word) in terms.items()
    }


def relevance(
    source: Terms, target: Terms, frequencies: Counter[str], pages: int
) -> Relevance | None:
    """How related the two texts are (see the module docstring). None — not measured — when
    either has no terms: a page with no readable text says nothing about its topic, so it must
    not read as off-topic."""
    if not source or not target:
        return None
    a = _weights(source, frequencies, pages)
    b = _weights(target, frequencies, pages)
    products = {stem: a[stem] * b[stem] for stem in a.keys() & b.keys()}
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    if not products or norm == 0:
        return Relevance(0)
    cosine = min(1.0, sum(products.values()) / norm)
    shown = sorted(products, key=lambda stem: (-products[stem], stem))[:SHOWN_TERMS]
    return Relevance(round(100 * cosine), [source[stem][1] for stem in shown])
