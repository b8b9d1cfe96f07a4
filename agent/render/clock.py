"""A render's deadline and its stage timings: one way to say "how long is left" and "how long
that took".

Everything before collecting must end by the deadline minus a reserve kept for running the
collector and reading the body (`Deadline.soft`); the collector and the body read may run to
the deadline itself (`Deadline.hard`). The whole render is also bounded with asyncio a little
after that (`Deadline.grace_s`), because a Playwright call on a busy page can hang.
"""

from __future__ import annotations

__all__ = ["Deadline", "Laps"]

import time
from dataclasses import dataclass, field

# Time kept back from the deadline for running the collector and reading the body: 20 % of the
# deadline, within these bounds.
_RESERVE_SHARE = 0.2
_RESERVE_MIN_S = 0.5
_RESERVE_MAX_S = 5.0
# Extra time for the asyncio bound on top of the deadline (closing the context, the proxy).
_GRACE_S = 2.0


@dataclass(frozen=True)
class Deadline:
    """When a render must be done (`hard`) and when waiting must stop (`soft`), monotonic."""

    started: float
    hard: float
    soft: float

    #: How long past the deadline the asyncio bound of the whole render allows.
    grace_s = _GRACE_S

    @classmethod
    def starting_now(cls, deadline_s: float) -> Deadline:
        """A deadline `deadline_s` from now, with the collect reserve taken off for waiting."""
        started = time.monotonic()
        reserve = min(max(deadline_s * _RESERVE_SHARE, _RESERVE_MIN_S), _RESERVE_MAX_S)
        return cls(started=started, hard=started + deadline_s, soft=started + deadline_s - reserve)

    def left(self) -> float:
        """Seconds until the hard deadline (never negative)."""
        return max(0.0, self.hard - time.monotonic())

    def waiting_left(self) -> float:
        """Seconds until waiting must stop (never negative)."""
        return max(0.0, self.soft - time.monotonic())

    def waiting_left_ms(self) -> float:
        """`waiting_left()` for Playwright's `timeout=` (ms), never 0, which means "no timeout"."""
        return max(1.0, self.waiting_left() * 1000)

    def waiting_over(self) -> bool:
        """Waiting time is used up."""
        return time.monotonic() >= self.soft


@dataclass
class Laps:
    """Stage timings in ms, each stage counted from the end of the previous one."""

    timings: dict[str, float] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)
    _mark: float = 0.0

    def __post_init__(self) -> None:
        self._mark = self.started

    def lap(self, name: str) -> None:
        """Record the time since the last lap (or the start) as `name`."""
        now = time.monotonic()
        self.timings[name] = round((now - self._mark) * 1000, 1)
        self._mark = now

    def total(self, name: str) -> None:
        """Record the time since the start as `name`."""
        self.timings[name] = round((time.monotonic() - self.started) * 1000, 1)
