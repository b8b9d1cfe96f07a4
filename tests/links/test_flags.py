"""Static link flags: each flag fires on its evidence and stays quiet on the near-miss."""

from __future__ import annotations

import random
from typing import Any

import ada_url
import pytest

from agent.links import flags as suspicious
from agent.links import word_lists
from agent.links.flags import PageFacts, link_flags, page_flags, registrable_domain
from agent.links.scoring import score_link
from protocol import Link, Report

PAGE = PageFacts.from_url("https://news.example.org/articles/1")


def make_link(**fields: Any) -> Link:
    """An external, visible, dofollow link in the body unless told otherwise."""
    values: dict[str, Any] = {"id": 0, "href": "https://other.example.com/page", "text": "a page"}
    values.update(fields)
    return Link(**values)


def codes(link: Link, page: PageFacts = PAGE) -> dict[str, str]:
    return {flag.code: flag.severity for flag in link_flags(link, page)}


def test_plain_external_link_has_no_flags() -> None:
    """A visible external link with ordinary text gets no flag at all."""
    assert codes(make_link()) == {}


# hidden -------------------------------------------------------------------------------------


def test_hidden_external_dofollow_in_body_is_danger() -> None:
    """An external dofollow link hidden in the body is serious and names host and reason."""
    flags = link_flags(make_link(visible=False, hidden_reason="same_colour"), PAGE)
    assert [(f.code, f.severity) for f in flags] == [("hidden", "danger")]
    assert "other.example.com" in flags[0].message
    assert "same colour" in flags[0].message


def test_hidden_link_in_collapsed_nav_is_info() -> None:
    """A link in a collapsed nav menu is hidden but normal: info only."""
    link = make_link(visible=False, hidden_reason="display", context="nav")
    assert codes(link) == {"hidden": "info"}


def test_hidden_link_in_collapsed_widget_is_info() -> None:
    """An external dofollow link in a closed accordion/tab/slide/off-canvas menu (the collector's
    `collapsed`) is normal: info, no risk, never suspicious."""
    link = make_link(visible=False, hidden_reason="collapsed", context="main")
    flags = link_flags(link, PAGE)
    assert [(f.code, f.severity) for f in flags] == [("hidden", "info")]
    assert "opens on demand" in flags[0].message
    link.flags = flags
    assert score_link(link) == (0, "dofollow")


def test_hidden_by_display_in_main_is_still_danger() -> None:
    """Near-miss: the same link hidden by display:none outside any widget stays danger."""
    link = make_link(visible=False, hidden_reason="display", context="main")
    assert codes(link) == {"hidden": "danger"}


def test_skip_link_is_info() -> None:
    """A skip link to #main, hidden until focused, is info only."""
    link = make_link(
        href="https://news.example.org/articles/1#main", text="Skip to content",
        visible=False, hidden_reason="offscreen", internal=True,
    )
    assert codes(link) == {"hidden": "info"}


def test_visually_hidden_internal_link_is_info() -> None:
    """A visually hidden (screen-reader) internal link is info only."""
    link = make_link(
        href="https://news.example.org/about", text="About us",
        visible=False, hidden_reason="clipped", internal=True,
    )
    assert codes(link) == {"hidden": "info"}


def test_hidden_link_without_href_is_info() -> None:
    """A hidden <a> without href passes nothing: info, and the sentence says it leads nowhere."""
    flags = link_flags(make_link(href=None, visible=False, hidden_reason="display",
                                 crawlable=False), PAGE)
    assert flags[0].severity == "info"
    assert "no web page" in flags[0].message


def test_link_removed_by_script_is_a_warning_not_danger() -> None:
    """An external link only in the server's HTML (JS removed it) is worth a look, not a verdict."""
    flags = link_flags(make_link(visible=False, hidden_reason="not_rendered", views=["raw"]), PAGE)
    assert [(f.code, f.severity) for f in flags] == [("hidden", "warning")]
    assert "JavaScript removes it" in flags[0].message


def test_hidden_external_nofollow_is_warning() -> None:
    """A hidden external nofollow link passes nothing: a warning, not danger."""
    link = make_link(visible=False, hidden_reason="opacity", follow="nofollow")
    assert codes(link) == {"hidden": "warning"}


