"""The corpus of saved real pages, served offline under their real host names.

`manifest.json` lists the pages (address, category, where each came from); `files/<host>/<path>`
holds what a server would send for each address (pages, stylesheets, scripts; a path ending in
"/" is `index.html`). `corpus_server()` serves them all from one loopback address, choosing the
file by the request's Host header, and `corpus_config()` points every corpus host there
(`Config.host_map`) and marks that address public (`Config.simulated_public`), so a page is
rendered as if fetched from its own site. Every other host (ad servers, CDNs, fonts) resolves to
a second loopback address where nothing listens: its requests fail at once, and no lookup ever
leaves the machine (`offline()` makes the agent's resolver, which the render's SOCKS guard asks
for every connection, answer so for names it does not know). Pages are served over https with a
throwaway self-signed certificate (the browser gets BROWSER_ARGS).

Used by tests/corpus/test_*.py and scripts/corpus_eval.py.
"""

from __future__ import annotations

__all__ = [
    "BLACKHOLE_IP",
    "BROWSER_ARGS",
    "CORPUS_DIR",
    "CORPUS_IP",
    "CorpusPage",
    "CorpusServer",
    "corpus_config",
    "corpus_server",
    "load_manifest",
    "offline",
    "scan",
]

import contextlib
import json
import mimetypes
import ssl
import subprocess
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit

from aiohttp import web

from agent.config import Config
from agent.net import address_policy as policy_module
from agent.net import resolver as resolver_module
from agent.pipeline import run_analysis
from agent.render.browser_pool import BrowserPool
from protocol import Analyze, AnalyzeOptions, Report, ReportMessage

CORPUS_DIR = Path(__file__).resolve().parent
#: Where every corpus host is served.
CORPUS_IP = "127.0.0.10"
#: Where every other host "is": nothing listens, so its requests fail at once.
BLACKHOLE_IP = "127.0.0.11"


@dataclass(frozen=True)
class CorpusPage:
    """One saved page: its name, its original address and what kind of site it is."""

    name: str
    url: str
    category: str

    @property
    def host(self) -> str:
        """The page's host name, as served offline."""
        return urlsplit(self.url).hostname or ""

    def local_url(self, port: int) -> str:
        """The address to scan: the page's own host and path, over https on the corpus port.

        https for every page: many real hosts are on Chromium's HSTS preload list
        (en.wikipedia.org, *.dev), so an http:// address would be upgraded anyway.
        """
        parts = urlsplit(self.url)
        return parts._replace(scheme="https", netloc=f"{self.host}:{port}").geturl()


def load_manifest(directory: Path = CORPUS_DIR) -> list[CorpusPage]:
    """Every page of the corpus, in manifest order."""
    entries = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    return [CorpusPage(e["name"], e["url"], e["category"]) for e in entries]


def _hosts(directory: Path) -> list[str]:
    return sorted(p.name for p in (directory / "files").iterdir() if p.is_dir())


def _content_type(path: Path) -> str:
    guessed, _ = mimetypes.guess_type(path.name)
    if guessed in ("text/css", "text/javascript", "application/javascript", "image/png"):
        return guessed
    return "text/html"  # saved pages are often extension-less ("/wiki/Mozilla")


#: What a test adds to the server for one (host, path): a body and its Content-Type, or a handler.
Route = tuple[bytes, str] | Callable[[web.Request], Awaitable[web.StreamResponse]]


def _app(directory: Path, extra: dict[tuple[str, str], Route]) -> web.Application:
    root = (directory / "files").resolve()

    async def handle(request: web.Request) -> web.StreamResponse:
        host = (request.host or "").split(":", 1)[0].lower()
        added = extra.get((host, request.path))
        if callable(added):
            return await added(request)
        if added is not None:
            return web.Response(body=added[0], headers={"Content-Type": added[1]})
        relative = request.path.lstrip("/")
        if not relative or relative.endswith("/"):
            relative += "index.html"
        path = (root / host / relative).resolve()
        if root not in path.parents or not path.is_file():
            raise web.HTTPNotFound()
        # No charset: a saved page says its own in <meta>, as most servers leave it to.
        return web.Response(body=path.read_bytes(), headers={"Content-Type": _content_type(path)})

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", handle)
    return app


