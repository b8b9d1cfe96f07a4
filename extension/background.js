/**
 * The service worker: toolbar click -> inject the overlay -> `analyze` over the agent connection
 * -> forward the agent's messages to the tab. Listeners are registered at the top level because
 * the worker can be stopped at any time and is restarted by the event it listens for.
 */
import "./protocol-data.js";
import "./protocol.js";
import { AgentConnection, STATE } from "./connection.js";
import { loadSettings, sitePattern } from "./storage.js";
import { restrictedReason } from "./restricted.js";
import { installWatch } from "./watch.js";

const P = globalThis.LinkLensProtocol;

/** Classic scripts injected on click, in order; each guards against a second injection. */
const CONTENT_FILES = ["collector.js", "protocol-data.js", "protocol.js", "domains.js", "report.js", "watch-panel.js", "panel.js", "overlay.js"];
/** Automatic mode: the same scripts, then auto.js, registered for the sites the person chose. */
const AUTO_SCRIPT_ID = "linklens-auto";
const AUTO_FILES = [...CONTENT_FILES, "auto.js"];
/** User-origin CSS beats the page's `outline: none !important` and is exempt from its CSP. */
const OVERLAY_CSS = { files: ["overlay.css"], origin: "USER" };

const BADGES = {
  [STATE.ONLINE]: { text: "on", color: "#1a7f37", title: "LinkLens: agent online" },
  [STATE.CONNECTING]: { text: "…", color: "#6e7781", title: "LinkLens: connecting to the agent" },
  [STATE.OFFLINE]: { text: "off", color: "#6e7781", title: "LinkLens: agent not running (start it with `linklens serve`)" },
  [STATE.UNPAIRED]: { text: "pair", color: "#9a6700", title: "LinkLens: not paired (run `linklens token` and paste the token in the options)" },
  [STATE.INCOMPATIBLE]: { text: "ver", color: "#cf222e", title: "LinkLens: the agent speaks another protocol version; update the older one" },
};

/**
 * Jobs by request id: {tabId, request, sent}. One job per tab at a time. The worker can be
 * stopped at any time (after 30 s without events, e.g. while the agent is offline), so jobs are
 * also kept in storage.session and read back when it starts again: a job waiting for the agent
 * is sent once it is online, and the tab keeps hearing about the connection.
 */
const jobs = new Map();
const tabJobs = new Map();
const JOBS_KEY = "jobs";
let currentPort = null;
/** Tabs with their own badge ("cannot run here" popup, or "err"), reset when they navigate. */
const restrictedTabs = new Set();

const connection = new AgentConnection({
  createSocket: (url) => new WebSocket(url),
  getSettings: async () => {
    const settings = await loadSettings();
    currentPort = settings.port;
    return settings;
  },
  onStateChange,
  onMessage: onAgentMessage,
  // The agent logs who connected: "linklens-extension/0.1.0 chrome" (as protocol/examples).
  client: `linklens-extension/${chrome.runtime.getManifest().version} ${/Firefox\//.test(navigator.userAgent) ? "firefox" : "chrome"}`,
});

/** The backlink monitor (watch.js): alert count on the badge, watch requests, notifications. */
const watch = installWatch({ connection, badges: BADGES, STATE });

function connectionInfo() {
  return { state: connection.state, port: currentPort, ...connection.info };
}

/** Write the jobs to storage.session (best effort: a 20,000-link request may not fit). */
function persistJobs() {
  const stored = {};
  for (const [id, job] of jobs) stored[id] = { tabId: job.tabId, request: job.request };
  return chrome.storage.session.set({ [JOBS_KEY]: stored }).catch((error) => {
    console.warn("LinkLens: jobs not kept across a worker restart:", error);
  });
}

