/*
 * The overlay (content script, classic; injected on click after collector.js, protocol-data.js,
 * protocol.js, domains.js, report.js and panel.js). It runs the shared collector on the live page, outlines
 * every link at once from its rel values, then refines the outlines as the agent's `report` and
 * `link_updates` arrive; hover or focus shows a tooltip; the panel sums up the page. After the
 * click the page is watched (a MutationObserver, handled once per frame): links that appear later
 * are outlined from their rel at once and matched to the agent's results by URL.
 *
 * Outlines are attributes on the links (`data-linklens="nofollow"` ...) styled by overlay.css,
 * which the worker injects as a user stylesheet: no element is added per link, so nothing needs
 * repositioning on scroll or resize and thousands of links cost one attribute each. The panel and
 * tooltip live in one host element with a CLOSED shadow root. toggle() a second time removes the
 * attributes (and any inline style it set, restored to the exact original) and the host: the
 * page's DOM is as it was.
 *
 * Automatic mode (a site the person chose in the options): a registered content script calls
 * startAuto() on every load; it outlines from rel alone, with tooltips but no panel and no agent.
 * A click then starts the full analysis.
 */
(function defineOverlay(root) {
  "use strict";
  if (root.LinkLensOverlay) return;

  const R = root.LinkLensReport;
  const D = root.LinkLensDomains;
  const P = root.LinkLensProtocol;
  const UI = root.LinkLensPanel;

  /** Live links sent to the agent: 20,000 fit the agent's 16 MiB message limit. */
  const MAX_LIVE_LINKS = 20000;
  const ATTRS = ["data-linklens", "data-linklens-js", "data-linklens-mine", "data-linklens-flash",
    "data-linklens-box"];
  const COMPACT_ATTR = "data-linklens-compact";
  const RENDER_DELAY_MS = 60; // coalesces bursts of link_updates into one panel render
  const FLASH_STEPS = 6;
  const FLASH_STEP_MS = 220;
  // rAF does not run in a background tab; this bounds the wait for a batch of page changes.
  const MUTATION_FALLBACK_MS = 250;
  const ADDED_ID_PREFIX = "added-";
  // "Most external links failed DNS": at least this many, and at least this share of the checked.
  const DNS_MIN_FAILURES = 3;
  const DNS_SHARE = 0.5;
  const DNS_FAILURE = /DNS lookup failed/i;
  const WAKE_EVERY_TICKS = 3; // seconds between "how do things stand?" to a worker while offline

  // Links in shadow roots and frames are out of the user stylesheet's reach: they get the same
  // outline as an inline style instead (the original style attribute is restored on removal).
  const INLINE_OUTLINES = {
    dofollow: "2px solid #1a7f37",
    nofollow: "2px dashed #bc4c00",
    ugc: "3px dotted #0969da",
    sponsored: "4px double #8250df",
    suspicious: "3px solid #cf222e",
    broken: "3px dashed #bf3989",
    redirect: "2px solid #9a6700",
    notlink: "2px dotted #6e7781",
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

  function isConnected(s, liveId) {
    const el = s.elements.get(liveId);
    return Boolean(el && el.isConnected);
  }

  function currentLink(s, liveId) {
    return (!s.liveDiffers && s.agentFor.get(liveId)) || s.live.get(liveId);
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
    el.style.setProperty("outline-offset", s.boxModes.get(el) ? "-4px" : "2px", "important");
  }

  function restoreStyle(el, original) {
    if (original === null) el.removeAttribute("style");
    else el.setAttribute("style", original);
  }

  /**
   * How a link's box takes an outline: null (inline: around its text, per line), "block" (a
   * block, flex, grid or inline-block link: inside its box, where a card's overflow clipping
   * cannot cut it off) or "children" (an inline link around blocks: Chromium draws no outline for
   * its empty line boxes, so the blocks inside carry it). Read once per element.
   */
  function boxMode(s, el) {
    if (s.boxModes.has(el)) return s.boxModes.get(el);
    let mode = null;
    const view = el.ownerDocument.defaultView || window;
    const display = view.getComputedStyle(el).display;
    if (display === "contents") {
      mode = "children";
    } else if (display !== "inline" && display !== "none") {
      mode = "block";
    } else if (display === "inline") {
      for (const child of el.children) {
        const d = view.getComputedStyle(child).display;
        if (d !== "none" && d !== "contents" && !d.startsWith("inline") && d !== "ruby") {
          mode = "children";
          break;
        }
      }
    }
    s.boxModes.set(el, mode);
    return mode;
  }

  /** Draw one link's outline from its current record and the filters. */
  function paint(s, liveId) {
    const el = s.elements.get(liveId);
    if (!el) return;
    const link = currentLink(s, liveId);
    const state = R.displayState(link);
    const on = Boolean(s.filters[state]);
    const mode = on ? boxMode(s, el) : null;
    setAttr(el, "data-linklens", on ? state : null);
    setAttr(el, "data-linklens-js", on && link.js_generated ? "" : null);
    setAttr(el, "data-linklens-mine", on && link.mine ? "" : null);
    setAttr(el, "data-linklens-box", mode);
    if (el.getRootNode() !== document) inlineOutline(s, el, on ? state : null);
  }

  function paintAll(s) {
    for (const liveId of s.elements.keys()) paint(s, liveId);
  }

  // ---- The agent's links and the tab's elements ----

  /** Tie a tab element to an agent link (its results are drawn on it from now on). */
  function bind(s, liveId, agentLink) {
    s.agentFor.set(liveId, agentLink);
    if (!s.liveFor.has(agentLink.id)) s.liveFor.set(agentLink.id, new Set());
    s.liveFor.get(agentLink.id).add(liveId);
  }

  function unbind(s, liveId) {
    const agentLink = s.agentFor.get(liveId);
    if (!agentLink) return;
    s.agentFor.delete(liveId);
    s.liveFor.get(agentLink.id)?.delete(liveId);
  }

  function hasElementOnTab(s, agentLink) {
    for (const liveId of s.liveFor.get(agentLink.id) || []) if (isConnected(s, liveId)) return true;
    return false;
  }

  function sameRel(a, b) {
    return (a || []).join(" ") === (b || []).join(" ");
  }

  /**
   * A link that appeared after the click gets the agent's results for the same URL: first a link
   * the agent saw but the tab did not have (lazy loading, "load more": it is that link), else one
   * the tab has too with the same rel (same URL, same follow state, same check result).
   */
  function matchAgent(s, liveId) {
    if (!s.report || s.agentFor.has(liveId)) return false;
    const record = s.live.get(liveId);
    const candidates = record?.href ? s.byHref.get(record.href) : null;
    if (!candidates) return false;
    const match = candidates.find((l) => !hasElementOnTab(s, l))
      || candidates.find((l) => sameRel(l.rel, record.rel));
    if (!match) return false;
    bind(s, liveId, match);
    return true;
  }

  /** Every link the panel knows, each once: the agent's (when trusted), then live-only ones. */
  function entries(s) {
    const out = [];
    const seen = new Set();
    if (s.report) {
      for (const link of s.report.links || []) {
        let liveId = null;
        const ids = s.liveFor.get(link.id) || new Set();
        for (const id of ids) {
          if (!isConnected(s, id)) continue;
          seen.add(id);
          if (liveId === null) liveId = id;
        }
        // With live_differs the live classification is shown; the agent's own links stay listed.
        if (s.liveDiffers && liveId !== null) continue;
        out.push({ link, liveId, hasElement: liveId !== null, removed: liveId === null && ids.size > 0 });
      }
    }
    for (const [liveId, link] of s.live) {
      if (!isConnected(s, liveId)) continue; // removed from the page since
      if (!seen.has(liveId) || s.liveDiffers) out.push({ link, liveId, hasElement: true });
    }
    for (const e of out) {
      e.state = R.displayState(e.link);
      // An element the page took away after the click is not "seen only by the agent".
      e.reason = e.removed ? "removed from this tab after the click" : R.unoutlinedReason(e.link, e.hasElement);
    }
    return out;
  }

  /** Links whose check has not answered yet (the agent names no order, so all are "waiting"). */
  function pendingLinks(s) {
    if (!s.report || s.finished) return [];
    return (s.report.links || []).filter((l) => l.health === null && !R.isNotLink(l) && /^https?:/i.test(l.href || "")
      && !(l.flags || []).some((f) => f.code === "not_checked"));
  }

  /** {failed, checked} when most external links failed DNS (the agent may be offline), else null. */
  function dnsSuspect(s) {
    if (!s.report) return null;
    let checked = 0;
    let failed = 0;
    for (const link of s.report.links || []) {
      if (link.internal || link.health === null || link.health === undefined || !/^https?:/i.test(link.href || "")) continue;
      checked += 1;
      if ((link.flags || []).some((f) => f.code === "broken" && DNS_FAILURE.test(f.message || ""))) failed += 1;
    }
    return failed >= DNS_MIN_FAILURES && failed >= checked * DNS_SHARE ? { failed, checked } : null;
  }

  function isExternalUrl(href) {
    const host = D.hostOf(href || "");
    const page = D.hostOf(location.href);
    if (!host || !page || !/^https?:/i.test(href)) return false;
    // Before the agent's report (which says `internal`), "www." aside, another host is external.
    const bare = (h) => h.replace(/^www\./, "");
    return bare(host) !== bare(page);
  }

  function quickLists(all) {
    const broken = new Set();
    const externalDofollow = new Set();
    for (const { link, state } of all) {
      if (!link.href || R.isNotLink(link)) continue;
      if (state === "broken") broken.add(link.href);
      const external = link.internal === false && link.id !== null && link.id !== undefined
        ? /^https?:/i.test(link.href) : isExternalUrl(link.href);
      if (link.follow === "dofollow" && external) externalDofollow.add(link.href);
    }
    return { broken: [...broken], externalDofollow: [...externalDofollow] };
  }

  function panelModel(s) {
    const all = entries(s);
    const links = all.map((e) => e.link);
    const pending = pendingLinks(s);
    return {
      connection: s.connection,
      agentVersion: s.connection?.agentVersion,
      progress: s.progress,
      finished: s.finished,
      stopped: s.stopped,
      interrupted: s.interrupted && !s.finished && !s.stopped,
      error: s.error,
      report: s.report,
      liveDiffers: s.liveDiffers,
      routeChanged: s.routeChanged,
      summary: s.report ? s.report.summary || {} : R.liveSummary(links),
      counts: R.panelCounts(links),
      filters: s.filters,
      compact: s.ui.compact,
      mineOpen: s.ui.mineOpen,
      listed: all.filter((e) => s.filters[e.state]),
      listLimit: s.listLimit,
      unoutlined: all.filter((e) => e.reason !== null),
      mineDomains: s.options.mine || [],
      mineLinks: all.filter((e) => e.link.mine),
      pending,
      checked: s.report ? (s.report.links || []).filter((l) => l.health !== null && l.health !== undefined).length : 0,
      checkSeconds: s.checkSince === null ? null : Math.round((Date.now() - s.checkSince) / 1000),
      dnsSuspect: dnsSuspect(s),
      added: s.addedCount,
      quick: quickLists(all),
      // The agent's registrable domain describes the page it saw; with live_differs that may be
      // a wall on another site, whose domain never becomes this tab's line (then: none).
      disavow: D.disavowLine(location.href, s.options.mine, D.reportRegistrable(s.report, location.href)),
      copied: s.copied,
    };
  }

  function scheduleRender(s) {
    if (!s.panel || s.renderTimer !== null) return;
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
    if (s.auto) return "Automatic outlines from this page's rel values: click LinkLens for the full analysis.";
    if (s.liveDiffers) return "Live classification: the agent saw a different page.";
    if (!s.report) {
      return s.connection?.state === "online"
        ? "From this page's rel values; the agent's analysis is on its way."
        : "From this page's rel values only: the agent is not connected.";
    }
    if (s.stopped) return "Checks were stopped: an unchecked link shows its follow state only.";
    if (s.interrupted) return "The analysis was interrupted: the results are partial.";
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

  function isSkipKey(event) {
    const k = UI.SKIP_KEY;
    return event.altKey === k.altKey && event.shiftKey === k.shiftKey && event.code === k.code
      && !event.ctrlKey && !event.metaKey;
  }

  function onKeydown(s, event) {
    if (event.key === "Escape") {
      // First the tooltip, then the panel (to its bar; the outlines stay).
      if (!s.tip.hidden) {
        hideTip(s);
        s.escapeClosesPanel = true;
        return;
      }
      const inPanel = document.activeElement === s.host;
      if (s.panel && !s.ui.minimised && (inPanel || s.escapeClosesPanel)) {
        s.escapeClosesPanel = false;
        setUi(s, { minimised: true });
        if (inPanel) s.returnFocus?.focus?.({ preventScroll: true });
      }
      return;
    }
    s.escapeClosesPanel = false;
    if (s.panel && isSkipKey(event)) {
      event.preventDefault();
      if (s.ui.minimised) setUi(s, { minimised: false });
      s.panel.focus();
    }
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
    on(document, "keydown", (event) => onKeydown(s, event), true);
    on(window, "scroll", () => hideTip(s), { capture: true, passive: true });
    on(window, "resize", () => {
      hideTip(s);
      s.panel?.reclamp();
    }, { passive: true });
    // In-tab navigation (history API, hash routes): the Navigation API sees pushState from any
    // world; popstate and the per-frame mutation batch cover browsers without it.
    if (root.navigation && typeof root.navigation.addEventListener === "function") {
      on(root.navigation, "navigatesuccess", () => checkRoute(s));
    }
    on(window, "popstate", () => checkRoute(s));
    on(window, "hashchange", () => checkRoute(s));
  }

  function checkRoute(s) {
    if (session !== s || D.sameScanTarget(s.url, location.href)) return;
    if (s.routeChanged === location.href) return;
    s.routeChanged = location.href;
    scheduleRender(s);
  }

  // ---- Links that appear after the click ----

  function textOf(el) {
    const text = el.localName === "area" ? el.getAttribute("alt") || "" : el.textContent || "";
    const collapsed = text.replace(/\s+/g, " ").trim();
    if (collapsed || el.localName === "area") return collapsed;
    const img = el.querySelector("img[alt]");
    return img ? img.getAttribute("alt").trim() : "";
  }

  /** The collector's fields for one element (the few the overlay needs), read directly. */
  function recordOf(el, id) {
    const attr = el.getAttribute("href");
    let href = null;
    if (attr !== null) {
      try {
        href = new URL(attr, el.baseURI).href;
      } catch {
        href = attr;
      }
    }
    const visible = typeof el.checkVisibility === "function"
      ? el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) : true;
    return {
      id, href, rel: el.getAttribute("rel") || "", text: textOf(el), tag: el.localName === "area" ? "area" : "a",
      context: "main", visible, hidden_reason: visible ? null : "display",
    };
  }

  function register(s, el) {
    s.addedCount += 1;
    const liveId = `${ADDED_ID_PREFIX}${s.addedCount}`;
    s.elements.set(liveId, el);
    s.idOf.set(el, liveId);
    s.live.set(liveId, R.liveLink(recordOf(el, liveId), s.pageNofollow, s.options.mine));
    matchAgent(s, liveId);
    paint(s, liveId);
  }

  /** An element's href or rel changed: classify it again (and forget a match that no longer holds). */
  function refresh(s, el) {
    const liveId = s.idOf.get(el);
    const before = s.live.get(liveId);
    const record = R.liveLink(recordOf(el, liveId), s.pageNofollow, s.options.mine);
    s.live.set(liveId, { ...before, ...record, id: null, live_id: before?.live_id ?? liveId });
    const agentLink = s.agentFor.get(liveId);
    if (agentLink && (agentLink.href !== record.href || !sameRel(agentLink.rel, record.rel))) unbind(s, liveId);
    matchAgent(s, liveId);
    s.boxModes.delete(el);
    paint(s, liveId);
  }

  function flushMutations(s) {
    s.frameRequested = false;
    if (s.frameTimer !== null) clearTimeout(s.frameTimer);
    s.frameTimer = null;
    if (session !== s) return;
    const records = s.mutations;
    s.mutations = [];
    const added = new Set();
    const changed = new Set();
    let removed = false;
    for (const record of records) {
      if (record.type === "attributes") {
        if (s.idOf.has(record.target)) changed.add(record.target);
        else if (record.target.matches?.("a, area")) added.add(record.target);
        continue;
      }
      if (record.removedNodes.length) removed = true;
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1 || node === s.host) continue;
        if (node.matches("a, area")) added.add(node);
        for (const el of node.querySelectorAll("a, area")) added.add(el);
      }
    }
    for (const el of added) {
      if (!el.isConnected) continue;
      if (s.idOf.has(el)) changed.add(el); // moved or put back: read it again
      else register(s, el);
    }
    for (const el of changed) if (el.isConnected) refresh(s, el);
    checkRoute(s);
    if (added.size || changed.size || removed) scheduleRender(s);
  }

  function observe(s) {
    const observer = new MutationObserver((records) => {
      for (const r of records) s.mutations.push(r);
      if (s.frameRequested) return;
      s.frameRequested = true;
      // Once per frame, whatever the page does in between (infinite scroll adds in bursts).
      requestAnimationFrame(() => flushMutations(s));
      s.frameTimer = setTimeout(() => flushMutations(s), MUTATION_FALLBACK_MS);
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["href", "rel"] });
    s.listeners.push(() => observer.disconnect());
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

  /**
   * "linklens-news.example-blog-some-post-20261203-1412.csv": host, a slug of the path and the
   * local time, so two pages of one site exported the same day never share a name.
   */
  function exportName(extension, now = new Date()) {
    let host = "page";
    let path = "";
    try {
      const url = new URL(location.href);
      host = url.hostname || "page";
      path = url.pathname;
    } catch {
      // keep the defaults
    }
    const slug = path.toLowerCase().replace(/\.[a-z0-9]+$/, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
    const pad = (n) => String(n).padStart(2, "0");
    const time = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
    const safeHost = host.replace(/[^a-z0-9.-]/gi, "_");
    return `linklens-${safeHost}${slug ? `-${slug}` : ""}-${time}.${extension}`;
  }

  /** The report's CSV with the page's URL as a first column, so rows from many pages can be merged. */
  function csvWithPage(report) {
    const rows = P.reportRows(report);
    const page = P.csvCell(location.href);
    return rows.map((row, i) => [i === 0 ? "page_url" : page, ...row].map(P.csvQuote).join(",") + "\r\n").join("");
  }

  function download(s, text, type, extension) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = UI.h("a", { href: url, download: exportName(extension) });
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

  // ---- The panel's own state, remembered per site ----

  function saveUi(s) {
    const host = D.hostOf(location.href) || "";
    const ui = s.ui;
    // chrome.storage from the content script: the worker reads it back on the next click here.
    chrome.storage.local.get("panel").then((stored) => {
      const panel = stored.panel && typeof stored.panel === "object" ? stored.panel : {};
      delete panel[host];
      panel[host] = { minimised: ui.minimised, dock: ui.dock, left: ui.left, top: ui.top, compact: ui.compact,
        mineOpen: ui.mineOpen };
      // The most recent 200 sites are enough; older ones fall back to the defaults.
      const hosts = Object.keys(panel);
      for (const old of hosts.slice(0, Math.max(0, hosts.length - 200))) delete panel[old];
      return chrome.storage.local.set({ panel });
    }).catch(() => {});
  }

  function applyCompact(s) {
    if (s.ui.compact) document.documentElement.setAttribute(COMPACT_ATTR, "");
    else if (document.documentElement.hasAttribute(COMPACT_ATTR)) document.documentElement.removeAttribute(COMPACT_ATTR);
  }

  function setUi(s, changes) {
    s.ui = { ...s.ui, ...changes };
    if (s.panel) s.panel.applyUi(s.ui);
    applyCompact(s);
    saveUi(s);
    if (s.panel) s.panel.update(panelModel(s));
  }

  function handlers(s) {
    return {
      onShow: (liveId) => flash(s, liveId),
      onFilter: (state, shown) => {
        s.filters[state] = shown;
        paintAll(s);
        scheduleRender(s);
      },
      // Retry resends the analysis itself: a worker restarted in between may have lost the job.
      onRetry: () => {
        s.error = null;
        s.interrupted = false;
        s.finished = false;
        s.checkSince = null;
        scheduleRender(s);
        chrome.runtime.sendMessage({ linklens: "retry", id: s.jobId, url: s.url, links: s.collection.links || [] })
          .catch(() => {});
      },
      onStop: () => {
        s.stopped = true;
        s.progress = null;
        scheduleRender(s);
        chrome.runtime.sendMessage({ linklens: "stop", id: s.jobId }).catch(() => {});
      },
      onRescan: () => chrome.runtime.sendMessage({ linklens: "rescan" }).catch(() => {}),
      onOptions: () => chrome.runtime.sendMessage({ linklens: "options" }).catch(() => {}),
      // The permission prompt must come from an extension page: the options open with the site filled in.
      onAutoSite: () => chrome.runtime.sendMessage({ linklens: "options", site: location.origin }).catch(() => {}),
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
        if (format === "csv") download(s, csvWithPage(report), "text/csv", "csv");
        else download(s, JSON.stringify({ page_url: location.href, ...report }, null, 2), "application/json", "json");
      },
      onCopy: (text, what) => {
        if (!text) return;
        copyText(s, text).then((ok) => {
          s.copied = ok ? `Copied: ${what}` : "The browser refused the clipboard: copy it from the export instead.";
          scheduleRender(s);
        });
      },
      onCompact: (on) => setUi(s, { compact: on }),
      onMineToggle: (open) => {
        if (s.ui.mineOpen === open) return;
        s.ui = { ...s.ui, mineOpen: open };
        saveUi(s);
      },
      onUi: (changes) => setUi(s, changes),
    };
  }

  function buildUi(s, withPanel) {
    const host = document.createElement("linklens-ui");
    for (const [prop, value] of [["all", "initial"], ["position", "fixed"], ["top", "0"], ["left", "0"],
      ["width", "0"], ["height", "0"], ["z-index", "2147483647"], ["display", "block"], ["pointer-events", "none"]]) {
      host.style.setProperty(prop, value, "important");
    }
    const shadow = host.attachShadow({ mode: "closed" });
    s.host = host;
    s.shadow = shadow;
    if (withPanel) {
      s.panel = UI.create(shadow, handlers(s));
    } else {
      UI.adoptStyles(shadow, UI.CSS); // the tooltip's styles (create() adopts them with the panel)
    }
    s.tip = UI.h("div", { class: "tip", role: "tooltip", hidden: true, "data-part": "tooltip" });
    shadow.append(s.tip);
    document.documentElement.append(host);
    if (s.panel) s.panel.applyUi(s.ui);
  }

  // ---- Agent messages (forwarded by the worker) ----
  function onReport(s, report) {
    s.report = report;
    s.interrupted = false;
    s.liveDiffers = (report.flags || []).some((f) => f.code === "live_differs");
    s.agentFor = new Map();
    s.liveFor = new Map();
    s.byHref = new Map();
    for (const link of report.links || []) {
      if (link.href) {
        if (!s.byHref.has(link.href)) s.byHref.set(link.href, []);
        s.byHref.get(link.href).push(link);
      }
      const liveId = link.live_id === null || link.live_id === undefined ? null : String(link.live_id);
      if (liveId !== null && s.elements.has(liveId)) bind(s, liveId, link);
    }
    // Links that appeared after the click were not sent: match them by URL now.
    for (const liveId of s.elements.keys()) if (liveId.startsWith(ADDED_ID_PREFIX)) matchAgent(s, liveId);
    paintAll(s);
  }

  function onAgentMessage(s, message) {
    if (s.stopped) return; // the person stopped the checks: keep what is there, take nothing more
    switch (message.type) {
      case "progress":
        s.progress = message;
        s.interrupted = false;
        if (message.stage === "check" && s.checkSince === null) s.checkSince = Date.now();
        break;
      case "report":
        onReport(s, message.report);
        if (s.checkSince === null) s.checkSince = Date.now();
        break;
      case "link_updates": {
        if (!s.report) break;
        for (const link of R.applyUpdates(s.report, message.updates)) {
          for (const liveId of s.liveFor.get(link.id) || []) paint(s, liveId);
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

  function onConnection(s, connection) {
    const was = s.connection?.state;
    s.connection = connection;
    // Online before, not now, and the job had not finished: what is on screen is partial.
    if (was === "online" && connection.state !== "online" && connection.state !== "connecting"
      && !s.finished && !s.stopped && !s.error) {
      s.interrupted = true;
      s.progress = null;
    }
    scheduleRender(s);
  }

  /**
   * The worker is stopped after 30 s without events (an offline agent sends none) and nothing
   * would start it again: a waiting overlay asks it how things stand, which starts it; it reads
   * its jobs back from storage.session and reconnects. A job it no longer knows is sent again.
   */
  function wakeWorker(s) {
    if (session !== s || s.auto || s.finished || s.stopped || s.error) return;
    if (s.connection?.state === "online" && !s.interrupted) return;
    chrome.runtime.sendMessage({ linklens: "status", id: s.jobId }).then((info) => {
      if (session !== s || !info || info.error) return;
      if (info.known === false) {
        handlers(s).onRetry();
        return;
      }
      onConnection(s, info);
    }).catch(() => {});
  }

  chrome.runtime.onMessage.addListener((payload) => {
    const s = session;
    if (!s || !payload || payload.id !== s.jobId) return false;
    if (payload.linklens === "agent") onAgentMessage(s, payload.message);
    else if (payload.linklens === "connection") onConnection(s, payload.connection);
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
    const stored = options.panel && typeof options.panel === "object" ? options.panel : {};
    const s = {
      jobId: options.jobId, url: location.href, options, collection, elements, idOf, live, pageNofollow,
      auto: Boolean(options.auto),
      report: null, agentFor: new Map(), liveFor: new Map(), byHref: new Map(), liveDiffers: false,
      filters: { ...Object.fromEntries(R.STATES.map((st) => [st, true])), ...(options.highlight || {}) },
      connection: options.connection || null, progress: null, finished: false, error: null,
      stopped: false, interrupted: false, routeChanged: null, checkSince: null,
      listLimit: UI.LIST_PAGE, copied: null, inlineStyles: new Map(), boxModes: new WeakMap(), renderTimer: null,
      timers: new Set(), listeners: [], host: null, shadow: null, panel: null, tip: null,
      mutations: [], frameRequested: false, frameTimer: null, addedCount: 0, escapeClosesPanel: false,
      returnFocus: document.activeElement,
      ui: { minimised: Boolean(stored.minimised), dock: stored.dock === "left" ? "left" : "right",
        left: Number.isFinite(stored.left) ? stored.left : null, top: Number.isFinite(stored.top) ? stored.top : null,
        compact: Boolean(stored.compact), mineOpen: typeof stored.mineOpen === "boolean" ? stored.mineOpen : null },
    };
    session = s; // before the UI exists, so a failure below is undone by teardown()
    buildUi(s, !s.auto);
    applyCompact(s);
    listen(s);
    observe(s);
    paintAll(s);
    if (s.panel) {
      s.panel.update(panelModel(s));
      // While checks run, the "for N s" and the waiting list move on their own; while the agent
      // is away, the worker is asked how things stand every few seconds.
      let ticks = 0;
      const tick = setInterval(() => {
        ticks += 1;
        if (session === s && !s.finished && !s.stopped && s.report) scheduleRender(s);
        if (ticks % WAKE_EVERY_TICKS === 0) wakeWorker(s);
      }, 1000);
      s.listeners.push(() => clearInterval(tick));
      // Opening the panel moves focus into it (keyboard users land where the results are);
      // not when it opens minimised: then the page keeps its focus.
      if (!s.ui.minimised) s.panel.focus();
    }
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
    if (s.frameTimer !== null) clearTimeout(s.frameTimer);
    for (const el of s.elements.values()) {
      for (const name of ATTRS) if (el.hasAttribute(name)) el.removeAttribute(name);
    }
    for (const [el, original] of s.inlineStyles) restoreStyle(el, original);
    if (document.documentElement.hasAttribute(COMPACT_ATTR)) document.documentElement.removeAttribute(COMPACT_ATTR);
    s.host?.remove();
  }

  /**
   * The click: start; or, when already active on this URL, remove everything; or, after in-app
   * navigation changed the URL, scan the new state. Automatic outlines are replaced by the full
   * analysis. Returns what the worker needs for `analyze`. "This URL" ignores an in-page anchor
   * (#section) but not a hash route (#/inbox): see LinkLensDomains.scanTarget.
   */
  function toggle(options) {
    if (session && !session.auto && D.sameScanTarget(session.url, location.href)) {
      teardown();
      return { action: "removed" };
    }
    const rescan = session !== null && !session.auto;
    teardown();
    try {
      const s = start(options);
      return { action: rescan ? "rescanned" : "started", url: location.href, links: s.collection.links || [] };
    } catch (error) {
      teardown(); // whatever start() managed to add goes again
      return { action: "failed", reason: String(error && error.message ? error.message : error) };
    }
  }

  /** Automatic mode: outlines from rel on load, no panel, no agent; a click still does the rest. */
  function startAuto(options) {
    if (session) return { action: "active" };
    try {
      start({ ...options, auto: true, jobId: null });
      return { action: "auto" };
    } catch (error) {
      teardown();
      return { action: "failed", reason: String(error && error.message ? error.message : error) };
    }
  }

  root.LinkLensOverlay = Object.freeze({
    toggle, startAuto, teardown, exportName,
    isActive: () => session !== null,
    mode: () => (session ? (session.auto ? "auto" : "full") : null),
  });
})(globalThis);
