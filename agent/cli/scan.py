"""`linklens scan URL`: run one analysis in this process and print the merged Report.

Progress goes to stderr (a rich progress bar on a terminal, plain lines otherwise); stdout gets
only the Report (table, JSON or CSV), so `linklens scan --json URL > report.json` works. Link
check results (`link_updates`) are merged into the Report the same way the extension merges
them: the fields of a LinkUpdate overwrite those of its Link. Failure is a non-zero exit and one
line on stderr saying why — never a traceback.
"""

from __future__ import annotations

__all__ = [
    "EXIT_BROWSER",
    "EXIT_FAILED",
    "EXIT_INTERNAL",
    "EXIT_REFUSED",
    "ReportCollector",
    "main",
    "run_command",
    "scan_and_print",
]

import argparse
import asyncio
import contextlib
import gc
import os
import signal
import sys
import time
import traceback
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TextIO

from agent.cli.output import TABLE_ROWS, print_report
from agent.config import Config
from agent.errors import LinkLensError, TargetRefused
from protocol import (
    Analyze,
    AnalyzeOptions,
    ErrorCode,
    LinkUpdate,
    LinkUpdates,
    Message,
    Report,
    ReportMessage,
    Summary,
    apply_updates,
)
from protocol import Progress as ProgressMessage

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

EXIT_FAILED = 1  # the page could not be analysed (unreachable, timeout, not HTML...)
EXIT_REFUSED = 2  # the address is not one the agent analyses
EXIT_BROWSER = 3  # no usable Chromium
EXIT_INTERNAL = 4  # a bug: the one line says where to look

_STAGE_WORDS = {
    "render": "rendering the page",
    "extract": "reading the links",
    "check": "checking links",
    "cloaking": "rendering as Googlebot",
}


