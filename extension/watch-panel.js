/*
 * The panel's backlink-monitor part (content script, classic, loaded before panel.js): in
 * "Your links", a Watch button per link (this page -> that link, `watch_add` through the service
 * worker) and, for a link already watched, "watched since …, last checked …" (`watch_list` of
 * this page). Nothing at all with an agent that does not speak "watch" or while it is offline.
 *
 * panel.js rebuilds its body on every update, so the page's watch list is asked for once and
 * kept here; each update builds its nodes from that copy, and the nodes still on screen are
 * filled in when an answer arrives. The matching helpers (exported for Node's tests) take and
 * return plain values.
 */
(function defineWatchPanel(root) {
  "use strict";
  if (root.LinkLensWatch) return;

  const RETRY_MS = 3000; // offline or no answer: ask again on a later update, not before
  const DEFAULT_PORTS = { "http:": "80", "https:": "443" };

  function stripWww(host) {
    const h = String(host || "").toLowerCase().replace(/\.$/, "");
    return h.startsWith("www.") ? h.slice(4) : h;
  }

  /** agent/watch/model.py url_identity: host without www., port if not default, path without trailing /, query. */
  function urlIdentity(text) {
    let url;
    try {
      url = new URL(String(text).trim());
    } catch {
      return null;
    }
    if (!(url.protocol in DEFAULT_PORTS) || !url.hostname) return null;
    let host = stripWww(url.hostname);
    if (url.port && url.port !== DEFAULT_PORTS[url.protocol]) host = `${host}:${url.port}`;
    return `${host}${url.pathname.replace(/\/+$/, "")}${url.search}`;
  }

  /** Whether a watched entry (target + target_kind) covers a link's href (the agent's rule). */
  function entryMatches(entry, href) {
    if (!entry || !href) return false;
    if (entry.target_kind === "domain") {
      let host;
      try {
        host = stripWww(new URL(href).hostname);
      } catch {
        return false;
      }
      const domain = String(entry.target).toLowerCase();
      return host === domain || host.endsWith(`.${domain}`);
    }
    const id = urlIdentity(href);
    return id !== null && id === urlIdentity(entry.target);
  }

  /** The watched entry of `href` among the page's, a URL target before a domain one. */
  function findEntry(entries, href) {
    const matching = (entries || []).filter((e) => entryMatches(e, href));
    return matching.find((e) => e.target_kind === "url") || matching[0] || null;
  }

  function formatTime(iso) {
    if (!iso) return "";
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return String(iso);
    return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  }

  const STANDING_WORDS = {
    present: "present", lost: "lost", page_gone: "page gone", page_error: "page error",
  };

  /** "watched since …, last checked … (present, dofollow)" or "…, not checked yet". */
  function watchedText(entry) {
    const since = `watched since ${formatTime(entry.added_at)}`;
    if (!entry.last_checked_at) return `${since}, not checked yet`;
    const facts = [STANDING_WORDS[entry.standing] || entry.standing, entry.standing === "present" ? entry.follow : null]
      .filter(Boolean).join(", ");
    return `${since}, last checked ${formatTime(entry.last_checked_at)}${facts ? ` (${facts})` : ""}`;
  }

  /** The page as a watch source: its address without the fragment. */
  function pageUrl() {
    const url = String(root.location && root.location.href);
    const hash = url.indexOf("#");
    return hash === -1 ? url : url.slice(0, hash);
  }

  // ---- The page's watch list, shared by every update of the panel ----
  const state = { source: null, asked: 0, pending: false, supported: false, entries: [], error: "", busy: new Set() };
  const nodes = [];

  function send(message) {
    return new Promise((resolve) => {
      try {
        root.chrome.runtime.sendMessage(message, (answer) => {
          void root.chrome.runtime.lastError; // the worker may be restarting
          resolve(answer || null);
        });
      } catch {
        resolve(null); // the extension was reloaded: this page's script is orphaned
      }
    });
  }

  function accept(answer) {
    if (answer && answer.supported && Array.isArray(answer.links)) {
      state.supported = true;
      state.entries = answer.links;
      state.error = "";
    } else if (answer && answer.error) {
      state.error = answer.error;
    } else {
      state.supported = Boolean(answer && answer.supported);
    }
  }

  function refresh() {
    const source = pageUrl();
    if (state.pending) return;
    if (state.source === source && (state.supported || Date.now() - state.asked < RETRY_MS)) return;
    if (state.source !== source) {
      state.supported = false;
      state.entries = [];
    }
    state.source = source;
    state.asked = Date.now();
    state.pending = true;
    send({ linklens: "watchStatus", source_url: source }).then((answer) => {
      state.pending = false;
      accept(answer);
      redraw();
    });
  }

  function watchLink(href) {
    const source = pageUrl();
    state.busy.add(href);
    state.error = "";
    redraw();
    send({ linklens: "watchAdd", source_url: source, target: href }).then((answer) => {
      state.busy.delete(href);
      if (!answer) state.error = "The LinkLens agent did not answer.";
      else accept(answer);
      redraw();
    });
  }

  function fill(node) {
    const h = root.LinkLensPanel ? root.LinkLensPanel.h : null;
    const href = node.__linklensHref;
    if (!h) return;
    if (!state.supported) {
      node.replaceChildren();
      node.hidden = true;
      return;
    }
    node.hidden = false;
    const entry = findEntry(state.entries, href);
    if (entry) {
      node.replaceChildren(h("span", { "data-part": "watched" }, watchedText(entry)));
      return;
    }
    const stop = (event) => event.stopPropagation(); // the row itself is a "show this link" button
    const busy = state.busy.has(href);
    node.replaceChildren(
      h("button", {
        "data-part": "watch-button",
        title: "Watch this link: LinkLens re-checks this page and tells you when the link is lost or becomes nofollow",
        disabled: busy,
        onclick: (event) => {
          stop(event);
          watchLink(href);
        },
        onkeydown: stop,
      }, busy ? "Watching…" : "Watch"),
      state.error ? h("span", { class: "reason", "data-part": "watch-error" }, ` ${state.error}`) : null,
    );
  }

  function redraw() {
    for (const node of nodes) if (node.isConnected) fill(node);
  }

  /** The node panel.js puts in a "Your links" row: empty until the agent says watching works. */
  function part(link) {
    const h = root.LinkLensPanel ? root.LinkLensPanel.h : null;
    if (!h || !link || !link.href || urlIdentity(link.href) === null) return null;
    const node = h("div", { class: "reason", "data-part": "watch" });
    node.__linklensHref = link.href;
    node.__linklensBorn = Date.now();
    // Forget nodes of earlier updates that left the panel (this update's are not attached yet).
    const now = Date.now();
    for (let i = nodes.length - 1; i >= 0; i--) {
      if (!nodes[i].isConnected && now - nodes[i].__linklensBorn > 2000) nodes.splice(i, 1);
    }
    nodes.push(node);
    fill(node);
    refresh();
    return node;
  }

  root.LinkLensWatch = Object.freeze({ part, urlIdentity, entryMatches, findEntry, watchedText, formatTime });
})(globalThis);
