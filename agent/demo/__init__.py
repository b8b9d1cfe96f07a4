"""`linklens demo`: serve the built-in demo site on loopback, scan its article, print the table.

The article (agent/demo/pages/article.html) has what an audit meets in the wild: static and
JavaScript-added links (timer, fetch, lazy on scroll), nofollow/ugc/sponsored in every spelling,
a same-colour hidden link and an off-screen one, a shadow-DOM widget, a same-origin iframe, an
image map, a nav and a footer with credits. Its link targets are served by the demo itself
(agent/demo/site.py), so the checks' results are real and offline. `--serve` keeps the site up
afterwards for trying the extension by hand.
"""

from __future__ import annotations

__all__ = ["DemoSite", "main", "run_demo"]

import argparse
import asyncio
import sys
from typing import TextIO

from agent.config import Config
from agent.net.resolver import chromium_resolver_rules

from .site import HOSTS, SIMULATED_PUBLIC, DemoSite

#: The demo names "your" site: links to it are marked `mine`.
DEMO_MINE = ["example-news.test"]


def main(args: argparse.Namespace, config: Config) -> int:
    """Run `linklens demo`; return the exit status."""
    try:
        return asyncio.run(run_demo(args, config, out=sys.stdout, err=sys.stderr))
    except KeyboardInterrupt:
        sys.stderr.write("linklens demo: stopped\n")
        return 0 if getattr(args, "serve", False) else 130


async def run_demo(args: argparse.Namespace, config: Config, *, out: TextIO, err: TextIO) -> int:
    """Start the site, scan the article with the real engine, print it, stop the site."""
    # Imported here: the scan stack (Playwright) is only needed once the site is up.
    from agent.cli.scan import scan_and_print

    site = DemoSite()
    try:
        await site.start()
    except OSError as exc:
        err.write(f"linklens demo: the demo site could not start ({exc.strerror or exc})\n")
        return 1
    try:
        demo_config = site.configure(config)
        err.write(f"linklens demo: demo site at {site.article_url}\n")
        scan_args = argparse.Namespace(
            url=site.article_url,
            format=getattr(args, "format", None) or "table",
            check=getattr(args, "check", True),
            cloaking=False,
            mine=DEMO_MINE,
            timeout=None,
        )
        code = await scan_and_print(scan_args, demo_config, out=out, err=err)
        if getattr(args, "serve", False):
            _explain_serving(site, demo_config, err)
            await asyncio.Event().wait()  # until Ctrl+C
        return code
    finally:
        await site.stop()


def _explain_serving(site: DemoSite, config: Config, err: TextIO) -> None:
    host_map = ",".join(f"{name}={ip}" for name, ip in HOSTS.items())
    err.write(
        "\nThe demo site keeps running (Ctrl+C stops it). To try the extension on it:\n"
        f"  1. start the agent with: LINKLENS_HOST_MAP={host_map} "
        f"LINKLENS_SIMULATED_PUBLIC={','.join(SIMULATED_PUBLIC)} linklens serve\n"
        "  2. start Chromium with the extension and "
        f"--host-resolver-rules=\"{chromium_resolver_rules(config)}\"\n"
        f"  3. open {site.article_url} and click the LinkLens button.\n"
    )
