"""What a reader sees as link text, and share links of every scheme, in both views (real Chromium).

Seen on real pages (issue 15): `<noscript>` markup came through as link text (`<img class=…
src=…>`), and `mailto:?subject='…'` / `whatsapp:` share links were listed twice because the raw
view kept the apostrophe that Chromium writes as %27.
"""

from __future__ import annotations

import html

import pytest

from tests.corpus.conftest import Site

pytestmark = [pytest.mark.browser]

NOSCRIPT_PAGE = """<!doctype html><meta charset=utf-8><title>Lazy images</title>
<main>
<a href="/story-1"><img class="lazy" data-src="/a.jpg" alt="Flooded street in Queens">
<noscript><img class="lazy-fallback" src="/a.jpg" alt="Flooded street in Queens"></noscript></a>
<a href="/story-2">Read the story<noscript><img src="/b.jpg"></noscript></a>
<a href="/story-3"><noscript><img src="/c.jpg" alt="fallback"></noscript><script>var x = "<b>";</script><style>.a{}</style>Weather</a>
</main>"""


async def test_link_text_is_what_a_reader_sees(site: Site) -> None:
    """<noscript>, script and style text is not link text; an image link's text is its alt."""
    url = site.add("https://www.news-site.com/lazy", NOSCRIPT_PAGE)
    report = await site.scan(url)
    texts = {link.href.rsplit("/", 1)[-1]: link.text for link in report.links if link.href}
    assert texts == {
        "story-1": "Flooded street in Queens",
        "story-2": "Read the story",
        "story-3": "Weather",
    }
    # One link each, seen in both views: the raw view reads the same text as the browser.
    assert all(link.views == ["raw", "rendered"] for link in report.links)


SHARE_HREFS = [
    "mailto:?subject='Manhole fires' in Queens&body=It's here: https://www.news-site.com/x",
    "mailto:editor@news-site.com?subject=l'été",
    "whatsapp://send?text=It's a 'test' <b>",
    "sms:?body=it's",
    "tg://msg?text='x'",
    "fb-messenger://share?link=a'b",
    "viber://forward?text=it's%20ok",
    "skype:me?call&topic='x'",
    "javascript:share('a?b')",
    "foo://host/pa'th?q='1'#'h'",
    "about:blank?'",
    "custom:opaque path's 'x'#fr'ag",
]


async def test_share_links_of_every_scheme_match_across_views(site: Site) -> None:
    """Raw view and Chromium write every scheme's href alike (' in a query is %27 in both), so
    each share link is one link seen in both views, never a raw-only twin plus a "JS" one."""
    anchors = "".join(
        f'<a href="{html.escape(href, quote=True)}">share {i}</a>\n'
        for i, href in enumerate(SHARE_HREFS)
    )
    url = site.add(
        "https://www.news-site.com/share",
        f"<!doctype html><meta charset=utf-8><title>Share</title><main>{anchors}</main>",
    )
    report = await site.scan(url)
    assert len(report.links) == len(SHARE_HREFS)
    assert [link.views for link in report.links] == [["raw", "rendered"]] * len(SHARE_HREFS)
    assert not any(link.js_generated for link in report.links)
    assert "mailto:?subject=%27Manhole%20fires%27" in (report.links[0].href or "")