# homograph ----------------------------------------------------------------------------------


def test_punycode_whole_script_lookalike_is_homograph() -> None:
    """xn--80ak6aa92e (Cyrillic "аррӏе") reads as apple: homograph, decoded label in the message."""
    flags = link_flags(make_link(href="https://xn--80ak6aa92e.com/"), PAGE)
    assert [f.code for f in flags] == ["homograph"]
    assert "аррӏе" in flags[0].message


def test_mixed_script_label_is_homograph() -> None:
    """A label mixing Latin and Cyrillic ("pаypal", Cyrillic а) is a homograph."""
    href = "https://" + "pаypal".encode("idna").decode() + ".com/"
    assert "homograph" in codes(make_link(href=href))


def test_raw_unicode_host_mixing_scripts_is_homograph() -> None:
    """A raw Unicode host that mixes scripts is flagged too."""
    assert "homograph" in codes(make_link(href="https://pаypal.com/"))


def _idna(host: str) -> str:
    return ".".join(
        label if label.isascii() else "xn--" + label.encode("punycode").decode()
        for label in host.split(".")
    )


@pytest.mark.parametrize(
    "host",
    ["хор.рф", "ерох.ru", "аррӏе.ru", "сосо.su", "ерох.укр", "хор.by", "ρουσ.gr"],
)
def test_whole_script_name_under_its_own_countrys_tld_is_not_homograph(host: str) -> None:
    """A name wholly in Cyrillic (Greek) under a Cyrillic (Greek) TLD or the TLD of a country
    writing in that script is ordinary, punycode or raw: no flag."""
    assert "homograph" not in codes(make_link(href=f"https://{_idna(host)}/"))
    assert "homograph" not in codes(make_link(href=f"https://{host}/"))


@pytest.mark.parametrize(
    "host",
    ["ерох.com", "аррӏе.de", "хор.example.com", "ρουσ.com", "pаypal.ru", "pаypal.рф"],
    ids=["cyrillic-com", "cyrillic-de", "cyrillic-subdomain-com", "greek-com", "mixed-ru",
         "mixed-rf"],
)
def test_whole_script_lookalike_under_other_tld_or_mixed_script_is_homograph(host: str) -> None:
    """Near-misses: the same whole-script look-alikes under a Latin TLD of another country, and
    labels mixing scripts under any TLD, are still homographs."""
    assert codes(make_link(href=f"https://{_idna(host)}/")).get("homograph") == "danger"


@pytest.mark.parametrize(
    "host",
    ["xn--mnchen-3ya.de", "xn--d1acpjx3f.xn--p1ai", "xn--wgv71a119e.jp"],
    ids=["münchen", "яндекс-like-cyrillic", "japanese"],
)
def test_honest_idn_is_not_homograph(host: str) -> None:
    """München (Latin with umlaut), a Cyrillic name with non-Latin letters, Japanese: no flag."""
    assert "homograph" not in codes(make_link(href=f"https://{host}/"))


# ip_host, shortener, risky_tld ----------------------------------------------------------------


def test_ip_host() -> None:
    """A bare IP target is flagged with the address; an IP-looking domain name is not."""
    flags = link_flags(make_link(href="http://203.0.113.7/offer"), PAGE)
    assert any(f.code == "ip_host" and "203.0.113.7" in f.message for f in flags)
    assert "ip_host" not in codes(make_link(href="https://203-0-113-7.example.com/"))


def test_shortener() -> None:
    """bit.ly is a shortener; a domain that merely contains the name is not."""
    assert codes(make_link(href="https://bit.ly/3abc"))["shortener"] == "warning"
    assert "shortener" not in codes(make_link(href="https://bit.ly.example.com/x"))
    assert "shortener" not in codes(make_link(href="https://orbit.ly/x"))


def test_risky_tld() -> None:
    """A .xyz target is a risky TLD warning; .xyz.example.com is not."""
    assert codes(make_link(href="https://free-stuff.xyz/"))["risky_tld"] == "warning"
    assert "risky_tld" not in codes(make_link(href="https://xyz.example.com/"))


