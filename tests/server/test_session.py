"""The pure session logic: frames in, actions out, no sockets."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from agent.server.session import (
    CAPABILITIES,
    AuthThrottle,
    CancelJob,
    Close,
    Pause,
    Send,
    Session,
    SessionState,
    StartJob,
)
from protocol import (
    PROTOCOL_VERSION,
    Analyze,
    Cancel,
    Error,
    Hello,
    Ping,
    Pong,
    Welcome,
    encode,
)

TOKEN = "the-right-token"


def new_session(throttle: AuthThrottle | None = None) -> Session:
    """A session whose token is TOKEN, with a fixed clock."""
    return Session(
        check_token=lambda offered: offered == TOKEN,
        agent_version="9.9.9",
        throttle=throttle or AuthThrottle(0.5),
        clock=lambda: 100.0,
    )


def ready_session() -> Session:
    """A session past a successful hello."""
    session = new_session()
    session.receive_text(encode(Hello(protocol=PROTOCOL_VERSION, token=TOKEN)))
    assert session.state is SessionState.READY
    return session


def only_error(actions: Sequence[object]) -> Error:
    """The single error message among the actions."""
    assert len(actions) == 1
    action = actions[0]
    assert isinstance(action, Send)
    assert isinstance(action.message, Error)
    return action.message


def test_hello_with_the_token_welcomes() -> None:
    """The right token and protocol → welcome with version and capabilities; state READY."""
    session = new_session()
    actions = session.receive_text(encode(Hello(protocol=PROTOCOL_VERSION, token=TOKEN)))
    assert actions == [
        Send(
            Welcome(
                protocol=PROTOCOL_VERSION, agent_version="9.9.9", capabilities=list(CAPABILITIES)
            )
        )
    ]
    assert session.state is SessionState.READY


def test_wrong_token_pauses_errors_and_closes() -> None:
    """A wrong token → pause, error unauthorized (no id), close 1008; the token is not echoed."""
    session = new_session()
    actions = session.receive_text(encode(Hello(protocol=PROTOCOL_VERSION, token="guess")))
    assert isinstance(actions[0], Pause)
    assert actions[0].seconds == 0.5
    error = only_error(actions[1:2])
    assert error.code == "unauthorized"
    assert error.id is None
    assert "guess" not in error.message
    assert actions[2] == Close(1008, "unauthorized")
    assert session.state is SessionState.CLOSED
    assert session.receive_text(encode(Ping())) == []


def test_token_is_checked_before_the_protocol() -> None:
    """A wrong token with a wrong protocol is unauthorized: nothing is revealed without it."""
    actions = new_session().receive_text(encode(Hello(protocol=99, token="guess")))
    assert only_error(actions[1:2]).code == "unauthorized"


def test_unsupported_protocol_errors_and_closes() -> None:
    """The right token with another protocol version → unsupported_protocol, close 1008."""
    session = new_session()
    actions = session.receive_text(encode(Hello(protocol=PROTOCOL_VERSION + 1, token=TOKEN)))
    assert only_error(actions[:1]).code == "unsupported_protocol"
    assert actions[1] == Close(1008, "unsupported protocol")


@pytest.mark.parametrize(
    "text",
    [
        encode(Ping()),
        encode(Analyze(id="a", url="http://a.test/")),
        encode(Cancel(id="a")),
        "{",
        "[]",
        '{"type":"hello","protocol":"1","token":"x"}',
        '{"type":"hello"}',
    ],
)
def test_anything_but_hello_first_closes_1008(text: str) -> None:
    """Before hello, every other frame (valid or not) closes with 1008 and nothing else."""
    session = new_session()
    assert session.receive_text(text) == [Close(1008, "hello first")]
    assert session.state is SessionState.CLOSED


def test_token_in_another_field_does_not_authenticate() -> None:
    """Only `hello.token` is read: the token in `client` or an unknown field counts for nothing."""
    session = new_session()
    text = f'{{"type":"hello","protocol":1,"token":"","client":"{TOKEN}","query":"{TOKEN}"}}'
    actions = session.receive_text(text)
    assert session.state is SessionState.CLOSED
    assert only_error(actions[1:2]).code == "unauthorized"


def test_hello_timeout_closes_only_before_hello() -> None:
    """hello_timed_out closes 1008 while awaiting hello, and does nothing once ready."""
    assert new_session().hello_timed_out() == [Close(1008, "no hello in time")]
    assert ready_session().hello_timed_out() == []


def test_binary_frames_close_1003() -> None:
    """A binary frame closes with 1003, before or after hello."""
    assert new_session().receive_binary() == [Close(1003, "text frames only")]
    assert ready_session().receive_binary() == [Close(1003, "text frames only")]


def test_ping_pongs() -> None:
    """ping → pong."""
    assert ready_session().receive_text(encode(Ping())) == [Send(Pong())]


def test_analyze_and_cancel_go_to_the_jobs() -> None:
    """analyze → StartJob with the decoded request; cancel → CancelJob with its id."""
    session = ready_session()
    request = Analyze(id="a1", url="http://a.test/")
    assert session.receive_text(encode(request)) == [StartJob(request)]
    assert session.receive_text(encode(Cancel(id="a1"))) == [CancelJob("a1")]


@pytest.mark.parametrize("text", ["{", "hello", '{"type":"ping"', "", "NaN", '{"a":NaN}'])
def test_invalid_json_is_answered(text: str) -> None:
    """Not JSON → invalid_json with a null id; the session stays READY."""
    session = ready_session()
    error = only_error(session.receive_text(text))
    assert error.code == "invalid_json"
    assert error.id is None
    assert session.state is SessionState.READY


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[]", "got `array`"),
        ("42", "got `int`"),
        ("null", "got `null`"),
        ("{}", "missing required field `type`"),
        ('{"type":"nope"}', "$.type"),
        ('{"type":"analyze","id":"a","url":5}', "$.url"),
        ('{"type":"analyze","url":"http://a.test/"}', "missing required field `id`"),
        ('{"type":"analyze","id":"a","url":"u","links":[{"id":1}]}', "$.links[0].id"),
    ],
)
def test_wrong_shapes_name_the_problem(text: str, fragment: str) -> None:
    """Valid JSON of the wrong shape → invalid_request whose message carries msgspec's path."""
    session = ready_session()
    error = only_error(session.receive_text(text))
    assert error.code == "invalid_request"
    assert fragment in error.message
    assert session.state is SessionState.READY


