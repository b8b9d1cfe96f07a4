"""Link checks against local servers: every outcome decided right and never confused."""

from __future__ import annotations

import asyncio
import itertools
import socket
import statistics
import time
from collections.abc import Awaitable, Callable

import pytest
from aiohttp import web

from agent.checks.pacing import BURST_FAILURES, GIVE_UP_FAILURES
from agent.checks.selection import action_word, is_excluded
from tests.harness.check_sites import Server, forever, quality_config, run_checks

ServeFn = Callable[..., Awaitable[Server]]


def html(title: str, body: str = "", status: int = 200) -> web.Response:
    return web.Response(
        text=f"<!doctype html><html><head><title>{title}</title></head><body>{body}</body></html>",
        content_type="text/html",
        status=status,
    )


def redirect(location: str, status: int = 301) -> web.Response:
    return web.Response(status=status, headers={"Location": location})


async def ok(request: web.Request) -> web.Response:
    return html("Welcome", "<h1>Our shop</h1>")


async def head_405(request: web.Request) -> web.Response:
    if request.method == "HEAD":
        return web.Response(status=405)
    return html("Works with GET")


async def head_501(request: web.Request) -> web.Response:
    if request.method == "HEAD":
        return web.Response(status=501, text="HEAD not implemented")
    return html("Works with GET")


async def sets_cookie(request: web.Request) -> web.Response:
    response = html("Welcome back")
    response.set_cookie("session", "abc123", path="/")
    return response


async def sets_cookie_and_redirects(request: web.Request) -> web.Response:
    response = redirect("/after-cookie", 302)
    response.set_cookie("session", "abc123", path="/")
    return response


async def bot_only_403(request: web.Request) -> web.Response:
    # Refuses anything that does not look like a browser (e.g. python-requests, LinkChecker).
    if "Chrome/" not in request.headers.get("User-Agent", ""):
        return web.Response(status=403, text="bots go away")
    return html("Article")


async def cloudflare(request: web.Request) -> web.Response:
    return web.Response(
        status=403,
        headers={"Server": "cloudflare", "cf-mitigated": "challenge"},
        text="<html><head><title>Just a moment...</title></head>"
        "<body><script src='/cdn-cgi/challenge-platform/h/b/orchestrate'></script></body></html>",
        content_type="text/html",
    )


async def cloudflare_body_only(request: web.Request) -> web.Response:
    return web.Response(
        status=503,
        headers={"Server": "cloudflare"},
        text="<html><head><title>Just a moment...</title></head><body>cf-chl</body></html>",
        content_type="text/html",
    )


async def stream_forever(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "text/html"})
    await response.prepare(request)
    await response.write(b"<html><head><title>Live stream</title></head><body>")
    while True:
        await response.write(b"x" * 1024)
        await asyncio.sleep(0.001)


async def drip(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "text/html"})
    await response.prepare(request)
    while True:
        await response.write(b" ")
        await asyncio.sleep(0.2)


