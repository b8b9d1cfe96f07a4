"""`linklens audit`, `linklens disavow` and `linklens prospects`: LinkLens over a list of pages.

Imported when the parser is built, so nothing heavy is imported at the top: the store, the
event loop, the browser and the audit modules load inside the command that runs. Errors are one
line on stderr and exit 1 (never a traceback; LINKLENS_DEBUG=1 shows one for bugs); Ctrl+C
exits 130 and keeps what was done (the same `audit` command continues). `disavow --check` exits
3 when the file breaks Google's rules. docs/AUDIT.md.
"""

from __future__ import annotations

__all__ = ["EXIT_INVALID", "add_audit_parsers", "main", "run"]

import argparse
import sys
from typing import TYPE_CHECKING, Any, TextIO

from agent.cli.arguments import page_jobs
from agent.cli.interrupt import run_cancellable

if TYPE_CHECKING:
    from agent.audit.model import AuditReport
    from agent.audit.prospects import ProspectsReport
    from agent.audit.store import AuditStore
    from agent.config import Config

EXIT_ERROR = 1
EXIT_INVALID = 3  # `disavow --check`: the file has bad lines
EXIT_INTERRUPTED = 130


class _Failure(Exception):
    """One line for stderr, exit 1."""


def add_audit_parsers(commands: Any, handler: Any) -> None:
    """Register `audit`, `disavow` and `prospects` on the top-level subparsers (commands.py)."""
    audit = commands.add_parser("audit", help="audit the pages that link to you: keep, review or disavow")
    audit.add_argument("file", metavar="FILE",
                       help="a URL list or a backlink export (Search Console, Ahrefs, Semrush, Majestic, Moz)")  # fmt: skip
    audit.add_argument("--mine", action="extend", nargs="+", required=True, metavar="DOMAIN",
                       help="your domains (subdomains included)")  # fmt: skip
    audit.add_argument("--jobs", type=page_jobs, default=4, metavar="N", help="pages rendered at once (default 4)")
    from agent.cluster.spec import CLUSTER_HELP, CLUSTER_METAVAR, cluster_argument

    audit.add_argument("--cluster", type=cluster_argument, metavar=CLUSTER_METAVAR, help=CLUSTER_HELP)
    fmt = audit.add_mutually_exclusive_group()
    fmt.add_argument("--json", dest="format", action="store_const", const="json",
                     help="print the audit as JSON (`linklens disavow` reads it)")  # fmt: skip
    fmt.add_argument("--csv", dest="format", action="store_const", const="csv",
                     help="print one CSV row per source page")  # fmt: skip
    audit.set_defaults(format="table")
    audit.add_argument("--html", metavar="OUT", help="also write the report as one self-contained HTML file")
    audit.add_argument("--cloaking", action="store_true",
                       help="also render each page as Googlebot and compare (three renders a page)")  # fmt: skip
    audit.add_argument("--topic", metavar="WORDS",
                       help="measure relevance against these words instead of your target pages")  # fmt: skip
    audit.add_argument("--fresh", action="store_true",
                       help="start this audit over (by default the same command continues it)")  # fmt: skip
    audit.set_defaults(handler=handler, audit_command="audit")

    disavow = commands.add_parser("disavow", help="write or check a Google disavow file")
    disavow.add_argument("audit_json", nargs="?", metavar="AUDIT_JSON",
                         help="the output of `linklens audit --json` (- for stdin)")  # fmt: skip
    disavow.add_argument("-o", "--output", metavar="FILE", help="the disavow file to write (.txt)")
    disavow.add_argument("--merge", metavar="EXISTING",
                         help="keep every line of this disavow file and add only new entries")  # fmt: skip
    disavow.add_argument("--pages", action="store_true",
                         help="list the linking pages' URLs instead of whole domains")  # fmt: skip
    disavow.add_argument("--check", metavar="FILE", help="check FILE against Google's rules and name each bad line")
    disavow.set_defaults(handler=handler, audit_command="disavow")

    prospects = commands.add_parser("prospects", help="find dead links on resource pages (broken-link building)")
    prospects.add_argument("sources", nargs="+", metavar="URL|FILE", help="resource pages, or files listing them")
    pfmt = prospects.add_mutually_exclusive_group()
    pfmt.add_argument("--json", dest="format", action="store_const", const="json")
    pfmt.add_argument("--csv", dest="format", action="store_const", const="csv")
    prospects.set_defaults(format="table")
    prospects.add_argument("--wayback", action="store_true",
                           help="look up each dead URL's last copy in the Internet Archive")  # fmt: skip
    prospects.add_argument("--jobs", type=page_jobs, default=4, metavar="N", help="pages rendered at once (default 4)")
    prospects.add_argument("--cluster", type=cluster_argument, metavar=CLUSTER_METAVAR, help=CLUSTER_HELP)
    prospects.set_defaults(handler=handler, audit_command="prospects")


