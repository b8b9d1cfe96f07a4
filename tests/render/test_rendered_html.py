"""render_page(keep_html=True): the DOM as the page's scripts left it, read after collecting;
the default render reads none, and an oversized DOM is dropped rather than failing the render."""

from __future__ import annotations

import pytest

from agent.config import Config
from agent.net.address_policy import AddressPolicy
from agent.net.resolver import HostResolver
from agent.render.browser_pool import BrowserPool
from agent.render.page import RenderResult, render_page
from tests.harness.scan_sites import SiteFactory, html

pytestmark = pytest.mark.browser

SCRIPTED = """<!doctype html><html><head><title>Scripted</title></head><body>
<a href="/static">static</a><div id="root"></div>
<script>
const p = document.createElement('p');
p.id = 'added';
p.textContent = 'Written by a script after load';
document.getElementById('root').appendChild(p);
</script></body></html>"""


async def render(pool: BrowserPool, config: Config, url: str, **kwargs: object) -> RenderResult:
    resolver = HostResolver(config)
    policy = await AddressPolicy.for_page(url, config, resolver)
    return await render_page(
        pool, url, config=config, policy=policy, deadline_s=config.render_deadline_s,
        resolver=resolver, **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip


async def test_keep_html_returns_the_rendered_dom_and_the_default_none(
    serve: SiteFactory, pool: BrowserPool, config: Config
) -> None:
    """The script-added element is in `rendered_html`, not in the raw HTML; without
    keep_html nothing is read (and no timing for it)."""
    site = await serve({"/": html(SCRIPTED)})
    kept = await render(pool, config, site.url("/"), keep_html=True)
    assert kept.rendered_html is not None
    assert '<p id="added">Written by a script after load</p>' in kept.rendered_html
    assert kept.raw_html is not None
    assert b'<p id="added">' not in kept.raw_html
    assert site.url("/static") in {link.href for link in kept.collection.links}
    assert "rendered_html" in kept.timings

    default = await render(pool, config, site.url("/"))
    assert default.rendered_html is None
    assert "rendered_html" not in default.timings
    assert default.raw_html == kept.raw_html


async def test_a_dom_over_the_html_limit_is_dropped_not_an_error(
    serve: SiteFactory, pool: BrowserPool, config: Config
) -> None:
    """A DOM that scripts grow past `max_html_bytes` gives None; the links are still there."""
    grows = SCRIPTED.replace("</script>", "document.body.append('x'.repeat(200000));</script>")
    site = await serve({"/": html(grows)})
    result = await render(pool, config, site.url("/"), keep_html=True, max_html_bytes=100_000)
    assert result.rendered_html is None
    assert result.raw_html is not None  # the server's page is small
    assert site.url("/static") in {link.href for link in result.collection.links}