def test_internal_links_do_not_get_domain_flags() -> None:
    """On a .xyz site, its own internal links are not flagged for the TLD."""
    page = PageFacts.from_url("https://shop.xyz/")
    link = make_link(href="https://shop.xyz/cart", internal=True, text="Cart")
    assert codes(link, page) == {}


# text_mismatch --------------------------------------------------------------------------------


def test_text_naming_another_domain_is_mismatch() -> None:
    """Text "paypal.com" on a link to evil.example.net: text_mismatch naming both."""
    flags = link_flags(make_link(href="https://evil.example.net/login", text="paypal.com"), PAGE)
    mismatch = [f for f in flags if f.code == "text_mismatch"]
    assert mismatch
    assert "paypal.com" in mismatch[0].message
    assert "evil.example.net" in mismatch[0].message


def test_domain_text_to_an_ip_is_mismatch_and_suspicious() -> None:
    """Text "paypal.com" on a link to a bare IP: text_mismatch (danger on its own) + ip_host."""
    link = make_link(href="http://203.0.113.9:8080/login", text="paypal.com")
    assert codes(link) == {"ip_host": "warning", "text_mismatch": "danger", "insecure": "info"}
    link.flags = link_flags(link, PAGE)
    assert score_link(link)[1] == "suspicious"


def test_url_text_to_other_site_is_mismatch() -> None:
    """Text "https://www.bank.com/login" to another site is a mismatch."""
    link = make_link(href="https://phish.example.net/", text="https://www.bank.com/login")
    assert "text_mismatch" in codes(link)


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("example.com", "https://www.example.com/"),
        ("example.com", "https://example.com/some/path"),
        ("www.example.co.uk", "https://shop.example.co.uk/"),
        ("Read the report", "https://other.example.net/"),
        ("setup.py", "https://github.com/org/repo/blob/main/setup.py"),
        ("README.md", "https://github.com/org/repo"),
        ("info@example.com", "mailto:info@example.com"),
    ],
)
def test_text_mismatch_near_misses(text: str, href: str) -> None:
    """Same registrable domain, ordinary words, file names and e-mail addresses are not mismatches."""
    assert "text_mismatch" not in codes(make_link(href=href, text=text))


# spam_anchor ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Buy cheap viagra online",
        "best online casino bonus",
        "Payday loans",
        "replica watches",
        "write my essay",
        "buy instagram followers",
        "купить виагра",
        "Kredit ohne SCHUFA",
        "casino en ligne",
    ],
)
def test_spam_anchor_positive(text: str) -> None:
    """Anchors from each spam theme (several languages) are flagged danger on external links."""
    assert codes(make_link(text=text)).get("spam_anchor") == "danger"


@pytest.mark.parametrize(
    "text",
    [
        "Scunthorpe United",
        "Ask a specialist",
        "Essex County Council",
        "Casino review policy",
        "Loans and mortgages: our guide",
        "Essays on modern art",
        "Our followers' favourite recipes",
    ],
)
def test_spam_anchor_near_misses(text: str) -> None:
    """Substring traps and topic words without selling intent are not spam anchors."""
    assert "spam_anchor" not in codes(make_link(text=text))


