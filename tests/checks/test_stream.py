"""The end of an analysis without a browser (finish_analysis): report first, then link_updates with progress, then summary."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, cast

import pytest
from aiohttp import web

from agent import pipeline
from agent.checks.stream import FLUSH_SIZE
from agent.errors import ScanError
from agent.job import JobContext
from agent.net.address_policy import AddressPolicy
from agent.net.resolver import HostResolver
from agent.pipeline import finish_analysis
from agent.render.browser_pool import BrowserPool
from protocol import (
    AnalyzeOptions,
    ErrorCode,
    Flag,
    Link,
    LinkUpdates,
    Message,
    Progress,
    Report,
    ReportMessage,
    decode_agent_message,
    encode,
)
from tests.harness.check_sites import Server, forever, quality_config

ServeFn = Callable[..., Awaitable[Server]]


async def _ok(request: web.Request) -> web.Response:
    return web.Response(text="<title>Fine</title>", content_type="text/html")


async def _missing(request: web.Request) -> web.Response:
    return web.Response(status=404)


class Recorder:
    """Keeps each message as it was when sent (encoded then, like the server does)."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def __call__(self, message: Message) -> None:
        self.messages.append(decode_agent_message(encode(message)))


async def _job(page_url: str, emit: Recorder, *, check: bool = True, **config: Any) -> JobContext:
    cfg = quality_config(**config)
    resolver = HostResolver(cfg)
    policy = await AddressPolicy.for_page(page_url, cfg, resolver)
    return JobContext(
        request_id="job-1", url=page_url, options=AnalyzeOptions(check=check), config=cfg,
        resolver=resolver, policy=policy,
        browser=cast(BrowserPool, None),  # no cloaking here: the browser is never touched
        emit=emit,
    )


def _links(server: Server, paths: list[str]) -> list[Link]:
    return [
        Link(id=i, href=f"http://other.test:{server.port}{path}", text=f"link {i}",
             views=["rendered"])
        for i, path in enumerate(paths)
    ]


async def test_report_then_updates_then_summary(serve: ServeFn) -> None:
    """`report` (health null) comes first; updates carry health and rescored verdicts."""
    server = await serve("127.0.0.3", {"/ok": _ok, "/missing": _missing})
    page = f"http://page.test:{server.port}/"
    report = Report(url=page, links=_links(server, ["/ok", "/missing"]))
    report.links.append(Link(id=2, href="mailto:a@b.test", text="mail", crawlable=False))
    emit = Recorder()
    summary = await finish_analysis(report, await _job(page, emit))

    kinds = [type(m).__name__ for m in emit.messages]
    assert kinds.index("ReportMessage") < kinds.index("LinkUpdates")
    sent = next(m for m in emit.messages if isinstance(m, ReportMessage)).report
    assert sent.links[0].health is None
    updates = {u.link_id: u for m in emit.messages if isinstance(m, LinkUpdates) for u in m.updates}
    assert set(updates) == {0, 1}
    assert updates[0].health == "ok"
    assert updates[1].health == "broken"
    assert updates[1].verdict == "dofollow"  # broken is never suspicious
    progress = [m for m in emit.messages if isinstance(m, Progress) and m.stage == "check"]
    assert progress[-1].done == progress[-1].total == 2
    assert summary.broken == 1
    assert summary.suspicious == 0


async def test_static_flags_and_scores_are_in_the_report(serve: ServeFn) -> None:
    """A hidden external dofollow link is suspicious in the first report; its update keeps it so."""
    server = await serve("127.0.0.3", {"/ok": _ok})
    page = f"http://page.test:{server.port}/"
    hidden = Link(id=0, href=f"http://other.test:{server.port}/ok", text="cheap pills",
                  visible=False, hidden_reason="same_colour", views=["rendered"])
    report = Report(url=page, links=[hidden])
    emit = Recorder()
    summary = await finish_analysis(report, await _job(page, emit))
    sent = next(m for m in emit.messages if isinstance(m, ReportMessage)).report
    assert sent.links[0].verdict == "suspicious"
    assert sent.links[0].flags[0].code == "hidden"
    assert sent.risk > 0
    assert any(f.code == "hidden_links" for f in sent.flags)
    update = next(m for m in emit.messages if isinstance(m, LinkUpdates)).updates[0]
    assert update.verdict == "suspicious"
    assert update.flags[0].code == "hidden"
    assert summary.suspicious == 1


async def test_classification_flags_are_kept(serve: ServeFn) -> None:
    """A flag from classification (rel_changed_by_js) survives flags and checks."""
    page = "http://page.test:1/"
    link = Link(id=0, href="mailto:x@y.test", text="x", crawlable=False,
                flags=[Flag("rel_changed_by_js", "warning", "JS changed rel.")])
    report = Report(url=page, links=[link])
    await finish_analysis(report, await _job(page, Recorder(), check=False))
    assert [f.code for f in report.links[0].flags] == ["rel_changed_by_js"]


async def test_no_check_sends_no_updates(serve: ServeFn) -> None:
    """With options.check false, nothing is requested and no link_updates are sent."""
    server = await serve("127.0.0.3", {"/ok": _ok})
    page = f"http://page.test:{server.port}/"
    emit = Recorder()
    await finish_analysis(Report(url=page, links=_links(server, ["/ok"])),
                        await _job(page, emit, check=False))
    assert not any(isinstance(m, LinkUpdates) for m in emit.messages)
    assert server.hits == []


