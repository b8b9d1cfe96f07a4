"""Cloaking: render the page as Googlebot and as a phone browser, and compare their links.

Googlebot crawls with its smartphone UA. A site that serves phones another page than desktops
(an m-dot site, a server-side mobile template) would look like cloaking if Googlebot's render
were compared with the desktop one, so the comparison is between two renders that differ only
in the word "Googlebot": the `googlebot` render with `GOOGLEBOT_SMARTPHONE_UA`, and a render
with `PHONE_BROWSER_UA` (the same UA minus the Googlebot part), both with the same options and
viewport. A link seen by only one of those two is `cloaked` (docs/DESIGN.md §2.2):

- seen only by Googlebot: danger, the classic manipulation (links shown to the search engine
  and not to people); warning when the link is internal (a site's own pages shown to Googlebot
  only pass no authority to another site: worth a look, not a verdict);
- seen only by the phone browser: warning (the site hides them from Google; also what rotating
  or personalised content looks like, hence not danger); info when internal.

Links are matched by their resolved href (any link with the same href counts as seen), so a
layout that repeats the menu fewer times is not cloaking. Links without an href are matched by
their text. The desktop render (`rendered`) is not compared: a link only desktops see, or only
phones (Googlebot and the phone browser alike) see, is responsive design, not cloaking. Links
seen only on the person's tab (`live`) or only in the server HTML (`raw`) are not compared
either: a logged-in or personalised page is not cloaking.
"""

from __future__ import annotations

__all__ = [
    "GOOGLEBOT_SMARTPHONE_UA",
    "PHONE_BROWSER_UA",
    "CloakingComparison",
    "cloaked_flag",
    "compare_renders",
]

from dataclasses import dataclass, field

from agent.render.user_agent import GOOGLEBOT_SMARTPHONE, PHONE_BROWSER
from protocol import CollectedLink, Flag, Link

#: Googlebot Smartphone as Google documents it, and the same phone without the Googlebot part
#: (what a person's phone browser sends). Their `Chrome/W.X.Y.Z` is Google's notation for the
#: current Chrome: `render_page` writes the launched browser's version there
#: (agent/render/user_agent.py), as Googlebot keeps its Chrome up to date.
GOOGLEBOT_SMARTPHONE_UA = GOOGLEBOT_SMARTPHONE
PHONE_BROWSER_UA = PHONE_BROWSER


def _key(href: str | None, text: str) -> str:
    return href if href is not None else "text:" + " ".join(text.split()).lower()


@dataclass
class CloakingComparison:
    """What the Googlebot and phone-browser renders saw, matched against the report's links."""

    seen_by_googlebot: set[int] = field(default_factory=set)  # report link ids
    googlebot_only: list[CollectedLink] = field(default_factory=list)  # not in the report yet
    googlebot_keys: frozenset[str] = frozenset()
    browser_keys: frozenset[str] = frozenset()

    def only_googlebot(self, link: Link) -> bool:
        """Googlebot saw this link and the phone browser did not."""
        key = _key(link.href, link.text)
        return "googlebot" in link.views and key not in self.browser_keys

    def only_browser(self, link: Link) -> bool:
        """The phone browser saw this (rendered) link and Googlebot did not."""
        key = _key(link.href, link.text)
        return ("rendered" in link.views and key in self.browser_keys
                and key not in self.googlebot_keys)


def compare_renders(
    links: list[Link], googlebot: list[CollectedLink], browser: list[CollectedLink]
) -> CloakingComparison:
    """Match the Googlebot render's links against the report's `rendered` links and the phone
    browser render's.

    `seen_by_googlebot` are the rendered report links Googlebot saw too (they get the view
    `googlebot`); `googlebot_only` lists (once per key) the Googlebot links the rendered report
    does not have, in their order, to be added with the view `googlebot`.
    """
    seen = frozenset(_key(link.href, link.text) for link in googlebot)
    result = CloakingComparison(
        googlebot_keys=seen,
        browser_keys=frozenset(_key(link.href, link.text) for link in browser),
    )
    known = {_key(link.href, link.text) for link in links if "rendered" in link.views}
    for link in links:
        if "rendered" in link.views and _key(link.href, link.text) in seen:
            result.seen_by_googlebot.add(link.id)
    added: set[str] = set()
    for collected in googlebot:
        key = _key(collected.href, collected.text)
        if key not in known and key not in added:
            added.add(key)
            result.googlebot_only.append(collected)
    return result


def cloaked_flag(link: Link, comparison: CloakingComparison) -> Flag | None:
    """The `cloaked` flag for a link after both phone renders, or None when both saw it or
    neither did."""
    target = link.href or f"a link reading \"{link.text}\""
    if comparison.only_googlebot(link):
        if link.internal:
            return Flag(
                "cloaked", "warning",
                f"Only Googlebot is shown this internal link to {target}; a phone browser "
                "visiting the page is not.",
            )
        return Flag(
            "cloaked", "danger",
            f"Only Googlebot is shown this link to {target}; people visiting the page never see it.",
        )
    if comparison.only_browser(link):
        return Flag(
            "cloaked", "info" if link.internal else "warning",
            f"Phone browsers are shown this link to {target} but Googlebot is not.",
        )
    return None
