"""The job runner without sockets: limits, duplicates, cancel, one terminal message per id."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import pytest

from agent.config import Config
from agent.errors import ScanError
from agent.server.job_runner import ConnectionJobs, JobSlots
from protocol import AgentMessage, Analyze, Done, Error, ErrorCode, Message, Progress, Summary

Emit = Callable[[Message], Awaitable[None]]


class Recorder:
    """Collects what the jobs send; can be told to fail on send."""

    def __init__(self) -> None:
        self.sent: list[AgentMessage] = []
        self.fail = False

    async def __call__(self, message: AgentMessage) -> None:
        if self.fail:
            raise ConnectionError("client gone")
        self.sent.append(message)

    def terminals(self, request_id: str) -> list[AgentMessage]:
        """The done/error messages sent for one id."""
        return [m for m in self.sent if isinstance(m, Done | Error) and m.id == request_id]


def make_jobs(
    runner: Callable[[Analyze, Emit], Awaitable[Summary]],
    *,
    slots: JobSlots | None = None,
    per_connection: int = 4,
) -> tuple[ConnectionJobs, Recorder]:
    """Jobs of one connection with a recording send."""
    send = Recorder()
    config = Config(port=47999, jobs_per_connection=per_connection)
    jobs = ConnectionJobs(runner=runner, send=send, config=config, slots=slots or JobSlots(16))
    return jobs, send


async def wait_until(predicate: Callable[[], bool]) -> None:
    """Let the loop run until `predicate` holds (at most a second)."""
    for _ in range(100):
        if predicate():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition never held")


async def quick(request: Analyze, emit: Emit) -> Summary:
    """A runner that reports progress and finishes."""
    await emit(Progress(id=request.id, stage="render"))
    return Summary(total=3)


async def forever(request: Analyze, emit: Emit) -> Summary:
    """A runner that never finishes by itself."""
    await asyncio.Event().wait()
    raise AssertionError("unreachable")


async def test_done_carries_the_summary() -> None:
    """A finished job sends its messages, then done with the runner's summary."""
    jobs, send = make_jobs(quick)
    await jobs.start(Analyze(id="a", url="http://a.test/"))
    await wait_until(lambda: bool(send.terminals("a")))
    assert isinstance(send.sent[0], Progress)
    assert send.sent[1] == Done(id="a", summary=Summary(total=3))
    assert jobs.running == 0


async def test_refused_url_is_answered_at_once_and_never_runs() -> None:
    """validate_request_url refusals are answered before any task starts."""
    calls: list[str] = []

    async def runner(request: Analyze, emit: Emit) -> Summary:
        calls.append(request.url)
        return Summary()

    jobs, send = make_jobs(runner)
    await jobs.start(Analyze(id="f", url="file:///etc/passwd"))
    await jobs.start(Analyze(id="p", url="http://127.0.0.1:47999/"))
    assert [(m.id, m.code) for m in send.sent if isinstance(m, Error)] == [
        ("f", "scheme_not_allowed"),
        ("p", "target_not_allowed"),
    ]
    assert jobs.running == 0
    assert calls == []


async def test_cancel_before_the_task_ever_ran_still_answers_once() -> None:
    """A job cancelled before its first step (its body never runs) still gets one `cancelled`."""
    slots = JobSlots(16)
    jobs, send = make_jobs(forever, slots=slots)
    await jobs.start(Analyze(id="early", url="http://a.test/"))
    await jobs.cancel("early")  # no await in between: the task has not started yet
    await wait_until(lambda: bool(send.terminals("early")))
    await asyncio.sleep(0.02)
    assert send.terminals("early") == [
        Error(id="early", code="cancelled", message="The request was cancelled.")
    ]
    assert slots.in_use == 0
    assert jobs.running == 0


async def test_cancel_while_running_answers_cancelled_once() -> None:
    """Cancel of a running job: exactly one cancelled; the slot is free again."""
    slots = JobSlots(16)
    jobs, send = make_jobs(forever, slots=slots)
    await jobs.start(Analyze(id="r", url="http://a.test/"))
    await asyncio.sleep(0.01)
    await jobs.cancel("r")
    await wait_until(lambda: bool(send.terminals("r")))
    await asyncio.sleep(0.02)
    assert [m.code for m in send.terminals("r") if isinstance(m, Error)] == ["cancelled"]
    assert slots.in_use == 0


async def test_unknown_cancel_is_an_error() -> None:
    """Cancel of an id not in flight → unknown_id."""
    jobs, send = make_jobs(quick)
    await jobs.cancel("ghost")
    assert send.sent == [
        Error(id="ghost", code="unknown_id", message="No running request has this id.")
    ]


