"""Main text, terms and relevance: a related pair scores above an unrelated one, with the
shared terms that explain it; a text with no terms is not measured, never off-topic."""

from __future__ import annotations

from agent.audit.model import LinkToYou, PageAudit
from agent.audit.recommend import OFF_TOPIC
from agent.audit.relevance import document_frequencies, relevance
from agent.audit.report import build_report
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
    assert related is not None
    assert unrelated is not None
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
    assert result is not None
    assert result.score >= 30
    assert set(result.shared) >= {"coffee"}


def test_empty_texts_are_not_measured() -> None:
    """No text on either side: not measured (None), never 0 and never an error."""
    assert relevance({}, terms_of(LOANS), *document_frequencies([])) is None
    assert relevance(terms_of(LOANS), {}, *document_frequencies([])) is None
    assert main_text(b"") == ""


def _linking_page(url: str, terms: dict[str, tuple[int, str]]) -> PageAudit:
    link = LinkToYou(href="http://mysite.test/guide", anchor="guide", follow="dofollow")
    return PageAudit(source_url=url, domain=url.split("/")[2], links=[link], status=200,
                     terms=terms, compare_with="http://mysite.test/guide")  # fmt: skip


def test_a_page_without_text_is_not_measured_and_not_off_topic() -> None:
    """Empty terms on the source page, or on the target page: relevance None and the dofollow
    link is kept (rule 7 needs a measured relevance); an unrelated page still scores low."""
    loans = terms_of(LOANS)
    grinders = terms_of(GRINDERS)
    pages = [_linking_page("http://empty.test/", {}), _linking_page("http://loans.test/", loans)]
    report = build_report(pages, targets={"http://mysite.test/guide": grinders},
                          input_name="x", mine=["mysite.test"])  # fmt: skip
    empty, unrelated = report.pages
    domains = {d.domain: d for d in report.domains}
    assert (empty.relevance, empty.shared_terms, empty.relevance_basis) == (None, [], None)
    assert domains["empty.test"].relevance is None
    assert domains["empty.test"].recommendation == "keep"
    assert "off-topic" not in domains["empty.test"].why
    assert unrelated.relevance is not None
    assert unrelated.relevance < OFF_TOPIC
    assert domains["loans.test"].recommendation == "review"

    blank_target = build_report([_linking_page("http://loans.test/", loans)],
                                targets={"http://mysite.test/guide": {}}, input_name="x",
                                mine=["mysite.test"])  # fmt: skip
    assert blank_target.pages[0].relevance is None
    assert blank_target.domains[0].recommendation == "keep"
    stop_words_topic = build_report([_linking_page("http://loans.test/", loans)], targets={},
                                    input_name="x", mine=["mysite.test"], topic="the and of")  # fmt: skip
    assert stop_words_topic.pages[0].relevance is None
