"""The session logic of one websocket connection, without any I/O (sans-I/O, like websockets).

The server feeds each received frame into a `Session` and carries out the actions it returns,
in order:

    Send(message)          send one agent message
    Pause(seconds)         wait before going on (slows down token guessing)
    Close(code, reason)    close the connection; nothing is read after it
    StartJob(request)      hand an `analyze` to the connection's job runner
    CancelJob(id)          hand a `cancel` to the job runner (it answers `unknown_id` itself)
    WatchRequest(request)  answer a watch_add/remove/list/changes from the watch store

States: AWAITING_HELLO -> READY -> CLOSED. The first frame must be a `hello` with the token and
a protocol version the agent speaks; anything else closes with 1008. The token is the only
secret: it is compared in constant time and never logged or echoed (error texts from msgspec
name the JSON path, never a field's value, except the value of `type`, which is not secret).
"""

from __future__ import annotations

__all__ = [
    "CAPABILITIES",
    "WATCH_CAPABILITY",
    "Action",
    "AuthThrottle",
    "CancelJob",
    "Close",
    "Pause",
    "Send",
    "Session",
    "SessionState",
    "StartJob",
    "WatchRequest",
]

import enum
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import msgspec

from protocol import (
    PROTOCOL_VERSION,
    AgentMessage,
    Analyze,
    Cancel,
    ErrorCode,
    Hello,
    Ping,
    Pong,
    WatchAdd,
    WatchChanges,
    WatchListRequest,
    WatchRemove,
    Welcome,
    decode_client_message,
    error_message,
)
from protocol import Error as ErrorMessage

# Close codes (RFC 6455 section 7.4.1).
POLICY_VIOLATION = 1008
UNSUPPORTED_DATA = 1003

CAPABILITIES = ("analyze", "cancel", "check", "cloaking", "live_links")
#: Advertised as well by agents that keep a watch list (the server passes it when it has one).
WATCH_CAPABILITY = "watch"

# Error texts from the decoder may quote the `type` a client sent; keep them short.
_MAX_DETAIL = 200


class SessionState(enum.Enum):
    AWAITING_HELLO = "awaiting_hello"
    READY = "ready"
    CLOSED = "closed"


@dataclass(frozen=True)
class Send:
    message: AgentMessage


@dataclass(frozen=True)
class Pause:
    seconds: float


@dataclass(frozen=True)
class Close:
    code: int
    reason: str


@dataclass(frozen=True)
class StartJob:
    request: Analyze


@dataclass(frozen=True)
class CancelJob:
    id: str


@dataclass(frozen=True)
class WatchRequest:
    request: WatchAdd | WatchRemove | WatchListRequest | WatchChanges


Action = Send | Pause | Close | StartJob | CancelJob | WatchRequest


class AuthThrottle:
    """How long to wait before answering a failed hello: grows with recent failures.

    Shared by all connections of one server, so opening many connections does not speed up
    guessing. Pure: the caller passes the clock.
    """

    def __init__(self, base_delay_s: float, window_s: float = 60.0, max_factor: int = 10) -> None:
        self.base_delay_s = base_delay_s
        self.window_s = window_s
        self.max_factor = max_factor
        self._failures: deque[float] = deque()

    def record_failure(self, now: float) -> float:
        """Note one failure at `now`; return the delay to apply to it."""
        while self._failures and now - self._failures[0] > self.window_s:
            self._failures.popleft()
        self._failures.append(now)
        return self.base_delay_s * min(len(self._failures), self.max_factor)


def _detail(exc: BaseException) -> str:
    text = str(exc)
    if len(text) > _MAX_DETAIL:
        text = text[:_MAX_DETAIL] + "…"
    return text


def _error(code: ErrorCode, message: str | None = None, request_id: str | None = None) -> Send:
    return Send(
        ErrorMessage(id=request_id, code=code.value, message=message or error_message(code))
    )


class Session:
    """One connection's protocol state. Feed it frames; carry out the actions it returns."""

    def __init__(
        self,
        *,
        check_token: Callable[[str], bool],
        agent_version: str,
        throttle: AuthThrottle,
        clock: Callable[[], float],
        capabilities: tuple[str, ...] = CAPABILITIES,
    ) -> None:
        self.state = SessionState.AWAITING_HELLO
        self._capabilities = capabilities
        self._check_token = check_token
        self._agent_version = agent_version
        self._throttle = throttle
        self._clock = clock

    def _close(self, code: int, reason: str) -> Close:
        self.state = SessionState.CLOSED
        return Close(code, reason)

    def receive_text(self, text: str) -> list[Action]:
        """One text frame from the client."""
        if self.state is SessionState.CLOSED:
            return []
        try:
            message = decode_client_message(text)
        except msgspec.ValidationError as exc:
            if self.state is SessionState.AWAITING_HELLO:
                return [self._close(POLICY_VIOLATION, "hello first")]
            detail = f"{error_message(ErrorCode.INVALID_REQUEST)} {_detail(exc)}"
            return [_error(ErrorCode.INVALID_REQUEST, detail)]
        except (msgspec.DecodeError, RecursionError, ValueError):
            # RecursionError: msgspec gives up on absurdly deep nesting (docs/SECURITY.md, case 20).
            if self.state is SessionState.AWAITING_HELLO:
                return [self._close(POLICY_VIOLATION, "hello first")]
            return [_error(ErrorCode.INVALID_JSON)]

        if self.state is SessionState.AWAITING_HELLO:
            if not isinstance(message, Hello):
                return [self._close(POLICY_VIOLATION, "hello first")]
            return self._hello(message)

        match message:
            case Hello():
                return [_error(ErrorCode.INVALID_REQUEST, "Already paired: hello comes once.")]
            case Ping():
                return [Send(Pong())]
            case Analyze():
                return [StartJob(message)]
            case Cancel(id=request_id):
                return [CancelJob(request_id)]
            case WatchAdd() | WatchRemove() | WatchListRequest() | WatchChanges():
                return [WatchRequest(message)]
        raise AssertionError(f"unhandled message {type(message).__name__}")  # pragma: no cover

    def receive_binary(self) -> list[Action]:
        """One binary frame: the protocol is JSON text only."""
        if self.state is SessionState.CLOSED:
            return []
        return [self._close(UNSUPPORTED_DATA, "text frames only")]

    def hello_timed_out(self) -> list[Action]:
        """No hello arrived in time."""
        if self.state is not SessionState.AWAITING_HELLO:
            return []
        return [self._close(POLICY_VIOLATION, "no hello in time")]

    def _hello(self, hello: Hello) -> list[Action]:
        # The token first: a client without it learns nothing, not even our protocol version.
        if not self._check_token(hello.token):
            delay = self._throttle.record_failure(self._clock())
            return [
                Pause(delay),
                _error(ErrorCode.UNAUTHORIZED),
                self._close(POLICY_VIOLATION, "unauthorized"),
            ]
        if hello.protocol != PROTOCOL_VERSION:
            message = (
                f"{error_message(ErrorCode.UNSUPPORTED_PROTOCOL)} "
                f"(the agent speaks protocol {PROTOCOL_VERSION})"
            )
            return [
                _error(ErrorCode.UNSUPPORTED_PROTOCOL, message),
                self._close(POLICY_VIOLATION, "unsupported protocol"),
            ]
        self.state = SessionState.READY
        welcome = Welcome(
            protocol=PROTOCOL_VERSION,
            agent_version=self._agent_version,
            capabilities=list(self._capabilities),
        )
        return [Send(welcome)]
