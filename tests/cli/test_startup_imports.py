"""What each command imports at start-up: only what it uses (measured in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

# The link checker's stack: aiohttp (with its TLS setup), the status cache's sqlite3.
CHECK_STACK = ("aiohttp", "sqlite3", "agent.checks.link_check", "agent.checks.status_cache", "agent.checks.policy_resolver")


def _modules_after(code: str) -> set[str]:
    """The names in sys.modules after running `code` in a new interpreter."""
    script = textwrap.dedent(code) + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_scan_without_checks_imports_no_aiohttp() -> None:
    """`linklens scan --no-check`: the CLI, the scan command, Chromium's launch switches and the
    whole engine load without aiohttp, sqlite3 or the link checker."""
    modules = _modules_after(
        """
        import agent.cli.commands, agent.cli.scan
        from agent.render.browser_pool import BrowserPool
        from agent.config import Config
        BrowserPool(Config(host_map={"a.test": "127.0.0.3"})).launch_args()
        import agent.pipeline
        """
    )
    assert "agent.pipeline" in modules
    assert _loaded(modules, CHECK_STACK) == []


def test_link_checks_still_load_their_stack() -> None:
    """The checker is imported when checks run, and brings its resolver with it."""
    modules = _modules_after("import agent.checks.link_check")
    assert {"aiohttp", "agent.checks.policy_resolver"} <= modules


def test_cli_starts_without_the_event_loop_or_metadata() -> None:
    """`linklens --version`, `token`, `paths`: no asyncio, no importlib.metadata until asked for."""
    modules = _modules_after("import agent.cli.commands; agent.cli.commands.build_parser()")
    assert _loaded(modules, ("asyncio", "importlib.metadata", "playwright", "aiohttp")) == []
