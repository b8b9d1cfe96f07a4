"""Cluster benchmark: `linklens audit` locally (`--jobs N`) vs on a Dask LocalCluster
(`--cluster local:2`, `local:4`), and the scheduler's overhead per page.

The audit is the one of scripts/bench_audit.py, with its page generator, servers and process
runner imported from it: a local "web" of 30 hosts (127.0.0.2-127.0.0.31, aiohttp in this
process) serving article pages of ~40 links each (one to three to mine.test), listed in an
Ahrefs-style CSV and audited with `--mine mine.test --topic ... --fresh --json`. Each
configuration is one `linklens audit` process on a fresh data dir (its own LINKLENS_HOME):

    local, --jobs N                 one process, one Chromium, N pages rendered at once
    --cluster local:W --jobs J      W Dask worker processes, each with its own Chromium and J
                                    pages at once (the CLI's --jobs is per worker with a
                                    cluster: W x J render slots); the client stores every page

Measured per configuration: the whole process's wall time (the audit's JSON gives no elapsed
time of its own; for a cluster this includes starting the workers and their Chromiums), the
audit run's own span from its start and finish stamps in the store (whole seconds; a cluster's
run starts once its workers are up), pages per minute (process time), pages failed, the CPU
time of the process tree (sampled: the workers and every Chromium process) as cores kept busy,
how busy the whole machine was meanwhile, and the peak memory of the tree. Every configuration
must store the same set of pages, each once; the per-page results are compared across them.

Then `--overhead-pages` no-op tasks go through the client path the commands use (one keyed
task per page, the per-host admission, results back to the client) on `local:2`, with no
render: what Dask adds to each page.

    .venv/bin/python scripts/bench_cluster.py [--pages 300] [--jobs 2,4] [--workers 2,4]
        [--worker-jobs 2] [--overhead-pages 2000] [--overhead-only]

Prints a markdown section for docs/BENCHMARKS.md (scripts/bench adds its heading and command).
"""

from __future__ import annotations

import argparse
import asyncio
import calendar
import contextlib
import csv
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.bench_audit import HOSTS, PORT, linklens, page_html, serve, stored  # noqa: E402

TOPIC = "coffee grinder beans"
# The no-op pages' URLs: the 20 hosts these figures have always used (with 8 slots and several
# hosts taken in turn, the per-host admission never holds a page back either way).
OVERHEAD_HOSTS = [f"127.0.0.{n}" for n in range(2, 22)]


@dataclass
class Run:
    """One configuration's `linklens audit` process."""

    label: str
    slots: int  # pages rendered at once, all workers together
    pages: int
    wall: float  # the whole process, seconds
    span: float | None  # the audit run's started_at -> finished_at in its store (whole seconds)
    failed: int
    cpu: float  # CPU seconds (user + system) of the process tree, sampled (sample_cpu)
    machine_busy: float  # whole machine's CPU busy share (0-1) during the process
    peak: int  # peak RSS of the process tree, bytes
    results: dict[str, tuple[str, int, int, int]]  # source URL -> (state, links, dofollow, risk)
    doubled: list[str]  # source URLs the report lists more than once
    stored: set[str]  # source URLs in the store

    @property
    def rate(self) -> float:
        return self.pages / self.wall * 60


def write_listing(path: Path, urls: list[str]) -> None:
    """The Ahrefs-style CSV scripts/bench_audit.py audits (its rows, its columns)."""
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Referring page URL", "Target URL", "Anchor", "DR"])
        for i, url in enumerate(urls):
            writer.writerow([url, f"http://mine.test/guide-{i % 7}", "our coffee guide", i % 90])


def run_span(db: Path) -> float | None:
    """Seconds between the audit run's start and finish stamps (whole seconds), if finished."""
    if not db.exists():
        return None
    connection = sqlite3.connect(db)
    try:
        row = connection.execute("SELECT started_at, finished_at FROM audit_run").fetchone()
    finally:
        connection.close()
    if row is None or row[1] is None:
        return None
    stamp = "%Y-%m-%dT%H:%M:%SZ"
    return float(calendar.timegm(time.strptime(row[1], stamp)) - calendar.timegm(time.strptime(row[0], stamp)))


