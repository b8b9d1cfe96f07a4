"""Settings: defaults here, then `config.toml` in the config dir, then LINKLENS_* variables.

Every limit and timeout lives here, so tests can set it small. Environment variables are named
after the field in upper case (`LINKLENS_RENDER_DEADLINE_S=2`); list fields take commas
(`LINKLENS_ALLOWED_ORIGINS=chrome-extension://abc,chrome-extension://def`) and `host_map` takes
`name=ip` pairs (`LINKLENS_HOST_MAP=shop.test=127.0.0.3,*.example.com=127.0.0.4`).
"""

from __future__ import annotations

__all__ = ["Config", "ConfigError", "Paths", "load_config", "paths"]

import ipaddress
import math
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from protocol import CHROME_EXTENSION_ID, DEFAULT_PORT

APP_NAME = "linklens"


class ConfigError(Exception):
    """The config file or an environment variable has a value the agent cannot use."""


@dataclass(frozen=True)
class Paths:
    config_dir: Path
    cache_dir: Path
    data_dir: Path

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def token_file(self) -> Path:
        return self.config_dir / "token"

    @property
    def status_cache(self) -> Path:
        return self.cache_dir / "link-status.sqlite3"

    @property
    def history_db(self) -> Path:
        return self.data_dir / "history.sqlite3"


def paths() -> Paths:
    """Where LinkLens keeps its files; LINKLENS_HOME puts all three under one folder (tests)."""
    home = os.environ.get("LINKLENS_HOME")
    if home:
        root = Path(home)
        return Paths(root / "config", root / "cache", root / "data")
    return Paths(
        Path(platformdirs.user_config_dir(APP_NAME)),
        Path(platformdirs.user_cache_dir(APP_NAME)),
        Path(platformdirs.user_data_dir(APP_NAME)),
    )


@dataclass(frozen=True)
class Config:
    # Server
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    allowed_origins: tuple[str, ...] = (f"chrome-extension://{CHROME_EXTENSION_ID}",)
    # Firefox origins are random per install; the token protects the agent there.
    allow_firefox_origins: bool = True

    # Timeouts (seconds)
    hello_timeout_s: float = 5.0
    open_timeout_s: float = 5.0
    send_timeout_s: float = 5.0  # a client whose socket stays full this long is dropped
    render_deadline_s: float = 30.0
    network_idle_s: float = 2.0  # cap on waiting for the network to go quiet after `load`
    check_budget_s: float = 60.0  # all link checks of one job
    check_timeout_s: float = 10.0  # one link
    auth_failure_delay_s: float = 1.0  # slows down token guessing

    # Limits
    max_message_bytes: int = 16 * 1024 * 1024
    max_links: int = 50_000
    max_redirects: int = 8
    per_host_connections: int = 6
    total_connections: int = 64
    jobs_per_connection: int = 4
    jobs_total: int = 16
    max_connections: int = 64  # websocket clients at once
    write_limit_bytes: int = 4 * 1024 * 1024  # a client that never reads is dropped past this
    max_url_length: int = 8192
    max_html_bytes: int = 16 * 1024 * 1024  # raw HTML kept for the raw view; larger is skipped
    check_read_bytes: int = 64 * 1024  # body read for soft-404 detection
    scroll_rounds: int = 8

    # Browser
    chromium: str | None = None  # explicit executable; else found (agent/browser_locator.py)

    # Link checks
    user_agent: str = (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/130.0.0.0 Safari/537.36"
    )
    exclude: tuple[str, ...] = ()  # URL substrings or globs never requested by link checks
    cache_ttl_s: float = 6 * 3600.0
    use_cache: bool = True

    # Backlink monitor (agent/watch/): a watched link is due again this long after its last
    # check; `linklens serve` re-checks due links in the background when no analysis runs.
    watch_interval_s: float = 24 * 3600.0
    watch_background: bool = True
    watch_idle_poll_s: float = 60.0  # how often the background checker looks for due links

    # Testing and the demo: name -> IP mapping used by Chromium (--host-resolver-rules), the link
    # checker's resolver and the address policy alike, so no lookup ever leaves the machine.
    host_map: dict[str, str] = field(default_factory=dict)
    # Addresses (CIDR) treated as public although they are not: lets tests and the demo stand
    # "public" sites on 127.0.0.N while 127.0.0.1 stays private.
    simulated_public: tuple[str, ...] = ()

    def with_overrides(self, **changes: Any) -> Config:
        """A copy with some fields changed (tests, CLI flags)."""
        return replace(self, **changes)


