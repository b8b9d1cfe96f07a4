"""What one analysis job carries from step to step: its id, request, settings and tools.

`agent.pipeline.run_analysis` builds one `JobContext` per `analyze` request; the steps after
classification (the cloaking renders, judging, the link-check stream) use the same browser,
resolver and address policy the render used (so link checks and the cloaking renders stay inside
the page's private-network boundary) and send their messages through `emit`.
"""

from __future__ import annotations

__all__ = ["Emit", "JobContext", "render_deadline"]

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from protocol import AnalyzeOptions, Message

if TYPE_CHECKING:
    # Only for type checking: importing these at run time would pull Playwright and aiohttp into
    # every module that merely names a JobContext.
    from agent.config import Config
    from agent.net.address_policy import AddressPolicy
    from agent.net.resolver import HostResolver
    from agent.render.browser_pool import BrowserPool

#: Sends one agent -> client message (progress, report, link_updates) for this job.
Emit = Callable[[Message], Awaitable[None]]


@dataclass
class JobContext:
    """One analyze request in flight: everything the later steps of the flow need."""

    request_id: str
    url: str  # the page asked for, as validated (before redirects)
    options: AnalyzeOptions
    config: Config
    resolver: HostResolver
    policy: AddressPolicy
    browser: BrowserPool
    emit: Emit

    @property
    def deadline_s(self) -> float:
        """This job's render deadline (every render of it: the page, the cloaking renders)."""
        return render_deadline(self.options, self.config)


def render_deadline(options: AnalyzeOptions, config: Config) -> float:
    """The request's `timeout_s`, never above the agent's cap (and the cap when not given)."""
    timeout_s = options.timeout_s
    if timeout_s is None or not timeout_s > 0:
        return config.render_deadline_s
    return min(timeout_s, config.render_deadline_s)
