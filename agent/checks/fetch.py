"""The requests of one check: HEAD/GET, redirects followed by hand, errors turned into outcomes.

- A page is asked with GET at once: its body is needed to spot a soft 404 (and a challenge), so
  a HEAD first would be a wasted round trip (it doubled the requests of a page-heavy run). GET
  reads at most `Config.check_read_bytes` of the body and then closes the connection; a 2xx
  answer that is not HTML is not read at all.
- A URL whose path names a file (.png, .pdf, .zip, .mp4...: `_FILE_EXTENSIONS`) is asked with
  HEAD first, and with GET only when HEAD is refused or unreliable: 400, 403, 404, 405, 406,
  500, 501 (servers that route only GET answer these to HEAD), a dropped HEAD connection, a
  Cloudflare 503 (the challenge is in the body), or a 2xx HTML answer after all.
- Redirects are followed by hand (`allow_redirects=False`), at most `Config.max_redirects`.
  Every hop is checked against the job's `AddressPolicy` twice: `check_url` before the request
  (literal IPs, which aiohttp never resolves) and `PolicyResolver` at connect time (the address
  checked is the address connected to).
- Each request waits for its host's slot (agent/checks/pacing.py); the per-link timeout
  (`Config.check_timeout_s`) counts the time spent in requests, not the time spent queueing
  for a slot, so 5,000 links to one host do not time out waiting for each other.
- A 429/503 with a `Retry-After` on the first hop is waited out once (the whole host waits)
  when the wait plus one per-link timeout fits in the job's budget.
"""

from __future__ import annotations

__all__ = ["Fetcher", "open_session"]

import asyncio
import ssl
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import ada_url
import aiohttp

from agent.checks import outcome
from agent.checks.outcome import Answer, CheckResult, CheckStats, host_of, is_challenge
from agent.checks.pacing import GIVE_UP_FAILURES, HostGaveUp, HostPacer, retry_after_s
from agent.checks.policy_resolver import PolicyResolver
from agent.checks.selection import url_key
from agent.config import Config
from agent.errors import TargetRefused
from agent.net.resolver import AddressNotAllowed, HostResolver, ResolutionFailed
from agent.render.user_agent import default_user_agent
from protocol import Redirect

if TYPE_CHECKING:
    from agent.net.address_policy import AddressPolicy

_HEAD_UNRELIABLE = frozenset({400, 403, 404, 405, 406, 500, 501})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


# The last path segment's extension of a URL that names a file rather than a page: HEAD is
# enough to judge it, where a GET would start downloading it. Anything else is taken for a page.
_FILE_EXTENSIONS = frozenset(
    {"png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico", "bmp", "tif", "tiff",
     "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "epub", "csv",
     "zip", "gz", "tgz", "bz2", "xz", "7z", "rar", "tar", "dmg", "exe", "msi", "apk", "deb",
     "rpm", "iso", "bin", "mp3", "mp4", "m4a", "m4v", "mov", "avi", "mkv", "webm", "wav", "ogg",
     "flac", "woff", "woff2", "ttf", "otf", "js", "css", "json", "txt"}
)


def _looks_like_file(url: str) -> bool:
    name = url.split("?", 1)[0].rsplit("/", 1)[-1]
    return "." in name and name.rsplit(".", 1)[1].lower() in _FILE_EXTENSIONS


def _is_html(headers: dict[str, str]) -> bool:
    # No Content-Type: assume a page, as a browser sniffing it most likely would.
    return "html" in headers.get("content-type", "html").lower()


class _RetryLater(Exception):
    def __init__(self, delay: float, answer: Answer) -> None:
        super().__init__(delay)
        self.delay = delay
        self.answer = answer


def open_session(
    config: Config, resolver: HostResolver, policy: AddressPolicy, ssl_context: ssl.SSLContext | None
) -> aiohttp.ClientSession:
    """The job's session: policy-bound resolver, no cookies, browser-like headers, verified TLS."""
    connector = aiohttp.TCPConnector(
        resolver=PolicyResolver(resolver, policy),
        ssl=ssl_context if ssl_context is not None else True,
        # A second fence behind the pacer's own slots.
        limit=config.total_connections,
        limit_per_host=config.per_host_connections,
        ttl_dns_cache=60,
    )
    return aiohttp.ClientSession(
        connector=connector,
        cookie_jar=aiohttp.DummyCookieJar(),
        headers={
            # A desktop Chrome of the launched Chromium's version unless configured.
            "User-Agent": default_user_agent(config),
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Accept-Language": "en-US,en;q=0.9",
        },
        timeout=aiohttp.ClientTimeout(total=None, sock_connect=config.check_timeout_s),
        trust_env=False,
    )


