"""Name resolution the agent controls: one resolver for the address policy, Chromium and aiohttp.

`Config.host_map` maps names (and `*.suffix` wildcards) to addresses. The same map becomes
Chromium's `--host-resolver-rules` and answers the link checker's lookups, so tests and the demo
stand "public" sites on 127.0.0.N and nothing waits on a real DNS lookup.

The link checker's aiohttp adapter, `PolicyResolver`, lives in agent/policy_resolver.py: this
module imports no aiohttp, so the address policy, the render and Chromium's resolver rules
(a scan without link checks) do without it.
"""

from __future__ import annotations

__all__ = [
    "AddressNotAllowed",
    "HostResolver",
    "ResolutionFailed",
    "chromium_resolver_rules",
    "normalize_host",
]

import asyncio
import ipaddress
import socket

from agent.config import Config


class ResolutionFailed(OSError):
    """The name does not resolve (the link checker reports it as a DNS failure: broken)."""


class AddressNotAllowed(OSError):
    """Every address of the name is outside the job's address policy."""


def normalize_host(host: str) -> str:
    """Lower-case, without IPv6 brackets or a trailing dot."""
    host = host.strip().lower()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host.rstrip(".")


def _literal_ip(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return None


class HostResolver:
    """Resolves names: `host_map` first, then the system resolver; cached for one job."""

    def __init__(self, config: Config, *, lookup_timeout_s: float = 5.0) -> None:
        self._exact: dict[str, str] = {}
        self._wildcards: list[tuple[str, str]] = []
        for name, ip in config.host_map.items():
            name = normalize_host(name)
            if name.startswith("*."):
                self._wildcards.append((name[1:], ip))  # ".example.com"
            else:
                self._exact[name] = ip
        self._timeout = lookup_timeout_s
        self._cache: dict[str, list[str]] = {}

    def mapped(self, host: str) -> str | None:
        """The host_map address for a name, if the map has one."""
        host = normalize_host(host)
        if host in self._exact:
            return self._exact[host]
        for suffix, ip in self._wildcards:
            if host.endswith(suffix):
                return ip
        return None

    async def resolve(self, host: str, port: int = 0) -> list[str]:
        """Every address of `host` (literal IPs are returned as they are). Raises ResolutionFailed."""
        host = normalize_host(host)
        literal = _literal_ip(host)
        if literal is not None:
            return [literal]
        mapped = self.mapped(host)
        if mapped is not None:
            return [mapped]
        if host in self._cache:
            return self._cache[host]
        # RFC 6761: .invalid never resolves; `localhost` names are the loopback, never asked of DNS.
        if host.endswith(".invalid") or host == "invalid":
            raise ResolutionFailed(f"{host} does not resolve")
        if host == "localhost" or host.endswith(".localhost"):
            return ["127.0.0.1", "::1"]
        loop = asyncio.get_running_loop()
        try:
            infos = await asyncio.wait_for(
                loop.getaddrinfo(host, port or None, type=socket.SOCK_STREAM), self._timeout
            )
        except (OSError, TimeoutError, UnicodeError) as exc:
            raise ResolutionFailed(f"{host} does not resolve") from exc
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if not addresses:
            raise ResolutionFailed(f"{host} does not resolve")
        self._cache[host] = addresses
        return addresses


def chromium_resolver_rules(config: Config) -> str | None:
    """The `--host-resolver-rules` value that makes Chromium resolve as `host_map` says."""
    if not config.host_map:
        return None
    rules = []
    for name, ip in config.host_map.items():
        target = f"[{ip}]" if ":" in ip else ip
        rules.append(f"MAP {normalize_host(name)} {target}")
    return ", ".join(rules)
