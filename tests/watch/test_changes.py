"""The change rules alone (no browser): standings, the first check, comparisons across errors."""

from __future__ import annotations

from typing import get_args

from agent.watch.changes import CHANGE_KINDS, Observation, detect_changes, standing_after
from protocol import ChangeKind


def present(**changes: object) -> Observation:
    """A dofollow, visible, crawlable link with an anchor, on an indexable page."""
    obs = Observation(
        standing="present", present=True, page_status=200, page_noindex=False, follow="dofollow",
        visible=True, crawlable=True, anchor="my guide", href="https://mine.example/guide",
    )  # fmt: skip
    for name, value in changes.items():
        setattr(obs, name, value)
    return obs


def error() -> Observation:
    """A page that failed to load."""
    return Observation(standing="page_error", present=False, page_error="HTTP 503", on_target=False)


def kinds(current: Observation, previous: Observation | None, last: Observation | None) -> list[str]:
    """The kinds detect_changes reports."""
    return [change.kind for change in detect_changes(current, previous, last)]


def test_every_protocol_kind_has_one_sentence() -> None:
    """The closed set is the protocol's, each with a sentence ending in a full stop."""
    assert set(CHANGE_KINDS) == set(get_args(ChangeKind))
    assert all(sentence.endswith(".") for sentence in CHANGE_KINDS.values())


def test_the_first_check_reports_nothing() -> None:
    """Whatever the first observation says (even a lost link), no change is called."""
    for first in (present(), error(), Observation(standing="lost", present=False)):
        assert kinds(first, None, None) == []


def test_a_page_error_is_lost_only_when_it_repeats() -> None:
    """present → error: page_error; error → error: lost; then it stays lost quietly."""
    assert standing_after(present(), "page_error") == "page_error"
    assert standing_after(error(), "page_error") == "lost"
    lost = Observation(standing="lost", present=False)
    assert standing_after(lost, "page_error") == "lost"
    assert kinds(error(), present(), present()) == ["page_error"]
    repeated = error()
    repeated.standing = standing_after(error(), "page_error")
    assert kinds(repeated, error(), present()) == ["lost"]


def test_back_after_an_error_compares_with_the_last_present_check() -> None:
    """An error in between: no `recovered`, and a demotion during it is still reported once."""
    assert kinds(present(), error(), present()) == []
    assert kinds(present(follow="nofollow", qualifiers="sponsored"), error(), present()) == ["demoted"]


def test_scheme_or_www_changes_are_not_a_new_target() -> None:
    """http → https or a `www.` prefix on the same URL is the same link target."""
    moved = present(href="http://www.mine.example/guide/")
    assert kinds(moved, present(), present()) == []
    elsewhere = present(href="https://mine.example/other")
    assert kinds(elsewhere, present(), present()) == ["target_changed"]


def test_becoming_visible_or_indexable_again_is_not_an_alert() -> None:
    """Improvements other than promoted/recovered are not changes of their own."""
    assert kinds(present(), present(visible=False), present(visible=False)) == []
    assert kinds(present(), present(page_noindex=True), present(page_noindex=True)) == []