# -- shared --------------------------------------------------------------------------------------


class _Progress:
    """Pages done / total, rate and ETA on stderr: a rich bar on a terminal, else a line every
    few seconds (logs, pipes)."""

    def __init__(self, stream: TextIO, label: str) -> None:
        self._stream = stream
        self._label = label
        self._bar: Any = None
        self._task: Any = None
        self._last = 0.0
        self._started = 0.0
        self._first = 0

    def start(self, total: int, done: int = 0) -> None:
        import time

        self._started, self._first = time.monotonic(), done
        if total and self._stream.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(
                TextColumn(self._label), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"), TextColumn("ETA"), TimeRemainingColumn(),
                console=Console(file=self._stream), transient=True,
            )  # fmt: skip
            self._bar.start()
            self._task = self._bar.add_task("pages", total=total, completed=done, rate="")
        elif total:
            resumed = f" ({done} done before)" if done else ""
            self._stream.write(f"linklens: {self._label} {total} pages{resumed}\n")

    def page(self, done: int, total: int) -> None:
        import time

        now = time.monotonic()
        elapsed = max(now - self._started, 1e-6)
        rate = (done - self._first) / elapsed * 60
        if self._bar is not None:
            self._bar.update(self._task, completed=done, rate=f"{rate:.0f} pages/min")
            return
        if done == total or now - self._last >= 2.0:
            self._last = now
            left = (total - done) / (rate / 60) if rate > 0 else 0
            self._stream.write(f"linklens: {done}/{total} pages, {rate:.0f} pages/min, ETA {left:.0f} s\n")
            self._stream.flush()

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def _require_cluster_extra(args: argparse.Namespace) -> None:
    """With --cluster, check the extra before any work: one line naming what to install."""
    from agent.cluster.spec import ClusterError, require_distributed

    if args.cluster is not None:
        try:
            require_distributed()
        except ClusterError as exc:
            raise _Failure(str(exc)) from None


def _open_store() -> AuditStore:
    from agent.audit.store import AuditStore
    from agent.config import paths
    from agent.store.database import open_store

    return AuditStore(open_store(paths().history_db))


def _table(rows: list[list[str]], headers: list[str], out: TextIO, width: int = 60) -> None:
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    widths = [min(w, width) for w in widths]

    def line(cells: list[str]) -> str:
        clipped = [c if len(c) <= width else c[: width - 1] + "…" for c in cells]
        return "  ".join(c.ljust(w) for c, w in zip(clipped, widths, strict=True)).rstrip()

    out.write(line(headers) + "\n")
    for row in rows:
        out.write(line(row) + "\n")


# -- audit ---------------------------------------------------------------------------------------

#: `audit --csv` columns, one row per source page (paid metrics follow, as named in the input).
PAGE_COLUMNS = (
    "source_url", "domain", "recommendation", "state", "error", "status", "final_url",
    "links_to_you", "dofollow_links", "follow", "nofollow_source", "visible", "crawlable",
    "anchor", "href", "robots_nofollow", "noindex", "risk", "page_flags", "outbound",
    "outbound_domains", "dofollow_share", "risky_tld_share", "spam_anchor_share", "relevance",
    "shared_terms", "relevance_basis",
)  # fmt: skip


def _audit_csv(report: AuditReport, out: TextIO) -> None:
    import csv

    extras = sorted({name for page in report.pages for name in page.extras})
    recommendation = {d.domain: d.recommendation for d in report.domains}
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*PAGE_COLUMNS, *extras])
    for page in report.pages:
        link = page.links[0] if page.links else None
        writer.writerow([
            page.source_url, page.domain, recommendation.get(page.domain, ""), page.state,
            page.error or "", "" if page.status is None else page.status, page.final_url or "",
            len(page.links), page.dofollow_links, link.follow if link else "",
            (link.nofollow_source or "") if link else "", link.visible if link else "",
            link.crawlable if link else "", link.anchor if link else "", link.href if link else "",
            page.robots_nofollow, page.noindex, page.risk, " ".join(f.code for f in page.flags),
            page.outbound.external, page.outbound.domains, page.outbound.dofollow_share,
            page.outbound.risky_tld_share, page.outbound.spam_anchor_share,
            "" if page.relevance is None else page.relevance, " ".join(page.shared_terms),
            page.relevance_basis or "", *(page.extras.get(name, "") for name in extras),
        ])  # fmt: skip


