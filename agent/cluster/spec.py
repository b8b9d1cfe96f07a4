"""What `--cluster` names, and whether the extra that runs it is installed (no Dask import)."""

from __future__ import annotations

__all__ = ["CLUSTER_HELP", "CLUSTER_METAVAR", "EXTRA_HINT", "MAX_LOCAL_WORKERS", "ClusterError",
           "ClusterSpec", "cluster_argument", "parse_cluster", "require_distributed"]  # fmt: skip

import argparse
import importlib
import re
from dataclasses import dataclass

#: The one line printed when `--cluster` is used without the extra.
EXTRA_HINT = "--cluster needs the cluster extra: pip install 'linklens[cluster]'"

#: `local:N` starts N worker processes on this machine; more than this is a typo, not a plan.
MAX_LOCAL_WORKERS = 64

_SCHEDULER = re.compile(r"^(tcp|tls)://[^\s/:]+(:\d{1,5})?$")


class ClusterError(Exception):
    """The cluster cannot be used (extra missing, scheduler unreachable): one line for a person."""


@dataclass(frozen=True)
class ClusterSpec:
    """Either the address of a running scheduler or a number of local worker processes."""

    address: str | None = None  # tcp://HOST:8786
    local_workers: int = 0  # local:N

    def describe(self) -> str:
        """How the spec reads on the command line."""
        return self.address or f"local:{self.local_workers}"


def parse_cluster(text: str) -> ClusterSpec:
    """`tcp://HOST:PORT` (or tls://) or `local:N`; ValueError with the reason otherwise."""
    text = text.strip()
    if text.startswith("local:"):
        count = text.removeprefix("local:")
        if not count.isdigit() or not 1 <= int(count) <= MAX_LOCAL_WORKERS:
            raise ValueError(f"local:N takes 1 to {MAX_LOCAL_WORKERS} workers, not {count!r}")
        return ClusterSpec(local_workers=int(count))
    if not _SCHEDULER.match(text):
        raise ValueError(f"not a scheduler address (tcp://HOST:8786) or local:N: {text!r}")
    return ClusterSpec(address=text)


#: The `--cluster` option as every command that has it shows it.
CLUSTER_METAVAR = "tcp://HOST:8786|local:N"
CLUSTER_HELP = ("render on a Dask cluster: a running scheduler, or N local worker processes "
                "(needs linklens[cluster]; docs/SCALING.md)")  # fmt: skip


def cluster_argument(text: str) -> ClusterSpec:
    """`parse_cluster` as an argparse type (its reason becomes argparse's one-line error)."""
    try:
        return parse_cluster(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def require_distributed() -> None:
    """Raise ClusterError(EXTRA_HINT) unless `distributed` can be imported."""
    try:
        importlib.import_module("distributed")
    except ImportError:
        raise ClusterError(EXTRA_HINT) from None
