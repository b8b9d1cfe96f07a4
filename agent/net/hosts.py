"""Host facts, decided in one place: IP or name, loopback, IDNA, registrable domain, "mine".

Every module that compares hosts asks here, so that "internal", "mine", the risky-TLD and
text-mismatch flags, the server's Host check and the link checker's "is this the agent?" can
never disagree again.

- IDNA is UTS-46 as browsers do it (ada-url, the WHATWG URL parser), never Python's IDNA-2003
  codec: `faß.de` is `xn--fa-hia.de` for Chromium and for LinkLens.
- The public suffix list is the copy shipped inside `publicsuffixlist`: no download, ever.
  Private suffixes count (a.github.io and b.github.io are different sites).
"""

from __future__ import annotations

__all__ = [
    "is_ip",
    "is_loopback_host",
    "is_mine",
    "normalize_mine",
    "public_suffix_list",
    "registrable_domain",
    "same_site_key",
    "to_ascii_host",
    "to_unicode_host",
    "warm_up",
]

import functools
import ipaddress
from collections.abc import Iterable

import ada_url
from publicsuffixlist import PSLFILE, PublicSuffixList


@functools.lru_cache(maxsize=8192)
def is_ip(host: str) -> bool:
    """True for an IPv4 or IPv6 literal (brackets allowed)."""
    # Fast path: a name ends in a letter (TLDs are alphabetic); IPv6 literals have a colon.
    if host and host[-1].isalpha() and ":" not in host:
        return False
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def is_loopback_host(host: str) -> bool:
    """True for `localhost`, names under `.localhost` (RFC 6761: always the loopback) and
    loopback IP literals — the only interfaces the agent binds."""
    name = host.strip().rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


def to_ascii_host(host: str) -> str | None:
    """The host as URLs carry it: lower-case ASCII, punycode for IDNs (UTS-46); None when it is
    not a valid host name."""
    try:
        value = ada_url.idna_to_ascii(host.strip())
    except ValueError:
        return None
    text = value.decode("ascii") if isinstance(value, bytes) else str(value)
    return text.lower() or None


def to_unicode_host(host: str) -> str:
    """The host as a person reads it (punycode labels decoded); the input when it cannot be."""
    try:
        value = ada_url.idna_to_unicode(host)
    except ValueError:
        return host
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


@functools.cache
def public_suffix_list() -> PublicSuffixList:
    """The public suffix list, parsed once per process.

    `PublicSuffixList()` would run Python's IDNA codec over all ~10,000 rules to add the
    punycode (xn--) form of each; only the few hundred non-ASCII rules have one, so they are
    encoded here (with ada, as browsers encode them), and the rules are handed over without the
    file's ~6,000 comment and blank lines (the same rules in a third of the time;
    tests/net/test_hosts.py compares the answers with the library's own load).
    """
    with open(PSLFILE, encoding="utf-8", errors="surrogateescape") as source:
        text = source.read()
    rules: list[str] = []
    encoded: list[str] = []
    for line in text.splitlines():
        if not line or line.startswith("//"):
            continue  # lines the library skips too
        rules.append(line)
        if line.isascii():
            continue
        rule = line.lower().split(" ")[0].rstrip()  # the library's own reading of a line
        if not rule:
            continue
        exception = rule.startswith("!")
        ascii_rule = to_ascii_host(rule[1:] if exception else rule)
        if ascii_rule:
            encoded.append("!" + ascii_rule if exception else ascii_rule)
    return PublicSuffixList(rules + encoded, accept_encoded_idn=False)


def warm_up() -> None:
    """Load the public suffix list now (a few tens of ms of CPU, once per process) instead of
    during the first report."""
    public_suffix_list()


@functools.lru_cache(maxsize=8192)  # per host: a page has thousands of links to a few dozen hosts
def registrable_domain(host: str, *, known_suffix: bool = False) -> str | None:
    """The registrable domain (eTLD+1) of an ASCII host; None for IP addresses, single labels
    and bare public suffixes.

    A TLD the list does not know (`.test`, `.internal`, a typo) counts as a one-label suffix,
    as browsers treat it, so `www.news.test` and `news.test` are one site. With
    `known_suffix=True` such hosts have no registrable domain: the question is then whether a
    string names a real site (text that reads as a domain, risky TLDs), and `readme.zzz` does
    not.
    """
    host = host.strip().strip(".").lower()
    if not host or "." not in host or is_ip(host):
        return None
    domain = public_suffix_list().privatesuffix(host, accept_unknown=not known_suffix)
    return str(domain) if domain else None


def same_site_key(host: str) -> str:
    """What two hosts must share to be the same site ("internal"): the registrable domain, or
    the host itself for IP addresses, single labels and bare suffixes."""
    return registrable_domain(host) or host.strip().strip(".").lower()


def _any_url_host(url: str) -> str | None:
    """The host of a URL a person typed (any case, IDN); None when it is not a URL with one."""
    try:
        host = str(ada_url.URL(url.strip()).hostname)
    except ValueError:
        return None
    return host.strip("[]").rstrip(".").lower() or None


def normalize_mine(domains: Iterable[str]) -> tuple[str, ...]:
    """The person's own domains as ASCII host names. Accepted: URLs, a host with a port or a
    path, upper case, IDN, a leading `*.` or `www.` (a person typing www.example.com means the
    whole site), stray dots. The
    extension normalises the options page's list the same way (tests/fixtures/ holds the
    cases both sides run)."""
    out: list[str] = []
    for raw in domains:
        value = raw.strip()
        if "://" in value:
            value = _any_url_host(value) or ""
        elif "/" in value or ":" in value:
            # A host with a port or a path ("example.com:8080", "example.com/blog"): the site.
            value = _any_url_host("http://" + value.removeprefix("*.")) or ""
        value = value.strip().strip(".").lower()
        value = value.removeprefix("*.").removeprefix("www.").strip(".")
        if not value:
            continue
        value = to_ascii_host(value) or value
        if value and value not in out:
            out.append(value)
    return tuple(out)


def is_mine(host: str | None, mine: tuple[str, ...]) -> bool:
    """True when the host is one of the person's domains (normalize_mine output) or under one."""
    if host is None or not mine:
        return False
    return any(host == domain or host.endswith("." + domain) for domain in mine)
