"""`linklens watch ...`: the backlink monitor's commands (add, import, list, remove, export,
check, changes, history).

This module is imported when the parser is built, so it imports nothing heavy at the top: the
store (sqlite3), the event loop and the browser are loaded inside the command that needs them.
Errors are one line on stderr and exit 1; `watch check` exits 3 when a link was lost, its page
gone, or it was demoted (cron and CI can alert on that), 130 on Ctrl+C (what was checked is
kept; the next `watch check` resumes).
"""

from __future__ import annotations

__all__ = ["EXIT_ALERT", "add_watch_parser", "main"]

import argparse
import sys
from typing import TYPE_CHECKING, Any, TextIO

from agent.cli.arguments import page_jobs
from agent.cli.interrupt import run_cancellable

if TYPE_CHECKING:
    from agent.config import Config
    from agent.watch.runner import CheckSummary
    from agent.watch.watchlist import ChangeRecord, LinkStatus, WatchList

EXIT_ERROR = 1
EXIT_ALERT = 3  # something was lost, its page is gone, or it was demoted
EXIT_INTERRUPTED = 130

#: `watch export` columns; `watch import` reads them back (agent/watch/backlink_files.py).
EXPORT_COLUMNS = ("source_url", "target", "note", "importance", "added")


class _Failure(Exception):
    """One line for stderr, exit 1."""


def add_watch_parser(commands: Any, handler: Any) -> None:
    """Register `watch` and its subcommands on the top-level subparsers (commands.py)."""
    from agent.cluster.spec import CLUSTER_HELP, CLUSTER_METAVAR, cluster_argument

    watch = commands.add_parser("watch", help="monitor your backlinks: watch, check, alert")
    sub = watch.add_subparsers(dest="watch_command", required=True, metavar="SUBCOMMAND")

    add = sub.add_parser("add", help="watch the link from SOURCE_URL to your URL or domain")
    add.add_argument("source_url", metavar="SOURCE_URL")
    add.add_argument("--target", required=True, metavar="URL_OR_DOMAIN",
                     help="your page (a URL) or your whole domain (subdomains included)")  # fmt: skip
    add.add_argument("--note", default="", metavar="TEXT", help="a label of yours")
    add.add_argument("--importance", choices=("high", "normal"), default="normal")

    imp = sub.add_parser("import", help="watch every link of a URL list or backlink export (CSV)")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--target", metavar="DOMAIN",
                     help="the target for rows that name none (a plain URL list)")  # fmt: skip

    lst = sub.add_parser("list", help="list watched links and their last state")
    fmt = lst.add_mutually_exclusive_group()
    fmt.add_argument("--json", dest="format", action="store_const", const="json")
    fmt.add_argument("--csv", dest="format", action="store_const", const="csv")
    lst.set_defaults(format="table")

    rm = sub.add_parser("remove", help="stop watching a link (by ID) or a page's links (by URL)")
    rm.add_argument("which", metavar="ID|SOURCE_URL")

    exp = sub.add_parser("export", help="write the watch list as CSV (`watch import` reads it)")
    exp.add_argument("file", metavar="FILE", help="the CSV to write (- for stdout)")

    check = sub.add_parser("check", help="check watched links now and print what changed")
    check.add_argument("--due", action="store_true",
                       help="only links not checked within the interval (default 24 h)")  # fmt: skip
    check.add_argument("--jobs", type=page_jobs, default=4, metavar="N",
                       help="pages rendered at once (default 4; with --cluster local:N, per worker)")  # fmt: skip
    check.add_argument("--cluster", type=cluster_argument, metavar=CLUSTER_METAVAR, help=CLUSTER_HELP)
    check.add_argument("--json", action="store_true", help="print the result as JSON")
    check.add_argument("--check-targets", action="store_true",
                       help="also follow each link to record where it leads and its health")  # fmt: skip

    changes = sub.add_parser("changes", help="list changes found by checks")
    changes.add_argument("--since", metavar="DATE", help="2026-12-01, 2026-12-01T08:00 or 7d")
    changes.add_argument("--json", action="store_true")

    history = sub.add_parser("history", help="every check and change of one watched link")
    history.add_argument("link_id", metavar="ID", type=int)
    history.add_argument("--json", action="store_true")
    watch.set_defaults(handler=handler)


