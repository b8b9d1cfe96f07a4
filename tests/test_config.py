"""Settings: defaults (docs/DESIGN.md §2.5), config.toml, LINKLENS_* overrides, errors, paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.config import Config, ConfigError, load_config, paths
from protocol import CHROME_EXTENSION_ID, DEFAULT_PORT


def test_defaults_are_the_design_limits() -> None:
    """The defaults are the numbers of docs/DESIGN.md §2.5 and the extension's fixed origin."""
    config = Config()
    assert config.host == "127.0.0.1"
    assert config.port == DEFAULT_PORT == 47113
    assert config.allowed_origins == (f"chrome-extension://{CHROME_EXTENSION_ID}",)
    assert config.max_message_bytes == 16 * 1024 * 1024
    assert config.max_links == 50_000
    assert config.render_deadline_s == 30.0
    assert config.check_budget_s == 60.0
    assert config.check_timeout_s == 10.0
    assert (config.per_host_connections, config.total_connections) == (6, 64)
    assert config.max_redirects == 8
    assert (config.jobs_per_connection, config.jobs_total) == (4, 16)
    assert config.hello_timeout_s == 5.0


def test_missing_file_and_no_environment_give_defaults(tmp_path: Path) -> None:
    """No config.toml and no LINKLENS_* variables → Config()."""
    assert load_config(tmp_path / "none.toml", environ={}) == Config()


def test_toml_then_environment(tmp_path: Path) -> None:
    """config.toml overrides defaults; LINKLENS_* overrides the file."""
    path = tmp_path / "config.toml"
    path.write_text(
        'port = 50000\nallowed_origins = ["chrome-extension://abc"]\nhello_timeout_s = 2\n'
        'host_map = { "shop.test" = "127.0.0.3" }\n'
    )
    config = load_config(path, environ={"LINKLENS_PORT": "50001", "OTHER": "x"})
    assert config.port == 50001
    assert config.allowed_origins == ("chrome-extension://abc",)
    assert config.hello_timeout_s == 2.0
    assert config.host_map == {"shop.test": "127.0.0.3"}


def test_environment_lists_bools_and_maps(tmp_path: Path) -> None:
    """Lists take commas, booleans yes/no words, host_map name=ip pairs."""
    environ = {
        "LINKLENS_ALLOWED_ORIGINS": "chrome-extension://a, chrome-extension://b",
        "LINKLENS_ALLOW_FIREFOX_ORIGINS": "no",
        "LINKLENS_HOST_MAP": "shop.test=127.0.0.3,*.example.com=127.0.0.4",
        "LINKLENS_CHROMIUM": "/opt/chromium",
    }
    config = load_config(tmp_path / "none.toml", environ=environ)
    assert config.allowed_origins == ("chrome-extension://a", "chrome-extension://b")
    assert config.allow_firefox_origins is False
    assert config.host_map == {"shop.test": "127.0.0.3", "*.example.com": "127.0.0.4"}
    assert config.chromium == "/opt/chromium"


@pytest.mark.parametrize(
    "content",
    [
        "port = ", "nope = 1", 'port = "many"', "allowed_origins = 5", "use_cache = 3",
        "port = 70000", "port = -1", "render_deadline_s = -3", "check_timeout_s = 0",
        "max_links = 0", "hello_timeout_s = inf", "check_budget_s = nan",
        'host_map = {"a.test" = "not-an-ip"}', 'simulated_public = ["127.0.0.300/8"]',
    ],
)
def test_bad_config_files_raise_config_error(tmp_path: Path, content: str) -> None:
    """Broken TOML, unknown keys and wrong kinds → ConfigError naming the file."""
    path = tmp_path / "config.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=r"config\.toml"):
        load_config(path, environ={})


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("LINKLENS_PORT", "eighty"),
        ("LINKLENS_USE_CACHE", "maybe"),
        ("LINKLENS_HELLO_TIMEOUT_S", "x"),
        ("LINKLENS_PORT", "70000"),
        ("LINKLENS_HELLO_TIMEOUT_S", "-1"),
        ("LINKLENS_RENDER_DEADLINE_S", "inf"),
        ("LINKLENS_JOBS_TOTAL", "0"),
    ],
)
def test_bad_environment_values_raise_config_error(tmp_path: Path, name: str, value: str) -> None:
    """A LINKLENS_* variable of the wrong kind → ConfigError naming the variable."""
    with pytest.raises(ConfigError, match=name):
        load_config(tmp_path / "none.toml", environ={name: value})


def test_zero_is_allowed_where_it_means_something(tmp_path: Path) -> None:
    """No auth delay, no cache lifetime, no scrolling and port 0 (any free port) are valid."""
    environ = {
        "LINKLENS_AUTH_FAILURE_DELAY_S": "0", "LINKLENS_CACHE_TTL_S": "0",
        "LINKLENS_SCROLL_ROUNDS": "0", "LINKLENS_PORT": "0",
    }
    config = load_config(tmp_path / "none.toml", environ=environ)
    assert (config.auth_failure_delay_s, config.cache_ttl_s, config.scroll_rounds, config.port) == (
        0.0, 0.0, 0, 0
    )


def test_paths_follow_linklens_home(linklens_home: Path) -> None:
    """LINKLENS_HOME puts config, cache and data under one folder; the token is in config."""
    where = paths()
    assert where.config_dir == linklens_home / "config"
    assert where.cache_dir == linklens_home / "cache"
    assert where.data_dir == linklens_home / "data"
    assert where.token_file == linklens_home / "config" / "token"
    assert where.config_file == linklens_home / "config" / "config.toml"
