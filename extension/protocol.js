/*
 * LinkLens wire protocol for the extension: message shapes, decoding, requests, the CSV export.
 * The constants (version, required fields, stages, flag and error codes, CSV columns) are not
 * written here: scripts/gen-schema generates them from protocol/ (Python) into protocol-data.js,
 * which is loaded first, and a pytest fails when that file is stale. tests/js/protocol.test.mjs
 * checks the code here against protocol/examples/*.json and protocol/examples/report.csv.
 *
 * A classic script on purpose: the content script (injected as a classic script) needs the CSV
 * export, and the service worker, the options page and Node's tests need the rest. It defines one
 * global, `LinkLensProtocol`; ES modules `import "./protocol-data.js"` then `import "./protocol.js"`
 * for that side effect.
 */
(function defineProtocol(root) {
  "use strict";
  if (root.LinkLensProtocol) return; // injected twice into the same page: keep the first
  const data = root.LinkLensProtocolData;
  if (!data) throw new Error("LinkLens: load protocol-data.js before protocol.js");

  const {
    PROTOCOL_VERSION, DEFAULT_PORT, CHROME_EXTENSION_ID, CLIENT_MESSAGES, AGENT_MESSAGES, STAGES,
    REPORT_REQUIRED, LINK_REQUIRED, LINK_UPDATE_REQUIRED, FLAG_REQUIRED, REDIRECT_REQUIRED,
    SUMMARY_FIELDS, FLAG_CODES, PAGE_FLAG_CODES, ERRORS,
  } = data;
  /** Messages after which an analyze id gets nothing more (protocol/messages.py docstring). */
  const TERMINAL_TYPES = Object.freeze(["done", "error"]);

  function errorMessage(code) {
    const entry = ERRORS[code];
    return entry ? entry[1] : `The agent reported an error (${code}).`;
  }

  // ---- CSV (protocol/csv_columns.py) ----
  const join = (values) => (values || []).join(" ");
  /** Columns whose cell is not the Link field of the same name (cell rules of csv_columns.py). */
  const CELL_READERS = {
    rel: (l) => join(l.rel),
    qualifiers: (l) => join(l.qualifiers),
    redirects: (l) => (l.redirects || []).map((r) => `${r.status} ${r.url}`).join(" > "),
    views: (l) => join(l.views),
    flags: (l) => join((l.flags || []).map((f) => f.code)),
    flag_messages: (l) => (l.flags || []).map((f) => f.message).join(" | "),
  };
  /** [column name, how to read it from a Link], in the generated order of CSV_COLUMNS. */
  const CSV_COLUMNS = Object.freeze(
    data.CSV_COLUMNS.map((name) => Object.freeze([name, CELL_READERS[name] || ((l) => l[name])])),
  );
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
