"""`linklens audit --cluster` against the audit tests' local sites: the same report as a local
audit (recommendations, relevance from target pages read on the workers, a failing page)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent.config import Config
from tests.audit.conftest import HOSTS, PUBLIC_RANGE, SiteFactory, run_cli, sites
from tests.audit.test_audit_sites import _world

__all__ = ["sites"]  # the audit tests' site fixture, used here

# A LocalCluster start and two Chromiums a test: slow on a shared, loaded machine.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(400)]


@pytest.fixture
def audit_config(chromium_executable: str) -> Config:
    """The audit tests' small config (named hosts through host_map)."""
    return Config(
        chromium=chromium_executable, render_deadline_s=20.0, network_idle_s=0.3,
        scroll_rounds=1, check_timeout_s=2.0, check_budget_s=10.0, simulated_public=PUBLIC_RANGE,
        host_map=dict(HOSTS), port=47997, use_cache=False,
    )  # fmt: skip


def _comparable(out: str) -> dict[str, object]:
    report = json.loads(out)
    report.pop("generated_at")
    return dict(report)


async def test_cluster_audit_report_is_identical_to_a_local_audit(
    sites: SiteFactory, audit_config: Config, shared_cluster: str,
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    """Six source pages on four sites: the audit run on two workers prints the local report."""
    urls = await _world(sites)
    listing = tmp_path / "links.csv"
    listing.write_text("Referring page URL,Target URL\n" + "".join(
        f"{urls[key]},{urls['target']}\n" for key in ("good", "nofollow", "hidden", "anchor", "off", "down")
    ))  # fmt: skip
    argv = ("audit", str(listing), "--mine", "mysite.test", "--json")
    local = await run_cli(audit_config, *argv, "--jobs", "3")
    assert local.code == 0, local.err

    monkeypatch.setenv("LINKLENS_HOME", str(tmp_path / "cluster-home"))
    remote = await run_cli(audit_config, *argv, "--cluster", shared_cluster)
    assert remote.code == 0, remote.err
    expected = _comparable(local.out)
    assert _comparable(remote.out) == expected
    pages = expected["pages"]
    assert isinstance(pages, list)
    assert len(pages) == 6
    assert [page["state"] for page in pages].count("failed") == 1  # the 500 page, tried twice