def routes() -> dict[str, Callable[[web.Request], Awaitable[web.StreamResponse]]]:
    async def status(code: int) -> web.Response:
        return web.Response(status=code, text=f"status {code}")

    def fixed(code: int) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def handler(request: web.Request) -> web.Response:
            return await status(code)
        return handler

    async def image(request: web.Request) -> web.Response:
        return web.Response(body=b"\x89PNG....", content_type="image/png")

    async def soft(request: web.Request) -> web.Response:
        return html("Page not found | Example Shop", "<h1>Sorry!</h1>")

    async def soft_h1(request: web.Request) -> web.Response:
        return html("Example Shop", "<h1>Sorry, this page doesn't exist</h1>")

    async def near_soft(request: web.Request) -> web.Response:
        return html("Why 'Not Found' errors hurt your SEO | Example Blog",
                    "<h1>Why 404 pages matter</h1>")

    async def soft_body(request: web.Request) -> web.Response:
        return html("Example Shop", "<div class='box'><p>Sorry, the page you are looking for "
                    "could not be found.</p><a href='/'>Home</a></div>")

    async def long_article(request: web.Request) -> web.Response:
        words = "Gardening in small spaces takes planning and patience. " * 40
        return html("How we fixed our 404s | Example Blog",
                    f"<h2>Fixing errors</h2><p>{words}</p><p>A 'page not found' error tells "
                    f"readers a link is dead; here is how we found ours.</p><p>{words}</p>")

    async def home(request: web.Request) -> web.Response:
        return html("Example Shop - Home")

    return {
        "/": home,
        "/ok": ok,
        "/ok-second": ok,
        "/image.png": image,
        "/missing": fixed(404),
        "/gone": fixed(410),
        "/error": fixed(500),
        "/unavailable": fixed(503),
        "/login-only": fixed(401),
        "/forbidden": fixed(403),
        "/rate": fixed(429),
        "/linkedin": fixed(999),
        "/head-405": head_405,
        "/head-501": head_501,
        "/files/head-405.pdf": head_405,
        "/files/head-501.zip": head_501,
        "/set-cookie": sets_cookie,
        "/cookie-redirect": sets_cookie_and_redirects,
        "/after-cookie": ok,
        "/bot-403": bot_only_403,
        "/cloudflare": cloudflare,
        "/cloudflare-body": cloudflare_body_only,
        "/soft": soft,
        "/soft-h1": soft_h1,
        "/near-soft": near_soft,
        "/soft-body": soft_body,
        "/long-article": long_article,
        "/moved": to("/ok"),
        "/moved-twice": to("/moved", 302),
        "/docs": to("/docs/", 301),
        "/docs/": ok,
        "/blog/old-post": to("/", 301),
        "/shop/item-9": to("/errors/404.html", 302),
        "/errors/404.html": page("Example Shop"),
        "/loop-a": to("/loop-b", 302),
        "/loop-b": to("/loop-a", 302),
        "/tarpit": forever,
        "/stream": stream_forever,
        "/drip": drip,
        "/account/logout": ok,
        "/newsletter": ok,
    }


def to(location: str, status: int = 301) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handler(request: web.Request) -> web.Response:
        return redirect(location, status)
    return handler


def page(title: str) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handler(request: web.Request) -> web.Response:
        return html(title)
    return handler


@pytest.fixture
async def site(serve: ServeFn) -> Server:
    """The "public" test site on 127.0.0.2 (site.test)."""
    return await serve("127.0.0.2", routes())


def url(server: Server, path: str, host: str = "site.test") -> str:
    return f"http://{host}:{server.port}{path}"


PAGE = "http://page.test:{port}/"


async def check_one(server: Server, path: str, **config: object) -> tuple[str | None, list[str]]:
    run = await run_checks([url(server, path)], config=quality_config(**config),
                           page_url=PAGE.format(port=server.port))
    result = run.results[0]
    return result.health, [flag.code for flag in result.flags]


@pytest.mark.parametrize(
    ("path", "health", "flags"),
    [
        ("/ok", "ok", []),
        ("/image.png", "ok", []),
        ("/missing", "broken", ["broken"]),
        ("/gone", "broken", ["broken"]),
        ("/error", "broken", ["broken"]),
        ("/unavailable", "broken", ["broken"]),
        ("/login-only", "blocked", ["blocked"]),
        ("/forbidden", "blocked", ["blocked"]),
        ("/rate", "blocked", ["blocked"]),
        ("/linkedin", "blocked", ["blocked"]),
        ("/head-405", "ok", []),
        ("/head-501", "ok", []),
        ("/bot-403", "ok", []),
        ("/cloudflare", "blocked", ["blocked"]),
        ("/cloudflare-body", "blocked", ["blocked"]),
        ("/soft", "soft_404", ["soft_404"]),
        ("/soft-h1", "soft_404", ["soft_404"]),
        ("/near-soft", "ok", []),
        ("/soft-body", "soft_404", ["soft_404"]),
        ("/long-article", "ok", []),
        ("/moved", "redirect", ["redirect"]),
        ("/moved-twice", "redirect", ["redirect"]),
        ("/docs", "redirect", ["redirect"]),
        ("/blog/old-post", "soft_404", ["soft_404"]),
        ("/shop/item-9", "soft_404", ["soft_404"]),
        ("/loop-a", "broken", ["redirect_loop"]),
    ],
)
async def test_outcome(site: Server, path: str, health: str, flags: list[str]) -> None:
    """Each server behaviour maps to its one outcome: blocked is never broken, 405/bot-403 are ok."""
    assert await check_one(site, path) == (health, flags)