/** Jobs of an earlier life of this worker: back in memory, to be sent again once online. */
const jobsRestored = chrome.storage.session.get(JOBS_KEY).then((stored) => {
  for (const [id, saved] of Object.entries(stored[JOBS_KEY] || {})) {
    if (jobs.has(id) || tabJobs.has(saved.tabId)) continue;
    jobs.set(id, { tabId: saved.tabId, request: saved.request, sent: false });
    tabJobs.set(saved.tabId, id);
  }
  onStateChange(connection.state, connection.info);
}).catch(() => {});

function onStateChange(state, info) {
  const badge = BADGES[state];
  chrome.action.setBadgeText({ text: badge.text });
  chrome.action.setBadgeBackgroundColor({ color: badge.color });
  chrome.action.setTitle({ title: badge.title });
  watch.onStateChange(state); // the alert count replaces "on" while there are unseen alerts
  for (const [id, job] of jobs) {
    if (state === STATE.ONLINE && !job.sent) {
      job.sent = connection.send(job.request);
    } else if (state !== STATE.ONLINE && state !== STATE.CONNECTING) {
      job.sent = false; // the agent cancels jobs of a dead connection; send again on reconnect
    }
    sendToTab(job.tabId, { linklens: "connection", id, connection: { state, port: currentPort, ...info } });
  }
}

function onAgentMessage(message) {
  if (watch.onAgentMessage(message)) return; // the answer to a watch request
  const job = message.id ? jobs.get(message.id) : undefined;
  if (!job) return; // a job already cancelled (tab closed) or an error about no request
  sendToTab(job.tabId, { linklens: "agent", id: message.id, message });
  if (P.TERMINAL_TYPES.includes(message.type)) forgetJob(message.id);
}

function sendToTab(tabId, payload) {
  chrome.tabs.sendMessage(tabId, payload, { frameId: 0 }).catch(() => {
    // The tab navigated or closed: its overlay is gone, so is the point of its job.
    const id = tabJobs.get(tabId);
    if (id && (payload.linklens !== "agent" || payload.message.id === id)) cancelJob(id);
  });
}

function forgetJob(id) {
  const job = jobs.get(id);
  if (!job) return;
  jobs.delete(id);
  if (tabJobs.get(job.tabId) === id) tabJobs.delete(job.tabId);
  persistJobs();
}

function addJob(jobId, tabId, request) {
  const job = { tabId, request, sent: false };
  jobs.set(jobId, job);
  tabJobs.set(tabId, jobId);
  job.sent = connection.send(request);
  persistJobs();
  if (!job.sent) sendToTab(tabId, { linklens: "connection", id: jobId, connection: connectionInfo() });
  return job;
}

/** The site's panel state (minimised, docked, position, compact), as the overlay saved it. */
async function panelState(url) {
  let host = "";
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  const { panel } = await chrome.storage.local.get("panel");
  return (panel && panel[host]) || null;
}

function cancelJob(id) {
  const job = jobs.get(id);
  if (!job) return;
  if (job.sent) connection.send(P.cancel(id));
  forgetJob(id);
}

function newJobId(tabId) {
  return `tab${tabId}-${crypto.randomUUID()}`;
}

async function showRestricted(tab, error) {
  const reason = restrictedReason(tab.url, error?.message);
  restrictedTabs.add(tab.id);
  await chrome.action.setBadgeText({ tabId: tab.id, text: "n/a" });
  await chrome.action.setBadgeBackgroundColor({ tabId: tab.id, color: "#6e7781" });
  await chrome.action.setTitle({ tabId: tab.id, title: `LinkLens cannot run here: ${reason}` });
  await chrome.action.setPopup({ tabId: tab.id, popup: `popup.html?reason=${encodeURIComponent(reason)}` });
  try {
    await chrome.action.openPopup(); // Chrome 127+; older browsers show it on the next click
  } catch {
    // No popup API or no window focus: the badge and title carry the message.
  }
  return reason;
}

/**
 * What a toolbar click (or the shortcut) does on a tab: start, rescan after in-app navigation,
 * or remove everything LinkLens added. Exported on globalThis so end-to-end tests call the very
 * handler the click calls (headless Chromium has no toolbar).
 */
