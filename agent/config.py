"""Settings: defaults here, then `config.toml` in the config dir, then LINKLENS_* variables.

Every limit and timeout lives here, so tests can set it small. Environment variables are named
after the field in upper case (`LINKLENS_RENDER_DEADLINE_S=2`); list fields take commas
(`LINKLENS_ALLOWED_ORIGINS=chrome-extension://abc,chrome-extension://def`) and `host_map` takes
`name=ip` pairs (`LINKLENS_HOST_MAP=shop.test=127.0.0.3,*.example.com=127.0.0.4`).
"""

from __future__ import annotations

__all__ = ["Config", "ConfigError", "Paths", "load_config", "paths"]

import ipaddress
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import msgspec
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


# Kinds with their ranges. Durations are finite (an upper bound rules out inf; NaN fails every
# comparison); a few settings may be zero because zero means something (no delay, no cache
# lifetime, no scrolling, port 0 = any free port).
_FOREVER_S = 10.0**9
Seconds = Annotated[float, msgspec.Meta(gt=0, le=_FOREVER_S)]
SecondsOrZero = Annotated[float, msgspec.Meta(ge=0, le=_FOREVER_S)]
Count = Annotated[int, msgspec.Meta(gt=0)]
CountOrZero = Annotated[int, msgspec.Meta(ge=0)]
Port = Annotated[int, msgspec.Meta(ge=0, le=65535)]


class Config(msgspec.Struct, frozen=True, kw_only=True):
    """Every setting of the agent, with its default. Read by `load_config`, which checks each
    value's kind and range (the annotations above) and names the file or variable at fault."""

    # Server
    host: str = "127.0.0.1"
    port: Port = DEFAULT_PORT
    allowed_origins: tuple[str, ...] = (f"chrome-extension://{CHROME_EXTENSION_ID}",)
    # Firefox origins are random per install; the token protects the agent there.
    allow_firefox_origins: bool = True

    # Timeouts (seconds)
    hello_timeout_s: Seconds = 5.0
    open_timeout_s: Seconds = 5.0
    send_timeout_s: Seconds = 5.0  # a client whose socket stays full this long is dropped
    render_deadline_s: Seconds = 30.0
    network_idle_s: SecondsOrZero = 2.0  # cap on waiting for the network to go quiet after `load`
    check_budget_s: Seconds = 60.0  # all link checks of one job
    check_timeout_s: Seconds = 10.0  # one link
    auth_failure_delay_s: SecondsOrZero = 1.0  # slows down token guessing

    # Limits
    max_message_bytes: Count = 16 * 1024 * 1024
    max_links: Count = 50_000
    max_redirects: Count = 8
    per_host_connections: Count = 6
    total_connections: Count = 64
    jobs_per_connection: Count = 4
    jobs_total: Count = 16
    max_connections: Count = 64  # websocket clients at once
    write_limit_bytes: Count = 4 * 1024 * 1024  # a client that never reads is dropped past this
    max_url_length: Count = 8192
    max_html_bytes: Count = 16 * 1024 * 1024  # raw HTML kept for the raw view; larger is skipped
    check_read_bytes: Count = 64 * 1024  # body read for soft-404 detection
    scroll_rounds: CountOrZero = 8
    # Page time a render lets the page's timers run (its own clock, fast-forwarded; paused while
    # fetches are pending: agent/render/virtual_time.py); 0 waits in real time only.
    virtual_time_budget_s: SecondsOrZero = 5.0

    # Browser
    chromium: str | None = None  # explicit executable; else found (agent/browser_locator.py)

    # Link checks. User-Agent: unset, a desktop Chrome of the launched Chromium's version
    # (agent/render/user_agent.py).
    user_agent: str | None = None
    exclude: tuple[str, ...] = ()  # URL substrings or globs never requested by link checks
    cache_ttl_s: SecondsOrZero = 6 * 3600.0
    use_cache: bool = True

    # Backlink monitor (agent/watch/): a watched link is due again this long after its last
    # check; `linklens serve` re-checks due links in the background when no analysis runs.
    watch_interval_s: Seconds = 24 * 3600.0
    watch_background: bool = True
    watch_idle_poll_s: Seconds = 60.0  # how often the background checker looks for due links

    # Broken-link prospects (agent/audit/): the Internet Archive's availability API asked by
    # `linklens prospects --wayback`, one request per dead URL (tests point it at a stand-in).
    wayback_url: str = "https://archive.org/wayback/available"

    # Testing and the demo: name -> IP mapping used by Chromium (--host-resolver-rules), the link
    # checker's resolver and the address policy alike, so no lookup ever leaves the machine.
    host_map: dict[str, str] = msgspec.field(default_factory=dict)
    # Addresses (CIDR) treated as public although they are not: lets tests and the demo stand
    # "public" sites on 127.0.0.N while 127.0.0.1 stays private.
    simulated_public: tuple[str, ...] = ()

    def with_overrides(self, **changes: Any) -> Config:
        """A copy with some fields changed (tests, CLI flags)."""
        return msgspec.structs.replace(self, **changes)

    def __post_init__(self) -> None:
        # What annotations cannot say; msgspec turns a ValueError here into a ValidationError.
        for host, ip in self.host_map.items():
            try:
                ipaddress.ip_address(ip)
            except ValueError:
                raise ValueError(f"host_map maps {host!r} to {ip!r}, which is not an IP address") from None
        for network in self.simulated_public:
            try:
                ipaddress.ip_network(network, strict=False)
            except ValueError:
                raise ValueError(f"simulated_public has {network!r}, which is not an address range") from None