async def test_page_is_asked_with_get_alone(site: Server) -> None:
    """A page is asked with GET at once (its body is needed for soft 404s): no HEAD before it."""
    assert await check_one(site, "/head-405") == ("ok", [])
    assert [(h.method, h.path) for h in site.hits] == [("GET", "/head-405")]


async def test_file_head_first_get_on_405(site: Server) -> None:
    """A file URL is asked with HEAD first; a 405 to HEAD is retried with GET."""
    assert await check_one(site, "/files/head-405.pdf") == ("ok", [])
    assert [(h.method, h.path) for h in site.hits] == [
        ("HEAD", "/files/head-405.pdf"), ("GET", "/files/head-405.pdf")]


async def test_non_html_needs_only_head(site: Server) -> None:
    """An image is judged on HEAD alone (no body download)."""
    await check_one(site, "/image.png")
    assert [h.method for h in site.hits] == ["HEAD"]


async def test_head_501_falls_back_to_get(site: Server) -> None:
    """A server that does not implement HEAD (501) is asked again with GET: the link is ok."""
    assert await check_one(site, "/files/head-501.zip") == ("ok", [])
    assert [(h.method, h.path) for h in site.hits] == [
        ("HEAD", "/files/head-501.zip"), ("GET", "/files/head-501.zip")]


async def test_browser_like_user_agent_by_default(site: Server) -> None:
    """Requests carry the default browser-like UA (a bot-only 403 lets them through)."""
    await check_one(site, "/bot-403")
    assert site.hits
    assert all("Chrome/" in hit.headers["User-Agent"] for hit in site.hits)


async def test_configured_user_agent_is_the_one_sent(site: Server) -> None:
    """Config(user_agent=...) is exactly the User-Agent every request sends."""
    agent = "LinkLensTest/9.9 (+http://site.test/bot)"
    assert await check_one(site, "/files/head-405.pdf", user_agent=agent) == ("ok", [])
    assert [h.method for h in site.hits] == ["HEAD", "GET"]
    assert [hit.headers["User-Agent"] for hit in site.hits] == [agent, agent]


async def test_no_cookies_are_kept_between_requests(site: Server) -> None:
    """A server sets a cookie on its first answer; the following request to it (the next link
    on the same host) carries no Cookie header."""
    run = await run_checks(
        [url(site, "/set-cookie"), url(site, "/after-cookie")],
        config=quality_config(per_host_connections=1, total_connections=1),
        page_url=PAGE.format(port=site.port),
    )
    assert {result.health for result in run.results.values()} == {"ok"}
    assert site.paths()[0] == "/set-cookie"
    assert "/after-cookie" in site.paths()
    assert len(site.hits) >= 2  # the GET of the page that set it, then the next link
    assert all("Cookie" not in hit.headers for hit in site.hits)


async def test_no_cookie_is_sent_along_a_redirect(site: Server) -> None:
    """A redirect that sets a cookie: the next hop is requested without it."""
    assert await check_one(site, "/cookie-redirect") == ("redirect", ["redirect"])
    assert "/after-cookie" in site.paths()
    assert all("Cookie" not in hit.headers for hit in site.hits)


async def test_redirects_and_final_url_recorded(site: Server) -> None:
    """A two-hop redirect records each hop's URL and status, and the final URL."""
    run = await run_checks([url(site, "/moved-twice")], config=quality_config(),
                           page_url=PAGE.format(port=site.port))
    result = run.results[0]
    assert [(r.url, r.status) for r in result.redirects] == [
        (url(site, "/moved-twice"), 302), (url(site, "/moved"), 301)]
    assert result.final_url == url(site, "/ok")
    assert result.status == 200


async def test_redirect_loop_is_flagged_not_followed_forever(site: Server) -> None:
    """A redirect loop ends after the loop is seen, with flag redirect_loop."""
    run = await run_checks([url(site, "/loop-a")], config=quality_config(),
                           page_url=PAGE.format(port=site.port))
    result = run.results[0]
    assert result.health == "broken"
    assert result.flags[0].code == "redirect_loop"
    assert "loop" in result.flags[0].message
    assert len(site.hits) <= 4


