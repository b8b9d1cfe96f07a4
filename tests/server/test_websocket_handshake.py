"""The HTTP handshake of the real server: the refusals of docs/SECURITY.md, cases 1-8."""

from __future__ import annotations

import asyncio

import pytest
from websockets.exceptions import InvalidStatus

from agent.net.hosts import is_loopback_host
from agent.server.websocket import AgentServer
from protocol import Pong, encode
from protocol.messages import Ping
from tests.harness.agent_harness import ALLOWED_ORIGIN, Agent, running_agent, small_config

KEY = "dGhlIHNhbXBsZSBub25jZQ=="


async def raw_exchange(port: int, data: bytes, *, wait: float = 2.0) -> bytes:
    """Send raw bytes to the agent and return everything it answers until it closes."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(data)
        await writer.drain()
        async with asyncio.timeout(wait):
            return await reader.read(65536)
    finally:
        writer.close()


def handshake(port: int, *, host: str | None = None, origin: str | None = ALLOWED_ORIGIN,
              extra: str = "", method: str = "GET") -> bytes:  # fmt: skip
    """A websocket upgrade request with the given headers (None leaves a header out)."""
    lines = [f"{method} / HTTP/1.1"]
    if host is not None:
        lines.append(f"Host: {host}")
    else:
        lines.append(f"Host: 127.0.0.1:{port}")
    if origin is not None:
        lines.append(f"Origin: {origin}")
    lines += [
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {KEY}",
        "Sec-WebSocket-Version: 13",
    ]
    return ("\r\n".join(lines) + "\r\n" + extra + "\r\n").encode()


def status_of(answer: bytes) -> int:
    """The status code of a raw HTTP answer (0 when the agent sent none)."""
    if not answer.startswith(b"HTTP/1.1 "):
        return 0
    return int(answer.split(b" ", 2)[1])


async def still_serves(agent: Agent) -> None:
    """The agent still pairs and answers a ping."""
    async with agent.paired() as ws:
        await ws.send(encode(Ping()))
        from tests.harness.agent_harness import receive

        assert isinstance(await receive(ws), Pong)


async def test_allowed_origin_and_loopback_host_are_accepted(agent: Agent) -> None:
    """The extension's origin with Host 127.0.0.1:PORT gets the upgrade (101)."""
    answer = await raw_exchange(agent.port, handshake(agent.port), wait=1)
    assert status_of(answer) == 101


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "[::1]", "LOCALHOST"])
async def test_every_loopback_name_with_the_port_is_accepted(agent: Agent, name: str) -> None:
    """Host may be any loopback name, as long as it carries the agent's port."""
    answer = await raw_exchange(agent.port, handshake(agent.port, host=f"{name}:{agent.port}"))
    assert status_of(answer) == 101


async def test_missing_origin_is_refused(agent: Agent) -> None:
    """No Origin header → 403 before the upgrade."""
    with pytest.raises(InvalidStatus) as refused:
        async with agent.client(origin=None):
            pass
    assert refused.value.response.status_code == 403
    await still_serves(agent)