_FIELD_TYPES = {f.name: f.type for f in fields(Config)}


def _coerce(name: str, value: Any, source: str) -> Any:
    kind = str(_FIELD_TYPES[name])
    try:
        if kind.startswith("tuple"):
            if isinstance(value, str):
                return tuple(part.strip() for part in value.split(",") if part.strip())
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return tuple(value)
            raise TypeError
        if kind.startswith("dict"):
            if isinstance(value, str):
                pairs = [p.split("=", 1) for p in value.split(",") if p.strip()]
                return {k.strip(): v.strip() for k, v in pairs}
            if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
                return dict(value)
            raise TypeError
        if kind == "bool":
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.lower() in {"1", "true", "yes", "on", "0", "false", "no", "off"}:
                return value.lower() in {"1", "true", "yes", "on"}
            raise TypeError
        if kind == "int":
            if isinstance(value, bool):
                raise TypeError
            return int(value)
        if kind == "float":
            if isinstance(value, bool):
                raise TypeError
            return float(value)
        if kind.startswith("str"):
            if not isinstance(value, str):
                raise TypeError
            return value or None if "None" in kind else value
    except (TypeError, ValueError):
        pass
    raise ConfigError(f"{source}: {name} has a value of the wrong kind ({value!r})")


# Settings that may be zero (a delay, a cache lifetime, a number of scroll rounds); every other
# duration and count must be positive.
_MAY_BE_ZERO = frozenset({"auth_failure_delay_s", "cache_ttl_s", "scroll_rounds", "network_idle_s"})


def _check_range(name: str, value: Any, source: str) -> None:
    """Values of the right kind can still be unusable (port 70000, a negative deadline)."""
    problem = None
    if name == "port":
        if not 0 <= value <= 65535:
            problem = "must be a port number from 0 to 65535"
    elif isinstance(value, float) and not math.isfinite(value):
        problem = "must be a finite number"
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if name in _MAY_BE_ZERO and value < 0:
            problem = "must be zero or more"
        elif name not in _MAY_BE_ZERO and value <= 0:
            problem = "must be more than zero"
    elif name == "host_map":
        for host, ip in value.items():
            try:
                ipaddress.ip_address(ip)
            except ValueError:
                problem = f"maps {host!r} to {ip!r}, which is not an IP address"
    elif name == "simulated_public":
        for network in value:
            try:
                ipaddress.ip_network(network, strict=False)
            except ValueError:
                problem = f"has {network!r}, which is not an address range"
    if problem:
        raise ConfigError(f"{source}: {name} {problem} (got {value!r})")


def load_config(path: Path | None = None, environ: dict[str, str] | None = None) -> Config:
    """Defaults, overlaid by the TOML file (if it exists), overlaid by LINKLENS_* variables."""
    environ = dict(os.environ) if environ is None else environ
    path = paths().config_file if path is None else path
    values: dict[str, Any] = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            raise ConfigError(f"{path}: {exc}") from None
        for key, value in data.items():
            if key not in _FIELD_TYPES:
                raise ConfigError(f"{path}: unknown setting {key!r}")
            values[key] = _coerce(key, value, str(path))
            _check_range(key, values[key], str(path))
    for name in _FIELD_TYPES:
        env_name = f"LINKLENS_{name.upper()}"
        if env_name in environ:
            values[name] = _coerce(name, environ[env_name], env_name)
            _check_range(name, values[name], env_name)
    return Config(**values)