async def test_too_many_redirects_is_redirect_loop(serve: ServeFn) -> None:
    """A chain longer than max_redirects (never repeating) ends as redirect_loop."""
    async def chain(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        return redirect(f"/chain/{n + 1}", 302)
    server = await serve("127.0.0.2", {"/chain/{n}": chain})
    health, flags = await check_one(server, "/chain/0", max_redirects=3)
    assert (health, flags) == ("broken", ["redirect_loop"])
    assert len(server.hits) == 4


async def test_tarpit_times_out(site: Server) -> None:
    """A server that never answers gives health timeout within the per-link timeout."""
    started = time.monotonic()
    assert await check_one(site, "/tarpit", check_timeout_s=0.3) == ("timeout", ["timeout"])
    assert time.monotonic() - started < 2.0


async def test_endless_stream_is_read_up_to_the_cap(site: Server) -> None:
    """A body that never ends is read up to check_read_bytes and judged (title seen): ok."""
    started = time.monotonic()
    assert await check_one(site, "/stream", check_timeout_s=2.0) == ("ok", [])
    assert time.monotonic() - started < 1.5


async def test_slow_drip_times_out(site: Server) -> None:
    """A body dripping a byte at a time never reaches the cap: timeout."""
    assert await check_one(site, "/drip", check_timeout_s=0.5) == ("timeout", ["timeout"])


async def test_dns_failure_is_broken(site: Server) -> None:
    """A host that does not resolve (.invalid, no lookup made) is broken, saying DNS."""
    run = await run_checks(["http://nowhere.invalid/page"], config=quality_config(),
                           page_url=PAGE.format(port=site.port))
    result = run.results[0]
    assert result.health == "broken"
    assert "DNS" in result.flags[0].message


async def test_refused_connection_is_broken(site: Server) -> None:
    """A closed port is broken ("refused the connection")."""
    sock = socket.socket()
    sock.bind(("127.0.0.3", 0))
    port = sock.getsockname()[1]
    sock.close()
    run = await run_checks([f"http://other.test:{port}/"], config=quality_config(),
                           page_url=PAGE.format(port=site.port))
    result = run.results[0]
    assert result.health == "broken"
    assert "refused" in result.flags[0].message


async def test_retry_after_is_honoured(serve: ServeFn) -> None:
    """A 429 with Retry-After: 1 is retried once after the wait, then ok."""
    calls: list[float] = []

    async def limited(request: web.Request) -> web.Response:
        calls.append(time.monotonic())
        if len(calls) == 1:
            return web.Response(status=429, headers={"Retry-After": "1"})
        return html("Fine now")

    server = await serve("127.0.0.2", {"/limited": limited})
    health, _flags = await check_one(server, "/limited")
    assert health == "ok"
    assert calls[1] - calls[0] >= 0.9


async def test_retry_after_beyond_budget_is_blocked_without_waiting(serve: ServeFn) -> None:
    """A Retry-After longer than the budget left is not waited for: blocked, saying so."""
    async def limited(request: web.Request) -> web.Response:
        return web.Response(status=429, headers={"Retry-After": "3600"})

    server = await serve("127.0.0.2", {"/limited": limited})
    started = time.monotonic()
    run = await run_checks([url(server, "/limited")], config=quality_config(),
                           page_url=PAGE.format(port=server.port))
    assert time.monotonic() - started < 1.0
    assert run.results[0].health == "blocked"
    assert "3600" in run.results[0].flags[0].message


# --- private network, actions, exclude --------------------------------------------------------


async def test_private_link_from_public_page_is_not_requested(site: Server, serve: ServeFn) -> None:
    """From a public page, a link to 127.0.0.1 (by IP or by name) is never requested."""
    private = await serve("127.0.0.1", {"/admin": ok})
    run = await run_checks(
        [f"http://127.0.0.1:{private.port}/admin", f"http://private.test:{private.port}/admin"],
        config=quality_config(), page_url=PAGE.format(port=site.port),
    )
    assert private.hits == []
    for result in run.results.values():
        assert result.health is None
        assert [f.code for f in result.flags] == ["not_checked"]
        assert "private network" in result.flags[0].message


async def test_redirect_into_private_network_is_not_followed(site: Server, serve: ServeFn) -> None:
    """A public link that redirects to 127.0.0.1 is stopped at that hop; the hop is recorded."""
    private = await serve("127.0.0.1", {"/admin": ok})

    async def sneaky(request: web.Request) -> web.Response:
        return redirect(f"http://127.0.0.1:{private.port}/admin", 302)

    server = await serve("127.0.0.3", {"/sneaky": sneaky})
    run = await run_checks([url(server, "/sneaky", host="other.test")], config=quality_config(),
                           page_url=PAGE.format(port=site.port))
    result = run.results[0]
    assert private.hits == []
    assert [f.code for f in result.flags] == ["not_checked"]
    assert "redirects to 127.0.0.1" in result.flags[0].message
    assert [r.status for r in result.redirects] == [302]


async def test_private_page_may_check_its_own_host(serve: ServeFn) -> None:
    """A page the person asked for on 127.0.0.1 (a dev server) may have its links checked."""
    private = await serve("127.0.0.1", {"/": ok, "/about": ok})
    run = await run_checks([f"http://127.0.0.1:{private.port}/about"], config=quality_config(),
                           page_url=f"http://127.0.0.1:{private.port}/")
    assert run.results[0].health == "ok"


async def test_agents_own_port_is_never_requested(serve: ServeFn) -> None:
    """Even from the person's own dev server, a link to the agent's port is not requested."""
    dev = await serve("127.0.0.1", {"/": ok})
    agent = await serve("127.0.0.1", {"/": ok})
    run = await run_checks([f"http://127.0.0.1:{agent.port}/"],
                           config=quality_config(port=agent.port),
                           page_url=f"http://127.0.0.1:{dev.port}/")
    assert agent.hits == []
    assert "agent itself" in run.results[0].flags[0].message


async def test_action_like_urls_are_not_requested(site: Server) -> None:
    """Logout/unsubscribe/delete URLs get not_checked and the server sees no request."""
    hrefs = [url(site, "/account/logout"), url(site, "/newsletter?action=unsubscribe"),
             url(site, "/posts/12/delete"), url(site, "/ok")]
    run = await run_checks(hrefs, config=quality_config(), page_url=PAGE.format(port=site.port))
    assert site.paths() == ["/ok"]  # one GET for the page; nothing else
    for i in range(3):
        assert [f.code for f in run.results[i].flags] == ["not_checked"]
        assert run.results[i].health is None
    assert run.results[3].health == "ok"


async def test_urls_with_credentials_are_not_requested(site: Server) -> None:
    """A link carrying user:password is not requested (the check would send them)."""
    run = await run_checks([f"http://user:secret@site.test:{site.port}/ok"],
                           config=quality_config(), page_url=PAGE.format(port=site.port))
    assert site.hits == []
    assert [f.code for f in run.results[0].flags] == ["not_checked"]


def test_action_word_near_misses() -> None:
    """Ordinary URLs with look-alike words are not actions; real ones are."""
    assert action_word("https://x.test/user/sign-out") == "sign out"
    assert action_word("https://x.test/a?do=logout") == "logout"
    assert action_word("https://x.test/blog/logo-design") is None
    assert action_word("https://x.test/deleted-scenes-review") is None
    assert action_word("https://x.test/removals-company") is None


async def test_exclude_list_is_not_requested(site: Server) -> None:
    """URLs matching Config.exclude (substring or glob) are not requested."""
    hrefs = [url(site, "/ok"), url(site, "/ok-second")]
    run = await run_checks(hrefs, config=quality_config(exclude=("*/ok-second",)),
                           page_url=PAGE.format(port=site.port))
    assert "/ok-second" not in site.paths()
    assert "exclude" in run.results[1].flags[0].message
    assert is_excluded("https://a.test/x/private", ["/private"]) == "/private"


async def test_non_http_links_are_not_checked(site: Server) -> None:
    """mailto:, tel: and javascript: links get no result at all."""
    run = await run_checks(["mailto:a@b.test", "tel:+1555", "javascript:void(0)"],
                           config=quality_config(), page_url=PAGE.format(port=site.port))
    assert run.results == {}
    assert site.hits == []


async def test_duplicate_urls_are_checked_once(site: Server) -> None:
    """The same URL (fragments aside) linked three times is requested once, reported thrice."""
    hrefs = [url(site, "/image.png"), url(site, "/image.png#a"), url(site, "/image.png")]
    run = await run_checks(hrefs, config=quality_config(), page_url=PAGE.format(port=site.port))
    assert site.paths() == ["/image.png"]
    assert sorted(run.results) == [0, 1, 2]


# --- politeness and budgets (docs/SECURITY.md, case 32) ----------------------------------------


async def test_many_links_to_one_host_respect_per_host_limit(serve: ServeFn) -> None:
    """5,000 links to one host: never more than per_host_connections at once, all checked."""
    async def slowish(request: web.Request) -> web.Response:
        await asyncio.sleep(0.001)
        return web.Response(body=b"x", content_type="image/png")

    server = await serve("127.0.0.4", {}, any_path=slowish)
    hrefs = [f"http://busy.test:{server.port}/img/{i}.png" for i in range(5000)]
    # Generous per-link timeout: this test is about concurrency, not slowness (2 shared cores).
    config = quality_config(per_host_connections=3, total_connections=16, check_timeout_s=15.0,
                            check_budget_s=90.0)
    run = await run_checks(hrefs, config=config, page_url=f"http://page.test:{server.port}/")
    assert server.max_active <= 3
    assert run.stats.max_per_host <= 3
    assert len(run.results) == 5000
    assert all(r.health == "ok" for r in run.results.values())


async def test_each_host_gets_its_per_host_limit(serve: ServeFn) -> None:
    """Two hosts, 40 slow pages each: each sees more than one request at once, never above 4."""
    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(0.05)
        return html("A page")

    busy = await serve("127.0.0.4", {}, any_path=slow)
    other = await serve("127.0.0.3", {}, any_path=slow)
    hrefs = [f"http://{name}:{server.port}/p/{i}" for i in range(40)
             for name, server in (("busy.test", busy), ("other.test", other))]
    config = quality_config(per_host_connections=4, total_connections=16, check_timeout_s=15.0,
                            check_budget_s=60.0)
    run = await run_checks(hrefs, config=config, page_url=f"http://page.test:{busy.port}/")
    assert all(r.health == "ok" for r in run.results.values())
    assert 1 < busy.max_active <= 4
    assert 1 < other.max_active <= 4
    assert run.stats.max_per_host <= 4


async def test_redirect_hops_count_against_their_hosts_limit(serve: ServeFn) -> None:
    """Links to one host that redirect into a second one, plus links straight to the second:
    the second host never sees more than its per-host limit at once."""
    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(0.05)
        return html("A page")

    target = await serve("127.0.0.3", {}, any_path=slow)

    async def away(request: web.Request) -> web.Response:
        return redirect(f"http://other.test:{target.port}/from{request.path}")

    source = await serve("127.0.0.4", {}, any_path=away)
    hrefs = [f"http://busy.test:{source.port}/{i}" for i in range(30)]
    hrefs += [f"http://other.test:{target.port}/direct/{i}" for i in range(30)]
    config = quality_config(per_host_connections=2, total_connections=16, check_timeout_s=15.0,
                            check_budget_s=60.0)
    run = await run_checks(hrefs, config=config, page_url=f"http://page.test:{source.port}/")
    assert {r.health for r in run.results.values()} == {"ok", "redirect"}
    assert target.max_active <= 2


async def test_non_html_answer_to_get_is_not_read(serve: ServeFn) -> None:
    """A page-like URL that serves an endless binary stream: GET stops at the headers, ok."""
    async def endless(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/octet-stream"})
        await response.prepare(request)
        while True:
            await response.write(b"\0" * 65536)
            await asyncio.sleep(0.01)

    server = await serve("127.0.0.2", {"/download": endless})
    run = await run_checks([f"http://site.test:{server.port}/download"],
                           config=quality_config(check_timeout_s=5.0),
                           page_url=PAGE.format(port=server.port))
    assert run.results[0].health == "ok"
    assert [h.method for h in server.hits] == ["GET"]


async def test_total_connection_limit_across_hosts(serve: ServeFn) -> None:
    """Across many hosts, total simultaneous requests stay within total_connections."""
    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(0.05)
        return web.Response(body=b"x", content_type="image/png")

    server = await serve("127.0.0.5", {}, any_path=slow)
    hrefs = [f"http://h{i % 10}.farm.test:{server.port}/{i}.png" for i in range(100)]
    config = quality_config(per_host_connections=4, total_connections=5)
    run = await run_checks(hrefs, config=config, page_url=f"http://page.test:{server.port}/")
    assert server.max_active <= 5
    assert len(run.results) == 100


async def test_budget_runs_out_on_tarpits(serve: ServeFn) -> None:
    """50 tarpit links with a 1 s budget: done in about a second, the rest flagged not_checked."""
    server = await serve("127.0.0.4", {}, any_path=forever)
    hrefs = [f"http://busy.test:{server.port}/{i}" for i in range(50)]
    config = quality_config(check_timeout_s=0.4, check_budget_s=1.0, per_host_connections=2)
    started = time.monotonic()
    run = await run_checks(hrefs, config=config, page_url=f"http://page.test:{server.port}/")
    assert time.monotonic() - started < 2.0
    budget = [r for r in run.results.values()
              if r.flags and "budget" in r.flags[0].message]
    timeouts = [r for r in run.results.values() if r.health == "timeout"]
    assert len(run.results) == 50
    assert budget
    assert timeouts
    assert all(r.health is None for r in budget)


async def test_failing_host_is_paused_then_left_alone(serve: ServeFn) -> None:
    """A host answering 500 to everything is not hammered: after the give-up count, no more requests."""
    async def failing(request: web.Request) -> web.Response:
        return web.Response(status=500)

    server = await serve("127.0.0.4", {}, any_path=failing)
    hrefs = [f"http://busy.test:{server.port}/{i}" for i in range(60)]
    config = quality_config(per_host_connections=1, check_timeout_s=0.5)
    run = await run_checks(hrefs, config=config, page_url=f"http://page.test:{server.port}/")
    urls_requested = {hit.path for hit in server.hits}
    assert len(urls_requested) <= GIVE_UP_FAILURES + 1
    left_alone = [r for r in run.results.values()
                  if r.flags and "stopped answering" in r.flags[0].message]
    assert len(left_alone) >= 60 - GIVE_UP_FAILURES - 1
    assert len(run.results) == 60


async def test_failing_host_is_paused_after_a_burst(serve: ServeFn) -> None:
    """After BURST_FAILURES failures in a row the host gets a pause before the next URL."""
    times: list[float] = []

    async def failing(request: web.Request) -> web.Response:
        times.append(time.monotonic())  # one GET per page
        return web.Response(status=503)

    server = await serve("127.0.0.4", {}, any_path=failing)
    hrefs = [f"http://busy.test:{server.port}/{i}" for i in range(BURST_FAILURES + 1)]
    config = quality_config(per_host_connections=1, check_timeout_s=1.0)
    await run_checks(hrefs, config=config, page_url=f"http://page.test:{server.port}/")
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert len(times) == BURST_FAILURES + 1
    assert gaps[BURST_FAILURES - 1] >= 0.2  # the pause (0.25 s at first)
    assert statistics.median(gaps[: BURST_FAILURES - 1]) < 0.1  # no pause before the burst


async def test_cancellation_stops_promptly(serve: ServeFn) -> None:
    """Cancelling a run of tarpit checks ends it at once and closes its connections."""
    server = await serve("127.0.0.4", {}, any_path=forever)
    hrefs = [f"http://busy.test:{server.port}/{i}" for i in range(20)]
    task = asyncio.create_task(run_checks(hrefs, config=quality_config(check_timeout_s=30.0),
                                          page_url=f"http://page.test:{server.port}/"))
    await asyncio.sleep(0.3)
    started = time.monotonic()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert time.monotonic() - started < 1.0
    await asyncio.sleep(0.1)
    assert server.active == 0