async def test_updates_are_batched(serve: ServeFn) -> None:
    """120 quick results arrive in batches of at most FLUSH_SIZE, each followed by progress."""
    async def image(request: web.Request) -> web.Response:
        return web.Response(body=b"x", content_type="image/png")

    server = await serve("127.0.0.3", {}, any_path=image)
    page = f"http://page.test:{server.port}/"
    emit = Recorder()
    await finish_analysis(Report(url=page, links=_links(server, [f"/{i}" for i in range(120)])),
                        await _job(page, emit))
    batches = [m for m in emit.messages if isinstance(m, LinkUpdates)]
    assert 2 <= len(batches) < 120
    assert all(len(b.updates) <= FLUSH_SIZE for b in batches)
    assert sum(len(b.updates) for b in batches) == 120
    for i, message in enumerate(emit.messages):
        if isinstance(message, LinkUpdates):
            follow = emit.messages[i + 1]
            assert isinstance(follow, Progress)
            assert follow.stage == "check"


async def test_budget_leaves_health_null_with_not_checked(serve: ServeFn) -> None:
    """Links unfinished when the budget runs out keep health null and say why."""
    server = await serve("127.0.0.3", {}, any_path=forever)
    page = f"http://page.test:{server.port}/"
    report = Report(url=page, links=_links(server, [f"/{i}" for i in range(6)]))
    started = time.monotonic()
    await finish_analysis(report, await _job(page, Recorder(), check_timeout_s=5.0,
                                           check_budget_s=0.5))
    assert time.monotonic() - started < 1.5
    for link in report.links:
        assert link.health is None
        assert [f.code for f in link.flags] == ["not_checked"]
        assert "budget" in link.flags[0].message


async def test_cancellation_stops_checks_promptly(serve: ServeFn) -> None:
    """Cancelling finish_analysis during checks ends at once; the server sees its requests end."""
    server = await serve("127.0.0.3", {}, any_path=forever)
    page = f"http://page.test:{server.port}/"
    report = Report(url=page, links=_links(server, [f"/{i}" for i in range(10)]))
    task = asyncio.create_task(finish_analysis(report, await _job(page, Recorder(),
                                                                check_timeout_s=30.0)))
    # Waits are polled, not slept: on a loaded machine the first request can take a while.
    await _eventually(lambda: server.active > 0)
    task.cancel()
    started = time.monotonic()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert time.monotonic() - started < 2.0  # each request would otherwise last 30 s
    await _eventually(lambda: server.active == 0)


async def _eventually(condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
    """Wait until the condition holds (fail after timeout_s)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "condition never held"
        await asyncio.sleep(0.02)


async def test_second_scan_of_the_same_page_is_all_cache_hits(serve: ServeFn) -> None:
    """With the cache on, assessing the same page again sends no request and is quick."""
    server = await serve("127.0.0.3", {"/ok": _ok, "/missing": _missing})
    page = f"http://page.test:{server.port}/"

    async def scan() -> list[str | None]:
        report = Report(url=page, links=_links(server, ["/ok", "/missing"]))
        await finish_analysis(report, await _job(page, Recorder(), use_cache=True))
        return [link.health for link in report.links]

    assert await scan() == ["ok", "broken"]
    first_hits = len(server.hits)
    started = time.monotonic()
    assert await scan() == ["ok", "broken"]
    assert time.monotonic() - started < 1.0
    assert first_hits > 0
    assert len(server.hits) == first_hits


async def test_a_failed_googlebot_render_is_said_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the cloaking render fails, the report still comes and a page flag says why."""
    async def failing_render(*args: Any, **kwargs: Any) -> None:
        raise ScanError(ErrorCode.RENDER_TIMEOUT)

    monkeypatch.setattr(pipeline, "render_page", failing_render)
    page = "http://page.test:9/"
    emit = Recorder()
    job = await _job(page, emit, check=False)
    job.options.cloaking = True
    await finish_analysis(Report(url=page, links=[]), job)
    sent = next(m for m in emit.messages if isinstance(m, ReportMessage)).report
    flags = [f for f in sent.flags if f.code == "cloaking_unavailable"]
    assert len(flags) == 1
    assert "did not load in time" in flags[0].message
    assert not any(link.flags for link in sent.links)


async def test_cloaking_renders_keep_the_jobs_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    """A request's timeout_s bounds the Googlebot renders too, not only the first render."""
    deadlines: list[float] = []

    async def recording_render(*args: Any, deadline_s: float, **kwargs: Any) -> None:
        deadlines.append(deadline_s)
        raise ScanError(ErrorCode.RENDER_TIMEOUT)

    monkeypatch.setattr(pipeline, "render_page", recording_render)
    page = "http://page.test:9/"
    job = await _job(page, Recorder(), check=False, render_deadline_s=30.0)
    job.options.cloaking = True
    job.options.timeout_s = 4.0
    await finish_analysis(Report(url=page, links=[]), job)
    assert deadlines
    assert set(deadlines) == {4.0}
