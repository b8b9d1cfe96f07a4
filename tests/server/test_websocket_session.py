"""The real server after the upgrade: hello, frames and JSON, jobs (docs/SECURITY.md, cases 9-24)."""

from __future__ import annotations

import asyncio
import logging

import pytest
from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed

from agent import __version__
from agent.config import paths
from agent.server.pairing import rotate_token
from protocol import (
    PROTOCOL_VERSION,
    AgentMessage,
    Analyze,
    Cancel,
    Done,
    Error,
    Hello,
    Ping,
    Pong,
    Progress,
    Welcome,
    encode,
)
from tests.harness.agent_harness import Agent, receive, running_agent, small_config


async def closed_with(ws: ClientConnection, timeout: float = 3.0) -> int | None:
    """Read until the agent closes the connection; return the close code it sent."""

    async def drain() -> None:
        while True:
            await ws.recv()

    with pytest.raises(ConnectionClosed):
        await asyncio.wait_for(drain(), timeout)
    assert ws.close_code is not None
    return ws.close_code


async def ping_works(ws: ClientConnection) -> None:
    """The connection still answers requests."""
    await ws.send(encode(Ping()))
    assert isinstance(await receive(ws), Pong)


async def terminal_for(ws: ClientConnection, request_id: str) -> Done | Error:
    """Skip progress messages until the terminal message of `request_id`."""
    while True:
        message = await receive(ws)
        if isinstance(message, Done | Error) and message.id == request_id:
            return message


# -- hello and auth --------------------------------------------------------------------------------


async def test_hello_with_the_token_gets_welcome(agent: Agent) -> None:
    """The right token and protocol get `welcome` with version and capabilities."""
    async with agent.client() as ws:
        await ws.send(encode(Hello(protocol=PROTOCOL_VERSION, token=agent.token, client="test")))
        welcome = await receive(ws)
        assert isinstance(welcome, Welcome)
        assert welcome.protocol == PROTOCOL_VERSION
        assert welcome.agent_version == __version__
        assert welcome.capabilities == ["analyze", "cancel", "check", "cloaking", "live_links"]
        await ping_works(ws)


async def test_no_hello_in_time_closes_1008(agent: Agent) -> None:
    """No hello within hello_timeout_s → close 1008."""
    async with agent.client() as ws:
        started = asyncio.get_running_loop().time()
        assert await closed_with(ws) == 1008
        assert asyncio.get_running_loop().time() - started < 2.0


async def test_wrong_token_is_refused_and_never_echoed(
    agent: Agent, caplog: pytest.LogCaptureFixture
) -> None:
    """Wrong token → error unauthorized, close 1008; no token in replies or logs."""
    caplog.set_level(logging.DEBUG)
    wrong = "WRONG-" + "x" * 30
    async with agent.client() as ws:
        await ws.send(encode(Hello(protocol=PROTOCOL_VERSION, token=wrong)))
        frame = await ws.recv()
        assert isinstance(frame, str)
        assert wrong not in frame
        assert agent.token not in frame
        error = await receive_from_text(frame)
        assert isinstance(error, Error)
        assert error.code == "unauthorized"
        assert error.id is None
        assert await closed_with(ws) == 1008
    assert wrong not in caplog.text
    assert agent.token not in caplog.text
    async with agent.paired() as ws:
        await ping_works(ws)


async def receive_from_text(frame: str) -> AgentMessage:
    """Decode one agent frame already read."""
    from protocol import decode_agent_message

    return decode_agent_message(frame)


async def test_repeated_auth_failures_are_slowed() -> None:
    """Each failed hello waits longer than the one before (shared throttle)."""
    async with running_agent(small_config(auth_failure_delay_s=0.05)) as agent:
        loop = asyncio.get_running_loop()
        elapsed = []
        for _ in range(3):
            async with agent.client() as ws:
                started = loop.time()
                await ws.send(encode(Hello(protocol=PROTOCOL_VERSION, token="nope")))
                await receive(ws)
                elapsed.append(loop.time() - started)
        assert elapsed[0] >= 0.05
        assert elapsed[2] >= 0.15 > elapsed[0]