@pytest.mark.parametrize(
    "text",
    ["cheap viagra", "best online casino bonus", "buy instagram followers", "Payday loans",
     "Buy cheap viagra online now", "replica watches"],
)
def test_spam_anchor_that_is_the_whole_anchor_is_danger_and_suspicious(text: str) -> None:
    """Spam wording that is (most of) a short anchor is danger: suspicious on its own."""
    link = make_link(text=text)
    link.flags = link_flags(link, PAGE)
    assert [(f.code, f.severity) for f in link.flags] == [("spam_anchor", "danger")]
    assert score_link(link)[1] == "suspicious"


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("UK Gambling Commission rules on online casino advertising",
         "https://www.gamblingcommission.gov.uk/news/article/x"),
        ("porn addiction help", "https://www.nhs.uk/live-well/addiction-support/"),
        ("FCA guide to payday loans", "https://www.fca.org.uk/consumers/payday-loans"),
        ("why people buy Instagram followers", "https://www.bbc.co.uk/news/technology-456"),
        # The same sentences to an ordinary site: the wording alone decides, still a warning.
        ("UK Gambling Commission rules on online casino advertising", "https://other.example.com/"),
        ("porn addiction help", "https://other.example.com/"),
        ("FCA guide to payday loans", "https://other.example.com/"),
        ("why people buy Instagram followers", "https://other.example.com/"),
        # A short spam anchor to a public institution.
        ("online casino", "https://www.gamblingcommission.gov.uk/"),
        ("payday loans", "https://www.studentaid.gov/loans"),
    ],
)
def test_spam_words_in_descriptive_text_or_to_institutions_are_only_warnings(
    text: str, href: str
) -> None:
    """Near-misses: spam words inside a longer descriptive sentence, or on a link to a public
    institution (.gov, .gov.uk, .nhs.uk, .edu...) or the BBC, are a warning that is not enough
    for a suspicious verdict."""
    link = make_link(text=text, href=href)
    link.flags = link_flags(link, PAGE)
    assert [(f.code, f.severity) for f in link.flags] == [("spam_anchor", "warning")]
    assert score_link(link)[1] == "dofollow"


def test_spam_warning_sentences_say_why() -> None:
    """The warning's sentence names the reason it is not danger."""
    long = link_flags(make_link(text="FCA guide to payday loans"), PAGE)[0]
    assert "longer descriptive text" in long.message
    gov = link_flags(make_link(text="online casino", href="https://www.gamblingcommission.gov.uk/"),
                     PAGE)[0]
    assert "www.gamblingcommission.gov.uk" in gov.message
    assert "public institution" in gov.message


def test_internal_spam_anchor_is_warning() -> None:
    """Spam wording on an internal link is a warning (the page's own menu), not danger."""
    link = make_link(href="https://news.example.org/x", internal=True, text="cheap viagra")
    assert codes(link)["spam_anchor"] == "warning"


# javascript_href, not_crawlable, empty_anchor, insecure -----------------------------------------


def test_javascript_href() -> None:
    """A javascript: href gets javascript_href and not_crawlable; a normal href neither."""
    link = make_link(href="javascript:void(0)", text="Open", crawlable=False)
    assert codes(link) == {"javascript_href": "warning", "not_crawlable": "info"}


def test_not_crawlable_without_href_but_not_mailto() -> None:
    """An <a> without href is not crawlable; a mailto: contact link gets no flag."""
    assert codes(make_link(href=None, text="Menu", crawlable=False)) == {"not_crawlable": "info"}
    mail = make_link(href="mailto:hi@example.org", text="Write to us", crawlable=False)
    assert codes(mail) == {}


def test_not_crawlable_area_says_it_is_an_image_map() -> None:
    """An <area> with an http(s) href is not crawlable, and the sentence names the image map."""
    area = make_link(tag="area", text="Garden plan", crawlable=False)
    flags = link_flags(area, PAGE)
    assert [(f.code, f.severity) for f in flags] == [("not_crawlable", "info")]
    assert "image-map <area>" in flags[0].message


def test_empty_anchor() -> None:
    """No text/alt/aria-label is empty_anchor; an image link with alt text (in `text`) is not."""
    assert codes(make_link(text=""))["empty_anchor"] == "warning"
    assert codes(make_link(text="   "))["empty_anchor"] == "warning"
    assert "empty_anchor" not in codes(make_link(text="Company logo"))


def test_insecure_static() -> None:
    """An http link from an https page is insecure (info); from an http page it is not."""
    link = make_link(href="http://other.example.com/")
    assert codes(link)["insecure"] == "info"
    assert "insecure" not in codes(link, PageFacts.from_url("http://news.example.org/"))


# page flags -----------------------------------------------------------------------------------


