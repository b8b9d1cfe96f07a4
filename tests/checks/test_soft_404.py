"""Soft-404 detection reads the page as a browser does: HTML parsing and the raw view's decoding."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from aiohttp import web

from agent.checks.soft_404 import page_text, soft_404_reason
from tests.harness.check_sites import Server, quality_config, run_checks

ServeFn = Callable[..., Awaitable[Server]]

SPANISH_404 = "<!doctype html><title>Página no encontrada</title><p>Volver al inicio</p>"


def served(body: bytes, content_type: str) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=body, headers={"Content-Type": content_type})
    return handler


ROUTES = {
    # A template's old title left in a comment: the page's title is the one after it.
    "/commented": served(
        b"<!doctype html><html><head><!-- <title>Page not found</title> -->"
        b"<title>Our new shop</title></head><body><h1>Spring collection</h1></body></html>",
        "text/html; charset=utf-8",
    ),
    "/commented-h1": served(
        b"<!doctype html><title>Shop</title><!--<h1>404</h1>--><h1>Spring collection</h1>",
        "text/html",
    ),
    "/latin-header": served(SPANISH_404.encode("cp1252"), "text/html; charset=windows-1252"),
    "/latin-meta": served(
        b'<meta charset="iso-8859-1">' + SPANISH_404.encode("cp1252"), "text/html"),
    "/latin-undeclared": served(SPANISH_404.encode("cp1252"), "text/html"),
}


@pytest.mark.parametrize(
    ("path", "health"),
    [
        ("/commented", "ok"),
        ("/commented-h1", "ok"),
        ("/latin-header", "soft_404"),
        ("/latin-meta", "soft_404"),
        ("/latin-undeclared", "soft_404"),
    ],
)
async def test_soft_404_reads_the_page_as_a_browser(serve: ServeFn, path: str, health: str) -> None:
    """A title in a comment is no title; a windows-1252 "Página no encontrada" is a soft 404."""
    server = await serve("127.0.0.2", ROUTES)
    run = await run_checks([f"http://site.test:{server.port}{path}"], config=quality_config(),
                           page_url=f"http://page.test:{server.port}/")
    assert run.results[0].health == health


def test_page_text_decodes_entities_and_skips_scripts() -> None:
    """Entities are decoded and script, style and noscript text is not what a reader sees."""
    page = page_text(
        b"<title>Caf&eacute; &amp; bar</title><script>var t='<h1>404</h1>'</script>"
        b"<noscript>Page not found</noscript><h1> Menu\n of the day </h1>",
        "text/html; charset=utf-8",
    )
    assert (page.title, page.h1) == ("Café & bar", "Menu of the day")
    assert "not found" not in page.text


def test_soft_404_sentence_quotes_the_decoded_title() -> None:
    """The flag's sentence shows the title as a reader reads it, not as mis-decoded bytes."""
    reason = soft_404_reason("https://a.example/x", "https://a.example/x", [],
                             SPANISH_404.encode("cp1252"), "text/html; charset=windows-1252")
    assert reason == 'It answers 200 but the page title says "Página no encontrada".'


@pytest.mark.parametrize(
    "title",
    ["404", "Error 404", "Page not found", "Not Found", "Sorry, this page doesn't exist",
     "Page cannot be found", "Oops! That page can't be found", "This page no longer exists",
     "Page has been removed", "Seite nicht gefunden", "Page introuvable",
     "Página no encontrada", "Pagina non trovata", "Страница не найдена",
     "Nie znaleziono strony", "Page&#32;not&#32;found"],
)
def test_every_not_found_title_is_seen(title: str) -> None:
    """The quick skip of ordinary pages never hides a not-found title, in any listed language."""
    body = f"<title>{title} | Shop</title><h1>Shop</h1>".encode()
    assert soft_404_reason("https://a.example/x", "https://a.example/x", [], body,
                           "text/html; charset=utf-8") is not None
