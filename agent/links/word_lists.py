"""The word and host lists LinkLens ships (agent/data/), read once per process: the spam
lexicon and its matcher, URL shorteners, risky TLDs.

The lists are data, kept current by editing the files; the rules that use them are in
agent/links/flags.py.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

__all__ = ["THEME_WORDS", "SpamMatch", "risky_tlds", "shorteners", "spam_match", "warm_up"]


# --- data files -------------------------------------------------------------------------------


def _data_lines(name: str) -> list[str]:
    text = resources.files("agent").joinpath("data", name).read_text(encoding="utf-8")
    lines = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if line:
            lines.append(line)
    return lines


@cache
def shorteners() -> frozenset[str]:
    return frozenset(line.lower() for line in _data_lines("shorteners.txt"))


@cache
def risky_tlds() -> frozenset[str]:
    return frozenset(line.lower().lstrip(".") for line in _data_lines("risky_tlds.txt"))


@dataclass(frozen=True)
class _Lexicon:
    intent: re.Pattern[str] | None
    strong: dict[str, re.Pattern[str]]  # theme -> phrases spammy on their own
    topic: dict[str, re.Pattern[str]]  # theme -> words that need an intent word too


_DASHES = re.compile(r"[-_]+")


def _normalize_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    if "-" in text or "_" in text:
        text = _DASHES.sub(" ", text)
    # split() and strip() use the same notion of whitespace as the regex \s (str.isspace).
    return " ".join(text.split())


def _alternation(terms: list[str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    # Longest first so "free spins" wins over "free"; whole words only (Scunthorpe, specialist).
    parts = [re.escape(t).replace(r"\ ", r"\s+") for t in sorted(set(terms), key=len, reverse=True)]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


@cache
def _lexicon_terms() -> dict[str, tuple[list[str], list[str]]]:
    """theme -> (strong phrases, topic words), normalized; the theme "intent" included."""
    sections: dict[str, tuple[list[str], list[str]]] = {}
    theme = ""
    for line in _data_lines("spam_lexicon.txt"):
        if line.startswith("[") and line.endswith("]"):
            theme = line[1:-1].strip()
            sections.setdefault(theme, ([], []))
            continue
        strong, topic = sections.setdefault(theme, ([], []))
        if line.startswith("!"):
            strong.append(_normalize_text(line[1:]))
        else:
            topic.append(_normalize_text(line))
    return sections


_WHOLE_WORDS = re.compile(r"(\w+)(?: \w+)*")


@cache
def _spam_first_words() -> frozenset[str] | None:
    """The first word of every strong phrase and intent word, or None if some term is not
    whole words (then nothing is ruled out early).

    Every rule needs a strong phrase or an intent word, and a term made of words can only match
    where the anchor has a word (a maximal \\w+ run) equal to the term's first one: an anchor
    none of whose words is in this set (nearly every anchor) matches no rule.
    """
    words: set[str] = set()
    for theme, (strong, topic) in _lexicon_terms().items():
        for term in (strong + topic) if theme == "intent" else strong:
            whole = _WHOLE_WORDS.fullmatch(term)
            if whole is None or "_" in term:
                return None
            words.add(whole.group(1))
    return frozenset(words)


# For ASCII text: its words after _normalize_text (NFKC changes no ASCII, casefold is lower(),
# and "_", a \w character, becomes a space) are its lower-cased runs of letters and digits.
_ASCII_WORD = re.compile(r"[^\W_]+")


@cache
def _lexicon() -> _Lexicon:
    sections = dict(_lexicon_terms())
    intent_terms = sections.pop("intent", ([], []))
    strong_patterns: dict[str, re.Pattern[str]] = {}
    topic_patterns: dict[str, re.Pattern[str]] = {}
    for name, (strong, topic) in sections.items():
        if (pattern := _alternation(strong)) is not None:
            strong_patterns[name] = pattern
        if (pattern := _alternation(topic)) is not None:
            topic_patterns[name] = pattern
    return _Lexicon(
        intent=_alternation(intent_terms[0] + intent_terms[1]),
        strong=strong_patterns,
        topic=topic_patterns,
    )


#: Words that neither make an anchor descriptive nor honest: they do not count against the spam
#: words' share of it ("best online casino bonus" is all spam; "online" and "best" are filler).
_SPAM_FILLER = frozenset({
    "a", "an", "the", "and", "or", "of", "for", "in", "on", "at", "to", "with", "from", "by",
    "here", "now", "today", "online", "best", "top", "uk", "usa", "us", "site", "sites", "click",
    "get", "this", "your", "our",
})
#: An anchor is spam on its own (danger) when the spam words are at least this share of its
#: other words, and it has at most `_SPAM_SHORT_WORDS` such words.
_SPAM_SHARE = 2 / 3
_SPAM_SHORT_WORDS = 8
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SpamMatch:
    theme: str
    words: str  # the matched words, for the sentence
    dominant: bool  # the spam wording is most of a short anchor (not a descriptive sentence)


def spam_match(text: str) -> SpamMatch | None:
    """What spam wording the anchor text uses, and whether it is most of the anchor."""
    first_words = _spam_first_words()
    if (
        first_words is not None
        and text.isascii()
        and first_words.isdisjoint(_ASCII_WORD.findall(text.lower()))
    ):
        return None  # see _spam_first_words; decided without normalizing the text
    return _spam_rules(text, first_words)


@lru_cache(maxsize=8192)  # anchors repeat ("Read more", menus)
def _spam_rules(text: str, first_words: frozenset[str] | None) -> SpamMatch | None:
    """spam_match for an anchor the quick look did not rule out."""
    normalized = _normalize_text(text)
    if not normalized:
        return None
    if first_words is not None and first_words.isdisjoint(_WORD.findall(normalized)):
        return None
    lexicon = _lexicon()
    found: tuple[str, str] | None = None
    spans: list[tuple[int, int]] = []
    for theme, pattern in lexicon.strong.items():
        for match in pattern.finditer(normalized):
            found = found or (theme, match.group(0))
            spans.append(match.span())
    intents = list(lexicon.intent.finditer(normalized)) if lexicon.intent is not None else []
    if intents:
        for theme, pattern in lexicon.topic.items():
            for match in pattern.finditer(normalized):
                found = found or (theme, f"{intents[0].group(0)} … {match.group(0)}")
                spans.append(match.span())
        if found is not None:
            spans.extend(intent.span() for intent in intents)
    if found is None:
        return None
    covered = counted = 0
    for word in _WORD.finditer(normalized):
        start, end = word.span()
        inside = any(a <= start and end <= b for a, b in spans)
        if inside or word.group(0) not in _SPAM_FILLER:
            counted += 1
            covered += inside
    dominant = counted <= _SPAM_SHORT_WORDS and covered >= _SPAM_SHARE * counted
    return SpamMatch(found[0], found[1], dominant)


THEME_WORDS = {
    "pharma": "pharmaceutical",
    "gambling": "gambling",
    "loans": "payday-loan",
    "replicas": "counterfeit-goods",
    "adult": "adult",
    "essay_mills": "essay-mill",
    "followers": "bought-followers",
}


def warm_up() -> None:
    """Read every list now rather than during the first report."""
    shorteners()
    risky_tlds()
    _spam_first_words()
