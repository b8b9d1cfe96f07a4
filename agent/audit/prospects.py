"""Broken-link building: the dead outbound links of resource pages, grouped by dead URL.

    resource pages -> each rendered once (`pipeline.render_and_classify`, `--jobs` at a time,
    polite per host: `for_each_page`) -> once every page is read, their external links checked
    by the link checker (each URL once across all pages; one per-host limit for the command)
    -> links whose health is `broken` (never `blocked` — a bot wall people can open — nor
    `timeout`) -> grouped by dead URL, most-linked first
    -> with `--wayback`, the Internet Archive's last snapshot of each dead URL

The availability API (`Config.wayback_url`, `?url=`) is asked once per dead URL, and its answer
(a snapshot or none) is kept in the store, so a second run asks nothing.

With `--cluster` only the render + classify of each page runs elsewhere (`page_job`: a Dask
worker's `prospect_page_task`, which sends back the final URL and the external links alone). The
link checks stay here, on the client: they are network I/O, cheap next to a render, and they
must see every page's links in one place — each URL is checked once across all pages (a dead URL
linked from a hundred pages on a hundred workers is still one request) and the checker's
per-host limit applies from one machine, as in a local run, rather than once per worker.
"""

from __future__ import annotations

__all__ = ["DeadLink", "LinkingPage", "PageLinks", "ProspectsReport", "find_prospects", "page_links",
           "wayback_snapshot"]  # fmt: skip

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import msgspec

from agent.config import Config
from agent.errors import LinkLensError
from protocol import ErrorCode, Link

if TYPE_CHECKING:
    from agent.audit.store import AuditStore
    from agent.net.address_policy import AddressPolicy
    from agent.net.resolver import HostResolver
    from agent.render.browser_pool import BrowserPool


class LinkingPage(msgspec.Struct, kw_only=True):
    """A resource page that links to a dead URL: the anchor and where on the page."""

    page: str
    anchor: str
    context: str  # the page region: main, aside, footer, nav...


class DeadLink(msgspec.Struct, kw_only=True):
    """One dead URL and every page that links to it."""

    url: str
    status: int | None
    reason: str
    pages: list[LinkingPage] = msgspec.field(default_factory=list)
    wayback_url: str | None = None
    wayback_time: str | None = None


#: One resource page read: (its final URL, its links worth checking). The local render by
#: default; a cluster's task with `--cluster`.
PageLinks = Callable[[str], Awaitable[tuple[str, list[Link]]]]


class ProspectsReport(msgspec.Struct, kw_only=True):
    """What `linklens prospects` found."""

    kind: str = "linklens-prospects"
    generated_at: str
    pages: list[str] = msgspec.field(default_factory=list)
    failed: dict[str, str] = msgspec.field(default_factory=dict)  # page -> error
    links_checked: int = 0
    dead: list[DeadLink] = msgspec.field(default_factory=list)


async def page_links(url: str, *, config: Config, browser: BrowserPool) -> tuple[str, list[Link]]:
    """Render and classify one resource page: (its final URL, its external crawlable links with
    an href — the only ones prospects checks). Raises LinkLensError as `render_and_classify`."""
    from agent.pipeline import render_and_classify

    page = await render_and_classify(url, config=config, browser=browser)
    return page.final_url or url, [link for link in page.links if _worth_checking(link)]


def _worth_checking(link: Link) -> bool:
    """A link prospects checks: to another site, with an href a crawler follows."""
    return not link.internal and bool(link.href) and link.crawlable


@dataclass
class _CheckGroup:
    """The pages whose links are checked under one address policy."""

    policy: AddressPolicy
    resolver: HostResolver
    pages: int = 0


