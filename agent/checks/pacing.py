"""Per-host scheduling: which URL is checked next, how many requests each host gets at once,
and pauses for failing hosts.

`HostQueue` hands the URLs of a job out to a fixed pool of workers (`Config.total_connections`
of them), round-robin over hosts, at most `Config.per_host_connections` URLs of one host at
once: a page of 20,000 links makes 64 tasks, not 20,000 (whose start-up alone kept the event
loop from answering anyone for seconds), and every host is worked on from the start.

Every request (each HEAD, GET and redirect hop) takes a slot of its host — at most
`Config.per_host_connections` in flight per host — and one of `Config.total_connections` in
all. A slot is held for one request only, never across hops, so a redirect into another host
counts against that host's limit and two hosts redirecting into each other cannot wait on each
other forever.

A host that fails `BURST_FAILURES` times in a row (timeouts, refused connections, 5xx, 429) is
paused, 0.25 s doubling up to `min(MAX_PAUSE_S, check_timeout_s)`; after `GIVE_UP_FAILURES` in a
row its remaining requests raise `HostGaveUp`, so a dying server is not hammered. A
`Retry-After` pauses the whole host, not just the URL that got it.
"""

from __future__ import annotations

__all__ = [
    "BURST_FAILURES",
    "GIVE_UP_FAILURES",
    "MAX_PAUSE_S",
    "HostGaveUp",
    "HostPacer",
    "HostQueue",
    "retry_after_s",
]

import asyncio
import contextlib
import email.utils
import time
from collections import deque
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass

from agent.config import Config

#: Consecutive failures (timeouts, refusals, 5xx, 429) before a host is paused.
BURST_FAILURES = 5
#: Consecutive failures after which a host's remaining links are left unchecked.
GIVE_UP_FAILURES = 12
#: Longest single pause of a failing host, in seconds (also capped by the per-link timeout).
MAX_PAUSE_S = 8.0


class HostGaveUp(Exception):
    """The host failed GIVE_UP_FAILURES times in a row: no more requests go to it."""


@dataclass
class _Host:
    slots: asyncio.Semaphore
    failures: int = 0
    pauses: int = 0
    paused_until: float = 0.0
    given_up: bool = False
    active: int = 0
    max_active: int = 0


def retry_after_s(value: str | None) -> float | None:
    """A `Retry-After` header (seconds or an HTTP date) in seconds from now; None if unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class HostPacer:
    """The slots and failure counts of one job's hosts."""

    def __init__(self, config: Config, deadline: float) -> None:
        self._per_host = config.per_host_connections
        self._longest_pause = min(MAX_PAUSE_S, config.check_timeout_s)
        self._deadline = deadline
        self._everything = asyncio.Semaphore(config.total_connections)
        self._hosts: dict[str, _Host] = {}

    def _host(self, name: str) -> _Host:
        host = self._hosts.get(name)
        if host is None:
            host = self._hosts[name] = _Host(asyncio.Semaphore(self._per_host))
        return host

    @property
    def max_per_host(self) -> int:
        """The busiest host's peak of requests in flight."""
        return max((host.max_active for host in self._hosts.values()), default=0)

    @contextlib.asynccontextmanager
    async def slot(self, name: str) -> AsyncIterator[None]:
        """Hold one request's slot on host `name`, after the host's pause (if any) is over.

        Raises HostGaveUp when the host stopped answering. A pause never outlasts the job's
        deadline: the budget decides what is left unchecked, not the pause.
        """
        host = self._host(name)
        async with host.slots:
            while (wait := host.paused_until - time.monotonic()) > 0:
                await asyncio.sleep(min(wait, max(0.0, self._deadline - time.monotonic())))
                if time.monotonic() >= self._deadline:
                    break
            if host.given_up:
                raise HostGaveUp
            async with self._everything:
                host.active += 1
                host.max_active = max(host.max_active, host.active)
                try:
                    yield
                finally:
                    host.active -= 1

    def record(self, name: str, *, failed: bool) -> None:
        """Count a request's outcome: a success resets the run of failures, a burst pauses."""
        host = self._host(name)
        if not failed:
            host.failures = 0
            return
        host.failures += 1
        if host.failures >= GIVE_UP_FAILURES:
            host.given_up = True
        elif host.failures % BURST_FAILURES == 0:
            pause = min(self._longest_pause, 0.25 * 2**host.pauses)
            host.pauses += 1
            host.paused_until = max(host.paused_until, time.monotonic() + pause)

    def pause(self, name: str, delay_s: float) -> None:
        """Hold every request to host `name` for `delay_s` (a Retry-After)."""
        host = self._host(name)
        host.paused_until = max(host.paused_until, time.monotonic() + delay_s)


class HostQueue:
    """The URLs still to check, by host; `take` hands out the next one a host may start now."""

    def __init__(self, urls: Iterable[tuple[str, str]], per_host: int) -> None:
        """`urls` are (host, url) pairs, in the order they should start within each host."""
        self._per_host = per_host
        self._waiting: dict[str, deque[str]] = {}
        for host, url in urls:
            self._waiting.setdefault(host, deque()).append(url)
        self._turns: deque[str] = deque(self._waiting)  # hosts with URLs waiting, in turn
        self._running: dict[str, int] = {}

    def take(self) -> tuple[str, str] | None:
        """The next (host, url), round-robin over hosts below their limit; None when every host
        with URLs waiting is at its limit (its running workers will take them) or none wait."""
        for _ in range(len(self._turns)):
            host = self._turns[0]
            self._turns.rotate(-1)
            if self._running.get(host, 0) < self._per_host:
                waiting = self._waiting[host]
                url = waiting.popleft()
                if not waiting:
                    del self._waiting[host]
                    self._turns.remove(host)
                self._running[host] = self._running.get(host, 0) + 1
                return host, url
        return None

    def done(self, host: str) -> None:
        """A URL of `host` is finished: the host may start another."""
        self._running[host] -= 1

    def left(self) -> list[str]:
        """The URLs never handed out (for the budget's `not_checked`)."""
        return [url for waiting in self._waiting.values() for url in waiting]
