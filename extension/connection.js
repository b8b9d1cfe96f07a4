/**
 * The one websocket to the local agent: hello with the token, protocol check, an app-level ping
 * every 20 s (Chrome keeps a service worker alive while it has websocket traffic, from 116 on),
 * reconnect with back-off, and no reconnect after an auth failure until the token changes.
 *
 * No chrome.* here: the socket factory, settings and timers are passed in, so Node's tests drive
 * it with a fake socket and fake clocks.
 */
import "./protocol-data.js";
import "./protocol.js";

const P = globalThis.LinkLensProtocol;

export const PING_INTERVAL_MS = 20_000;

/** Connection states; the badge shows the last four. */
export const STATE = Object.freeze({
  CONNECTING: "connecting",
  ONLINE: "online",
  OFFLINE: "offline",
  UNPAIRED: "unpaired",
  INCOMPATIBLE: "incompatible",
});

/**
 * Delay before reconnect attempt `attempt` (0-based): exponential from `baseMs`, capped at
 * `maxMs`, with jitter in [50%, 100%] so several browsers do not retry in lockstep.
 */
export function backoffDelay(attempt, { baseMs = 1000, maxMs = 30_000, random = Math.random } = {}) {
  const n = Math.max(0, Math.min(Math.floor(attempt), 30));
  const ceiling = Math.min(maxMs, baseMs * 2 ** n);
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

/**
 * The state after a connection ends: an auth failure means "not paired", a protocol mismatch
 * "incompatible" (both stop the reconnect loop), anything else "offline" (retry).
 */
export function stateAfterClose(lastErrorCode) {
  if (lastErrorCode === "unauthorized") return STATE.UNPAIRED;
  if (lastErrorCode === "unsupported_protocol") return STATE.INCOMPATIBLE;
  return STATE.OFFLINE;
}

/** Only "offline" retries on its own; the others wait for the person (token, update, click). */
export function shouldReconnect(state) {
  return state === STATE.OFFLINE;
}

export function agentUrl(port) {
  return `ws://127.0.0.1:${port}/`;
}

const realTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (id) => globalThis.clearInterval(id),
};

export class AgentConnection {
  /**
   * @param {object} deps
   * @param {(url: string) => WebSocket} deps.createSocket
   * @param {() => Promise<{port: number, token: string}>} deps.getSettings
   * @param {(state: string, info: object) => void} [deps.onStateChange]
   * @param {(message: object) => void} [deps.onMessage] every agent message except welcome/pong
   */
  constructor({ createSocket, getSettings, onStateChange = () => {}, onMessage = () => {},
    timers = realTimers, backoff = {}, pingIntervalMs = PING_INTERVAL_MS, client = "linklens-extension" }) {
    this.createSocket = createSocket;
    this.getSettings = getSettings;
    this.onStateChange = onStateChange;
    this.onMessage = onMessage;
    this.timers = timers;
    this.backoff = backoff;
    this.pingIntervalMs = pingIntervalMs;
    this.client = client;
    this.state = STATE.OFFLINE;
    this.info = {};
    this.socket = null;
    this.attempt = 0;
    this.retryTimer = null;
    this.pingTimer = null;
    this.awaitingPong = false;
    this.failedToken = null; // the token the agent refused: no retry until it changes
    this.lastErrorCode = null;
    this.capabilities = [];
  }

  setState(state, info = {}) {
    const changed = state !== this.state || JSON.stringify(info) !== JSON.stringify(this.info);
    this.state = state;
    this.info = info;
    if (changed) this.onStateChange(state, info);
  }

  get online() {
    return this.state === STATE.ONLINE;
  }

  /** Open the connection unless one is open or the last failure needs the person first. */
  async connect() {
    if (this.socket || this.state === STATE.CONNECTING) return;
    this.clearRetry();
    const settings = await this.getSettings();
    if (this.socket || this.state === STATE.CONNECTING) return; // raced with another connect()
    if (!settings.token) {
      this.setState(STATE.UNPAIRED, { reason: "no_token" });
      return;
    }
    if (this.failedToken !== null && settings.token === this.failedToken) {
      this.setState(STATE.UNPAIRED, { reason: "unauthorized" });
      return;
    }
    this.failedToken = null;
    this.lastErrorCode = null;
    this.setState(STATE.CONNECTING, { port: settings.port });
    let socket;
    try {
      socket = this.createSocket(agentUrl(settings.port));
    } catch (err) {
      this.handleClose(null, String(err));
      return;
    }
    this.socket = socket;
    const token = settings.token;
    socket.onopen = () => socket.send(JSON.stringify(P.hello(token, this.client)));
    socket.onmessage = (event) => this.handleFrame(socket, token, event.data);
    socket.onclose = () => this.handleClose(socket, null);
    socket.onerror = () => {}; // onclose follows with the details that matter
  }

