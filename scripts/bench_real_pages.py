#!/usr/bin/env python3
"""Whole `linklens scan --no-check` vs a bare `networkidle` script on the real-page corpus.

Prints a markdown section (scripts/bench puts it under "Scan engine: real pages").

Each saved page of tests/corpus is served offline under its own host name (tests/corpus/
corpus_site.py). For every page, in alternating order, two processes are timed from start to
exit:

- `linklens scan --no-check --json URL`, the real command, started by a few lines of Python
  that only add what the offline corpus needs: host names not in the corpus answer with an
  address where nothing listens (instead of asking the real DNS), and Chromium accepts the
  corpus's throwaway certificate. These patches are applied when the agent itself first imports
  the modules concerned, so they cost the scan no import time of its own;
- a bare Playwright script that launches the same Chromium (the same names mapped the same way),
  loads the page with `wait_until="networkidle"` and lists `a[href]`/`area[href]`.

Reported: the median over pages of the per-page ratio, the median times, and every page where
LinkLens lists fewer distinct link addresses than the bare script (a faster scan that misses
links would be a regression, not progress).

Usage: .venv/bin/python scripts/bench_real_pages.py [--pages N] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent.config import Config  # noqa: E402
from agent.render.browser_locator import find_chromium  # noqa: E402
from tests.corpus.corpus_site import (  # noqa: E402
    BLACKHOLE_IP,
    BROWSER_ARGS,
    CORPUS_IP,
    corpus_server,
    load_manifest,
)

#: The real `linklens` command, behind an import hook that patches two agent modules as they
#: load: unknown names resolve to BLACKHOLE_IP (no real DNS), and Chromium gets BROWSER_ARGS.
SCAN_PROCESS = """
import importlib.abc, importlib.machinery, os, sys

BLACKHOLE = os.environ["BENCH_BLACKHOLE_IP"]
EXTRA_ARGS = tuple(os.environ["BENCH_BROWSER_ARGS"].split())

def patch(module):
    if module.__name__ == "agent.net.resolver":
        original = module.HostResolver.mapped
        module.HostResolver.mapped = lambda self, host: original(self, host) or BLACKHOLE
    elif module.__name__ == "agent.render.browser_pool":
        original_args = module.BrowserPool.launch_args
        module.BrowserPool.launch_args = lambda self: [*original_args(self), *EXTRA_ARGS]

class Hook(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name not in ("agent.net.resolver", "agent.render.browser_pool"):
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        execute = spec.loader.exec_module
        def exec_module(module):
            execute(module)
            patch(module)
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, Hook())
from agent.cli import run
run()
"""

BARE_PROCESS = """
import asyncio, json, sys
from playwright.async_api import async_playwright
async def main():
    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=sys.argv[1], headless=True, args=sys.argv[3:])
        page = await browser.new_page()
        await page.goto(sys.argv[2], wait_until="networkidle")
        text = await page.evaluate(
            "JSON.stringify([...document.querySelectorAll('a[href],area[href]')].map(a => a.href))")
        print(text)
        await browser.close()