def _tricky_urls() -> list[str]:
    """http(s) URLs whose text and serialization may differ: case, dots, numbers that make IPv4
    addresses, punycode, user info, ports, backslashes, whitespace, brackets, percent signs."""
    hosts = [
        "a.com", "A.com", "a.com.", "a..com", ".a.com", "127.0.0.1", "127.1", "1.2.3.04", "0x7f.1",
        "a.0x1", "a.0xg", "a.123", "a.1b", "256.1.1.1", "example-1.test", "-a.b-", "a_b.com",
        "xn--p1ai", "xn--ab-", "xn-a.com", "ex%41mple.com", "a b.com", "a\tb.com", "[::1]",
        "[0:0::1]", "пример.рф", "ß.de", "*.a", "a" * 70 + ".com", "",
    ]
    users = ["", "u@", "u:p@", "a@b@", "u\\x@", "u\t@"]
    ports = ["", ":80", ":443", ":8080", ":080", ":", ":65536", ":x"]
    rests = ["", "/", "/a/../b#f", "?q", "#", "\\p", " ", "\n/p"]
    urls = [
        scheme + user + host + port + rest
        for scheme in ("http://", "https://") for user in users for host in hosts
        for port in ports for rest in rests
    ]
    rng = random.Random(7)
    alphabet = "abz09.-_@:%/?#\\ \t[]Xé" + "0x" + "xn--"
    urls += [
        rng.choice(("http://", "https://")) + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        for _ in range(20_000)
    ]
    return urls


def test_hosts_read_off_the_text_are_the_hosts_ada_parses() -> None:
    """The static rules read scheme and host from the href's text when ada would serialize them
    unchanged, and parse the URL otherwise: either way the answer is ada's."""
    for url in _tricky_urls():
        try:
            parsed = ada_url.parse_url(url, ("protocol", "hostname"))
        except ValueError:
            assert suspicious._parse(url) is None, url
            continue
        host = str(parsed["hostname"]).strip("[]").lower()
        expected = (parsed["protocol"], host, registrable_domain(host) if host else None)
        assert suspicious._parse(url) == expected, url


def _anchor_variants() -> list[str]:
    """Anchors around every lexicon term: cases, dashes, underscores, punctuation, full-width
    letters, extra spaces, words glued on, and plain text."""
    terms = [term for strong, topic in word_lists._lexicon_terms().values() for term in strong + topic]
    anchors = ["", " ", "Link number 7", "Read more", "Ｒｅａｄ ｍｏｒｅ", "über uns"]
    for term in terms:
        anchors += [
            term, term.upper(), f"Best {term} here!", f"({term})", term.replace(" ", "-"),
            term.replace(" ", "_"), f"{term}_x", f"x{term}", f"{term}s", f"  {term}\t now ",
            "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in term),
            f"cheap {term}", f"{term} bonus",
        ]
    return anchors


def test_spam_early_rule_out_changes_no_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ruling anchors out by their words first gives the same answer as running every rule."""
    anchors = _anchor_variants()
    word_lists._spam_rules.cache_clear()
    fast = [word_lists.spam_match(text) for text in anchors]
    monkeypatch.setattr(word_lists, "_spam_first_words", lambda: None)  # every rule, every time
    word_lists._spam_rules.cache_clear()
    try:
        assert [word_lists.spam_match(text) for text in anchors] == fast
    finally:
        word_lists._spam_rules.cache_clear()
    assert sum(match is not None for match in fast) > len(anchors) // 3  # the rules did run


def _report(links: list[Link]) -> Report:
    return Report(url=PAGE.url, links=links)


def test_too_many_outbound_link_farm() -> None:
    """120 external dofollow links to 120 sites is the link-farm pattern."""
    links = [make_link(id=i, href=f"https://site{i}.example-{i}.com/") for i in range(120)]
    flags = page_flags(_report(links))
    assert [f.code for f in flags] == ["too_many_outbound"]
    assert "120" in flags[0].message


def test_many_links_to_one_site_or_nofollow_is_not_link_farm() -> None:
    """150 links to one site, or 150 nofollow links to many sites, are not a link farm."""
    one_site = [make_link(id=i, href=f"https://github.com/org/repo{i}") for i in range(150)]
    assert page_flags(_report(one_site)) == []
    nofollow = [
        make_link(id=i, href=f"https://site{i}.example-{i}.com/", follow="nofollow")
        for i in range(150)
    ]
    assert page_flags(_report(nofollow)) == []
