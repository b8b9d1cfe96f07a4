"""Cloaking comparison (pure): which links only one render saw, and what is not cloaking."""

from __future__ import annotations

from agent.cloaking import GOOGLEBOT_SMARTPHONE_UA, cloaked_flag, compare_renders
from protocol import CollectedLink, Link


def _link(i: int, href: str | None, views: list[str], text: str = "x") -> Link:
    return Link(id=i, href=href, text=text, views=views)  # type: ignore[arg-type]


def test_googlebot_ua_is_the_smartphone_crawler() -> None:
    """The UA names Googlebot 2.1 on an Android phone, as Google documents it."""
    assert "Googlebot/2.1" in GOOGLEBOT_SMARTPHONE_UA
    assert "Android" in GOOGLEBOT_SMARTPHONE_UA
    assert "Mobile Safari" in GOOGLEBOT_SMARTPHONE_UA


def test_compare_marks_both_and_finds_googlebot_only() -> None:
    """A link both saw is marked; a Googlebot-only href is returned once even if repeated."""
    links = [_link(0, "https://a.test/", ["raw", "rendered"]),
             _link(1, "https://b.test/", ["rendered"])]
    googlebot = [CollectedLink(id="g0", href="https://a.test/"),
                 CollectedLink(id="g1", href="https://spam.test/"),
                 CollectedLink(id="g2", href="https://spam.test/")]
    result = compare_renders(links, googlebot)
    assert result.seen_by_googlebot == {0}
    assert [c.href for c in result.googlebot_only] == ["https://spam.test/"]


def test_fewer_repeats_on_mobile_is_not_cloaking() -> None:
    """The menu repeated three times for browsers and once for Googlebot: all three are seen."""
    links = [_link(i, "https://site.test/home", ["rendered"]) for i in range(3)]
    result = compare_renders(links, [CollectedLink(id="g", href="https://site.test/home")])
    assert result.seen_by_googlebot == {0, 1, 2}


def test_live_only_and_raw_only_links_are_not_cloaked() -> None:
    """Links seen only on the live tab or only in the server HTML get no cloaked flag."""
    assert cloaked_flag(_link(0, "https://a.test/", ["live"])) is None
    assert cloaked_flag(_link(1, "https://a.test/", ["raw"])) is None
    assert cloaked_flag(_link(2, "https://a.test/", ["rendered", "googlebot"])) is None


def test_cloaked_severity_by_direction() -> None:
    """Googlebot-only is danger; browser-only is warning."""
    only_bot = cloaked_flag(_link(0, "https://a.test/", ["googlebot"]))
    only_browser = cloaked_flag(_link(1, "https://b.test/", ["raw", "rendered", "live"]))
    assert only_bot is not None
    assert only_bot.severity == "danger"
    assert only_browser is not None
    assert only_browser.severity == "warning"
