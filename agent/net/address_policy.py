"""Which URLs the agent may render or request (docs/DESIGN.md §3, docs/SECURITY.md).

Two layers:

- `validate_request_url` — the URL a person asked for, checked before anything runs: a WHATWG
  parse (the browser's reading, so `127.1`, `0x7f000001` and `2130706433` are all 127.0.0.1),
  http(s) only, no credentials, no control characters, bounded length, never the agent's port,
  never a link-local/metadata or unspecified address.
- `AddressPolicy` — the private-network boundary of one job, checked on resolved addresses,
  hop by hop. When the page asked for is public, nothing it leads to may reach loopback, private,
  link-local or metadata addresses. When the person asked for a page on their own machine or
  network (a dev server), that host is allowed, on any port but the agent's.

`Config.simulated_public` lists address ranges to treat as public: tests and the demo stand
"public" sites on 127.0.0.N while 127.0.0.1 stays private.
"""

from __future__ import annotations

__all__ = ["AddressPolicy", "is_public_address", "validate_request_url"]

import ipaddress
from dataclasses import dataclass

import ada_url

from agent.config import Config
from agent.errors import TargetRefused
from agent.net.resolver import HostResolver, ResolutionFailed, normalize_host
from protocol import ErrorCode

_IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_DEFAULT_PORTS = {"http:": 80, "https:": 443, "ws:": 80, "wss:": 443}
# Sub-resources of a rendered page that never touch the network.
_LOCAL_SCHEMES = {"data:", "blob:", "about:"}


def _address(ip: str) -> _IPAddress:
    addr = ipaddress.ip_address(normalize_host(ip).split("%", 1)[0])
    # ::ffff:127.0.0.1 reaches 127.0.0.1: judge the IPv4 address inside.
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    return addr


def _never_reachable(addr: _IPAddress) -> bool:
    """Addresses no job may reach, even on a person's own request (metadata, 0.0.0.0, multicast)."""
    return addr.is_link_local or addr.is_unspecified or addr.is_multicast or addr.is_reserved


def is_public_address(ip: str, simulated_public: tuple[str, ...] = ()) -> bool:
    """True for globally routable addresses (or ones a test declared public)."""
    addr = _address(ip)
    for network in simulated_public:
        if addr in ipaddress.ip_network(network, strict=False):
            return True
    return addr.is_global and not _never_reachable(addr)


@dataclass(frozen=True)
class _Target:
    href: str
    scheme: str
    host: str
    port: int


def _parse(url: str, config: Config) -> _Target:
    if len(url) > config.max_url_length:
        raise TargetRefused(ErrorCode.URL_TOO_LONG)
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        raise TargetRefused(ErrorCode.INVALID_URL, "The address contains control characters.")
    try:
        parsed = ada_url.URL(url.strip())
    except ValueError:
        raise TargetRefused(ErrorCode.INVALID_URL) from None
    scheme = parsed.protocol
    host = normalize_host(parsed.hostname)
    port = int(parsed.port) if parsed.port else _DEFAULT_PORTS.get(scheme, 0)
    return _Target(parsed.href, scheme, host, port)


def _is_agent(config: Config, addr: _IPAddress, port: int) -> bool:
    # The agent listens on loopback only; any loopback address with its port is the agent.
    return port == config.port and (addr.is_loopback or addr.is_unspecified)


def validate_request_url(url: str, config: Config) -> str:
    """Check the URL a person asked for; return it as the browser reads it. Raises TargetRefused."""
    target = _parse(url, config)
    if target.scheme not in ("http:", "https:"):
        raise TargetRefused(ErrorCode.SCHEME_NOT_ALLOWED)
    parsed = ada_url.URL(target.href)
    if parsed.username or parsed.password:
        raise TargetRefused(ErrorCode.CREDENTIALS_IN_URL)
    if not target.host:
        raise TargetRefused(ErrorCode.INVALID_URL)
    if target.host == "localhost" or target.host.endswith(".localhost"):
        if target.port == config.port:
            raise TargetRefused(ErrorCode.TARGET_NOT_ALLOWED, "That is the LinkLens agent itself.")
        return target.href
    try:
        addr = _address(target.host)
    except ValueError:
        return target.href  # a name: judged on its resolved addresses by AddressPolicy
    if _is_agent(config, addr, target.port):
        raise TargetRefused(ErrorCode.TARGET_NOT_ALLOWED, "That is the LinkLens agent itself.")
    if _never_reachable(addr):
        raise TargetRefused(ErrorCode.TARGET_NOT_ALLOWED)
    return target.href


class AddressPolicy:
    """The private-network boundary of one job (see the module docstring)."""

    def __init__(self, config: Config, resolver: HostResolver, private_host: str | None) -> None:
        self._config = config
        self._resolver = resolver
        #: The one non-public host the person asked for themselves (a dev server), if any.
        self.private_host = private_host

    @classmethod
    async def for_page(cls, url: str, config: Config, resolver: HostResolver) -> AddressPolicy:
        """The policy for a job on `url` (already validated). Raises TargetRefused."""
        target = _parse(url, config)
        try:
            addresses = await resolver.resolve(target.host, target.port)
        except ResolutionFailed:
            # Unresolvable: rendering will report it as unreachable; nothing private is allowed.
            return cls(config, resolver, None)
        private_host = None
        for ip in addresses:
            addr = _address(ip)
            if _is_agent(config, addr, target.port):
                raise TargetRefused(ErrorCode.TARGET_NOT_ALLOWED, "That is the LinkLens agent itself.")
            if _never_reachable(addr):
                raise TargetRefused(ErrorCode.TARGET_NOT_ALLOWED)
            if not is_public_address(ip, config.simulated_public):
                private_host = target.host
        return cls(config, resolver, private_host)

    def allows(self, host: str, port: int, ip: str) -> bool:
        """May this job connect to `ip` (an address of `host`) on `port`?"""
        try:
            addr = _address(ip)
        except ValueError:
            return False
        if _is_agent(self._config, addr, port) or _never_reachable(addr):
            return False
        if is_public_address(ip, self._config.simulated_public):
            return True
        return self.private_host is not None and normalize_host(host) == self.private_host

    async def check_url(self, url: str) -> None:
        """Resolve the URL's host and check every address. Raises TargetRefused."""
        target = _parse(url, self._config)
        if target.scheme in _LOCAL_SCHEMES:
            return
        if target.scheme not in _DEFAULT_PORTS:
            raise TargetRefused(ErrorCode.SCHEME_NOT_ALLOWED)
        try:
            addresses = await self._resolver.resolve(target.host, target.port)
        except ResolutionFailed:
            return  # nothing to connect to; the request fails on its own
        for ip in addresses:
            if not self.allows(target.host, target.port, ip):
                raise TargetRefused(
                    ErrorCode.TARGET_NOT_ALLOWED,
                    f"{target.host} points into a private or internal network.",
                )
