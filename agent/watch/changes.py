"""The closed set of change kinds, the sentence each one says, and the rules that detect them.

Each observation of a watched link gets a standing:

    present     the page answered and the link to the target is on it
    lost        the page answered without the link, or a page error repeated (see page_error)
    page_gone   the page answered 404/410, is no longer HTML, or redirects to an unrelated page
    page_error  5xx, timeout, DNS or connection failure, bot wall: maybe passing, not yet lost

`detect_changes` compares a new observation with the link's previous one (and, for the link's
attributes, with the last one where it was present). The first observation of a link records its
state and reports nothing.
"""

from __future__ import annotations

__all__ = [
    "ALERT_KINDS",
    "CHANGE_KINDS",
    "ChangeKind",
    "DetectedChange",
    "Observation",
    "Standing",
    "detect_changes",
]

from dataclasses import dataclass
from typing import get_args

from agent.watch.model import url_identity
from protocol import ChangeKind, WatchStanding

# The kinds are a protocol fact (the extension shows them): protocol.ChangeKind lists them.
Standing = WatchStanding

#: Each kind and the sentence a person reads (the closed set; add, never rename).
CHANGE_KINDS: dict[str, str] = {
    "lost": "The page is there but the link to your site is gone.",
    "page_gone": "The page is gone (404/410, no longer a web page, or it redirects to an unrelated page).",
    "page_error": "The page could not be loaded (server error, timeout or unreachable); it is called lost if this repeats on the next check.",
    "demoted": "The link no longer passes authority: it became nofollow, ugc or sponsored, or the page became robots-nofollow.",
    "promoted": "The link passes authority again: it is no longer nofollow, ugc or sponsored.",
    "hidden": "The link became hidden from readers.",
    "not_crawlable": "The link can no longer be followed by crawlers (no crawlable href).",
    "anchor_changed": "The link's anchor text changed.",
    "target_changed": "The link now points elsewhere, or redirects away from your page.",
    "noindex": "The source page is no longer indexable (noindex).",
    "recovered": "The link is back after it was lost or its page was gone.",
}  # fmt: skip

assert set(CHANGE_KINDS) == set(get_args(ChangeKind)), "one sentence per protocol.ChangeKind"

#: Kinds that make `watch check` exit 3 and count on the extension's badge.
ALERT_KINDS: frozenset[str] = frozenset({"lost", "page_gone", "demoted"})


@dataclass
class Observation:
    """One check of one watched link (a row of the `observation` table)."""

    standing: Standing
    present: bool
    page_status: int | None = None
    page_error: str | None = None
    page_final_url: str | None = None
    page_noindex: bool | None = None
    matches: int = 0
    follow: str | None = None
    nofollow_source: str | None = None
    qualifiers: str | None = None  # space-separated
    visible: bool | None = None
    hidden_reason: str | None = None
    crawlable: bool | None = None
    anchor: str | None = None
    href: str | None = None
    target_final_url: str | None = None
    target_health: str | None = None
    # Computed by the page job, not stored: does the link (or where it redirects) still point
    # at the target (the same URL for a URL target, the domain for a domain target)?
    on_target: bool = True


@dataclass(frozen=True)
class DetectedChange:
    """One change: its kind, the values before and after (short text), and its sentence."""

    kind: ChangeKind
    before: str | None
    after: str | None

    @property
    def message(self) -> str:
        return CHANGE_KINDS[self.kind]


def _anchor(text: str | None) -> str:
    return " ".join((text or "").split())


def _follow_words(obs: Observation) -> str:
    if obs.follow == "dofollow":
        return "dofollow"
    parts = (obs.qualifiers or "").split() or ["nofollow"]
    if obs.nofollow_source in ("meta", "header"):
        parts.append(f"robots {obs.nofollow_source}")
    return "nofollow (" + ", ".join(parts) + ")"


def standing_after(previous: Observation | None, page: Standing) -> Standing:
    """The standing of a new observation whose page outcome alone is `page`: a page error
    right after another one becomes `lost`; after lost/page_gone it keeps that standing."""
    if page != "page_error" or previous is None:
        return page
    if previous.standing in ("page_error", "lost", "page_gone"):
        return "lost" if previous.standing == "page_error" else previous.standing
    return "page_error"


def detect_changes(
    current: Observation,
    previous: Observation | None,
    last_present: Observation | None,
) -> list[DetectedChange]:
    """What changed from `previous` to `current`; attributes compare with `last_present`."""
    if previous is None:
        return []  # the first check records, it reports nothing
    changes: list[DetectedChange] = []
    before, now = previous.standing, current.standing
    if now == "page_gone" and before != "page_gone":
        changes.append(DetectedChange("page_gone", before, _page_words(current)))
    elif now == "page_error" and before == "present":
        changes.append(DetectedChange("page_error", before, _page_words(current)))
    elif now == "lost" and before in ("present", "page_error", "page_gone"):
        changes.append(DetectedChange("lost", before, _page_words(current) if current.page_error else "no link"))
    elif now == "present" and before in ("lost", "page_gone"):
        changes.append(DetectedChange("recovered", before, "present"))
    if now != "present" or last_present is None:
        return changes
    old = last_present
    if old.follow == "dofollow" and current.follow == "nofollow":
        changes.append(DetectedChange("demoted", _follow_words(old), _follow_words(current)))
    elif old.follow == "nofollow" and current.follow == "dofollow":
        changes.append(DetectedChange("promoted", _follow_words(old), _follow_words(current)))
    if old.visible and current.visible is False:
        changes.append(DetectedChange("hidden", "visible", current.hidden_reason or "hidden"))
    if old.crawlable and current.crawlable is False:
        changes.append(DetectedChange("not_crawlable", "crawlable", "not crawlable"))
    if _anchor(old.anchor) != _anchor(current.anchor):
        changes.append(DetectedChange("anchor_changed", _anchor(old.anchor), _anchor(current.anchor)))
    if (old.on_target and not current.on_target) or (
        old.href and current.href and url_identity(old.href) != url_identity(current.href)
    ):
        after = current.target_final_url if current.href == old.href else current.href
        changes.append(DetectedChange("target_changed", old.href, after))
    if previous.page_noindex is False and current.page_noindex:
        changes.append(DetectedChange("noindex", "indexable", "noindex"))
    return changes


def _page_words(obs: Observation) -> str:
    if obs.page_error:
        return obs.page_error
    if obs.page_status is not None:
        return f"HTTP {obs.page_status}"
    return obs.standing
