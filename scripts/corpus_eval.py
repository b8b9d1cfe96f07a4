"""Scan every page of the real-page corpus (tests/corpus) offline and count what a reader would doubt.

    .venv/bin/python scripts/corpus_eval.py              # summary table
    .venv/bin/python scripts/corpus_eval.py --verbose    # plus every suspicious link
    .venv/bin/python scripts/corpus_eval.py --markdown   # a section for docs/BENCHMARKS.md
    .venv/bin/python scripts/corpus_eval.py --pages wikipedia,cnn

Each page is served under its real host name from loopback (tests/corpus/corpus_site.py) and run
through `run_analysis` with link checks off, one page after another in one browser. Printed:
pages, links, suspicious verdicts (and per 100 pages) with the flag codes behind each, links
without an href, links whose text contains markup, raw-only links said to be removed by
JavaScript, and pages whose render was partial.
"""

from __future__ import annotations

__all__ = ["CorpusResult", "evaluate", "main"]

import argparse
import asyncio
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent.config import Config  # noqa: E402
from agent.errors import LinkLensError  # noqa: E402
from agent.render.browser_locator import find_chromium  # noqa: E402
from agent.render.browser_pool import BrowserPool  # noqa: E402
from protocol import Report  # noqa: E402
from tests.corpus.corpus_site import (  # noqa: E402
    BROWSER_ARGS,
    CorpusPage,
    corpus_config,
    corpus_server,
    load_manifest,
    offline,
    scan,
)

_MARKUP = re.compile(r"<[a-zA-Z/!][^>]*>")


@dataclass
class CorpusResult:
    """What the corpus scan found, page by page and in total."""

    pages: int = 0
    failed: list[str] = field(default_factory=list)
    links: int = 0
    without_href: int = 0
    markup_text: int = 0
    removed_by_js: int = 0
    not_reached: int = 0
    partial_pages: list[str] = field(default_factory=list)
    # Pages whose styles did not all apply (page flag styles_failed): their hidden links are
    # "unstyled" and not judged.
    unstyled_pages: list[str] = field(default_factory=list)
    # page, href, text, flag codes, hidden reason/context
    suspicious: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def suspicious_per_100(self) -> float:
        """Suspicious verdicts per 100 pages."""
        return 100 * len(self.suspicious) / self.pages if self.pages else 0.0

    def flag_sets(self) -> Counter[str]:
        """How many suspicious verdicts each combination of flag codes produced."""
        return Counter(flags for _, _, _, flags, _ in self.suspicious)


def _count(result: CorpusResult, page: CorpusPage, report: Report) -> None:
    result.pages += 1
    result.links += report.summary.total
    # `without_href` is a Summary field from the protocol change in this pass; older reports
    # counted such elements as links, so count them from the links then.
    result.without_href += sum(1 for link in report.links if link.href is None)
    if report.partial:
        result.partial_pages.append(page.name)
    if any(flag.code == "styles_failed" for flag in report.flags):
        result.unstyled_pages.append(page.name)
    for link in report.links:
        if _MARKUP.search(link.text):
            result.markup_text += 1
        if link.views == ["raw"]:
            if link.hidden_reason == "not_rendered":
                result.removed_by_js += 1
            else:
                result.not_reached += 1
        if link.verdict == "suspicious":
            codes = "+".join(sorted(
                f"{flag.code}:{flag.severity}" for flag in link.flags if flag.severity != "info"
            ))
            where = f"{link.hidden_reason or 'visible'}/{link.context}"
            result.suspicious.append((page.name, link.href or "", link.text[:60], codes, where))


async def evaluate(
    pages: list[CorpusPage], *, config: Config | None = None, verbose: bool = False
) -> CorpusResult:
    """Scan each page (checks off) and count; a page whose scan fails is listed, not counted."""
    started = time.monotonic()
    result = CorpusResult()
    base = config or Config(chromium=find_chromium(Config()), render_deadline_s=20.0)
    async with corpus_server() as server:
        cfg = corpus_config(base, server.hosts)
        pool = BrowserPool(cfg, extra_args=BROWSER_ARGS)
        try:
            with offline():
                for number, page in enumerate(pages):
                    try:
                        report = await scan(
                            page.local_url(server.port),
                            config=cfg,
                            pool=pool,
                            request_id=f"corpus-{number}",
                        )
                    except LinkLensError as exc:
                        result.failed.append(f"{page.name}: {exc}")
                        continue
                    _count(result, page, report)
                    if verbose:
                        print(f"  {page.name}: {report.summary.total} links", file=sys.stderr)
        finally:
            await pool.close()
    result.seconds = time.monotonic() - started
    return result


def _text(result: CorpusResult, verbose: bool) -> str:
    lines = [
        f"pages scanned           {result.pages} (failed: {len(result.failed)})",
        f"links (summary.total)   {result.links}",
        f"suspicious verdicts     {len(result.suspicious)} "
        f"({result.suspicious_per_100:.1f} per 100 pages)",
    ]
    for codes, count in result.flag_sets().most_common():
        lines.append(f"    {count:5d}  {codes or '(no warning or danger flag)'}")
    lines += [
        f"<a>/<area> without href {result.without_href}",
        f"link text with markup   {result.markup_text}",
        f"raw-only, 'removed by JavaScript'  {result.removed_by_js}",
        f"raw-only, other reason (not reached) {result.not_reached}",
        f"partial renders         {len(result.partial_pages)} {', '.join(result.partial_pages)}",
        f"pages whose styles did not all apply (styles_failed) {len(result.unstyled_pages)}",
        f"time                    {result.seconds:.0f} s",
    ]
    lines += [f"failed: {line}" for line in result.failed]
    if verbose:
        lines.append("suspicious links:")
        lines += [f"  {p}  {h[:90]}  \"{t}\"  {c}  {w}" for p, h, t, c, w in result.suspicious]
    return "\n".join(lines)


def _markdown(result: CorpusResult, pages: int) -> str:
    rows = [
        "| measure | value |",
        "|---|---|",
        f"| pages scanned (of {pages}) | {result.pages} |",
        f"| links (`summary.total`) | {result.links} |",
        f"| suspicious verdicts | {len(result.suspicious)} |",
        f"| suspicious per 100 pages | {result.suspicious_per_100:.1f} |",
        f"| `<a>`/`<area>` without href | {result.without_href} |",
        f"| link text containing markup | {result.markup_text} |",
        f"| raw-only links said \"removed by JavaScript\" | {result.removed_by_js} |",
        f"| raw-only links \"not reached\" | {result.not_reached} |",
        f"| partial renders | {len(result.partial_pages)} |",
        f"| pages whose styles did not all apply (`styles_failed`) | {len(result.unstyled_pages)} |",
    ]
    for codes, count in result.flag_sets().most_common():
        rows.append(f"| suspicious by `{codes}` | {count} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", help="comma-separated page names (default: all)")
    parser.add_argument("--verbose", action="store_true", help="list every suspicious link")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    pages = load_manifest()
    if args.pages:
        wanted = set(args.pages.split(","))
        pages = [page for page in pages if page.name in wanted]
    result = asyncio.run(evaluate(pages, verbose=args.verbose))
    print(_markdown(result, len(pages)) if args.markdown else _text(result, args.verbose))
    return 1 if result.failed else 0


if __name__ == "__main__":
    sys.exit(main())
