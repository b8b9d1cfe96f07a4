"""The client side: connect to (or start) a cluster, install the browser plugin, submit pages.

Only the client — the process that started the command — writes the store: page tasks return
observations, and the command's runner records each page as its future completes, the same
code path as a local check. So resume works as it does locally, and a page whose task was lost
with its worker (Dask reschedules it on another worker) is recorded once, when its one future
finally completes.

Politeness is applied here, by admission: the runner lets at most `Config.per_host_connections`
pages of one host be submitted and not yet completed, whatever worker they land on. A page is
"in flight" from its submission until its result is back, so the limit is global, counts a
rescheduled page once, holds no worker slot while waiting, and needs no lease on the scheduler
that a killed worker would keep until it times out (why not a Dask Semaphore: docs/SCALING.md).
"""

from __future__ import annotations

__all__ = ["ClusterSession", "open_cluster"]

import contextlib
import dataclasses
import hashlib
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

from agent.cluster.spec import ClusterError, ClusterSpec, require_distributed
from agent.config import Config
from agent.errors import LinkLensError
from agent.watch.changes import Observation
from agent.watch.model import WatchedLink
from protocol import ErrorCode

if TYPE_CHECKING:
    from agent.audit.model import PageAudit
    from agent.audit.prospects import PageLinks
    from agent.audit.runner import PageJob, TargetJob
    from agent.audit.text import Terms
    from protocol import Link

#: How long to wait for a scheduler to answer, and for a first worker to join it.
CONNECT_TIMEOUT_S = 10.0
WORKERS_TIMEOUT_S = 60.0

PageCheck = Callable[[str, Sequence[WatchedLink]], Awaitable[dict[int, Observation]]]


class ClusterSession:
    """A connected client with the plugin installed: submits page jobs, awaits their results."""

    def __init__(self, client: Any, spec: ClusterSpec, slots: int) -> None:
        self.client = client
        self.spec = spec
        #: Pages worth having in flight at once: every worker's task slots (its --nthreads).
        self.slots = slots
        self._session = uuid.uuid4().hex[:12]

    def _key(self, source_url: str) -> str:
        # One key per page in this session: a second submission of the same page is the same
        # task (Dask deduplicates by key), never a second render.
        return f"linklens-page-{self._session}-{hashlib.sha256(source_url.encode()).hexdigest()[:20]}"

    async def _run(self, task: Callable[..., Any], *args: Any, key: str) -> Any:
        """Submit one keyed task and await its value (a worker's LinkLensError raised again).
        Raises _Lost when Dask gave up on it after its workers died (allowed-failures)."""
        from distributed import KilledWorker

        future = self.client.submit(task, *args, key=self._key(key), pure=False, retries=0)
        try:
            outcome = await future
        except KilledWorker:
            # Dask rescheduled it after each worker death and gave up: this page takes workers
            # down with it, which is about the page, not the run.
            raise _Lost("its render stopped the cluster's workers repeatedly") from None
        finally:
            future.release()
        return outcome.result()

    def page_check(self, *, check_targets: bool) -> PageCheck:
        """watch: the runner's page job, run as one task on the cluster."""
        from agent.cluster.tasks import check_page_task

        async def check(source_url: str, links: Sequence[WatchedLink]) -> dict[int, Observation]:
            # The worker needs a link's id and target; the person's note stays here.
            lean = tuple(dataclasses.replace(link, note="", added_at="") for link in links)
            try:
                result: dict[int, Observation] = await self._run(
                    check_page_task, source_url, lean, check_targets, key=source_url
                )
            except _Lost as lost:
                return {
                    link.id: Observation(standing="page_error", present=False,
                                         page_error=str(lost), on_target=False)
                    for link in links
                }  # fmt: skip
            return result

        return check

    def audit_jobs(self, *, mine: Sequence[str], cloaking: bool) -> tuple[PageJob, TargetJob]:
        """audit: its page job (retry included) and its target-page read, run on the cluster."""
        from agent.audit.runner import ATTEMPTS
        from agent.cluster.tasks import audit_page_task, target_terms_task

        async def page_job(planned: PageAudit) -> PageAudit:
            try:
                page: PageAudit = await self._run(
                    audit_page_task, planned, tuple(mine), cloaking, key=planned.source_url
                )
            except _Lost as lost:
                planned.state, planned.error, planned.attempts = "failed", str(lost), ATTEMPTS
                return planned
            return page

        async def target_job(url: str) -> tuple[Terms | None, str | None]:
            try:
                found: tuple[Terms | None, str | None] = await self._run(
                    target_terms_task, url, key=f"target {url}"
                )
            except _Lost as lost:
                return None, str(lost)
            return found

        return page_job, target_job

    def prospect_job(self) -> PageLinks:
        """prospects: a resource page's render + classify on the cluster (the link checks stay
        on the client: agent/audit/prospects.py)."""
        from agent.cluster.tasks import prospect_page_task

        async def page_job(url: str) -> tuple[str, list[Link]]:
            try:
                found: tuple[str, list[Link]] = await self._run(prospect_page_task, url, key=url)
            except _Lost as lost:
                # A failed page of the report, with its sentence, like a page that did not load.
                raise LinkLensError(ErrorCode.UNREACHABLE, str(lost)) from None
            return found

        return page_job


class _Lost(Exception):
    """A task Dask gave up on (its workers kept dying); the page is recorded as failed."""


@contextlib.asynccontextmanager
async def open_cluster(spec: ClusterSpec, config: Config, *, jobs: int) -> AsyncIterator[ClusterSession]:
    """Connect to `spec` (or start its LocalCluster of `jobs`-thread workers), install the
    browser plugin with `config`, and close what was opened afterwards."""
    require_distributed()
    from distributed import Client, LocalCluster

    from agent.cluster.plugin import PLUGIN_NAME, BrowserPlugin, encode_config

    async with contextlib.AsyncExitStack() as stack:
        try:
            if spec.local_workers:
                # dashboard_address=":0": any free port (None means the default, :8787, and a
                # warning when another cluster holds it).
                cluster = await stack.enter_async_context(LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=spec.local_workers, threads_per_worker=jobs, processes=True,
                    dashboard_address=":0", asynchronous=True, silence_logs=logging.ERROR,
                ))  # fmt: skip
                client = await stack.enter_async_context(
                    Client(cluster, asynchronous=True)  # type: ignore[no-untyped-call]
                )
            else:
                client = await stack.enter_async_context(
                    Client(spec.address, asynchronous=True, timeout=CONNECT_TIMEOUT_S)  # type: ignore[no-untyped-call]
                )
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {spec.describe()}: {exc}") from None
        except RuntimeError as exc:
            # What LocalCluster raises when a worker process does not come up in time.
            raise ClusterError(f"could not start the workers of {spec.describe()}: {exc}") from None
        try:
            # local:N waits for all N, since the slots are counted once, below. A remote
            # scheduler needs one; workers joining later get the plugin and take over pages of
            # a lost worker, but add no slots to this command (start workers first).
            await client.wait_for_workers(max(1, spec.local_workers), timeout=WORKERS_TIMEOUT_S)
        except TimeoutError:
            raise ClusterError(f"no Dask worker joined {spec.describe()} within {WORKERS_TIMEOUT_S:.0f} s") from None
        await client.register_plugin(BrowserPlugin(encode_config(config)), name=PLUGIN_NAME)
        nthreads = await client.nthreads()
        yield ClusterSession(client, spec, slots=max(1, sum(nthreads.values())))
