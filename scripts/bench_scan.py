#!/usr/bin/env python3
"""Benchmark of the scan engine; prints a markdown section (scripts/bench puts it in BENCHMARKS.md).

Pages of 1,000 / 5,000 / 20,000 JavaScript-created links are served on 127.0.0.2 (declared
public). Compared, in alternating order, several repeats, medians:

- collecting: the engine's collector (one evaluate of extension/collector.js, JSON decoded;
  `timings.collect`) vs a bare `evaluate` listing hrefs, in the same browser;
- whole processes: `linklens scan --no-check --json URL` vs a bare Playwright script that only
  launches the same Chromium, loads the page and lists its links;
- settling: a page whose timers, animation frame, idle callback and slow fetch add links 450 ms
  to 3 s after load, `linklens scan --no-check --json` vs a bare Playwright script that waits for
  `networkidle` (links found, whole process time); and the 5,000-link page, the same two;
- the per-element Playwright way (query_selector_all + get_attribute per element), on the
  1,000-link page only (it is very slow);
- agent memory over consecutive analyses: RSS of this process and its children (the Playwright
  driver and Chromium), the way `linklens serve` holds one browser for every job.

Usage: .venv/bin/python scripts/bench_scan.py [--repeats N] [--analyses N] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import psutil
from aiohttp import web

from agent.config import Config
from agent.net.address_policy import AddressPolicy
from agent.net.resolver import HostResolver
from agent.render.browser_locator import find_chromium
from agent.render.browser_pool import BrowserPool
from agent.render.page import render_page
from protocol import Analyze, AnalyzeOptions, Message

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.2"
SIZES = (1_000, 5_000, 20_000)

PAGE = """<!doctype html><html><head><title>{n} links</title></head><body><main id="m"></main>
<script>
const f = document.createDocumentFragment();
for (let i = 0; i < {n}; i++) {{
  const p = document.createElement('p'); const a = document.createElement('a');
  a.href = (i % 3 ? '/page/' : 'https://example-' + (i % 50) + '.test/') + i;
  if (i % 7 === 0) a.rel = 'nofollow';
  a.textContent = 'Link number ' + i; p.appendChild(a); f.appendChild(p);
}}
document.getElementById('m').appendChild(f);
</script></body></html>"""

BARE_SCRIPT = """
import asyncio, json, sys
from playwright.async_api import async_playwright
async def main():
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=sys.argv[1], headless=True)
        page = await browser.new_page()
        await page.goto(sys.argv[2])
        text = await page.evaluate(
            "JSON.stringify([...document.querySelectorAll('a[href],area[href]')].map(a => a.href))")
        print(len(json.loads(text)))
        await browser.close()
asyncio.run(main())
"""


#: The same bare script, waiting for Playwright's `networkidle` (no request for 500 ms) instead of
#: `load`: what a person writing a quick crawler does to see what scripts add.
BARE_IDLE_SCRIPT = BARE_SCRIPT.replace("await page.goto(sys.argv[2])",
                                       'await page.goto(sys.argv[2], wait_until="networkidle")')
BARE_IDLE_SCRIPT = BARE_IDLE_SCRIPT.replace(
    "print(len(json.loads(text)))", "print(json.dumps(json.loads(text)))")

#: Links added after `load` by the page's clock: timers at 450 ms, 900 ms and 3 s, an animation
#: frame, an idle callback, and a fetch a timer starts that the server answers in 900 ms.
TIMER_PAGE = """<!doctype html><html><body><a href="/static">static</a>
<script>
function add(href) { const a = document.createElement('a'); a.href = href; a.textContent = href;
                     document.body.appendChild(a); }
