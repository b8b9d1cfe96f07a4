"""Every recommendation rule of agent/audit/recommend.py, each with the sentence it gives."""

from __future__ import annotations

from agent.audit.model import LinkToYou, PageAudit
from agent.audit.recommend import DISAVOW_RISK, OFF_TOPIC, REVIEW_RISK, median, recommend
from protocol import Flag


def _page(*links: LinkToYou, risk: int = 0, flags: list[Flag] | None = None,
          relevance: int | None = None, url: str = "http://spam.test/p") -> PageAudit:  # fmt: skip
    return PageAudit(source_url=url, domain="spam.test", links=list(links), risk=risk,
                     flags=flags or [], relevance=relevance)  # fmt: skip


def _link(follow: str = "dofollow", flags: list[Flag] | None = None) -> LinkToYou:
    return LinkToYou(href="http://mysite.test/", anchor="my site", follow=follow, flags=flags or [])


def test_a_hidden_dofollow_link_to_you_is_disavowed() -> None:
    """Rule 1: your link hidden from readers."""
    hidden = Flag("hidden", "danger", "An external dofollow link to mysite.test hidden by display: none.")
    rec, why = recommend([_page(_link(flags=[hidden]))])
    assert rec == "disavow"
    assert "hidden from readers" in why
    assert "http://spam.test/p" in why


def test_a_spam_anchor_on_your_link_is_disavowed() -> None:
    """Rule 2: spam anchor text on the link to you."""
    spam = Flag("spam_anchor", "danger", 'The anchor text "cheap viagra" uses pharmaceutical spam wording.')
    rec, why = recommend([_page(_link(flags=[spam]))])
    assert rec == "disavow"
    assert "spam anchor text" in why
    assert "cheap viagra" in why


def test_a_link_only_googlebot_sees_is_disavowed() -> None:
    """Rule 3: cloaking."""
    cloaked = Flag("cloaked", "danger", "Only Googlebot is shown this link to http://mysite.test/.")
    rec, why = recommend([_page(_link(flags=[cloaked]))])
    assert rec == "disavow"
    assert "Googlebot" in why


def test_a_link_farm_page_is_disavowed() -> None:
    """Rule 4: the link-farm pattern on a page that links to you dofollow."""
    farm = Flag("too_many_outbound", "warning", "The page has 120 external dofollow links to 80 different sites, the pattern of a link farm.")
    rec, why = recommend([_page(_link(), flags=[farm], risk=30)])
    assert rec == "disavow"
    assert "link farm" in why


def test_a_very_risky_page_is_disavowed_with_its_reasons() -> None:
    """Rule 5: page risk at DISAVOW_RISK or more."""
    reason = Flag("hidden_links", "danger", "3 external dofollow links on this page are hidden from readers.")
    rec, why = recommend([_page(_link(), risk=DISAVOW_RISK, flags=[reason])])
    assert rec == "disavow"
    assert f"{DISAVOW_RISK}/100" in why
    assert "hidden from readers" in why


def test_a_middling_page_is_reviewed() -> None:
    """Rule 6: page risk at REVIEW_RISK or more."""
    rec, why = recommend([_page(_link(), risk=REVIEW_RISK)])
    assert rec == "review"
    assert why.startswith("Review:")
    assert f"{REVIEW_RISK}/100" in why


def test_an_off_topic_dofollow_link_is_reviewed() -> None:
    """Rule 7: relevance under OFF_TOPIC."""
    rec, why = recommend([_page(_link(), relevance=OFF_TOPIC - 1)])
    assert rec == "review"
    assert "off-topic" in why


def test_a_domain_whose_pages_all_failed_is_reviewed() -> None:
    """Rule 8: nothing could be checked."""
    page = PageAudit(source_url="http://broken.test/", domain="broken.test", state="failed",
                     error="the page answered HTTP 500", attempts=2)  # fmt: skip
    rec, why = recommend([page])
    assert rec == "review"
    assert "none of its pages could be checked" in why
    assert "HTTP 500" in why


def test_nofollow_links_are_kept_even_on_a_risky_page() -> None:
    """A link that passes nothing is never disavowed, however bad the page."""
    rec, why = recommend([_page(_link(follow="nofollow"), risk=90)])
    assert rec == "keep"
    assert "pass no authority" in why


def test_a_page_without_your_link_is_kept() -> None:
    """No link found: nothing to disavow."""
    rec, why = recommend([_page(risk=90)])
    assert rec == "keep"
    assert "no link to your site" in why


def test_a_clean_relevant_dofollow_link_is_kept() -> None:
    """Rule 9: the default, saying how many links and the worst risk."""
    rec, why = recommend([_page(_link(), risk=5, relevance=70)])
    assert rec == "keep"
    assert "1 dofollow link(s)" in why
    assert "5/100" in why


def test_median() -> None:
    """Median of odd, even and empty lists."""
    assert median([5, 1, 9]) == 5
    assert median([1, 2, 3, 10]) == 2.5
    assert median([]) == 0
