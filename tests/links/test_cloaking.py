"""Cloaking comparison (pure): which links only one render saw, and what is not cloaking."""

from __future__ import annotations

from agent.links.cloaking import (
    GOOGLEBOT_SMARTPHONE_UA,
    PHONE_BROWSER_UA,
    CloakingComparison,
    cloaked_flag,
    compare_renders,
)
from protocol import CollectedLink, Link


def _link(i: int, href: str | None, views: list[str], text: str = "x",
          internal: bool = False) -> Link:
    return Link(id=i, href=href, text=text, views=views, internal=internal)  # type: ignore[arg-type]


def _collected(*hrefs: str) -> list[CollectedLink]:
    return [CollectedLink(id=f"c{i}", href=href) for i, href in enumerate(hrefs)]


def _comparison(googlebot: list[str], browser: list[str]) -> CloakingComparison:
    return compare_renders([], _collected(*googlebot), _collected(*browser))


def test_googlebot_ua_is_the_smartphone_crawler() -> None:
    """The UA names Googlebot 2.1 on an Android phone, as Google documents it."""
    assert "Googlebot/2.1" in GOOGLEBOT_SMARTPHONE_UA
    assert "Android" in GOOGLEBOT_SMARTPHONE_UA
    assert "Mobile Safari" in GOOGLEBOT_SMARTPHONE_UA


def test_phone_browser_ua_is_the_same_phone_without_googlebot() -> None:
    """The comparison render differs from Googlebot's only by the Googlebot part of the UA."""
    assert "Googlebot" not in PHONE_BROWSER_UA
    assert "google" not in PHONE_BROWSER_UA.lower()
    assert GOOGLEBOT_SMARTPHONE_UA.startswith(PHONE_BROWSER_UA)


def test_compare_marks_both_and_finds_googlebot_only() -> None:
    """A rendered link Googlebot saw is marked; a Googlebot href the report lacks is returned
    once even if repeated."""
    links = [_link(0, "https://a.test/", ["raw", "rendered"]),
             _link(1, "https://b.test/", ["rendered"])]
    googlebot = _collected("https://a.test/", "https://spam.test/", "https://spam.test/")
    result = compare_renders(links, googlebot, _collected("https://a.test/"))
    assert result.seen_by_googlebot == {0}
    assert [c.href for c in result.googlebot_only] == ["https://spam.test/"]


def test_fewer_repeats_on_mobile_is_not_cloaking() -> None:
    """The menu repeated three times for browsers and once for Googlebot: all three are seen."""
    links = [_link(i, "https://site.test/home", ["rendered"]) for i in range(3)]
    result = compare_renders(links, _collected("https://site.test/home"),
                             _collected("https://site.test/home"))
    assert result.seen_by_googlebot == {0, 1, 2}
    assert all(cloaked_flag(link, result) is None for link in links)


def test_live_only_and_raw_only_links_are_not_cloaked() -> None:
    """Links seen only on the live tab or only in the server HTML get no cloaked flag."""
    comparison = _comparison(["https://x.test/"], ["https://a.test/"])
    assert cloaked_flag(_link(0, "https://a.test/", ["live"]), comparison) is None
    assert cloaked_flag(_link(1, "https://a.test/", ["raw"]), comparison) is None
    both = _comparison(["https://a.test/"], ["https://a.test/"])
    assert cloaked_flag(_link(2, "https://a.test/", ["rendered", "googlebot"]), both) is None


def test_cloaked_severity_by_direction() -> None:
    """Googlebot-only is danger; phone-browser-only is warning."""
    comparison = _comparison(["https://a.test/"], ["https://b.test/"])
    only_bot = cloaked_flag(_link(0, "https://a.test/", ["googlebot"]), comparison)
    only_browser = cloaked_flag(_link(1, "https://b.test/", ["raw", "rendered", "live"]),
                                comparison)
    assert only_bot is not None
    assert only_bot.severity == "danger"
    assert only_browser is not None
    assert only_browser.severity == "warning"


def test_internal_only_differences_are_milder() -> None:
    """An internal link only Googlebot sees is a warning; one only phones see is info."""
    comparison = _comparison(["https://site.test/a"], ["https://site.test/b"])
    only_bot = cloaked_flag(_link(0, "https://site.test/a", ["googlebot"], internal=True),
                            comparison)
    only_browser = cloaked_flag(_link(1, "https://site.test/b", ["rendered"], internal=True),
                                comparison)
    assert only_bot is not None
    assert only_bot.severity == "warning"
    assert only_browser is not None
    assert only_browser.severity == "info"


def test_desktop_only_or_phone_only_layout_is_not_cloaking() -> None:
    """Near-miss: a link only the desktop render has (phones, Googlebot included, get another
    layout), and a link Googlebot and the phone browser both see but desktops do not, are not
    cloaked."""
    links = [_link(0, "https://a.test/desktop", ["raw", "rendered"]),
             _link(1, "https://a.test/both", ["rendered"])]
    comparison = compare_renders(
        links,
        _collected("https://a.test/both", "https://a.test/app"),
        _collected("https://a.test/both", "https://a.test/app"),
    )
    assert [c.href for c in comparison.googlebot_only] == ["https://a.test/app"]
    app = _link(2, "https://a.test/app", ["googlebot"])
    assert [cloaked_flag(link, comparison) for link in [*links, app]] == [None, None, None]