def _audit(args: argparse.Namespace, config: Config, out: TextIO, err: TextIO) -> int:
    from pathlib import Path

    import msgspec

    from agent.audit.html_report import render_html
    from agent.audit.runner import AuditOutcome, run_audit
    from agent.net.hosts import normalize_mine
    from agent.watch.backlink_files import read_backlink_file

    mine = normalize_mine(args.mine)
    if not mine:
        raise _Failure("give your domains with --mine example.com")
    path = Path(args.file)
    parsed = read_backlink_file(path)
    for row in parsed.bad:
        err.write(f"linklens audit: line {row.line}: skipped: {row.reason}\n")
    if not parsed.rows:
        raise _Failure(f"{args.file} lists no source pages")
    if args.html:
        html_path = Path(args.html)
        if not html_path.parent.exists():
            raise _Failure(f"cannot write {args.html}: no folder {html_path.parent}")

    input_name = str(path.resolve())
    from agent.cluster.spec import ClusterError

    _require_cluster_extra(args)

    async def audit() -> AuditOutcome:
        from agent.render.browser_pool import BrowserPool

        store = _open_store()
        if args.cluster is not None:
            from agent.cluster.session import open_cluster

            progress = _Progress(err, "auditing")
            try:
                async with open_cluster(args.cluster, config, jobs=args.jobs) as cluster:
                    page_job, target_job = cluster.audit_jobs(mine=mine, cloaking=args.cloaking)
                    return await run_audit(
                        store, parsed.rows, input_name=input_name, mine=mine, config=config,
                        browser=None, jobs=cluster.slots, cloaking=args.cloaking, topic=args.topic,
                        fresh=args.fresh, on_start=progress.start, on_page=progress.page,
                        page_job=page_job, target_job=target_job,
                    )  # fmt: skip
            finally:
                progress.stop()
                store.store.close()
        pool = BrowserPool(config)
        progress = _Progress(err, "auditing")
        try:
            return await run_audit(
                store, parsed.rows, input_name=input_name, mine=mine, config=config,
                browser=pool, jobs=args.jobs, cloaking=args.cloaking, topic=args.topic,
                fresh=args.fresh, on_start=progress.start, on_page=progress.page,
            )  # fmt: skip
        finally:
            progress.stop()
            await pool.close()
            store.store.close()

    try:
        outcome: AuditOutcome = run_cancellable(audit)
    except ClusterError as exc:
        raise _Failure(str(exc)) from None
    except KeyboardInterrupt:
        err.write("linklens audit: interrupted; the pages already audited are saved — run the same command again to continue\n")
        return EXIT_INTERRUPTED
    for row in outcome.skipped:
        err.write(f"linklens audit: line {row.line}: skipped: {row.reason}\n")
    report = outcome.report
    if args.html:
        Path(args.html).write_text(render_html(report), encoding="utf-8")
    if args.format == "json":
        out.write(msgspec.json.format(msgspec.json.encode(report).decode(), indent=2) + "\n")
    elif args.format == "csv":
        _audit_csv(report, out)
    else:
        rows = [[d.domain, d.recommendation, str(d.pages), str(d.dofollow_links), str(d.worst_risk),
                 "-" if d.relevance is None else str(d.relevance), d.why] for d in report.domains]  # fmt: skip
        _table(rows, ["domain", "recommendation", "pages", "dofollow", "worst risk", "relevance", "why"], out, width=90)
        s = report.summary
        continued = "; continued an earlier run" if outcome.resumed else ""
        out.write(
            f"audited {s['pages']} pages ({outcome.rendered} rendered now, {s['pages_failed']} failed{continued}) "
            f"from {s['referring_domains']} domains: {s['domains_disavow']} disavow, {s['domains_review']} review, "
            f"{s['domains_keep']} keep\n"
        )
    if args.html:
        err.write(f"linklens audit: wrote {args.html}\n")
    return 0


# -- disavow -------------------------------------------------------------------------------------


