"""Scale out: page jobs on a Dask cluster (`--cluster tcp://HOST:8786` or `--cluster local:N`).

The optional extra `linklens[cluster]` brings `distributed`. This package's top level imports
only what parses `--cluster` and says what to install (`spec.py`), so LinkLens without the extra
works as before; `plugin.py`, `tasks.py` and `session.py` import `distributed` and are loaded by
the command that uses a cluster. docs/SCALING.md has the design and how to run it.
"""

from __future__ import annotations

__all__ = ["EXTRA_HINT", "ClusterError", "ClusterSpec", "parse_cluster", "require_distributed"]

from agent.cluster.spec import (
    EXTRA_HINT,
    ClusterError,
    ClusterSpec,
    parse_cluster,
    require_distributed,
)