async def test_request_before_hello_closes_1008(agent: Agent) -> None:
    """An analyze (or ping) before hello → close 1008, nothing runs."""
    async with agent.client() as ws:
        await ws.send(encode(Analyze(id="a", url="http://site.test/ok")))
        assert await closed_with(ws) == 1008
    async with agent.client() as ws:
        await ws.send("{")
        assert await closed_with(ws) == 1008
    assert agent.runner.calls == []


async def test_token_in_the_query_string_is_ignored(agent: Agent) -> None:
    """?token=<the right token> authenticates nothing: a ping still closes 1008."""
    async with agent.client(path=f"/?token={agent.token}") as ws:
        await ws.send(encode(Ping()))
        assert await closed_with(ws) == 1008


async def test_unsupported_protocol_is_refused(agent: Agent) -> None:
    """A protocol version the agent does not speak → unsupported_protocol, 1008."""
    async with agent.client() as ws:
        await ws.send(encode(Hello(protocol=PROTOCOL_VERSION + 1, token=agent.token)))
        error = await receive(ws)
        assert isinstance(error, Error)
        assert error.code == "unsupported_protocol"
        assert await closed_with(ws) == 1008


async def test_rotated_token_applies_to_new_connections(agent: Agent) -> None:
    """After `token --rotate` the old token is refused and the new one accepted, no restart."""
    async with agent.paired() as before:
        new = rotate_token(paths().token_file)
        await ping_works(before)  # an open connection stays paired
    async with agent.client() as ws:
        await ws.send(encode(Hello(protocol=PROTOCOL_VERSION, token=agent.token)))
        error = await receive(ws)
        assert isinstance(error, Error)
        assert error.code == "unauthorized"
    async with agent.client() as ws:
        await ws.send(encode(Hello(protocol=PROTOCOL_VERSION, token=new)))
        assert isinstance(await receive(ws), Welcome)


# -- frames and JSON -------------------------------------------------------------------------------


async def test_message_over_the_size_limit_closes_1009(agent: Agent) -> None:
    """A message over max_message_bytes → close 1009; the agent keeps serving."""
    async with agent.paired() as ws:
        await ws.send('{"type":"ping","pad":"' + "a" * (70 * 1024) + '"}')
        assert await closed_with(ws) == 1009
    async with agent.paired() as ws:
        await ping_works(ws)


async def test_invalid_utf8_closes_1007(agent: Agent) -> None:
    """A text frame that is not UTF-8 → close 1007."""
    async with agent.paired() as ws:
        await ws.send(b'{"type":"ping","x":"\xff\xfe"}', text=True)
        assert await closed_with(ws) == 1007
    async with agent.paired() as ws:
        await ping_works(ws)


async def test_binary_frame_closes_1003(agent: Agent) -> None:
    """A binary frame → close 1003."""
    async with agent.paired() as ws:
        await ws.send(encode(Ping()).encode())
        assert await closed_with(ws) == 1003
    async with agent.paired() as ws:
        await ping_works(ws)


@pytest.mark.parametrize("text", ["{", "hello", '{"type":"analyze","id":"a","url":"ht', "", "NaN"])
async def test_invalid_json_is_answered_and_kept(agent: Agent, text: str) -> None:
    """Not JSON → error invalid_json (id null); the connection stays open."""
    async with agent.paired() as ws:
        await ws.send(text)
        error = await receive(ws)
        assert isinstance(error, Error)
        assert error.code == "invalid_json"
        assert error.id is None
        await ping_works(ws)


