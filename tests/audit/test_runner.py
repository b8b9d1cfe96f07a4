"""`run_audit`'s retry and failure rules without a browser (the page job replaced)."""

from __future__ import annotations

from typing import Any

import pytest

from agent.audit import runner
from agent.audit.model import PageAudit
from agent.audit.store import AuditStore
from agent.config import Config, paths
from agent.errors import LinkLensError
from agent.store.database import open_store
from agent.watch.backlink_files import read_backlink_text
from protocol import ErrorCode

ROWS = read_backlink_text("https://a.example/1\nhttps://b.example/2\nhttps://c.example/3\n").rows


async def test_a_page_is_retried_once_and_an_odd_error_fails_only_that_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """a: fails then works (2 attempts, done); b: a render error twice (failed, its message);
    c: an unexpected exception twice (failed, named) — and the audit goes on."""
    calls: list[str] = []

    async def fake_audit_page(page: PageAudit, **_: Any) -> PageAudit:
        calls.append(page.source_url)
        if page.source_url.endswith("/1") and calls.count(page.source_url) == 1:
            raise LinkLensError(ErrorCode.RENDER_TIMEOUT, "The page took too long.")
        if page.source_url.endswith("/2"):
            raise LinkLensError(ErrorCode.UNREACHABLE, "The page could not be reached.")
        if page.source_url.endswith("/3"):
            raise RuntimeError("renderer crashed")
        page.status = 200
        return page

    monkeypatch.setattr(runner, "audit_page", fake_audit_page)
    store = AuditStore(open_store(paths().history_db))
    outcome = await runner.run_audit(store, ROWS, input_name="x", mine=["me.example"], config=Config(),
                                     browser=None, topic="anything")  # type: ignore[arg-type]  # fmt: skip
    pages = {p.source_url: p for p in outcome.report.pages}
    assert (pages["https://a.example/1"].state, pages["https://a.example/1"].attempts) == ("done", 2)
    assert (pages["https://b.example/2"].state, pages["https://b.example/2"].error) == ("failed", "The page could not be reached.")
    assert pages["https://c.example/3"].state == "failed"
    assert "RuntimeError: renderer crashed" in (pages["https://c.example/3"].error or "")
    assert sorted(calls) == sorted(["https://a.example/1"] * 2 + ["https://b.example/2"] * 2 + ["https://c.example/3"] * 2)

    calls.clear()
    again = await runner.run_audit(store, ROWS, input_name="x", mine=["me.example"], config=Config(),
                                   browser=None, topic="anything")  # type: ignore[arg-type]  # fmt: skip
    assert calls == []  # failed twice is final in this audit; --fresh starts over
    assert again.report.summary["pages_failed"] == 2
    store.store.close()


async def test_a_missing_browser_stops_the_audit(monkeypatch: pytest.MonkeyPatch) -> None:
    """No Chromium: nothing can run, so the error is raised rather than stored per page."""

    async def no_browser(page: PageAudit, **_: Any) -> PageAudit:
        raise LinkLensError(ErrorCode.BROWSER_UNAVAILABLE)

    monkeypatch.setattr(runner, "audit_page", no_browser)
    store = AuditStore(open_store(paths().history_db))
    with pytest.raises(LinkLensError):
        await runner.run_audit(store, ROWS, input_name="x", mine=["me.example"], config=Config(),
                               browser=None, topic="t")  # type: ignore[arg-type]  # fmt: skip
    assert store.pages(1) == {}
    store.store.close()
