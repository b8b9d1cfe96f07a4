"""The agent's websocket handshake parser: websockets' own, but every byte stream that is not an
HTTP request gets an HTTP 4xx answer instead of a silent close.

This is the one module that reaches into websockets' sans-I/O internals (`Protocol.parse`,
`reader.read_line`, `Request.parse`, `CONNECTING`), which are not public API: pyproject pins
websockets to the 17.x series, and tests/server/test_strict_handshake.py checks the behaviour
byte for byte, so an upgrade that changes those internals fails a test instead of the agent.
"""

from __future__ import annotations

__all__ = ["StrictConnection", "StrictProtocol"]

import http
from collections.abc import Generator
from typing import Any

from websockets.asyncio.server import Server, ServerConnection
from websockets.exceptions import (
    HeaderLineTooLong,
    InvalidMessage,
    RequestLineTooLong,
    TooManyHeaders,
)
from websockets.http11 import Request
from websockets.protocol import CONNECTING, Protocol
from websockets.server import ServerProtocol


class StrictProtocol(ServerProtocol):
    """websockets' server protocol, but bytes that are not an HTTP request get a 400.

    websockets answers over-long lines (414) and too many headers (431) but closes silently on
    anything else it cannot parse (a form POST with a body, Redis or SMTP commands). The agent must
    answer those with a 4xx too, so this parses the request the same way and answers 400. (Uses
    websockets' sans-I/O internals; pyproject pins websockets below 18.)
    """

    def parse(self) -> Generator[None]:
        if self.state is CONNECTING:
            try:
                request = yield from Request.parse(self.reader.read_line)
            except EOFError as exc:
                # The peer went away (or sent no full line before closing): nobody to answer.
                self.handshake_exc = InvalidMessage("did not receive a valid HTTP request")
                self.handshake_exc.__cause__ = exc
                self.send_eof()
                self.parser = self.discard()
                next(self.parser)
                yield
            except RequestLineTooLong as exc:
                yield from self._refuse(http.HTTPStatus.REQUEST_URI_TOO_LONG, exc)
            except (HeaderLineTooLong, TooManyHeaders) as exc:
                yield from self._refuse(http.HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, exc)
            except Exception as exc:  # ValueError, UnicodeDecodeError, NotImplementedError
                yield from self._refuse(http.HTTPStatus.BAD_REQUEST, exc)
            self.events.append(request)
        yield from Protocol.parse(self)

    def _refuse(self, status: http.HTTPStatus, exc: Exception) -> Generator[None]:
        self.handshake_exc = exc
        # The reason stays generic: the request's bytes are not echoed back.
        self.send_response(self.reject(status, "Not a WebSocket handshake this agent accepts.\n"))
        yield


class StrictConnection(ServerConnection):
    """A server connection that speaks through `StrictProtocol`."""

    def __init__(self, protocol: ServerProtocol, server: Server, **kwargs: Any) -> None:
        # Same settings as the protocol websockets built (no extensions: compression is off).
        replacement = StrictProtocol(
            max_size=(protocol.max_message_size, protocol.max_fragment_size),
            logger=protocol.logger,
        )
        super().__init__(replacement, server, **kwargs)