async def test_duplicate_id_is_refused_and_the_first_completes() -> None:
    """A second analyze with a running id → duplicate_id; the first one still ends with done."""
    release = asyncio.Event()

    async def runner(request: Analyze, emit: Emit) -> Summary:
        await release.wait()
        return Summary(total=1)

    jobs, send = make_jobs(runner)
    await jobs.start(Analyze(id="d", url="http://a.test/"))
    await jobs.start(Analyze(id="d", url="http://b.test/"))
    assert [m.code for m in send.sent if isinstance(m, Error)] == ["duplicate_id"]
    release.set()
    await wait_until(lambda: any(isinstance(m, Done) for m in send.sent))
    assert [type(m).__name__ for m in send.terminals("d")] == ["Error", "Done"]


async def test_per_connection_and_global_limits_answer_busy() -> None:
    """Past jobs_per_connection, or past the shared JobSlots, requests get busy."""
    slots = JobSlots(3)
    first, send1 = make_jobs(forever, slots=slots, per_connection=2)
    second, send2 = make_jobs(forever, slots=slots, per_connection=2)
    for i in range(3):
        await first.start(Analyze(id=f"a{i}", url="http://a.test/"))
    assert [m.id for m in send1.sent if isinstance(m, Error) and m.code == "busy"] == ["a2"]
    await second.start(Analyze(id="b0", url="http://a.test/"))
    await second.start(Analyze(id="b1", url="http://a.test/"))
    assert [m.id for m in send2.sent if isinstance(m, Error) and m.code == "busy"] == ["b1"]
    assert slots.in_use == 3
    await first.close()
    await second.close()
    assert slots.in_use == 0


async def test_errors_become_error_messages(caplog: pytest.LogCaptureFixture) -> None:
    """LinkLensError keeps code and message; other exceptions → internal_error, traceback logged."""

    async def runner(request: Analyze, emit: Emit) -> Summary:
        if request.id == "scan":
            raise ScanError(ErrorCode.NOT_HTML, "That is a PDF.")
        raise KeyError("internal detail")

    caplog.set_level(logging.ERROR, logger="agent.server.job_runner")
    jobs, send = make_jobs(runner)
    await jobs.start(Analyze(id="scan", url="http://a.test/"))
    await jobs.start(Analyze(id="bug", url="http://a.test/"))
    await wait_until(lambda: len(send.sent) == 2)
    by_id = {m.id: m for m in send.sent if isinstance(m, Error)}
    assert by_id["scan"] == Error(id="scan", code="not_html", message="That is a PDF.")
    assert by_id["bug"].code == "internal_error"
    assert "internal detail" not in by_id["bug"].message
    assert "internal detail" in caplog.text


async def test_close_cancels_everything_and_each_id_gets_one_terminal() -> None:
    """close() cancels every job and waits; each id has exactly one terminal message."""
    slots = JobSlots(16)
    jobs, send = make_jobs(forever, slots=slots)
    for i in range(4):
        await jobs.start(Analyze(id=f"c{i}", url="http://a.test/"))
    await jobs.close()
    await asyncio.sleep(0.02)
    for i in range(4):
        assert len(send.terminals(f"c{i}")) == 1
    assert slots.in_use == 0
    assert jobs.running == 0


async def test_nothing_is_emitted_after_the_terminal_message() -> None:
    """A runner that keeps a handle to emit cannot send after its done."""
    leaked: list[Emit] = []

    async def runner(request: Analyze, emit: Emit) -> Summary:
        leaked.append(emit)
        return Summary()

    jobs, send = make_jobs(runner)
    await jobs.start(Analyze(id="x", url="http://a.test/"))
    await wait_until(lambda: bool(send.terminals("x")))
    await leaked[0](Progress(id="x", stage="check"))
    assert [type(m).__name__ for m in send.sent] == ["Done"]


async def test_a_send_that_fails_does_not_leak_the_slot() -> None:
    """When the client is gone (send raises), the job still ends and frees its slot."""
    slots = JobSlots(16)
    jobs, send = make_jobs(quick, slots=slots)
    send.fail = True
    await jobs.start(Analyze(id="gone", url="http://a.test/"))
    await wait_until(lambda: jobs.running == 0)
    assert slots.in_use == 0


async def test_the_runner_gets_the_validated_href() -> None:
    """The request handed to the runner carries the URL as the browser reads it."""
    seen: list[str] = []

    async def runner(request: Analyze, emit: Emit) -> Summary:
        seen.append(request.url)
        return Summary()

    jobs, _send = make_jobs(runner)
    await jobs.start(Analyze(id="n", url="  HTTP://A.test:80/x/../y  "))
    await wait_until(lambda: bool(seen))
    assert seen == ["http://a.test/y"]
