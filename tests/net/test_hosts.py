"""Host facts in one place: IP, loopback, IDNA (UTS-46), registrable domain, "mine"."""

from __future__ import annotations

import pytest
from publicsuffixlist import PSLFILE, PublicSuffixList

from agent.links import flags
from agent.net.hosts import (
    is_ip,
    is_loopback_host,
    is_mine,
    normalize_mine,
    public_suffix_list,
    registrable_domain,
    same_site_key,
    to_ascii_host,
    to_unicode_host,
)


def test_registrable_domain_offline() -> None:
    """The public suffix list answers without the network, private suffixes included."""
    assert registrable_domain("a.b.example.co.uk") == "example.co.uk"
    assert registrable_domain("x.alice.github.io") == "alice.github.io"
    assert registrable_domain("www.news.test") == "news.test"  # unknown TLDs: one label
    assert registrable_domain("co.uk") is None
    assert registrable_domain("10.0.0.1") is None
    assert registrable_domain("localhost") is None


def test_known_suffix_only_for_text_that_names_a_site() -> None:
    """With known_suffix, unknown TLDs name no site; the flags use exactly that answer."""
    assert registrable_domain("www.example.co.uk", known_suffix=True) == "example.co.uk"
    assert registrable_domain("intranet.zzzz", known_suffix=True) is None
    assert registrable_domain("10.0.0.1", known_suffix=True) is None
    assert flags.registrable_domain("intranet.zzzz") is None
    assert flags.registrable_domain("a.example.co.uk") == "example.co.uk"


def test_same_site_key_compares_ips_and_suffixes_as_they_are() -> None:
    """"Internal" compares registrable domains, and hosts that have none exactly."""
    assert same_site_key("shop.example.co.uk") == same_site_key("example.co.uk")
    assert same_site_key("10.0.0.1") == "10.0.0.1"
    assert same_site_key("co.uk") == "co.uk"
    assert same_site_key("a.github.io") != same_site_key("b.github.io")


def test_public_suffix_list_has_the_librarys_rules() -> None:
    """The quickly loaded list answers as `PublicSuffixList()` for every rule of the shipped
    file in its Unicode form and, for the rules where IDNA-2003 and UTS-46 agree, its punycode
    form, unknown TLDs accepted or not."""
    reference = PublicSuffixList()
    fast = public_suffix_list()
    with open(PSLFILE, encoding="utf-8") as source:
        rules = [
            line.split(" ")[0].strip().lower() for line in source
            if line.strip() and not line.startswith("//")
        ]
    assert len(rules) > 5000
    names = {rule.lstrip("!*.") for rule in rules}
    # The library encodes with Python's IDNA-2003 codec, LinkLens as browsers do (UTS-46):
    # compare punycode forms only where both encodings agree.
    names |= {
        encoded for name in names if not name.isascii()
        if (encoded := name.encode("idna").decode("ascii")) == to_ascii_host(name)
    }
    for name in sorted(names):
        host = f"a.b.{name}"
        for accept_unknown in (True, False):
            assert fast.privatesuffix(host, accept_unknown=accept_unknown) == (
                reference.privatesuffix(host, accept_unknown=accept_unknown)
            ), host
            assert fast.publicsuffix(host, accept_unknown=accept_unknown) == (
                reference.publicsuffix(host, accept_unknown=accept_unknown)
            ), host


def test_idna_is_uts46_as_browsers_do_it() -> None:
    """ß stays ß under UTS-46 (xn--fa-hia.de), where Python's IDNA-2003 codec maps it to ss."""
    assert to_ascii_host("faß.de") == "xn--fa-hia.de"
    assert "faß.de".encode("idna") == b"fass.de"  # the codec LinkLens must not use
    assert to_ascii_host("Bücher.DE") == "xn--bcher-kva.de"
    assert to_unicode_host("xn--fa-hia.de") == "faß.de"


def test_is_ip() -> None:
    """IPv4 and IPv6 literals (brackets allowed) are IPs; names are not."""
    assert is_ip("10.0.0.1")
    assert is_ip("[::1]")
    assert is_ip("2001:db8::1")
    assert not is_ip("example.com")
    assert not is_ip("")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.5", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST.", True),
        ("app.localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.10", False),
        ("localhost.example.com", False),
        ("example.com", False),
        ("", False),
    ],
)
def test_is_loopback_host(host: str, loopback: bool) -> None:
    """Loopback: localhost, names under .localhost (RFC 6761) and loopback IP literals."""
    assert is_loopback_host(host) is loopback


def test_normalize_mine() -> None:
    """The person's domains are cleaned: URL, case, www., dots, wildcard, IDN, duplicates."""
    assert normalize_mine(
        [" https://WWW.Example.com/x ", "example.com.", "*.shop.test", "", "Bücher.de", "faß.de"]
    ) == ("example.com", "shop.test", "xn--bcher-kva.de", "xn--fa-hia.de")


def test_is_mine_is_the_host_or_under_it() -> None:
    """A host is mine when it equals or is under one of the person's domains."""
    mine = normalize_mine(["*.example.com"])
    assert is_mine("blog.example.com", mine)
    assert is_mine("example.com", mine)
    assert not is_mine("notexample.com", mine)
    assert not is_mine("example.com.evil.test", mine)
    assert not is_mine(None, mine)
