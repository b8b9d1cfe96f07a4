"""Link status checks: where each link really leads, decided so that outcomes are never confused.

One aiohttp session per job, connections reused, no cookies (`DummyCookieJar`), a browser-like
User-Agent (`Config.user_agent`). Only http(s) targets are requested; the same URL (fragment
aside) is requested once per job. Action-like URLs (logout, unsubscribe, delete, ...) and the
configured exclude list are never requested.

How one URL is checked:

- HEAD first. GET instead when HEAD is refused or unreliable: 400, 403, 404, 405, 406, 500, 501
  (servers that route only GET answer these to HEAD), a dropped HEAD connection, or a 2xx HTML
  answer (the body's title is needed to spot a soft 404). GET reads at most
  `Config.check_read_bytes` of the body and then closes the connection.
- Redirects are followed by hand (`allow_redirects=False`), at most `Config.max_redirects`.
  Every hop is checked against the job's `AddressPolicy` twice: `check_url` before the request
  (literal IPs, which aiohttp never resolves) and `PolicyResolver` at connect time (the address
  checked is the address connected to).
- Outcomes (health, flag):
    ok                 2xx
    redirect           2xx after redirects (flag `redirect`, info)
    soft_404           2xx whose title/h1 (or the whole text of a short page) says "not found",
                       or a redirect from a deep page to the home page or to a not-found URL
                       (flag `soft_404`)
    broken             404, 410, other 4xx, 5xx, DNS failure, refused/reset connection, TLS
                       failure, redirect loop or more than max_redirects (flag `redirect_loop`)
    blocked            401, 403, 429, 451, 999, Cloudflare challenges (bot protection; the page
                       may well be fine for people: blocked is not broken)
    timeout            no complete answer in `Config.check_timeout_s` (tarpits, slow drips)
    null + not_checked action-like URL, excluded, a hop into a private network from a public page,
                       the host stopped answering, or the job's budget ran out
  plus `insecure` (warning) when a chain goes from https to http.

Politeness: at most `Config.per_host_connections` requests per host and
`Config.total_connections` in all; `Retry-After` on 429/503 is honoured once per URL when it fits
in what is left of the job's budget (`Config.check_budget_s`); a host that fails
`BURST_FAILURES` times in a row (timeouts, refused connections, 5xx, 429) is paused with a
doubling delay, and after `GIVE_UP_FAILURES` its remaining links are left unchecked.
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
import contextlib
import email.utils
import fnmatch
import html
import ipaddress
import itertools
import re
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import ada_url
import aiohttp
import msgspec

from agent.checks.policy_resolver import PolicyResolver
from agent.config import Config
from agent.errors import TargetRefused
from agent.net.resolver import AddressNotAllowed, HostResolver, ResolutionFailed
from protocol import ErrorCode, Flag, Health, Link, Redirect

if TYPE_CHECKING:
    from agent.checks.status_cache import StatusCache
    from agent.net.address_policy import AddressPolicy

#: Consecutive failures (timeouts, refusals, 5xx, 429) before a host is paused.
BURST_FAILURES = 5
#: Consecutive failures after which a host's remaining links are left unchecked.
GIVE_UP_FAILURES = 12
#: Longest single pause of a failing host, in seconds (also capped by the per-link timeout).
MAX_PAUSE_S = 8.0

_HEAD_UNRELIABLE = frozenset({400, 403, 404, 405, 406, 500, 501})
_BLOCKED = {
    401: "asks for a login (401)",
    403: "refuses automated visitors (403)",
    429: "is rate-limiting requests (429)",
    451: "is unavailable for legal reasons here (451)",
    999: "refuses automated visitors (999)",
}
_ACTION_WORDS = frozenset(
    {"logout", "signout", "logoff", "signoff", "unsubscribe", "delete", "remove", "deactivate",
     "destroy", "revoke", "optout", "unfollow", "disconnect"}
)
_ACTION_PAIRS = frozenset(
    {("log", "out"), ("sign", "out"), ("log", "off"), ("opt", "out"),
     ("cancel", "subscription"), ("cancel", "account"), ("close", "account"),
     ("delete", "account"), ("remove", "account")}
)

_NOT_FOUND = re.compile(
    r"(?:error\s*)?404(?:\s*error)?(?:\s*page)?(?:\s*not\s*found)?"
    r"|(?:oops\W*)?(?:sorry\W*)?(?:the\s+|this\s+|that\s+)?(?:page|file|post|article|content)?"
    r"\s*(?:was\s+)?not\s+found"
    r"|(?:oops\W*)?(?:sorry\W*)?(?:the\s+|this\s+|that\s+)?page\s+(?:does\s*n[o']?t\s+exist"
    r"|doesn't\s+exist|can'?t\s+be\s+found|cannot\s+be\s+found|could\s*n[o']?t\s+be\s+found"
    r"|could\s+not\s+be\s+found|no\s+longer\s+exists|is\s+gone|has\s+been\s+removed)"
    r"|seite\s+nicht\s+gefunden|page\s+introuvable|p[aá]gina\s+no\s+encontrada"
    r"|pagina\s+non\s+trovata|страница\s+не\s+найдена|nie\s+znaleziono\s+strony",
)
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—·:]\s+|\s*[|·]\s*")
_NOT_FOUND_PATH = re.compile(r"(?:^|[/_.-])(?:404|not-?found|page-?not-?found|error-?404)(?:$|[/_.-])")
# The home page: "/", "/index.html", "/home", or a language root such as "/en/" or "/de-at/".
_HOME_PATH = re.compile(r"^/(?:(?:index|default|home)(?:\.\w+)?|[a-z]{2}(?:[-_][a-z]{2})?/)?$")
_TITLE_RE = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)
_H1_RE = re.compile(rb"<h1[^>]*>(.*?)</h1", re.IGNORECASE | re.DOTALL)
_TAG_RE = re.compile(r"<[^>]+>")
_INVISIBLE_RE = re.compile(rb"<(script|style|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# Said anywhere in a short page's text (a bare error page): the phrases are long enough not to
# appear by chance in a few lines of real content.
_NOT_FOUND_SENTENCE = re.compile(
    r"\bpage not found\b|\b404 not found\b|\b(?:page|url|address) you (?:are looking for|"
    r"requested|were looking for) (?:could not be found|cannot be found|can't be found|"
    r"does not exist|doesn't exist|no longer exists|was not found|is not available)"
)
#: A body with less visible text than this (characters) is judged as a whole for soft 404s.
SHORT_PAGE_CHARS = 1500
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


# --- which URLs are checked ----------------------------------------------------------------


def url_key(href: str) -> str | None:
    """The URL a check requests for `href` (fragment dropped); None when it is not http(s)."""
    try:
        url = ada_url.URL(href)
    except ValueError:
        return None
    if url.protocol not in ("http:", "https:") or not url.hostname:
        return None
    return url.href[: -len(url.hash)] if url.hash else url.href


def action_word(url: str) -> str | None:
    """The action word ("logout", "unsubscribe", ...) in the URL's path or query, if any."""
    try:
        parsed = ada_url.URL(url)
    except ValueError:
        return None
    words: list[str] = re.findall(r"[a-z]+", (parsed.pathname + " " + parsed.search).lower())
    for word in words:
        if word in _ACTION_WORDS:
            return word
    for first, second in itertools.pairwise(words):
        if (first, second) in _ACTION_PAIRS:
            return f"{first} {second}"
    return None