_FIELDS = frozenset(Config.__struct_fields__)
_TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
_FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def _from_environment(name: str, text: str) -> Any:
    """A LINKLENS_* string in the shape msgspec converts: lists take commas, host_map
    `name=ip` pairs, booleans also yes/no/on/off; numbers stay strings (converted leniently)."""
    default = getattr(_DEFAULTS, name)
    if isinstance(default, tuple):
        return [part.strip() for part in text.split(",") if part.strip()]
    if isinstance(default, dict):
        pairs = [pair.split("=", 1) for pair in text.split(",") if pair.strip()]
        return {pair[0].strip(): pair[1].strip() if len(pair) == 2 else "" for pair in pairs}
    if isinstance(default, bool) and text.strip().lower() in _TRUE_WORDS | _FALSE_WORDS:
        return text.strip().lower() in _TRUE_WORDS
    return text


def _convert(values: dict[str, Any], sources: dict[str, str]) -> Config:
    """msgspec checks every kind and range; its error names the key, mapped to its source."""
    try:
        return msgspec.convert(values, Config, strict=False)
    except msgspec.ValidationError as exc:
        text = str(exc)
        key = text.rsplit("`$.", 1)[-1].split("`")[0].split(".")[0].split("[")[0] if "`$." in text else ""
        where = sources.get(key) or ", ".join(sorted(set(sources.values()))) or "settings"
        reason = text.split(" - at `$", 1)[0]
        subject = f"{key}: " if key and not reason.startswith(key) else ""
        given = f" (got {values[key]!r})" if key in values else ""
        raise ConfigError(f"{where}: {subject}{reason}{given}") from None


_DEFAULTS = Config()


def load_config(path: Path | None = None, environ: dict[str, str] | None = None) -> Config:
    """Defaults, overlaid by the TOML file (if it exists), overlaid by LINKLENS_* variables."""
    environ = dict(os.environ) if environ is None else environ
    path = paths().config_file if path is None else path
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            raise ConfigError(f"{path}: {exc}") from None
        for key, value in data.items():
            if key not in _FIELDS:
                raise ConfigError(f"{path}: unknown setting {key!r}")
            values[key] = value
            sources[key] = str(path)
        _convert(values, sources)  # the file's own errors name the file, before any variable
    for name in sorted(_FIELDS):
        env_name = f"LINKLENS_{name.upper()}"
        if env_name in environ:
            values[name] = _from_environment(name, environ[env_name])
            sources[name] = env_name
    return _convert(values, sources)
