"""https link checks: a chain that drops to http is `insecure`; a bad certificate is broken."""

from __future__ import annotations

import ssl
import subprocess
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from aiohttp import web

from tests.harness.check_sites import Server, quality_config, run_checks

ServeFn = Callable[..., Awaitable[Server]]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for secure.test, made with the system's openssl."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=secure.test", "-addext", "subjectAltName=DNS:secure.test",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    return cert, key


def _server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context


def _trusting(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(certificate[0]))


async def _fine(request: web.Request) -> web.Response:
    return web.Response(text="<title>Fine</title>", content_type="text/html")


async def test_https_link_with_trusted_certificate_is_ok(
    serve: ServeFn, certificate: tuple[Path, Path]
) -> None:
    """An https target with a certificate the checker trusts is ok, with no insecure flag."""
    server = await serve("127.0.0.6", {"/": _fine}, tls=_server_context(certificate))
    run = await run_checks([f"https://secure.test:{server.port}/"], config=quality_config(),
                           page_url=f"http://page.test:{server.port}/",
                           ssl_context=_trusting(certificate))
    assert run.results[0].health == "ok"
    assert run.results[0].flags == []


async def test_https_to_http_downgrade_is_insecure(
    serve: ServeFn, certificate: tuple[Path, Path]
) -> None:
    """A chain from https to http gets `insecure` (and is still a working redirect)."""
    plain = await serve("127.0.0.3", {"/landing": _fine})

    async def downgrade(request: web.Request) -> web.Response:
        return web.Response(status=301,
                            headers={"Location": f"http://other.test:{plain.port}/landing"})

    server = await serve("127.0.0.6", {"/go": downgrade}, tls=_server_context(certificate))
    run = await run_checks([f"https://secure.test:{server.port}/go"], config=quality_config(),
                           page_url=f"http://page.test:{server.port}/",
                           ssl_context=_trusting(certificate))
    result = run.results[0]
    assert result.health == "redirect"
    assert [f.code for f in result.flags] == ["insecure", "redirect"]
    assert "https to http" in result.flags[0].message


async def test_untrusted_certificate_is_broken(
    serve: ServeFn, certificate: tuple[Path, Path]
) -> None:
    """With default trust, a self-signed certificate is broken, saying TLS certificate."""
    server = await serve("127.0.0.6", {"/": _fine}, tls=_server_context(certificate))
    run = await run_checks([f"https://secure.test:{server.port}/"], config=quality_config(),
                           page_url=f"http://page.test:{server.port}/")
    result = run.results[0]
    assert result.health == "broken"
    assert "certificate" in result.flags[0].message
