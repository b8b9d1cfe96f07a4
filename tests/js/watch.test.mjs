// The backlink monitor in the extension: badge rules, request/answer pairs, the service worker's
// poll with a fake chrome and connection, the panel's matching of watched entries to links, the
// opt-in notifications, and the welcome's capabilities kept by the connection.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { AgentConnection, STATE } from "../../extension/connection.js";
import {
  ALERTS_POPUP, ALERT_COLOR, NOTIFY_KEY, NOTIFIED_KEY, WatchRequests, alertBadge, alertsToNotify, installWatch,
  watchAddMessage, watchChangesMessage,
} from "../../extension/watch.js";
import { setWatchNotifications, watchNotificationsOn } from "../../extension/watch-options.js";
import "../../extension/watch-panel.js";
import { P } from "./load.mjs";

const W = globalThis.LinkLensWatch;
const example = (name) => JSON.parse(readFileSync(new URL(`../../protocol/examples/${name}.json`, import.meta.url), "utf8"));

const BADGES = {
  [STATE.ONLINE]: { text: "on", color: "#1a7f37", title: "LinkLens: agent online" },
  [STATE.CONNECTING]: { text: "…", color: "#6e7781", title: "LinkLens: connecting" },
  [STATE.OFFLINE]: { text: "off", color: "#6e7781", title: "LinkLens: agent not running" },
  [STATE.UNPAIRED]: { text: "pair", color: "#9a6700", title: "LinkLens: not paired" },
  [STATE.INCOMPATIBLE]: { text: "ver", color: "#cf222e", title: "LinkLens: another protocol version" },
};

test("badge: the count when online with unseen alerts; the connection's state otherwise", () => {
  const on = BADGES[STATE.ONLINE];
  assert.deepEqual(alertBadge(on, { online: true, watching: true, unseen: 0 }), on);
  const two = alertBadge(on, { online: true, watching: true, unseen: 2 });
  assert.equal(two.text, "2");
  assert.equal(two.color, ALERT_COLOR);
  assert.match(two.title, /2 unseen backlink changes/);
  assert.equal(alertBadge(on, { online: true, watching: true, unseen: 250 }).text, "99+");
  // An older agent (no "watch"): "on", whatever the count says.
  assert.deepEqual(alertBadge(on, { online: true, watching: false, unseen: 3 }), on);
  // Offline, not paired, another version: the state wins; the title remembers the last count.
  for (const state of [STATE.OFFLINE, STATE.UNPAIRED, STATE.INCOMPATIBLE]) {
    const badge = alertBadge(BADGES[state], { online: false, watching: true, unseen: 3 });
    assert.equal(badge.text, BADGES[state].text);
    assert.equal(badge.color, BADGES[state].color);
    assert.match(badge.title, /3 unseen backlink alerts at the last look/);
  }
});

test("notifications: unseen lost or page_gone of high-importance links, each once", () => {
  const changes = [
    { id: 1, kind: "lost", importance: "high", seen: false },
    { id: 2, kind: "lost", importance: "normal", seen: false },
    { id: 3, kind: "demoted", importance: "high", seen: false },
    { id: 4, kind: "page_gone", importance: "high", seen: false },
    { id: 5, kind: "lost", importance: "high", seen: true },
    { id: 6, kind: "lost", importance: "high", seen: false },
  ];
  assert.deepEqual(alertsToNotify(changes, []).map((c) => c.id), [1, 4, 6]);
  assert.deepEqual(alertsToNotify(changes, [1, 6]).map((c) => c.id), [4]);
});

test("the requests are the protocol's client messages, shaped like protocol/examples", () => {
  const add = { ...watchAddMessage("https://blog.example/posts/best-seo-tools", "tools.example",
    { note: "guest post, March", importance: "high" }), id: "w-1" };
  assert.deepEqual(add, example("watch_add"));
  assert.ok(P.decodeClientMessage(JSON.stringify(add)).message);
  assert.equal(watchAddMessage("https://a.example/", "https://b.example/x", { importance: "urgent" }).importance, "normal");
  const changes = { ...watchChangesMessage({ markSeen: [39, "40", "x"] }), id: "w-4" };
  assert.deepEqual(changes, { type: "watch_changes", id: "w-4", unseen_only: true, limit: 100, mark_seen: [39, 40] });
  assert.ok(P.decodeClientMessage(JSON.stringify(changes)).message);
  assert.equal(watchChangesMessage({ markAllSeen: true }).mark_all_seen, true);
  for (const name of ["watch_links", "watch_change_list"]) {
    assert.ok(P.decodeAgentMessage(JSON.stringify(example(name))).message, name);
  }
});