async function linklensToggle(tab) {
  const settings = await loadSettings();
  const target = { tabId: tab.id, frameIds: [0] };
  try {
    await chrome.scripting.executeScript({ target, files: CONTENT_FILES });
  } catch (error) {
    return { action: "restricted", reason: await showRestricted(tab, error) };
  }
  if (connection.state !== STATE.ONLINE) connection.reconnectNow();
  const jobId = newJobId(tab.id);
  const [{ result }] = await chrome.scripting.executeScript({
    target,
    func: (options) => globalThis.LinkLensOverlay.toggle(options),
    args: [{ jobId, mine: settings.mine, highlight: settings.highlight, connection: connectionInfo(),
      panel: await panelState(tab.url) }],
  });
  const previous = tabJobs.get(tab.id);
  if (previous) cancelJob(previous);
  if (!result || result.action === "failed") {
    const reason = result?.reason || "the page script did not answer";
    restrictedTabs.add(tab.id);
    await chrome.action.setBadgeText({ tabId: tab.id, text: "err" });
    await chrome.action.setTitle({ tabId: tab.id, title: `LinkLens could not collect the links: ${reason}` });
    return { action: "failed", reason };
  }
  if (result.action === "removed") {
    await chrome.scripting.removeCSS({ target, ...OVERLAY_CSS });
    return { action: "removed" };
  }
  // Started or rescanned: (re)insert the stylesheet once and ask the agent.
  await chrome.scripting.removeCSS({ target, ...OVERLAY_CSS });
  await chrome.scripting.insertCSS({ target, ...OVERLAY_CSS });
  const request = P.analyze(jobId, result.url, result.links, {
    check: settings.check,
    cloaking: settings.cloaking,
    mine: settings.mine,
  });
  addJob(jobId, tab.id, request);
  return { action: result.action, id: jobId, links: result.links.length };
}
globalThis.linklensToggle = linklensToggle;
globalThis.linklensConnection = connection;

/** Messages from the overlay and the options page. */
const handlers = {
  /**
   * The panel's Retry: the analysis again, from what the overlay still has (this worker may have
   * been restarted and lost the job, or the agent dropped it with its connection), then
   * reconnect now; a waiting job is sent once online.
   */
  retry: async (message, sender) => {
    const tabId = sender.tab.id;
    const previous = tabJobs.get(tabId);
    if (previous) cancelJob(previous);
    if (message.id && typeof message.url === "string") {
      const settings = await loadSettings();
      const request = P.analyze(message.id, message.url, message.links || [], {
        check: settings.check, cloaking: settings.cloaking, mine: settings.mine,
      });
      addJob(message.id, tabId, request);
    }
    return connection.reconnectNow();
  },
  /** Stop checks: the agent cancels the job; the overlay keeps the results it has. */
  stop: (message, sender) => {
    const id = tabJobs.get(sender.tab.id);
    if (id && id === message.id) cancelJob(id);
  },
  /** "Analyse this view" after an in-tab route change: the click's own rescan. */
  rescan: (_message, sender) => linklensToggle(sender.tab),
  /** The panel was closed: stop its job and take the stylesheet away. */
  removed: async (_message, sender) => {
    const id = tabJobs.get(sender.tab.id);
    if (id) cancelJob(id);
    await chrome.scripting.removeCSS({ target: { tabId: sender.tab.id, frameIds: [0] }, ...OVERLAY_CSS });
  },
  /** Open the options; with `site`, its automatic-outlines field filled in (the panel's button). */
  options: (message) => (typeof message.site === "string"
    ? chrome.tabs.create({ url: chrome.runtime.getURL(`options.html?site=${encodeURIComponent(message.site)}#auto`) })
    : chrome.runtime.openOptionsPage()),
  /** How things stand (the overlay asks while it waits); `known`: whether its job is still here. */
  status: async (message) => {
    await jobsRestored;
    if (connection.state !== STATE.ONLINE) connection.connect();
    return { ...connectionInfo(), known: message.id ? jobs.has(message.id) : undefined };
  },
  /** auto.js on a page of an automatic site: the user-origin stylesheet its outlines need. */
  autoStarted: async (_message, sender) => {
    const target = { tabId: sender.tab.id, frameIds: [sender.frameId ?? 0] };
    await chrome.scripting.insertCSS({ target, ...OVERLAY_CSS });
  },
  /** Settings for auto.js (content scripts read storage too, but normalised here in one place). */
  autoSettings: async () => {
    const settings = await loadSettings();
    return { mine: settings.mine, highlight: settings.highlight };
  },
};

