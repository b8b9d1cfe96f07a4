// The agent connection: back-off, hello/welcome, ping, auth failure stops retries, token change.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AgentConnection, STATE, agentUrl, backoffDelay, shouldReconnect, stateAfterClose, testConnection } from "../../extension/connection.js";
import { P } from "./load.mjs";

test("back-off doubles from the base, is capped, and jitters within 50-100%", () => {
  const top = () => 1;
  const bottom = () => 0;
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, { random: top })),
    [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  assert.equal(backoffDelay(3, { random: bottom }), 4000);
  assert.equal(backoffDelay(1000, { random: top }), 30000);
  assert.equal(backoffDelay(2, { baseMs: 100, maxMs: 250, random: top }), 250);
});

test("auth failure means not paired and protocol mismatch incompatible; only offline retries", () => {
  assert.equal(stateAfterClose("unauthorized"), STATE.UNPAIRED);
  assert.equal(stateAfterClose("unsupported_protocol"), STATE.INCOMPATIBLE);
  assert.equal(stateAfterClose(null), STATE.OFFLINE);
  assert.ok(shouldReconnect(STATE.OFFLINE));
  for (const s of [STATE.UNPAIRED, STATE.INCOMPATIBLE, STATE.ONLINE]) assert.ok(!shouldReconnect(s));
  assert.equal(agentUrl(47113), "ws://127.0.0.1:47113/");
});

/** Fake timers: run them by hand. */
function fakeTimers() {
  let next = 1;
  const pending = new Map();
  return {
    pending,
    setTimeout: (fn, ms) => { pending.set(next, { fn, ms, repeat: false }); return next++; },
    clearTimeout: (id) => pending.delete(id),
    setInterval: (fn, ms) => { pending.set(next, { fn, ms, repeat: true }); return next++; },
    clearInterval: (id) => pending.delete(id),
    /** Fire every pending timeout (not intervals) once. */
    fireTimeouts() {
      for (const [id, t] of [...pending]) if (!t.repeat) { pending.delete(id); t.fn(); }
    },
    fireIntervals() {
      for (const t of [...pending.values()]) if (t.repeat) t.fn();
    },
    delays: () => [...pending.values()].filter((t) => !t.repeat).map((t) => t.ms),
  };
}

class FakeSocket {
  constructor(url) {
    this.url = url;
    this.sent = [];
    this.closed = false;
    FakeSocket.all.push(this);
  }
  send(text) { this.sent.push(JSON.parse(text)); }
  close() { if (!this.closed) { this.closed = true; this.onclose?.({ code: 1000 }); } }
  // agent side
  open() { this.onopen?.(); }
  receive(message) { this.onmessage?.({ data: JSON.stringify(message) }); }
  drop() { this.closed = true; this.onclose?.({ code: 1006 }); }
}
FakeSocket.all = [];

function setup(settings = { port: 47113, token: "secret" }) {
  FakeSocket.all = [];
  const timers = fakeTimers();
  const states = [];
  const messages = [];
  const current = { ...settings };
  const conn = new AgentConnection({
    createSocket: (url) => new FakeSocket(url),
    getSettings: async () => ({ ...current }),
    onStateChange: (state, info) => states.push([state, info]),
    onMessage: (m) => messages.push(m),
    timers,
    backoff: { random: () => 1 },
  });
  return { conn, timers, states, messages, current, sockets: FakeSocket.all };
}

const welcome = { type: "welcome", protocol: P.PROTOCOL_VERSION, agent_version: "0.1.0", capabilities: [] };

test("connect sends hello with the token first, welcome makes it online", async () => {
  const { conn, states, sockets } = setup();
  await conn.connect();
  assert.equal(sockets.length, 1);
  assert.equal(sockets[0].url, "ws://127.0.0.1:47113/");
  sockets[0].open();
  assert.deepEqual(sockets[0].sent[0], { type: "hello", protocol: 1, token: "secret", client: "linklens-extension" });
  sockets[0].receive(welcome);
  assert.equal(conn.state, STATE.ONLINE);
  assert.deepEqual(states.at(-1), [STATE.ONLINE, { agentVersion: "0.1.0" }]);
  assert.ok(conn.send(P.ping()));
});

test("no token: not paired, and no socket is opened", async () => {
  const { conn, sockets } = setup({ port: 47113, token: "" });
  await conn.connect();
  assert.equal(conn.state, STATE.UNPAIRED);
  assert.equal(sockets.length, 0);
});