def _has_credentials(url: str) -> bool:
    parsed = ada_url.URL(url)
    return bool(parsed.username or parsed.password)


def is_excluded(url: str, patterns: Sequence[str]) -> str | None:
    """The exclude pattern (substring, or glob with * ? [) that matches `url`, if any."""
    for pattern in patterns:
        if any(ch in pattern for ch in "*?["):
            if fnmatch.fnmatchcase(url, pattern):
                return pattern
        elif pattern and pattern in url:
            return pattern
    return None


def _not_checked(message: str, *, severity: str = "info", cacheable: bool = False) -> CheckResult:
    return CheckResult(
        flags=[Flag("not_checked", severity, message)],  # type: ignore[arg-type]
        cacheable=cacheable,
    )


# --- reading answers -------------------------------------------------------------------------


@dataclass
class _Answer:
    status: int
    headers: dict[str, str]
    body: bytes | None  # GET only, at most check_read_bytes


def _text_of(match: re.Match[bytes] | None) -> str:
    if match is None:
        return ""
    text = match.group(1).decode("utf-8", "replace")
    return " ".join(html.unescape(_TAG_RE.sub(" ", text)).split())


def _says_not_found(text: str) -> bool:
    text = text.lower().strip()
    if not text:
        return False
    parts = [text, *_TITLE_SEPARATORS.split(text)]
    return any(_NOT_FOUND.fullmatch(part.strip(" !.?'\"")) for part in parts if part.strip())