async def sample_cpu(seen: dict[tuple[int, float], float]) -> None:
    """Every 0.2 s, each descendant process's own CPU seconds so far (user + system), by pid
    and start time: the audit's process and all of its (a cluster's workers, every Chromium
    process). The sum is a lower bound (a process's last 0.2 s, and one that lives less, are
    missed); the kernel's count of waited-for children is not used because it misses more:
    Chromium's processes are not all waited for by their ancestors."""
    me = psutil.Process()
    while True:
        for process in me.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                times = process.cpu_times()
                seen[(process.pid, process.create_time())] = times.user + times.system
        await asyncio.sleep(0.2)


def machine_idle() -> tuple[float, float]:
    """(idle seconds, total seconds) of all CPUs so far."""
    times = psutil.cpu_times()
    return times.idle + getattr(times, "iowait", 0.0), sum(times)


async def one_configuration(listing: Path, label: str, slots: int, *flags: str) -> Run:
    """One `linklens audit --json` process on a fresh data dir."""
    home = Path(tempfile.mkdtemp(prefix="linklens-bench-cluster-"))
    env = dict(os.environ)
    env.update(
        LINKLENS_HOME=str(home),
        LINKLENS_SIMULATED_PUBLIC=",".join(f"{h}/32" for h in HOSTS),
        LINKLENS_USE_CACHE="false",
    )
    command = ["audit", str(listing), "--mine", "mine.test", "--topic", TOPIC, "--json", "--fresh", *flags]
    cpu: dict[tuple[int, float], float] = {}
    sampler = asyncio.create_task(sample_cpu(cpu))
    idle_before, total_before = machine_idle()
    try:
        code, out, wall, peak = await linklens(env, *command)
    finally:
        sampler.cancel()
    idle_after, total_after = machine_idle()
    assert code == 0, f"{label}: exit {code}; see {home / 'stderr.txt'}"
    report = json.loads(out)
    db = home / "data" / "history.sqlite3"
    listed = Counter(page["source_url"] for page in report["pages"])
    results = {
        page["source_url"]: (
            page["state"], len(page["links"]),
            sum(1 for link in page["links"] if link["follow"] == "dofollow" and link["crawlable"]),
            page["risk"],
        )
        for page in report["pages"]
    }  # fmt: skip
    run = Run(
        label=label, slots=slots, pages=int(report["summary"]["pages"]), wall=wall, span=run_span(db),
        failed=int(report["summary"]["pages_failed"]),
        cpu=sum(cpu.values()),
        machine_busy=1 - (idle_after - idle_before) / max(total_after - total_before, 1e-9),
        peak=peak, results=results, doubled=sorted(url for url, n in listed.items() if n > 1),
        stored=stored(db, listing),
    )  # fmt: skip
    shutil.rmtree(home, ignore_errors=True)  # kept (the assertion above) when the audit failed
    return run


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
        urls = [f"http://{OVERHEAD_HOSTS[i % len(OVERHEAD_HOSTS)]}/post/{i}" for i in range(count)]

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


def numbers(text: str) -> list[int]:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of numbers: {text!r}") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"give numbers of at least 1: {text!r}")
    return values


def matching(runs: list[Run], urls: list[str]) -> tuple[str, str]:
    """(the line on the set of pages stored, the line on the per-page results)."""
    expected = set(urls)
    problems = []
    for run in runs:
        missing = expected - set(run.results)
        extra = set(run.results) - expected
        if missing or extra or run.doubled or run.stored != set(run.results):
            problems.append(f"{run.label}: {len(missing)} missing, {len(run.doubled)} doubled, "
                            f"{len(extra)} not in the input, {len(run.stored ^ set(run.results))} "
                            f"differing between the store and the JSON report")  # fmt: skip
    if problems:
        pages_line = "**Results did not match**: " + "; ".join(problems) + "."
    else:
        pages_line = (f"**Results matched**: every configuration stored the same {len(expected)} pages, "
                      f"each once (store and JSON report agree).")  # fmt: skip
    differ = sorted(url for url in expected if len({run.results.get(url) for run in runs}) > 1)
    if differ:
        shown = ", ".join(differ[:3]) + (" ..." if len(differ) > 3 else "")
        results_line = (f"Per-page results (state, links to you, dofollow, risk) differed between "
                        f"configurations on {len(differ)} of {len(expected)} pages ({shown}).")  # fmt: skip
    else:
        results_line = ("Per-page results (state, links to you, dofollow, risk) were identical in "
                        "every configuration.")  # fmt: skip
    return pages_line, results_line