# -- the commands ----------------------------------------------------------------------------------


def _open() -> WatchList:
    from agent.config import paths
    from agent.store.database import open_store
    from agent.watch.watchlist import WatchList

    return WatchList(open_store(paths().history_db))


def _dump(value: object, out: TextIO) -> None:
    import json

    out.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def _status_dict(status: LinkStatus) -> dict[str, object]:
    link, last = status.link, status.last
    return {
        "id": link.id, "source_url": link.source_url, "target": link.target.text,
        "target_kind": link.target.kind, "note": link.note, "importance": link.importance,
        "added_at": link.added_at, "last_checked_at": status.last_checked_at,
        "standing": last.standing if last else None,
        "follow": last.follow if last else None,
        "anchor": last.anchor if last else None,
    }  # fmt: skip


def _change_dict(change: ChangeRecord) -> dict[str, object]:
    return {
        "id": change.id, "link_id": change.link_id, "source_url": change.source_url,
        "target": change.target, "importance": change.importance, "kind": change.kind,
        "detected_at": change.detected_at, "before": change.before, "after": change.after,
        "message": change.message, "seen": change.seen,
    }  # fmt: skip


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _table(rows: list[list[str]], headers: list[str], out: TextIO) -> None:
    """A plain aligned table: readable in a terminal, in a log and in a pipe alike."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    widths = [min(w, 60) for w in widths]

    def line(cells: list[str]) -> str:
        clipped = [c if len(c) <= 60 else c[:59] + "…" for c in cells]
        return "  ".join(c.ljust(w) for c, w in zip(clipped, widths, strict=True)).rstrip()

    out.write(line(headers) + "\n")
    for row in rows:
        out.write(line(row) + "\n")


def _print_changes(changes: list[ChangeRecord], out: TextIO) -> None:
    rows = [
        [c.detected_at, str(c.link_id), c.kind, c.source_url, c.target,
         f"{c.before or ''} → {c.after or ''}".strip(" →")]
        for c in changes
    ]  # fmt: skip
    _table(rows, ["when", "ID", "change", "source page", "target", "was → now"], out)


def _add(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    watchlist = _open()
    link, created = watchlist.add(
        args.source_url, args.target, note=args.note, importance=args.importance
    )
    verb = "watching" if created else "already watched"
    out.write(f"{verb}: [{link.id}] {link.source_url} → {link.target.text} ({link.target.kind})\n")
    return 0


def _import(args: argparse.Namespace, config: Config, out: TextIO, err: TextIO) -> int:
    from pathlib import Path

    from agent.watch.backlink_files import read_backlink_file

    parsed = read_backlink_file(Path(args.file))
    result = _open().import_rows(parsed.rows, default_target=args.target)
    bad = sorted(parsed.bad + result.bad, key=lambda row: row.line)
    for row in bad:
        err.write(f"linklens watch import: line {row.line}: skipped: {row.reason}\n")
    columns = ", ".join(f"{name} = {header!r}" for name, header in parsed.columns.items())
    out.write(
        f"imported {args.file}: {result.added} added, {result.merged} already watched (merged), "
        f"{len(bad)} skipped; columns: {columns}\n"
    )
    return 0


def _list(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    statuses = _open().links()
    if args.format == "json":
        _dump([_status_dict(s) for s in statuses], out)
    elif args.format == "csv":
        import csv

        writer = csv.writer(out, lineterminator="\n")
        extra = ["id", "last_checked_at", "standing", "follow", "anchor"]
        writer.writerow([*EXPORT_COLUMNS, *extra])
        for s in statuses:
            d = _status_dict(s)
            writer.writerow([s.link.source_url, s.link.target.text, s.link.note,
                             s.link.importance, s.link.added_at, *(d[k] if d[k] is not None else "" for k in extra)])  # fmt: skip
    else:
        rows = [
            [str(s.link.id), s.link.source_url, s.link.target.text, s.link.importance,
             s.last_checked_at or "never", s.last.standing if s.last else "-",
             (s.last.follow or "-") if s.last else "-", (s.last.anchor or "") if s.last else ""]
            for s in statuses
        ]  # fmt: skip
        _table(rows, ["ID", "source page", "target", "importance", "last checked", "state",
                      "follow", "anchor"], out)  # fmt: skip
        out.write(f"{len(statuses)} watched links\n")
    return 0


def _remove(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    removed = _open().remove(args.which)
    if not removed:
        raise _Failure(f"nothing watched matches {args.which!r} (see `linklens watch list`)")
    for link in removed:
        out.write(f"removed: [{link.id}] {link.source_url} → {link.target.text}\n")
    return 0


def _export(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    import csv
    import io
    from pathlib import Path

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    statuses = _open().links()
    for s in statuses:
        link = s.link
        writer.writerow([link.source_url, link.target.text, link.note, link.importance, link.added_at])
    if args.file == "-":
        out.write(buffer.getvalue())
    else:
        Path(args.file).write_text(buffer.getvalue(), encoding="utf-8")
        out.write(f"exported {len(statuses)} watched links to {args.file}\n")
    return 0


def _changes(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    from agent.watch.watchlist import parse_since

    since = parse_since(args.since) if args.since else None
    changes = _open().changes(since=since)
    if args.json:
        _dump([_change_dict(c) for c in changes], out)
    else:
        _print_changes(changes, out)
    return 0


def _history(args: argparse.Namespace, config: Config, out: TextIO) -> int:
    import dataclasses

    link, entries, changes = _open().history(args.link_id)
    if args.json:
        _dump({
            "link": {"id": link.id, "source_url": link.source_url, "target": link.target.text,
                     "note": link.note, "importance": link.importance, "added_at": link.added_at},
            "observations": [
                {"checked_at": e.checked_at, **{k: v for k, v in dataclasses.asdict(e.observation).items() if k != "on_target"}}
                for e in entries
            ],
            "changes": [_change_dict(c) for c in changes],
        }, out)  # fmt: skip
        return 0
    out.write(f"[{link.id}] {link.source_url} → {link.target.text}  (added {link.added_at}"
              f"{', ' + link.note if link.note else ''}, {link.importance})\n")  # fmt: skip
    rows = []
    for e in entries:
        o = e.observation
        rows.append([
            e.checked_at, o.standing, str(o.page_status or o.page_error or ""),
            o.follow or "-", o.qualifiers or "", "yes" if o.visible else ("no" if o.visible is False else "-"),
            o.anchor or "", o.href or "",
        ])  # fmt: skip
    _table(rows, ["checked", "state", "page", "follow", "rel", "visible", "anchor", "href"], out)
    if changes:
        out.write("\n")
        _print_changes(changes, out)
    return 0


# -- watch check -------------------------------------------------------------------------------


class _Progress:
    """A bar with an ETA on a terminal; a plain line every few pages otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._bar: Any = None
        self._task: Any = None
        self._last = 0.0

    def start(self, total: int) -> None:
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
                TextColumn("checking pages"), BarColumn(), MofNCompleteColumn(),
                TextColumn("ETA"), TimeRemainingColumn(),
                console=Console(file=self._stream), transient=True,
            )  # fmt: skip
            self._bar.start()
            self._task = self._bar.add_task("pages", total=total)
        elif total:
            self._stream.write(f"linklens watch: checking {total} pages\n")

    def page(self, done: int, total: int, changes: list[ChangeRecord]) -> None:
        import time

        if self._bar is not None:
            self._bar.update(self._task, completed=done)
            for change in changes:
                self._bar.console.print(f"{change.kind}: {change.source_url} → {change.target}")
            return
        now = time.monotonic()
        if done == total or now - self._last >= 2.0:
            self._last = now
            self._stream.write(f"linklens watch: {done}/{total} pages checked\n")
            self._stream.flush()

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