@pytest.mark.parametrize(
    "text", ["[]", "42", "null", '"ping"', "{}", '{"type":"launch"}', '{"id":"a","url":"x"}']
)
async def test_wrong_shapes_are_invalid_requests(agent: Agent, text: str) -> None:
    """JSON that is no request (arrays, scalars, unknown/missing type) → kept."""
    async with agent.paired() as ws:
        await ws.send(text)
        error = await receive(ws)
        assert isinstance(error, Error)
        assert error.code == "invalid_request"
        await ping_works(ws)


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ('{"type":"analyze","id":"a","url":5}', "$.url"),
        ('{"type":"analyze","id":"a"}', "url"),
        ('{"type":"analyze","id":7,"url":"http://a.test/"}', "$.id"),
        ('{"type":"analyze","id":"a","url":"http://a.test/","options":{"check":"yes"}}',
         "$.options.check"),
        ('{"type":"cancel"}', "id"),
    ],
)  # fmt: skip
async def test_wrong_fields_name_the_json_path(agent: Agent, text: str, path: str) -> None:
    """Wrong field types or missing fields → invalid_request naming the field."""
    async with agent.paired() as ws:
        await ws.send(text)
        error = await receive(ws)
        assert isinstance(error, Error)
        assert error.code == "invalid_request"
        assert path in error.message
        await ping_works(ws)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        '{"type":"ping","x":' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"type":"ping","x":' + '{"a":' * 100_000,
        '{"type":"ping","x":NaN}',
        '{"type":"ping","x":Infinity}',
        '{"type":"ping","x":-Infinity}',
        '{"type":"hello","protocol":' + "9" * 5000 + ',"token":"t"}',
        '{"type":"analyze","id":"' + "9" * 5000 + '","url":' + "9" * 5000 + "}",
        '{"type":"cancel","id":"\\ud800"}',
        '{"type":"cancel","id":"\\udc00x"}',
        '{"type":"analyze","id":"a","url":"http://a.test/","options":{"timeout_s":1e999}}',
    ],
)
async def test_hostile_json_does_not_crash(text: str) -> None:
    """Deep nesting, NaN/Infinity, huge ints, lone surrogates → error, kept."""
    async with running_agent(small_config(max_message_bytes=2**20)) as agent, agent.paired() as ws:
        await ws.send(text)
        error = await receive(ws)
        assert isinstance(error, Error)
        assert error.code in {"invalid_json", "invalid_request"}
        await ping_works(ws)
        assert agent.runner.calls == []


async def test_second_hello_is_an_invalid_request(agent: Agent) -> None:
    """A hello after pairing is answered invalid_request and changes nothing."""
    async with agent.paired() as ws:
        await ws.send(encode(Hello(protocol=PROTOCOL_VERSION, token="other")))
        error = await receive(ws)
        assert isinstance(error, Error)
        assert error.code == "invalid_request"
        await ping_works(ws)


# -- jobs ------------------------------------------------------------------------------------------


async def test_analyze_streams_and_ends_with_done(agent: Agent) -> None:
    """An analyze runs the injected runner; its messages arrive, then exactly one `done`."""
    async with agent.paired() as ws:
        await ws.send(encode(Analyze(id="j1", url="http://site.test/ok")))
        progress = await receive(ws)
        assert isinstance(progress, Progress)
        assert progress.id == "j1"
        done = await receive(ws)
        assert isinstance(done, Done)
        assert done.id == "j1"
        assert done.summary.total == 1
        await ping_works(ws)
    assert agent.runner.calls == ["http://site.test/ok"]


async def test_duplicate_id_in_flight_and_the_first_completes(agent: Agent) -> None:
    """An id reused while in flight → duplicate_id; the first still gets done."""
    async with agent.paired() as ws:
        await ws.send(encode(Analyze(id="dup", url="http://site.test/slow")))
        await ws.send(encode(Analyze(id="dup", url="http://site.test/ok")))
        error = await receive(ws)
        assert isinstance(error, Error)
        assert error.code == "duplicate_id"
        assert error.id == "dup"
        agent.runner.release.set()
        done = await terminal_for(ws, "dup")
        assert isinstance(done, Done)
        # Once finished, the id may be used again.
        await ws.send(encode(Analyze(id="dup", url="http://site.test/ok")))
        assert isinstance(await terminal_for(ws, "dup"), Done)