class _StderrProgress:
    """Progress on stderr: a bar on a terminal, one plain line per stage otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._bar: Progress | None = None
        self._tasks: dict[str, TaskID] = {}
        self._last_stage: str | None = None
        self._last_line = 0.0
        if stream.isatty():
            # rich only for a terminal: imported here, it costs nothing to `--json > file`.
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(file=stream),
                transient=True,
            )
            self._bar.start()

    def update(self, message: ProgressMessage) -> None:
        words = _STAGE_WORDS.get(message.stage, message.stage)
        if self._bar is not None:
            task = self._tasks.get(message.stage)
            if task is None:
                task = self._bar.add_task(words, total=message.total or None)
                self._tasks[message.stage] = task
            self._bar.update(task, completed=message.done, total=message.total or None)
            return
        now = time.monotonic()
        counts = f" {message.done}/{message.total}" if message.total > 1 else ""
        # Plain lines: each stage once, then at most one count line a second.
        if message.stage != self._last_stage or (counts and now - self._last_line >= 1.0):
            self._stream.write(f"linklens: {words}{counts}\n")
            self._stream.flush()
            self._last_stage = message.stage
            self._last_line = now

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


class ReportCollector:
    """An `emit` for run_analysis that keeps the Report and merges link updates into it."""

    def __init__(self, progress: _StderrProgress | None = None) -> None:
        self.report: Report | None = None
        self._progress = progress
        self._early: list[LinkUpdate] = []

    async def __call__(self, message: Message) -> None:
        if isinstance(message, ReportMessage):
            self.report = message.report
            apply_updates(self.report, self._early)
            self._early.clear()
        elif isinstance(message, LinkUpdates):
            if self.report is None:
                self._early.extend(message.updates)
            else:
                apply_updates(self.report, message.updates)
        elif isinstance(message, ProgressMessage) and self._progress is not None:
            self._progress.update(message)


_Analyse = Callable[..., Awaitable[Summary]]


def _load_engine() -> _Analyse:
    from agent.pipeline import run_analysis

    return run_analysis


def _config_for(args: argparse.Namespace, config: Config) -> Config:
    timeout = getattr(args, "timeout", None)
    if timeout is not None and timeout > config.render_deadline_s:
        # The person asked for a longer deadline on the command line: that is the cap now.
        return config.with_overrides(render_deadline_s=float(timeout))
    return config


async def _scan(args: argparse.Namespace, config: Config, out: TextIO, err: TextIO) -> int:
    request = Analyze(
        id="cli",
        url=args.url,
        options=AnalyzeOptions(
            check=bool(getattr(args, "check", True)),
            cloaking=bool(getattr(args, "cloaking", False)),
            timeout_s=getattr(args, "timeout", None),
            mine=list(getattr(args, "mine", None) or []),
        ),
    )
    from agent.render.browser_pool import BrowserPool

    progress = _StderrProgress(err)
    collector = ReportCollector(progress)
    pool = BrowserPool(config)
    # Chromium and the Playwright driver start while the rest of the engine is imported in a
    # thread: the two overlap (a few hundred ms of a command that lasts about two seconds).
    launching = asyncio.ensure_future(pool.browser())
    closing: asyncio.Future[None] | None = None
    try:
        analyse = await asyncio.to_thread(_load_engine)
        # One analysis per process: the ~200k objects the imports made live until exit, so the
        # garbage collector need not walk them again on every collection while links pile up.
        gc.freeze()
        with contextlib.suppress(LinkLensError):
            # A launch failure is reported by the analysis itself, after the URL checks.
            await launching
        def browser_done() -> None:
            # Chromium and the driver close (round trips, waiting for processes to exit) while
            # the links are classified and the report is written, both in worker threads: the
            # command ends when both are done.
            nonlocal closing
            if closing is None:
                closing = asyncio.ensure_future(pool.close())

        summary = await analyse(
            request, config=config, browser=pool, emit=collector, browser_done=browser_done
        )
        progress.stop()
        report = collector.report
        if report is None:
            raise LinkLensError(ErrorCode.INTERNAL_ERROR, "The analysis ended without a report.")
        report.summary = summary
        browser_done()  # a cloaking render needed it until now
        await asyncio.to_thread(
            _print,
            report,
            getattr(args, "format", "table") or "table",
            out,
            getattr(args, "max_rows", TABLE_ROWS),
        )
    finally:
        if not launching.done():
            launching.cancel()
        progress.stop()
        await (closing if closing is not None else pool.close())
    return 0


def _print(report: Report, fmt: str, out: TextIO, max_rows: int) -> None:
    try:
        print_report(report, fmt, stream=out, max_rows=max_rows)
    except BrokenPipeError:
        # The reader left (`linklens scan --json URL | head`): what it read was what it wanted.
        # Later writes and the final flush at exit must not fail again.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, out.fileno())


def main(args: argparse.Namespace, config: Config) -> int:
    """Run `linklens scan`; return the exit status."""
    return run_command(args, _config_for(args, config), out=sys.stdout, err=sys.stderr)


def run_command(args: argparse.Namespace, config: Config, *, out: TextIO, err: TextIO) -> int:
    """`main` with explicit streams (tests)."""
    try:
        return asyncio.run(_interruptible(args, config, out=out, err=err))
    except KeyboardInterrupt:
        err.write("linklens scan: interrupted\n")
        err.flush()
        return 130


class _Interrupted:
    """Set when Ctrl+C arrived: whatever fails after it failed because of it."""

    def __init__(self) -> None:
        self.flag = False


async def _interruptible(
    args: argparse.Namespace, config: Config, *, out: TextIO, err: TextIO
) -> int:
    """`scan_and_print` where Ctrl+C cancels the scan and becomes KeyboardInterrupt.

    Ctrl+C in a terminal signals the whole process group: the Playwright driver dies at the same
    moment, so the scan may fail with "browser stopped" or "timeout" before its cancellation is
    delivered. Such failures are the interruption, reported as one line by `run_command`.
    """
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(_quiet_exception_handler)
    task = asyncio.current_task()
    interrupted = _Interrupted()

    def on_sigint() -> None:
        interrupted.flag = True
        if task is not None:
            task.cancel()

    # Windows and non-main threads have no add_signal_handler: there Ctrl+C still arrives as
    # KeyboardInterrupt, which main() turns into the same one line and exit 130.
    with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
        loop.add_signal_handler(signal.SIGINT, on_sigint)
    try:
        code = await scan_and_print(args, config, out=out, err=err, interrupted=interrupted)
    except asyncio.CancelledError:
        if interrupted.flag:
            raise KeyboardInterrupt from None
        raise
    if interrupted.flag:
        raise KeyboardInterrupt
    return code


def _quiet_exception_handler(loop: asyncio.AbstractEventLoop, context: dict[str, object]) -> None:
    # The driver's "connection closed" future, left unread when the scan was cancelled (Ctrl+C
    # kills the driver too), is not worth a traceback on the person's terminal.
    exc = context.get("exception")
    if isinstance(exc, Exception) and "connection closed" in str(exc).lower():
        return
    loop.default_exception_handler(context)


async def scan_and_print(
    args: argparse.Namespace,
    config: Config,
    *,
    out: TextIO,
    err: TextIO,
    interrupted: _Interrupted | None = None,
) -> int:
    """Scan, print the report, return the exit status; failures are one line on `err`."""
    try:
        return await _scan(args, config, out, err)
    except Exception as exc:
        if interrupted is not None and interrupted.flag:
            raise KeyboardInterrupt from None
        return _failure(exc, err)


def _failure(exc: Exception, err: TextIO) -> int:
    """The exit status for `exc`, and one line on `err` saying why."""
    if isinstance(exc, LinkLensError):
        err.write(f"linklens scan: {exc.message}\n")
        if exc.code == ErrorCode.BROWSER_UNAVAILABLE:
            return EXIT_BROWSER
        if isinstance(exc, TargetRefused):
            return EXIT_REFUSED
        return EXIT_FAILED
    else:
        # One line, never a traceback, unless the person asks for it.
        if os.environ.get("LINKLENS_DEBUG"):
            traceback.print_exception(exc, file=err)
        err.write(
            f"linklens scan: unexpected error ({type(exc).__name__}); "
            "run with LINKLENS_DEBUG=1 for details\n"
        )
        return EXIT_INTERNAL