Object.assign(handlers, watch.handlers);

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handler = handlers[message?.linklens];
  if (!handler) return false;
  Promise.resolve(handler(message, sender)).then(
    (value) => sendResponse(value ?? null),
    (error) => sendResponse({ error: String(error) }),
  );
  return true; // answer asynchronously
});

chrome.action.onClicked.addListener((tab) => {
  linklensToggle(tab).catch((error) => console.error("LinkLens: click failed", error));
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && ("token" in changes || "port" in changes)) connection.settingsChanged();
  if (area === "local" && "auto" in changes) syncAutoScripts().catch((error) => console.warn("LinkLens: automatic mode:", error));
});

/**
 * Automatic mode: one registered content script whose matches are the chosen sites the browser
 * granted (optional host permissions, asked for on the options page when the person turns a site
 * on). No site, no script; the shipped manifest asks for no host at all.
 */
let autoSync = Promise.resolve([]);
function syncAutoScripts() {
  // One at a time: two overlapping runs would both see no script and both register it.
  autoSync = autoSync.catch(() => []).then(syncAutoScriptsNow);
  return autoSync;
}

async function syncAutoScriptsNow() {
  const settings = await loadSettings();
  const granted = [];
  for (const site of settings.auto) {
    const origins = [sitePattern(site)];
    if (await chrome.permissions.contains({ origins })) granted.push(...origins);
  }
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [AUTO_SCRIPT_ID] });
  if (!granted.length) {
    if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: [AUTO_SCRIPT_ID] });
    return [];
  }
  const script = { id: AUTO_SCRIPT_ID, matches: granted, js: AUTO_FILES, runAt: "document_idle", allFrames: false,
    persistAcrossSessions: true };
  if (existing.length) await chrome.scripting.updateContentScripts([script]);
  else await chrome.scripting.registerContentScripts([script]);
  return granted;
}
globalThis.linklensSyncAutoScripts = syncAutoScripts;
chrome.permissions.onRemoved.addListener(() => {
  syncAutoScripts().catch(() => {});
});

chrome.tabs.onRemoved.addListener((tabId) => {
  const id = tabJobs.get(tabId);
  if (id) cancelJob(id);
  restrictedTabs.delete(tabId);
});

chrome.tabs.onUpdated.addListener((tabId, changeInfo) => {
  // Jobs are not cancelled here: in-app (SPA) navigation reports "loading" too while the overlay
  // lives on; a job whose tab really navigated away is cancelled when sendToTab finds no one.
  if (changeInfo.status !== "loading" || !restrictedTabs.delete(tabId)) return;
  // Back to the global badge and to the global popup (the backlink alerts list while there are
  // unseen alerts, else none: the click handler). Chrome cannot unset a tab's own popup, so the
  // tab takes the global one's current value; watch.js sets the global popup again on each poll.
  Promise.all([
    chrome.action.getPopup({}).then((popup) => chrome.action.setPopup({ tabId, popup })),
    chrome.action.setBadgeText({ tabId, text: null }), // null: back to the global badge
    chrome.action.setTitle({ tabId, title: BADGES[connection.state].title }),
  ]).catch(() => {}); // the tab may be gone already
});

chrome.runtime.onStartup.addListener(() => connection.connect());
chrome.runtime.onInstalled.addListener(() => connection.connect());

onStateChange(connection.state, {});
connection.connect();