def _disavow_check(path_text: str, out: TextIO) -> int:
    from pathlib import Path

    from agent.audit.disavow import MAX_BYTES, check_disavow

    path = Path(path_text)
    with path.open("rb") as handle:
        data = handle.read(MAX_BYTES * 4)  # enough to say it is too large, never a runaway read
    problems = check_disavow(data, path.name)
    errors = [p for p in problems if p.error]
    for problem in problems:
        where = f"line {problem.line}" if problem.line else "file"
        kind = "error" if problem.error else "warning"
        shown = f": {problem.text}" if problem.text else ""
        out.write(f"{path_text}: {where}: {kind}: {problem.reason}{shown}\n")
    if errors:
        out.write(f"{path_text}: {len(errors)} problem(s); Google would reject or misread this file\n")
        return EXIT_INVALID
    out.write(f"{path_text}: valid disavow file\n")
    return 0


def _load_audit(source: str) -> AuditReport:
    from pathlib import Path

    import msgspec

    from agent.audit.model import AuditReport

    data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    try:
        return msgspec.json.decode(data, type=AuditReport)
    except msgspec.DecodeError as exc:
        raise _Failure(f"{source} is not the JSON of `linklens audit --json` ({exc})") from None


def _disavow(args: argparse.Namespace, config: Config, out: TextIO, err: TextIO) -> int:
    from pathlib import Path

    from agent.audit.disavow import disavow_entries, merge_disavow, write_disavow

    if args.check:
        if args.audit_json or args.output or args.merge:
            raise _Failure("--check takes only the file to check")
        return _disavow_check(args.check, out)
    if not args.audit_json:
        raise _Failure("give the audit's JSON (`linklens audit FILE --mine DOMAIN --json > audit.json`) or --check FILE")
    if not args.output:
        raise _Failure("give the file to write with -o disavow.txt")
    if not args.output.lower().endswith(".txt"):
        raise _Failure(f"Google reads only .txt disavow files; name it like {Path(args.output).stem}.txt")
    report = _load_audit(args.audit_json)
    entries = disavow_entries(report, pages=args.pages)
    source = "linklens audit" + (f" of {Path(report.input).name}" if report.input else "")
    if args.merge:
        existing = Path(args.merge).read_bytes()
        try:
            data, added, duplicates = merge_disavow(existing, entries, source=source)
        except ValueError as exc:
            raise _Failure(f"{args.merge}: {exc}") from None
        for entry, line in duplicates:
            err.write(f"linklens disavow: already in {args.merge} (line {line}): {entry.line}\n")
    else:
        data, added, duplicates = write_disavow(entries, source=source).encode("utf-8"), list(entries), []
    # Written beside the target, then moved over it: an interrupted write never leaves half a file
    # (and --merge may name the output itself).
    target = Path(args.output)
    temporary = target.with_name(target.name + ".linklens-tmp")
    temporary.write_bytes(data)
    temporary.replace(target)
    kind = "URL" if args.pages else "domain"
    out.write(f"wrote {args.output}: {len(added)} new {kind} entr{'y' if len(added) == 1 else 'ies'}"
              + (f", {len(duplicates)} already there" if args.merge else "") + "\n")  # fmt: skip
    return 0


# -- prospects -----------------------------------------------------------------------------------


def _prospect_urls(sources: list[str], err: TextIO) -> list[str]:
    import re
    from pathlib import Path

    from agent.watch.backlink_files import read_backlink_file
    from agent.watch.model import normalize_source_url

    urls: list[str] = []
    for source in sources:
        if re.match(r"^https?://", source, re.IGNORECASE):
            urls.append(normalize_source_url(source))
            continue
        path = Path(source)
        if not path.exists():
            raise _Failure(f"{source} is neither an http(s) URL nor a file")
        parsed = read_backlink_file(path)
        for row in parsed.bad:
            err.write(f"linklens prospects: {source}: line {row.line}: skipped: {row.reason}\n")
        urls.extend(row.source_url for row in parsed.rows)
    return list(dict.fromkeys(urls))