def test_long_error_details_are_cut() -> None:
    """A huge unknown `type` is not echoed back whole."""
    error = only_error(ready_session().receive_text('{"type":"' + "x" * 100_000 + '"}'))
    assert len(error.message) < 400


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        '{"type":"ping","x":' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"type":"ping","x":' + '{"a":' * 100_000 + "1" + "}" * 100_000 + "}",
        '{"type":"hello","protocol":' + "9" * 5000 + ',"token":"t"}',
        '{"type":"cancel","id":"\\ud800"}',
        '{"type":"ping","x":Infinity}',
    ],
)
def test_hostile_json_gets_an_error_not_an_exception(text: str) -> None:
    """Deep nesting, huge ints, lone surrogates, Infinity: an error action, never an exception."""
    error = only_error(ready_session().receive_text(text))
    assert error.code in {"invalid_json", "invalid_request"}


def test_second_hello_is_refused_but_kept() -> None:
    """A second hello is invalid_request; the session stays READY."""
    session = ready_session()
    error = only_error(session.receive_text(encode(Hello(protocol=PROTOCOL_VERSION, token=TOKEN))))
    assert error.code == "invalid_request"
    assert session.state is SessionState.READY


def test_throttle_grows_with_recent_failures_and_forgets_old_ones() -> None:
    """Each failure in the window waits longer (capped); failures older than the window expire."""
    throttle = AuthThrottle(1.0, window_s=60.0, max_factor=3)
    assert throttle.record_failure(0.0) == 1.0
    assert throttle.record_failure(1.0) == 2.0
    assert throttle.record_failure(2.0) == 3.0
    assert throttle.record_failure(3.0) == 3.0
    assert throttle.record_failure(200.0) == 1.0
