"""Static flags against what real pages do: the rules of the second pass on false suspicion.

Each test names the real-page pattern it stands for (seen in tests/corpus or the 130-article
measurement of issue 15) and checks both the pattern and the deception it must not excuse.
"""

from __future__ import annotations

from typing import Any

from agent.links.flags import PageFacts, link_flags, page_flags
from agent.links.scoring import score_link
from protocol import Link, Report

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


# platform wrappers and text that names another site ----------------------------------------


def test_embedded_tweet_picture_link_is_normal() -> None:
    """An embedded tweet's "pic.twitter.com/…" text pointing to t.co is how Twitter links."""
    flags, result = verdict(make_link(text="pic.twitter.com/BUPgYtgHaY", href="https://t.co/BUPgYtgHaY"))
    assert "text_mismatch" not in flags
    assert result == "dofollow"


def test_tweet_display_url_through_tco_is_normal() -> None:
    """A tweet shows its link's address ("bit.ly/FIPemba") and links through t.co."""
    flags, result = verdict(make_link(text="bit.ly/FIPemba", href="http://t.co/V6x1dOunCv"))
    assert "text_mismatch" not in flags
    assert result == "dofollow"


def test_text_reading_as_another_domain_is_suspicious_alone() -> None:
    """Text "www.bank.com" on a link to another site is the phishing pattern: suspicious with no
    second flag."""
    flags, result = verdict(make_link(text="www.bank.com", href="https://login-secure.example.net/"))
    assert flags == {"text_mismatch": "danger"}
    assert result == "suspicious"


def test_site_name_in_the_path_of_another_host_is_still_a_mismatch() -> None:
    """"www.bank.com" pointing at evil.example.net/www.bank.com names a site, not a file: flagged."""
    flags, result = verdict(
        make_link(text="www.bank.com", href="https://evil.example.net/www.bank.com/login")
    )
    assert flags == {"text_mismatch": "danger"}
    assert result == "suspicious"


def test_wrapper_carrying_the_named_site_in_its_query_is_normal() -> None:
    """google.com/url?q=https://www.bank.com/ with the text "www.bank.com" leads where it says."""
    flags, _ = verdict(make_link(
        text="www.bank.com", href="https://www.google.com/url?q=https%3A%2F%2Fwww.bank.com%2F"
    ))
    assert "text_mismatch" not in flags


def test_same_site_under_its_other_domains_is_normal() -> None:
    """twitter.com text to x.com, youtube.com text to youtu.be: one site, several domains."""
    for text, href in (("twitter.com/seattletimes", "https://x.com/seattletimes"),
                       ("youtube.com", "https://youtu.be/abc")):
        flags, _ = verdict(make_link(text=text, href=href))
        assert "text_mismatch" not in flags, text


def test_same_name_under_another_ending_is_a_warning_only() -> None:
    """"Amazon.com" linking to amazon.co.uk: worth a look, not suspicious."""
    flags, result = verdict(make_link(text="Amazon.com", href="https://www.amazon.co.uk/dp/1"))
    assert flags == {"text_mismatch": "warning"}
    assert result == "dofollow"


# hidden links that are no deception ---------------------------------------------------------


def test_hidden_rel_license_markup_is_normal() -> None:
    """Wikipedia's hidden rel=license link to creativecommons.org is licence metadata."""
    flags, result = verdict(make_link(
        text="", href="https://creativecommons.org/licenses/by-sa/3.0/", rel=["license"],
        visible=False, hidden_reason="display", context="footer",
    ))
    assert flags["hidden"] == "info"
    assert result == "dofollow"


def test_hidden_link_on_an_unstyled_page_is_not_judged() -> None:
    """A link hidden only because the page's styles did not load: a warning, never suspicious,
    even with no text (an icon whose font never came)."""
    flags, result = verdict(make_link(
        text="", href="https://www.facebook.com/Aktualne.cz", visible=False,
        hidden_reason="unstyled", context="footer",
    ))
    assert flags == {"hidden": "warning", "empty_anchor": "warning"}
    assert result == "dofollow"


def test_link_the_render_never_reached_is_not_judged() -> None:
    """A raw-only link past where a render cut short got: info, not "removed by JavaScript"."""
    flags, result = verdict(make_link(
        views=["raw"], visible=False, hidden_reason="not_reached", context="body",
    ))
    assert flags == {"hidden": "info"}
    assert result == "dofollow"


def test_hidden_dofollow_link_in_the_body_is_still_suspicious() -> None:
    """The deception these rules must not excuse: display:none around an external dofollow link
    in the body, on a page whose styles applied."""
    _, result = verdict(make_link(visible=False, hidden_reason="display", context="body"))
    assert result == "suspicious"


def test_unstyled_page_is_said_at_page_level() -> None:
    """One page flag says the page's styles did not all apply and how many links it concerns."""
    report = Report(url="https://news.example.org/a", links=[
        make_link(id=0, visible=False, hidden_reason="unstyled"),
        make_link(id=1, visible=False, hidden_reason="unstyled"),
        make_link(id=2),
    ])
    page = [flag for flag in page_flags(report) if flag.code == "styles_failed"]
    assert len(page) == 1
    assert page[0].severity == "warning"
    assert "2 links" in page[0].message
    assert page_flags(Report(url="https://news.example.org/a", links=[make_link()])) == []


def test_ad_click_tracker_with_the_advertisers_address_is_normal() -> None:
    """An ad shows "genealogy.com/Records_War" and links through doubleclick's click tracker."""
    flags, _ = verdict(make_link(
        text="genealogy.com/Records_War",
        href="http://googleads.g.doubleclick.net/aclk?sa=l&ai=CzVeIlm6yVd7",
    ))
    assert "text_mismatch" not in flags


def test_code_identifiers_are_not_addresses() -> None:
    """"java.util.Observer" (.observer) and "document.body.style" (.style) are code, not sites."""
    for text in ("java.util.Observer", "document.body.style"):
        flags, _ = verdict(make_link(text=text, href="https://docs.oracle.com/javase/7/docs/api/"))
        assert "text_mismatch" not in flags, text


def test_parent_company_site_is_a_warning_and_lookalike_host_is_not() -> None:
    """"Atlas.cz" -> atlas.centrum.cz: worth a look; "paypal.com" -> paypal.com.evil.example.net,
    which carries the whole name to look like it: suspicious."""
    flags, result = verdict(make_link(text="Atlas.cz", href="https://atlas.centrum.cz/"))
    assert (flags, result) == ({"text_mismatch": "warning"}, "dofollow")
    flags, result = verdict(make_link(text="paypal.com", href="https://paypal.com.evil.example.net/"))
    assert (flags, result) == ({"text_mismatch": "danger"}, "suspicious")
