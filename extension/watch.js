/**
 * The backlink monitor in the service worker (docs/EXTENSION.md, "Backlink monitor"): the watch
 * requests of the panel and the alerts popup, the alert count on the badge, the poll that keeps
 * it current, and the opt-in desktop notifications for lost high-importance links.
 *
 * Only for agents whose welcome lists the "watch" capability: with an older agent nothing here
 * sends a message, the panel shows no Watch button and the badge is the connection's.
 *
 * The agent never pushes watch news, so the worker asks (`watch_changes`, unseen only) when the
 * connection comes online, after every change the person makes, and on a chrome.alarms alarm
 * every POLL_MINUTES (which also wakes a stopped worker, so it reconnects and asks again).
 *
 * The pure parts (alertBadge, alertsToNotify, WatchRequests) take no chrome.* so Node tests them.
 */
import "./protocol-data.js";
import "./protocol.js";

export const WATCH_CAPABILITY = "watch";
export const POLL_ALARM = "linklens-watch-poll";
export const POLL_MINUTES = 5;
/** storage.local: whether the person turned desktop notifications on (options page). */
export const NOTIFY_KEY = "watchNotify";
/** storage.local: ids of the changes already shown as a notification (never twice). */
export const NOTIFIED_KEY = "watchNotified";
/** The popup that lists unseen changes; the action has it only while there are alerts. */
export const ALERTS_POPUP = "alerts.html";
/** Change kinds counted by `unseen_alerts` (protocol/PROTOCOL.md) and drawn as alerts. */
export const ALERT_KINDS = Object.freeze(["lost", "page_gone", "demoted"]);
/** Kinds that raise a desktop notification for a high-importance link. */
export const NOTIFY_KINDS = Object.freeze(["lost", "page_gone"]);
export const ALERT_COLOR = "#cf222e";
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The badge, from the connection's badge and the alert count: the count (red) when the agent is
 * online, speaks "watch" and has unseen alerts; the connection's own badge ("on", "off", "pair",
 * "ver", "…") otherwise, so a connection problem is never hidden behind an old count. Offline,
 * the title still says how many alerts there were at the last look.
 */
export function alertBadge(base, { online, watching, unseen }) {
  const count = Number(unseen) || 0;
  if (online && watching && count > 0) {
    const plural = count === 1 ? "change" : "changes";
    return {
      text: count > 99 ? "99+" : String(count),
      color: ALERT_COLOR,
      title: `LinkLens: ${count} unseen backlink ${plural} (lost, page gone, nofollow): click to see them`,
    };
  }
  if (!online && watching && count > 0) {
    return { ...base, title: `${base.title} (${count} unseen backlink alert${count === 1 ? "" : "s"} at the last look)` };
  }
  return base;
}

/** Changes that deserve a desktop notification now: unseen lost/page_gone of high-importance links, not shown before. */
export function alertsToNotify(changes, notified) {
  const shown = new Set(notified || []);
  return (changes || []).filter((c) => !c.seen && c.importance === "high" && NOTIFY_KINDS.includes(c.kind)
    && !shown.has(c.id));
}

/**
 * Request/answer pairs over the agent connection: `request(message)` sends it with a fresh id
 * and resolves with the agent's `watch_links` / `watch_change_list` of that id, or rejects with
 * its `error` (code, message), when offline, or after a timeout.
 */
export class WatchRequests {
  constructor({ send, timers = globalThis, timeoutMs = REQUEST_TIMEOUT_MS, newId = () => `watch-${crypto.randomUUID()}` }) {
    this.send = send;
    this.timers = timers;
    this.timeoutMs = timeoutMs;
    this.newId = newId;
    this.pending = new Map();
  }

