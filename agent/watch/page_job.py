"""One source page: render it once, classify its links, observe every watched link it holds.

The render and classification are the scan engine's (`agent.pipeline.render_and_classify`):
follow and its source, qualifiers, visibility, crawlability are exactly what `linklens scan`
says. Among the page's links into the target's domain the one that best matches is observed (the
exact target first, then dofollow, visible, crawlable, first on the page); `matches` counts them.
When asked, the chosen links are also checked (final URL, health) with the link checker.
"""

from __future__ import annotations

__all__ = ["check_page", "page_standing"]

from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from agent.config import Config
from agent.errors import LinkLensError
from agent.watch.changes import Observation, Standing
from agent.watch.model import Target, WatchedLink
from protocol import ErrorCode, Link, Report

if TYPE_CHECKING:
    from agent.render.browser_pool import BrowserPool

#: Page answers that mean the page is gone for good (anything else 4xx/5xx is an error that may
#: pass: a bot wall, a rate limit, a server having a bad day).
_GONE_STATUSES = frozenset({404, 410})


def _registrable(host: str) -> str:
    from agent.net.hosts import same_site_key

    return same_site_key(host)


def _unrelated_redirect(source_url: str, final_url: str | None) -> bool:
    """The page now redirects to another site, or from a deep page to a home page (a removed
    article sent to the front page is gone, whatever the status says)."""
    if not final_url:
        return False
    source, final = urlsplit(source_url), urlsplit(final_url)
    if not source.hostname or not final.hostname:
        return False
    if _registrable(source.hostname) != _registrable(final.hostname):
        return True
    return source.path not in ("", "/") and final.path in ("", "/") and not final.query


def page_standing(source_url: str, report: Report) -> tuple[Standing, str | None]:
    """The page's own outcome: fine (`present`, links decide), gone or an error, and why."""
    status = report.page.status
    if status in _GONE_STATUSES:
        return "page_gone", f"HTTP {status}"
    if status is not None and status >= 400:
        return "page_error", f"HTTP {status}"
    if _unrelated_redirect(source_url, report.final_url):
        return "page_gone", f"redirects to {report.final_url}"
    return "present", None


def _host(href: str | None) -> str | None:
    if not href:
        return None
    try:
        return urlsplit(href).hostname
    except ValueError:
        return None


def _best(links: list[Link], target: Target) -> Link:
    return min(
        links,
        key=lambda link: (
            not target.is_exact(link.href),
            link.follow != "dofollow",
            not link.visible,
            not link.crawlable,
            link.id,
        ),
    )


def _observe(report: Report, target: Target) -> tuple[Observation, Link | None]:
    candidates = [link for link in report.links if target.matches_host(_host(link.href))]
    observation = Observation(
        standing="lost",
        present=False,
        page_status=report.page.status,
        page_final_url=report.final_url,
        page_noindex=report.page.noindex,
        matches=len(candidates),
        on_target=False,
    )
    if not candidates:
        return observation, None
    link = _best(candidates, target)
    observation.standing = "present"
    observation.present = True
    observation.follow = link.follow
    observation.nofollow_source = link.nofollow_source
    observation.qualifiers = " ".join(link.qualifiers) or None
    observation.visible = link.visible
    observation.hidden_reason = link.hidden_reason
    observation.crawlable = link.crawlable
    observation.anchor = " ".join(link.text.split())
    observation.href = link.href
    observation.on_target = target.is_exact(link.href)
    return observation, link


async def _check_targets(
    chosen: dict[int, Link], observations: dict[int, Observation], targets: dict[int, Target],
    source_url: str, config: Config,
) -> None:
    """Where each chosen link leads (the link checker; aiohttp only imported here)."""
    from agent.checks.link_check import CheckResult, check_links
    from agent.net.address_policy import AddressPolicy
    from agent.net.resolver import HostResolver

    resolver = HostResolver(config)
    policy = await AddressPolicy.for_page(source_url, config, resolver)
    unique = {link.id: link for link in chosen.values()}

    async def on_result(link_id: int, result: CheckResult) -> None:
        for watched_id, link in chosen.items():
            if link.id != link_id:
                continue
            obs = observations[watched_id]
            # No final URL means no redirect: the link lands where it points (when checked).
            final = result.final_url or (link.href if result.health else None)
            obs.target_final_url = final
            obs.target_health = result.health
            if final and not targets[watched_id].is_exact(final):
                obs.on_target = False

    await check_links(
        list(unique.values()), config=config, resolver=resolver, policy=policy, cache=None,
        on_result=on_result,
    )


async def check_page(
    source_url: str,
    links: Sequence[WatchedLink],
    *,
    config: Config,
    browser: BrowserPool,
    check_targets: bool = False,
) -> dict[int, Observation]:
    """Observe every watched link of one source page (rendered once); by watched link id.

    Page failures become observations (`page_error`, `page_gone`); only a missing browser (no
    page can be checked at all) is raised, as LinkLensError.
    """
    from agent.pipeline import render_and_classify

    try:
        report = await render_and_classify(source_url, config=config, browser=browser)
    except LinkLensError as exc:
        if exc.code == ErrorCode.BROWSER_UNAVAILABLE:
            raise
        standing: Standing = "page_gone" if exc.code == ErrorCode.NOT_HTML else "page_error"
        return {
            link.id: Observation(standing=standing, present=False, page_error=exc.message, on_target=False)
            for link in links
        }
    page, why = page_standing(source_url, report)
    observations: dict[int, Observation] = {}
    chosen: dict[int, Link] = {}
    for watched in links:
        if page != "present":
            observations[watched.id] = Observation(
                standing=page, present=False, page_status=report.page.status,
                page_error=why, page_final_url=report.final_url,
                page_noindex=report.page.noindex, on_target=False,
            )  # fmt: skip
            continue
        observation, link = _observe(report, watched.target)
        observations[watched.id] = observation
        if link is not None:
            chosen[watched.id] = link
    if check_targets and chosen:
        await _check_targets(
            chosen, observations, {w.id: w.target for w in links}, source_url, config
        )
    return observations
