"""A killed audit continues where it stopped: the same command renders only the pages left,
Ctrl+C exits 130 in one line, and every export format's rows (with paid columns) are planned."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from agent.audit.runner import plan_pages
from agent.config import Config, paths
from agent.watch.backlink_files import read_backlink_file, read_backlink_text
from tests.audit.conftest import Page, Site, SiteFactory, article, run_cli


def _rows_stored() -> int:
    if not paths().history_db.exists():
        return 0
    db = sqlite3.connect(paths().history_db)
    try:
        return int(db.execute("SELECT count(*) FROM audit_page").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # not created yet
    finally:
        db.close()


async def _spawn(config: Config, *argv: str) -> asyncio.subprocess.Process:
    env = dict(os.environ)
    env.update(
        LINKLENS_CHROMIUM=str(config.chromium),
        LINKLENS_SIMULATED_PUBLIC=",".join(config.simulated_public),
        LINKLENS_HOST_MAP=",".join(f"{k}={v}" for k, v in config.host_map.items()),
        LINKLENS_NETWORK_IDLE_S="0.3",
        LINKLENS_RENDER_DEADLINE_S="90",
    )
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "agent", *argv,
        env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def _until(
    condition: Callable[[], bool], process: asyncio.subprocess.Process, timeout_s: float = 90
) -> None:
    """Wait for `condition`; on a timeout, or if the process ended, fail with what it said."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        if process.returncode is not None:
            break
        await asyncio.sleep(0.2)
    if process.returncode is None:
        process.kill()
    _out, err = await process.communicate()
    raise AssertionError(f"gave up waiting; the audit said: {err.decode()[-2000:]}")


@pytest.mark.browser
async def test_a_killed_audit_then_ctrl_c_then_the_same_command_finishes_without_rerendering(
    sites: SiteFactory, config: Config, tmp_path: Path
) -> None:
    """kill -9 after two pages, Ctrl+C during the third: exit 130 and one line; the last run
    renders only the three pages left; no page was rendered twice to completion."""
    site: Site = await sites("goodblog.test")
    for name in ("p1", "p2", "p3", "p4", "p5"):
        site.pages[f"/{name}"] = Page(article("<p>coffee</p><a href='http://mysite.test/'>me</a>"),
                                      delay_s=60.0 if name == "p3" else 0.0)  # fmt: skip
    listing = tmp_path / "links.txt"
    listing.write_text("".join(site.url(f"/{n}") + "\n" for n in ("p1", "p2", "p3", "p4", "p5")))
    argv = ("audit", str(listing), "--mine", "mysite.test", "--jobs", "1", "--topic", "coffee")

    first = await _spawn(config, *argv)
    await _until(lambda: _rows_stored() >= 2, first)
    first.kill()
    await first.wait()
    assert _rows_stored() == 2
    assert site.hits.count("/p1") == 1

    p3_before = site.hits.count("/p3")  # 0 or 1: killed before or while asking for it
    second = await _spawn(config, *argv)
    await _until(lambda: site.hits.count("/p3") > p3_before, second)
    second.send_signal(signal.SIGINT)
    _out, err = await asyncio.wait_for(second.communicate(), timeout=30)
    assert second.returncode == 130, err
    assert "Traceback" not in err.decode()
    assert err.decode().strip().splitlines()[-1].startswith("linklens audit: interrupted")
    assert site.hits.count("/p1") == 1
    assert site.hits.count("/p2") == 1

    site.pages["/p3"].delay_s = 0.0
    result = await run_cli(config, *argv)
    assert result.code == 0, result.err
    assert "audited 5 pages (3 rendered now, 0 failed; continued an earlier run)" in result.out
    assert [site.hits.count(f"/p{i}") for i in (1, 2, 4, 5)] == [1, 1, 1, 1]
    assert site.hits.count("/p3") == p3_before + 2  # the interrupted request, then the finished one


EXPORTS = {
    "search console": ("Linking page,Target page\nhttps://a.example/x,https://me.example/\n", {}),
    "ahrefs": ("Referring page URL\tReferring page title\tDomain rating\tUR\tDomain traffic\tTarget URL\tAnchor\n"
               "https://a.example/x\tX\t45\t12\t1200\thttps://me.example/\tmy anchor\n",
               {"domain_rating": "45", "url_rating": "12", "traffic": "1200"}),
    "semrush": ("Page ascore,Source title,Source url,Target url,Anchor,External links\n"
                "31,X,https://a.example/x,https://me.example/,my anchor,12\n", {"authority_score": "31"}),
    "majestic": ("SourceURL,AnchorText,TargetURL,SourceTrustFlow,SourceCitationFlow\n"
                 "https://a.example/x,my anchor,https://me.example/,22,30\n",
                 {"trust_flow": "22", "citation_flow": "30"}),
    "moz": ("URL,Title,Anchor Text,Target URL,Domain Authority,Page Authority,Spam Score\n"
            "https://a.example/x,X,my anchor,https://me.example/,40,35,2%\n",
            {"domain_authority": "40", "page_authority": "35", "spam_score": "2%"}),
    "plain list": ("# mine\nhttps://a.example/x\n", {}),
}  # fmt: skip


@pytest.mark.parametrize("name", list(EXPORTS))
def test_every_export_format_plans_one_page_with_its_paid_columns(name: str, tmp_path: Path) -> None:
    """Each tool's header row: the source page, its target and anchor, paid columns as given."""
    text, extras = EXPORTS[name]
    path = tmp_path / "export.csv"
    # Ahrefs writes UTF-16 with tabs; the others UTF-8.
    path.write_bytes(text.encode("utf-16" if name == "ahrefs" else "utf-8"))
    pages, skipped = plan_pages(read_backlink_file(path).rows, ["me.example"])
    assert skipped == []
    assert [p.source_url for p in pages] == ["https://a.example/x"]
    assert pages[0].extras == extras
    if name != "plain list":
        assert pages[0].targets == ["https://me.example/"]
        assert pages[0].compare_with == "https://me.example/"


def test_rows_of_one_page_are_planned_once_and_your_own_pages_skipped() -> None:
    """Several targets on one page: one job; a source on your own domain is reported, not audited."""
    text = ("source_url,target\nhttps://a.example/x,https://me.example/a\nhttps://a.example/x,https://me.example/b\n"
            "https://blog.me.example/post,https://me.example/\n")  # fmt: skip
    pages, skipped = plan_pages(read_backlink_text(text).rows, ["me.example"])
    assert len(pages) == 1
    assert pages[0].targets == ["https://me.example/a", "https://me.example/b"]
    assert [s.line for s in skipped] == [4]
    assert "your own domain" in skipped[0].reason
