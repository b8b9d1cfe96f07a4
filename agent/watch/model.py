"""What is watched: a source page and a target (one URL of yours, or a whole domain of yours).

URLs are compared by identity, not spelling: scheme, a leading `www.`, a trailing slash, the
fragment and a default port do not make two URLs different (a site moving to https does not move
your link). A domain target covers the domain and all its subdomains.
"""

from __future__ import annotations

__all__ = [
    "Importance",
    "Target",
    "TargetKind",
    "WatchInputError",
    "WatchedLink",
    "host_in_domain",
    "normalize_source_url",
    "parse_target",
    "url_identity",
]

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

TargetKind = Literal["url", "domain"]
Importance = Literal["high", "normal"]

_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)(\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)*$")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class WatchInputError(ValueError):
    """A source URL or target a person gave that cannot be watched (one-line message)."""


@dataclass(frozen=True)
class Target:
    """Where a watched link should point: `text` as stored, and its kind."""

    text: str
    kind: TargetKind

    @property
    def domain(self) -> str:
        """The domain links must point into (a URL target's host, without `www.`)."""
        if self.kind == "domain":
            return self.text
        host = urlsplit(self.text).hostname or ""
        return _strip_www(host)

    def matches_host(self, host: str | None) -> bool:
        """True when a link to `host` points into this target's domain (subdomains included)."""
        return host_in_domain(host, self.domain)

    def is_exact(self, href: str | None) -> bool:
        """True when `href` is this target: any link into the domain for a domain target, the
        same URL (by identity) for a URL target."""
        if href is None:
            return False
        if self.kind == "domain":
            return self.matches_host(urlsplit(href).hostname)
        return url_identity(href) == url_identity(self.text)


def _strip_www(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def host_in_domain(host: str | None, domain: str) -> bool:
    """`host` is `domain` or one of its subdomains (a leading `www.` ignored on both)."""
    if not host:
        return False
    host = _strip_www(host)
    return host == domain or host.endswith("." + domain)


def url_identity(url: str) -> str | None:
    """A URL's identity for comparisons: host without `www.`, port if not the default, path
    without a trailing slash, query; None when it is not an http(s) URL."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = _strip_www(parts.hostname)
    if port is not None and port != _DEFAULT_PORTS[parts.scheme.lower()]:
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def normalize_source_url(text: str) -> str:
    """A source page URL as stored: http(s) only, scheme and host lower-cased, no fragment."""
    text = text.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise WatchInputError(f"not a valid URL: {text!r}") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise WatchInputError(f"not an http(s) page address: {text!r}")
    netloc = parts.hostname.lower().rstrip(".")
    if ":" in netloc:
        netloc = f"[{netloc}]"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def parse_target(text: str) -> Target:
    """A target as a person writes it: `example.com` (the whole domain, subdomains included)
    or a URL (`https://example.com/page`: that page)."""
    text = text.strip()
    if "://" in text:
        return Target(normalize_source_url(text), "url")
    domain = text.lower().rstrip(".").removeprefix("*.")
    domain = domain.split("/", 1)[0]
    domain = _strip_www(domain)
    if not _DOMAIN.match(domain) or ("." not in domain and domain != "localhost"):
        raise WatchInputError(f"not a URL or a domain: {text!r}")
    return Target(domain, "domain")


@dataclass(frozen=True)
class WatchedLink:
    """One watched (source page -> target) pair, as stored."""

    id: int
    source_url: str
    target: Target
    note: str = ""
    importance: Importance = "normal"
    added_at: str = ""