async def test_cancel_unknown_id_is_an_error(agent: Agent) -> None:
    """Cancel of an id not in flight → error unknown_id, kept."""
    async with agent.paired() as ws:
        await ws.send(encode(Cancel(id="nope")))
        error = await receive(ws)
        assert isinstance(error, Error)
        assert error.code == "unknown_id"
        assert error.id == "nope"
        await ping_works(ws)


async def test_cancel_ends_the_job_with_cancelled(agent: Agent) -> None:
    """`cancel` cancels the running task; its id gets exactly one error cancelled."""
    async with agent.paired() as ws:
        await ws.send(encode(Analyze(id="c1", url="http://site.test/slow")))
        await asyncio.sleep(0.05)
        await ws.send(encode(Cancel(id="c1")))
        error = await terminal_for(ws, "c1")
        assert isinstance(error, Error)
        assert error.code == "cancelled"
        await ping_works(ws)  # nothing else about c1 arrived before the pong
    assert agent.runner.cancelled == ["c1"]


async def test_runner_errors_become_error_messages(agent: Agent) -> None:
    """A LinkLensError keeps its code; any other exception is internal_error without details."""
    async with agent.paired() as ws:
        await ws.send(encode(Analyze(id="f", url="http://site.test/fail")))
        error = await terminal_for(ws, "f")
        assert isinstance(error, Error)
        assert error.code == "render_timeout"
        await ws.send(encode(Analyze(id="b", url="http://site.test/boom")))
        frame = await ws.recv()
        assert isinstance(frame, str)
        assert "secret detail" not in frame
        assert "shadow" not in frame
        internal = await receive_from_text(frame)
        assert isinstance(internal, Error)
        assert internal.code == "internal_error"
        assert internal.id == "b"
        await ping_works(ws)


async def test_excess_jobs_are_busy_and_every_id_gets_one_terminal(agent: Agent) -> None:
    """Past jobs_per_connection a request gets busy; every id ends with exactly one terminal."""
    limit = agent.server.config.jobs_per_connection
    ids = [f"j{i}" for i in range(limit + 3)]
    async with agent.paired() as ws:
        for request_id in ids:
            await ws.send(encode(Analyze(id=request_id, url="http://site.test/slow")))
        terminals: dict[str, list[str]] = {}
        for _ in range(3):
            message = await receive(ws)
            assert isinstance(message, Error)
            assert message.code == "busy"
            terminals.setdefault(message.id or "", []).append(message.code)
        agent.runner.release.set()
        while sum(len(codes) for codes in terminals.values()) < len(ids):
            message = await receive(ws)
            if isinstance(message, Done | Error):
                terminals.setdefault(message.id or "", []).append(type(message).__name__)
        await ping_works(ws)
    assert sorted(terminals) == sorted(ids)
    assert all(len(codes) == 1 for codes in terminals.values())


async def test_global_job_limit_spans_connections(agent: Agent) -> None:
    """jobs_total bounds jobs across connections: the next request elsewhere gets busy."""
    total = agent.server.config.jobs_total
    per = agent.server.config.jobs_per_connection
    async with agent.paired() as first, agent.paired() as second, agent.paired() as third:
        sent = 0
        for ws in (first, second):
            for _i in range(per):
                if sent < total:
                    await ws.send(encode(Analyze(id=f"g{sent}", url="http://site.test/slow")))
                    sent += 1
        await asyncio.sleep(0.05)
        if sent < total:
            await third.send(encode(Analyze(id="g-last", url="http://site.test/slow")))
            await asyncio.sleep(0.05)
        await third.send(encode(Analyze(id="over", url="http://site.test/slow")))
        error = await receive(third)
        assert isinstance(error, Error)
        assert error.code == "busy"
        assert error.id == "over"
        agent.runner.release.set()


async def test_disconnect_cancels_the_jobs(agent: Agent) -> None:
    """A client that goes away mid-job has its jobs cancelled."""
    async with agent.paired() as ws:
        await ws.send(encode(Analyze(id="gone", url="http://site.test/slow")))
        await asyncio.sleep(0.05)
    for _ in range(50):
        if agent.runner.cancelled:
            break
        await asyncio.sleep(0.02)
    assert agent.runner.cancelled == ["gone"]


