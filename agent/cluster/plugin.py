"""The worker side's one long-lived thing: a shared Chromium per Dask worker, for its lifetime.

`BrowserPlugin` is registered by the client (`session.open_cluster`) and runs on every worker,
including workers that join or are restarted later (Dask keeps registered plugins on the
scheduler). Its `setup` runs in the worker's event loop: it decodes the client's Config (address
policy, host_map, limits — msgspec bytes; the pairing token is a separate file that is never
read here), creates one `BrowserPool` and launches Chromium. Page tasks (`tasks.py`) are
coroutines that Dask awaits in that same loop, so the pool's Playwright objects, which belong to
the loop that created them, are only ever used from their own loop. `teardown` closes Chromium
when the worker stops or the plugin is replaced by the next command's.
"""

from __future__ import annotations

__all__ = ["PLUGIN_NAME", "BrowserPlugin", "decode_config", "encode_config"]

import asyncio
import logging
import os
from typing import Any

import msgspec
from distributed import Worker, WorkerPlugin

from agent.config import Config
from agent.errors import LinkLensError
from agent.render.browser_pool import BrowserPool

log = logging.getLogger(__name__)

#: One plugin of this name per worker; a later command's registration replaces it.
PLUGIN_NAME = "linklens-browser"


def encode_config(config: Config) -> bytes:
    """The settings the workers need, as msgspec bytes (every Config field; no secret is one)."""
    return msgspec.msgpack.encode(config)


def decode_config(data: bytes) -> Config:
    """Config from `encode_config`'s bytes, checked field by field like a config file."""
    return msgspec.msgpack.decode(data, type=Config)


class BrowserPlugin(WorkerPlugin):
    """Starts one shared Chromium per worker and closes it on teardown."""

    name = PLUGIN_NAME

    def __init__(self, config_bytes: bytes) -> None:
        self.config_bytes = config_bytes
        self.config: Config | None = None
        self.pool: BrowserPool | None = None
        self.loop: asyncio.AbstractEventLoop | None = None

    def __getstate__(self) -> dict[str, Any]:
        # Only the encoded settings travel to the workers, never a live pool or loop.
        return {"config_bytes": self.config_bytes}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["config_bytes"])  # type: ignore[misc]

    async def setup(self, worker: Worker) -> None:
        """Decode the settings, create the pool in this worker's loop and launch Chromium."""
        config = decode_config(self.config_bytes)
        if config.chromium and not os.access(config.chromium, os.X_OK):
            # The client's explicit path is a path on the client's machine: this worker finds
            # its own (LINKLENS_CHROMIUM, Chrome, Playwright's, the distribution's).
            config = config.with_overrides(chromium=None)
        self.config = config
        self.loop = asyncio.get_running_loop()
        self.pool = BrowserPool(config)
        try:
            await self.pool.browser()
        except LinkLensError as exc:
            # Not fatal here: each page task raises it again, and the client reports it once.
            log.warning("linklens worker %s: %s", worker.address, exc.message)

    async def teardown(self, worker: Worker) -> None:
        """Close Chromium (and its driver) with the worker or when the plugin is replaced."""
        if self.pool is not None:
            await self.pool.close()
            self.pool = None