def _prospects(args: argparse.Namespace, config: Config, out: TextIO, err: TextIO) -> int:
    import msgspec

    from agent.audit.prospects import find_prospects, wayback_snapshot

    urls = _prospect_urls(args.sources, err)
    if not urls:
        raise _Failure("no pages to look at")
    from agent.cluster.spec import ClusterError

    _require_cluster_extra(args)

    async def read_pages() -> ProspectsReport:
        progress = _Progress(err, "reading")

        def checking(count: int) -> None:
            # The pages are read; their links are checked together (one per-host limit).
            progress.stop()
            err.write(f"linklens: checking {count} links to other sites\n")
            err.flush()

        if args.cluster is not None:
            from agent.cluster.session import open_cluster

            try:
                async with open_cluster(args.cluster, config, jobs=args.jobs) as cluster:
                    progress.start(len(urls))  # once the workers are up: no line if they never are
                    # Renders on the workers; the link checks stay here (agent/audit/prospects.py).
                    return await find_prospects(urls, config=config, browser=None, jobs=cluster.slots,
                                                on_page=progress.page, page_job=cluster.prospect_job(),
                                                on_checks=checking)  # fmt: skip
            finally:
                progress.stop()
        from agent.render.browser_pool import BrowserPool

        pool = BrowserPool(config)
        progress.start(len(urls))
        try:
            return await find_prospects(urls, config=config, browser=pool, jobs=args.jobs,
                                        on_page=progress.page, on_checks=checking)  # fmt: skip
        finally:
            progress.stop()
            await pool.close()

    async def look() -> ProspectsReport:
        report = await read_pages()
        if args.wayback and report.dead:
            store = _open_store()
            try:
                for dead in report.dead:
                    dead.wayback_url, dead.wayback_time = await wayback_snapshot(dead.url, config=config, store=store)
            finally:
                store.store.close()
        return report

    try:
        report: ProspectsReport = run_cancellable(look)
    except ClusterError as exc:
        raise _Failure(str(exc)) from None
    except KeyboardInterrupt:
        err.write("linklens prospects: interrupted\n")
        return EXIT_INTERRUPTED
    for page, error in report.failed.items():
        err.write(f"linklens prospects: {page}: {error}\n")
    if args.format == "json":
        out.write(msgspec.json.format(msgspec.json.encode(report).decode(), indent=2) + "\n")
    elif args.format == "csv":
        import csv

        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["dead_url", "status", "reason", "pages_linking", "page", "anchor", "context",
                         "wayback_url", "wayback_time"])  # fmt: skip
        for dead in report.dead:
            for linking in dead.pages:
                writer.writerow([dead.url, "" if dead.status is None else dead.status, dead.reason,
                                 len({p.page for p in dead.pages}), linking.page, linking.anchor,
                                 linking.context, dead.wayback_url or "", dead.wayback_time or ""])  # fmt: skip
    else:
        rows = []
        for dead in report.dead:
            first = dead.pages[0] if dead.pages else None
            rows.append([dead.url, "" if dead.status is None else str(dead.status),
                         str(len({p.page for p in dead.pages})), first.page if first else "",
                         first.anchor if first else "", dead.wayback_url or ""])  # fmt: skip
        _table(rows, ["dead URL", "status", "pages", "linked from (first)", "anchor", "wayback"], out)
        out.write(f"{len(report.dead)} dead links on {len(report.pages) - len(report.failed)} pages "
                  f"({report.links_checked} URLs checked, {len(report.failed)} pages failed)\n")  # fmt: skip
    return 0


# -- entry ---------------------------------------------------------------------------------------


def main(args: argparse.Namespace, config: Config) -> int:
    """Run `audit`, `disavow` or `prospects`; return its exit status."""
    return run(args, config, out=sys.stdout, err=sys.stderr)


def run(args: argparse.Namespace, config: Config, *, out: TextIO, err: TextIO) -> int:
    """`main` with explicit streams (tests)."""
    from agent.errors import LinkLensError
    from agent.store.database import StoreError
    from agent.watch.model import WatchInputError

    command = args.audit_command
    try:
        if command == "audit":
            return _audit(args, config, out, err)
        if command == "disavow":
            return _disavow(args, config, out, err)
        if command == "prospects":
            return _prospects(args, config, out, err)
        raise _Failure(f"unknown command {command!r}")
    except (_Failure, StoreError, WatchInputError) as exc:
        err.write(f"linklens {command}: {exc}\n")
    except LinkLensError as exc:
        err.write(f"linklens {command}: {exc.message}\n")
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        err.write(f"linklens {command}: {exc.strerror or exc}{where}\n")
    except KeyboardInterrupt:
        err.write(f"linklens {command}: interrupted\n")
        return EXIT_INTERRUPTED
    except Exception as exc:
        # A bug: one line, never a traceback, unless the person asks for it.
        import os
        import traceback

        if os.environ.get("LINKLENS_DEBUG"):
            traceback.print_exception(exc, file=err)
        err.write(f"linklens {command}: unexpected error ({type(exc).__name__}); run with LINKLENS_DEBUG=1 for details\n")
    return EXIT_ERROR