async def test_a_client_that_never_reads_is_dropped(agent: Agent) -> None:
    """Past the write limit, a client that stops reading is dropped (after send_timeout_s)."""
    async with agent.paired(max_queue=4) as ws:
        await ws.send(encode(Analyze(id="flood", url="http://site.test/flood")))
        # Never read again: the client's queue fills, then the socket buffers, then ours.
        assert agent.server.open_connections == 1
        for _ in range(200):
            if agent.server.open_connections == 0:
                break
            await asyncio.sleep(0.02)
        assert agent.server.open_connections == 0
    async with agent.paired() as ws:
        await ping_works(ws)


# -- URLs asked for (the real url_policy) ---------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "view-source:http://a.test/",
        "chrome://settings",
        "about:blank",
        "javascript:alert(1)",
        "data:text/html,<a href=x>x</a>",
        "blob:http://a.test/uuid",
        "ftp://a.test/",
        "ws://a.test/",
    ],
)
async def test_other_schemes_are_refused(agent: Agent, url: str) -> None:
    """Anything but http(s) → scheme_not_allowed, nothing runs, kept."""
    async with agent.paired() as ws:
        await ws.send(encode(Analyze(id="u", url=url)))
        error = await receive(ws)
        assert isinstance(error, Error)
        assert error.code == "scheme_not_allowed"
        assert error.id == "u"
        await ping_works(ws)
    assert agent.runner.calls == []


async def test_the_agents_own_port_and_metadata_are_refused(agent: Agent) -> None:
    """The agent's own port (any loopback spelling) and 169.254.169.254 → refused."""
    port = agent.port
    urls = [
        f"http://127.0.0.1:{port}/",
        f"http://localhost:{port}/",
        f"http://[::1]:{port}/",
        f"http://127.1:{port}/",
        f"http://0x7f000001:{port}/",
        f"http://2130706433:{port}/",
        f"http://0.0.0.0:{port}/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/",
    ]
    async with agent.paired() as ws:
        for url in urls:
            await ws.send(encode(Analyze(id=url, url=url)))
            error = await receive(ws)
            assert isinstance(error, Error)
            assert error.id == url
            assert error.code == "target_not_allowed", url
        await ping_works(ws)
    assert agent.runner.calls == []


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://user@a.test/", "credentials_in_url"),
        ("http://user:pass@a.test/", "credentials_in_url"),
        ("http://a.test/" + "a" * 9000, "url_too_long"),
        ("http://a.test/\x00x", "invalid_url"),
        ("http://a.test/\x7f", "invalid_url"),
        ("http://", "invalid_url"),
        ("not a url", "invalid_url"),
    ],
)
async def test_bad_urls_are_rejected_with_a_clear_code(agent: Agent, url: str, code: str) -> None:
    """Credentials, over-long URLs and control characters → their own code."""
    async with agent.paired() as ws:
        await ws.send(encode(Analyze(id="u", url=url)))
        error = await receive(ws)
        assert isinstance(error, Error)
        assert error.code == code
        await ping_works(ws)
    assert agent.runner.calls == []


async def test_the_runner_gets_the_validated_href(agent: Agent) -> None:
    """The job receives the URL as the browser reads it (WHATWG), not the raw text."""
    async with agent.paired() as ws:
        await ws.send(encode(Analyze(id="n", url="HTTP://Site.TEST:80/a/../ok")))
        assert isinstance(await terminal_for(ws, "n"), Done)
    assert agent.runner.calls == ["http://site.test/ok"]


# -- shutdown -------------------------------------------------------------------------------------


async def test_stop_cancels_jobs_closes_clients_and_the_browser() -> None:
    """Shutdown closes connections (1001), cancels running jobs and closes the browser."""
    async with running_agent() as agent:
        async with agent.paired() as ws:
            await ws.send(encode(Analyze(id="s", url="http://site.test/slow")))
            await asyncio.sleep(0.05)
            await agent.server.stop()
            assert await closed_with(ws) == 1001
        assert agent.runner.cancelled == ["s"]
        assert agent.browser_closed == [True]
