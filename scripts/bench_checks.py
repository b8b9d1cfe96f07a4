"""Link-check benchmark: LinkLens's checker vs linkinator (npm) and LinkChecker (pip).

A local "web" of 20 hosts (127.0.0.2-127.0.0.21, each its own aiohttp server with added latency)
and a hub page (127.0.0.22) linking 1,000 URLs with a known mix of outcomes. Each tool checks the
hub page's links at the same global concurrency and timeout; the servers (a separate process,
so they do not share the checkers' CPU) count requests and the peak of simultaneous requests per
host. Prints a markdown section (scripts/bench puts it in docs/BENCHMARKS.md).

    .venv/bin/python scripts/bench_checks.py [--concurrency 64] [--timeout 3] [--latency-ms 20]
        [--repeats 3] [--tools LinkLens,linkinator]

The tools run in turn, `--repeats` rounds; times are medians, and LinkLens's ratio to linkinator
is the median of the per-round ratios (each round's two runs see about the same machine load).

linkinator is taken from node_modules/ (package.json pins 6.3.0: 7+ needs Node 22), else installed
with `npm install --no-save --prefix <temp> linkinator@6.3.0`; LinkChecker is installed into a temp
venv with pip. Neither is a dependency of LinkLens.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import json
import multiprocessing
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOSTS = [f"127.0.0.{n}" for n in range(2, 22)]
HUB = "127.0.0.22"

#: outcome -> how many of the 1,000 links, and the finding that is right for it.
MIX: dict[str, tuple[int, str]] = {
    "ok": (610, "ok"),
    "redirect": (100, "ok"),
    "404": (60, "broken"),
    "410": (20, "broken"),
    "500": (20, "broken"),
    "429": (30, "blocked"),
    "999": (20, "blocked"),
    "head-405": (40, "ok"),
    "bot-403": (40, "ok"),
    "cloudflare": (20, "blocked"),
    "soft-404": (20, "soft 404"),
    "loop": (10, "broken"),
    "tarpit": (10, "timeout"),
}


def category(finding: str) -> str:
    """A tool's finding as one of: ok, broken, blocked, soft 404, timeout, other."""
    word = finding.split(" ", 1)[0]
    if word in ("ok", "valid", "redirect"):
        return "ok"
    if word in ("broken", "error"):
        return "broken"
    if word in ("blocked", "timeout"):
        return word
    if finding.startswith("soft 404"):
        return "soft 404"
    return "other"


# --- the local web (runs in a child process) ------------------------------------------------


