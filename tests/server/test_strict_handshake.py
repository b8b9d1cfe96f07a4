"""The handshake parser answers every byte stream that is not a websocket request with a 4xx.

These drive `StrictProtocol` without a socket (websockets' sans-I/O API): bytes in, bytes out.
They pin the websockets internals agent/server/strict_handshake.py relies on.
"""

from __future__ import annotations

import pytest
from websockets.http11 import Request

from agent.server.strict_handshake import StrictProtocol


def _answer(data: bytes) -> tuple[bytes, list[object]]:
    """Feed the bytes to a fresh protocol; return what it sends back and the events it saw."""
    protocol = StrictProtocol(max_size=1024)
    protocol.receive_data(data)
    sent = b"".join(protocol.data_to_send())
    return sent, protocol.events_received()


@pytest.mark.parametrize(
    ("data", "status"),
    [
        (b"SET key value\r\n\r\n", b"400"),  # Redis-style text
        (b"POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\na=b", b"400"),
        (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", b"400"),  # a TLS hello
        (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\n\r\n", b"414"),
        (b"GET / HTTP/1.1\r\nX: " + b"a" * 9000 + b"\r\n\r\n", b"431"),
        (b"GET / HTTP/1.1\r\n" + b"X: y\r\n" * 200 + b"\r\n", b"431"),
    ],
)
def test_not_a_websocket_request_gets_an_http_error(data: bytes, status: bytes) -> None:
    """Garbage, a form POST, TLS, over-long lines and too many headers get an HTTP 4xx."""
    sent, events = _answer(data)
    assert sent.startswith(b"HTTP/1.1 " + status), sent[:40]
    assert b"Not a WebSocket handshake" in sent or status != b"400"
    assert events == []


def test_the_answer_never_echoes_the_request() -> None:
    """The refusal is generic: nothing the client sent comes back."""
    sent, _ = _answer(b"EVIL <script>secret</script>\r\n\r\n")
    assert b"secret" not in sent
    assert b"script" not in sent


def test_a_valid_handshake_request_is_parsed_as_websockets_does() -> None:
    """A real upgrade request becomes one Request event and no answer is sent yet."""
    data = (
        b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:47113\r\nUpgrade: websocket\r\n"
        b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        b"Sec-WebSocket-Version: 13\r\nOrigin: chrome-extension://x\r\n\r\n"
    )
    sent, events = _answer(data)
    assert sent == b""
    assert len(events) == 1
    assert isinstance(events[0], Request)
    assert events[0].path == "/ws"


def test_a_peer_that_leaves_mid_line_gets_no_answer() -> None:
    """Half a request line then EOF: nobody to answer, the connection just ends."""
    protocol = StrictProtocol(max_size=1024)
    protocol.receive_data(b"GET / HT")
    protocol.receive_eof()
    assert b"".join(protocol.data_to_send()) == b""
    assert protocol.events_received() == []