function manualTimers() {
  const pending = new Map();
  let next = 1;
  return {
    pending,
    setTimeout: (fn) => { pending.set(next, fn); return next++; },
    clearTimeout: (id) => pending.delete(id),
    fire() { for (const [id, fn] of [...pending]) { pending.delete(id); fn(); } },
  };
}

test("WatchRequests: answers by id, errors reject with their code, offline and timeout reject", async () => {
  const sent = [];
  let online = true;
  const timers = manualTimers();
  let n = 0;
  const r = new WatchRequests({ send: (m) => (online ? (sent.push(m), true) : false), timers, newId: () => `w-${++n}` });
  const listed = r.request({ type: "watch_list", source_url: "https://a.example/" });
  assert.deepEqual(sent[0], { type: "watch_list", source_url: "https://a.example/", id: "w-1" });
  assert.equal(r.handle({ type: "report", id: "tab1-x" }), false, "not ours: the analysis path gets it");
  assert.equal(r.handle({ type: "watch_links", id: "w-1", links: [] }), true);
  assert.deepEqual((await listed).links, []);
  const bad = r.request({ type: "watch_add", source_url: "ftp://x", target: "y" });
  r.handle({ type: "error", id: "w-2", code: "invalid_request", message: "not an http(s) page address" });
  await assert.rejects(bad, (e) => e.code === "invalid_request" && /http\(s\)/.test(e.message));
  const slow = r.request({ type: "watch_list" });
  timers.fire();
  await assert.rejects(slow, (e) => e.code === "timeout");
  online = false;
  await assert.rejects(r.request({ type: "watch_list" }), (e) => e.code === "offline");
  online = true;
  const cut = r.request({ type: "watch_list" });
  r.failAll();
  await assert.rejects(cut, (e) => e.code === "offline");
  assert.equal(r.pending.size, 0);
});

/** A chrome.* with what installWatch uses, recording the badge and popup. */
function fakeChrome({ notifications = false } = {}) {
  const local = {};
  const chrome = {
    badge: {}, created: [], opened: [],
    action: {
      setBadgeText: async ({ text }) => { chrome.badge.text = text; },
      setBadgeBackgroundColor: async ({ color }) => { chrome.badge.color = color; },
      setTitle: async ({ title }) => { chrome.badge.title = title; },
      setPopup: async ({ popup }) => { chrome.badge.popup = popup; },
    },
    alarms: { onAlarm: { addListener: (fn) => { chrome.alarm = fn; } }, get: async () => null, create: (name, info) => { chrome.alarmCreated = [name, info]; } },
    permissions: { onAdded: { addListener: () => {} } },
    storage: { local: { get: async (keys) => Object.fromEntries([keys].flat().filter((k) => k in local).map((k) => [k, local[k]])),
      set: async (values) => Object.assign(local, values) } },
    runtime: { getURL: (p) => `chrome-extension://id/${p}` },
    tabs: { create: ({ url }) => chrome.opened.push(url), query: async () => [] },
    local,
  };
  if (notifications) {
    chrome.notifications = { onClicked: { addListener: (fn) => { chrome.clicked = fn; } },
      create: async (id, options) => chrome.created.push([id, options]), clear: () => {} };
  }
  return chrome;
}

