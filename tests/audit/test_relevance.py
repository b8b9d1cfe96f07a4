"""Main text, terms and relevance: a related pair scores above an unrelated one, with the
shared terms that explain it."""

from __future__ import annotations

from agent.audit.relevance import document_frequencies, relevance
from agent.audit.text import main_text, terms_of

COFFEE = """<html><head><title>How to brew coffee at home</title></head><body>
<nav><a href="/">Home</a><a href="/casino">Casino bonus poker</a><a href="/loans">Payday loans</a></nav>
<article><h1>How to brew coffee</h1>
<p>Brewing great coffee starts with fresh beans. Grind the beans just before you brew and
weigh both the coffee and the water. A burr grinder gives an even grind.</p>
<p>Pour-over brewing gives a clean cup, a French press gives body, espresso needs a fine grind
and fresh roast. Water just off the boil extracts the coffee best.</p></article>
<footer>Casino poker bonus footer links</footer></body></html>"""

GRINDERS = """Burr grinders compared: a good grinder gives an even grind for pour-over and
espresso. Fresh roast coffee beans keep their taste; grind the beans right before brewing."""

LOANS = """Payday loans and car insurance: compare cheap loans online, insurance quotes for young
drivers, credit scores and mortgages. Apply for a loan today."""


def test_main_text_leaves_out_navigation_and_footer() -> None:
    """readability keeps the article and the title, drops the menu and the footer."""
    text = main_text(COFFEE.encode())
    assert "Grind the beans" in text
    assert "How to brew coffee" in text
    assert "Payday" not in text
    assert "footer links" not in text


def test_terms_are_stemmed_without_stop_words_and_keep_a_readable_word() -> None:
    """"brewing" and "brew" are one term, shown as written most often."""
    terms = terms_of("Brewing coffee: brew the coffee, brews and the brewing of coffee")
    assert terms["brew"][0] == 4
    assert terms["coffe"] == (3, "coffee")
    assert "the" not in terms
    assert "and" not in terms


def test_a_related_page_scores_higher_than_an_unrelated_one() -> None:
    """Relevance orders a relevant and an irrelevant pair, and names the shared terms."""
    source = terms_of(main_text(COFFEE.encode()))
    grinders, loans = terms_of(GRINDERS), terms_of(LOANS)
    frequencies, pages = document_frequencies([source, grinders, loans])
    related = relevance(source, grinders, frequencies, pages)
    unrelated = relevance(source, loans, frequencies, pages)
    assert related.score > 25
    assert unrelated.score < 10
    assert related.score > unrelated.score
    assert {"grind", "coffee", "beans"} <= set(related.shared)


def test_a_topic_is_compared_like_a_page() -> None:
    """`--topic "coffee brewing"` against the coffee page: relevant, explained by both words."""
    source = terms_of(main_text(COFFEE.encode()))
    topic = terms_of("coffee brewing")
    frequencies, pages = document_frequencies([source, topic, terms_of(LOANS)])
    result = relevance(source, topic, frequencies, pages)
    assert result.score >= 30
    assert set(result.shared) >= {"coffee"}


def test_empty_texts_score_zero() -> None:
    """No text on either side: 0 with no terms (never an error)."""
    assert relevance({}, terms_of(LOANS), *document_frequencies([])).score == 0
    assert main_text(b"") == ""