async def _check_async(args: argparse.Namespace, config: Config, err: TextIO) -> CheckSummary:
    import asyncio

    from agent.render.browser_pool import BrowserPool
    from agent.watch.runner import run_check

    watchlist = await asyncio.to_thread(_open)
    progress = _Progress(err)
    if getattr(args, "cluster", None) is not None:
        from agent.cluster.session import open_cluster

        try:
            async with open_cluster(args.cluster, config, jobs=args.jobs) as cluster:
                return await run_check(
                    watchlist, config=config, browser=None, due_only=args.due,
                    jobs=cluster.slots, on_page=progress.page, on_start=progress.start,
                    page_check=cluster.page_check(check_targets=args.check_targets),
                )  # fmt: skip
        finally:
            progress.stop()
            watchlist.store.close()
    pool = BrowserPool(config)
    try:
        return await run_check(
            watchlist, config=config, browser=pool, due_only=args.due, jobs=args.jobs,
            check_targets=args.check_targets, on_page=progress.page, on_start=progress.start,
        )  # fmt: skip
    finally:
        progress.stop()
        await pool.close()
        watchlist.store.close()


def _check(args: argparse.Namespace, config: Config, out: TextIO, err: TextIO) -> int:
    import asyncio
    if getattr(args, "cluster", None) is not None:
        from agent.cluster.spec import ClusterError, require_distributed

        try:
            require_distributed()  # before any work: one line naming what to install
        except ClusterError as exc:
            err.write(f"linklens watch check: {exc}\n")
            return EXIT_ERROR


    from agent.cluster.spec import ClusterError

    try:
        # Ctrl+C cancels the check: pages in flight are dropped, stored pages stay.
        summary = run_cancellable(lambda: _check_async(args, config, err))
    except ClusterError as exc:
        err.write(f"linklens watch check: {exc}\n")
        return EXIT_ERROR
    except (KeyboardInterrupt, asyncio.CancelledError):
        err.write(
            "linklens watch check: interrupted; the pages already checked are saved — "
            "run `linklens watch check` again to resume\n"
        )
        return EXIT_INTERRUPTED
    if args.json:
        _dump({
            "run_id": summary.run_id, "resumed": summary.resumed, "pages": summary.pages_done,
            "links": summary.links_done, "page_errors": summary.page_errors,
            "elapsed_s": round(summary.elapsed_s, 2),
            "changes": [_change_dict(c) for c in summary.changes],
        }, out)  # fmt: skip
    else:
        if summary.changes:
            _print_changes(summary.changes, out)
        resumed = " (resumed an interrupted check)" if summary.resumed else ""
        out.write(
            f"checked {_count(summary.pages_done, 'page')} ({_count(summary.links_done, 'link')}) "
            f"in {summary.elapsed_s:.1f} s{resumed}: {_count(len(summary.changes), 'change')}, "
            f"{len(summary.alerts)} lost or demoted\n"
        )
    return EXIT_ALERT if summary.alerts else 0


