"""Soft 404s: pages that answer 200 but say the page does not exist.

The body a check read (at most `Config.check_read_bytes`) is decoded as the raw view decodes a
page (byte order mark, Content-Type charset, `<meta charset>`, else windows-1252: what Chromium
does) and parsed with selectolax's Lexbor parser, the HTML Standard's tree building: a `<title>`
inside a comment or a script is not the title, entities are decoded, and a windows-1252
"Página no encontrada" reads as it does in a browser.

A page is a soft 404 when its title (or a ` | `/` - `-separated part of it) or its first `<h1>` is
wholly a not-found phrase; or when it is a short page (under `SHORT_PAGE_CHARS` of visible text)
that says "page not found"; or when a redirect took a deep link to the home page or to a URL
with 404/not-found in its path. Near-misses that are not: a title that only contains the phrase
("Why 'Not Found' errors hurt your SEO"), a long article mentioning it, `/docs` -> `/docs/`.
"""

from __future__ import annotations

__all__ = ["SHORT_PAGE_CHARS", "PageText", "page_text", "soft_404_reason"]

import re
from collections.abc import Sequence
from dataclasses import dataclass

import ada_url
from selectolax.lexbor import LexborHTMLParser

from agent.links.raw_view import decode_html
from protocol import Redirect

#: A body with less visible text than this (characters) is judged as a whole for soft 404s.
SHORT_PAGE_CHARS = 1500

_NOT_FOUND = re.compile(
    r"(?:error\s*)?404(?:\s*error)?(?:\s*page)?(?:\s*not\s*found)?"
    r"|(?:oops\W*)?(?:sorry\W*)?(?:the\s+|this\s+|that\s+)?(?:page|file|post|article|content)?"
    r"\s*(?:was\s+)?not\s+found"
    r"|(?:oops\W*)?(?:sorry\W*)?(?:the\s+|this\s+|that\s+)?page\s+(?:does\s*n[o']?t\s+exist"
    r"|doesn't\s+exist|can'?t\s+be\s+found|cannot\s+be\s+found|could\s*n[o']?t\s+be\s+found"
    r"|could\s+not\s+be\s+found|no\s+longer\s+exists|is\s+gone|has\s+been\s+removed)"
    r"|seite\s+nicht\s+gefunden|page\s+introuvable|p[aá]gina\s+no\s+encontrada"
    r"|pagina\s+non\s+trovata|страница\s+не\s+найдена|nie\s+znaleziono\s+strony",
)
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—·:]\s+|\s*[|·]\s*")
_NOT_FOUND_PATH = re.compile(r"(?:^|[/_.-])(?:404|not-?found|page-?not-?found|error-?404)(?:$|[/_.-])")
# The home page: "/", "/index.html", "/home", or a language root such as "/en/" or "/de-at/".
_HOME_PATH = re.compile(r"^/(?:(?:index|default|home)(?:\.\w+)?|[a-z]{2}(?:[-_][a-z]{2})?/)?$")
# Said anywhere in a short page's text (a bare error page): the phrases are long enough not to
# appear by chance in a few lines of real content.
_NOT_FOUND_SENTENCE = re.compile(
    r"\bpage not found\b|\b404 not found\b|\b(?:page|url|address) you (?:are looking for|"
    r"requested|were looking for) (?:could not be found|cannot be found|can't be found|"
    r"does not exist|doesn't exist|no longer exists|was not found|is not available)"
)
# Every phrase above contains one of these words (lower case): a page whose text has none of them
# (and no numeric character reference, which could spell one) cannot be a soft 404 by its text,
# and is not parsed. Most pages checked are fine: this skips their parse.
_SIGNAL_WORDS = ("404", "found", "exist", "gone", "removed", "available", "gefunden",
                 "introuvable", "encontrada", "trovata", "найдена", "znaleziono", "&#")
# Elements whose text a reader never sees.
_NOT_SHOWN = ["script", "style", "noscript", "template"]


@dataclass(frozen=True)
class PageText:
    """What a reader of the page sees first: its title, first h1 and visible text."""

    title: str
    h1: str
    text: str


def _collapse(text: str | None) -> str:
    return " ".join((text or "").split())


def page_text(body: bytes, content_type: str | None) -> PageText:
    """The title, first `<h1>` and visible text of a (possibly cut) HTML body."""
    decoded, _codec = decode_html(body, content_type)
    # Scripting on, as in Chromium: <noscript> holds text, which is then left out.
    tree = LexborHTMLParser(decoded, scripting=True)
    title = tree.css_first("title")
    h1 = tree.css_first("h1")
    root = tree.body or tree.root
    shown = ""
    if root is not None:
        tree.strip_tags(_NOT_SHOWN)
        shown = root.text(deep=True, separator=" ")
    return PageText(
        title=_collapse(title.text(deep=True) if title is not None else ""),
        h1=_collapse(h1.text(deep=True) if h1 is not None else ""),
        text=_collapse(shown),
    )


def _may_say_not_found(body: bytes, content_type: str | None) -> bool:
    text = decode_html(body, content_type)[0].lower()
    return any(word in text for word in _SIGNAL_WORDS)


def _says_not_found(text: str) -> bool:
    text = text.lower().strip()
    if not text:
        return False
    parts = [text, *_TITLE_SEPARATORS.split(text)]
    return any(_NOT_FOUND.fullmatch(part.strip(" !.?'\"")) for part in parts if part.strip())


def _short_page_not_found(text: str) -> str | None:
    """The not-found sentence of a short page (little visible text), if it has one."""
    if len(text) >= SHORT_PAGE_CHARS:
        return None
    match = _NOT_FOUND_SENTENCE.search(text.lower())
    return match.group(0) if match else None


def soft_404_reason(
    start: str,
    current: str,
    redirects: Sequence[Redirect],
    body: bytes | None,
    content_type: str | None,
) -> str | None:
    """The sentence saying why a 2xx answer at `current` (reached from `start` through
    `redirects`) is a soft 404; None when it is a real page."""
    if body and _may_say_not_found(body, content_type):
        page = page_text(body, content_type)
        if _says_not_found(page.title):
            return f"It answers 200 but the page title says \"{page.title[:80]}\"."
        if _says_not_found(page.h1):
            return f"It answers 200 but the page heading says \"{page.h1[:80]}\"."
        if (sentence := _short_page_not_found(page.text)) is not None:
            return f"It answers 200 but the page only says \"{sentence}\"."
    if not redirects:
        return None
    first, last = ada_url.URL(start), ada_url.URL(current)
    if _NOT_FOUND_PATH.search(last.pathname.lower()):
        return f"It redirects to a not-found page ({current})."
    deep = not _HOME_PATH.match(first.pathname.lower())
    if deep and _HOME_PATH.match(last.pathname.lower()) and not last.search:
        return f"It redirects to the home page ({current}) instead of the page linked."
    return None
