"""The link checker's aiohttp resolver: only addresses the job's `AddressPolicy` allows.

`PolicyResolver` hands aiohttp only the addresses an `AddressPolicy` allows: the address that is
checked is the address that is connected to, so a name that resolves to a private address on
the second lookup (DNS rebinding) cannot slip through. aiohttp does not call a resolver for
literal IP hosts: callers also run `AddressPolicy.check_url` on every hop (it handles literals).

Its own module, apart from agent/resolver.py, because it is the one part of name resolution
that needs aiohttp: a scan without link checks (and Chromium's resolver rules) never imports it.
"""

from __future__ import annotations

__all__ = ["PolicyResolver"]

import socket
from typing import TYPE_CHECKING

from aiohttp.abc import AbstractResolver, ResolveResult

from agent.net.resolver import AddressNotAllowed, HostResolver, normalize_host

if TYPE_CHECKING:
    from agent.net.address_policy import AddressPolicy


class PolicyResolver(AbstractResolver):
    """An aiohttp resolver that only ever returns addresses the policy allows."""

    def __init__(self, resolver: HostResolver, policy: AddressPolicy) -> None:
        self._resolver = resolver
        self._policy = policy

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        addresses = await self._resolver.resolve(host, port)
        allowed = [ip for ip in addresses if self._policy.allows(host, port, ip)]
        if not allowed:
            raise AddressNotAllowed(f"{normalize_host(host)} points into a private network")
        return [
            ResolveResult(
                hostname=host,
                host=ip,
                port=port,
                family=socket.AF_INET6 if ":" in ip else socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
            for ip in allowed
        ]

    async def close(self) -> None:
        """Nothing to release: lookups hold no resources."""
