"""Cluster benchmark: `linklens watch check` locally (`--jobs N`) vs on a Dask LocalCluster
(`--cluster local:2`, `local:4`), and the scheduler's overhead per page.

A local "web" of 20 hosts (127.0.0.2-127.0.0.21, aiohttp in this process) serves article pages
of about 40 links each, one watched link per page. Each configuration runs one `linklens watch
check --json` process on a fresh store, timed two ways: the whole process (Python start, for a
cluster also starting the workers and their Chromiums) and the check itself (`elapsed_s`: the
pages, from the first submitted to the last stored). Then `--overhead-pages` no-op tasks go
through the same client path (one keyed task per page, the per-host admission, results back to
the client) on `local:2`, with no render: what Dask adds to each page.

    .venv/bin/python scripts/bench_cluster.py [--pages 120] [--overhead-pages 2000] [--overhead-only]

Prints a markdown section for docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HOSTS = [f"127.0.0.{n}" for n in range(2, 22)]
PORT = 8481


def page(index: int) -> str:
    """An article with its one watched link among ~40 others."""
    parts = [f'<a href="/post/{index}/{n}">related {n}</a>' for n in range(20)]
    parts += [f'<a href="http://other-{n}.test/p/{index}">elsewhere {n}</a>' for n in range(20)]
    parts.insert(7, f'<a href="http://mine.test/guide-{index}">our guide</a>')
    return (
        f"<!doctype html><html><head><title>post {index}</title></head><body><main><article>"
        f"<h1>Post {index}</h1><p>{'</p><p>'.join(parts)}</p></article></main></body></html>"
    )


async def serve(pages: int) -> list[web.AppRunner]:
    runners = []
    for host in HOSTS:
        async def handler(request: web.Request) -> web.Response:
            try:
                index = int(request.path.rsplit("/", 1)[-1])
            except ValueError:
                return web.Response(status=404, text="not found", content_type="text/html")
            return web.Response(text=page(index), content_type="text/html")

        app = web.Application()
        app.router.add_get("/{tail:.*}", handler)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, host, PORT).start()
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


async def one_configuration(pages: int, label: str, *flags: str) -> tuple[str, int, float, float]:
    """(label, pages checked, process seconds, check seconds) on a fresh store."""
    home = Path(tempfile.mkdtemp(prefix="linklens-bench-cluster-"))
    env = dict(os.environ)
    env.update(
        LINKLENS_HOME=str(home),
        LINKLENS_SIMULATED_PUBLIC=",".join(f"{h}/32" for h in HOSTS),
        LINKLENS_USE_CACHE="false",
    )
    listing = home / "pages.txt"
    listing.write_text("".join(
        f"http://{HOSTS[i % len(HOSTS)]}:{PORT}/post/{i}\n" for i in range(pages)
    ))  # fmt: skip
    code, _, _ = await linklens(env, "watch", "import", str(listing), "--target", "mine.test")
    assert code == 0, "import failed"
    code, out, wall = await linklens(env, "watch", "check", "--json", *flags)
    assert code in (0, 3), f"{label}: exit {code}"
    result = json.loads(out)
    return label, int(result["pages"]), wall, float(result["elapsed_s"])


async def noop_page(source_url: str) -> str:
    """What a page task returns, without the render."""
    return source_url


async def overhead(count: int) -> tuple[float, float, int]:
    """(seconds for `count` no-op pages through the client path, mean round trip s, slots)."""
    from distributed import Client, LocalCluster

    from agent.config import Config
    from agent.watch.runner import for_each_page

    latencies: list[float] = []
    async with LocalCluster(n_workers=2, threads_per_worker=4, processes=True,
                            dashboard_address=":0", asynchronous=True) as cluster, \
            Client(cluster, asynchronous=True) as client:  # fmt: skip
        await client.wait_for_workers(2)
        slots = sum((await client.nthreads()).values())
        urls = [f"http://{HOSTS[i % len(HOSTS)]}/post/{i}" for i in range(count)]

        async def one(url: str) -> None:
            mark = time.monotonic()
            future = client.submit(noop_page, url, key=f"bench-{url}", pure=False)
            assert await future == url
            future.release()
            latencies.append(time.monotonic() - mark)

        started = time.monotonic()
        await for_each_page(urls, one, jobs=slots, per_host=Config().per_host_connections)
        total = time.monotonic() - started
    return total, sum(latencies) / len(latencies), slots


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--overhead-pages", type=int, default=2000)
    parser.add_argument("--overhead-only", action="store_true", help="only the no-op pages")
    args = parser.parse_args()
    if args.overhead_only:
        load = os.getloadavg()[0]
        total, latency, slots = await overhead(args.overhead_pages)
        print(f"Scheduler overhead (load average {load:.1f}): {args.overhead_pages} no-op pages on "
              f"`local:2` ({slots} slots): {total:.1f} s, {total / args.overhead_pages * 1000:.1f} ms "
              f"a page of throughput, {latency * 1000:.1f} ms mean round trip.")
        return

    runners = await serve(args.pages)
    rows = []
    try:
        load_before = os.getloadavg()[0]
        for label, flags in (
            ("local, `--jobs 2`", ("--jobs", "2")),
            ("local, `--jobs 4`", ("--jobs", "4")),
            ("`--cluster local:2 --jobs 2`", ("--cluster", "local:2", "--jobs", "2")),
            ("`--cluster local:4 --jobs 2`", ("--cluster", "local:4", "--jobs", "2")),
        ):
            rows.append(await one_configuration(args.pages, label, *flags))
            print(f"  {rows[-1]}", file=sys.stderr)
        load_after = os.getloadavg()[0]
        total, latency, slots = await overhead(args.overhead_pages)
    finally:
        for runner in runners:
            await runner.cleanup()

    base = rows[0][1] / rows[0][3] * 60
    print(f"\n## Scaling out (Dask)\n\nCommand: `.venv/bin/python scripts/bench_cluster.py --pages {args.pages} "
          f"--overhead-pages {args.overhead_pages}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
          f"{os.cpu_count()} CPUs, {platform.system()} {platform.machine()}; load average (1 min) "
          f"{load_before:.1f} before, {load_after:.1f} after the checks.\n")
    print(f"`linklens watch check` of {args.pages} article pages (about 40 links each, 20 hosts), fresh store each:\n")
    print("| configuration | pages | process | check (`elapsed_s`) | pages per minute (check) | vs local `--jobs 2` |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, pages, wall, check in rows:
        rate = pages / check * 60
        print(f"| {label} | {pages} | {wall:.1f} s | {check:.1f} s | {rate:.0f} | {rate / base:.2f}× |")
    print(f"\nScheduler overhead: {args.overhead_pages} no-op pages through the same client path on "
          f"`local:2` ({slots} slots): {total:.1f} s, {total / args.overhead_pages * 1000:.1f} ms a page "
          f"of throughput, {latency * 1000:.1f} ms mean round trip (submit to result).")


if __name__ == "__main__":
    asyncio.run(main())