  request(message) {
    const id = this.newId();
    return new Promise((resolve, reject) => {
      if (!this.send({ ...message, id })) {
        reject(Object.assign(new Error("The LinkLens agent is not connected."), { code: "offline" }));
        return;
      }
      const timer = this.timers.setTimeout(() => {
        this.pending.delete(id);
        reject(Object.assign(new Error("The LinkLens agent did not answer."), { code: "timeout" }));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
    });
  }

  /** An agent message: true when it answered one of ours (then nobody else needs it). */
  handle(message) {
    const waiting = message && typeof message.id === "string" ? this.pending.get(message.id) : undefined;
    if (!waiting) return false;
    this.pending.delete(message.id);
    this.timers.clearTimeout(waiting.timer);
    if (message.type === "error") {
      waiting.reject(Object.assign(new Error(message.message), { code: message.code }));
    } else {
      waiting.resolve(message);
    }
    return true;
  }

  /** The connection closed: nothing in flight will be answered. */
  failAll() {
    for (const [id, waiting] of this.pending) {
      this.timers.clearTimeout(waiting.timer);
      waiting.reject(Object.assign(new Error("The connection to the agent closed."), { code: "offline" }));
      this.pending.delete(id);
    }
  }
}

/** A watch_add for the panel's Watch button: this page -> the link's URL. */
export function watchAddMessage(sourceUrl, target, { note = "", importance = "normal" } = {}) {
  return {
    type: "watch_add",
    source_url: String(sourceUrl),
    target: String(target),
    note: String(note || ""),
    importance: importance === "high" ? "high" : "normal",
  };
}

/** A watch_changes for the badge and the popup (unseen only), with what to mark seen first. */
export function watchChangesMessage({ markSeen = [], markAllSeen = false, limit = 100 } = {}) {
  const message = { type: "watch_changes", unseen_only: true, limit };
  const ids = (markSeen || []).map(Number).filter(Number.isInteger);
  if (ids.length) message.mark_seen = ids;
  if (markAllSeen) message.mark_all_seen = true;
  return message;
}

/**
 * Wire the monitor into the service worker. Call at the top level (the listeners must be there
 * when the worker starts). `badges`: the connection badges by state; `STATE`: connection.js's.
 * Returns {onStateChange(state), onAgentMessage(message) -> handled, handlers, poll()}.
 */
export function installWatch({ connection, badges, STATE, chrome = globalThis.chrome }) {
  const requests = new WatchRequests({ send: (message) => connection.send(message) });
  let unseen = 0;
  let watching = false;
  let lastChanges = [];

  const online = () => connection.state === STATE.ONLINE;
  const supported = () => online() && (connection.capabilities || []).includes(WATCH_CAPABILITY);

  /** Badge, title and popup from the connection state and the last count (global, not per tab). */
  async function render() {
    const state = connection.state;
    const badge = alertBadge(badges[state], { online: state === STATE.ONLINE, watching, unseen });
    const showAlerts = state === STATE.ONLINE && watching && unseen > 0;
    await Promise.all([
      chrome.action.setBadgeText({ text: badge.text }),
      chrome.action.setBadgeBackgroundColor({ color: badge.color }),
      chrome.action.setTitle({ title: badge.title }),
      // While there are alerts a click opens the list (with "Outline this page" first);
      // otherwise a click outlines the page, as always.
      chrome.action.setPopup({ popup: showAlerts ? ALERTS_POPUP : "" }),
    ]).catch(() => {});
  }

  /** Ask the agent for the unseen changes (marking some seen first); updates badge and popup. */
  async function poll(options = {}) {
    if (!supported()) {
      if (online()) {
        watching = false; // an agent without the watch list: no count
        unseen = 0;
      } // offline: the last count stays, for the title
      await render();
      return { supported: false, changes: [], unseen_alerts: 0 };
    }
    const answer = await requests.request(watchChangesMessage(options));
    watching = true;
    unseen = Number(answer.unseen_alerts) || 0;
    lastChanges = answer.changes || [];
    await render();
    notify(lastChanges).catch((error) => console.warn("LinkLens: notification:", error));
    return { supported: true, changes: lastChanges, unseen_alerts: unseen };
  }

  function pollQuietly(options) {
    return poll(options).catch((error) => {
      console.warn("LinkLens: watch changes:", error.message);
      return null;
    });
  }

  async function notify(changes) {
    const api = chrome.notifications;
    if (!api) return; // the optional permission is not granted
    const stored = await chrome.storage.local.get([NOTIFY_KEY, NOTIFIED_KEY]);
    if (stored[NOTIFY_KEY] !== true) return;
    const fresh = alertsToNotify(changes, stored[NOTIFIED_KEY]);
    if (!fresh.length) return;
    const notified = [...(stored[NOTIFIED_KEY] || []), ...fresh.map((c) => c.id)].slice(-500);
    await chrome.storage.local.set({ [NOTIFIED_KEY]: notified });
    for (const change of fresh.slice(0, 3)) {
      await api.create(`linklens-change-${change.id}|${change.source_url}`, {
        type: "basic",
        iconUrl: chrome.runtime.getURL("icons/icon-128.png"),
        title: change.kind === "lost" ? "LinkLens: a high-importance link was lost" : "LinkLens: a linking page is gone",
        message: `${change.source_url}\n${change.message}`,
        priority: 2,
      });
    }
  }

  function listenToNotifications() {
    chrome.notifications?.onClicked.addListener((notificationId) => {
      const [, url] = notificationId.split("|");
      if (/^https?:\/\//.test(url || "")) chrome.tabs.create({ url });
      chrome.notifications.clear(notificationId);
    });
  }
  listenToNotifications();
  chrome.permissions?.onAdded?.addListener((permissions) => {
    if ((permissions.permissions || []).includes("notifications")) listenToNotifications();
  });

  chrome.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name !== POLL_ALARM) return;
    if (online()) pollQuietly();
    else connection.connect(); // an online state polls on arrival
  });
  chrome.alarms?.get(POLL_ALARM).then((alarm) => {
    if (!alarm) chrome.alarms.create(POLL_ALARM, { periodInMinutes: POLL_MINUTES });
  }).catch(() => {});

  function onStateChange(state) {
    if (state === STATE.ONLINE) {
      pollQuietly();
    } else {
      if (state !== STATE.CONNECTING) requests.failAll();
      render();
    }
  }

  const handlers = {
    /** The panel: is watching possible, and which links of this page are watched. */
    watchStatus: async (message) => {
      if (!supported()) return { supported: false, online: online() };
      const answer = await requests.request({ type: "watch_list", source_url: String(message.source_url) });
      return { supported: true, links: answer.links };
    },
    /** The panel's Watch button. */
    watchAdd: async (message) => {
      if (!supported()) return { supported: false, online: online() };
      await requests.request(watchAddMessage(message.source_url, message.target, message));
      const answer = await requests.request({ type: "watch_list", source_url: String(message.source_url) });
      return { supported: true, links: answer.links };
    },
    /** The alerts popup: the unseen changes, after marking `mark_seen` ids / everything seen. */
    watchChanges: async (message) => {
      try {
        const answer = await poll({ markSeen: message.mark_seen, markAllSeen: message.mark_all_seen === true });
        return { ...answer, online: online() };
      } catch (error) {
        return { supported: supported(), online: online(), error: error.message, changes: [], unseen_alerts: unseen };
      }
    },
    /** The alerts popup's "Outline links on this page": the toolbar click's own handler. */
    toggleActiveTab: async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      if (!tab) return { action: "failed", reason: "no active tab" };
      return globalThis.linklensToggle(tab);
    },
  };

  return {
    onStateChange,
    onAgentMessage: (message) => requests.handle(message),
    handlers,
    poll,
    render,
    state: () => ({ unseen, watching, changes: lastChanges }),
  };
}