def _short_page_not_found(body: bytes) -> str | None:
    """The not-found sentence of a short page (little visible text), if it has one."""
    text = " ".join(html.unescape(_TAG_RE.sub(" ", _INVISIBLE_RE.sub(b" ", body).decode(
        "utf-8", "replace"))).split())
    if len(text) >= SHORT_PAGE_CHARS:
        return None
    match = _NOT_FOUND_SENTENCE.search(text.lower())
    return match.group(0) if match else None


def _is_challenge(answer: _Answer) -> bool:
    if answer.headers.get("cf-mitigated", "").lower() == "challenge":
        return True
    if answer.body is None or answer.status not in (200, 403, 429, 503):
        return False
    head = answer.body[:16384].lower()
    return any(marker in head for marker in _CHALLENGE_MARKERS)


def _retry_after(value: str | None) -> float | None:
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


def _host_of(url: str) -> str:
    parsed = ada_url.URL(url)
    return parsed.host


# --- per-host politeness ---------------------------------------------------------------------


@dataclass
class _Host:
    slots: asyncio.Semaphore
    failures: int = 0
    pauses: int = 0
    paused_until: float = 0.0
    given_up: bool = False
    active: int = 0
    max_active: int = 0


class _HostGaveUp(Exception):
    pass


class _RetryLater(Exception):
    def __init__(self, delay: float, answer: _Answer) -> None:
        super().__init__(delay)
        self.delay = delay
        self.answer = answer


