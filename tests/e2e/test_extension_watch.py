"""The backlink monitor in the extension, end to end (issue 12, "In the agent and the extension").

Real Chromium with the extension, a real `linklens serve` in its own LINKLENS_HOME, and
`linklens watch …` run against that same home: the panel's Watch button puts the link in the
agent's store and the panel then says "watched since …"; after the page loses the link and
`linklens watch check` records it, the worker's poll puts the count on the badge, the alerts popup
lists the change with its source page, and "Seen" clears the badge. The options page turns desktop
notifications on through chrome.permissions.request — stubbed here (headless Chromium cannot click
the permission prompt), so the test shows the click asks for exactly the optional permission and
stores the choice, not that the browser grants it.
"""

from __future__ import annotations

__all__: list[str] = []

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from playwright.async_api import Page

from protocol import CHROME_EXTENSION_ID

from .conftest import ARTIFACTS, AgentProcess, ExtensionBrowser, OpenPage, _agent_env

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

EXTENSION_URL = f"chrome-extension://{CHROME_EXTENSION_ID}"


@dataclass
class ChangingPage:
    """A source page on 127.0.0.1 that links to the person's own mine.test until told not to."""

    port: int
    has_link: dict[str, bool] = field(default_factory=lambda: {"value": True})

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/post.html"

    @property
    def target(self) -> str:
        return f"http://mine.test:{self.port}/review"


@pytest.fixture(scope="module")
def changing_page() -> Iterator[ChangingPage]:
    holder: dict[str, ChangingPage] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            page = holder["page"]
            link = (
                f'<a id="mine" href="{page.target}">the review on my blog</a>'
                if page.has_link["value"] else "the review (link removed)"
            )  # fmt: skip
            body = (
                "<!doctype html><html lang=en><head><meta charset=utf-8><title>Best garden tools</title>"
                "</head><body><h1>Best garden tools of the year</h1>"
                f"<p>We tried twenty spades. Read {link} for the details, and our "
                '<a href="/about">about page</a>.</p></body></html>'
            ).encode()
            status = 200 if self.path.startswith("/post.html") or self.path == "/about" else 404
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    holder["page"] = ChangingPage(int(server.server_address[1]))
    try:
        yield holder["page"]
    finally:
        server.shutdown()
        server.server_close()


