#!/usr/bin/env python3
"""Responsiveness benchmark: how long another client's `ping` waits while a big report is built.

The real agent server (agent/server/websocket.py with agent.pipeline.run_analysis and one
Chromium) analyses a page of 20,000 JavaScript-created links, while a second paired client sends
`ping` every 50 ms and times each `pong`. Both clients run in a process of their own, as the
extension does, so the agent's loop does only the agent's work. Each round runs twice: without link checks (the CPU
work is classification, flags, scores and the report) and with them (two thirds of the links
go to the page's own server, a separate process; the rest to `.invalid` hosts, which fail at
once; the check budget is `--check-budget`). Prints a markdown section: per round, the analysis
time and the ping latencies seen during it (max, 99th percentile, median). Target: max under
200 ms.

    .venv/bin/python scripts/bench_pings.py [--links 20000] [--rounds 2] [--check-budget 20]

Times depend on the machine's load (printed): on 2 shared CPUs, compare runs made together.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The agent's token, cache and config live in a throw-away folder, not the user's.
os.environ.setdefault("LINKLENS_HOME", tempfile.mkdtemp(prefix="linklens-bench-pings-"))

from aiohttp import web  # noqa: E402
from websockets.asyncio.client import ClientConnection, connect  # noqa: E402
from websockets.typing import Origin  # noqa: E402

from agent.config import Config, paths  # noqa: E402
from agent.pipeline import run_analysis  # noqa: E402
from agent.render.browser_pool import BrowserPool  # noqa: E402
from agent.server.pairing import TokenFile, ensure_token  # noqa: E402
from agent.server.websocket import AgentServer  # noqa: E402
from protocol import (  # noqa: E402
    CHROME_EXTENSION_ID,
    PROTOCOL_VERSION,
    Analyze,
    AnalyzeOptions,
    Done,
    Error,
    Hello,
    Message,
    Ping,
    Pong,
    Summary,
    Welcome,
    decode_agent_message,
    encode,
)

HOST = "127.0.0.2"
PING_EVERY_S = 0.05
TARGET_MS = 200.0

PAGE = """<!doctype html><html><head><title>{n} links</title></head><body><main id="m"></main>
<script>
const f = document.createDocumentFragment();
for (let i = 0; i < {n}; i++) {{
  const p = document.createElement('p'); const a = document.createElement('a');
  a.href = (i % 3 ? '/page/' : 'https://example-' + (i % 50) + '.invalid/') + i;
  if (i % 7 === 0) a.rel = 'nofollow';
  a.textContent = 'Link number ' + i; p.appendChild(a); f.appendChild(p);
}}
document.getElementById('m').appendChild(f);
</script></body></html>"""


def _site(conn: multiprocessing.connection.Connection) -> None:
    """The page of N links on 127.0.0.2 (declared public), `/links/N`, and the pages it links
    to: in a process of its own, so that serving the checks does not load the agent's loop."""
    async def page(request: web.Request) -> web.Response:
        return web.Response(text=PAGE.format(n=int(request.match_info["n"])),
                            content_type="text/html")

    async def linked(request: web.Request) -> web.Response:
        return web.Response(text="<title>A page</title>", content_type="text/html")

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/links/{n}", page)
        app.router.add_route("*", "/page/{n}", linked)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, HOST, 0).start()
        conn.send(int(runner.addresses[0][1]))
        await asyncio.get_running_loop().run_in_executor(None, conn.recv)
        await runner.cleanup()

    asyncio.run(main())


async def paired(port: int, token: str) -> ClientConnection:
    """A client of the agent that has said hello and got `welcome`."""
    ws = await connect(f"ws://127.0.0.1:{port}/",
                       origin=Origin(f"chrome-extension://{CHROME_EXTENSION_ID}"),
                       max_size=None)
    await ws.send(encode(Hello(protocol=PROTOCOL_VERSION, token=token)))
    welcome = decode_agent_message(await ws.recv())
    assert isinstance(welcome, Welcome), welcome
    return ws


