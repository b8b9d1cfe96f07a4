"""Backlink audit benchmark: `linklens audit` at --jobs 1, 2, 4, 8 vs `linklens scan --no-check`
one page after another, peak memory, and a resume after a kill.

A local "web" of 30 hosts (127.0.0.2-127.0.0.31, aiohttp in this process) serving the source
pages (article text and ~40 links, one or two of them to "your" domain), listed in an
Ahrefs-style CSV. Timed:

    audit --jobs N   one `linklens audit FILE --mine mine.test --jobs N --fresh --topic ...`
                     process: every page rendered once in one shared Chromium, stored per page;
                     peak memory = the largest RSS sum of the process and all its children
                     (Chromium's) sampled every 0.1 s
    scan, one by one `linklens scan URL --no-check --json` per page, one process after another
                     (what a person would do without the audit)
    resume           an audit killed (SIGKILL) once half its pages are stored, then the same
                     command: the server counts requests per page, and no page stored before the
                     kill may be requested again

`--topic` is given so no target page of yours is read (mine.test resolves nowhere here).
Prints a markdown section for docs/BENCHMARKS.md.

    .venv/bin/python scripts/bench_audit.py [--pages 300] [--jobs 1,2,4,8] [--scan-pages N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import json
import os
import signal
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import psutil
from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
HOSTS = [f"127.0.0.{n}" for n in range(2, 32)]
PORT = 8491
TEXT = ("Brewing great coffee starts with fresh beans. Grind the beans just before you brew and "
        "weigh the coffee and the water; a burr grinder gives an even grind. ")  # fmt: skip


def page_html(index: int) -> str:
    """An article with ~40 links: internal, other sites, one or two to mine.test."""
    parts = [f'<a href="/post/{index}/{n}">related {n}</a>' for n in range(15)]
    parts += [f'<a href="http://other-{n}.test/p/{index}">elsewhere {n}</a>' for n in range(22)]
    parts.insert(4, f'<a href="http://mine.test/guide-{index % 7}">our coffee guide</a>')
    if index % 5 == 0:
        parts.insert(9, '<a rel="nofollow" href="http://mine.test/">mine</a>')
    if index % 11 == 0:
        parts.insert(12, '<a style="display:none" href="http://mine.test/">cheap viagra</a>')
    body = "</p><p>".join(parts)
    return (f"<!doctype html><html><head><title>post {index}</title></head><body>"
            f"<nav><a href='/'>home</a></nav><main><article><h1>Post {index}</h1><p>{TEXT * 3}</p>"
            f"<p>{body}</p></article></main><footer><a href='/about'>about</a></footer></body></html>")  # fmt: skip


async def serve(pages: dict[str, str], hits: Counter[str]) -> list[web.AppRunner]:
    runners = []
    for host in HOSTS:
        async def handler(request: web.Request, host: str = host) -> web.Response:
            key = f"{host}{request.path}"
            hits[key] += 1
            body = pages.get(key)
            if body is None:
                return web.Response(status=404, text="not found", content_type="text/html")
            return web.Response(text=body, content_type="text/html")

        app = web.Application()
        app.router.add_get("/{tail:.*}", handler)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, host, PORT).start()
        runners.append(runner)
    return runners


def tree_rss(process: psutil.Process) -> int:
    total = 0
    with contextlib.suppress(psutil.Error):
        total += process.memory_info().rss
        for child in process.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                total += child.memory_info().rss
    return total


async def linklens(env: dict[str, str], *args: str) -> tuple[int, bytes, float, int]:
    """(exit code, stdout, seconds, peak RSS of the process tree); stderr is appended to
    LINKLENS_HOME/stderr.txt for a failure's post-mortem."""
    started = time.monotonic()
    with (Path(env["LINKLENS_HOME"]) / "stderr.txt").open("ab") as errors:
        errors.write(f"--- linklens {' '.join(args)}\n".encode())
        errors.flush()
        process = await asyncio.create_subprocess_exec(
            str(ROOT / ".venv" / "bin" / "linklens"), *args, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=errors,
        )  # fmt: skip
    watched = psutil.Process(process.pid)
    peak = 0

    async def sample() -> None:
        nonlocal peak
        while True:
            peak = max(peak, tree_rss(watched))
            await asyncio.sleep(0.1)

    sampler = asyncio.create_task(sample())
    out, _ = await process.communicate()
    sampler.cancel()
    return process.returncode or 0, out, time.monotonic() - started, peak


