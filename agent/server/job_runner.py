"""The job runner: one asyncio task per `analyze`, bounded, cancellable, always answered.

Rules (docs/DESIGN.md §2.1, §2.5):
- the URL is validated at once (`validate_request_url`); a refused URL gets `error` right away;
- at most `jobs_per_connection` jobs per connection and `jobs_total` across the agent; excess
  requests get `error {id, code: "busy"}`;
- an id already in flight gets `duplicate_id` (and the first job still completes);
- `cancel` cancels the task and its id gets `error {code: "cancelled"}`; an unknown id gets
  `unknown_id`;
- a `LinkLensError` becomes `error {id, code, message}`; anything else is logged with its
  traceback and answered `internal_error` without details (they may be security-sensitive).

Every analyze id that starts a job gets exactly one terminal message: the task sends it in a
`finally` block, whatever ended the job.
"""

from __future__ import annotations

__all__ = ["ConnectionJobs", "JobSlots", "Runner", "Send"]

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

import msgspec

from agent.config import Config
from agent.errors import LinkLensError
from agent.net.address_policy import validate_request_url
from protocol import AgentMessage, Analyze, Done, ErrorCode, Message, Summary, error_message
from protocol import Error as ErrorMessage

logger = logging.getLogger(__name__)

#: Sends one message to this connection's client (never raises: a gone client is ignored).
Send = Callable[[AgentMessage], Awaitable[None]]
#: The analysis itself (agent.pipeline.run_analysis with its tools bound): emits progress, report
#: and link_updates through the callback and returns the final summary.
Runner = Callable[[Analyze, Callable[[Message], Awaitable[None]]], Awaitable[Summary]]


class JobSlots:
    """The agent-wide job limit, shared by every connection."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.in_use = 0

    def try_acquire(self) -> bool:
        if self.in_use >= self.limit:
            return False
        self.in_use += 1
        return True

    def release(self) -> None:
        self.in_use -= 1


def _error(request_id: str | None, code: ErrorCode, message: str | None = None) -> ErrorMessage:
    return ErrorMessage(id=request_id, code=code.value, message=message or error_message(code))


class _Job:
    """One job's bookkeeping: its task and whether its terminal message went out."""

    def __init__(self, request_id: str) -> None:
        self.request_id = request_id
        self.task: asyncio.Task[None] | None = None
        self.answered = False
        self.finished = False


class ConnectionJobs:
    """The jobs of one connection."""

    def __init__(self, *, runner: Runner, send: Send, config: Config, slots: JobSlots) -> None:
        self._runner = runner
        self._send = send
        self._config = config
        self._slots = slots
        self._jobs: dict[str, _Job] = {}
        # Answers sent for jobs cancelled before their task ever ran (kept so they are not GC'd).
        self._late_answers: set[asyncio.Task[None]] = set()

    @property
    def running(self) -> int:
        return len(self._jobs)

    async def start(self, request: Analyze) -> None:
        """Validate and start one analyze request, or answer it with an error now."""
        if request.id in self._jobs:
            await self._send(_error(request.id, ErrorCode.DUPLICATE_ID))
            return
        try:
            href = validate_request_url(request.url, self._config)
        except LinkLensError as exc:
            await self._send(_error(request.id, exc.code, exc.message))
            return
        if len(self._jobs) >= self._config.jobs_per_connection or not self._slots.try_acquire():
            await self._send(_error(request.id, ErrorCode.BUSY))
            return
        # From here on the slot is held; _finish releases it, exactly once.
        request = msgspec.structs.replace(request, url=href)
        job = _Job(request.id)
        self._jobs[request.id] = job
        job.task = asyncio.create_task(self._run(job, request), name="linklens-job")
        job.task.add_done_callback(lambda _task: self._after(job))

    async def cancel(self, request_id: str) -> None:
        """Cancel a running job (it answers `cancelled`), or answer `unknown_id`."""
        job = self._jobs.get(request_id)
        if job is None or job.task is None:
            await self._send(_error(request_id, ErrorCode.UNKNOWN_ID))
            return
        job.task.cancel()

    async def close(self) -> None:
        """Cancel every job of this connection and wait until each has ended."""
        tasks = [job.task for job in self._jobs.values() if job.task is not None]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        if self._late_answers:
            await asyncio.gather(*self._late_answers, return_exceptions=True)

    def _finish(self, job: _Job) -> None:
        if job.finished:
            return
        job.finished = True
        self._jobs.pop(job.request_id, None)
        self._slots.release()

    def _after(self, job: _Job) -> None:
        # A task cancelled before its first step never runs its body (nor its finally block):
        # answer for it here, so the one-terminal-message rule holds structurally.
        self._finish(job)
        if not job.answered:
            job.answered = True
            answer = asyncio.ensure_future(
                self._send_quietly(_error(job.request_id, ErrorCode.CANCELLED))
            )
            self._late_answers.add(answer)
            answer.add_done_callback(self._late_answers.discard)

    async def _send_quietly(self, message: AgentMessage) -> None:
        with contextlib.suppress(Exception):
            await self._send(message)

    async def _run(self, job: _Job, request: Analyze) -> None:
        async def emit(message: Message) -> None:
            # Nothing about a job may follow its terminal message.
            if not job.answered:
                await self._send(message)  # type: ignore[arg-type]

        terminal: AgentMessage = _error(request.id, ErrorCode.INTERNAL_ERROR)
        try:
            summary = await self._runner(request, emit)
            terminal = Done(id=request.id, summary=summary)
        except asyncio.CancelledError:
            terminal = _error(request.id, ErrorCode.CANCELLED)
            # Not re-raised: the task ends normally once its answer is sent (close() waits).
        except LinkLensError as exc:
            terminal = _error(request.id, exc.code, exc.message)
        except Exception:
            logger.exception("job failed")
        finally:
            job.answered = True
            self._finish(job)
            await self._send_quietly(terminal)