@pytest.mark.parametrize(
    "origin",
    [
        "https://evil.example",
        "null",
        "http://127.0.0.1:8080",
        "http://localhost",
        ALLOWED_ORIGIN + "x",
        ALLOWED_ORIGIN[:-1],
        ALLOWED_ORIGIN.upper(),
        ALLOWED_ORIGIN + ".evil.example",
        ALLOWED_ORIGIN + "/",
        "moz-extension://not-a-uuid",
        "moz-extension://12345678-1234-1234-1234-123456789abc.evil.example",
        "chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ],
)
async def test_foreign_origins_are_refused(agent: Agent, origin: str) -> None:
    """Web pages, null, other local ports and look-alikes of our id → 403."""
    answer = await raw_exchange(agent.port, handshake(agent.port, origin=origin))
    assert status_of(answer) == 403
    assert agent.runner.calls == []


async def test_firefox_origin_passes_the_handshake(agent: Agent) -> None:
    """Any moz-extension://<uuid> passes the handshake; the token protects the agent there."""
    origin = "moz-extension://0f3c2a9e-5b7d-4c1a-9e2f-1a2b3c4d5e6f"
    answer = await raw_exchange(agent.port, handshake(agent.port, origin=origin), wait=1)
    assert status_of(answer) == 101


async def test_firefox_origins_can_be_turned_off() -> None:
    """With allow_firefox_origins off, a moz-extension origin is refused like any web page."""
    async with running_agent(small_config(allow_firefox_origins=False)) as agent:
        origin = "moz-extension://0f3c2a9e-5b7d-4c1a-9e2f-1a2b3c4d5e6f"
        answer = await raw_exchange(agent.port, handshake(agent.port, origin=origin))
        assert status_of(answer) == 403


async def test_configured_store_origin_is_accepted() -> None:
    """An origin added in allowed_origins (a store build) passes the handshake."""
    store = "chrome-extension://bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
    async with running_agent(small_config(allowed_origins=(ALLOWED_ORIGIN, store))) as agent:
        answer = await raw_exchange(agent.port, handshake(agent.port, origin=store), wait=1)
        assert status_of(answer) == 101


@pytest.mark.parametrize("duplicate", ["Origin: https://evil.example", "Host: evil.example"])
async def test_duplicate_origin_or_host_is_a_400(agent: Agent, duplicate: str) -> None:
    """A second Origin (or Host) header → 400, never a 500."""
    answer = await raw_exchange(agent.port, handshake(agent.port, extra=duplicate + "\r\n"))
    assert status_of(answer) == 400
    await still_serves(agent)


@pytest.mark.parametrize(
    "host",
    [
        "rebind.example:{port}",
        "127.0.0.1.nip.io:{port}",
        "127.0.0.1",
        "localhost",
        "127.0.0.1:1",
        "127.0.0.2:{port}",
        "localhost.:{port}",
        "",
    ],
)
async def test_foreign_host_is_refused(agent: Agent, host: str) -> None:
    """Host must be a loopback name with our port (DNS rebinding) → 403."""
    request = handshake(agent.port, host=host.format(port=agent.port))
    answer = await raw_exchange(agent.port, request)
    assert status_of(answer) == 403
    await still_serves(agent)


async def test_the_bound_loopback_address_is_an_allowed_host() -> None:
    """Bound to 127.0.0.5, the agent accepts Host 127.0.0.5:PORT (and still refuses others)."""
    async with running_agent(small_config(host="127.0.0.5")) as agent:
        request = handshake(agent.port, host=f"127.0.0.5:{agent.port}")
        reader, writer = await asyncio.open_connection("127.0.0.5", agent.port)
        try:
            writer.write(request)
            await writer.drain()
            answer = await asyncio.wait_for(reader.read(65536), 2)
        finally:
            writer.close()
        assert status_of(answer) == 101
        assert agent.server.url == f"ws://127.0.0.5:{agent.port}"


async def test_missing_host_is_refused(agent: Agent) -> None:
    """A handshake without any Host header is refused (403)."""
    request = handshake(agent.port).replace(f"Host: 127.0.0.1:{agent.port}\r\n".encode(), b"")
    answer = await raw_exchange(agent.port, request)
    assert status_of(answer) == 403


@pytest.mark.parametrize(
    ("request_text", "expected"),
    [
        # A plain page load from the right origin: no websocket upgrade → 426.
        ("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: " + ALLOWED_ORIGIN + "\r\n\r\n", 426),
        # A plain GET as a browser tab or curl sends it: no Origin → 403.
        ("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: */*\r\n\r\n", 403),
        # A cross-site form POST without a body.
        ("POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: https://evil.example\r\n"
         "Content-Length: 0\r\n\r\n", 403),
        # A POST from the right origin is still not a websocket handshake.
        ("POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: " + ALLOWED_ORIGIN + "\r\n"
         "Content-Length: 0\r\n\r\n", 405),
    ],
)  # fmt: skip
async def test_plain_http_gets_a_4xx(agent: Agent, request_text: str, expected: int) -> None:
    """There is no plain-HTTP endpoint: plain requests get a 4xx."""
    answer = await raw_exchange(agent.port, request_text.format(port=agent.port).encode())
    assert status_of(answer) == expected
    assert agent.runner.calls == []
    await still_serves(agent)


@pytest.mark.parametrize(
    "garbage",
    [
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        b"Content-Length: 9\r\n\r\nurl=x&y=z",
        b"*1\r\n$4\r\nPING\r\n",
        b"SET key value\r\n",
    ],
)
async def test_non_http_and_bodies_get_a_400_and_nothing_runs(agent: Agent, garbage: bytes) -> None:
    """Form bodies and Redis-style commands get a 400; nothing runs."""
    answer = await raw_exchange(agent.port, garbage)
    assert status_of(answer) == 400
    assert agent.runner.calls == []
    await still_serves(agent)


async def test_tls_hello_is_dropped_and_nothing_runs(agent: Agent) -> None:
    """Bytes with no line end (a TLS ClientHello) are dropped at open_timeout_s."""
    answer = await raw_exchange(agent.port, b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03")
    assert answer == b""
    assert agent.runner.calls == []
    await still_serves(agent)


async def test_half_sent_handshake_is_dropped_after_open_timeout(agent: Agent) -> None:
    """Slowloris: a handshake never finished is dropped after open_timeout_s."""
    reader, writer = await asyncio.open_connection("127.0.0.1", agent.port)
    try:
        writer.write(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{agent.port}\r\n".encode())
        await writer.drain()
        loop = asyncio.get_running_loop()
        started = loop.time()
        async with asyncio.timeout(3):
            rest = await reader.read()  # returns b"" when the agent drops us
        elapsed = loop.time() - started
    finally:
        writer.close()
    assert rest == b""
    assert 0.3 <= elapsed < 2.5
    await still_serves(agent)


async def test_header_line_over_8k_is_a_431(agent: Agent) -> None:
    """A header line over 8 KB → 431."""
    request = handshake(agent.port, extra="X-Big: " + "a" * 9000 + "\r\n")
    assert status_of(await raw_exchange(agent.port, request)) == 431
    await still_serves(agent)


async def test_request_line_over_8k_is_a_414(agent: Agent) -> None:
    """A request line over 8 KB → 414."""
    request = handshake(agent.port).replace(b"GET / ", b"GET /" + b"a" * 9000 + b" ", 1)
    assert status_of(await raw_exchange(agent.port, request)) == 414


async def test_129_headers_is_a_431(agent: Agent) -> None:
    """129 headers → 431."""
    extra = "".join(f"X-H{i}: v\r\n" for i in range(129))
    assert status_of(await raw_exchange(agent.port, handshake(agent.port, extra=extra))) == 431
    await still_serves(agent)


async def test_connections_over_the_limit_get_503(agent: Agent) -> None:
    """Past max_connections the handshake is answered 503; freed slots work again."""
    limit = agent.server.config.max_connections
    clients = [agent.client() for _ in range(limit)]
    opened = [await client.__aenter__() for client in clients]
    try:
        with pytest.raises(InvalidStatus) as refused:
            async with agent.client():
                pass
        assert refused.value.response.status_code == 503
    finally:
        for client in reversed(clients):
            await client.__aexit__(None, None, None)
    assert len(opened) == limit
    await asyncio.sleep(0.05)
    await still_serves(agent)


def test_only_loopback_hosts_are_accepted_to_bind() -> None:
    """The server refuses to bind anything but a loopback address."""
    assert is_loopback_host("127.0.0.1")
    assert is_loopback_host("::1")
    assert is_loopback_host("localhost")
    assert is_loopback_host("127.0.0.5")
    for host in ("0.0.0.0", "::", "192.168.1.10", "example.com", ""):
        assert not is_loopback_host(host)
        with pytest.raises(ValueError, match="loopback"):
            AgentServer(small_config(host=host), runner=None, token_file=None)  # type: ignore[arg-type]


async def test_no_compression_is_negotiated(agent: Agent) -> None:
    """permessage-deflate is never accepted, even when the client offers it."""
    request = handshake(
        agent.port, extra="Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
    )
    answer = await raw_exchange(agent.port, request, wait=1)
    assert status_of(answer) == 101
    assert b"sec-websocket-extensions" not in answer.lower()