async def find_prospects(
    urls: Sequence[str],
    *,
    config: Config,
    browser: BrowserPool | None,
    jobs: int = 4,
    on_page: Callable[[int, int], None] | None = None,
    page_job: PageLinks | None = None,
    on_checks: Callable[[int], None] | None = None,
) -> ProspectsReport:
    """Render each page, check its external links, group the broken ones by URL.

    `page_job` reads one page (`page_links` with `browser` by default); with it (a cluster)
    `browser` is unused and may be None. The link checks always run here (module docstring);
    `on_checks(urls)` is told how many URLs once every page is read, before they are checked.
    """
    from agent.checks.link_check import check_links
    from agent.checks.outcome import CheckResult
    from agent.checks.selection import url_key
    from agent.net.address_policy import AddressPolicy
    from agent.net.resolver import HostResolver
    from agent.watch.runner import for_each_page

    async def local_page(url: str) -> tuple[str, list[Link]]:
        if browser is None:
            raise ValueError("find_prospects needs a browser or a page_job")
        return await page_links(url, config=config, browser=browser)

    read_page = page_job or local_page

    report = ProspectsReport(generated_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                             pages=list(dict.fromkeys(urls)))  # fmt: skip
    results: dict[str, CheckResult] = {}
    found: dict[str, list[tuple[str, Link]]] = {}
    # Pages grouped by the address policy their links are checked under (it differs only for a
    # page on a private address, which may reach its own host): one check run per group.
    groups: dict[str | None, _CheckGroup] = {}
    checked_under: dict[str, str | None] = {}  # URL -> the group that checks it (first seen)
    done = 0

    async def one(url: str) -> None:
        nonlocal done
        try:
            final_url, links = await read_page(url)
        except LinkLensError as exc:
            if exc.code == ErrorCode.BROWSER_UNAVAILABLE:
                raise
            report.failed[url] = exc.message
        else:
            resolver = HostResolver(config)
            policy = await AddressPolicy.for_page(final_url, config, resolver)
            groups.setdefault(policy.private_host, _CheckGroup(policy, resolver)).pages += 1
            for link in links:
                if _worth_checking(link) and (key := url_key(link.href or "")) is not None:  # whatever page_job sent
                    found.setdefault(key, []).append((url, link))
                    checked_under.setdefault(key, policy.private_host)
        done += 1
        if on_page is not None:
            on_page(done, len(report.pages))

    await for_each_page(report.pages, one, jobs=jobs, per_host=config.per_host_connections)
    # The checks run once every page is read, in one run per group, one group after another:
    # each URL is checked once across all pages, and the checker's per-host limit then holds
    # for the whole command — checks started page by page, `--jobs` at a time, would each have
    # had the limit to themselves (several pages citing one site: several times the limit).
    # Each page read brings its share of the check budget, as each page had its own before.
    if on_checks is not None:
        on_checks(len(checked_under))
    for private_host, group in groups.items():
        keys = [key for key, under in checked_under.items() if under == private_host]
        todo = [msgspec.structs.replace(found[key][0][1], id=n) for n, key in enumerate(keys)]

        async def on_result(link_id: int, result: CheckResult, keys: list[str] = keys) -> None:
            results.setdefault(keys[link_id], result)

        await check_links(todo, config=config, resolver=group.resolver, policy=group.policy, cache=None,
                          on_result=on_result, budget_s=config.check_budget_s * group.pages)  # fmt: skip
    report.links_checked = len(results)
    for key, result in results.items():
        if result.health != "broken":
            continue
        reason = next((f.message for f in result.flags if f.code in ("broken", "redirect_loop")), "broken")
        dead = DeadLink(url=key, status=result.status, reason=reason)
        seen: set[tuple[str, str]] = set()
        for page_url, link in found.get(key, []):
            anchor = " ".join(link.text.split())
            if (page_url, anchor) in seen:
                continue
            seen.add((page_url, anchor))
            dead.pages.append(LinkingPage(page=page_url, anchor=anchor, context=link.context))
        # Pages finish in any order: list them in the order they were given.
        order = {url: index for index, url in enumerate(report.pages)}
        dead.pages.sort(key=lambda linking: order.get(linking.page, len(order)))
        report.dead.append(dead)
    report.dead.sort(key=lambda d: (-len({p.page for p in d.pages}), d.url))
    return report


async def wayback_snapshot(url: str, *, config: Config, store: AuditStore) -> tuple[str | None, str | None]:
    """(snapshot URL, its time as YYYYMMDDhhmmss) of the last archived copy of `url`, or
    (None, None); the store keeps every answer, so each URL is asked once. Network errors
    raise LinkLensError (nothing is cached then)."""
    cached = await asyncio.to_thread(store.wayback, url)
    if cached is not None:
        return cached
    import aiohttp

    from agent.render.user_agent import default_user_agent

    timeout = aiohttp.ClientTimeout(total=config.check_timeout_s)
    try:
        async with aiohttp.ClientSession(timeout=timeout, headers={"User-Agent": default_user_agent(config)}) as session:  # noqa: SIM117
            async with session.get(config.wayback_url, params={"url": url}) as response:
                if response.status != 200:
                    raise LinkLensError(ErrorCode.UNREACHABLE, f"the Wayback Machine answered HTTP {response.status}")
                data = await response.json(content_type=None)
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        raise LinkLensError(ErrorCode.UNREACHABLE, f"the Wayback Machine could not be asked ({type(exc).__name__})") from None
    closest = (data.get("archived_snapshots") or {}).get("closest") if isinstance(data, dict) else None
    snapshot, when = None, None
    if isinstance(closest, dict) and closest.get("available") and isinstance(closest.get("url"), str):
        snapshot, when = closest["url"], str(closest.get("timestamp") or "") or None
    await asyncio.to_thread(store.save_wayback, url, snapshot, when)
    return snapshot, when
