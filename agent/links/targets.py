"""Where an http(s) link points: its scheme and host, parsed once per origin.

A page has thousands of links to a few dozen origins, and classifying (internal, crawlable) and
the static rules (ip_host, risky_tld, insecure...) both need the host of every href. For the
special schemes http and https a URL is valid exactly when its scheme and authority are (in the
WHATWG parser only the host and port states can fail; path, query and fragment are
percent-encoded, never refused), and the host depends on the authority alone. So ada parses each
distinct `scheme://authority` text once, and every other link to that origin is a dict lookup:
about a microsecond instead of a parse (tests/quality/test_link_targets.py holds the answers to
ada's parse of the whole URL).
"""

from __future__ import annotations

__all__ = ["WebTarget", "web_target"]

import re
from typing import NamedTuple

import ada_url


class WebTarget(NamedTuple):
    """The scheme and host of a valid http(s) URL."""

    scheme: str  # "http:" or "https:"
    #: As ada serializes it: lower-case ASCII (punycode for IDNs), IPv4 in dotted decimal, IPv6 in
    #: [brackets], a trailing dot kept.
    host: str


# An http(s) URL's authority ends at the first of / \ ? # (a backslash counts as a slash there).
_AUTHORITY_END = re.compile(r"[/\\?#]")
# Bounded for a long-running agent: a page with more distinct origins than this only re-parses,
# and an origin text longer than a real one (a page can write megabytes into an href) is parsed
# but not kept.
_MAX_ORIGINS = 4096
_MAX_ORIGIN_CHARS = 300
_origins: dict[str, WebTarget | None] = {}


def web_target(href: str | None) -> WebTarget | None:
    """Scheme and host of `href` when it is a valid URL written with an `http://` or `https://`
    prefix (as browsers and ada serialize them); None otherwise."""
    if not href:
        return None
    if href.startswith("https://"):
        start = 8
    elif href.startswith("http://"):
        start = 7
    else:
        return None
    found = _AUTHORITY_END.search(href, start)
    end = len(href) if found is None else found.start()
    authority = href[start:end]
    if "\t" in authority or "\n" in authority or "\r" in authority:
        # The parser drops tabs and newlines first: "http://\n/p" is "http:///p", host "p".
        return _parse(href)
    if found is None:
        # The authority runs to the end: the whole href it is. (Trailing spaces, which the parser
        # strips from the end of the input only, are part of this text and of no other.)
        origin = href
    elif end == start:
        # "http:///host": the parser skips any run of slashes before the host. No browser writes
        # that; parse the whole URL rather than reason about it.
        return _parse(href)
    else:
        # Whichever delimiter ends the authority, the host parses the same: one key for all.
        origin = href[:end] + "/"
    if len(origin) > _MAX_ORIGIN_CHARS:
        return _parse(origin)
    try:
        return _origins[origin]
    except KeyError:
        pass
    target = _parse(origin)
    if len(_origins) >= _MAX_ORIGINS:
        _origins.clear()
    _origins[origin] = target
    return target


def _parse(url: str) -> WebTarget | None:
    try:
        parsed = ada_url.parse_url(url, ("protocol", "hostname"))
    except ValueError:
        return None
    scheme = str(parsed["protocol"])
    if scheme not in ("http:", "https:"):
        return None
    return WebTarget(scheme, str(parsed["hostname"]))