@dataclass
class _Checker:
    config: Config
    policy: AddressPolicy
    session: aiohttp.ClientSession
    deadline: float
    stats: CheckStats
    hosts: dict[str, _Host] = field(default_factory=dict)
    everything: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(64))

    def host(self, name: str) -> _Host:
        if name not in self.hosts:
            self.hosts[name] = _Host(asyncio.Semaphore(self.config.per_host_connections))
        return self.hosts[name]

    @contextlib.asynccontextmanager
    async def slot(self, name: str) -> AsyncIterator[None]:
        host = self.host(name)
        async with host.slots:
            while (wait := host.paused_until - time.monotonic()) > 0:
                await asyncio.sleep(min(wait, max(0.0, self.deadline - time.monotonic())))
                if time.monotonic() >= self.deadline:
                    break
            if host.given_up:
                raise _HostGaveUp
            async with self.everything:
                host.active += 1
                host.max_active = max(host.max_active, host.active)
                try:
                    yield
                finally:
                    host.active -= 1

    def record(self, name: str, *, failed: bool) -> None:
        host = self.host(name)
        if not failed:
            host.failures = 0
            return
        host.failures += 1
        if host.failures >= GIVE_UP_FAILURES:
            host.given_up = True
        elif host.failures % BURST_FAILURES == 0:
            pause = min(MAX_PAUSE_S, self.config.check_timeout_s, 0.25 * 2**host.pauses)
            host.pauses += 1
            host.paused_until = max(host.paused_until, time.monotonic() + pause)

    # --- one request ---------------------------------------------------------------------

    async def _once(self, method: str, url: str) -> _Answer:
        self.stats.requests += 1
        async with self.session.request(method, url, allow_redirects=False) as response:
            headers = {k.lower(): v for k, v in response.headers.items()}
            body: bytes | None = None
            if method == "GET":
                chunks: list[bytes] = []
                size = 0
                async for chunk in response.content.iter_any():
                    chunks.append(chunk)
                    size += len(chunk)
                    if size >= self.config.check_read_bytes:
                        # Enough to judge; an endless stream must not keep us reading.
                        response.close()
                        break
                body = b"".join(chunks)[: self.config.check_read_bytes]
            return _Answer(response.status, headers, body)

    async def fetch(self, url: str) -> _Answer:
        """HEAD, then GET when HEAD's answer cannot be trusted or the body is needed."""
        try:
            answer = await self._once("HEAD", url)
        except (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError,
                aiohttp.ClientResponseError):
            return await self._once("GET", url)
        needs_body = 200 <= answer.status < 300 and (
            "html" in answer.headers.get("content-type", "html")
        )
        if answer.status in _HEAD_UNRELIABLE or needs_body:
            return await self._once("GET", url)
        if answer.status == 503 and "cloudflare" in answer.headers.get("server", "").lower():
            return await self._once("GET", url)  # the challenge shows in the body
        return answer

    # --- one URL, all hops -----------------------------------------------------------------

    async def check(self, url: str) -> CheckResult:
        """Check one URL within the per-link timeout, waiting out one Retry-After if it fits."""
        retried = False
        while True:
            try:
                return await self._follow(url)
            except _RetryLater as later:
                left = self.deadline - time.monotonic() - self.config.check_timeout_s
                if retried or later.delay > left:
                    return self._final(url, url, [], later.answer, retry_after=later.delay)
                retried = True
                host = self.host(_host_of(url))
                host.paused_until = max(host.paused_until, time.monotonic() + later.delay)

    async def _follow(self, start: str) -> CheckResult:
        redirects: list[Redirect] = []
        seen = {start}
        current = start
        downgraded = False
        first_host = _host_of(start)
        host_name = first_host
        try:
            async with self.slot(first_host):
                async with asyncio.timeout(self.config.check_timeout_s):
                    for _hop in range(self.config.max_redirects + 1):
                        host_name = _host_of(current)
                        try:
                            await self.policy.check_url(current)
                        except TargetRefused as refused:
                            return self._private(start, current, redirects, refused)
                        answer = await self.fetch(current)
                        failing = answer.status >= 500 or answer.status == 429
                        self.record(host_name, failed=failing)
                        if answer.status in (429, 503) and not _is_challenge(answer):
                            delay = _retry_after(answer.headers.get("retry-after"))
                            if delay is not None and not redirects:
                                raise _RetryLater(delay, answer)
                        if answer.status in (301, 302, 303, 307, 308):
                            location = answer.headers.get("location")
                            if not location:
                                return self._broken(
                                    start, current, redirects, answer.status,
                                    f"{_host_of(current)} answers {answer.status} "
                                    "(redirect) without saying where to.",
                                )
                            try:
                                target = ada_url.URL(location, base=current).href
                            except ValueError:
                                return self._broken(
                                    start, current, redirects, answer.status,
                                    f"It redirects to an address that is not valid ({location}).",
                                )
                            redirects.append(Redirect(url=current, status=answer.status))
                            if current.startswith("https:") and target.startswith("http:"):
                                downgraded = True
                            target_key = url_key(target)
                            if target_key is None:
                                return self._broken(
                                    start, target, redirects, answer.status,
                                    f"It redirects to {target}, which is not a web address.",
                                )
                            if target_key in seen:
                                return self._loop(start, target_key, redirects, answer.status,
                                                  loop=True)
                            seen.add(target_key)
                            current = target_key
                            continue
                        return self._final(start, current, redirects, answer,
                                           downgraded=downgraded)
                    return self._loop(start, current, redirects, redirects[-1].status, loop=False)
        except _HostGaveUp:
            return _not_checked(
                f"Not checked: {host_name} stopped answering after {GIVE_UP_FAILURES} failed "
                "requests in a row, so it was left alone.",
            )
        except TimeoutError:
            self.record(host_name, failed=True)
            return CheckResult(
                final_url=current if redirects else None,
                redirects=redirects,
                health="timeout",
                flags=[Flag(
                    "timeout", "warning",
                    f"{host_name} did not answer within {self.config.check_timeout_s:g} s.",
                )],
                cacheable=False,
            )
        except aiohttp.ClientConnectorDNSError as exc:
            if isinstance(exc.os_error, AddressNotAllowed):
                return self._private(start, current, redirects)
            return self._broken(start, current, redirects, None,
                                f"The host {host_name} does not exist (DNS lookup failed).")
        except aiohttp.ClientConnectorCertificateError:
            self.record(host_name, failed=False)
            return self._broken(start, current, redirects, None,
                                f"{host_name} has an invalid TLS certificate.")
        except aiohttp.ClientConnectorError as exc:
            if isinstance(exc.os_error, AddressNotAllowed):
                return self._private(start, current, redirects)
            if isinstance(exc.os_error, ResolutionFailed):
                return self._broken(start, current, redirects, None,
                                    f"The host {host_name} does not exist (DNS lookup failed).")
            self.record(host_name, failed=True)
            return self._broken(start, current, redirects, None,
                                f"{host_name} refused the connection.")
        except (aiohttp.ClientError, ssl.SSLError, OSError) as exc:
            self.record(host_name, failed=True)
            what = "closed the connection" if isinstance(
                exc, aiohttp.ServerDisconnectedError | aiohttp.ClientOSError
            ) else "sent an answer that could not be read"
            return self._broken(start, current, redirects, None, f"{host_name} {what}.")

    # --- outcomes ----------------------------------------------------------------------------

    def _private(self, start: str, current: str, redirects: list[Redirect],
                 refused: TargetRefused | None = None) -> CheckResult:
        host = _host_of(current)
        if refused is not None and refused.code != ErrorCode.TARGET_NOT_ALLOWED:
            message = f"Not checked: {refused.message}"  # e.g. an address too long to request
        elif self._is_agent(current):
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

    def _is_agent(self, url: str) -> bool:
        parsed = ada_url.URL(url)
        port = int(parsed.port) if parsed.port else (443 if parsed.protocol == "https:" else 80)
        host = parsed.hostname.strip("[]").lower()
        loopback = host == "localhost" or host.endswith(".localhost")
        with contextlib.suppress(ValueError):
            loopback = loopback or ipaddress.ip_address(host).is_loopback
        return port == self.config.port and loopback

    def _broken(self, start: str, current: str, redirects: list[Redirect], status: int | None,
                message: str) -> CheckResult:
        return CheckResult(
            status=status,
            final_url=current if redirects else None,
            redirects=redirects,
            health="broken",
            flags=[Flag("broken", "danger", message)],
        )

    def _loop(self, start: str, target: str, redirects: list[Redirect], status: int,
              *, loop: bool) -> CheckResult:
        if loop:
            message = f"It redirects in a loop (back to {target} after {len(redirects)} hops)."
        else:
            message = f"It redirects more than {self.config.max_redirects} times."
        return CheckResult(
            status=status,
            final_url=target,
            redirects=redirects,
            health="broken",
            flags=[Flag("redirect_loop", "danger", message)],
        )

    def _final(self, start: str, current: str, redirects: list[Redirect], answer: _Answer,
               *, downgraded: bool = False, retry_after: float | None = None) -> CheckResult:
        status = answer.status
        host = _host_of(current)
        flags: list[Flag] = []
        health: Health
        cacheable = True
        if downgraded:
            flags.append(Flag("insecure", "warning",
                              f"The redirect chain drops from https to http (ends at {current})."))
        if _is_challenge(answer):
            health = "blocked"
            flags.append(Flag("blocked", "warning",
                              f"{host} answers with a bot-protection challenge (Cloudflare); "
                              "people can likely open it."))
        elif 200 <= status < 300:
            title = _text_of(_TITLE_RE.search(answer.body)) if answer.body else ""
            h1 = _text_of(_H1_RE.search(answer.body)) if answer.body else ""
            soft = self._soft_404(start, current, redirects, title, h1, answer.body)
            if soft is not None:
                health = "soft_404"
                flags.append(Flag("soft_404", "warning", soft))
            elif redirects:
                health = "redirect"
                times = "once" if len(redirects) == 1 else f"{len(redirects)} times"
                flags.append(Flag("redirect", "info", f"It redirects {times} and ends at {current}."))
            else:
                health = "ok"
        elif status in _BLOCKED:
            health = "blocked"
            why = _BLOCKED[status]
            if retry_after is not None:
                why += f", asking to wait {retry_after:g} s, longer than the check budget left"
            flags.append(Flag("blocked", "warning",
                              f"{host} {why}; blocked is not broken: people can likely open it."))
            cacheable = status not in (429,)
        elif 400 <= status < 600:
            health = "broken"
            what = {404: "not found", 410: "gone"}.get(status, "an error")
            if retry_after is not None:
                what += f", asking to wait {retry_after:g} s, longer than the check budget left"
            flags.append(Flag("broken", "danger", f"{host} answers {status} ({what})."))
            cacheable = status < 500
        else:
            health = "broken"
            flags.append(Flag("broken", "danger", f"{host} answers an unexpected status {status}."))
        return CheckResult(
            status=status,
            final_url=current if redirects else None,
            redirects=redirects,
            health=health,
            flags=flags,
            cacheable=cacheable,
        )

    def _soft_404(self, start: str, current: str, redirects: list[Redirect], title: str,
                  h1: str, body: bytes | None = None) -> str | None:
        if _says_not_found(title):
            return f"It answers 200 but the page title says \"{title[:80]}\"."
        if _says_not_found(h1):
            return f"It answers 200 but the page heading says \"{h1[:80]}\"."
        if body is not None and (sentence := _short_page_not_found(body)) is not None:
            return f"It answers 200 but the page only says \"{sentence}\"."
        if not redirects:
            return None
        first, last = ada_url.URL(start), ada_url.URL(current)
        if _NOT_FOUND_PATH.search(last.pathname.lower()):
            return f"It redirects to a not-found page ({current})."
        deep = not _HOME_PATH.match(first.pathname.lower())
        if deep and _HOME_PATH.match(last.pathname.lower()) and not last.search:
            return f"It redirects to the home page ({current}) instead of the page linked."
        return None