asyncio.run(main())
"""


async def timed(*argv: str, env: dict[str, str], timeout_s: float) -> tuple[float, str | None]:
    """Wall time and stdout of one process (None when it failed or timed out)."""
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        *argv, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        out, _ = await asyncio.wait_for(process.communicate(), timeout_s)
    except TimeoutError:
        process.kill()
        await process.wait()
        return time.perf_counter() - started, None
    elapsed = time.perf_counter() - started
    return elapsed, out.decode(errors="replace") if process.returncode == 0 else None


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=0, help="the first N pages (default: all)")
    parser.add_argument("--quick", action="store_true", help="12 pages")
    options = parser.parse_args()
    pages = load_manifest()
    limit = 12 if options.quick else options.pages
    if limit:
        # Spread over the corpus rather than its first sites only.
        step = max(1, len(pages) // limit)
        pages = pages[::step][:limit]
    chromium = find_chromium(Config())
    python = sys.executable
    work = Path(tempfile.mkdtemp(prefix="linklens-bench-real-"))
    scan_script, bare_script = work / "scan.py", work / "bare.py"
    scan_script.write_text(SCAN_PROCESS)
    bare_script.write_text(BARE_PROCESS)

    times: dict[str, list[float]] = {"scan": [], "bare": []}
    ratios: list[float] = []
    fewer: list[str] = []
    failures: list[str] = []
    timings: list[dict[str, float]] = []
    load_before = os.getloadavg()
    async with corpus_server() as server:
        host_map = ",".join(f"{host}={CORPUS_IP}" for host in server.hosts)
        env = {
            **os.environ,
            "LINKLENS_HOME": str(work / "home"),
            "LINKLENS_CHROMIUM": chromium,
            "LINKLENS_HOST_MAP": host_map,
            "LINKLENS_SIMULATED_PUBLIC": f"{CORPUS_IP}/32,{BLACKHOLE_IP}/32",
            "BENCH_BLACKHOLE_IP": BLACKHOLE_IP,
            "BENCH_BROWSER_ARGS": " ".join(BROWSER_ARGS),
        }
        rules = ", ".join([*(f"MAP {host} {CORPUS_IP}" for host in server.hosts),
                           f"MAP * {BLACKHOLE_IP}"])
        bare_args = [f"--host-resolver-rules={rules}", *BROWSER_ARGS]
        for number, page in enumerate(pages):
            url = page.local_url(server.port)
            runs = [
                ("scan", lambda url=url: timed(python, str(scan_script), "scan", "--no-check",
                                               "--json", url, env=env, timeout_s=120)),
                ("bare", lambda url=url: timed(python, str(bare_script), chromium, url,
                                               *bare_args, env=env, timeout_s=120)),
            ]
            if number % 2:
                runs.reverse()
            elapsed: dict[str, float] = {}
            found: dict[str, set[str]] = {}
            for tool, run in runs:
                seconds, output = await run()
                if output is None:
                    failures.append(f"{page.name}: {tool} failed or took over 120 s")
                    continue
                elapsed[tool] = seconds
                if tool == "scan":
                    report = json.loads(output)
                    found[tool] = {link["href"] for link in report["links"] if link.get("href")}
                    timings.append(report.get("timings", {}))
                else:
                    found[tool] = set(json.loads(output))
            if len(elapsed) < 2:
                continue
            for tool in ("scan", "bare"):
                times[tool].append(elapsed[tool])
            ratios.append(elapsed["scan"] / elapsed["bare"])
            missing = found["bare"] - found["scan"]
            if missing:
                fewer.append(f"{page.name}: {len(missing)} of {len(found['bare'])} "
                             f"(e.g. {sorted(missing)[0]})")
            print(f"  {page.name}: scan {elapsed['scan']:.2f} s, bare {elapsed['bare']:.2f} s",
                  file=sys.stderr)
    load_after = os.getloadavg()

    say = print
    say("### Real pages: whole `linklens scan --no-check` vs a bare `networkidle` script\n")
    say(f"{len(ratios)} pages of the corpus, each served offline under its own name; both "
        "processes timed from start to exit (Python start-up, imports and the browser launch "
        "included), alternating which goes first. Load average (1 min) "
        f"{load_before[0]:.1f} before, {load_after[0]:.1f} after, on {os.cpu_count()} CPUs.\n")
    if not ratios:
        say("No page was measured.\n")
        for failure in failures:
            say(f"- {failure}")
        return 1
    median_ratio = statistics.median(ratios)
    say("| | linklens scan --no-check | bare `networkidle` script |")
    say("|---|---:|---:|")
    say(f"| median time per page | {statistics.median(times['scan']) * 1000:,.0f} ms | "
        f"{statistics.median(times['bare']) * 1000:,.0f} ms |")
    say(f"| total | {sum(times['scan']):,.1f} s | {sum(times['bare']):,.1f} s |")
    quartiles = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else [ratios[0]] * 3
    say(f"\nPer-page ratio (scan / bare): median {median_ratio:.2f}×, quartiles "
        f"{quartiles[0]:.2f}× and {quartiles[2]:.2f}×, worst {max(ratios):.2f}×. Target: the "
        f"median no longer than the bare script — **{'met' if median_ratio <= 1.0 else 'missed'}**.\n")
    say(f"Pages where LinkLens listed fewer link addresses than the bare script: {len(fewer)}.")
    for line in fewer:
        say(f"- {line}")
    stages = ("setup", "navigate", "load", "virtual_time", "network_idle", "scroll", "collect",
              "raw_html", "classify", "assess")
    say("\nWhere the scan's time goes, median over the pages (`report.timings`, ms; a stage a "
        "page did not use counts as 0):\n")
    say("| " + " | ".join(stages) + " |")
    say("|" + "---:|" * len(stages))
    say("| " + " | ".join(
        f"{statistics.median(t.get(stage, 0.0) for t in timings):,.0f}" for stage in stages) + " |")
    say("")
    for failure in failures:
        say(f"- failed: {failure}")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
