"""The address guard: a SOCKS5 proxy, one per render job, that connects only where the job's
address policy allows.

Playwright's request routing never sees redirect hops (measured: a public page's `302` to
loopback reached the loopback server through the route handler), so each job's browser context
uses this proxy. Chromium sends it the host name; the guard resolves it itself (with
`HostResolver`, so `host_map` applies), keeps only the addresses `AddressPolicy.allows` accepts and
connects to one of those. Every TCP connection Chromium opens (redirect hops, in-page fetches,
websockets, workers, iframes, preconnects) goes through it, and the address checked is the address
connected to, so DNS rebinding gains nothing. Its refusals carry the reason, which is how a failed
navigation is explained in one sentence (agent/render/errors.py). Only CONNECT is served: no
BIND, no UDP. See docs/SCAN.md, "The address rule".
"""

from __future__ import annotations

__all__ = ["AddressGuard", "Refusal"]

import asyncio
import contextlib
import ipaddress
import logging
import struct
from dataclasses import dataclass

from agent.net.address_policy import AddressPolicy
from agent.net.resolver import HostResolver, ResolutionFailed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Refusal:
    """A connection the guard did not make, and why."""

    host: str
    port: int
    reason: str  # "policy", "dns", "refused", "timeout", "unreachable"


_SOCKS_OK = 0x00
_SOCKS_NOT_ALLOWED = 0x02
_SOCKS_HOST_UNREACHABLE = 0x04
_SOCKS_REFUSED = 0x05
_SOCKS_BAD_COMMAND = 0x07


class AddressGuard:
    """SOCKS5 server on 127.0.0.1 that connects only where the job's policy allows."""

    def __init__(
        self,
        policy: AddressPolicy,
        resolver: HostResolver,
        *,
        connect_timeout_s: float = 10.0,
    ) -> None:
        self._policy = policy
        self._resolver = resolver
        self._connect_timeout_s = connect_timeout_s
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()
        self.refusals: list[Refusal] = []
        self.port = 0

    async def start(self) -> None:
        """Listen on an ephemeral loopback port."""
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    @property
    def proxy(self) -> dict[str, str]:
        """Playwright's `proxy=` for a context: everything, loopback included, goes through us."""
        return {"server": f"socks5://127.0.0.1:{self.port}", "bypass": "<-loopback>"}

    def refusal_for(self, host: str) -> Refusal | None:
        """The last refusal recorded for `host`, if any."""
        host = host.lower().strip("[]")
        for refusal in reversed(self.refusals):
            if refusal.host == host:
                return refusal
        return None

    async def close(self) -> None:
        """Stop listening and cut every tunnel."""
        if self._server is not None:
            self._server.close()
        for writer in list(self._writers):
            writer.close()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 1.0)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        self._writers.add(writer)
        upstream: asyncio.StreamWriter | None = None
        try:
            target = await asyncio.wait_for(self._handshake(reader, writer), 10.0)
            if target is None:
                return
            host, port = target
            opened = await self._connect(host, port)
            if isinstance(opened, Refusal):
                self.refusals.append(opened)
                code = {
                    "policy": _SOCKS_NOT_ALLOWED,
                    "refused": _SOCKS_REFUSED,
                }.get(opened.reason, _SOCKS_HOST_UNREACHABLE)
                writer.write(bytes([5, code, 0, 1, 0, 0, 0, 0, 0, 0]))
                await writer.drain()
                return
            up_reader, upstream = opened
            self._writers.add(upstream)
            writer.write(bytes([5, _SOCKS_OK, 0, 1, 0, 0, 0, 0, 0, 0]))
            await writer.drain()
            await asyncio.gather(_pipe(reader, upstream), _pipe(up_reader, writer))
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError):
            pass  # the browser or the site hung up; Chromium reports the failure itself
        except asyncio.CancelledError:
            # Only `close()` cancels these connection tasks (the job is over). Ending quietly
            # keeps asyncio's stream server from logging each cancelled tunnel as an error.
            pass
        finally:
            for w in (writer, upstream):
                if w is not None:
                    self._writers.discard(w)
                    w.close()
            if task is not None:
                self._tasks.discard(task)

    async def _handshake(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> tuple[str, int] | None:
        version, n_methods = await reader.readexactly(2)
        await reader.readexactly(n_methods)
        if version != 5:
            return None
        writer.write(b"\x05\x00")  # no authentication: only this machine can reach the port
        version, command, _, address_type = await reader.readexactly(4)
        if address_type == 1:
            host = str(ipaddress.IPv4Address(await reader.readexactly(4)))
        elif address_type == 3:
            length = (await reader.readexactly(1))[0]
            host = (await reader.readexactly(length)).decode("idna").lower()
        elif address_type == 4:
            host = str(ipaddress.IPv6Address(await reader.readexactly(16)))
        else:
            return None
        (port,) = struct.unpack("!H", await reader.readexactly(2))
        if command != 1:  # only CONNECT; no BIND, no UDP
            writer.write(bytes([5, _SOCKS_BAD_COMMAND, 0, 1, 0, 0, 0, 0, 0, 0]))
            await writer.drain()
            return None
        return host, port

    async def _connect(
        self, host: str, port: int
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter] | Refusal:
        try:
            addresses = await self._resolver.resolve(host, port)
        except ResolutionFailed:
            return Refusal(host, port, "dns")
        allowed = [ip for ip in addresses if self._policy.allows(host, port, ip)]
        if not allowed:
            log.info("refused a connection to %s:%s (address policy)", host, port)
            return Refusal(host, port, "policy")
        reason = "unreachable"
        for ip in allowed:
            try:
                return await asyncio.wait_for(
                    asyncio.open_connection(ip, port), self._connect_timeout_s
                )
            except ConnectionRefusedError:
                reason = "refused"
            except TimeoutError:
                reason = "timeout"
            except OSError:
                reason = "unreachable"
        return Refusal(host, port, reason)


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (OSError, asyncio.IncompleteReadError):
        pass
    finally:
        with contextlib.suppress(OSError):
            if writer.can_write_eof():
                writer.write_eof()
