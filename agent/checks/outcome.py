"""What a check found: the `CheckResult` of one URL and the rules that turn an answer into it.

    ok                 2xx
    redirect           2xx after redirects (flag `redirect`, info)
    soft_404           2xx that says "not found" (agent/checks/soft_404.py)
    broken             404, 410, other 4xx, 5xx, DNS failure, refused/reset connection, TLS
                       failure, redirect loop or more than max_redirects (flag `redirect_loop`)
    blocked            401, 403, 429, 451, 999, Cloudflare challenges (bot protection; the page
                       may well be fine for people: blocked is not broken)
    timeout            no complete answer in `Config.check_timeout_s` (tarpits, slow drips)
    null + not_checked action-like URL, excluded, a hop into a private network from a public page,
                       the host stopped answering, or the job's budget ran out
  plus `insecure` (warning) when a chain goes from https to http.

Results that depend on this job or this moment (timeouts, 429, 5xx, refusals) are marked not
cacheable.
"""

from __future__ import annotations

__all__ = [
    "Answer",
    "CheckResult",
    "CheckStats",
    "OnResult",
    "blocked_or_broken",
    "broken",
    "final",
    "host_of",
    "is_challenge",
    "not_checked",
    "not_reached",
    "redirect_loop",
    "timed_out",
]

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

import ada_url
import msgspec

from agent.checks.soft_404 import soft_404_reason
from agent.errors import TargetRefused
from agent.net.hosts import is_loopback_host
from protocol import ErrorCode, Flag, Health, Redirect

_BLOCKED = {
    401: "asks for a login (401)",
    403: "refuses automated visitors (403)",
    429: "is rate-limiting requests (429)",
    451: "is unavailable for legal reasons here (451)",
    999: "refuses automated visitors (999)",
}
_CHALLENGE_MARKERS = (
    b"challenge-platform", b"cf-chl", b"_cf_chl", b"<title>just a moment...</title>",
    b"attention required! | cloudflare", b"cf-browser-verification",
)


class CheckResult(msgspec.Struct, kw_only=True):
    """What checking one URL found; shared by every link to that URL."""

    status: int | None = None
    final_url: str | None = None
    redirects: list[Redirect] = msgspec.field(default_factory=list)
    health: Health | None = None
    flags: list[Flag] = msgspec.field(default_factory=list)
    #: False for results that depend on this job or this moment (never cached).
    cacheable: bool = True


#: Called once per checked link (by link id) as results arrive.
OnResult = Callable[[int, CheckResult], Awaitable[None]]


@dataclass
class CheckStats:
    """Counts for one run, for tests, the log and the benchmark."""

    urls: int = 0
    requested: int = 0  # URLs that needed requests (not cached, not skipped)
    cache_hits: int = 0
    skipped: int = 0  # action-like, excluded
    unfinished: int = 0  # budget ran out
    requests: int = 0  # HTTP requests sent
    max_per_host: int = 0  # the busiest host's peak of simultaneous requests
    elapsed_s: float = 0.0


@dataclass
class Answer:
    """One HTTP answer, as much of it as a check reads."""

    status: int
    headers: dict[str, str]  # names lower-cased
    body: bytes | None  # GET only, at most check_read_bytes


def host_of(url: str) -> str:
    """The host (with port) of an absolute URL."""
    return str(ada_url.URL(url).host)


def is_challenge(answer: Answer) -> bool:
    """True for a bot-protection challenge (Cloudflare's header, or its page on 200/403/429/503)."""
    if answer.headers.get("cf-mitigated", "").lower() == "challenge":
        return True
    if answer.body is None or answer.status not in (200, 403, 429, 503):
        return False
    head = answer.body[:16384].lower()
    return any(marker in head for marker in _CHALLENGE_MARKERS)


def not_checked(message: str, *, severity: str = "info", cacheable: bool = False) -> CheckResult:
    """No request was made (or none finished): health null, a `not_checked` flag saying why."""
    return CheckResult(
        flags=[Flag("not_checked", severity, message)],  # type: ignore[arg-type]
        cacheable=cacheable,
    )


def _is_agent(url: str, agent_port: int) -> bool:
    parsed = ada_url.URL(url)
    port = int(parsed.port) if parsed.port else (443 if parsed.protocol == "https:" else 80)
    return port == agent_port and is_loopback_host(parsed.hostname)