function fakeConnection(capabilities) {
  return {
    state: STATE.OFFLINE, capabilities, sent: [], connects: 0,
    send(m) { if (this.state !== STATE.ONLINE) return false; this.sent.push(m); return true; },
    connect() { this.connects++; },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

test("the worker polls on connect, shows the count and the alerts popup, and marks seen", async () => {
  const chrome = fakeChrome();
  const connection = fakeConnection(["analyze", "watch"]);
  const watch = installWatch({ connection, badges: BADGES, STATE, chrome });
  await tick();
  assert.deepEqual(chrome.alarmCreated, ["linklens-watch-poll", { periodInMinutes: 5 }]);
  connection.state = STATE.ONLINE;
  watch.onStateChange(STATE.ONLINE);
  const ask = connection.sent.at(-1);
  assert.equal(ask.type, "watch_changes");
  assert.equal(ask.unseen_only, true);
  const lost = { id: 9, link_id: 1, source_url: "https://blog.example/p", target: "mine.example", importance: "normal",
    kind: "lost", detected_at: "2026-12-03T06:00:00Z", before: "dofollow", after: null, message: "gone", seen: false };
  watch.onAgentMessage({ type: "watch_change_list", id: ask.id, changes: [lost], unseen_alerts: 1 });
  await tick();
  assert.deepEqual(chrome.badge, { text: "1", color: ALERT_COLOR, title: chrome.badge.title, popup: ALERTS_POPUP });
  // The popup marks it seen: mark_seen travels first, and the badge is "on" again, the click outlines.
  const marked = watch.handlers.watchChanges({ mark_seen: [9] });
  const second = connection.sent.at(-1);
  assert.deepEqual(second.mark_seen, [9]);
  watch.onAgentMessage({ type: "watch_change_list", id: second.id, changes: [], unseen_alerts: 0 });
  assert.equal((await marked).unseen_alerts, 0);
  assert.deepEqual(chrome.badge, { ...BADGES[STATE.ONLINE], popup: "" });
  // The alarm asks again while online; offline it reconnects instead.
  chrome.alarm({ name: "linklens-watch-poll" });
  assert.equal(connection.sent.at(-1).type, "watch_changes");
  watch.onAgentMessage({ type: "watch_change_list", id: connection.sent.at(-1).id, changes: [lost], unseen_alerts: 1 });
  await tick();
  connection.state = STATE.OFFLINE;
  watch.onStateChange(STATE.OFFLINE);
  await tick();
  assert.equal(chrome.badge.text, "off");
  assert.equal(chrome.badge.popup, "");
  assert.match(chrome.badge.title, /1 unseen backlink alert at the last look/);
  chrome.alarm({ name: "linklens-watch-poll" });
  assert.equal(connection.connects, 1);
});

test("an agent without the watch capability gets no watch message: no count, no Watch button", async () => {
  const chrome = fakeChrome();
  const connection = fakeConnection(["analyze", "cancel"]);
  const watch = installWatch({ connection, badges: BADGES, STATE, chrome });
  connection.state = STATE.ONLINE;
  watch.onStateChange(STATE.ONLINE);
  await tick();
  assert.deepEqual(connection.sent, []);
  assert.equal(chrome.badge.text, "on");
  assert.deepEqual(await watch.handlers.watchStatus({ source_url: "https://a.example/" }), { supported: false, online: true });
  assert.deepEqual(await watch.handlers.watchAdd({ source_url: "https://a.example/", target: "https://b.example/" }),
    { supported: false, online: true });
  assert.deepEqual(connection.sent, []);
});

test("the panel's Watch: watch_add then watch_list of the page", async () => {
  const chrome = fakeChrome();
  const connection = fakeConnection(["watch"]);
  const watch = installWatch({ connection, badges: BADGES, STATE, chrome });
  connection.state = STATE.ONLINE;
  const added = watch.handlers.watchAdd({ source_url: "http://news.test/p", target: "http://mine.test/review" });
  const add = connection.sent.at(-1);
  assert.deepEqual({ ...add, id: undefined }, { type: "watch_add", id: undefined, source_url: "http://news.test/p",
    target: "http://mine.test/review", note: "", importance: "normal" });
  const entry = { ...example("watch_links").links[0], target: "http://mine.test/review", target_kind: "url" };
  watch.onAgentMessage({ type: "watch_links", id: add.id, links: [entry] });
  await tick();
  const list = connection.sent.at(-1);
  assert.deepEqual({ type: list.type, source_url: list.source_url }, { type: "watch_list", source_url: "http://news.test/p" });
  watch.onAgentMessage({ type: "watch_links", id: list.id, links: [entry] });
  assert.deepEqual(await added, { supported: true, links: [entry] });
});

test("desktop notifications only when turned on and granted; a click opens the source page", async () => {
  const high = { id: 3, link_id: 1, source_url: "https://blog.example/p", target: "mine.example", importance: "high",
    kind: "lost", detected_at: "2026-12-03T06:00:00Z", before: "dofollow", after: null, message: "The link is gone.", seen: false };
  for (const [granted, on, expected] of [[false, true, 0], [true, false, 0], [true, true, 1]]) {
    const chrome = fakeChrome({ notifications: granted });
    if (on) chrome.local[NOTIFY_KEY] = true;
    const connection = fakeConnection(["watch"]);
    const watch = installWatch({ connection, badges: BADGES, STATE, chrome });
    connection.state = STATE.ONLINE;
    for (let round = 0; round < 2; round++) { // the second poll shows nothing twice
      const polled = watch.poll();
      watch.onAgentMessage({ type: "watch_change_list", id: connection.sent.at(-1).id, changes: [high], unseen_alerts: 1 });
      await polled;
      await tick();
      await tick();
    }
    assert.equal(chrome.created.length, expected, `granted=${granted} on=${on}`);
    if (expected) {
      assert.deepEqual(chrome.local[NOTIFIED_KEY], [3]);
      assert.match(chrome.created[0][1].message, /blog\.example/);
      chrome.clicked(chrome.created[0][0]);
      assert.deepEqual(chrome.opened, ["https://blog.example/p"]);
    }
  }
});

test("options: turning notifications on requests the optional permission; off gives it back", async () => {
  const calls = [];
  const stored = {};
  let grant = true;
  const permissions = {
    request: async (p) => { calls.push(["request", p]); return grant; },
    remove: async (p) => { calls.push(["remove", p]); return true; },
    contains: async () => grant,
  };
  const storage = { set: async (v) => Object.assign(stored, v), get: async (k) => ({ [k]: stored[k] }) };
  assert.equal(await setWatchNotifications(true, { permissions, storage }), true);
  assert.deepEqual(calls[0], ["request", { permissions: ["notifications"] }]);
  assert.equal(stored[NOTIFY_KEY], true);
  assert.equal(await watchNotificationsOn({ permissions, storage }), true);
  assert.equal(await setWatchNotifications(false, { permissions, storage }), false);
  assert.deepEqual(calls.at(-1), ["remove", { permissions: ["notifications"] }]);
  assert.equal(stored[NOTIFY_KEY], false);
  grant = false; // the person said no at the prompt
  assert.equal(await setWatchNotifications(true, { permissions, storage }), false);
  assert.equal(stored[NOTIFY_KEY], false);
  const manifest = JSON.parse(readFileSync(new URL("../../extension/manifest.json", import.meta.url), "utf8"));
  assert.deepEqual(manifest.optional_permissions, ["notifications"]);
  assert.ok(!manifest.permissions.includes("notifications"));
});

test("panel: a watched entry matches a link as the agent does (url identity, domain with subdomains)", () => {
  assert.equal(W.urlIdentity("https://www.Example.com:443/a/?q=1#x"), "example.com/a?q=1");
  assert.equal(W.urlIdentity("http://mine.test:8080/review/"), "mine.test:8080/review");
  assert.equal(W.urlIdentity("javascript:void(0)"), null);
  const url = { target: "http://mine.test:8080/review", target_kind: "url" };
  assert.ok(W.entryMatches(url, "http://mine.test:8080/review/"));
  assert.ok(!W.entryMatches(url, "http://mine.test:8080/other"));
  const domain = { target: "mine.example", target_kind: "domain" };
  assert.ok(W.entryMatches(domain, "https://blog.mine.example/x"));
  assert.ok(W.entryMatches(domain, "https://www.mine.example/"));
  assert.ok(!W.entryMatches(domain, "https://notmine.example/"));
  assert.equal(W.findEntry([domain, { ...url, target: "https://mine.example/x" }], "https://mine.example/x").target_kind, "url");
  const entry = { added_at: "2026-11-02T09:15:00Z", last_checked_at: null };
  assert.match(W.watchedText(entry), /^watched since .+, not checked yet$/);
  assert.match(W.watchedText({ ...entry, last_checked_at: "2026-12-03T06:00:12Z", standing: "present", follow: "dofollow" }),
    /^watched since .+, last checked .+ \(present, dofollow\)$/);
});

test("the connection keeps welcome.capabilities (none from an older agent)", async () => {
  let socket;
  const conn = new AgentConnection({
    createSocket: () => (socket = { send() {}, close() {} }),
    getSettings: async () => ({ port: 47113, token: "t" }),
    timers: { setTimeout: () => 1, clearTimeout() {}, setInterval: () => 1, clearInterval() {} },
  });
  await conn.connect();
  socket.onmessage({ data: JSON.stringify({ ...example("welcome") }) });
  assert.equal(conn.state, STATE.ONLINE);
  assert.ok(conn.capabilities.includes("watch"));
  const old = { ...example("welcome") };
  delete old.capabilities;
  conn.socket = null;
  conn.state = STATE.OFFLINE;
  await conn.connect();
  socket.onmessage({ data: JSON.stringify(old) });
  assert.deepEqual(conn.capabilities, []);
});