def _serve(conn: multiprocessing.connection.Connection, latency_s: float) -> None:
    from aiohttp import web

    stats: dict[str, dict[str, int]] = defaultdict(lambda: {"requests": 0, "active": 0, "max": 0})

    async def handle(request: web.Request) -> web.StreamResponse:
        host = request.transport.get_extra_info("sockname")[0] if request.transport else "?"
        kind = request.match_info["kind"]
        await asyncio.sleep(latency_s)
        if kind == "ok":
            return web.Response(text="<title>Fine page</title><h1>Hello</h1>", content_type="text/html")
        if kind == "redirect":
            return web.Response(status=301, headers={"Location": f"/ok/{request.match_info['n']}"})
        if kind in ("404", "410", "500", "429", "999"):
            return web.Response(status=int(kind), text=f"status {kind}")
        if kind == "head-405":
            if request.method == "HEAD":
                return web.Response(status=405)
            return web.Response(text="<title>GET works</title>", content_type="text/html")
        if kind == "bot-403":
            if "Chrome/" not in request.headers.get("User-Agent", ""):
                return web.Response(status=403, text="no bots")
            return web.Response(text="<title>Article</title>", content_type="text/html")
        if kind == "cloudflare":
            return web.Response(
                status=403, headers={"Server": "cloudflare", "cf-mitigated": "challenge"},
                text="<title>Just a moment...</title><script src='/cdn-cgi/challenge-platform/x'>"
                "</script>", content_type="text/html")
        if kind == "soft-404":
            return web.Response(text="<title>Page not found | Shop</title>", content_type="text/html")
        if kind == "loop":
            return web.Response(status=302, headers={"Location": f"/loop2/{request.match_info['n']}"})
        if kind == "loop2":
            return web.Response(status=302, headers={"Location": f"/loop/{request.match_info['n']}"})
        if kind == "tarpit":
            await asyncio.sleep(3600)
        del host
        return web.Response(status=404)

    def app_for(ip: str) -> web.Application:
        @web.middleware
        async def count(request: web.Request, handler: object) -> web.StreamResponse:
            s = stats[ip]
            s["requests"] += 1
            s["active"] += 1
            s["max"] = max(s["max"], s["active"])
            try:
                return await handler(request)  # type: ignore[operator,no-any-return]
            finally:
                s["active"] -= 1

        app = web.Application(middlewares=[count])
        app.router.add_route("*", "/robots.txt", lambda r: _robots())
        app.router.add_route("*", "/{kind}/{n}", handle)
        return app

    async def _robots() -> web.Response:
        return web.Response(text="User-agent: *\nAllow: /\n")

    async def main() -> None:
        ports: dict[str, int] = {}
        runners = []
        for ip in [*HOSTS, HUB]:
            sock = socket.socket()
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((ip, 0))
            ports[ip] = sock.getsockname()[1]
            app = app_for(ip)
            if ip == HUB:
                app.router.add_get("/index.html", lambda r: hub_page(ports))
            runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
            await runner.setup()
            await web.SockSite(runner, sock).start()
            runners.append(runner)
        conn.send(ports)
        loop = asyncio.get_running_loop()
        while True:
            command = await loop.run_in_executor(None, conn.recv)
            if command == "stats":
                conn.send({ip: dict(v) for ip, v in stats.items()})
            elif command == "reset":
                stats.clear()
                conn.send("ok")
            else:
                break
        for runner in runners:
            await runner.cleanup()

    async def hub_page(ports: dict[str, int]) -> web.Response:
        links = "\n".join(f'<a href="{url}">link {i}</a>' for i, (url, _) in enumerate(link_set(ports)))
        return web.Response(text=f"<!doctype html><title>Hub</title><body>{links}</body>",
                            content_type="text/html")

    asyncio.run(main())


def link_set(ports: dict[str, int]) -> list[tuple[str, str]]:
    """The (url, outcome) pairs of the mix (1,000 in all), spread round-robin over the 20 hosts."""
    kinds = [kind for kind, (count, _) in MIX.items() for _ in range(count)]
    result = []
    for i, kind in enumerate(kinds):
        ip = HOSTS[i % len(HOSTS)]
        result.append((f"http://{ip}:{ports[ip]}/{kind}/{i}", kind))
    return result


# --- the tools ------------------------------------------------------------------------------


def run_linklens(hub: str, urls: dict[str, str], concurrency: int, timeout: float) -> dict[str, str]:
    from agent.checks.link_check import CheckResult, check_links
    from agent.config import Config
    from agent.net.address_policy import AddressPolicy
    from agent.net.resolver import HostResolver
    from protocol import Link

    async def main() -> dict[str, str]:
        import aiohttp
        from selectolax.lexbor import LexborHTMLParser

        config = Config(
            simulated_public=("127.0.0.0/8",), total_connections=concurrency,
            per_host_connections=6, check_timeout_s=timeout, check_budget_s=600.0,
            use_cache=False,
        )
        # Fetch and parse the hub page too, as the other tools do.
        async with aiohttp.ClientSession() as session, session.get(hub) as response:
            page = await response.text()
        hrefs = [a.attributes.get("href") or "" for a in LexborHTMLParser(page).css("a")]
        resolver = HostResolver(config)
        policy = await AddressPolicy.for_page(hub, config, resolver)
        links = [Link(id=i, href=h) for i, h in enumerate(hrefs)]
        found: dict[str, str] = {}

        async def on_result(link_id: int, result: CheckResult) -> None:
            codes = {f.code for f in result.flags}
            finding: str = result.health or ("not checked" if "not_checked" in codes else "none")
            if "redirect_loop" in codes:
                finding = "broken (redirect loop)"
            elif finding == "redirect":
                finding = "redirect (ok)"
            elif finding == "blocked":
                finding = "blocked (not broken)"
            elif finding == "soft_404":
                finding = "soft 404"
            found[hrefs[link_id]] = finding

        await check_links(links, config=config, resolver=resolver, policy=policy, cache=None,
                          on_result=on_result)
        return found

    return asyncio.run(main())


