"""End-to-end fixtures: the real agent, a local fixture site, and a real Chromium with the extension.

The extension under test is a TEMPORARY COPY of extension/ whose manifest adds
`http://127.0.0.1/*` (and `http://*.test/*` for named test hosts) to host_permissions: headless tests cannot click the toolbar, so they cannot
grant activeTab (docs/DEVELOPING.md). The shipped manifest never has it.

"Public" sites are simulated on 127.0.0.2 (mine.test, one of the person's own domains) and
127.0.0.3 (a look-alike login page) via the agent's host_map + simulated_public, so nothing ever
waits on real DNS or leaves the machine. The page itself is on 127.0.0.1, which the agent treats
as the person's own machine (allowed for the page asked for).
"""

from __future__ import annotations

__all__ = [
    "AgentProcess",
    "ExtensionBrowser",
    "OpenPage",
    "Site",
    "free_port",
    "shadow_call",
    "start_agent",
]

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import BrowserContext, CDPSession, Page, Worker, async_playwright

from protocol import CHROME_EXTENSION_ID

REPO = Path(__file__).resolve().parents[2]
EXTENSION_DIR = REPO / "extension"
ARTIFACTS = REPO / "artifacts"
TEST_HOST_PERMISSION = "http://127.0.0.1/*"
# Named test hosts (news.test, mine.test) resolve to loopback in the test browser: never DNS.
TEST_NAMES_PERMISSION = "http://*.test/*"
HOST_RESOLVER_RULES = "MAP news.test 127.0.0.1, MAP mine.test 127.0.0.2"


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


# ---- The fixture site ----------------------------------------------------------------------


@dataclass
class Site:
    """Three loopback servers: the page (127.0.0.1), mine.test (127.0.0.2), a look-alike (127.0.0.3)."""

    port: int
    mine_port: int
    lookalike_port: int

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _many_links_html(count: int) -> str:
    """A long page of `count` links, every fourth nofollow, for the scale test."""
    rows = "".join(
        f'<p><a href="/item/{i}"{" rel=nofollow" if i % 4 == 0 else ""}>item {i}</a> text</p>'
        for i in range(count)
    )
    return f"<!doctype html><html><head><title>many</title></head><body>{rows}</body></html>"


# A link inside an open shadow root, with a style attribute of its own that must come back as is.
_SHADOW_HTML = """<!doctype html><html><head><title>shadow</title></head><body>
<p><a id="outside" href="/outside">outside</a></p>
<div id="host"></div>
<script>
  const root = document.getElementById("host").attachShadow({mode: "open"});
  root.innerHTML = '<p><a id="inside" href="/inside" rel="nofollow" style="color: rebeccapurple">inside</a></p>';
</script>
</body></html>"""


# A hard 404, a soft 404 (200 that says "not found") and a working link: both 404s count as broken.
_SOFT_HTML = """<!doctype html><html><head><title>soft</title></head><body>
<p><a id="hard" href="/missing-old">hard 404</a> <a id="soft" href="/soft-gone">soft 404</a>
<a id="fine" href="/fine">fine</a></p>
</body></html>"""


def _wall_html(consented: bool) -> str:
    """25 articles behind a consent wall; without the cookie only the "accept" link is there."""
    if not consented:
        return (
            "<!doctype html><html><head><title>Consent</title></head><body>"
            '<p>We use cookies. <a id="accept" href="/accept">Accept</a></p></body></html>'
        )
    rows = "".join(
        f'<li><a id="a{i}" href="/article/{i}"{" rel=ugc" if i == 3 else ""}>article {i}</a></li>'
        for i in range(25)
    )
    return f"<!doctype html><html><head><title>News</title></head><body><ul>{rows}</ul></body></html>"


