/**
 * The alerts popup (the action's popup while there are unseen alerts; docs/EXTENSION.md): the
 * unseen changes of watched links, each with its source page to open and a "Seen" button, and
 * "Mark all seen". The service worker asks the agent (`watch_changes`); every answer also updates
 * the badge, and with no alert left the toolbar button outlines pages again on a click.
 */
import { ALERT_KINDS } from "./watch.js";

const KIND_WORDS = {
  lost: "Link lost", page_gone: "Page gone", page_error: "Page error", demoted: "Now nofollow",
  promoted: "Now dofollow", hidden: "Now hidden", not_crawlable: "Not crawlable", anchor_changed: "Anchor changed",
  target_changed: "Target changed", noindex: "Page noindex", recovered: "Recovered",
};

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "class") node.className = value;
    else node.setAttribute(key, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso || "") : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** One change as a list item (page strings as text only). */
export function changeItem(change, onSeen) {
  const alert = ALERT_KINDS.includes(change.kind);
  const open = (event) => {
    event.preventDefault();
    chrome.tabs.create({ url: change.source_url });
  };
  const safe = /^https?:\/\//i.test(change.source_url || "");
  return el("li", { class: [alert ? "alert" : "", change.importance === "high" ? "high" : ""].join(" ").trim(),
    "data-part": "change", "data-change-id": change.id },
  el("div", {},
    el("span", { class: "kind" }, KIND_WORDS[change.kind] || change.kind),
    change.importance === "high" ? el("span", { class: "importance" }, " · high importance") : null,
    el("span", { class: "target" }, ` · to ${change.target}`)),
  safe ? el("a", { class: "source", href: change.source_url, target: "_blank", rel: "noopener", onclick: open,
    "data-part": "open-source" }, change.source_url) : el("span", { class: "source" }, String(change.source_url)),
  el("div", { class: "message" }, change.before || change.after ? `${change.before || "—"} → ${change.after || "—"}. ${change.message}` : change.message),
  el("div", { class: "when" }, `${when(change.detected_at)} `,
    el("button", { type: "button", "data-part": "mark-seen", onclick: () => onSeen(change.id) }, "Seen")));
}

const list = document.getElementById("changes");
const status = document.getElementById("status");
const markAll = document.getElementById("mark-all");
const heading = document.getElementById("heading");

function ask(request) {
  return chrome.runtime.sendMessage({ linklens: "watchChanges", ...request });
}

function show(answer) {
  const changes = (answer && answer.changes) || [];
  list.replaceChildren(...changes.map((c) => changeItem(c, (id) => ask({ mark_seen: [id] }).then(show))));
  markAll.hidden = changes.length === 0;
  const alerts = answer ? answer.unseen_alerts || 0 : 0;
  heading.textContent = alerts ? `Backlink changes (${alerts} alert${alerts === 1 ? "" : "s"})` : "Backlink changes";
  if (!answer || answer.error) status.textContent = answer?.error || "The service worker did not answer.";
  else if (!answer.online) status.textContent = "The LinkLens agent is not connected: start it with `linklens serve`.";
  else if (!answer.supported) status.textContent = "This agent has no watch list; update LinkLens.";
  else status.textContent = changes.length ? `${changes.length} unseen change${changes.length === 1 ? "" : "s"}, newest first.`
    : "Nothing new: every change is seen.";
}

if (list) {
  markAll.addEventListener("click", () => ask({ mark_all_seen: true }).then(show));
  document.getElementById("outline").addEventListener("click", async () => {
    await chrome.runtime.sendMessage({ linklens: "toggleActiveTab" });
    window.close();
  });
  ask({}).then(show, (error) => show({ error: String(error) }));
}