# --- the run -----------------------------------------------------------------------------------


def _session(
    config: Config, resolver: HostResolver, policy: AddressPolicy, ssl_context: ssl.SSLContext | None
) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(
        resolver=PolicyResolver(resolver, policy),
        ssl=ssl_context if ssl_context is not None else True,
        limit=config.total_connections,
        limit_per_host=config.per_host_connections,
        ttl_dns_cache=60,
    )
    return aiohttp.ClientSession(
        connector=connector,
        cookie_jar=aiohttp.DummyCookieJar(),
        headers={
            "User-Agent": config.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Accept-Language": "en-US,en;q=0.9",
        },
        timeout=aiohttp.ClientTimeout(total=None, sock_connect=config.check_timeout_s),
        trust_env=False,
    )


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
    for link in links:
        if link.href and (key := url_key(link.href)) is not None:
            by_url.setdefault(key, []).append(link.id)
    stats.urls = len(by_url)

    async def deliver(url: str, result: CheckResult) -> None:
        for link_id in by_url[url]:
            await on_result(link_id, result)

    to_check: list[str] = []
    for url in by_url:
        if (word := action_word(url)) is not None:
            stats.skipped += 1
            await deliver(url, _not_checked(
                f"Not requested: the address looks like an action (\"{word}\") that a visit "
                "could trigger."))
        elif _has_credentials(url):
            stats.skipped += 1
            await deliver(url, _not_checked(
                "Not requested: the address carries a user name or password, which a check "
                "would send."))
        elif (pattern := is_excluded(url, config.exclude)) is not None:
            stats.skipped += 1
            await deliver(url, _not_checked(
                f"Not requested: the address matches the exclude list ({pattern})."))
        else:
            to_check.append(url)

    if cache is not None and config.use_cache and to_check:
        hits = await cache.get_many(to_check)
        stats.cache_hits = len(hits)
        for url, result in hits.items():
            await deliver(url, result)
        to_check = [url for url in to_check if url not in hits]
    stats.requested = len(to_check)
    if not to_check:
        stats.elapsed_s = time.monotonic() - started
        return stats

    fresh: list[tuple[str, CheckResult]] = []
    async with _session(config, resolver, policy, ssl_context) as session:
        checker = _Checker(
            config=config, policy=policy, session=session, deadline=started + budget, stats=stats,
            everything=asyncio.Semaphore(config.total_connections),
        )

        async def run(url: str) -> None:
            result = await checker.check(url)
            if result.cacheable:
                fresh.append((url, result))
            await deliver(url, result)

        tasks = {asyncio.create_task(run(url)): url for url in to_check}
        try:
            _done, pending = await asyncio.wait(
                tasks, timeout=max(0.0, started + budget - time.monotonic())
            )
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            for task in _done:
                if (exc := task.exception()) is not None:
                    raise exc
            stats.unfinished = len(pending)
            for task in pending:
                await deliver(tasks[task], _not_checked(
                    f"Not checked: the link-check budget of {budget:g} s for this page ran out "
                    "first."))
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            if cache is not None and config.use_cache and fresh:
                await asyncio.shield(cache.put_many(fresh))
    stats.elapsed_s = time.monotonic() - started
    stats.max_per_host = max((host.max_active for host in checker.hosts.values()), default=0)
    return stats
