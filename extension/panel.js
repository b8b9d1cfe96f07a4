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
    suspicious: "suspicious", broken: "broken (incl. soft 404)", redirect: "redirect", notlink: "not a link",
  };
  /** Row titles: what a count covers where the label alone cannot say it. */
  const STATE_TITLES = {
    broken: "Links that answer 4xx/5xx, and soft 404s: pages that answer 200 but say they are not found.",
    redirect: "Links that arrive at a working page only after one or more redirects.",
    notlink: "An <a> without href, or a javascript: link: no link for a search engine, so not dofollow.",
  };
  /** How each state is drawn, in words (the legend; nothing relies on colour alone). */
  const STATE_PATTERNS = {
    dofollow: "green, thin solid", nofollow: "orange, dashed", ugc: "blue, dotted", sponsored: "purple, double",
    suspicious: "red, thick solid, hatched, wavy underline", broken: "magenta, dashed, struck through",
    redirect: "amber, solid, double underline", notlink: "grey, dotted",
  };
  /** Marks drawn on top of any state. */
  const EXTRA_MARKS = [
    ["js", "created by JavaScript", "an extra teal ring"],
    ["mine", "one of your domains", "a yellow marker fill"],
    ["wavy", "suspicious", "wavy underline and hatching"],
    ["strike", "broken", "struck through"],
    ["double", "redirect", "double underline"],
  ];
  const STAGE_LABELS = {
    render: "Rendering the page in the agent's browser",
    extract: "Extracting links",
    check: "Checking where links lead",
    cloaking: "Comparing with what Googlebot sees",
  };
  const LIST_PAGE = 200; // list rows drawn at once: the list stays light with thousands of links
  const MINE_OPEN_MAX = 5; // "your links" longer than this starts folded
  const PENDING_SHOWN = 5; // links named in "still checking"
  /** The key that moves focus to the panel from anywhere on the page. */
  const SKIP_KEY = Object.freeze({ altKey: true, shiftKey: true, code: "KeyK", label: "Alt+Shift+K" });

  const PANEL_CSS = `
:host { all: initial; }
.panel { position: fixed; top: 12px; right: 12px; width: 360px; max-height: calc(100vh - 24px);
  display: flex; flex-direction: column; pointer-events: auto; box-sizing: border-box;
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328;
  background: #ffffff; border: 1px solid #8c959f; border-radius: 8px;
  box-shadow: 0 8px 24px rgba(0,0,0,.25); }
.panel.min { width: auto; max-width: calc(100vw - 24px); }
.panel.min .body { display: none; }
.panel.min .head { border-radius: 8px; }
.panel:focus { outline: none; }
.panel:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
.head { display: flex; align-items: center; gap: 6px; padding: 6px 8px; cursor: move;
  background: #162d54; color: #ffffff; border-radius: 8px 8px 0 0; user-select: none; touch-action: none; }
.head strong { font-size: 14px; }
.head .bar { flex: 1; font-size: 12px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
.head button { color: #ffffff; background: transparent; border: 1px solid #ffffff80; padding: 1px 6px; }
.body { overflow: auto; padding: 8px 10px 10px; }
section { margin: 0 0 10px; }
h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; margin: 8px 0 4px; color: #57606a; }
details > summary { cursor: pointer; }
details > summary h2 { display: inline; }
button { font: inherit; font-size: 12px; padding: 2px 8px; border-radius: 4px; cursor: pointer;
  border: 1px solid #8c959f; background: #f6f8fa; color: #1f2328; }
button:disabled { cursor: not-allowed; opacity: .6; }
button:focus-visible, .item:focus-visible, summary:focus-visible, input:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
code { font: 12px ui-monospace, monospace; background: #eff1f3; padding: 1px 4px; border-radius: 3px; }
.status { padding: 6px 8px; border-radius: 6px; background: #ddf4ff; margin-bottom: 8px; }
.status.warn { background: #fff8c5; }
.status.bad { background: #ffebe9; }
.progress { height: 4px; background: #d0d7de; border-radius: 2px; margin-top: 4px; overflow: hidden; }
.progress > div { height: 100%; background: #0969da; }
.pending { margin: 4px 0 0; padding-left: 16px; font-size: 12px; overflow-wrap: anywhere; }
.counts { display: grid; grid-template-columns: auto 1fr auto; gap: 2px 8px; align-items: center; }
.swatch { display: inline-block; width: 22px; height: 10px; box-sizing: border-box; vertical-align: middle; }
.sw-dofollow { border: 2px solid #1a7f37; }
.sw-nofollow { border: 2px dashed #bc4c00; }
.sw-ugc { border: 3px dotted #0969da; }
.sw-sponsored { border: 4px double #8250df; }
.sw-suspicious { border: 3px solid #cf222e;
  background-image: repeating-linear-gradient(135deg, rgba(207,34,46,.28) 0 3px, transparent 3px 7px); }
.sw-broken { border: 3px dashed #bf3989; }
.sw-redirect { border: 2px solid #9a6700; }
.sw-notlink { border: 2px dotted #6e7781; }
.marks { list-style: none; margin: 4px 0 0; padding: 0; font-size: 12px; }
.marks li { margin: 2px 0; }
.mark { padding: 0 3px; }
.mark-js { box-shadow: 0 0 0 2px #ffffff, 0 0 0 4px #0a7ea4; outline: 1px solid #1a7f37; outline-offset: 5px; margin: 0 6px; }
.mark-mine { background: rgba(255, 214, 0, 0.45); }
.mark-wavy { text-decoration: underline wavy #cf222e;
  background-image: repeating-linear-gradient(135deg, rgba(207,34,46,.28) 0 3px, transparent 3px 7px); }
.mark-strike { text-decoration: line-through #bf3989; }
.mark-double { text-decoration: underline double #9a6700; }
.legend-hint { font-size: 12px; color: #57606a; }
.facts { color: #57606a; font-size: 12px; }
.list { list-style: none; margin: 0; padding: 0; }
.item { padding: 4px 6px; border-radius: 4px; cursor: pointer; overflow-wrap: anywhere; }
.item:hover { background: #f6f8fa; }
.item .tag { font-size: 11px; font-weight: 600; padding: 0 4px; border-radius: 3px; margin-right: 4px;
  color: #ffffff; }
.tag-dofollow { background: #1a7f37; } .tag-nofollow { background: #bc4c00; }
.tag-ugc { background: #0969da; } .tag-sponsored { background: #8250df; }
.tag-suspicious { background: #cf222e; } .tag-broken { background: #bf3989; }
.tag-redirect { background: #9a6700; } .tag-notlink { background: #6e7781; }
.mine { border-left: 4px solid #d4a72c; padding-left: 6px; margin-bottom: 6px; }
.reason { color: #57606a; font-size: 12px; }
.risk { font-size: 15px; font-weight: 600; margin-bottom: 4px; }
[data-part=page-risk] ul, [data-part=page-risk] p { margin: 0 0 6px; }
.row { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
label.toggle { font-size: 12px; display: inline-flex; gap: 4px; align-items: center; }
@media (prefers-color-scheme: dark) {
  .panel { color: #e6edf3; background: #161b22; border-color: #6e7681; }
  h2, .facts, .reason, .legend-hint { color: #9198a1; }
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
    return root.LinkLensReport.healthText(link);
  }

  /** A list item's tag: its state, and "soft 404" when that is why it counts as broken. */
  function tagText(link, state) {
    if (state === "broken" && link.health === "soft_404") return "broken: soft 404";
    if (state === "broken" && root.LinkLensReport.isRedirectLoop(link)) return "broken: redirect loop";
    if (state === "notlink") return "not a link";
    return state;
  }

  function progressBar(share) {
    const bar = h("div", {});
    bar.style.width = `${Math.round(share * 100)}%`; // CSSOM, not a style attribute (page CSP)
    return bar;
  }

  /** A list row that Enter, Space and a click all "show" (scroll to the link and flash it). */
  function showItem(props, onShow, ...children) {
    const activate = onShow ? () => onShow() : null;
    return h("li", {
      ...props,
      tabindex: "0",
      role: activate ? "button" : null,
      onclick: activate,
      onkeydown: activate ? (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          activate();
        }
      } : null,
    }, ...children);
  }

  function connectionBanner(model, handlers) {
    const c = model.connection || {};
    switch (c.state) {
      case "offline":
        return h("div", { class: "status bad", "data-part": "agent-down" },
          "Agent not running: the LinkLens agent does not answer on port ", String(c.port || "47113"),
          ". Start it in a terminal with ", h("code", {}, "linklens serve"),
          ", then press Retry. Meanwhile the outlines show what this page's own rel values say.",
          h("div", { class: "row" }, h("button", { onclick: handlers.onRetry, "data-part": "retry" }, "Retry")));
      case "unpaired":
        return h("div", { class: "status warn", "data-part": "unpaired" },
          c.reason === "no_token"
            ? ["Not paired: no token yet. Run ", h("code", {}, "linklens token"),
              " in a terminal and paste the token in the LinkLens options."]
            : ["Not paired: the agent is running but refused the saved token. Run ", h("code", {}, "linklens token"),
              " and paste the token it prints in the LinkLens options."],
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

  function pendingList(model) {
    const pending = model.pending || [];
    if (!pending.length) return null;
    const since = model.checkSeconds !== null && model.checkSeconds !== undefined
      ? ` (checking for ${model.checkSeconds} s)` : "";
    return h("div", { "data-part": "pending" },
      `Still waiting for ${pending.length} link${pending.length === 1 ? "" : "s"}${since}:`,
      h("ul", { class: "pending" }, pending.slice(0, PENDING_SHOWN).map((link) => h("li", {}, link.href))),
      pending.length > PENDING_SHOWN ? h("div", { class: "reason" }, `and ${pending.length - PENDING_SHOWN} more`) : null);
  }

  function jobBanner(model, handlers) {
    if (model.error) {
      const number = root.LinkLensProtocol?.ERRORS[model.error.code]?.[0];
      return h("div", { class: "status bad", "data-part": "error" },
        `The agent could not analyse this page${number ? ` (error ${number})` : ""}: ${model.error.message}`,
        h("div", { class: "row" }, h("button", { onclick: handlers.onRetry, "data-part": "retry" }, "Retry")));
    }
    if (model.stopped) {
      return h("div", { class: "status warn", "data-part": "stopped" },
        `Checks stopped: the results so far are kept (${model.checked} checked`
        + `${model.pending.length ? `, ${model.pending.length} not checked` : ""}).`
        + " Unchecked links show their follow state only.");
    }
    if (model.interrupted) {
      return h("div", { class: "status bad", "data-part": "interrupted" },
        "The analysis was interrupted (the connection to the agent broke): the results are partial. ",
        model.report
          ? `The outlines show the agent's results for the ${model.checked} links it had checked and the follow state from rel for the rest.`
          : "The outlines show what this page's own rel values say.",
        " Retry sends the analysis again.",
        h("div", { class: "row" }, h("button", { onclick: handlers.onRetry, "data-part": "retry" }, "Retry")));
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
    const checking = Boolean(model.report) && (p?.stage === "check" || (model.pending || []).length > 0);
    return h("div", { class: "status", "data-part": "progress" },
      `${label}${p && p.total > 0 ? ` (${p.done}/${p.total})` : ""}…`,
      share === null ? null : h("div", { class: "progress" }, progressBar(share)),
      checking ? pendingList(model) : null,
      checking ? h("div", { class: "row" }, h("button", { onclick: handlers.onStop, "data-part": "stop",
        title: "Stop the link checks; keep every result so far" }, "Stop checks")) : null);
  }

  /** Most external links failed DNS: more likely the agent's machine has no network than a dead web. */
  function dnsWarning(model) {
    if (!model.dnsSuspect) return null;
    const { failed, checked } = model.dnsSuspect;
    return h("div", { class: "status warn", "data-part": "dns-warning" },
      `${failed} of ${checked} external links failed their DNS lookup. The agent itself may be offline`
      + " (no network or DNS on the machine it runs on): these links are not necessarily broken."
      + " Check the agent's connection, then analyse again.");
  }

  function routeNote(model, handlers) {
    if (!model.routeChanged) return null;
    return h("div", { class: "status warn", "data-part": "route-changed" },
      "This tab moved to another view (", h("code", {}, model.routeChanged),
      ") without loading a new page: the results below are for the previous view. New links are outlined from their rel values.",
      h("div", { class: "row" }, h("button", { onclick: handlers.onRescan, "data-part": "rescan" }, "Analyse this view")));
  }

  function mineSection(model, handlers) {
    if (!model.mineDomains.length) {
      return h("section", { "data-part": "your-links" },
        h("h2", {}, "Your links"),
        h("p", { class: "facts" }, "List your own domains in the options to check your links on every page: dofollow, visible, crawlable, working."),
        h("button", { onclick: handlers.onOptions }, "Open options"));
    }
    const R = root.LinkLensReport;
    const items = model.mineLinks.map(({ link, liveId }) => showItem({
      class: "mine item", "data-part": "mine-link",
    }, liveId ? () => handlers.onShow(liveId) : null,
    h("div", {}, link.href || "(no href)"),
    h("div", { class: "reason" },
      `${R.followReason(link)} · visible: ${link.visible ? "yes" : `no (${R.hiddenWords(link)})`}`
      + ` · crawlable: ${yesNo(link.crawlable)} · status: ${statusText(link)}`),
    root.LinkLensWatch ? root.LinkLensWatch.part(link) : null)); // Watch button / "watched since" (watch-panel.js)
    if (!items.length) {
      return h("section", { "data-part": "your-links" },
        h("h2", {}, "Your links"),
        h("p", { class: "facts" }, `No link to your domains (${model.mineDomains.join(", ")}) on this page.`));
    }
    // A long list folds so the summary and the page's risk stay in view; the person's choice wins.
    const open = model.mineOpen === null || model.mineOpen === undefined ? items.length <= MINE_OPEN_MAX : model.mineOpen;
    const details = h("details", { "data-part": "your-links", open },
      h("summary", {}, h("h2", {}, `Your links (${items.length})`)),
      h("ul", { class: "list" }, items));
    details.addEventListener("toggle", () => handlers.onMineToggle(details.open));
    return details;
  }

  function riskLine(model) {
    const report = model.report;
    if (!report) return h("p", { class: "facts", "data-part": "risk-pending" }, "Page risk comes with the agent's report.");
    // With live_differs the agent measured another page (a login or consent wall): its risk and
    // reasons stay visible, labelled as such, never presented as this page's.
    const elsewhere = Boolean(model.liveDiffers);
    const reasons = (report.flags || []).map((f) => h("li", { class: `sev-${f.severity}` }, f.message));
    return h("div", { "data-part": "page-risk" },
      h("div", { class: "risk", "data-part": "risk" },
        elsewhere ? `Risk of the page the agent saw: ${report.risk ?? 0}/100` : `Page risk as a backlink source: ${report.risk ?? 0}/100`),
      elsewhere ? h("p", { class: "status warn", "data-part": "risk-elsewhere" },
        "Measured on the page the agent saw, which differs from yours (a login or consent wall?): "
        + "this risk and these reasons may not describe the page in your tab.") : null,
      reasons.length ? h("ul", {}, reasons) : h("p", { class: "facts" }, "No page-level warning."));
  }

  function actionsSection(model, handlers) {
    const disavow = model.disavow;
    const q = model.quick;
    return h("section", { "data-part": "actions" },
      h("h2", {}, "Quick actions"),
      h("div", { class: "row" },
        h("button", { disabled: !q.broken.length, "data-part": "copy-broken",
          title: "Copy the URL of every broken link, one per line",
          onclick: () => handlers.onCopy(q.broken.join("\n"), `${q.broken.length} broken URLs`) },
        `Copy broken URLs (${q.broken.length})`),
        h("button", { disabled: !q.externalDofollow.length, "data-part": "copy-external-dofollow",
          title: "Copy the URL of every external dofollow link, one per line",
          onclick: () => handlers.onCopy(q.externalDofollow.join("\n"), `${q.externalDofollow.length} external dofollow URLs`) },
        `Copy external dofollow URLs (${q.externalDofollow.length})`),
        h("button", { disabled: !disavow.line, title: disavow.reason || "Copy the line for Google's disavow file",
          onclick: () => handlers.onCopy(disavow.line, disavow.line), "data-part": "disavow" }, "Copy disavow line")),
      h("div", { class: "row" },
        disavow.line ? h("code", { "data-part": "disavow-line" }, disavow.line)
          : h("span", { class: "reason", "data-part": "disavow-reason" }, disavow.reason)),
      model.copied ? h("div", { class: "facts", "data-part": "copied" }, model.copied) : null,
      /^https?:/.test(location.protocol) ? h("div", { class: "row" },
        h("button", { "data-part": "auto-site", onclick: handlers.onAutoSite,
          title: "Outline this site's links from rel on every visit, without a click (asks the browser for this site only)" },
        "Outline this site on every visit…")) : null);
  }

  function countsSection(model, handlers) {
    const s = model.summary;
    const rows = root.LinkLensReport.STATES.map((state) => [
      h("input", { type: "checkbox", checked: model.filters[state], "aria-label": `show ${STATE_LABELS[state]}`,
        "data-state": state, onchange: (e) => handlers.onFilter(state, e.target.checked) }),
      h("span", { title: STATE_TITLES[state] || null, "data-label": state },
        h("span", { class: `swatch sw-${state}`, title: STATE_PATTERNS[state] }), " ", STATE_LABELS[state],
        h("span", { class: "legend-hint" }, ` — ${STATE_PATTERNS[state]}`)),
      h("span", { "data-count": state }, String(model.counts[state])),
    ]);
    const facts = [
      `${s.total ?? 0} links`,
      s.internal !== undefined ? `${s.internal} internal, ${s.external} external` : null,
      s.js_generated !== undefined ? `${s.js_generated} created by JavaScript` : null,
      `${s.hidden ?? 0} hidden`,
      `${s.not_crawlable ?? 0} not crawlable`,
      s.blocked !== undefined ? `${s.blocked} blocked` : null,
      model.added ? `${model.added} appeared after the click` : null,
    ].filter(Boolean);
    return h("section", { "data-part": "summary" },
      h("h2", {}, model.report ? "Summary" : "Summary (live page, before the agent's report)"),
      riskLine(model),
      h("div", { class: "counts", "data-part": "legend" }, rows),
      h("ul", { class: "marks", "data-part": "marks" }, EXTRA_MARKS.map(([mark, what, how]) =>
        h("li", { "data-mark": mark }, h("span", { class: `mark mark-${mark}` }, "link"), ` ${what}: ${how}`))),
      h("div", { class: "row" },
        h("label", { class: "toggle" },
          h("input", { type: "checkbox", checked: model.compact, "data-part": "compact",
            onchange: (e) => handlers.onCompact(e.target.checked) }),
          "Compact outlines (dense text: thin, no strike-through)")),
      h("p", { class: "facts", "data-part": "facts" }, facts.join(" · ")),
      // The summary counts facts, the filters outlines: rows overlap (ugc is also nofollow, a
      // broken link is also dofollow or nofollow), so say so rather than let the sum puzzle;
      // folded, so the summary stays short.
      h("details", { class: "facts" }, h("summary", {}, "Why the rows add up to more than the links"),
        "A link can count in several rows (ugc and sponsored are nofollow; broken, redirected and suspicious links are also dofollow or nofollow; a soft 404 counts as broken; a link without href or a javascript: link is not a link and never dofollow). The boxes show or hide outlines by the state drawn."));
  }

  function listSection(model, handlers) {
    const shown = model.listed.slice(0, model.listLimit);
    const items = shown.map(({ link, state, liveId }) => showItem({ class: "item", "data-part": "link-item" },
      liveId ? () => handlers.onShow(liveId) : null,
      h("span", { class: `tag tag-${state}` }, tagText(link, state)), link.text || "(no text)", " ",
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
      h("ul", { class: "list" }, model.unoutlined.slice(0, LIST_PAGE).map(({ link, reason, liveId }) => showItem({
        class: "item", "data-part": "unoutlined-item",
      }, liveId ? () => handlers.onShow(liveId) : null,
      link.text || "(no text)", " ", h("span", { class: "reason" }, `${link.href || "(no href)"} — ${reason}`)))));
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

  /** The minimised bar's one line: the counts that matter most. */
  function barText(model) {
    const c = model.counts;
    const parts = [`${c.dofollow} dofollow`, `${c.nofollow} nofollow`];
    if (c.suspicious) parts.push(`${c.suspicious} suspicious`);
    if (c.broken) parts.push(`${c.broken} broken`);
    if (!model.finished && model.connection?.state === "online" && !model.stopped) parts.push("checking…");
    return parts.join(" · ");
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

  const MARGIN = 12;

  /** A selector and an index that find "the same" control again after a rebuild. */
  function focusKey(body, el) {
    const attr = el.dataset.part ? "data-part" : el.dataset.state ? "data-state" : null;
    if (!attr) return null;
    const selector = `[${attr}="${el.getAttribute(attr)}"]`;
    return { selector, index: [...body.querySelectorAll(selector)].indexOf(el) };
  }

  function refocus(body, key) {
    const el = body.querySelectorAll(key.selector)[key.index];
    if (el) el.focus({ preventScroll: true });
  }

  /** Keep the whole panel inside the window (never under its edges, whatever its size). */
  function clampPosition(panel, left, top) {
    const rect = panel.getBoundingClientRect();
    const maxLeft = Math.max(0, window.innerWidth - rect.width);
    const maxTop = Math.max(0, window.innerHeight - rect.height);
    return { left: Math.round(Math.max(0, Math.min(maxLeft, left))), top: Math.round(Math.max(0, Math.min(maxTop, top))) };
  }

  /**
   * Make the panel draggable by its header (pointer capture: no listeners left on the page),
   * bounded to the window; `onMoved(left, top)` is told where it ended.
   */
  function makeDraggable(panel, handle, onMoved) {
    handle.addEventListener("pointerdown", (event) => {
      if (event.target.closest("button")) return;
      const rect = panel.getBoundingClientRect();
      const dx = event.clientX - rect.left;
      const dy = event.clientY - rect.top;
      handle.setPointerCapture(event.pointerId);
      let last = null;
      const move = (e) => {
        last = clampPosition(panel, e.clientX - dx, e.clientY - dy);
        panel.style.left = `${last.left}px`;
        panel.style.top = `${last.top}px`;
        panel.style.right = "auto";
      };
      const up = () => {
        handle.removeEventListener("pointermove", move);
        handle.removeEventListener("pointerup", up);
        if (last) onMoved(last.left, last.top);
      };
      handle.addEventListener("pointermove", move);
      handle.addEventListener("pointerup", up);
    });
  }

  /**
   * Build the panel into `shadow`. `handlers`: onShow(liveId), onFilter(state, on), onRetry(),
   * onOptions(), onClose(), onExport(format), onCopy(text, what), onMore(), onStop(), onRescan(),
   * onCompact(on), onMineToggle(open), onUi(changes) (minimise, dock, position).
   */
  function create(shadow, handlers) {
    adoptStyles(shadow, PANEL_CSS);
    const body = h("div", { class: "body" });
    const bar = h("span", { class: "bar", "data-part": "bar" });
    const minimise = h("button", { "data-part": "minimise", onclick: () => handlers.onUi({ minimised: !ui.minimised }) });
    const head = h("div", { class: "head" },
      h("strong", {}, "LinkLens"),
      bar,
      h("button", { "data-part": "dock-left", title: "Dock on the left", "aria-label": "Dock on the left",
        onclick: () => handlers.onUi({ dock: "left", left: null, top: null }) }, "⇤"),
      h("button", { "data-part": "dock-right", title: "Dock on the right", "aria-label": "Dock on the right",
        onclick: () => handlers.onUi({ dock: "right", left: null, top: null }) }, "⇥"),
      minimise,
      h("button", { onclick: handlers.onClose, title: "Remove LinkLens from this page", "aria-label": "Close", "data-part": "close" }, "✕"));
    const panel = h("div", { class: "panel", role: "dialog", tabindex: "-1", "data-part": "panel",
      "aria-label": `LinkLens (${SKIP_KEY.label} jumps here)` }, head, body);
    let ui = { minimised: false, dock: "right", left: null, top: null };
    makeDraggable(panel, head, (left, top) => handlers.onUi({ left, top }));
    shadow.append(panel);

    function place() {
      panel.classList.toggle("min", Boolean(ui.minimised));
      minimise.textContent = ui.minimised ? "▢" : "–";
      minimise.title = ui.minimised ? "Open the panel" : "Minimise to a bar (Escape)";
      minimise.setAttribute("aria-label", minimise.title);
      minimise.setAttribute("aria-expanded", String(!ui.minimised));
      if (ui.left !== null && ui.left !== undefined && ui.top !== null && ui.top !== undefined) {
        const at = clampPosition(panel, ui.left, ui.top);
        panel.style.left = `${at.left}px`;
        panel.style.top = `${at.top}px`;
        panel.style.right = "auto";
      } else {
        panel.style.top = `${MARGIN}px`;
        panel.style.left = ui.dock === "left" ? `${MARGIN}px` : "auto";
        panel.style.right = ui.dock === "left" ? "auto" : `${MARGIN}px`;
      }
    }

    return {
      element: panel,
      /** Minimised or not, docked left or right, or dragged to left/top. */
      applyUi(next) {
        ui = { ...ui, ...next };
        place();
      },
      /** A window resize: pull a dragged panel back inside. */
      reclamp() {
        place();
      },
      focus() {
        panel.focus();
      },
      update(model) {
        const scroll = body.scrollTop;
        // The body is rebuilt on every update (checks stream in): put the keyboard focus back on
        // the same control, found by its data-part (or data-state) and position.
        const focused = shadow.activeElement && body.contains(shadow.activeElement) ? focusKey(body, shadow.activeElement) : null;
        bar.textContent = ui.minimised ? barText(model) : "";
        body.replaceChildren(...[
          connectionBanner(model, handlers),
          jobBanner(model, handlers),
          dnsWarning(model),
          routeNote(model, handlers),
          liveDiffersNote(model),
          countsSection(model, handlers),
          actionsSection(model, handlers),
          mineSection(model, handlers),
          listSection(model, handlers),
          unoutlinedSection(model, handlers),
          exportSection(model, handlers),
        ].filter(Boolean));
        if (focused) refocus(body, focused);
        body.scrollTop = scroll;
      },
    };
  }

  /** Tooltip content for one link (the overlay positions it). */
  function tooltipContent(link, extra) {
    const R = root.LinkLensReport;
    const notLink = R.isNotLink(link);
    const rows = [
      ["rel", link.rel && link.rel.length ? link.rel.join(" ") : "(none)"],
      ["follow", R.followReason(link)],
      ["health", statusText(link)],
    ];
    // The chain is in the health line for a redirect; a broken link that redirected first says
    // where it went wrong.
    if (link.health !== "redirect" && link.redirects && link.redirects.length) {
      rows.push(["redirects", R.redirectChain(link)]);
    } else if (link.health !== "redirect" && link.final_url && link.final_url !== link.href) {
      rows.push(["final URL", link.final_url]);
    }
    // A risk score only means something for a working link the agent scored: "risk 0/100
    // (dofollow)" on a dead link or a non-link would read as an all-clear.
    const dead = link.health === "broken" || link.health === "soft_404";
    if (link.id !== null && link.id !== undefined && !notLink && !(dead && !link.risk)) {
      rows.push(["risk", `${link.risk}/100${link.verdict === "suspicious" ? " (suspicious)" : ""}`]);
    }
    const facts = [
      link.js_generated ? "created by JavaScript" : null,
      link.mine ? "one of your domains" : null,
      link.visible ? null : R.hiddenText(link),
      link.crawlable ? null : "not crawlable",
      link.internal ? "internal" : null,
      link.context && link.context !== "main" ? `in ${link.context}` : null,
    ].filter(Boolean);
    if (facts.length) rows.push(["facts", facts.join(" · ")]);
    return [
      h("div", { class: "url" }, link.href || "(no href: not a link)"),
      link.text ? h("div", { class: "reason" }, `text: ${link.text}`) : null,
      h("dl", {}, rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
      link.flags && link.flags.length
        ? h("ul", {}, link.flags.map((f) => h("li", { class: `sev-${f.severity}` }, f.message)))
        : null,
      extra ? h("div", { class: "reason" }, extra) : null,
    ];
  }

  root.LinkLensPanel = Object.freeze({ h, adoptStyles, create, CSS: PANEL_CSS, tooltipContent, LIST_PAGE, STATE_LABELS,
    STATE_TITLES, STATE_PATTERNS, EXTRA_MARKS, SKIP_KEY });
})(globalThis);
