"""What a page may not do while it renders, in real Chromium: WebRTC datagrams, popups."""

from __future__ import annotations

import socket

import pytest

from agent.config import Config
from agent.render.browser_pool import BrowserPool
from tests.harness.scan_sites import SiteFactory, html
from tests.render.test_page import hrefs, render

pytestmark = pytest.mark.browser


def _webrtc_page(host: str, port: int) -> str:
    # Three ways to a peer connection: this window, a script-made iframe's window, and a window
    # reached through `frames[i]` after `innerHTML`.
    return f"""<a href="/here">here</a><script>
    const stun = {{iceServers: [{{urls: 'stun:{host}:{port}'}}, {{urls: 'turn:{host}:{port}?transport=udp',
                   username: 'u', credential: 'p'}}]}};
    function connect(w) {{
      try {{ const Peer = w.RTCPeerConnection || w.webkitRTCPeerConnection;
             const pc = new Peer(stun); pc.createDataChannel('x');
             pc.createOffer().then(o => pc.setLocalDescription(o)); }} catch (e) {{}}
    }}
    connect(window);
    const f = document.createElement('iframe'); document.body.appendChild(f); connect(f.contentWindow);
    document.body.insertAdjacentHTML('beforeend', '<iframe></iframe>');
    connect(frames[frames.length - 1]);
    </script>"""


def _datagrams(listener: socket.socket) -> list[bytes]:
    received = []
    while True:
        try:
            received.append(listener.recv(4096))
        except BlockingIOError:
            return received


async def test_webrtc_sends_no_datagram_to_loopback(
    serve: SiteFactory, pool: BrowserPool, config: Config
) -> None:
    """A public page's RTCPeerConnection with stun:/turn: servers on loopback sends nothing."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    listener.bind(("127.0.0.1", 0))
    listener.setblocking(False)
    try:
        port = listener.getsockname()[1]
        site = await serve({"/": html(_webrtc_page("127.0.0.1", port))})
        result = await render(pool, config, site.url("/"))
        assert site.url("/here") in hrefs(result)
        assert _datagrams(listener) == []
    finally:
        listener.close()


async def test_webrtc_is_gone_from_the_page_and_its_frames(
    serve: SiteFactory, pool: BrowserPool, config: Config
) -> None:
    """No RTCPeerConnection in the page, nor in an iframe the page has just made."""
    page = """<body><script>
    const f = document.createElement('iframe'); document.body.appendChild(f);
    const found = [typeof RTCPeerConnection, typeof f.contentWindow.RTCPeerConnection,
                   typeof webkitRTCPeerConnection];
    const a = document.createElement('a'); a.href = '/' + found.join('-'); document.body.appendChild(a);
    </script>"""
    site = await serve({"/": html(page)})
    result = await render(pool, config, site.url("/"))
    assert site.url("/undefined-undefined-undefined") in hrefs(result)


async def test_popups_never_fetch(serve: SiteFactory, pool: BrowserPool, config: Config) -> None:
    """100 clicks on a target=_blank link (and a detached one, a form to a named window): no
    request for a popup's page reaches the server."""
    page = """<a href="/popup-target" target="_blank" id="p">pop</a>
    <a href="/other" target="_blank" rel="noopener" id="q">other</a>
    <script>
    for (let i = 0; i < 100; i++) { document.getElementById('p').click(); }
    document.getElementById('q').click();
    const detached = document.createElement('a');
    detached.href = '/detached'; detached.target = '_blank'; detached.click();
    const form = document.createElement('form');
    form.action = '/form'; form.target = 'elsewhere'; document.body.appendChild(form); form.submit();
    </script>"""
    site = await serve({"/": html(page), "/{tail:.*}": html("popup")})
    result = await render(pool, config, site.url("/"))
    assert site.url("/popup-target") in hrefs(result)
    assert site.hits.count("/popup-target") == 0
    assert site.hits.count("/other") == 0
    assert site.hits == ["/"]