@dataclass
class CorpusServer:
    """A running corpus server: the port every corpus host answers on."""

    port: int
    hosts: list[str]


#: Chromium switch the corpus browser needs: the corpus server's certificate is self-signed.
BROWSER_ARGS: tuple[str, ...] = ("--ignore-certificate-errors",)


def _tls_context(workdir: Path) -> ssl.SSLContext:
    """A server context with a fresh self-signed certificate (the system's openssl)."""
    key, cert = workdir / "key.pem", workdir / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=linklens-corpus", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


@contextlib.asynccontextmanager
async def corpus_server(
    directory: Path = CORPUS_DIR, extra: dict[tuple[str, str], Route] | None = None
) -> AsyncIterator[CorpusServer]:
    """Serve the corpus over https on CORPUS_IP (a free port) for the duration of the block.

    `extra` (host, path) -> Route is looked up first, also when filled in later: tests add their
    own pages under their own host names.
    """
    routes = {} if extra is None else extra
    runner = web.AppRunner(_app(directory, routes), shutdown_timeout=0.5, handler_cancellation=True)
    await runner.setup()
    with tempfile.TemporaryDirectory() as workdir:
        site = web.TCPSite(runner, CORPUS_IP, 0, ssl_context=_tls_context(Path(workdir)))
        await site.start()
        try:
            yield CorpusServer(port=int(runner.addresses[-1][1]), hosts=_hosts(directory))
        finally:
            await runner.cleanup()


def corpus_config(base: Config, hosts: list[str]) -> Config:
    """`base` with every corpus host mapped to CORPUS_IP; see `offline()` for every other name.

    No `MAP *` rule for Chromium: its connections go through the job's SOCKS5 guard, which
    receives host names (Chromium resolves nothing itself) and asks the agent's resolver.
    """
    host_map = dict.fromkeys(hosts, CORPUS_IP)
    return base.with_overrides(
        host_map=host_map,
        simulated_public=(*base.simulated_public, f"{CORPUS_IP}/32", f"{BLACKHOLE_IP}/32"),
    )


@contextlib.contextmanager
def offline() -> Iterator[None]:
    """No name is asked of the real DNS and no address outside 127/8 is connected to.

    The agent's resolver answers BLACKHOLE_IP for any name host_map does not list (else a name
    the page's resources use, an ad server, would be asked of the real DNS by the address guard;
    Chromium itself resolves through `MAP *`, see corpus_config), and the address guard refuses
    literal public IPs a page may name (`http://203.0.113.7/ad.js`).
    """
    original_mapped = resolver_module.HostResolver.mapped
    original_allows = policy_module.AddressPolicy.allows

    def mapped(self: resolver_module.HostResolver, host: str) -> str | None:
        return original_mapped(self, host) or BLACKHOLE_IP

    def allows(self: policy_module.AddressPolicy, host: str, port: int, ip: str) -> bool:
        return ip.startswith("127.") and original_allows(self, host, port, ip)

    with (
        mock.patch.object(resolver_module.HostResolver, "mapped", mapped),
        mock.patch.object(policy_module.AddressPolicy, "allows", allows),
    ):
        yield


async def scan(url: str, *, config: Config, pool: BrowserPool, request_id: str = "corpus") -> Report:
    """The Report `run_analysis` gives for `url` with link checks off (call inside `offline()`)."""
    reports: list[Report] = []

    async def emit(message: object) -> None:
        if isinstance(message, ReportMessage):
            reports.append(message.report)

    request = Analyze(id=request_id, url=url, options=AnalyzeOptions(check=False))
    await run_analysis(request, config=config, browser=pool, emit=emit)
    return reports[-1]
