"""Hidden links on real-looking pages, judged in real Chromium (issue 15, section 2).

Each page reconstructs a pattern the real-page corpus (or the 130-article measurement) showed as a
false "suspicious": a render cut short, stylesheets that failed, an anti-flicker snippet left
hidden, and interface parts that are hidden until a reader opens them. The last test is the
deception these rules must not excuse.
"""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from protocol import Link, Report
from tests.corpus.conftest import Site

pytestmark = [pytest.mark.browser]

PARTNER = "https://www.partner-site.org/"


def by_text(report: Report) -> dict[str, Link]:
    """The report's links by their text (each text once on these pages)."""
    return {link.text: link for link in report.links}


def suspicious(report: Report) -> list[str]:
    """Texts of the links judged suspicious."""
    return [link.text for link in report.links if link.verdict == "suspicious"]


async def test_links_after_a_script_that_never_answers_are_not_reached(site: Site) -> None:
    """A parser-blocking ad script that never answers cuts the render short: the links after it
    are "not reached", never "removed by JavaScript", and none is suspicious."""

    async def never(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(60)
        return web.Response(text="")

    tag = site.add("https://ads.ad-network.net/tag.js", never)
    url = site.add("https://www.news-site.com/cut", f"""<!doctype html><meta charset=utf-8>
<title>Cut short</title><main><a href="/before">Before the ad</a>
<script src="{tag}"></script>
<a href="{PARTNER}after">After the ad</a><a href="/also-after">Also after</a></main>""")
    report = await site.scan(url, render_deadline_s=8.0)
    assert report.partial, report.timings
    links = by_text(report)
    assert links["Before the ad"].views == ["raw", "rendered"]
    for text in ("After the ad", "Also after"):
        assert links[text].views == ["raw"]
        assert links[text].hidden_reason == "not_reached"
    assert suspicious(report) == []


FOOTER_ICONS = f"""<footer class="site-footer"><ul class="social">
<li><a class="icon icon-facebook" href="https://www.facebook.com/newssite"></a></li>
<li><a class="icon icon-twitter" href="https://twitter.com/newssite"></a></li></ul>
<p class="partners"><a href="{PARTNER}">Our partner</a></p></footer>"""


async def test_failed_stylesheet_is_said_and_hidden_links_not_judged(site: Site) -> None:
    """The site's stylesheet fails (404): icon links have no size and a block the sheet would
    show is hidden. The page says its styles did not apply; no link is suspicious."""
    url = site.add("https://www.news-site.com/unstyled", f"""<!doctype html><meta charset=utf-8>
<title>No CSS</title><link rel="stylesheet" href="https://static.news-site.com/missing.css">
<style>.partners {{ display: none }}</style><main><p>Story</p></main>{FOOTER_ICONS}""")
    report = await site.scan(url)
    links = by_text(report)
    assert links["Our partner"].hidden_reason == "unstyled"
    assert [flag.code for flag in report.flags if flag.code == "styles_failed"] == ["styles_failed"]
    assert suspicious(report) == []


async def test_anti_flicker_snippet_left_hidden_is_said(site: Site) -> None:
    """An anti-flicker snippet hides the body until its (blocked) script reveals it: every
    link is hidden by it; the page says so and none is suspicious."""
    url = site.add("https://www.news-site.com/flicker", f"""<!doctype html><meta charset=utf-8>
<title>Flicker</title><style>body.async-hide {{ visibility: hidden }}</style>
<body class="async-hide"><main><p><a href="{PARTNER}story">A partner story</a></p></main>
</body>""")
    report = await site.scan(url)
    assert by_text(report)["A partner story"].hidden_reason == "unstyled"
    assert any(flag.code == "styles_failed" for flag in report.flags)
    assert suspicious(report) == []


INTERFACE_PAGE = f"""<!doctype html><meta charset=utf-8><title>Interface</title>
<style>
  .menu li ul {{ display: none; position: absolute }}
  .menu li:hover > ul, .menu li:focus-within > ul {{ display: block }}
  .tools .panel {{ display: none }}
  .tools.open .panel {{ display: block }}
  #toggle:checked ~ .drawer {{ max-height: 20em }}
  .drawer {{ max-height: 0; overflow: hidden }}
  .share-list {{ display: none }}
  .confirm {{ display: none }}
  .teaser {{ position: relative; width: 300px; height: 200px }}
  .teaser img {{ width: 300px; height: 200px; display: block }}
  .teaser a {{ position: absolute; inset: 0; opacity: 0 }}
  .bbccom_advert {{ display: none }}
</style>
<main>
<ul class="menu"><li><span>Sections</span><ul><li><a href="{PARTNER}hover">Hover menu</a></li></ul></li></ul>
<div class="tools"><button>Tools</button><div class="panel"><a href="{PARTNER}class-toggle">Class toggle</a></div></div>
<input type="checkbox" id="toggle"><label for="toggle">More</label>
<div class="drawer"><a href="{PARTNER}checkbox">Checkbox drawer</a></div>
<button aria-expanded="false">Share</button><ul class="share-list"><li><a href="https://twitter.com/intent/tweet?url=x">Share on Twitter</a></li></ul>
<div class="confirm"><p>Leave the site?</p><a href="{PARTNER}leave">Continue to partner</a></div>
<button popovertarget="tip">?</button><div id="tip" popover><a href="{PARTNER}popover">Popover link</a></div>
<div class="bbccom_advert"><a tabindex="-1" href="{PARTNER}adverts">Advertisement</a></div>
<div class="teaser"><img alt="" width="300" height="200" src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="><a href="{PARTNER}teaser">Teaser layer</a></div>
</main>"""


async def test_hidden_interface_parts_are_not_deceptive(site: Site) -> None:
    """Hover and focus menus, class-toggled panels, a :checked drawer, a share list after an
    aria-expanded button, a confirmation popup without role=dialog, a popover, an empty ad
    slot's label and a transparent click layer over a picture: none is suspicious, each for
    what reveals it."""
    url = site.add("https://www.news-site.com/interface", INTERFACE_PAGE)
    report = await site.scan(url)
    links = by_text(report)
    for text in ("Hover menu", "Class toggle", "Checkbox drawer", "Share on Twitter",
                 "Continue to partner", "Popover link", "Advertisement"):
        assert links[text].hidden_reason == "collapsed", text
    assert links["Teaser layer"].visible
    assert suspicious(report) == []


async def test_hidden_dofollow_link_no_interaction_reveals_is_suspicious(site: Site) -> None:
    """The deception: external dofollow links hidden in the body of a page whose styles all
    applied, shown by no hover, focus, state class, control or popover."""
    url = site.add("https://www.news-site.com/spam", f"""<!doctype html><meta charset=utf-8>
<title>Spam</title><style>.seo {{ display: none }} .menu li:hover > ul {{ display: block }}
.tiny {{ position: absolute; left: -9999px }}</style>
<main><p>Story text.</p><div class="seo"><a href="{PARTNER}casino">Best casino</a></div>
<p><a class="tiny" href="{PARTNER}pills">Cheap pills</a></p>
<div style="opacity:0"><a href="{PARTNER}loans">Payday loans</a></div></main>""")
    report = await site.scan(url)
    assert sorted(suspicious(report)) == ["Best casino", "Cheap pills", "Payday loans"]
    assert not any(flag.code == "styles_failed" for flag in report.flags)