async def one_round(
    port: int, token: str, url: str, round_id: str, *, check: bool
) -> tuple[float, list[float]]:
    """One analysis of `url` on one client while another pings; (analysis s, ping latencies s)."""
    worker = await paired(port, token)
    pinger = await paired(port, token)
    latencies: list[float] = []
    finished = asyncio.Event()

    async def ping() -> None:
        while not finished.is_set():
            sent = time.perf_counter()
            await pinger.send(encode(Ping()))
            reply = decode_agent_message(await pinger.recv())
            assert isinstance(reply, Pong), reply
            latencies.append(time.perf_counter() - sent)
            await asyncio.sleep(max(0.0, PING_EVERY_S - (time.perf_counter() - sent)))

    pings = asyncio.create_task(ping())
    await asyncio.sleep(0.3)  # a few pings with the agent idle, then the load
    started = time.perf_counter()
    request_id = f"bench-{round_id}"
    await worker.send(encode(Analyze(id=request_id, url=url,
                                     options=AnalyzeOptions(check=check))))
    while True:
        message = decode_agent_message(await worker.recv())
        if isinstance(message, Done | Error) and message.id == request_id:
            assert isinstance(message, Done), message
            break
    elapsed = time.perf_counter() - started
    finished.set()
    await pings
    await worker.close()
    await pinger.close()
    return elapsed, latencies


def _round_in_this_process(
    port: int, token: str, url: str, round_id: str, check: bool
) -> tuple[float, list[float]]:
    """`one_round` in a process of its own: the clients (decoding every report and update, timing
    pings) must not share the agent's event loop, as the extension never does."""
    return asyncio.run(one_round(port, token, url, round_id, check=check))


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--check-budget", type=float, default=20.0,
                        help="link-check budget of the analyses with checks (s)")
    parser.add_argument("--quick", action="store_true", help="one round")
    args = parser.parse_args()
    rounds = 1 if args.quick else max(1, args.rounds)

    parent, child = multiprocessing.Pipe()
    site = multiprocessing.Process(target=_site, args=(child,), daemon=True)
    site.start()
    site_port = parent.recv()
    # No cache: every round checks for real. A loaded 2-CPU machine renders slowly.
    config = Config(port=0, simulated_public=(f"{HOST}/32",), use_cache=False,
                    check_budget_s=args.check_budget, render_deadline_s=120.0)
    token = ensure_token(paths().token_file)
    pool = BrowserPool(config)
    holder: list[AgentServer] = []

    async def runner(request: Analyze, emit: Callable[[Message], Awaitable[None]]) -> Summary:
        # The server's config carries the port it bound, which the address policy refuses.
        return await run_analysis(request, config=holder[0].config, browser=pool, emit=emit)

    server = AgentServer(config, runner=runner, token_file=TokenFile(paths().token_file),
                         close_browser=pool.close)
    holder.append(server)
    url = f"http://{HOST}:{site_port}/links/{args.links}"
    load_before = os.getloadavg()[0]
    rows: list[tuple[str, float, list[float]]] = []
    clients = concurrent.futures.ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    loop = asyncio.get_running_loop()
    try:
        async with server:
            # Warm-up: browser launch, imports.
            await loop.run_in_executor(clients, _round_in_this_process, server.port, token, url,
                                       "warm-up", False)
            for n in range(rounds):
                for check in (False, True):
                    name = f"{n + 1}, {'with' if check else 'no'} checks"
                    elapsed, latencies = await loop.run_in_executor(
                        clients, _round_in_this_process, server.port, token, url, name, check)
                    rows.append((name, elapsed, latencies))
    finally:
        clients.shutdown()
        await pool.close()
        parent.send("stop")
        site.join(timeout=5)
    load_after = os.getloadavg()[0]

    print(f"A paired client pings every {PING_EVERY_S * 1000:g} ms while another analyses a page "
          f"of {args.links:,} links through the real server, without and with link checks "
          f"(budget {args.check_budget:g} s, no cache); one warm-up analysis first. Load average (1 min) {load_before:.1f} before, {load_after:.1f} "
          f"after, on {os.cpu_count()} CPUs.")
    print()
    print("| round | analysis | pings | max ping | p99 ping | median ping |")
    print("|---|---:|---:|---:|---:|---:|")
    worst = 0.0
    for name, elapsed, latencies in rows:
        ordered = sorted(latencies)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        worst = max(worst, ordered[-1])
        print(f"| {name} | {elapsed * 1000:,.0f} ms | {len(ordered)} | {ordered[-1] * 1000:,.0f} ms "
              f"| {p99 * 1000:,.0f} ms | {statistics.median(ordered) * 1000:,.0f} ms |")
    print()
    verdict = "met" if worst * 1000 <= TARGET_MS else "missed"
    print(f"Target: every ping answered within {TARGET_MS:g} ms — worst {worst * 1000:,.0f} ms: "
          f"**{verdict}**.")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