def growth(first: Run, last: Run) -> str:
    """How the rate changed from one configuration to another, in a sentence."""
    factor = last.rate / first.rate
    change = "did not change" if 0.95 <= factor < 1.05 else f"{'grew' if factor > 1 else 'fell'} {factor:.2f}×"
    return (f"From {first.label} to {last.label} ({first.slots} to {last.slots} render slots) the rate "
            f"{change}: {first.rate:.0f} to {last.rate:.0f} pages a minute.")  # fmt: skip


def explain(local_runs: list[Run], cluster_runs: list[Run], cpus: int, load: tuple[float, float],
            over: tuple[int, float]) -> list[str]:  # fmt: skip
    """What the figures say, each sentence computed from them."""
    runs, base = local_runs + cluster_runs, local_runs[0]
    best = max(runs, key=lambda run: run.rate)
    lines = [f"The fastest was {best.label} at {best.rate:.0f} pages a minute, "
             f"{best.rate / base.rate:.2f}× {base.label} ({base.rate:.0f})."]  # fmt: skip
    for group in (local_runs, cluster_runs):
        if len(group) >= 2:
            lines.append(growth(group[0], group[-1]))

    def cores(run: Run) -> float:
        return run.cpu / run.wall

    # Why: who had the CPUs.
    if base.machine_busy < 0.9:
        lines.append(f"During {base.label} the machine's CPUs were {base.machine_busy:.0%} busy (the audit "
                     f"itself {cores(base):.1f} of {cpus} cores): the CPUs were not what limited it; "
                     f"waiting for pages and their sub-resources, or the render slots, did.")  # fmt: skip
    elif cores(base) >= 0.8 * cpus:
        lines.append(f"{base.label} kept {cores(base):.1f} of the {cpus} cores busy by itself: rendering is "
                     f"CPU-bound (Chromium's layout and scripts, the collector), so more worker processes "
                     f"can only share the same {cpus} cores, each bringing its own Python, Dask worker "
                     f"and Chromium.")  # fmt: skip
    else:
        lines.append(f"The machine's CPUs were {base.machine_busy:.0%} busy during {base.label}, which used "
                     f"{cores(base):.1f} of the {cpus} cores itself: other processes took the rest, so the "
                     f"rates are what the audit got of a full machine, and more worker processes only "
                     f"divide the same full CPUs further.")  # fmt: skip
    if cluster_runs:
        per_page = {run.label: run.cpu / max(run.pages, 1) for run in runs}
        local_best = min(local_runs, key=lambda run: per_page[run.label])
        costs = ", ".join(f"{run.label} {per_page[run.label]:.2f} s "
                          f"({per_page[run.label] / per_page[local_best.label] - 1:+.0%})"
                          for run in cluster_runs)  # fmt: skip
        lines.append(f"CPU time a page, start-up included (the work each configuration adds to the "
                     f"machine): {local_best.label} {per_page[local_best.label]:.2f} s; {costs}.")  # fmt: skip
    startup = [(run, run.wall - run.span) for run in runs if run.span is not None]
    if startup:
        shown = ", ".join(f"{run.label} {gap:.0f} s" for run, gap in startup)
        lines.append(f"Process time outside the audit run's own stamps (Python start-up, a cluster's "
                     f"workers and their Chromiums starting, the report): {shown}; over "
                     f"{base.pages} pages that is a fixed cost, smaller a page the longer the list.")  # fmt: skip
    low, high = (f"{share(r.machine_busy for r in runs):.0%}" for share in (min, max))
    lines.append(f"The load average was {load[0]:.1f} before and {load[1]:.1f} after the audits on "
                 f"{cpus} CPUs; the whole machine's CPUs were {low if low == high else f'{low}-{high}'} "
                 f"busy during them.")  # fmt: skip
    if max(load) > cpus:
        lines.append("Other processes competed for the CPUs: a configuration with more processes can "
                     "get a larger share of a contended machine, which can favour the clusters; "
                     "compare on a quiet machine before reading a gain into it.")  # fmt: skip
    count, total = over
    per_page_s = base.wall / max(base.pages, 1)
    lines.append(f"The scheduler's overhead, {total / count * 1000:.1f} ms a page of throughput, is "
                 f"{total / count / per_page_s:.1%} of the {per_page_s:.2f} s a page took with "
                 f"{base.label} (process time / pages).")  # fmt: skip
    return lines


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--jobs", type=numbers, default=[2, 4], help="local --jobs values (default 2,4)")
    parser.add_argument("--workers", type=numbers, default=[2, 4], help="local:N clusters (default 2,4)")
    parser.add_argument("--worker-jobs", type=int, default=2, help="--jobs with a cluster: pages at once per worker")
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

    pages = {f"{HOSTS[i % len(HOSTS)]}/post/{i}": page_html(i) for i in range(args.pages)}
    urls = [f"http://{key.replace('/', f':{PORT}/', 1)}" for key in pages]
    hits: Counter[str] = Counter()
    runners = await serve(pages, hits)
    work = Path(tempfile.mkdtemp(prefix="linklens-bench-cluster-input-"))
    listing = work / "backlinks.csv"
    write_listing(listing, urls)
    configurations: list[tuple[str, int, tuple[str, ...]]] = [
        (f"local `--jobs {j}`", j, ("--jobs", str(j))) for j in args.jobs
    ]
    configurations += [
        (f"`--cluster local:{w} --jobs {args.worker_jobs}`", w * args.worker_jobs,
         ("--cluster", f"local:{w}", "--jobs", str(args.worker_jobs)))
        for w in args.workers
    ]  # fmt: skip
    runs: list[Run] = []
    try:
        load_before = os.getloadavg()[0]
        for label, slots, flags in configurations:
            runs.append(await one_configuration(listing, label, slots, *flags))
            run = runs[-1]
            print(f"  {label}: {run.pages} pages, {run.wall:.1f} s, {run.rate:.0f} pages/min, "
                  f"{run.failed} failed, {run.cpu:.0f} CPU s", file=sys.stderr)  # fmt: skip
        load_after = os.getloadavg()[0]
        total, latency, slots = await overhead(args.overhead_pages)
    finally:
        for runner in runners:
            await runner.cleanup()
        shutil.rmtree(work, ignore_errors=True)

    cpus = os.cpu_count() or 1
    base = runs[0]
    local_runs, cluster_runs = runs[: len(args.jobs)], runs[len(args.jobs) :]
    print(f"{len(urls)} source pages on {len(HOSTS)} local hosts (~40 links a page, 1-3 to your "
          f"domain), the Ahrefs-style CSV of scripts/bench_audit.py, `linklens audit --mine mine.test "
          f"--topic ... --fresh --json`, one process on a fresh data dir per configuration; "
          f"{cpus} CPUs, load average (1 min) {load_before:.1f} before and {load_after:.1f} after "
          f"the audits.\n")  # fmt: skip
    print("Times are whole-process (the audit's JSON gives no elapsed time): Python start-up and, for "
          "a cluster, starting the workers and their Chromiums are included, and pages a minute are "
          "computed from them. \"audit run\" is the span between the run's start and finish stamps in "
          "its store (whole seconds; a cluster's run starts once its workers are up). \"cores busy\" "
          "is the CPU time of the audit's process tree (workers and Chromiums included, sampled every "
          "0.2 s: a lower bound) over its wall time, then how busy the whole machine was meanwhile.\n")  # fmt: skip
    print(f"| configuration | render slots | pages | process | audit run | pages per minute (process) | "
          f"vs {base.label} | pages failed | cores busy (audit / machine) | peak memory |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for run in runs:
        span = "-" if run.span is None else f"{run.span:.0f} s"
        print(f"| {run.label} | {run.slots} | {run.pages} | {run.wall:.1f} s | {span} | {run.rate:.0f} | "
              f"{run.rate / base.rate:.2f}× | {run.failed} | {run.cpu / run.wall:.1f} / "
              f"{run.machine_busy * cpus:.1f} of {cpus} | {run.peak / 2**20:,.0f} MiB |")  # fmt: skip
    pages_line, results_line = matching(runs, urls)
    print(f"\n{pages_line} {results_line}")
    print(f"\nScheduler overhead: {args.overhead_pages} no-op pages through the same client path on "
          f"`local:2` ({slots} slots): {total:.1f} s, {total / args.overhead_pages * 1000:.1f} ms a page "
          f"of throughput, {latency * 1000:.1f} ms mean round trip (submit to result).")
    print("\nWhat the figures say:\n")
    for line in explain(local_runs, cluster_runs, cpus, (load_before, load_after),
                        (args.overhead_pages, total)):  # fmt: skip
        print(f"- {line}")


if __name__ == "__main__":
    asyncio.run(main())