addEventListener('load', () => {
  setTimeout(() => add('/timer-450'), 450);
  setTimeout(() => requestAnimationFrame(() => add('/frame-900')), 900);
  setTimeout(() => requestIdleCallback(() => add('/idle-3000')), 3000);
  setTimeout(() => add('/timer-3000'), 3000);
  setTimeout(() => fetch('/slow').then(r => r.text()).then(add), 450);
});
</script></body></html>"""
TIMER_LINKS = ("/static", "/timer-450", "/frame-900", "/idle-3000", "/timer-3000", "/from-slow")

_TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:,.0f} ms" if values else "n/a"


async def start_site() -> tuple[web.AppRunner, int]:
    async def page(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        return web.Response(text=PAGE.format(n=n), content_type="text/html")

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(0.9)
        return web.Response(text="/from-slow")

    app = web.Application()
    app.router.add_get("/links/{n}", page)
    app.router.add_get("/timers", lambda r: web.Response(text=TIMER_PAGE, content_type="text/html"))  # type: ignore[arg-type, return-value]
    app.router.add_get("/slow", slow)
    app.router.add_get("/page/{tail:.*}", lambda r: web.Response(text="ok"))  # type: ignore[arg-type, return-value]
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, HOST, 0).start()
    return runner, int(runner.addresses[0][1])


async def timed_process(*argv: str, env: dict[str, str]) -> tuple[float, int, str]:
    """Wall time, exit status and stdout of one process (stderr's tail when it failed)."""
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        *argv,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    elapsed = time.perf_counter() - started
    if process.returncode:
        return elapsed, process.returncode, err.decode(errors="replace")[-300:]
    return elapsed, 0, out.decode(errors="replace")


def tree_rss() -> int:
    me = psutil.Process()
    total = me.memory_info().rss
    for child in me.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            total += child.memory_info().rss
    return total


async def settle_section(
    port: int, repeats: int, *, linklens: str, python: str, bare_idle_script: Path, chromium: str,
    env: dict[str, str],
) -> str:
    """Settling: the timer page and the 5,000-link page, `linklens scan --no-check` vs a bare
    script waiting for `networkidle`, whole processes, alternating. Markdown."""
    lines: list[str] = []
    say = lines.append
    failures: list[str] = []
    settle_pages = (("timer links", f"http://{HOST}:{port}/timers"),
                    ("5,000 links", f"http://{HOST}:{port}/links/5000"))
    settle_times: dict[str, dict[str, list[float]]] = {
        name: {"scan": [], "bare": []} for name, _ in settle_pages}
    settle_found: dict[str, dict[str, list[int]]] = {
        name: {"scan": [], "bare": []} for name, _ in settle_pages}
    settle_stages: dict[str, dict[str, float]] = {}
    for repeat in range(repeats):
        for name, url in settle_pages:
            idle_runs: list[tuple[str, Callable[[], Awaitable[tuple[float, int, str]]]]] = [
                ("scan", lambda url=url: timed_process(
                    linklens, "scan", "--no-check", "--json", url, env=env)),
                ("bare", lambda url=url: timed_process(
                    python, str(bare_idle_script), chromium, url, env=env)),
            ]
            if repeat % 2:
                idle_runs.reverse()
            for tool, run in idle_runs:
                elapsed, code, output = await run()
                if code != 0:
                    failures.append(f"{tool} {name}: exit {code}: {output.strip()}")
                    continue
                settle_times[name][tool].append(elapsed)
                if tool == "scan":
                    report = json.loads(output)
                    found = {link.get("href") for link in report.get("links", [])}
                    settle_stages[name] = report.get("timings", {})
                else:
                    found = set(json.loads(output))
                if name == "timer links":
                    wanted = {f"http://{HOST}:{port}{path}" for path in TIMER_LINKS}
                    settle_found[name][tool].append(len(wanted & found))
                else:
                    settle_found[name][tool].append(len(found))
    say("### Settling: links added after `load`, vs a bare script waiting for `networkidle`\n")
    say("The timer page adds links 450 ms, 900 ms and 3 s after `load` (timers, an animation "
        f"frame, an idle callback, a fetch answered in 900 ms): {len(TIMER_LINKS)} links in all. "
        "Whole processes, browser launch included, alternating; links found is the fewest over "
        "the runs.\n")
    say("| page | linklens scan --no-check | links found | bare `networkidle` script | "
        "links found | ratio |")
    say("|---|---:|---:|---:|---:|---:|")
    settle_ratios: dict[str, float] = {}
    for name, _ in settle_pages:
        times, found_counts = settle_times[name], settle_found[name]
        if times["scan"] and times["bare"]:
            settle_ratios[name] = statistics.median(times["scan"]) / statistics.median(times["bare"])
        ratio = f"{settle_ratios[name]:.2f}×" if name in settle_ratios else "n/a"
        say(f"| {name} | {median_ms(times['scan'])} | {min(found_counts['scan'], default=0):,} | "
            f"{median_ms(times['bare'])} | {min(found_counts['bare'], default=0):,} | {ratio} |")
    timer_all = min(settle_found["timer links"]["scan"], default=0) == len(TIMER_LINKS)
    timer_ratio = settle_ratios.get("timer links", float("inf"))
    five_ratio = settle_ratios.get("5,000 links", float("inf"))
    say(f"\nTargets: on the timer page LinkLens finds every link and takes no longer than the "
        f"bare script — {'every link' if timer_all else 'links missed'}, {timer_ratio:.2f}×: "
        f"**{'met' if timer_all and timer_ratio <= 1.0 else 'missed'}**; the 5,000-link page "
        f"within 1.1× of the bare script — {five_ratio:.2f}×: "
        f"**{'met' if five_ratio <= 1.1 else 'missed'}**.\n")
    settle_keys = ("setup", "navigate", "load", "virtual_time", "network_idle", "scroll",
                   "collect", "raw_html", "extract", "classify", "assess")
    say("Where the scan's time goes on these pages (its last run; `report.timings`, ms; "
        "`virtual_time` is the wait on the page's clock after `load`, `network_idle` the "
        "real-time wait when the clock was not used):\n")
    say("| page | " + " | ".join(settle_keys) + " |")
    say("|---|" + "---:|" * len(settle_keys))
    for name, timings in settle_stages.items():
        say(f"| {name} | " + " | ".join(
            f"{timings[key]:,.0f}" if key in timings else "–" for key in settle_keys) + " |")
    say("")
    for failure in failures:
        say(f"- failed run: {failure}")
    return "\n".join(lines)


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--analyses", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="2 repeats, 20 analyses")
    parser.add_argument("--settle-only", action="store_true",
                        help="only the settling comparison (timer page, 5,000 links)")
    options = parser.parse_args()
    repeats = 2 if options.quick else options.repeats
    analyses = 20 if options.quick else options.analyses

    config = Config(simulated_public=(f"{HOST}/32",), max_links=50_000, network_idle_s=2.0)
    chromium = find_chromium(config)
    runner, port = await start_site()
    home = tempfile.mkdtemp(prefix="linklens-bench-")
    env = {
        **os.environ,
        "LINKLENS_HOME": home,
        "LINKLENS_SIMULATED_PUBLIC": f"{HOST}/32",
        "LINKLENS_CHROMIUM": chromium,
    }
    bare_script = Path(home) / "bare_playwright.py"
    bare_script.write_text(BARE_SCRIPT)
    bare_idle_script = Path(home) / "bare_playwright_networkidle.py"
    bare_idle_script.write_text(BARE_IDLE_SCRIPT)
    if options.settle_only:
        print(await settle_section(
            port, repeats, linklens=str(ROOT / ".venv" / "bin" / "linklens"),
            python=sys.executable, bare_idle_script=bare_idle_script, chromium=chromium, env=env))
        await runner.cleanup()
        return 0
    linklens = str(ROOT / ".venv" / "bin" / "linklens")
    python = sys.executable
    lines: list[str] = []
    say = lines.append

    pool = BrowserPool(config)
    resolver = HostResolver(config)
    try:
        # --- collecting, in one browser ------------------------------------------------------
        collect: dict[int, list[float]] = {n: [] for n in SIZES}
        bare_eval: dict[int, list[float]] = {n: [] for n in SIZES}
        render_total: dict[int, list[float]] = {n: [] for n in SIZES}
        counts: dict[int, int] = {}
        for _ in range(repeats):
            for n in SIZES:
                url = f"http://{HOST}:{port}/links/{n}"
                policy = await AddressPolicy.for_page(url, config, resolver)
                result = await render_page(
                    pool, url, config=config, policy=policy, deadline_s=30, resolver=resolver
                )
                collect[n].append(result.timings["collect"] / 1000)
                render_total[n].append(result.timings["render"] / 1000)
                counts[n] = len(result.collection.links)
                async with pool.context() as context:
                    page = await context.new_page()
                    await page.goto(url)
                    # Two frames first: the page's first layout and paint, which the collector
                    # never waits for either (the render scrolled long before), are not timed.
                    await page.evaluate(_TWO_FRAMES)
                    started = time.perf_counter()
                    await page.evaluate(
                        "JSON.stringify([...document.querySelectorAll('a[href],area[href]')]"
                        ".map(a => a.href))"
                    )
                    bare_eval[n].append(time.perf_counter() - started)

        say("### Collecting the links of a rendered page (same browser)\n")
        say("| links | LinkLens collector (`timings.collect`) | bare evaluate of hrefs | "
            "LinkLens render, whole (`timings.render`) |")
        say("|---:|---:|---:|---:|")
        for n in SIZES:
            say(f"| {n:,} ({counts[n]:,} found) | {median_ms(collect[n])} | "
                f"{median_ms(bare_eval[n])} | {median_ms(render_total[n])} |")
        five = statistics.median(collect[5_000]) * 1000
        say(f"\nTarget: collecting 5,000 links < 100 ms — measured {five:,.0f} ms: "
            f"**{'met' if five < 100 else 'missed'}**. The collector does more than the bare "
            "evaluate (rel, text, context, visibility from computed styles per link).\n")

        # --- the per-element way -------------------------------------------------------------
        url = f"http://{HOST}:{port}/links/1000"
        async with pool.context() as context:
            page = await context.new_page()
            await page.goto(url)
            started = time.perf_counter()
            handles = await page.query_selector_all("a")
            for handle in handles:
                await handle.get_attribute("href")
                await handle.get_attribute("rel")
            per_element = time.perf_counter() - started
        say("### The per-element Playwright way\n")
        say(f"`query_selector_all('a')` + `get_attribute` (href, rel) per element on the 1,000-link "
            f"page: {per_element * 1000:,.0f} ms for {len(handles):,} elements (one run; measured "
            "on 1,000 only because it grows linearly and takes tens of seconds at 5,000+).\n")
    finally:
        await pool.close()

    # --- whole processes, alternating ------------------------------------------------------------
    scan_times: dict[int, list[float]] = {n: [] for n in SIZES}
    bare_times: dict[int, list[float]] = {n: [] for n in SIZES}
    stage_times: dict[int, tuple[float, dict[str, float]]] = {}
    failures: list[str] = []
    load_before = os.getloadavg()
    for repeat in range(repeats):
        for n in SIZES:
            url = f"http://{HOST}:{port}/links/{n}"
            runs: list[tuple[str, Callable[[], Awaitable[tuple[float, int, str]]]]] = [
                ("scan", lambda url=url: timed_process(
                    linklens, "scan", "--no-check", "--json", url, env=env)),
                ("bare", lambda url=url: timed_process(
                    python, str(bare_script), chromium, url, env=env)),
            ]
            if repeat % 2:
                runs.reverse()  # alternate which goes first
            for name, run in runs:
                elapsed, code, output = await run()
                if code != 0:
                    failures.append(f"{name} {n}: exit {code}: {output.strip()}")
                    continue
                (scan_times if name == "scan" else bare_times)[n].append(elapsed)
                if name == "scan":
                    stage_times[n] = (elapsed, json.loads(output).get("timings", {}))
    say("### Whole process: `linklens scan --no-check --json` vs a bare Playwright script\n")
    say("| links | linklens scan | bare script | ratio |")
    say("|---:|---:|---:|---:|")
    ratios = []
    for n in SIZES:
        if scan_times[n] and bare_times[n]:
            ratio = statistics.median(scan_times[n]) / statistics.median(bare_times[n])
            ratios.append(ratio)
            say(f"| {n:,} | {median_ms(scan_times[n])} | {median_ms(bare_times[n])} | {ratio:.2f}× |")
        else:
            say(f"| {n:,} | {median_ms(scan_times[n])} | {median_ms(bare_times[n])} | n/a |")
    if ratios:
        worst = max(ratios)
        say(f"\nTarget: at most 1.3× the bare script — worst ratio {worst:.2f}×: "
            f"**{'met' if worst <= 1.3 else 'missed'}**. The scan also waits for the network to "
            "go quiet, scrolls for lazy links, reads the raw HTML, classifies and prints JSON; "
            "the bare script stops at `load`.\n")
    for failure in failures:
        say(f"- failed run: {failure}")
    load_after = os.getloadavg()
    say(f"Load average (1 min) before / after these runs: {load_before[0]:.1f} / "
        f"{load_after[0]:.1f} on {os.cpu_count()} CPUs.\n")
    stages = ("setup", "navigate", "load", "virtual_time", "network_idle", "scroll", "collect",
              "raw_html", "extract", "classify", "assess")
    say("Where one scan's time goes (its last run; `report.timings`, ms; `process` is the "
        "wall time of the whole command, including Python start-up, imports and printing):\n")
    say("| links | " + " | ".join(stages) + " | process |")
    say("|---:|" + "---:|" * (len(stages) + 1))
    for n, (elapsed, timings) in sorted(stage_times.items()):
        cells = " | ".join(f"{timings.get(stage, 0):,.0f}" for stage in stages)
        say(f"| {n:,} | {cells} | {elapsed * 1000:,.0f} |")
    say("")

    say(await settle_section(
        port, repeats, linklens=linklens, python=python, bare_idle_script=bare_idle_script,
        chromium=chromium, env=env))

    # --- memory over consecutive analyses -------------------------------------------------------
    from agent.pipeline import run_analysis

    async def ignore(message: Message) -> None:
        return None

    pool = BrowserPool(config)
    samples: list[tuple[int, int]] = []
    # Measured from analysis 10 on: the first ones warm caches (driver, Chromium, Python).
    checkpoints = sorted({10, analyses // 4, analyses // 2, 3 * analyses // 4, analyses} - {0})
    url = f"http://{HOST}:{port}/links/1000"
    try:
        for i in range(1, analyses + 1):
            request = Analyze(id=str(i), url=url, options=AnalyzeOptions(check=False))
            await run_analysis(request, config=config, browser=pool, emit=ignore)
            if i in checkpoints:
                # Let the closed context's renderer process exit: steady state, not teardown.
                await asyncio.sleep(1.0)
                samples.append((i, tree_rss()))
    finally:
        await pool.close()
    say(f"### Agent memory over {analyses} consecutive analyses (1,000-link page, no checks)\n")
    say("RSS of the agent process plus its children (Playwright driver, Chromium):\n")
    say("| after analyses | RSS |")
    say("|---:|---:|")
    for i, rss in samples:
        say(f"| {i} | {rss / 2**20:,.1f} MiB |")
    base = next(rss for i, rss in samples if i >= 10)
    drift = (samples[-1][1] - base) / base * 100
    widest = max((rss - base) / base * 100 for i, rss in samples if i >= 10)
    lowest = min((rss - base) / base * 100 for i, rss in samples if i >= 10)
    flat = max(abs(widest), abs(lowest)) <= 10
    say(f"\nFrom analysis 10 to {analyses}: {drift:+.1f}%; every checkpoint within "
        f"{lowest:+.1f}% / {widest:+.1f}% of analysis 10 — target flat ±10%: "
        f"**{'met' if flat else 'missed'}**. Each sample is taken 1 s after an analysis, "
        "once the closed context's renderer has exited.\n")

    await runner.cleanup()
    say("### Machine\n")
    say(f"{platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs (shared with other work while measuring), Chromium at `{chromium}`, "
        f"{repeats} repeats per cell, medians.\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