def _linkinator() -> list[str]:
    local = ROOT / "node_modules" / ".bin" / "linkinator"
    if local.exists() and subprocess.run([str(local), "--version"], capture_output=True,
                                         check=False).returncode == 0:
        return [str(local)]
    prefix = Path(tempfile.gettempdir()) / "bench-node"
    binary = prefix / "node_modules" / ".bin" / "linkinator"
    if not binary.exists():
        # linkinator 7+ needs Node 22 (undici's zstd); 6.x runs on Node 20.
        subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix",
                        str(prefix), "linkinator@6.3.0"], check=True, capture_output=True)
    return [str(binary)]


def run_linkinator(hub: str, concurrency: int, timeout: float) -> dict[str, str]:
    out = subprocess.run(
        [*_linkinator(), hub, "--format", "json", "--concurrency", str(concurrency),
         "--timeout", str(int(timeout * 1000))],
        capture_output=True, text=True, check=False,
    )
    data = json.loads(out.stdout)
    found = {}
    for link in data["links"]:
        state = link["state"].lower()
        found[link["url"]] = f"{state} ({link.get('status')})"
    return found


def _linkchecker() -> str:
    found = shutil.which("linkchecker")
    if found:
        return found
    venv = Path(tempfile.gettempdir()) / "bench-lc"
    binary = venv / "bin" / "linkchecker"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "linkchecker"], check=True)
    return str(binary)


def run_linkchecker(hub: str, concurrency: int, timeout: float) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o777)  # LinkChecker drops root privileges to "nobody"
        path = Path(tmp) / "out.csv"
        subprocess.run(
            [_linkchecker(), "-v", "-r", "1", "--check-extern", "--threads", str(concurrency),
             "--timeout", str(int(timeout)), "-F", f"csv/utf-8/{path}", "-o", "none", hub],
            capture_output=True, text=True, check=False,
        )
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    found = {}
    for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
        valid = row.get("valid", "").strip().lower() == "true"
        result = (row.get("result") or "").strip()
        found[row["urlname"]] = ("valid" if valid else "error") + (f" ({result})" if result else "")
    return found


# --- the report -------------------------------------------------------------------------------


def summarize(found: dict[str, str], urls: dict[str, str]) -> dict[str, Counter[str]]:
    per_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for url, kind in urls.items():
        per_kind[kind][_short(found.get(url, "not reported"))] += 1
    return per_kind


