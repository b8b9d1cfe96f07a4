/*
 * The panel (content script, classic): the page's summary, filters, the link list, "your links",
 * this page as a backlink source, links that cannot be outlined, progress and connection state,
 * and the CSV/JSON export. It lives in the overlay's CLOSED shadow root and builds every node
 * with createElement/textContent: page strings are never parsed as HTML.
 *
 * It only renders a model the overlay gives it and calls the overlay's handlers; the overlay owns
 * the state. Also exports `h`, the DOM builder the overlay's tooltip uses.
 */
(function definePanel(root) {
  "use strict";
  if (root.LinkLensPanel) return;

  /** h("div", {class: "x", onclick: f}, "text", child): text children become text nodes. */
  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
    }
    return node;
  }

  const STATE_LABELS = {
    dofollow: "dofollow", nofollow: "nofollow", ugc: "ugc (nofollow)", sponsored: "sponsored (nofollow)",
    suspicious: "suspicious", broken: "broken (incl. soft 404)",
  };
  /** Row titles: what a count covers where the label alone cannot say it. */
  const STATE_TITLES = {
    broken: "Links that answer 4xx/5xx, and soft 404s: pages that answer 200 but say they are not found.",
  };
  const STAGE_LABELS = {
    render: "Rendering the page in the agent's browser",
    extract: "Extracting links",
    check: "Checking where links lead",
    cloaking: "Comparing with what Googlebot sees",
  };
  const LIST_PAGE = 200; // list rows drawn at once: the list stays light with thousands of links

  const PANEL_CSS = `
:host { all: initial; }
.panel { position: fixed; top: 12px; right: 12px; width: 360px; max-height: calc(100vh - 24px);
  display: flex; flex-direction: column; pointer-events: auto; box-sizing: border-box;
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328;
  background: #ffffff; border: 1px solid #8c959f; border-radius: 8px;
  box-shadow: 0 8px 24px rgba(0,0,0,.25); }
.head { display: flex; align-items: center; gap: 8px; padding: 8px 10px; cursor: move;
  background: #162d54; color: #ffffff; border-radius: 8px 8px 0 0; user-select: none; }
.head strong { flex: 1; font-size: 14px; }
.head button { color: #ffffff; background: transparent; border: 1px solid #ffffff80; }
.body { overflow: auto; padding: 8px 10px 10px; }
section { margin: 0 0 10px; }
h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; margin: 8px 0 4px; color: #57606a; }
button { font: inherit; font-size: 12px; padding: 2px 8px; border-radius: 4px; cursor: pointer;
  border: 1px solid #8c959f; background: #f6f8fa; color: #1f2328; }
button:disabled { cursor: not-allowed; opacity: .6; }
button:focus-visible, .item:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
code { font: 12px ui-monospace, monospace; background: #eff1f3; padding: 1px 4px; border-radius: 3px; }
.status { padding: 6px 8px; border-radius: 6px; background: #ddf4ff; margin-bottom: 8px; }
.status.warn { background: #fff8c5; }
.status.bad { background: #ffebe9; }
.progress { height: 4px; background: #d0d7de; border-radius: 2px; margin-top: 4px; overflow: hidden; }
.progress > div { height: 100%; background: #0969da; }
.counts { display: grid; grid-template-columns: auto 1fr auto; gap: 2px 8px; align-items: center; }
.swatch { display: inline-block; width: 22px; height: 10px; box-sizing: border-box; }
.sw-dofollow { border: 2px solid #1a7f37; }
.sw-nofollow { border: 2px dashed #bc4c00; }
.sw-ugc { border: 3px dotted #0969da; }
.sw-sponsored { border: 4px double #8250df; }
.sw-suspicious { border: 3px solid #cf222e; }
.sw-broken { border: 3px dashed #bf3989; }
.facts { color: #57606a; font-size: 12px; }
.list { list-style: none; margin: 0; padding: 0; }
.item { padding: 4px 6px; border-radius: 4px; cursor: pointer; overflow-wrap: anywhere; }
.item:hover { background: #f6f8fa; }
.item .tag { font-size: 11px; font-weight: 600; padding: 0 4px; border-radius: 3px; margin-right: 4px;
  color: #ffffff; }
.tag-dofollow { background: #1a7f37; } .tag-nofollow { background: #bc4c00; }
.tag-ugc { background: #0969da; } .tag-sponsored { background: #8250df; }
.tag-suspicious { background: #cf222e; } .tag-broken { background: #bf3989; }
.mine { border-left: 4px solid #d4a72c; padding-left: 6px; margin-bottom: 6px; }
.reason { color: #57606a; font-size: 12px; }
.risk { font-size: 16px; font-weight: 600; }
.row { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
@media (prefers-color-scheme: dark) {
  .panel { color: #e6edf3; background: #161b22; border-color: #6e7681; }
  h2, .facts, .reason { color: #9198a1; }
  button { background: #21262d; color: #e6edf3; border-color: #6e7681; }
  code { background: #2d333b; }
  .status { background: #0c2d6b; } .status.warn { background: #3b2e00; } .status.bad { background: #4b1113; }
  .item:hover { background: #21262d; }
}
.tip { position: fixed; max-width: 420px; pointer-events: none; box-sizing: border-box;
  font: 12px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #ffffff;
  border: 1px solid #8c959f; border-radius: 6px; padding: 8px 10px; box-shadow: 0 6px 18px rgba(0,0,0,.3);
  overflow-wrap: anywhere; }
.tip[hidden] { display: none; }
.tip .url { font-weight: 600; }
.tip dl { display: grid; grid-template-columns: auto 1fr; gap: 1px 8px; margin: 6px 0 0; }
.tip dt { color: #57606a; } .tip dd { margin: 0; }
.tip ul { margin: 4px 0 0; padding-left: 16px; }
.sev-danger { color: #cf222e; } .sev-warning { color: #9a6700; }
@media (prefers-color-scheme: dark) {
  .tip { color: #e6edf3; background: #161b22; border-color: #6e7681; }
  .tip dt { color: #9198a1; } .sev-danger { color: #ff7b72; } .sev-warning { color: #d29922; }
}`;

  function yesNo(value) {
    return value ? "yes" : "no";
  }

  function statusText(link) {
    if (link.health === null || link.health === undefined) {
      return link.status ? String(link.status) : "not checked yet";
    }
    const health = link.health === "soft_404" ? "soft 404" : link.health;
    return `${health}${link.status ? ` (HTTP ${link.status})` : ""}`;
  }

  /** A list item's tag: its state, and "soft 404" when that is why it counts as broken. */
  function tagText(link, state) {
    return state === "broken" && link.health === "soft_404" ? "broken: soft 404" : state;
  }

  function progressBar(share) {
    const bar = h("div", {});
    bar.style.width = `${Math.round(share * 100)}%`; // CSSOM, not a style attribute (page CSP)
    return bar;
  }

  function connectionBanner(model, handlers) {
    const c = model.connection || {};
    switch (c.state) {
      case "offline":
        return h("div", { class: "status bad", "data-part": "agent-down" },
          "The LinkLens agent is not running. Start it in a terminal with ",
          h("code", {}, "linklens serve"),
          ", then press Retry. Meanwhile the outlines show what this page's own rel values say.",
          h("div", { class: "row" }, h("button", { onclick: handlers.onRetry }, "Retry")));
      case "unpaired":
        return h("div", { class: "status warn", "data-part": "unpaired" },
          "Not paired with the agent: run ", h("code", {}, "linklens token"),
          " and paste the token in the LinkLens options.",
          h("div", { class: "row" }, h("button", { onclick: handlers.onOptions }, "Open options")));
      case "incompatible":
        return h("div", { class: "status bad", "data-part": "incompatible" },
          `The agent${c.agentVersion ? ` (version ${c.agentVersion})` : ""} speaks another protocol version; update the older one.`);
      case "connecting":
        return h("div", { class: "status" }, "Connecting to the agent…");
      default:
        return null;
    }
  }

  function jobBanner(model, handlers) {
    if (model.error) {
      const number = root.LinkLensProtocol?.ERRORS[model.error.code]?.[0];
      return h("div", { class: "status bad", "data-part": "error" },
        `The agent could not analyse this page${number ? ` (error ${number})` : ""}: ${model.error.message}`,
        model.error.code === "busy" ? h("div", { class: "row" }, h("button", { onclick: handlers.onRetry }, "Retry")) : null);
    }
    if (model.connection?.state !== "online") return null;
    if (model.finished) {
      return h("div", { class: "status", "data-part": "done" },
        `Done: ${model.summary.total} links analysed by the agent${model.agentVersion ? ` ${model.agentVersion}` : ""}.`,
        model.report?.partial ? " The page did not finish loading in time: the result is partial." : "",
        model.report?.truncated ? " Too many links: the list was cut at the link cap." : "");
    }
    const p = model.progress;
    const label = p ? STAGE_LABELS[p.stage] || p.stage : "Waiting for the agent";
    const share = p && p.total > 0 ? Math.min(1, p.done / p.total) : null;
    return h("div", { class: "status", "data-part": "progress" },
      `${label}${p && p.total > 0 ? ` (${p.done}/${p.total})` : ""}…`,
      share === null ? null : h("div", { class: "progress" }, progressBar(share)));
  }

  function mineSection(model, handlers) {
    if (!model.mineDomains.length) {
      return h("section", { "data-part": "your-links" },
        h("h2", {}, "Your links"),
        h("p", { class: "facts" }, "List your own domains in the options to check your links on every page: dofollow, visible, crawlable, working."),
        h("button", { onclick: handlers.onOptions }, "Open options"));
    }
    const items = model.mineLinks.map(({ link, liveId }) => h("li", {
      class: "mine item", tabindex: "0", "data-part": "mine-link",
      onclick: () => handlers.onShow(liveId),
    },
    h("div", {}, link.href || "(no href)"),
    h("div", { class: "reason" },
      `${root.LinkLensReport.followReason(link)} · visible: ${link.visible ? "yes" : `no (${root.LinkLensReport.hiddenWords(link)})`}`
      + ` · crawlable: ${yesNo(link.crawlable)} · status: ${statusText(link)}`)));
    return h("section", { "data-part": "your-links" },
      h("h2", {}, "Your links"),
      items.length ? h("ul", { class: "list" }, items)
        : h("p", { class: "facts" }, `No link to your domains (${model.mineDomains.join(", ")}) on this page.`));
  }

  function sourceSection(model, handlers) {
    const report = model.report;
    const reasons = (report?.flags || []).map((f) => h("li", { class: `sev-${f.severity}` }, f.message));
    const disavow = model.disavow;
    // With live_differs the agent measured another page (a login or consent wall): its risk and
    // reasons stay visible, labelled as such, never presented as this page's.
    const elsewhere = Boolean(report && model.liveDiffers);
    return h("section", { "data-part": "backlink-source" },
      h("h2", {}, "This page as a backlink source"),
      report ? h("div", { class: "risk", "data-part": "risk" },
        elsewhere ? `Risk of the page the agent saw: ${report.risk ?? 0}/100` : `Risk ${report.risk ?? 0}/100`)
        : h("p", { class: "facts" }, "Page risk comes with the agent's report."),
      elsewhere ? h("p", { class: "status warn", "data-part": "risk-elsewhere" },
        "Measured on the page the agent saw, which differs from yours (a login or consent wall?): "
        + "this risk and these reasons may not describe the page in your tab.") : null,
      reasons.length ? h("ul", {}, reasons) : report ? h("p", { class: "facts" }, "No page-level warning.") : null,
      h("div", { class: "row" },
        h("button", { disabled: !disavow.line, title: disavow.reason || "Copy the line for Google's disavow file",
          onclick: () => handlers.onCopyDisavow(disavow.line), "data-part": "disavow" }, "Copy disavow line"),
        disavow.line ? h("code", { "data-part": "disavow-line" }, disavow.line)
          : h("span", { class: "reason", "data-part": "disavow-reason" }, disavow.reason)),
      model.copied ? h("div", { class: "facts", "data-part": "copied" }, model.copied) : null);
  }

  function countsSection(model, handlers) {
    const s = model.summary;
    const rows = root.LinkLensReport.STATES.map((state) => [
      h("input", { type: "checkbox", checked: model.filters[state], "aria-label": `show ${state}`,
        "data-state": state, onchange: (e) => handlers.onFilter(state, e.target.checked) }),
      h("span", { title: STATE_TITLES[state] || null, "data-label": state },
        h("span", { class: `swatch sw-${state}` }), " ", STATE_LABELS[state]),
      h("span", { "data-count": state }, String(model.counts[state])),
    ]);
    const facts = [
      `${s.total ?? 0} links`,
      s.internal !== undefined ? `${s.internal} internal, ${s.external} external` : null,
      s.js_generated !== undefined ? `${s.js_generated} created by JavaScript` : null,
      `${s.hidden ?? 0} hidden`,
      `${s.not_crawlable ?? 0} not crawlable`,
      s.redirect !== undefined ? `${s.redirect} redirect` : null,
      s.blocked !== undefined ? `${s.blocked} blocked` : null,
    ].filter(Boolean);
    return h("section", { "data-part": "summary" },
      h("h2", {}, model.report ? "Summary" : "Summary (live page, before the agent's report)"),
      h("div", { class: "counts" }, rows),
      // The summary counts facts, the filters outlines: rows overlap (ugc is also nofollow, a
      // broken link is also dofollow or nofollow), so say so rather than let the sum puzzle.
      h("p", { class: "facts" }, "A link can count in several rows (ugc and sponsored are nofollow; broken and suspicious links are also dofollow or nofollow; a soft 404 counts as broken). The boxes show or hide outlines by the state drawn."),
      h("p", { class: "facts", "data-part": "facts" }, facts.join(" · ")));
  }

  function listSection(model, handlers) {
    const shown = model.listed.slice(0, model.listLimit);
    const items = shown.map(({ link, state, liveId }) => h("li", {
      class: "item", tabindex: "0", "data-part": "link-item",
      onclick: () => handlers.onShow(liveId),
      onkeydown: (e) => { if (e.key === "Enter") handlers.onShow(liveId); },
    }, h("span", { class: `tag tag-${state}` }, tagText(link, state)), link.text || "(no text)", " ",
    h("span", { class: "reason" }, link.href || "(no href)")));
    return h("section", { "data-part": "links" },
      h("h2", {}, `Links (${model.listed.length})`),
      h("ul", { class: "list" }, items),
      model.listed.length > shown.length
        ? h("button", { onclick: handlers.onMore }, `Show ${Math.min(LIST_PAGE, model.listed.length - shown.length)} more`)
        : null);
  }

  function unoutlinedSection(model, handlers) {
    if (!model.unoutlined.length) return null;
    return h("section", { "data-part": "unoutlined" },
      h("h2", {}, `Cannot be outlined (${model.unoutlined.length})`),
      h("ul", { class: "list" }, model.unoutlined.slice(0, LIST_PAGE).map(({ link, reason, liveId }) => h("li", {
        class: "item", "data-part": "unoutlined-item", onclick: liveId ? () => handlers.onShow(liveId) : null,
      }, link.text || "(no text)", " ", h("span", { class: "reason" }, `${link.href || "(no href)"} — ${reason}`)))));
  }

  function exportSection(model, handlers) {
    return h("section", { "data-part": "export" },
      h("h2", {}, model.report ? "Export the report" : "Export (live page only, until the agent answers)"),
      h("div", { class: "row" },
        h("button", { onclick: () => handlers.onExport("csv"), "data-part": "export-csv" }, "CSV"),
        h("button", { onclick: () => handlers.onExport("json"), "data-part": "export-json" }, "JSON")));
  }

  function liveDiffersNote(model) {
    if (!model.liveDiffers) return null;
    const flag = (model.report?.flags || []).find((f) => f.code === "live_differs");
    return h("div", { class: "status warn", "data-part": "live-differs" },
      "The agent saw a different page (a login or consent wall?): the outlines show this tab's own links as classified from their rel values.",
      flag ? h("div", { class: "reason" }, flag.message) : null);
  }

  /**
   * Styles for the shadow root as a constructed sheet: a page's CSP (style-src) governs <style>
   * elements and style attributes, not constructed sheets. <style> is the fallback.
   */
  function adoptStyles(shadow, css) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
    } catch {
      shadow.append(h("style", {}, css));
    }
  }

  /** Make the panel draggable by its header (pointer capture: no listeners left on the page). */
  function makeDraggable(panel, handle) {
    handle.addEventListener("pointerdown", (event) => {
      if (event.target.closest("button")) return;
      const rect = panel.getBoundingClientRect();
      const dx = event.clientX - rect.left;
      const dy = event.clientY - rect.top;
      handle.setPointerCapture(event.pointerId);
      const move = (e) => {
        const left = Math.max(0, Math.min(window.innerWidth - 60, e.clientX - dx));
        const top = Math.max(0, Math.min(window.innerHeight - 30, e.clientY - dy));
        panel.style.left = `${left}px`;
        panel.style.top = `${top}px`;
        panel.style.right = "auto";
      };
      const up = () => {
        handle.removeEventListener("pointermove", move);
        handle.removeEventListener("pointerup", up);
      };
      handle.addEventListener("pointermove", move);
      handle.addEventListener("pointerup", up);
    });
  }

  /**
   * Build the panel into `shadow`. `handlers`: onShow(liveId), onFilter(state, on), onRetry(),
   * onOptions(), onClose(), onExport(format), onCopyDisavow(line), onMore().
   */
  function create(shadow, handlers) {
    adoptStyles(shadow, PANEL_CSS);
    const body = h("div", { class: "body" });
    const panel = h("div", { class: "panel", role: "dialog", "aria-label": "LinkLens", "data-part": "panel" },
      h("div", { class: "head" },
        h("strong", {}, "LinkLens"),
        h("button", { onclick: handlers.onClose, title: "Remove LinkLens from this page", "aria-label": "Close", "data-part": "close" }, "✕")),
      body);
    makeDraggable(panel, panel.firstChild);
    shadow.append(panel);
    return {
      element: panel,
      update(model) {
        const scroll = body.scrollTop;
        body.replaceChildren(...[
          connectionBanner(model, handlers),
          jobBanner(model, handlers),
          liveDiffersNote(model),
          mineSection(model, handlers),
          sourceSection(model, handlers),
          countsSection(model, handlers),
          listSection(model, handlers),
          unoutlinedSection(model, handlers),
          exportSection(model, handlers),
        ].filter(Boolean));
        body.scrollTop = scroll;
      },
    };
  }

  /** Tooltip content for one link (the overlay positions it). */
  function tooltipContent(link, extra) {
    const R = root.LinkLensReport;
    const rows = [
      ["rel", link.rel && link.rel.length ? link.rel.join(" ") : "(none)"],
      ["follow", R.followReason(link)],
      ["health", statusText(link)],
    ];
    if (link.redirects && link.redirects.length) {
      rows.push(["redirects", link.redirects.map((r) => `${r.status} ${r.url}`).join(" → ")
        + (link.final_url ? ` → ${link.final_url}` : "")]);
    } else if (link.final_url && link.final_url !== link.href) {
      rows.push(["final URL", link.final_url]);
    }
    if (link.id !== null && link.id !== undefined) rows.push(["risk", `${link.risk}/100 (${link.verdict})`]);
    const facts = [
      link.js_generated ? "created by JavaScript" : null,
      link.mine ? "one of your domains" : null,
      link.visible ? null : root.LinkLensReport.hiddenText(link),
      link.crawlable ? null : "not crawlable",
      link.internal ? "internal" : null,
      link.context && link.context !== "main" ? `in ${link.context}` : null,
    ].filter(Boolean);
    if (facts.length) rows.push(["facts", facts.join(" · ")]);
    return [
      h("div", { class: "url" }, link.href || "(no href)"),
      link.text ? h("div", { class: "reason" }, `text: ${link.text}`) : null,
      h("dl", {}, rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
      link.flags && link.flags.length
        ? h("ul", {}, link.flags.map((f) => h("li", { class: `sev-${f.severity}` }, f.message)))
        : null,
      extra ? h("div", { class: "reason" }, extra) : null,
    ];
  }

  root.LinkLensPanel = Object.freeze({ h, adoptStyles, create, tooltipContent, LIST_PAGE, STATE_LABELS, STATE_TITLES });
})(globalThis);