test("a ping goes out every interval; a missing pong closes and schedules a reconnect", async () => {
  const { conn, timers, sockets } = setup();
  await conn.connect();
  sockets[0].open();
  sockets[0].receive(welcome);
  timers.fireIntervals();
  assert.deepEqual(sockets[0].sent.at(-1), { type: "ping" });
  sockets[0].receive({ type: "pong" });
  timers.fireIntervals();
  assert.equal(sockets[0].sent.filter((m) => m.type === "ping").length, 2);
  timers.fireIntervals(); // no pong for the second ping
  assert.ok(sockets[0].closed);
  assert.equal(conn.state, STATE.OFFLINE);
  assert.deepEqual(timers.delays(), [1000]);
});

test("agent not running: offline, retries with growing delays, reset after success", async () => {
  const { conn, timers, sockets } = setup();
  await conn.connect();
  sockets[0].drop();
  assert.equal(conn.state, STATE.OFFLINE);
  assert.deepEqual(timers.delays(), [1000]);
  timers.fireTimeouts();
  await new Promise((r) => setImmediate(r));
  sockets[1].drop();
  assert.deepEqual(timers.delays(), [2000]);
  timers.fireTimeouts();
  await new Promise((r) => setImmediate(r));
  sockets[2].open();
  sockets[2].receive(welcome);
  assert.equal(conn.state, STATE.ONLINE);
  sockets[2].drop();
  assert.deepEqual(timers.delays(), [1000]);
});

test("wrong token: not paired, no retry until the token changes", async () => {
  const { conn, timers, sockets, current } = setup();
  await conn.connect();
  sockets[0].open();
  sockets[0].receive({ type: "error", id: null, code: "unauthorized", message: P.errorMessage("unauthorized") });
  sockets[0].drop(); // the agent closes with 1008
  assert.equal(conn.state, STATE.UNPAIRED);
  assert.deepEqual(timers.delays(), []);
  await conn.reconnectNow(); // a click does not retry the refused token either
  assert.equal(sockets.length, 1);
  assert.equal(conn.state, STATE.UNPAIRED);
  current.token = "new-token";
  await conn.settingsChanged();
  assert.equal(sockets.length, 2);
  sockets[1].open();
  assert.equal(sockets[1].sent[0].token, "new-token");
});

test("another protocol version: incompatible, no automatic retry", async () => {
  const { conn, timers, sockets } = setup();
  await conn.connect();
  sockets[0].open();
  sockets[0].receive({ ...welcome, protocol: 99, agent_version: "9.0.0" });
  assert.ok(sockets[0].closed);
  assert.equal(conn.state, STATE.INCOMPATIBLE);
  assert.equal(conn.info.agentVersion, "9.0.0");
  assert.deepEqual(timers.delays(), []);
});

test("agent messages other than welcome and pong reach the handler; bad frames are ignored", async () => {
  const { conn, sockets, messages } = setup();
  await conn.connect();
  sockets[0].open();
  sockets[0].receive(welcome);
  sockets[0].onmessage({ data: "{not json" });
  sockets[0].receive({ type: "progress", id: "j", stage: "render", done: 0, total: 1 });
  sockets[0].receive({ type: "error", id: "j", code: "busy", message: "m" });
  assert.deepEqual(messages.map((m) => m.type), ["progress", "error"]);
  assert.equal(conn.state, STATE.ONLINE);
});

test("send refuses while not online", async () => {
  const { conn } = setup();
  assert.equal(conn.send(P.ping()), false);
});

test("options' test connection reports the agent version, a wrong token, or no agent", async () => {
  const timers = fakeTimers();
  const run = (script) => testConnection({ createSocket: (url) => { const s = new FakeSocket(url); queueMicrotask(() => script(s)); return s; }, port: 5, token: "t", timers });
  assert.deepEqual(await run((s) => { s.open(); s.receive(welcome); }), { ok: true, agentVersion: "0.1.0" });
  const refused = await run((s) => { s.open(); s.receive({ type: "error", id: null, code: "unauthorized", message: "wrong token" }); });
  assert.deepEqual(refused, { ok: false, state: STATE.UNPAIRED, message: "wrong token" });
  const down = await run((s) => s.drop());
  assert.equal(down.state, STATE.OFFLINE);
  assert.match(down.message, /linklens serve/);
});
