"""Backlink monitor benchmark: `linklens watch check` vs `linklens scan --no-check` page by page.

A local "web" of 20 hosts (127.0.0.2-127.0.0.21, aiohttp in this process) serving 200 article
pages, each with about 40 links, 500 of them to the watched targets (2-3 per page, five domains
of "yours"). The watch list is imported from a CSV, then timed:

    watch check      one `linklens watch check` process: every page rendered once, --jobs at a
                     time in one shared Chromium, results stored per page
    scan, one by one `linklens scan URL --no-check --json` for each page, one process after the
                     other (what a person or a cron job would do without the monitor)

and the store's growth is measured across a second check of the unchanged list (the file size
after a WAL checkpoint, and the rows added). Prints a markdown section for docs/BENCHMARKS.md.

    .venv/bin/python scripts/bench_watch.py [--pages 200] [--jobs 4] [--scan-pages N]

`--scan-pages N` times the one-by-one scans on the first N pages only and scales the total to all
pages (the column says so); by default all pages are scanned.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
HOSTS = [f"127.0.0.{n}" for n in range(2, 22)]
TARGETS = ["mine-1.test", "mine-2.test", "mine-3.test", "mine-4.test", "mine-5.test"]
LINKCOUNT = 500


def page_links(index: int, watched: list[str]) -> str:
    """An article with its watched links among ~40 others (nav, footer, other sites)."""
    parts = [f'<a href="/post/{index}/{n}">related {n}</a>' for n in range(15)]
    parts += [f'<a href="http://other-{n}.test/p/{index}">elsewhere {n}</a>' for n in range(20)]
    for n, target in enumerate(watched):
        rel = ' rel="nofollow"' if (index + n) % 7 == 0 else ""
        parts.insert(5 + 3 * n, f'<a{rel} href="http://{target}/guide-{index}">our guide {n}</a>')
    body = "</p><p>".join(parts)
    return (
        f"<!doctype html><html><head><title>post {index}</title></head><body>"
        f"<nav><a href='/'>home</a></nav><main><article><h1>Post {index}</h1><p>{body}</p>"
        f"</article></main><footer><a href='/about'>about</a></footer></body></html>"
    )


def plan(pages: int) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """(page URL path -> HTML per host key, watched (source, target) pairs)."""
    html: dict[str, str] = {}
    watched: list[tuple[str, str]] = []
    for i in range(pages):
        host = HOSTS[i % len(HOSTS)]
        # 500 links over the pages: 2 or 3 targets each.
        count = LINKCOUNT * (i + 1) // pages - LINKCOUNT * i // pages
        targets = [TARGETS[(i + k) % len(TARGETS)] for k in range(count)]
        html[f"{host}/post/{i}"] = page_links(i, targets)
        watched += [(f"{host}/post/{i}", t) for t in dict.fromkeys(targets)]
    return html, watched


async def serve(html: dict[str, str]) -> list[web.AppRunner]:
    runners = []
    for host in HOSTS:
        async def handler(request: web.Request, host: str = host) -> web.Response:
            body = html.get(f"{host}{request.path}")
            if body is None:
                return web.Response(status=404, text="not found", content_type="text/html")
            return web.Response(text=body, content_type="text/html")

        app = web.Application()
        app.router.add_get("/{tail:.*}", handler)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, host, 8480).start()
        runners.append(runner)
    return runners


async def linklens(env: dict[str, str], *args: str) -> tuple[int, bytes, float]:
    started = time.monotonic()
    process = await asyncio.create_subprocess_exec(
        str(ROOT / ".venv" / "bin" / "linklens"), *args, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    out, _ = await process.communicate()
    return process.returncode or 0, out, time.monotonic() - started


def store_size(db: Path) -> tuple[int, int, int]:
    """(bytes after a checkpoint, observations, changes)."""
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    observations = connection.execute("SELECT count(*) FROM observation").fetchone()[0]
    changes = connection.execute("SELECT count(*) FROM change").fetchone()[0]
    connection.close()
    return db.stat().st_size, observations, changes


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--scan-pages", type=int, default=None)
    args = parser.parse_args()

    html, watched = plan(args.pages)
    runners = await serve(html)
    home = Path(tempfile.mkdtemp(prefix="linklens-bench-watch-"))
    env = dict(os.environ)
    env.update(
        LINKLENS_HOME=str(home),
        LINKLENS_SIMULATED_PUBLIC=",".join(f"{h}/32" for h in HOSTS),
        LINKLENS_USE_CACHE="false",
    )
    try:
        listing = home / "links.csv"
        with listing.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["Source url", "Target url"])
            for source, target in watched:
                writer.writerow([f"http://{source.replace('/', ':8480/', 1)}", target])
        code, _, _ = await linklens(env, "watch", "import", str(listing))
        assert code == 0, "import failed"

        code, out, watch_s = await linklens(env, "watch", "check", "--jobs", str(args.jobs), "--json")
        first = json.loads(out)
        db = home / "data" / "history.sqlite3"
        size_1, obs_1, changes_1 = store_size(db)
        code, out, again_s = await linklens(env, "watch", "check", "--jobs", str(args.jobs), "--json")
        second = json.loads(out)
        size_2, obs_2, changes_2 = store_size(db)

        urls = [f"http://{key.replace('/', ':8480/', 1)}" for key in html]
        sample = urls[: args.scan_pages] if args.scan_pages else urls
        scan_s = 0.0
        for url in sample:
            code, _, seconds = await linklens(env, "scan", url, "--no-check", "--json")
            assert code == 0, f"scan of {url} failed"
            scan_s += seconds
        scan_total = scan_s * len(urls) / len(sample)
    finally:
        for runner in runners:
            await runner.cleanup()

    scaled = "" if len(sample) == len(urls) else f" (timed on {len(sample)} pages, scaled)"
    print(f"{args.pages} source pages on {len(HOSTS)} local hosts, {len(watched)} watched links "
          f"(~40 links a page); `--jobs {args.jobs}`; link-status cache off.\n")  # fmt: skip
    print("| run | pages | links | time | per page |")
    print("|---|---:|---:|---:|---:|")
    print(f"| `linklens watch check` (first check) | {first['pages']} | {first['links']} | "
          f"{watch_s:.1f} s | {watch_s / max(1, first['pages']):.2f} s |")  # fmt: skip
    print(f"| `linklens watch check` (unchanged list) | {second['pages']} | {second['links']} | "
          f"{again_s:.1f} s | {again_s / max(1, second['pages']):.2f} s |")  # fmt: skip
    print(f"| `linklens scan --no-check --json`, one page after another{scaled} | {len(urls)} | - | "
          f"{scan_total:.1f} s | {scan_total / len(urls):.2f} s |")  # fmt: skip
    print()
    print(f"`watch check` takes **{watch_s / scan_total:.2f}x** the time of the one-by-one scans "
          f"(target: at most 0.25x).\n")  # fmt: skip
    grown = size_2 - size_1
    print(f"Store growth per check of the unchanged list: {obs_2 - obs_1} observations, "
          f"{changes_2 - changes_1} changes, {grown / 1024:.0f} KiB "
          f"({grown / max(1, obs_2 - obs_1):.0f} bytes an observation); the store was "
          f"{size_1 / 1024:.0f} KiB after the first check ({obs_1} observations, {changes_1} changes).")  # fmt: skip


if __name__ == "__main__":
    if Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
        os.execv(ROOT / ".venv" / "bin" / "python", [str(ROOT / ".venv" / "bin" / "python"), *sys.argv])
    asyncio.run(main())