def _short(finding: str) -> str:
    # "broken (404)" and "broken (410)" read the same in the table: keep the state only for them.
    for prefix in ("broken (", "error (", "ok ("):
        if finding.startswith(prefix) and finding[len(prefix):-1].isdigit():
            return prefix[:-2]
    return finding[:40]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--timeout", type=float, default=3.0)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument("--repeats", type=int, default=3, help="rounds of every tool (medians)")
    parser.add_argument("--tools", default="", help="comma-separated names (default: all)")
    parser.add_argument("--quick", action="store_true", help="one round")
    parser.add_argument("--without", default="", metavar="OUTCOME,...",
                        help="leave these outcomes out of the mix (e.g. tarpit: what the checkers "
                             "take when no link can hold them up to the timeout)")  # fmt: skip
    args = parser.parse_args()
    for kind in filter(None, (k.strip() for k in args.without.split(","))):
        if kind not in MIX:
            parser.error(f"--without: no outcome {kind!r} (outcomes: {', '.join(MIX)})")
        # Before the server process starts (fork): it serves the hub from the same mix.
        del MIX[kind]
    total = sum(count for count, _ in MIX.values())
    repeats = 1 if args.quick else max(1, args.repeats)

    # Imported before any clock starts: LinkLens is timed checking, not importing.
    import agent.checks.link_check  # noqa: F401

    parent, child = multiprocessing.Pipe()
    server = multiprocessing.Process(target=_serve, args=(child, args.latency_ms / 1000),
                                     daemon=True)
    server.start()
    ports = parent.recv()
    hub = f"http://{HUB}:{ports[HUB]}/index.html"
    urls = dict(link_set(ports))

    tools: dict[str, Callable[[], dict[str, str]]] = {
        "LinkLens": lambda: run_linklens(hub, urls, args.concurrency, args.timeout),
        "linkinator 6": lambda: run_linkinator(hub, args.concurrency, args.timeout),
        "LinkChecker 10": lambda: run_linkchecker(hub, args.concurrency, args.timeout),
    }
    if args.tools:
        wanted = {name.strip().lower() for name in args.tools.split(",")}
        tools = {name: run for name, run in tools.items() if name.split()[0].lower() in wanted}
    results: dict[str, tuple[float, dict[str, Counter[str]], int, int, str | None]] = {}
    times: dict[str, list[float]] = defaultdict(list)
    load_before = os.getloadavg()[0]
    for _round in range(repeats):
        for name, run in tools.items():
            parent.send("reset")
            parent.recv()
            started = time.monotonic()
            error: str | None = None
            try:
                found = run()
            except Exception as exc:  # a tool that cannot run is reported, not hidden
                found, error = {}, f"{type(exc).__name__}: {exc}"
            elapsed = time.monotonic() - started
            times[name].append(elapsed)
            parent.send("stats")
            stats = parent.recv()
            per_host = [v["max"] for ip, v in stats.items() if ip != HUB]
            requests = sum(v["requests"] for ip, v in stats.items() if ip != HUB)
            peak = max(max(per_host, default=0), results[name][2] if name in results else 0)
            results[name] = (statistics.median(times[name]), summarize(found, urls), peak,
                             requests, error)
    load_after = os.getloadavg()[0]
    parent.send("stop")
    server.join(timeout=5)

    left_out = f" (outcomes left out: {args.without})" if args.without else ""
    print(f"{total:,} links{left_out} over {len(HOSTS)} hosts (127.0.0.2-21), {args.latency_ms:g} ms added "
          f"latency per answer, global concurrency {args.concurrency}, timeout {args.timeout:g} s "
          "per link. LinkLens runs with its default 6 connections per host. Servers run in a "
          "separate process and count requests server-side. Times are wall time, medians of "
          f"{repeats} round(s); load average (1 min) "
          f"{load_before:.1f} before, {load_after:.1f} after, on {os.cpu_count()} CPUs. LinkLens runs in this "
          "process, its modules imported before the clock starts; linkinator and LinkChecker "
          "are processes of their own, start-up included.")
    if "LinkLens" in times and "linkinator 6" in times:
        ratios = [ll / lk for ll, lk in zip(times["LinkLens"], times["linkinator 6"], strict=True)]
        print()
        print(f"LinkLens / linkinator: {statistics.median(ratios):.2f}x (median of the per-round "
              f"ratios {', '.join(f'{r:.2f}' for r in ratios)}); target at most 0.40x.")
    print()
    print("| tool | time (s) | requests | max simultaneous requests per host | right findings |")
    print("|---|---|---|---|---|")
    rights: dict[str, dict[str, int]] = {}
    for name, (elapsed, per_kind, max_host, requests, error) in results.items():
        right = 0
        rights[name] = {}
        for kind, (_count, expected) in MIX.items():
            got = per_kind.get(kind, Counter())
            hit = sum(n for finding, n in got.items() if category(finding) == expected)
            rights[name][kind] = hit
            right += hit
        note = f" (failed: {error})" if error else ""
        print(f"| {name}{note} | {elapsed:.1f} | {requests} | {max_host} | {right} / {total} |")
    print()
    print("Findings per outcome (count of links given each finding):")
    print()
    print("| outcome (links) | right finding | " + " | ".join(results) + " |")
    print("|---|---|" + "---|" * len(results))
    for kind, (count, expected) in MIX.items():
        cells = []
        for _name, (_e, per_kind, _m, _r, _err) in results.items():
            got = per_kind.get(kind, Counter())
            cells.append(", ".join(f"{k}: {v}" for k, v in got.most_common()) or "—")
        print(f"| {kind} ({count}) | {expected} | " + " | ".join(cells) + " |")
    print()
    print("linkinator and LinkChecker report a state (ok/broken, valid/error) and a status; they "
          "have no blocked, soft-404 or timeout outcome, so for those rows only LinkLens can be "
          "right. LinkLens asks a page with GET alone (reading at most 64 KiB, to see soft 404s) and "
          "a file URL with HEAD first; linkinator sends HEAD, then GET when HEAD does not say "
          "2xx.")


if __name__ == "__main__":
    main()
