/*
 * LinkLens wire protocol, mirrored from protocol/ (Python): constants, message shapes, error
 * codes, the CSV columns and their cell rules. tests/js/protocol.test.mjs checks this mirror
 * against protocol/examples/*.json and protocol/examples/report.csv.
 *
 * A classic script on purpose: the content script (injected as a classic script) needs the CSV
 * export, and the service worker, the options page and Node's tests need the rest. It defines one
 * global, `LinkLensProtocol`; ES modules `import "./protocol.js"` for that side effect.
 */
(function defineProtocol(root) {
  "use strict";
  if (root.LinkLensProtocol) return; // injected twice into the same page: keep the first

  /** protocol/identity.py */
  const PROTOCOL_VERSION = 1;
  const DEFAULT_PORT = 47113;
  const CHROME_EXTENSION_ID = "hgjmcffkifokcapmlfjkmnjklfijknbp";

  /** protocol/messages.py: fields without a default are required (null allowed where typed so). */
  const CLIENT_MESSAGES = Object.freeze({
    hello: ["protocol", "token"],
    analyze: ["id", "url"],
    cancel: ["id"],
    ping: [],
  });
  const AGENT_MESSAGES = Object.freeze({
    welcome: ["protocol", "agent_version"],
    progress: ["id", "stage"],
    report: ["id", "report"],
    link_updates: ["id", "updates"],
    done: ["id", "summary"],
    error: ["id", "code", "message"],
    pong: [],
  });
  /** Messages after which an analyze id gets nothing more. */
  const TERMINAL_TYPES = Object.freeze(["done", "error"]);
  const STAGES = Object.freeze(["render", "extract", "check", "cloaking"]);

  /** protocol/report.py: required fields of the nested structs. */
  const REPORT_REQUIRED = Object.freeze(["url"]);
  const LINK_REQUIRED = Object.freeze(["id"]);
  const LINK_UPDATE_REQUIRED = Object.freeze(["link_id"]);
  const FLAG_REQUIRED = Object.freeze(["code", "severity", "message"]);
  const REDIRECT_REQUIRED = Object.freeze(["url", "status"]);

  const SUMMARY_FIELDS = Object.freeze([
    "total", "dofollow", "nofollow", "ugc", "sponsored", "internal", "external", "js_generated",
    "hidden", "not_crawlable", "suspicious", "broken", "blocked", "redirect", "mine",
  ]);

  /** Link flag codes: stable; add, never rename. */
  const FLAG_CODES = Object.freeze([
    "hidden", "cloaked", "not_crawlable", "javascript_href", "rel_changed_by_js", "homograph",
    "ip_host", "shortener", "text_mismatch", "spam_anchor", "risky_tld", "broken", "blocked",
    "soft_404", "redirect", "redirect_loop", "timeout", "insecure", "empty_anchor", "not_checked",
  ]);
  /** Page flag codes: stable; add, never rename. */
  const PAGE_FLAG_CODES = Object.freeze([
    "meta_nofollow", "header_nofollow", "too_many_outbound", "live_differs", "agent_only_links",
    "live_only_links", "hidden_links", "spam_anchors", "suspicious_links", "cloaking_unavailable",
  ]);

  /** protocol/errors.py: code -> [number, default message]. */
  const ERRORS = Object.freeze({
    unauthorized: [1, "The pairing token is wrong; run `linklens token` and paste it into the extension's options."],
    unsupported_protocol: [2, "The extension and the agent speak different protocol versions; update the older one."],
    invalid_json: [10, "The message is not valid JSON."],
    invalid_request: [11, "The message is not a request the agent understands."],
    duplicate_id: [12, "A request with this id is still running."],
    unknown_id: [13, "No running request has this id."],
    busy: [14, "The agent is busy with other pages; try again in a moment."],
    invalid_url: [20, "The address is not a valid URL."],
    scheme_not_allowed: [21, "Only http and https pages can be analysed."],
    target_not_allowed: [22, "That address is not allowed: it points at the agent itself or at a private or internal network."],
    credentials_in_url: [23, "Addresses with a user name or password in them are not analysed."],
    url_too_long: [24, "The address is too long."],
    unreachable: [30, "The page could not be reached."],
    render_timeout: [31, "The page did not load in time."],
    too_many_redirects: [32, "The page redirects too many times (or in a loop)."],
    not_html: [33, "That address is not an HTML page (a file, image or download)."],
    browser_unavailable: [34, "No Chromium was found; install Chromium or Google Chrome, or set LINKLENS_CHROMIUM."],
    cancelled: [40, "The request was cancelled."],
    internal_error: [99, "The agent hit an unexpected error; the details are in its log."],
  });

  function errorMessage(code) {
    const entry = ERRORS[code];
    return entry ? entry[1] : `The agent reported an error (${code}).`;
  }

  // ---- CSV (protocol/csv_columns.py) ----
  const join = (values) => (values || []).join(" ");
  /** [column name, how to read it from a Link]: same order as CSV_COLUMNS in Python. */
  const CSV_COLUMNS = Object.freeze([
    ["id", (l) => l.id],
    ["href", (l) => l.href],
    ["text", (l) => l.text],
    ["tag", (l) => l.tag],
    ["rel", (l) => join(l.rel)],
    ["follow", (l) => l.follow],
    ["nofollow_source", (l) => l.nofollow_source],
    ["qualifiers", (l) => join(l.qualifiers)],
    ["verdict", (l) => l.verdict],
    ["risk", (l) => l.risk],
    ["health", (l) => l.health],
    ["status", (l) => l.status],
    ["final_url", (l) => l.final_url],
    ["redirects", (l) => (l.redirects || []).map((r) => `${r.status} ${r.url}`).join(" > ")],
    ["internal", (l) => l.internal],
    ["mine", (l) => l.mine],
    ["js_generated", (l) => l.js_generated],
    ["crawlable", (l) => l.crawlable],
    ["visible", (l) => l.visible],
    ["hidden_reason", (l) => l.hidden_reason],
    ["context", (l) => l.context],
    ["views", (l) => join(l.views)],
    ["flags", (l) => join((l.flags || []).map((f) => f.code))],
    ["flag_messages", (l) => (l.flags || []).map((f) => f.message).join(" | ")],
    ["live_id", (l) => l.live_id],
  ]);
  const FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"];

  /** One cell's text: null empty, booleans true/false, formula-like strings quoted with '. */
  function csvCell(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "boolean") return value ? "true" : "false";
    const text = String(value);
    if (typeof value === "string" && FORMULA_STARTS.some((s) => text.startsWith(s))) {
      return "'" + text;
    }
    return text;
  }

  /** RFC 4180 quoting exactly as Python's csv.writer (QUOTE_MINIMAL, excel dialect). */
  function csvQuote(cell) {
    return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  }

  function reportRows(report) {
    const rows = [CSV_COLUMNS.map(([name]) => name)];
    for (const link of report.links || []) {
      rows.push(CSV_COLUMNS.map(([, read]) => csvCell(read(link))));
    }
    return rows;
  }

  /** The whole CSV text of a Report (CRLF line ends, as protocol.report_to_csv). */
  function reportToCsv(report) {
    return reportRows(report).map((row) => row.map(csvQuote).join(",") + "\r\n").join("");
  }

  // ---- Messages ----
  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function missing(obj, required, path) {
    if (!isObject(obj)) return `${path} is not an object`;
    for (const field of required) {
      if (!(field in obj)) return `${path}.${field} is missing`;
    }
    return null;
  }

  function checkList(list, required, path) {
    if (!Array.isArray(list)) return `${path} is not a list`;
    for (let i = 0; i < list.length; i++) {
      const problem = missing(list[i], required, `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }

  function checkLinkLike(link, required, path) {
    return (
      missing(link, required, path) ||
      checkList(link.flags || [], FLAG_REQUIRED, `${path}.flags`) ||
      checkList(link.redirects || [], REDIRECT_REQUIRED, `${path}.redirects`)
    );
  }

  function checkReport(report, path) {
    const problem =
      missing(report, REPORT_REQUIRED, path) ||
      checkList(report.links || [], LINK_REQUIRED, `${path}.links`) ||
      checkList(report.flags || [], FLAG_REQUIRED, `${path}.flags`);
    if (problem) return problem;
    for (let i = 0; i < (report.links || []).length; i++) {
      const linkProblem = checkLinkLike(report.links[i], LINK_REQUIRED, `${path}.links[${i}]`);
      if (linkProblem) return linkProblem;
    }
    return null;
  }

  /** Deep checks for the messages that carry nested structs. */
  const NESTED_CHECKS = {
    report: (m) => checkReport(m.report, "$.report"),
    link_updates: (m) => {
      const problem = checkList(m.updates, LINK_UPDATE_REQUIRED, "$.updates");
      if (problem) return problem;
      for (let i = 0; i < m.updates.length; i++) {
        const p = checkLinkLike(m.updates[i], LINK_UPDATE_REQUIRED, `$.updates[${i}]`);
        if (p) return p;
      }
      return null;
    },
    done: (m) => (isObject(m.summary) ? null : "$.summary is not an object"),
    progress: (m) => (STAGES.includes(m.stage) ? null : `$.stage is not one of ${STAGES.join(", ")}`),
  };

  /** Parse one frame against a table of message types; {message} or {problem}, never throws. */
  function decodeFrame(text, table, nested) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return { problem: "the frame is not valid JSON" };
    }
    if (!isObject(message)) return { problem: "the frame is not a JSON object" };
    const required = table[message.type];
    if (!required) return { problem: `unknown message type ${JSON.stringify(message.type)}` };
    const problem = missing(message, required, "$") || nested[message.type]?.(message);
    return problem ? { problem } : { message };
  }

  /**
   * Decode one frame from the agent. Returns {message} or {problem} (a sentence with a JSON
   * path); never throws, so a bad frame cannot break the connection loop.
   */
  function decodeAgentMessage(text) {
    return decodeFrame(text, AGENT_MESSAGES, NESTED_CHECKS);
  }

  /** Decode a client frame (tests and tools): the same rules, the other direction. */
  function decodeClientMessage(text) {
    return decodeFrame(text, CLIENT_MESSAGES, {});
  }

  function hello(token, client) {
    return { type: "hello", protocol: PROTOCOL_VERSION, token: String(token), client: client || "" };
  }

  /** analyze: `links` are the collector's CollectedLink objects from the live tab (or null). */
  function analyze(id, url, links, options) {
    const opts = options || {};
    return {
      type: "analyze",
      id: String(id),
      url: String(url),
      links: links || null,
      options: {
        check: opts.check !== false,
        cloaking: Boolean(opts.cloaking),
        timeout_s: typeof opts.timeout_s === "number" ? opts.timeout_s : null,
        mine: Array.isArray(opts.mine) ? opts.mine.map(String) : [],
      },
    };
  }

  const cancel = (id) => ({ type: "cancel", id: String(id) });
  const ping = () => ({ type: "ping" });

  root.LinkLensProtocol = Object.freeze({
    PROTOCOL_VERSION, DEFAULT_PORT, CHROME_EXTENSION_ID,
    CLIENT_MESSAGES, AGENT_MESSAGES, TERMINAL_TYPES, STAGES, SUMMARY_FIELDS,
    FLAG_CODES, PAGE_FLAG_CODES, ERRORS, errorMessage,
    CSV_COLUMNS, csvCell, csvQuote, reportRows, reportToCsv,
    decodeAgentMessage, decodeClientMessage, hello, analyze, cancel, ping,
  });
})(globalThis);