def _page_html(site: Site, *, dark: bool = False) -> str:
    # Each link has an id the tests look up; the XSS-shaped text is escaped in the source, so it
    # is text on the page and must stay text in LinkLens's tooltip and panel.
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Spring gardening links</title>
<style>
  body {{ font: 17px/1.6 Georgia, serif; max-width: 720px; margin: 32px 40px; padding: 0 16px;
         color: #222; background: #fffdf8; }}
  body.dark {{ color: #ddd; background: #15171c; }} body.dark a {{ color: #8ab4f8; }}
  h1 {{ font-size: 28px; }} a {{ color: #1558b0; }}
  .hidden-box {{ display: none; }}
</style></head>
<body class="{'dark' if dark else ''}">
<h1>Ten links every gardener should read</h1>
<p>Our <a id="dofollow" href="/about">about page</a> explains how we pick sources. A reader
suggested <a id="nofollow" href="/forum" rel="nofollow">this forum thread</a>, and a comment left
<a id="ugc" href="/comment-link" rel="ugc">a comment link</a>.</p>
<p>This post is supported by <a id="sponsored" href="/seed-shop" rel="sponsored">our seed
sponsor</a>. The old <a id="broken" href="/missing-page">composting guide</a> has moved.</p>
<p>Log in at <a id="suspicious" href="http://127.0.0.3:{site.lookalike_port}/login">paypal.com</a>
to pay for the workshop. The tool review on
<a id="mine" href="http://mine.test:{site.mine_port}/review">my own blog</a> is worth a look.</p>
<p>Pasted from a forum: <a id="xss" href="/pasted">&lt;img src=x onerror="window.__pwned=1"&gt;</a></p>
<div class="hidden-box"><a id="hidden" href="/hidden-target">hidden link</a></div>
<p id="js-slot">Loading more…</p>
<script>
  const a = document.createElement("a");
  a.id = "js"; a.href = "/js-target"; a.textContent = "a link made by JavaScript";
  document.getElementById("js-slot").replaceChildren("And: ", a);
</script>
</body></html>"""


def _serve(host: str, handler: type[BaseHTTPRequestHandler]) -> tuple[ThreadingHTTPServer, int]:
    server = ThreadingHTTPServer((host, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, int(server.server_address[1])


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    """The fixture site on 127.0.0.1 (+ mine.test on .2 and a look-alike on .3)."""
    holder: dict[str, Site] = {}

    class PageHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path in ("/page.html", "/spa.html", "/dark.html"):
                body = _page_html(holder["site"], dark=self.path == "/dark.html").encode()
                self._reply(200, body)
            elif self.path == "/wall.html":
                # A consent wall: the person's tab has the cookie, the agent's browser does not.
                consented = "consent=1" in (self.headers.get("Cookie") or "")
                self._reply(200, _wall_html(consented).encode())
            elif self.path == "/wall-sso.html":
                # A wall on another site: without the cookie, a redirect to a login page on
                # mine.test (so the agent's final URL, and its registrable domain, are mine.test's).
                if "consent=1" in (self.headers.get("Cookie") or ""):
                    self._reply(200, _wall_html(True).encode())
                else:
                    self.send_response(302)
                    self.send_header("Location", f"http://mine.test:{holder['site'].mine_port}/wall.html")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
            elif self.path == "/shadow.html":
                self._reply(200, _SHADOW_HTML.encode())
            elif self.path == "/many.html":
                self._reply(200, _many_links_html(5000).encode())
            elif self.path == "/soft.html":
                self._reply(200, _SOFT_HTML.encode())
            elif self.path.startswith("/soft-gone"):
                # A soft 404: 200 OK, but the page says it is not there.
                self._reply(200, b"<!doctype html><title>Page not found</title><h1>Page not found</h1>")
            elif self.path.startswith("/missing"):
                self._reply(404, b"<!doctype html><title>Not found</title><p>Gone.</p>")
            else:
                self._reply(200, b"<!doctype html><title>ok</title><p>Fine page.</p>")

        do_HEAD = do_GET

        def _reply(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    servers = []
    page_server, port = _serve("127.0.0.1", PageHandler)
    mine_server, mine_port = _serve("127.0.0.2", PageHandler)
    look_server, look_port = _serve("127.0.0.3", PageHandler)
    servers += [page_server, mine_server, look_server]
    holder["site"] = Site(port, mine_port, look_port)
    try:
        yield holder["site"]
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


# ---- The agent -----------------------------------------------------------------------------


@dataclass
class AgentProcess:
    process: subprocess.Popen[bytes]
    port: int
    token: str
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def _agent_env(home: Path, chromium: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "LINKLENS_HOME": str(home),
        "LINKLENS_CHROMIUM": chromium,
        # news.test is the page's own name (a loopback dev host the person asks for).
        "LINKLENS_HOST_MAP": "mine.test=127.0.0.2,news.test=127.0.0.1",
        "LINKLENS_SIMULATED_PUBLIC": "127.0.0.2/32,127.0.0.3/32",
        "LINKLENS_RENDER_DEADLINE_S": "15",
        "LINKLENS_NETWORK_IDLE_S": "0.5",
        "LINKLENS_CHECK_TIMEOUT_S": "3",
        "LINKLENS_CHECK_BUDGET_S": "10",
        "LINKLENS_USE_CACHE": "false",
    })
    return env


def start_agent(home: Path, chromium: str, port: int, timeout_s: float = 20.0) -> AgentProcess:
    """`linklens serve --port PORT` with its own LINKLENS_HOME; returns once it accepts TCP."""
    home.mkdir(parents=True, exist_ok=True)
    env = _agent_env(home, chromium)
    token = subprocess.run(
        [sys.executable, "-m", "agent", "token"], env=env, check=True, capture_output=True, text=True,
        timeout=30,
    ).stdout.strip()
    log = home / "agent.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "agent", "serve", "--port", str(port)],
            env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    agent = AgentProcess(process, port, token, log)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the agent exited: {log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return agent
        except OSError:
            time.sleep(0.1)
    agent.stop()
    raise RuntimeError(f"the agent did not listen within {timeout_s}s: {log.read_text(errors='replace')}")


@pytest.fixture(scope="module")
def agent(tmp_path_factory: pytest.TempPathFactory, chromium_executable: str) -> Iterator[AgentProcess]:
    """A real agent for the module, isolated in its own LINKLENS_HOME."""
    process = start_agent(tmp_path_factory.mktemp("agent-home"), chromium_executable, free_port())
    try:
        yield process
    finally:
        process.stop()


# ---- The browser with the extension --------------------------------------------------------


def make_test_extension(target: Path) -> Path:
    """Copy extension/ and add the test-only host permission to the copy's manifest."""
    shutil.copytree(EXTENSION_DIR, target)
    manifest_path = target / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest.setdefault("host_permissions", []).extend([TEST_HOST_PERMISSION, TEST_NAMES_PERMISSION])
    manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return target


@dataclass
class ExtensionBrowser:
    context: BrowserContext
    worker: Worker
    page: Page
    cdp: CDPSession

    async def settings(self, **values: Any) -> None:
        """Write extension settings the way the options page does (chrome.storage.local)."""
        await self.worker.evaluate("(values) => chrome.storage.local.set(values)", values)

    async def toggle(self) -> dict[str, Any]:
        """Run the very handler chrome.action.onClicked calls, on the test page's tab."""
        result: dict[str, Any] = await self.worker.evaluate(
            """async (url) => {
                const tabs = await chrome.tabs.query({});
                const tab = tabs.find((t) => t.url === url);
                if (!tab) throw new Error("no tab with " + url + " in " + JSON.stringify(tabs.map((t) => t.url)));
                return globalThis.linklensToggle(tab);
            }""",
            self.page.url,
        )
        return result

    async def shadow(self, fn: str, *args: Any) -> Any:
        return await shadow_call(self.cdp, fn, *args)

    async def panel_text(self, part: str) -> str | None:
        """Text of the first `[data-part=PART]` inside LinkLens's closed shadow root (None if absent)."""
        text: str | None = await self.shadow(
            "function (part) { const n = this.querySelector(`[data-part=${part}]`); return n ? n.textContent : null; }",
            part,
        )
        return text

    async def wait_panel(self, part: str, timeout_s: float = 30.0) -> str:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            text = await self.panel_text(part)
            if text is not None:
                return text
            await self.page.wait_for_timeout(100)
        status = await self.shadow("function () { return this.textContent.slice(0, 600); }")
        raise AssertionError(f"panel part {part!r} did not appear in {timeout_s}s; panel: {status!r}")

    async def click_part(self, selector: str, *, missing_ok: bool = False) -> bool:
        """A real mouse click at the centre of an element inside the closed shadow root.

        With `missing_ok`, an element that is not (or no longer) there is not an error: nothing
        is clicked and the answer is False.
        """
        box = await self.shadow(
            "function (sel) { const n = this.querySelector(sel); if (!n) return null;"
            " n.scrollIntoView({block: 'nearest'}); const r = n.getBoundingClientRect();"
            " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; }",
            selector,
        )
        if box is None:
            if missing_ok:
                return False
            raise AssertionError(f"no {selector!r} in LinkLens's panel")
        await self.page.mouse.click(box["x"], box["y"])
        return True


#: The `browser` fixture: open a URL in a fresh profile with the test extension.
OpenPage = Callable[[str], Awaitable[ExtensionBrowser]]


async def shadow_call(cdp: CDPSession, fn: str, *args: Any) -> Any:
    """Call `fn` with `this` = LinkLens's CLOSED shadow root, reached through DevTools (which sees
    closed roots; page scripts cannot). Returns None when LinkLens's host element is absent."""
    doc = await cdp.send("DOM.getDocument", {"depth": 0})
    found = await cdp.send("DOM.querySelector", {"nodeId": doc["root"]["nodeId"], "selector": "linklens-ui"})
    if not found["nodeId"]:
        return None
    described = await cdp.send("DOM.describeNode", {"nodeId": found["nodeId"], "depth": 1, "pierce": True})
    roots = described["node"].get("shadowRoots", [])
    assert roots, "LinkLens UI has no shadow root"
    assert roots[0]["shadowRootType"] == "closed", "LinkLens UI must be in a closed shadow root"
    resolved = await cdp.send("DOM.resolveNode", {"backendNodeId": roots[0]["backendNodeId"]})
    result = await cdp.send("Runtime.callFunctionOn", {
        "objectId": resolved["object"]["objectId"],
        "functionDeclaration": fn,
        "arguments": [{"value": a} for a in args],
        "returnByValue": True,
        "awaitPromise": True,
    })
    if "exceptionDetails" in result:
        raise AssertionError(f"shadow call failed: {result['exceptionDetails']}")
    return result["result"].get("value")


@pytest.fixture
async def browser(
    tmp_path: Path, chromium_executable: str
) -> AsyncIterator[OpenPage]:
    """Factory: open URL in a fresh Chromium profile with the test copy of the extension."""
    extension = make_test_extension(tmp_path / "extension")
    async with async_playwright() as p:
        context = await p.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=chromium_executable,
            headless=True,
            viewport={"width": 1280, "height": 800},
            args=[
                f"--disable-extensions-except={extension}",
                f"--load-extension={extension}",
                f"--host-resolver-rules={HOST_RESOLVER_RULES}",
            ],
        )
        try:
            worker = context.service_workers[0] if context.service_workers else await context.wait_for_event(
                "serviceworker", timeout=15000
            )
            assert CHROME_EXTENSION_ID in worker.url, f"extension id is not the fixed one: {worker.url}"

            async def open_page(url: str) -> ExtensionBrowser:
                page = context.pages[0] if context.pages else await context.new_page()
                await page.goto(url)
                cdp = await context.new_cdp_session(page)
                return ExtensionBrowser(context, worker, page, cdp)

            yield open_page
        finally:
            await context.close()