  handleFrame(socket, token, data) {
    if (socket !== this.socket) return;
    const { message, problem } = P.decodeAgentMessage(typeof data === "string" ? data : "");
    if (problem) {
      // A frame we cannot read is reported, never fatal: the connection keeps working.
      console.warn("LinkLens: ignoring a frame from the agent:", problem);
      return;
    }
    switch (message.type) {
      case "welcome":
        if (message.protocol !== P.PROTOCOL_VERSION) {
          this.lastErrorCode = "unsupported_protocol";
          this.info = { agentVersion: message.agent_version };
          socket.close(1000);
          return;
        }
        this.attempt = 0;
        // What this agent can do (welcome.capabilities; older agents may send none).
        this.capabilities = Array.isArray(message.capabilities) ? message.capabilities.map(String) : [];
        this.setState(STATE.ONLINE, { agentVersion: message.agent_version });
        this.startPing();
        return;
      case "pong":
        this.awaitingPong = false;
        return;
      case "error":
        if (message.id === null && (message.code === "unauthorized" || message.code === "unsupported_protocol")) {
          this.lastErrorCode = message.code;
          if (message.code === "unauthorized") this.failedToken = token;
          return; // the agent closes with 1008 next
        }
        this.onMessage(message);
        return;
      default:
        this.onMessage(message);
    }
  }

  handleClose(socket, detail) {
    if (socket !== null && socket !== this.socket) return;
    this.socket = null;
    this.stopPing();
    const state = stateAfterClose(this.lastErrorCode);
    const info = state === STATE.UNPAIRED ? { reason: "unauthorized" }
      : state === STATE.INCOMPATIBLE ? { ...this.info, reason: "protocol" }
      : detail ? { detail } : {};
    this.setState(state, info);
    if (shouldReconnect(state)) this.scheduleRetry();
  }

  scheduleRetry() {
    this.clearRetry();
    const delay = backoffDelay(this.attempt, this.backoff);
    this.attempt += 1;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  clearRetry() {
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  startPing() {
    this.stopPing();
    this.awaitingPong = false;
    this.pingTimer = this.timers.setInterval(() => {
      if (this.awaitingPong) {
        // No pong for a whole interval: the agent is gone without a close frame.
        this.socket?.close(4000);
        return;
      }
      this.awaitingPong = true;
      this.send(P.ping());
    }, this.pingIntervalMs);
  }

  stopPing() {
    if (this.pingTimer !== null) this.timers.clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  /** Send one message if online; returns whether it was sent. */
  send(message) {
    if (!this.socket || this.state !== STATE.ONLINE) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** A person asked (click, retry button): try at once, from the first back-off step. */
  reconnectNow() {
    this.attempt = 0;
    if (this.state === STATE.INCOMPATIBLE) this.lastErrorCode = null;
    return this.connect();
  }

  /** The token or port in storage changed: forget the refused token and start over. */
  settingsChanged() {
    this.failedToken = null;
    this.attempt = 0;
    const socket = this.socket;
    if (socket) {
      this.socket = null;
      this.stopPing();
      socket.close(1000);
    }
    this.setState(STATE.OFFLINE, {});
    return this.connect();
  }
}

/**
 * One-off check for the options page: connect, hello, and report what happened.
 * Resolves {ok: true, agentVersion} or {ok: false, state, message}; never rejects.
 */
export function testConnection({ createSocket, port, token, timeoutMs = 3000, timers = realTimers }) {
  return new Promise((resolve) => {
    let settled = false;
    let socket;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      timers.clearTimeout(timer);
      try {
        socket?.close(1000);
      } catch {
        // already closed
      }
      resolve(result);
    };
    const timer = timers.setTimeout(
      () => finish({ ok: false, state: STATE.OFFLINE, message: `No answer from the agent on port ${port}.` }),
      timeoutMs,
    );
    try {
      socket = createSocket(agentUrl(port));
    } catch (err) {
      finish({ ok: false, state: STATE.OFFLINE, message: String(err) });
      return;
    }
    socket.onopen = () => socket.send(JSON.stringify(P.hello(token, "linklens-options")));
    socket.onmessage = (event) => {
      const { message } = P.decodeAgentMessage(String(event.data));
      if (message?.type === "welcome") {
        if (message.protocol === P.PROTOCOL_VERSION) {
          finish({ ok: true, agentVersion: message.agent_version });
        } else {
          finish({ ok: false, state: STATE.INCOMPATIBLE, agentVersion: message.agent_version,
            message: P.errorMessage("unsupported_protocol") });
        }
      } else if (message?.type === "error") {
        finish({ ok: false, state: stateAfterClose(message.code), message: message.message });
      }
    };
    socket.onclose = () => finish({ ok: false, state: STATE.OFFLINE,
      message: `The agent is not running on port ${port}: start it with \`linklens serve\`.` });
    socket.onerror = () => {};
  });
}
