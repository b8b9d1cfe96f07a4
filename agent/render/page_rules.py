"""What a page may do while it renders: no dialogs, popups, downloads or WebRTC, no images, no
request outside the address policy.

- An init script, run before any page script in every frame, replaces `alert`, `confirm`,
  `prompt`, `print` and `window.open` with no-ops (they would block or multiply the render) and
  removes WebRTC: Chromium sends STUN datagrams (UDP) to any address a page names, loopback
  included, whatever `--force-webrtc-ip-handling-policy` says (measured with Chromium 156), and
  the address guard relays only TCP. (Chromium's `--webrtc-ip-handling-policy=
  disable_non_proxied_udp`, set by agent/render/browser_pool.py, stops those datagrams too; the
  script is the second lock.)
- Links and forms that would open a new window do nothing (a click on a `target=_blank` link,
  `form.submit()` to a named window), as `window.open` does nothing.
- The route handler aborts images, media and fonts (the bulk of a page's bytes, and not needed to
  find links), refuses what `AddressPolicy.check_url` refuses, never lets a popup that still
  opens load (a script clicking a `target=_blank` link a hundred times made a hundred requests
  and took 16.5 s), and once the page has
  settled answers later main-frame navigations (a meta refresh, a timed `location` change, which
  the page's fast-forwarded clock can bring forward) with `204 No Content`, which leaves the
  settled document in place.
- Dialogs still raised (`beforeunload`) are answered, downloads cancelled, popups closed.
"""

from __future__ import annotations

__all__ = [
    "BLOCKED_RESOURCE_TYPES",
    "QUIET_PAGE_SCRIPT",
    "close_popup",
    "dismiss",
    "refuse_download",
    "route_request",
]

import logging

from playwright.async_api import Dialog, Download, Page, Route
from playwright.async_api import Error as PlaywrightError

from agent.errors import TargetRefused
from agent.net.address_policy import AddressPolicy
from agent.render.watch import PageWatch

log = logging.getLogger(__name__)

#: Not needed to find links, and the bulk of a page's bytes. The collector does not call an image
#: link hidden because its (unloaded) image has no size.
BLOCKED_RESOURCE_TYPES = frozenset({"image", "media", "font"})

#: Installed before any page script runs, in every frame (Chromium runs it in an `about:blank`
#: iframe a script has just created too, before the script can reach that frame's window:
#: tests/render/test_page_rules.py tries that way around it).
QUIET_PAGE_SCRIPT = """(() => {
  const none = () => undefined;
  try {
    window.alert = none;
    window.confirm = () => false;
    window.prompt = () => null;
    window.print = none;
    window.open = () => null;
  } catch (e) {}
  // Links and forms that would open a new window (target=_blank or a named window) do
  // nothing: each popup is a page to create, attach to and close, and its request leaves.
  const opensWindow = (el) => {
    const base = document.querySelector("base[target]");
    const target = ((el.getAttribute("target") ?? (base && base.getAttribute("target"))) || "")
      .trim().toLowerCase();
    return target !== "" && target !== "_self" && target !== "_parent" && target !== "_top";
  };
  const linkOf = (node) => node && node.closest ? node.closest("a[href], area[href]") : null;
  try {
    addEventListener("click", (e) => {
      const link = linkOf(e.target);
      if (link && opensWindow(link)) e.preventDefault();
    }, true);
    addEventListener("submit", (e) => {
      if (e.target instanceof HTMLFormElement && opensWindow(e.target)) e.preventDefault();
    }, true);
    const click = HTMLElement.prototype.click;
    HTMLElement.prototype.click = function () {
      // A detached link's click never reaches the window's listener above.
      const link = linkOf(this);
      if (link && !link.isConnected && opensWindow(link)) return;
      return click.call(this);
    };
    const submit = HTMLFormElement.prototype.submit;
    HTMLFormElement.prototype.submit = function () {
      if (opensWindow(this)) return;
      return submit.call(this);
    };
  } catch (e) {}
  for (const name of ["RTCPeerConnection", "webkitRTCPeerConnection", "RTCDataChannel",
                      "RTCRtpSender", "RTCRtpReceiver", "RTCRtpTransceiver", "RTCIceCandidate",
                      "RTCSessionDescription", "RTCDtlsTransport", "RTCIceTransport",
                      "RTCSctpTransport", "RTCCertificate"]) {
    try { delete window[name]; } catch (e) {}
  }
})();"""


def close_popup(popup: Page, watch: PageWatch) -> None:
    """A popup the init script did not stop (a script clicking a target=_blank link) is closed
    at once; its requests were refused by the route handler."""
    if popup is not watch.page:
        watch.spawn(popup.close())


def dismiss(dialog: Dialog, watch: PageWatch) -> None:
    """Leaving wins over `beforeunload`; every other dialog is dismissed."""
    watch.dialogs += 1
    watch.spawn(dialog.accept() if dialog.type == "beforeunload" else dialog.dismiss())


def refuse_download(download: Download, watch: PageWatch) -> None:
    """Downloads are cancelled; nothing is written."""
    watch.downloads += 1
    watch.spawn(download.cancel())


async def route_request(route: Route, policy: AddressPolicy, watch: PageWatch) -> None:
    """Abort, refuse, hold back or let through one request of the page (see the module doc)."""
    request = route.request
    try:
        if request.resource_type in BLOCKED_RESOURCE_TYPES or watch.is_other_page(request):
            await route.abort("blockedbyclient")
            return
        main_navigation = watch.is_main_navigation(request)
        if watch.settled and main_navigation:
            log.info("not following a navigation after the page settled: %s", request.url)
            await route.fulfill(status=204)
            return
        try:
            await policy.check_url(request.url)
        except TargetRefused as refused:
            if main_navigation:
                watch.refused_navigations.append((request.url, refused))
            log.info("refused a request of the page: %s", refused.message)
            await route.abort("blockedbyclient")
            return
        await route.continue_()
    except PlaywrightError:
        pass  # the page or context closed while the request waited: nothing to answer
