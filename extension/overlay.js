/*
 * The overlay (content script, classic; injected on click after collector.js, protocol.js,
 * domains.js, report.js and panel.js). It runs the shared collector on the live page, outlines
 * every link at once from its rel values, then refines the outlines as the agent's `report` and
 * `link_updates` arrive; hover or focus shows a tooltip; the panel sums up the page.
 *
 * Outlines are attributes on the links (`data-linklens="nofollow"` ...) styled by overlay.css,
 * which the worker injects as a user stylesheet: no element is added per link, so nothing needs
 * repositioning on scroll or resize and thousands of links cost one attribute each. The panel and
 * tooltip live in one host element with a CLOSED shadow root. toggle() a second time removes the
 * attributes (and any inline style it set, restored to the exact original) and the host: the
 * page's DOM is as it was.
 */
(function defineOverlay(root) {
  "use strict";
  if (root.LinkLensOverlay) return;

  const R = root.LinkLensReport;
  const D = root.LinkLensDomains;
  const P = root.LinkLensProtocol;
  const UI = root.LinkLensPanel;

  /** Live links sent to the agent: 20,000 fit the agent's 16 MiB message limit (DESIGN 1.5). */
  const MAX_LIVE_LINKS = 20000;
  const ATTRS = ["data-linklens", "data-linklens-js", "data-linklens-mine", "data-linklens-flash"];
  const RENDER_DELAY_MS = 60; // coalesces bursts of link_updates into one panel render
  const FLASH_STEPS = 6;
  const FLASH_STEP_MS = 220;

  // Links in shadow roots and frames are out of the user stylesheet's reach: they get the same
  // outline as an inline style instead (the original style attribute is restored on removal).
  const INLINE_OUTLINES = {
    dofollow: "2px solid #1a7f37",
    nofollow: "2px dashed #bc4c00",
    ugc: "3px dotted #0969da",
    sponsored: "4px double #8250df",
    suspicious: "3px solid #cf222e",
    broken: "3px dashed #bf3989",
    flash: "5px solid #ffd600",
  };

  let session = null;

  function collect() {
    if (typeof root.linklensCollect !== "function") {
      throw new Error("LinkLens: the collector (collector.js) did not load");
    }
    const elements = new Map();
    const json = root.linklensCollect({
      maxLinks: MAX_LIVE_LINKS,
      register: (id, element) => elements.set(String(id), element),
    });
    return { collection: JSON.parse(json), elements };
  }

  function currentLink(s, liveId) {
    return (!s.liveDiffers && s.agentByLive.get(liveId)) || s.live.get(liveId);
  }

  function setAttr(el, name, value) {
    if (value === null) {
      if (el.hasAttribute(name)) el.removeAttribute(name);
    } else if (el.getAttribute(name) !== value) {
      el.setAttribute(name, value);
    }
  }

  function inlineOutline(s, el, kind) {
    if (!s.inlineStyles.has(el)) {
      if (kind === null) return;
      s.inlineStyles.set(el, el.getAttribute("style"));
    }
    if (kind === null) {
      restoreStyle(el, s.inlineStyles.get(el));
      s.inlineStyles.delete(el);
      return;
    }
    el.style.setProperty("outline", INLINE_OUTLINES[kind], "important");
    el.style.setProperty("outline-offset", "2px", "important");
  }

  function restoreStyle(el, original) {
    if (original === null) el.removeAttribute("style");
    else el.setAttribute("style", original);
  }

  /** Draw one link's outline from its current record and the filters. */
  function paint(s, liveId) {
    const el = s.elements.get(liveId);
    if (!el) return;
    const link = currentLink(s, liveId);
    const state = R.displayState(link);
    const on = Boolean(s.filters[state]);
    setAttr(el, "data-linklens", on ? state : null);
    setAttr(el, "data-linklens-js", on && link.js_generated ? "" : null);
    setAttr(el, "data-linklens-mine", on && link.mine ? "" : null);
    if (el.getRootNode() !== document) inlineOutline(s, el, on ? state : null);
  }

  function paintAll(s) {
    for (const liveId of s.elements.keys()) paint(s, liveId);
  }

  /** Every link the panel knows, each once: the agent's (when trusted), then live-only ones. */
  function entries(s) {
    const out = [];
    const seen = new Set();
    if (s.report) {
      for (const link of s.report.links || []) {
        const liveId = link.live_id === null || link.live_id === undefined ? null : String(link.live_id);
        const hasElement = liveId !== null && s.elements.has(liveId);
        if (hasElement) seen.add(liveId);
        // With live_differs the live classification is shown; the agent's own links stay listed.
        if (s.liveDiffers && hasElement) continue;
        out.push({ link, liveId: hasElement ? liveId : null, hasElement });
      }
    }
    for (const [liveId, link] of s.live) {
      if (!seen.has(liveId) || s.liveDiffers) out.push({ link, liveId, hasElement: s.elements.has(liveId) });
    }
    for (const e of out) {
      e.state = R.displayState(e.link);
      e.reason = R.unoutlinedReason(e.link, e.hasElement);
    }
    return out;
  }

  function stateCounts(s, links) {
    if (s.report) {
      const summary = s.report.summary || {};
      return Object.fromEntries(R.STATES.map((state) => [state, summary[state] ?? 0]));
    }
    const live = R.liveSummary(links);
    return { dofollow: live.dofollow, nofollow: live.nofollow, ugc: live.ugc, sponsored: live.sponsored,
      suspicious: 0, broken: 0 };
  }

  function panelModel(s) {
    const all = entries(s);
    const links = all.map((e) => e.link);
    return {
      connection: s.connection,
      agentVersion: s.connection?.agentVersion,
      progress: s.progress,
      finished: s.finished,
      error: s.error,
      report: s.report,
      liveDiffers: s.liveDiffers,
      summary: s.report ? s.report.summary || {} : R.liveSummary(links),
      counts: stateCounts(s, links),
      filters: s.filters,
      listed: all.filter((e) => s.filters[e.state]),
      listLimit: s.listLimit,
      unoutlined: all.filter((e) => e.reason !== null),
      mineDomains: s.options.mine || [],
      mineLinks: all.filter((e) => e.link.mine),
      // The agent's registrable domain describes the page it saw; with live_differs that is a
      // wall (maybe on another site), so the line comes from this tab's own host.
      disavow: D.disavowLine(location.href, s.options.mine, D.reportRegistrable(s.report, location.href)),
      copied: s.copied,
    };
  }

  function scheduleRender(s) {
    if (s.renderTimer !== null) return;
    s.renderTimer = setTimeout(() => {
      s.renderTimer = null;
      if (session === s) s.panel.update(panelModel(s));
    }, RENDER_DELAY_MS);
  }

  // ---- Tooltip ----
  function linkElementOf(s, node) {
    const el = node instanceof Element ? node.closest("a, area") : null;
    return el && s.idOf.has(el) ? el : null;
  }

  function tooltipNote(s) {
    if (s.liveDiffers) return "Live classification: the agent saw a different page.";
    if (!s.report) {
      return s.connection?.state === "online"
        ? "From this page's rel values; the agent's analysis is on its way."
        : "From this page's rel values only: the agent is not connected.";
    }
    return s.finished ? null : "Link checks are still running.";
  }

  function showTip(s, el) {
    const link = currentLink(s, s.idOf.get(el));
    s.tip.replaceChildren(...UI.tooltipContent(link, tooltipNote(s)).filter(Boolean));
    s.tip.hidden = false;
    const rect = el.getBoundingClientRect();
    const tipRect = s.tip.getBoundingClientRect();
    const below = rect.bottom + 8;
    const top = below + tipRect.height > window.innerHeight ? Math.max(4, rect.top - tipRect.height - 8) : below;
    const left = Math.max(4, Math.min(rect.left, window.innerWidth - tipRect.width - 4));
    s.tip.style.top = `${Math.round(top)}px`;
    s.tip.style.left = `${Math.round(left)}px`;
  }

  function hideTip(s) {
    s.tip.hidden = true;
  }

  function listen(s) {
    const on = (target, type, fn, opts) => {
      target.addEventListener(type, fn, opts);
      s.listeners.push(() => target.removeEventListener(type, fn, opts));
    };
    const fromEvent = (event) => linkElementOf(s, event.composedPath()[0]);
    on(document, "mouseover", (event) => {
      const el = fromEvent(event);
      if (el) showTip(s, el);
      else hideTip(s);
    }, true);
    on(document, "focusin", (event) => {
      const el = fromEvent(event);
      if (el) showTip(s, el);
    }, true);
    on(document, "focusout", () => hideTip(s), true);
    on(document, "keydown", (event) => {
      if (event.key === "Escape") hideTip(s);
    }, true);
    on(window, "scroll", () => hideTip(s), { capture: true, passive: true });
    on(window, "resize", () => hideTip(s), { passive: true });
  }

  // ---- Panel actions ----
  function flash(s, liveId) {
    const el = s.elements.get(liveId);
    if (!el) return;
    el.scrollIntoView({ block: "center", inline: "nearest" });
    const inShadow = el.getRootNode() !== document;
    let step = 0;
    const tick = () => {
      if (session !== s) return;
      const lit = step % 2 === 0 && step < FLASH_STEPS;
      setAttr(el, "data-linklens-flash", lit ? "" : null);
      if (inShadow) {
        if (lit) inlineOutline(s, el, "flash");
        else paint(s, liveId);
      }
      step += 1;
      if (step <= FLASH_STEPS) s.timers.add(setTimeout(tick, FLASH_STEP_MS));
    };
    tick();
  }

  function liveReport(s) {
    const links = [...s.live.values()].map((link, i) => ({ ...link, id: i }));
    return {
      url: location.href, final_url: null, page: { title: document.title || null }, links,
      summary: R.liveSummary(links), flags: [], truncated: Boolean(s.collection.truncated),
      partial: true, timings: {}, risk: 0,
    };
  }

  function download(s, text, type, extension) {
    const host = (D.hostOf(location.href) || "page").replace(/[^a-z0-9.-]/gi, "_");
    const day = new Date().toISOString().slice(0, 10);
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = UI.h("a", { href: url, download: `linklens-${host}-${day}.${extension}` });
    s.shadow.append(a);
    a.click();
    a.remove();
    s.timers.add(setTimeout(() => URL.revokeObjectURL(url), 30000));
  }

  /**
   * Copy text after a click in the panel. navigator.clipboard exists on https pages only; on
   * http pages the selection of a throw-away textarea in the shadow root is copied instead.
   */
  async function copyText(s, text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        // refused (no focus, permissions policy): try the selection below
      }
    }
    const area = UI.h("textarea", { readonly: true, "aria-hidden": "true" });
    area.value = text;
    area.style.setProperty("position", "fixed");
    area.style.setProperty("opacity", "0");
    s.shadow.append(area);
    area.focus();
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }

  function handlers(s) {
    return {
      onShow: (liveId) => flash(s, liveId),
      onFilter: (state, shown) => {
        s.filters[state] = shown;
        paintAll(s);
        scheduleRender(s);
      },
      onRetry: () => chrome.runtime.sendMessage({ linklens: "retry" }).catch(() => {}),
      onOptions: () => chrome.runtime.sendMessage({ linklens: "options" }).catch(() => {}),
      onClose: () => {
        teardown();
        chrome.runtime.sendMessage({ linklens: "removed" }).catch(() => {});
      },
      onMore: () => {
        s.listLimit += UI.LIST_PAGE;
        scheduleRender(s);
      },
      onExport: (format) => {
        const report = s.report || liveReport(s);
        if (format === "csv") download(s, P.reportToCsv(report), "text/csv", "csv");
        else download(s, JSON.stringify(report, null, 2), "application/json", "json");
      },
      onCopyDisavow: (line) => {
        if (!line) return;
        copyText(s, line).then((ok) => {
          s.copied = ok ? `Copied: ${line}` : "The browser refused the clipboard: copy the line shown above by hand.";
          scheduleRender(s);
        });
      },
    };
  }

  function buildUi(s) {
    const host = document.createElement("linklens-ui");
    for (const [prop, value] of [["all", "initial"], ["position", "fixed"], ["top", "0"], ["left", "0"],
      ["width", "0"], ["height", "0"], ["z-index", "2147483647"], ["display", "block"], ["pointer-events", "none"]]) {
      host.style.setProperty(prop, value, "important");
    }
    const shadow = host.attachShadow({ mode: "closed" });
    s.host = host;
    s.shadow = shadow;
    s.panel = UI.create(shadow, handlers(s));
    s.tip = UI.h("div", { class: "tip", role: "tooltip", hidden: true, "data-part": "tooltip" });
    shadow.append(s.tip);
    document.documentElement.append(host);
  }

  // ---- Agent messages (forwarded by the worker) ----
  function onReport(s, report) {
    s.report = report;
    s.liveDiffers = (report.flags || []).some((f) => f.code === "live_differs");
    s.agentByLive = new Map();
    for (const link of report.links || []) {
      if (link.live_id !== null && link.live_id !== undefined) s.agentByLive.set(String(link.live_id), link);
    }
    paintAll(s);
  }

  function onAgentMessage(s, message) {
    switch (message.type) {
      case "progress":
        s.progress = message;
        break;
      case "report":
        onReport(s, message.report);
        break;
      case "link_updates": {
        if (!s.report) break;
        for (const link of R.applyUpdates(s.report, message.updates)) {
          if (link.live_id !== null && link.live_id !== undefined) paint(s, String(link.live_id));
        }
        break;
      }
      case "done":
        s.finished = true;
        s.progress = null;
        if (s.report) s.report.summary = message.summary;
        break;
      case "error":
        s.error = { code: message.code, message: message.message || P.errorMessage(message.code) };
        s.progress = null;
        break;
      default:
        return;
    }
    scheduleRender(s);
  }

  chrome.runtime.onMessage.addListener((payload) => {
    const s = session;
    if (!s || !payload || payload.id !== s.jobId) return false;
    if (payload.linklens === "agent") {
      onAgentMessage(s, payload.message);
    } else if (payload.linklens === "connection") {
      s.connection = payload.connection;
      scheduleRender(s);
    }
    return false;
  });

  // ---- Start and stop ----
  function start(options) {
    const { collection, elements } = collect();
    const pageNofollow = R.robotsNofollow(collection.robots);
    const live = new Map();
    for (const collected of collection.links || []) {
      live.set(String(collected.id), R.liveLink(collected, pageNofollow, options.mine));
    }
    const idOf = new WeakMap();
    for (const [id, el] of elements) idOf.set(el, id);
    const s = {
      jobId: options.jobId, url: location.href, options, collection, elements, idOf, live,
      report: null, agentByLive: new Map(), liveDiffers: false,
      filters: { ...Object.fromEntries(R.STATES.map((st) => [st, true])), ...(options.highlight || {}) },
      connection: options.connection || null, progress: null, finished: false, error: null,
      listLimit: UI.LIST_PAGE, copied: null, inlineStyles: new Map(), renderTimer: null,
      timers: new Set(), listeners: [], host: null, shadow: null, panel: null, tip: null,
    };
    session = s; // before the UI exists, so a failure below is undone by teardown()
    buildUi(s);
    listen(s);
    paintAll(s);
    s.panel.update(panelModel(s));
    return s;
  }

  /** Remove everything LinkLens added to the page. */
  function teardown() {
    const s = session;
    if (!s) return;
    session = null;
    for (const off of s.listeners) off();
    for (const timer of s.timers) clearTimeout(timer);
    if (s.renderTimer !== null) clearTimeout(s.renderTimer);
    for (const el of s.elements.values()) {
      for (const name of ATTRS) if (el.hasAttribute(name)) el.removeAttribute(name);
    }
    for (const [el, original] of s.inlineStyles) restoreStyle(el, original);
    s.host?.remove();
  }

  /**
   * The click: start; or, when already active on this URL, remove everything; or, after in-app
   * navigation changed the URL, scan the new state. Returns what the worker needs for `analyze`.
   * "This URL" ignores an in-page anchor (#section) but not a hash route (#/inbox): see
   * LinkLensDomains.scanTarget.
   */
  function toggle(options) {
    if (session && D.sameScanTarget(session.url, location.href)) {
      teardown();
      return { action: "removed" };
    }
    const rescan = session !== null;
    teardown();
    try {
      const s = start(options);
      return { action: rescan ? "rescanned" : "started", url: location.href, links: s.collection.links || [] };
    } catch (error) {
      teardown(); // whatever start() managed to add goes again
      return { action: "failed", reason: String(error && error.message ? error.message : error) };
    }
  }

  root.LinkLensOverlay = Object.freeze({ toggle, teardown, isActive: () => session !== null });
})(globalThis);