def main(args: argparse.Namespace, config: Config) -> int:
    """Run one `watch` subcommand; return its exit status (errors: one line, exit 1)."""
    return run(args, config, out=sys.stdout, err=sys.stderr)


def run(args: argparse.Namespace, config: Config, *, out: TextIO, err: TextIO) -> int:
    """`main` with explicit streams (tests)."""
    from agent.errors import LinkLensError
    from agent.store.database import StoreError
    from agent.watch.model import WatchInputError

    command = args.watch_command
    try:
        if command == "add":
            return _add(args, config, out)
        if command == "import":
            return _import(args, config, out, err)
        if command == "list":
            return _list(args, config, out)
        if command == "remove":
            return _remove(args, config, out)
        if command == "export":
            return _export(args, config, out)
        if command == "check":
            return _check(args, config, out, err)
        if command == "changes":
            return _changes(args, config, out)
        if command == "history":
            return _history(args, config, out)
        raise _Failure(f"unknown watch command {command!r}")
    except (_Failure, StoreError, WatchInputError) as exc:
        err.write(f"linklens watch {command}: {exc}\n")
    except LinkLensError as exc:
        err.write(f"linklens watch {command}: {exc.message}\n")
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        err.write(f"linklens watch {command}: {exc.strerror or exc}{where}\n")
    except Exception as exc:
        # A bug: one line, never a traceback, unless the person asks for it.
        import os
        import traceback

        if os.environ.get("LINKLENS_DEBUG"):
            traceback.print_exception(exc, file=err)
        err.write(
            f"linklens watch {command}: unexpected error ({type(exc).__name__}); "
            "run with LINKLENS_DEBUG=1 for details\n"
        )
    return EXIT_ERROR
