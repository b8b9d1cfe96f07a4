"""Cloaking: render the page again as Googlebot and compare the links both renders saw.

A link seen by only one of the two agent renders (`rendered`, with the browser UA, and
`googlebot`, with Googlebot's smartphone UA) is `cloaked` (DESIGN 1.2):

- seen only by Googlebot: danger, the classic manipulation (links shown to the search engine
  and not to people);
- seen only by the browser render: warning (the site hides them from Google; also what rotating
  or personalised content looks like, hence not danger).

Links are matched by their resolved href (any link with the same href counts as seen), so a
mobile layout that repeats the menu fewer times is not cloaking. Links without an href are
matched by their text. Links seen only on the person's tab (`live`) or only in the server HTML
(`raw`) are not compared: a logged-in or personalised page is not cloaking.
"""

from __future__ import annotations

__all__ = [
    "GOOGLEBOT_SMARTPHONE_UA",
    "CloakingComparison",
    "cloaked_flag",
    "compare_renders",
]

from dataclasses import dataclass, field

from protocol import CollectedLink, Flag, Link

#: Googlebot Smartphone as Google documents it ("Googlebot crawlers", developers.google.com,
#: read 2026-11): Chrome/W.X.Y.Z stands for the current stable Chrome, which Googlebot keeps up to
#: date; this is the version the agent's browser UA (Config.user_agent) also claims.
GOOGLEBOT_SMARTPHONE_UA = (
    "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36 "
    "(compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
)


def _key(href: str | None, text: str) -> str:
    return href if href is not None else "text:" + " ".join(text.split()).lower()


@dataclass
class CloakingComparison:
    """Which report links Googlebot saw too, and what it saw that the browser render did not."""

    seen_by_googlebot: set[int] = field(default_factory=set)  # report link ids
    googlebot_only: list[CollectedLink] = field(default_factory=list)  # one per distinct href


def compare_renders(links: list[Link], googlebot: list[CollectedLink]) -> CloakingComparison:
    """Match the Googlebot render's links against the report's `rendered` links."""
    seen = {_key(link.href, link.text) for link in googlebot}
    rendered = {_key(link.href, link.text) for link in links if "rendered" in link.views}
    result = CloakingComparison()
    for link in links:
        if _key(link.href, link.text) in seen and "rendered" in link.views:
            result.seen_by_googlebot.add(link.id)
    added: set[str] = set()
    for collected in googlebot:
        key = _key(collected.href, collected.text)
        if key not in rendered and key not in added:
            added.add(key)
            result.googlebot_only.append(collected)
    return result


def cloaked_flag(link: Link) -> Flag | None:
    """The `cloaked` flag for a link after both renders, or None when both saw it (or neither)."""
    in_browser = "rendered" in link.views
    in_googlebot = "googlebot" in link.views
    target = link.href or f"a link reading \"{link.text}\""
    if in_googlebot and not in_browser:
        return Flag(
            "cloaked", "danger",
            f"Only Googlebot is shown this link to {target}; people visiting the page never see it.",
        )
    if in_browser and not in_googlebot:
        return Flag(
            "cloaked", "warning",
            f"Browsers are shown this link to {target} but Googlebot is not.",
        )
    return None