@dataclass
class Fetcher:
    """Checks URLs for one job: its session, address policy, pacer, deadline and counts."""

    config: Config
    policy: AddressPolicy
    session: aiohttp.ClientSession
    pacer: HostPacer
    deadline: float
    stats: CheckStats
    #: Origins (scheme://host:port) the address policy allowed in this job. Its answer depends
    #: on the host's addresses alone, and a name is checked again where it counts, at connect
    #: time (PolicyResolver); a literal IP's answer cannot change. So it is asked once per origin.
    _allowed: set[str] = field(default_factory=set)

    async def _check_address(self, url: str) -> None:
        """The address policy's `check_url`, once per origin and job. Raises TargetRefused."""
        origin = url.split("/", 3)[:3]
        key = "/".join(origin)
        if key in self._allowed and len(url) <= self.config.max_url_length:
            return
        await self.policy.check_url(url)
        self._allowed.add(key)

    # --- one request -----------------------------------------------------------------------

    async def _once(self, method: str, url: str) -> Answer:
        self.stats.requests += 1
        async with self.session.request(method, url, allow_redirects=False) as response:
            headers = {k.lower(): v for k, v in response.headers.items()}
            body: bytes | None = None
            if method == "GET" and not (200 <= response.status < 300 and not _is_html(headers)):
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
            elif method == "GET":
                response.close()  # a file, not a page: its headers say all we need
            return Answer(response.status, headers, body)

    async def _fetch(self, url: str) -> Answer:
        """GET for a page (its body is needed anyway); HEAD first for a file, then GET when
        HEAD's answer cannot be trusted or the body turns out to be needed."""
        if not _looks_like_file(url):
            return await self._once("GET", url)
        try:
            answer = await self._once("HEAD", url)
        except (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError,
                aiohttp.ClientResponseError):
            return await self._once("GET", url)
        needs_body = 200 <= answer.status < 300 and _is_html(answer.headers)
        if answer.status in _HEAD_UNRELIABLE or needs_body:
            return await self._once("GET", url)
        if answer.status == 503 and "cloudflare" in answer.headers.get("server", "").lower():
            return await self._once("GET", url)  # the challenge shows in the body
        return answer

    # --- one URL, all hops -------------------------------------------------------------------

    async def check(self, url: str) -> CheckResult:
        """Check one URL within the per-link timeout, waiting out one Retry-After if it fits."""
        retried = False
        while True:
            try:
                return await self._follow(url)
            except _RetryLater as later:
                left = self.deadline - time.monotonic() - self.config.check_timeout_s
                if retried or later.delay > left:
                    return outcome.final(url, url, [], later.answer, retry_after=later.delay)
                retried = True
                self.pacer.pause(host_of(url), later.delay)

    async def _follow(self, start: str) -> CheckResult:
        redirects: list[Redirect] = []
        seen = {start}
        current = start
        downgraded = False
        host_name = host_of(start)
        left = self.config.check_timeout_s  # of the per-link timeout, spent in requests only
        try:
            for _hop in range(self.config.max_redirects + 1):
                host_name = host_of(current)
                async with self.pacer.slot(host_name):
                    mark = time.monotonic()
                    try:
                        async with asyncio.timeout(left):
                            try:
                                await self._check_address(current)
                            except TargetRefused as refused:
                                return outcome.not_reached(start, current, redirects,
                                                           agent_port=self.config.port,
                                                           refused=refused)
                            answer = await self._fetch(current)
                    finally:
                        left -= time.monotonic() - mark
                    self.pacer.record(host_name, failed=answer.status >= 500 or answer.status == 429)
                if answer.status in (429, 503) and not is_challenge(answer):
                    delay = retry_after_s(answer.headers.get("retry-after"))
                    if delay is not None and not redirects:
                        raise _RetryLater(delay, answer)
                if answer.status not in _REDIRECTS:
                    return outcome.final(start, current, redirects, answer, downgraded=downgraded)
                location = answer.headers.get("location")
                if not location:
                    return outcome.broken(
                        current, redirects, answer.status,
                        f"{host_name} answers {answer.status} (redirect) without saying where to.",
                    )
                try:
                    target = ada_url.URL(location, base=current).href
                except ValueError:
                    return outcome.broken(
                        current, redirects, answer.status,
                        f"It redirects to an address that is not valid ({location}).",
                    )
                redirects.append(Redirect(url=current, status=answer.status))
                if current.startswith("https:") and target.startswith("http:"):
                    downgraded = True
                target_key = url_key(target)
                if target_key is None:
                    return outcome.broken(
                        target, redirects, answer.status,
                        f"It redirects to {target}, which is not a web address.",
                    )
                if target_key in seen:
                    return outcome.redirect_loop(target_key, redirects, answer.status, loop=True,
                                                 max_redirects=self.config.max_redirects)
                seen.add(target_key)
                current = target_key
            return outcome.redirect_loop(current, redirects, redirects[-1].status, loop=False,
                                         max_redirects=self.config.max_redirects)
        except HostGaveUp:
            return outcome.not_checked(
                f"Not checked: {host_name} stopped answering after {GIVE_UP_FAILURES} failed "
                "requests in a row, so it was left alone.",
            )
        except TimeoutError:
            self.pacer.record(host_name, failed=True)
            return outcome.timed_out(current, redirects, host_name, self.config.check_timeout_s)
        except aiohttp.ClientConnectorDNSError as exc:
            if isinstance(exc.os_error, AddressNotAllowed):
                return outcome.not_reached(start, current, redirects, agent_port=self.config.port)
            return outcome.broken(current, redirects, None,
                                  f"The host {host_name} does not exist (DNS lookup failed).")
        except aiohttp.ClientConnectorCertificateError:
            self.pacer.record(host_name, failed=False)
            return outcome.broken(current, redirects, None,
                                  f"{host_name} has an invalid TLS certificate.")
        except aiohttp.ClientConnectorError as exc:
            if isinstance(exc.os_error, AddressNotAllowed):
                return outcome.not_reached(start, current, redirects, agent_port=self.config.port)
            if isinstance(exc.os_error, ResolutionFailed):
                return outcome.broken(current, redirects, None,
                                      f"The host {host_name} does not exist (DNS lookup failed).")
            self.pacer.record(host_name, failed=True)
            return outcome.broken(current, redirects, None, f"{host_name} refused the connection.")
        except (aiohttp.ClientError, ssl.SSLError, OSError) as exc:
            self.pacer.record(host_name, failed=True)
            what = "closed the connection" if isinstance(
                exc, aiohttp.ServerDisconnectedError | aiohttp.ClientOSError
            ) else "sent an answer that could not be read"
            return outcome.broken(current, redirects, None, f"{host_name} {what}.")