def stored(db: Path, listing: Path) -> set[str]:
    """Source pages stored in the audit of `listing` (an audit is keyed by its input file)."""
    if not db.exists():
        return set()
    connection = sqlite3.connect(db)
    try:
        rows = connection.execute(
            "SELECT source_url FROM audit_page JOIN audit_run ON audit_run.id = audit_page.run_id "
            "WHERE audit_run.input = ?", (str(listing.resolve()),),
        )
        return {row[0] for row in rows}
    except sqlite3.OperationalError:
        return set()
    finally:
        connection.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--jobs", default="1,2,4,8")
    parser.add_argument("--scan-pages", type=int, default=None,
                        help="time the one-by-one scans on this many pages and scale")  # fmt: skip
    args = parser.parse_args()
    jobs_list = [int(j) for j in args.jobs.split(",")]

    pages = {f"{HOSTS[i % len(HOSTS)]}/post/{i}": page_html(i) for i in range(args.pages)}
    hits: Counter[str] = Counter()
    runners = await serve(pages, hits)
    home = Path(tempfile.mkdtemp(prefix="linklens-bench-audit-"))
    env = dict(os.environ)
    env.update(
        LINKLENS_HOME=str(home),
        LINKLENS_SIMULATED_PUBLIC=",".join(f"{h}/32" for h in HOSTS),
        LINKLENS_USE_CACHE="false",
    )
    urls = [f"http://{key.replace('/', f':{PORT}/', 1)}" for key in pages]
    listing = home / "backlinks.csv"
    with listing.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Referring page URL", "Target URL", "Anchor", "DR"])
        for i, url in enumerate(urls):
            writer.writerow([url, f"http://mine.test/guide-{i % 7}", "our coffee guide", i % 90])
    audit = ["audit", str(listing), "--mine", "mine.test", "--topic", "coffee grinder beans", "--json"]
    db = home / "data" / "history.sqlite3"
    rows = []
    try:
        for jobs in jobs_list:
            code, out, seconds, peak = await linklens(env, *audit, "--jobs", str(jobs), "--fresh")
            assert code == 0, f"audit --jobs {jobs} failed; see {home / 'stderr.txt'}"
            report = json.loads(out)
            assert report["summary"]["pages"] == len(urls), report["summary"]
            rows.append((jobs, seconds, peak, report["summary"]))

        sample = urls[: args.scan_pages] if args.scan_pages else urls
        scan_s, scan_peak = 0.0, 0
        for url in sample:
            code, _, seconds, peak = await linklens(env, "scan", url, "--no-check", "--json")
            assert code == 0, f"scan of {url} failed"
            scan_s += seconds
            scan_peak = max(scan_peak, peak)
        scan_total = scan_s * len(urls) / len(sample)

        # Resume after a kill at half way: an audit of its own (a copy of the list), so the
        # timed runs' stored pages do not count.
        hits.clear()
        again_listing = home / "resume.csv"
        again_listing.write_bytes(listing.read_bytes())
        audit = [again_listing.as_posix() if arg == str(listing) else arg for arg in audit]
        process = await asyncio.create_subprocess_exec(
            str(ROOT / ".venv" / "bin" / "linklens"), *audit, "--jobs", "4", env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        # Polls another process's store: nothing in this process could set an Event.
        while len(stored(db, again_listing)) < len(urls) // 2:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        await process.wait()
        before = stored(db, again_listing)
        before_hits = Counter(hits)
        code, out, resume_s, _ = await linklens(env, *audit, "--jobs", "4")
        assert code == 0, f"the resumed audit failed; see {home / 'stderr.txt'}"
        keys = {url: url.split("//", 1)[1].replace(f":{PORT}", "") for url in before}
        again = [url for url, key in keys.items() if hits[key] > before_hits[key]]
        resumed_pages = len(urls) - len(before)
    finally:
        for runner in runners:
            await runner.cleanup()

    scaled = "" if len(sample) == len(urls) else f" (timed on {len(sample)} pages, scaled)"
    print(f"{len(urls)} source pages on {len(HOSTS)} local hosts (~40 links a page, 1-3 to your "
          f"domain), an Ahrefs-style CSV; no link checks (the audit makes none); "
          f"`--topic` so no target page is read.\n")  # fmt: skip
    print("| run | time | pages/min | pages failed (twice) | peak memory (agent + Chromium) |")
    print("|---|---:|---:|---:|---:|")
    for jobs, seconds, peak, summary in rows:
        print(f"| `linklens audit --jobs {jobs}` | {seconds:.1f} s | {len(urls) / seconds * 60:.0f} | "
              f"{summary['pages_failed']} | {peak / 2**20:,.0f} MiB |")  # fmt: skip
    print(f"| `linklens scan --no-check --json`, one page after another{scaled} | {scan_total:.1f} s | "
          f"{len(urls) / scan_total * 60:.0f} | - | {scan_peak / 2**20:,.0f} MiB (one scan) |")  # fmt: skip
    best_jobs, best_s = min(((j, s) for j, s, _p, _ in rows), key=lambda pair: pair[1])
    print()
    print(f"At the best `--jobs` ({best_jobs}) the audit takes **{best_s / scan_total:.2f}x** the time "
          f"of the one-by-one scans (target: at most 0.25x).\n")  # fmt: skip
    print(f"Resume: killed (SIGKILL) with {len(before)} of {len(urls)} pages stored; the same command "
          f"then rendered the {resumed_pages} pages left in {resume_s:.1f} s, and **{len(again)}** of the "
          f"pages stored before the kill were requested again (target: 0).")  # fmt: skip


if __name__ == "__main__":
    if Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
        os.execv(ROOT / ".venv" / "bin" / "python", [str(ROOT / ".venv" / "bin" / "python"), *sys.argv])
    asyncio.run(main())