def _watch_cli(agent: AgentProcess, chromium: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`linklens watch ARGS` against the agent's own LINKLENS_HOME."""
    env = _agent_env(agent.log.parent, chromium)
    env["LINKLENS_RENDER_DEADLINE_S"] = "60"  # the shared machine can be slow
    return subprocess.run(
        [sys.executable, "-m", "agent", "watch", *args],
        env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip


def _json_rows(text: str, key: str) -> list[dict[str, Any]]:
    value = json.loads(text)
    rows: list[dict[str, Any]] = value[key] if isinstance(value, dict) else value
    return rows


async def _pair(page: ExtensionBrowser, agent: AgentProcess) -> None:
    await page.settings(port=agent.port, token=agent.token, mine=["mine.test"], check=False)
    await page.worker.evaluate(
        """async () => {
            for (let i = 0; i < 150; i++) {
                if (globalThis.linklensConnection.state === "online") return;
                await new Promise((r) => setTimeout(r, 100));
            }
            throw new Error("not online: " + globalThis.linklensConnection.state);
        }"""
    )


async def _badge(page: ExtensionBrowser) -> dict[str, Any]:
    badge: dict[str, Any] = await page.worker.evaluate(
        """async () => ({
            text: await chrome.action.getBadgeText({}),
            color: await chrome.action.getBadgeBackgroundColor({}),
            title: await chrome.action.getTitle({}),
            popup: await chrome.action.getPopup({}),
        })"""
    )
    return badge


async def _wait_badge(page: ExtensionBrowser, text: str, timeout_s: float = 30.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    badge = await _badge(page)
    while time.monotonic() < deadline:
        badge = await _badge(page)
        if badge["text"] == text:
            return badge
        await page.page.wait_for_timeout(200)
    raise AssertionError(f"the badge did not become {text!r} in {timeout_s}s: {badge}")


async def _screenshot_alerts(alerts: Page, badge: dict[str, Any]) -> None:
    """The alerts popup with, above it, the toolbar button drawn from the badge the worker set
    (headless Chromium has no toolbar to photograph)."""
    await alerts.evaluate(
        """(badge) => {
            const bar = document.createElement("div");
            bar.setAttribute("style", "display:flex;justify-content:flex-end;align-items:center;gap:6px;"
              + "padding:6px 10px;margin:-12px -12px 10px;background:#dee1e6;border-bottom:1px solid #c4c7cc;"
              + "font:12px system-ui");
            const label = document.createElement("span");
            label.textContent = "toolbar (badge as set by the extension):";
            label.style.color = "#57606a";
            const button = document.createElement("span");
            button.setAttribute("style", "position:relative;width:32px;height:28px;display:inline-block");
            const icon = document.createElement("img");
            icon.src = "icons/icon-32.png";
            icon.setAttribute("style", "width:20px;height:20px;position:absolute;left:4px;top:2px");
            const text = document.createElement("span");
            text.textContent = badge.text;
            const [r, g, b] = badge.color;
            text.setAttribute("style", `position:absolute;right:-2px;bottom:0;background:rgb(${r},${g},${b});color:#fff;`
              + "font:bold 10px system-ui;padding:0 3px;border-radius:3px;line-height:13px");
            button.append(icon, text);
            bar.append(label, button);
            document.body.prepend(bar);
        }""",
        badge,
    )
    await alerts.wait_for_timeout(200)
    ARTIFACTS.mkdir(exist_ok=True)
    await alerts.screenshot(path=str(ARTIFACTS / "watch-alerts.png"), full_page=True)


async def test_watch_button_badge_popup_and_mark_seen(
    browser: OpenPage, agent: AgentProcess, changing_page: ChangingPage, chromium_executable: str
) -> None:
    """Watch from the panel -> stored; lost after a check -> badge count and popup; Seen clears it."""
    changing_page.has_link["value"] = True
    page = await browser(changing_page.url)
    await _pair(page, agent)
    await _wait_badge(page, "on", timeout_s=10)
    capabilities = await page.worker.evaluate("() => globalThis.linklensConnection.capabilities")
    assert "watch" in capabilities

    started = await page.toggle()
    assert started["action"] == "started", started
    await page.wait_panel("watch-button", timeout_s=60)
    mine = await page.panel_text("your-links")
    assert mine is not None
    assert "Watch" in mine
    await page.click_part("[data-part=watch-button]")
    watched = await page.wait_panel("watched", timeout_s=30)
    assert watched.startswith("watched since "), watched
    ARTIFACTS.mkdir(exist_ok=True)
    await page.page.screenshot(path=str(ARTIFACTS / "watch-panel.png"))

    # The agent's store has it (the same LINKLENS_HOME, read by the CLI).
    listed = _watch_cli(agent, chromium_executable, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = _json_rows(listed.stdout, "links")
    assert [(r["source_url"], r["target"], r["target_kind"]) for r in rows] == [
        (changing_page.url, changing_page.target, "url")
    ], rows
    # A watched link has no Watch button any more.
    assert await page.panel_text("watch-button") is None

    # First check: the link is there (a first check records, it calls nothing a change).
    first = _watch_cli(agent, chromium_executable, "check")
    assert first.returncode == 0, first.stdout + first.stderr
    # The page loses the link; the next check records "lost".
    changing_page.has_link["value"] = False
    second = _watch_cli(agent, chromium_executable, "check", "--json")
    assert second.returncode in (0, 3), second.stdout + second.stderr
    changes = _watch_cli(agent, chromium_executable, "changes", "--json")
    kinds = [c["kind"] for c in _json_rows(changes.stdout, "changes")]
    assert "lost" in kinds, changes.stdout

    # The agent never pushes: the worker asks when it connects (also on its 5-minute alarm).
    await page.worker.evaluate("() => globalThis.linklensConnection.settingsChanged()")
    badge = await _wait_badge(page, "1")
    assert badge["popup"].endswith("/alerts.html"), badge
    assert "1 unseen backlink change" in badge["title"]
    assert badge["color"][:3] == [207, 34, 46]

    # The popup (opened as a page: headless has no toolbar to click) lists it with its source page.
    alerts = await page.context.new_page()
    await alerts.set_viewport_size({"width": 404, "height": 420})
    await alerts.goto(f"{EXTENSION_URL}/alerts.html")
    item = alerts.locator("[data-part=change]")
    await item.first.wait_for(timeout=15000)
    assert await item.count() == 1
    text = await item.first.inner_text()
    assert "Link lost" in text, text
    assert changing_page.url in text, text
    assert await alerts.get_attribute("[data-part=open-source]", "href") == changing_page.url
    await _screenshot_alerts(alerts, badge)

    # "Seen": the agent marks it, the badge is the connection's again, a click outlines again.
    await alerts.click("[data-part=mark-seen]")
    await alerts.locator("text=Nothing new").wait_for(timeout=15000)
    badge = await _wait_badge(page, "on")
    assert badge["popup"] == "", badge
    seen = _watch_cli(agent, chromium_executable, "changes", "--json")
    assert all(c["seen"] for c in _json_rows(seen.stdout, "changes") if c["kind"] == "lost"), (
        seen.stdout
    )
    await alerts.close()

    # The watch_list answer the panel gets (asked from an extension page, as the panel asks): the
    # link was checked and is lost.
    ext = await page.context.new_page()
    await ext.goto(f"{EXTENSION_URL}/alerts.html")
    status = await ext.evaluate(
        "(url) => chrome.runtime.sendMessage({linklens: 'watchStatus', source_url: url})",
        changing_page.url,
    )
    await ext.close()
    assert status["supported"] is True
    assert status["links"][0]["standing"] == "lost", status
    assert status["links"][0]["last_checked_at"], status


async def test_options_turn_notifications_on_with_the_optional_permission(
    browser: OpenPage,
) -> None:
    """The checkbox asks for "notifications" (an optional permission) from the click, stores the choice."""
    page = await browser("about:blank")
    manifest = await page.worker.evaluate("() => chrome.runtime.getManifest()")
    assert manifest["optional_permissions"] == ["notifications"]
    assert "notifications" not in manifest["permissions"]
    options = await page.context.new_page()
    await options.goto(f"{EXTENSION_URL}/options.html")
    assert not await options.is_checked("#watch-notify")
    # Headless Chromium cannot answer the permission prompt: stub the request's result (true),
    # recording what was asked for; everything after it is the page's own code.
    await options.evaluate(
        """() => {
            globalThis.__asked = [];
            chrome.permissions.request = async (p) => { globalThis.__asked.push(p); return true; };
            chrome.permissions.remove = async (p) => { globalThis.__asked.push({removed: p}); return true; };
        }"""
    )
    await options.click("#watch-notify")
    await options.locator("#watch-result", has_text="Notifications on.").wait_for(timeout=10000)
    assert await options.evaluate("() => globalThis.__asked") == [
        {"permissions": ["notifications"]}
    ]
    stored = await page.worker.evaluate("() => chrome.storage.local.get('watchNotify')")
    assert stored == {"watchNotify": True}
    assert await options.is_checked("#watch-notify")
    # The person says no at the prompt: the box stays off and nothing is stored as on.
    await options.click("#watch-notify")
    await options.locator("#watch-result", has_text="Notifications off.").wait_for(timeout=10000)
    await options.evaluate("() => { chrome.permissions.request = async () => false; }")
    await options.click("#watch-notify")
    await options.locator("#watch-result", has_text="did not grant").wait_for(timeout=10000)
    assert not await options.is_checked("#watch-notify")
    stored = await page.worker.evaluate("() => chrome.storage.local.get('watchNotify')")
    assert stored == {"watchNotify": False}
    # The same function the click calls, as other tests can drive it.
    assert (
        await options.evaluate("() => typeof globalThis.linklensSetWatchNotifications")
        == "function"
    )


async def test_an_agent_without_watch_gets_no_watch_button(
    browser: OpenPage, agent: AgentProcess, changing_page: ChangingPage
) -> None:
    """With an agent whose welcome lacks "watch" (an older agent), Your links has no Watch button."""
    changing_page.has_link["value"] = True
    page = await browser(changing_page.url)
    await _pair(page, agent)
    # An older agent's welcome: the capabilities without "watch".
    await page.worker.evaluate(
        "() => { const c = globalThis.linklensConnection;"
        " c.capabilities = c.capabilities.filter((x) => x !== 'watch'); }"
    )
    started = await page.toggle()
    assert started["action"] == "started", started
    mine = await page.wait_panel("mine-link", timeout_s=60)
    assert "mine.test" in mine
    await page.page.wait_for_timeout(1500)  # the panel's watch_list question has had its answer
    assert await page.panel_text("watch-button") is None
    assert await page.panel_text("watched") is None
    badge = await _badge(page)
    assert badge["text"] == "on"
    assert badge["popup"] == ""