def not_reached(start: str, current: str, redirects: list[Redirect], *, agent_port: int,
                refused: TargetRefused | None = None) -> CheckResult:
    """A hop the address policy refused (a private network, the agent itself): not requested."""
    host = host_of(current)
    if refused is not None and refused.code != ErrorCode.TARGET_NOT_ALLOWED:
        message = f"Not checked: {refused.message}"  # e.g. an address too long to request
    elif _is_agent(current, agent_port):
        message = f"Not checked: {host} is the LinkLens agent itself."
    elif current == start:
        message = (f"Not checked: {host} points into a private network, which this page's "
                   "links may not reach.")
    else:
        message = (f"Not followed: it redirects to {host}, which points into a private "
                   "network that this page's links may not reach.")
    return CheckResult(
        final_url=current if redirects else None,
        redirects=redirects,
        flags=[Flag("not_checked", "warning", message)],
        cacheable=False,
    )


def broken(current: str, redirects: list[Redirect], status: int | None,
           message: str) -> CheckResult:
    """Broken without a usable answer: DNS, connection, TLS, a redirect going nowhere."""
    return CheckResult(
        status=status,
        final_url=current if redirects else None,
        redirects=redirects,
        health="broken",
        flags=[Flag("broken", "danger", message)],
    )


def timed_out(current: str, redirects: list[Redirect], host: str, timeout_s: float) -> CheckResult:
    """No complete answer within the per-link timeout."""
    return CheckResult(
        final_url=current if redirects else None,
        redirects=redirects,
        health="timeout",
        flags=[Flag("timeout", "warning", f"{host} did not answer within {timeout_s:g} s.")],
        cacheable=False,
    )


def redirect_loop(target: str, redirects: list[Redirect], status: int, *, loop: bool,
                  max_redirects: int) -> CheckResult:
    """A hop back to a URL already seen (`loop`), or more than `max_redirects` hops."""
    if loop:
        message = f"It redirects in a loop (back to {target} after {len(redirects)} hops)."
    else:
        message = f"It redirects more than {max_redirects} times."
    return CheckResult(
        status=status,
        final_url=target,
        redirects=redirects,
        health="broken",
        flags=[Flag("redirect_loop", "danger", message)],
    )


def blocked_or_broken(status: int, host: str, retry_after: float | None) -> tuple[Health, Flag]:
    """The health and flag of a 4xx/5xx (or unexpected) final answer."""
    wait = (f", asking to wait {retry_after:g} s, longer than the check budget left"
            if retry_after is not None else "")
    if status in _BLOCKED:
        return "blocked", Flag(
            "blocked", "warning",
            f"{host} {_BLOCKED[status]}{wait}; blocked is not broken: people can likely open it.")
    if 400 <= status < 600:
        what = {404: "not found", 410: "gone"}.get(status, "an error")
        return "broken", Flag("broken", "danger", f"{host} answers {status} ({what}{wait}).")
    return "broken", Flag("broken", "danger", f"{host} answers an unexpected status {status}.")


def final(start: str, current: str, redirects: Sequence[Redirect], answer: Answer, *,
          downgraded: bool = False, retry_after: float | None = None) -> CheckResult:
    """The outcome of the last answer of a chain (no further redirect)."""
    status = answer.status
    host = host_of(current)
    flags: list[Flag] = []
    health: Health
    cacheable = True
    if downgraded:
        flags.append(Flag("insecure", "warning",
                          f"The redirect chain drops from https to http (ends at {current})."))
    if is_challenge(answer):
        health = "blocked"
        flags.append(Flag("blocked", "warning",
                          f"{host} answers with a bot-protection challenge (Cloudflare); "
                          "people can likely open it."))
    elif 200 <= status < 300:
        soft = soft_404_reason(start, current, redirects, answer.body,
                               answer.headers.get("content-type"))
        if soft is not None:
            health = "soft_404"
            flags.append(Flag("soft_404", "warning", soft))
        elif redirects:
            health = "redirect"
            times = "once" if len(redirects) == 1 else f"{len(redirects)} times"
            flags.append(Flag("redirect", "info", f"It redirects {times} and ends at {current}."))
        else:
            health = "ok"
    else:
        health, flag = blocked_or_broken(status, host, retry_after)
        flags.append(flag)
        # Rate limits and server errors are of the moment: asked again next time.
        cacheable = status != 429 and not 500 <= status < 600
    return CheckResult(
        status=status,
        final_url=current if redirects else None,
        redirects=list(redirects),
        health=health,
        flags=flags,
        cacheable=cacheable,
    )
