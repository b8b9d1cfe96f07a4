"""Link status checks: where each link really leads, decided so that outcomes are never confused.

    links -> one URL per http(s) target (selection.py) -> not requested: actions, credentials,
    the exclude list -> cache hits (status_cache.py) -> the rest handed out by host to a pool
    of `Config.total_connections` workers under the per-host and total limits (pacing.py),
    each checked by fetch.py -> each result delivered to every link of its URL as it arrives
    (`on_result`) -> fresh results cached

One aiohttp session per job, connections reused, no cookies (`DummyCookieJar`), a browser-like
User-Agent (`Config.user_agent`). What a result says is decided in outcome.py and soft_404.py.
One budget for all checks of a job (`Config.check_budget_s`): what is unfinished then gets a
`not_checked` result saying so. Cancellation cancels every request and closes the session.
"""

from __future__ import annotations

__all__ = [
    "BURST_FAILURES",
    "GIVE_UP_FAILURES",
    "SHORT_PAGE_CHARS",
    "CheckResult",
    "CheckStats",
    "OnResult",
    "action_word",
    "check_links",
    "is_excluded",
    "url_key",
]

import asyncio
import ssl
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from agent.checks.fetch import Fetcher, open_session
from agent.checks.outcome import CheckResult, CheckStats, OnResult, host_of, not_checked
from agent.checks.pacing import BURST_FAILURES, GIVE_UP_FAILURES, HostPacer, HostQueue
from agent.checks.selection import action_word, is_excluded, skip_reason, url_key
from agent.checks.soft_404 import SHORT_PAGE_CHARS
from agent.config import Config
from agent.net.resolver import HostResolver
from protocol import Link

if TYPE_CHECKING:
    from agent.checks.status_cache import StatusCache
    from agent.net.address_policy import AddressPolicy

# Links handled between two yields to the event loop in the per-link loops before and after the
# requests: at 20,000 links each loop is seconds of CPU on a loaded machine, during which no
# other client would get an answer.
_SLICE = 256


async def check_links(
    links: Sequence[Link],
    *,
    config: Config,
    resolver: HostResolver,
    policy: AddressPolicy,
    cache: StatusCache | None,
    on_result: OnResult,
    budget_s: float | None = None,
    ssl_context: ssl.SSLContext | None = None,
) -> CheckStats:
    """Check every http(s) link once per URL; call `on_result(link_id, result)` as each finishes.

    Links whose URL is not http(s) get no result (they have nothing to check). Links still
    unchecked when the budget (`Config.check_budget_s` unless given) runs out get a
    `not_checked` result saying so. `ssl_context` replaces the default certificate checks (a
    company CA; tests with their own CA); certificates are always verified.
    """
    started = time.monotonic()
    budget = config.check_budget_s if budget_s is None else budget_s
    stats = CheckStats()
    by_url: dict[str, list[int]] = {}
    for n, link in enumerate(links, 1):
        if link.href and (key := url_key(link.href)) is not None:
            by_url.setdefault(key, []).append(link.id)
        if n % _SLICE == 0:
            await asyncio.sleep(0)  # tens of thousands of links: let the loop serve others
    stats.urls = len(by_url)

    async def deliver(url: str, result: CheckResult) -> None:
        for link_id in by_url[url]:
            await on_result(link_id, result)

    to_check: list[str] = []
    for n, url in enumerate(by_url, 1):
        if (reason := skip_reason(url, config.exclude)) is not None:
            stats.skipped += 1
            await deliver(url, not_checked(reason))
        else:
            to_check.append(url)
        if n % _SLICE == 0:
            await asyncio.sleep(0)

    if cache is not None and config.use_cache and to_check:
        hits = await cache.get_many(to_check)
        stats.cache_hits = len(hits)
        for n, (url, result) in enumerate(hits.items(), 1):
            await deliver(url, result)
            if n % _SLICE == 0:
                await asyncio.sleep(0)
        to_check = [url for url in to_check if url not in hits]
    stats.requested = len(to_check)
    if not to_check:
        stats.elapsed_s = time.monotonic() - started
        return stats

    pairs: list[tuple[str, str]] = []
    for n, url in enumerate(to_check, 1):
        pairs.append((host_of(url), url))
        if n % _SLICE == 0:
            await asyncio.sleep(0)
    queue = HostQueue(pairs, config.per_host_connections)
    in_flight: set[str] = set()
    fresh: list[tuple[str, CheckResult]] = []
    pacer = HostPacer(config, deadline=started + budget)
    async with open_session(config, resolver, policy, ssl_context) as session:
        fetcher = Fetcher(config=config, policy=policy, session=session, pacer=pacer,
                          deadline=started + budget, stats=stats)

        async def worker() -> None:
            while (picked := queue.take()) is not None:
                host, url = picked
                in_flight.add(url)
                try:
                    result = await fetcher.check(url)
                finally:
                    queue.done(host)
                if result.cacheable:
                    fresh.append((url, result))
                in_flight.discard(url)
                await deliver(url, result)

        workers = [asyncio.create_task(worker())
                   for _ in range(min(config.total_connections, len(to_check)))]
        try:
            _done, pending = await asyncio.wait(
                workers, timeout=max(0.0, started + budget - time.monotonic())
            )
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            for task in _done:
                if (exc := task.exception()) is not None:
                    raise exc
            unfinished = [*sorted(in_flight), *queue.left()]
            stats.unfinished = len(unfinished)
            ran_out = not_checked(f"Not checked: the link-check budget of {budget:g} s for "
                                  "this page ran out first.")
            for n, url in enumerate(unfinished, 1):
                await deliver(url, ran_out)
                if n % _SLICE == 0:
                    await asyncio.sleep(0)
        finally:
            for task in workers:
                task.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            if cache is not None and config.use_cache and fresh:
                await asyncio.shield(cache.put_many(fresh))
    stats.elapsed_s = time.monotonic() - started
    stats.max_per_host = pacer.max_per_host
    return stats
