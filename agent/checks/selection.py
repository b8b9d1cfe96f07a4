"""Which links are requested: http(s) only, once per URL, never an action or an excluded URL.

A link check must not do what a click would: action-like URLs (logout, unsubscribe, delete,
"cancel subscription"...) are not requested, and neither are URLs carrying a user name or
password (the check would send them) or URLs matching `Config.exclude`. Words are matched whole,
so `/logo-design`, `/deleted-scenes-review` and `/removals-company` are requested.
"""

from __future__ import annotations

__all__ = ["action_word", "has_credentials", "is_excluded", "skip_reason", "url_key"]

import fnmatch
import itertools
import re
from collections.abc import Sequence

import ada_url

_ACTION_WORDS = frozenset(
    {"logout", "signout", "logoff", "signoff", "unsubscribe", "delete", "remove", "deactivate",
     "destroy", "revoke", "optout", "unfollow", "disconnect"}
)
_ACTION_PAIRS = frozenset(
    {("log", "out"), ("sign", "out"), ("log", "off"), ("opt", "out"),
     ("cancel", "subscription"), ("cancel", "account"), ("close", "account"),
     ("delete", "account"), ("remove", "account")}
)


def url_key(href: str) -> str | None:
    """The URL a check requests for `href` (fragment dropped); None when it is not http(s)."""
    try:
        url = ada_url.URL(href)
    except ValueError:
        return None
    if url.protocol not in ("http:", "https:") or not url.hostname:
        return None
    return url.href[: -len(url.hash)] if url.hash else url.href


def action_word(url: str) -> str | None:
    """The action word ("logout", "unsubscribe", ...) in the URL's path or query, if any."""
    try:
        parsed = ada_url.URL(url)
    except ValueError:
        return None
    words: list[str] = re.findall(r"[a-z]+", (parsed.pathname + " " + parsed.search).lower())
    for word in words:
        if word in _ACTION_WORDS:
            return word
    for first, second in itertools.pairwise(words):
        if (first, second) in _ACTION_PAIRS:
            return f"{first} {second}"
    return None


def has_credentials(url: str) -> bool:
    """True when the URL carries a user name or a password."""
    parsed = ada_url.URL(url)
    return bool(parsed.username or parsed.password)


def is_excluded(url: str, patterns: Sequence[str]) -> str | None:
    """The exclude pattern (substring, or glob with * ? [) that matches `url`, if any."""
    for pattern in patterns:
        if any(ch in pattern for ch in "*?["):
            if fnmatch.fnmatchcase(url, pattern):
                return pattern
        elif pattern and pattern in url:
            return pattern
    return None


def skip_reason(url: str, exclude: Sequence[str]) -> str | None:
    """The sentence saying why `url` (an http(s) URL key) is not requested; None to request it."""
    if (word := action_word(url)) is not None:
        return (f"Not requested: the address looks like an action (\"{word}\") that a visit "
                "could trigger.")
    if has_credentials(url):
        return ("Not requested: the address carries a user name or password, which a check "
                "would send.")
    if (pattern := is_excluded(url, exclude)) is not None:
        return f"Not requested: the address matches the exclude list ({pattern})."
    return None
