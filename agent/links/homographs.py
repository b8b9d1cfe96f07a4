"""Homograph hosts: a name that mixes writing systems, or is written wholly in look-alikes of
Latin letters under a TLD that does not use that script (UTS 39, "highly restrictive")."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["homograph_reason"]


# --- homographs ----------------------------------------------------------------------------

# UTS 39 "highly restrictive": these script sets are normal writing, not mixing.
_ALLOWED_SCRIPT_SETS = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
)
_IGNORED_SCRIPTS = frozenset({"COMMON", "INHERITED"})
_ASCII_LOOKALIKE = set("abcdefghijklmnopqrstuvwxyz0123456789")


def _decode_label(label: str) -> str:
    if label.startswith("xn--"):
        try:
            return label[4:].encode("ascii").decode("punycode")
        except (UnicodeError, ValueError):
            return label
    return label


def _looks_latin(char: str) -> bool:
    from confusable_homoglyphs import confusables  # type: ignore[import-untyped]

    found = confusables.is_confusable(char, preferred_aliases=[], greedy=True) or []
    return any(g["c"] in _ASCII_LOOKALIKE for item in found for g in item["homoglyphs"])


#: Country-code TLDs (ASCII and IDN) of countries that write their names in a non-Latin script:
#: a name wholly in that script under them is ordinary (хор.рф, ерох.ru, αθηνα.gr), as Chrome's
#: IDN display policy also treats it. Under any other Latin TLD (.com, .de) a wholly Cyrillic or
#: Greek name made only of Latin look-alikes ("аррӏе.com") impersonates a Latin one.
_SCRIPT_TLDS: dict[str, frozenset[str]] = {
    "CYRILLIC": frozenset({
        "ru", "su", "by", "ua", "bg", "kz", "mk", "rs", "kg", "tj", "mn",
        "рф", "укр", "бг", "срб", "қаз", "мкд", "мон", "бел", "рус",
    }),
    "GREEK": frozenset({"gr", "cy", "ελ", "ευ"}),
}


def _whole_script_is_ordinary(script: str, tld: str) -> bool:
    """A label written wholly in `script` is normal under this (decoded) TLD."""
    return not tld.isascii() or tld in _SCRIPT_TLDS.get(script, frozenset())


@lru_cache(maxsize=8192)  # per host, and most hosts are plain ASCII
def homograph_reason(host: str) -> tuple[str, str] | None:
    """(decoded label, why) for a host label that impersonates another, else None."""
    if host.isascii() and "xn--" not in host:
        return None  # every label is ASCII as it is and as decoded
    # Imported for the first IDN host: Unicode's data takes tens of ms to load, and most pages
    # link to none.
    from confusable_homoglyphs import categories

    labels = host.split(".")
    tld = _decode_label(labels[-1]).lower()
    for label in labels:
        decoded = _decode_label(label)
        if decoded.isascii():
            continue
        scripts = frozenset(categories.unique_aliases(decoded)) - _IGNORED_SCRIPTS
        if len(scripts) > 1 and not any(scripts <= allowed for allowed in _ALLOWED_SCRIPT_SETS):
            return decoded, "mixes " + " and ".join(sorted(s.title() for s in scripts)) + " letters"
        if len(scripts) == 1 and scripts != {"LATIN"}:
            script = next(iter(scripts))
            if _whole_script_is_ordinary(script, tld):
                continue
            letters = [c for c in decoded if c.isalpha()]
            if letters and all(_looks_latin(c) for c in letters):
                return decoded, f"is written in {script.title()} letters that look like Latin ones"
    return None
