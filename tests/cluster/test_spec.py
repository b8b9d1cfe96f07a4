"""`--cluster` parsing, the config that travels to workers (never the token), the missing extra."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from agent.cluster.spec import (
    EXTRA_HINT,
    ClusterError,
    ClusterSpec,
    parse_cluster,
    require_distributed,
)
from agent.config import Config, paths
from tests.cluster.conftest import run_watch


def test_parse_cluster_reads_schedulers_and_local_workers() -> None:
    """tcp://HOST:PORT names a scheduler; local:N a number of local worker processes."""
    assert parse_cluster("tcp://10.0.0.5:8786") == ClusterSpec(address="tcp://10.0.0.5:8786")
    assert parse_cluster("tls://sched.example:8786").address == "tls://sched.example:8786"
    assert parse_cluster("local:4") == ClusterSpec(local_workers=4)
    for bad in ("local:0", "local:x", "local:65", "http://h:8786", "tcp://", "8786", ""):
        with pytest.raises(ValueError, match=r"local:N|scheduler"):
            parse_cluster(bad)


def test_config_travels_as_msgspec_bytes_without_the_token() -> None:
    """The plugin carries the Config as msgspec bytes, decoded field for field; no pairing token
    is in what Dask pickles to the workers, and Config has no field that could hold one."""
    from distributed.protocol.pickle import dumps

    from agent.cluster.plugin import BrowserPlugin, decode_config, encode_config
    from agent.server.pairing import create_token

    paths().config_dir.mkdir(parents=True, exist_ok=True)
    token = create_token(paths().token_file)
    config = Config(host_map={"site.test": "127.0.0.2"}, simulated_public=("127.0.0.2/31",),
                    per_host_connections=3)  # fmt: skip
    data = encode_config(config)
    assert decode_config(data) == config
    shipped = dumps(BrowserPlugin(data))
    assert token.encode() not in shipped
    assert token.encode() not in data
    assert not [name for name in Config.__struct_fields__ if "token" in name or "secret" in name]


def test_the_plugin_pickles_only_its_settings() -> None:
    """A plugin that was set up (live pool, loop) still pickles to its settings alone."""
    import pickle

    from agent.cluster.plugin import BrowserPlugin, encode_config

    plugin = BrowserPlugin(encode_config(Config()))
    plugin.loop = object()  # type: ignore[assignment]
    again = pickle.loads(pickle.dumps(plugin))
    assert again.config_bytes == plugin.config_bytes
    assert again.loop is None
    assert again.pool is None


async def test_missing_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without `distributed`, `watch check --cluster` prints one line naming the extra, exit 1."""
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` now fails
    with pytest.raises(ClusterError, match="linklens\\[cluster\\]"):
        require_distributed()
    result = await run_watch(Config(), "check", "--cluster", "local:2")
    assert result.code == 1
    assert result.err == f"linklens watch check: {EXTRA_HINT}\n"
    assert EXTRA_HINT == "--cluster needs the cluster extra: pip install 'linklens[cluster]'"
    assert result.out == ""


async def test_missing_extra_in_audit_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`linklens audit --cluster` without `distributed`: the same one line, exit 1."""
    from tests.audit.conftest import run_cli

    monkeypatch.setitem(sys.modules, "distributed", None)
    listing = tmp_path / "links.txt"
    listing.write_text("https://blog.example/post\n")
    result = await run_cli(Config(), "audit", str(listing), "--mine", "mysite.test", "--cluster", "local:2")
    assert result.code == 1
    assert result.err == f"linklens audit: {EXTRA_HINT}\n"


async def test_missing_extra_in_prospects_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """`linklens prospects --cluster` without `distributed`: the same one line, exit 1, before
    any page is read."""
    from tests.audit.conftest import run_cli

    monkeypatch.setitem(sys.modules, "distributed", None)
    result = await run_cli(Config(), "prospects", "https://blog.example/resources", "--cluster", "local:2")
    assert result.code == 1
    assert result.err == f"linklens prospects: {EXTRA_HINT}\n"
    assert result.out == ""


def test_missing_extra_leaves_every_other_module_and_command_working(tmp_path: Path) -> None:
    """LinkLens without `distributed` (nor `dask`): every module but the two that run on a
    worker imports, and commands that need no cluster run — in a fresh interpreter, since this
    one may have imported the extra already."""
    disavow = tmp_path / "disavow.txt"
    disavow.write_text("# ours\ndomain:spam.example\n", encoding="utf-8")
    program = f"""
import importlib, pkgutil, sys
sys.modules["distributed"] = None
sys.modules["dask"] = None
import agent
worker_side = {{"agent.cluster.plugin", "agent.cluster.tasks"}}
for module in pkgutil.walk_packages(agent.__path__, "agent."):
    if module.name not in worker_side and not module.name.endswith("__main__"):
        importlib.import_module(module.name)
from agent.cli import run
sys.argv = ["linklens", "disavow", "--check", {str(disavow)!r}]
run()
"""
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("valid disavow file\n"), done.stdout
    assert "Traceback" not in done.stderr
