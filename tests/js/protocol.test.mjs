// The JS mirror of protocol/: constants, decoding every example message, valid requests, CSV.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { P } from "./load.mjs";

const root = new URL("../../", import.meta.url);
const read = (path) => readFileSync(new URL(path, root), "utf8");
const examplesDir = new URL("protocol/examples/", root);

function exampleFiles() {
  return readdirSync(examplesDir).filter((name) => name.endsWith(".json")).sort();
}

test("the constants are the generated ones from protocol-data.js, not copies", () => {
  const data = globalThis.LinkLensProtocolData;
  assert.ok(data, "protocol-data.js defines LinkLensProtocolData");
  for (const name of ["PROTOCOL_VERSION", "DEFAULT_PORT", "CHROME_EXTENSION_ID", "CLIENT_MESSAGES",
    "AGENT_MESSAGES", "STAGES", "SUMMARY_FIELDS", "FLAG_CODES", "PAGE_FLAG_CODES", "ERRORS"]) {
    assert.equal(P[name], data[name], name);
  }
  assert.deepEqual(P.CSV_COLUMNS.map(([name]) => name), [...data.CSV_COLUMNS]);
  // protocol.js keeps no hand copy of a code list or an error sentence.
  const source = read("extension/protocol.js");
  for (const text of ["not_checked", "too_many_outbound", "The address is too long.", "flag_messages\","]) {
    assert.ok(!source.includes(text), `extension/protocol.js still spells out ${text}`);
  }
});

test("protocol-data.js is frozen all the way down", () => {
  const data = globalThis.LinkLensProtocolData;
  assert.ok(Object.isFrozen(data) && Object.isFrozen(data.ERRORS.busy) && Object.isFrozen(data.AGENT_MESSAGES.error));
});

test("the manifest key is the one in protocol/identity.py", () => {
  const manifest = JSON.parse(read("extension/manifest.json"));
  const identity = read("protocol/identity.py");
  const block = identity.slice(identity.indexOf("EXTENSION_PUBLIC_KEY = ("), identity.indexOf(")", identity.indexOf("EXTENSION_PUBLIC_KEY = (")));
  const key = [...block.matchAll(/"([^"]+)"/g)].map((m) => m[1]).join("");
  assert.equal(manifest.key, key);
});

test("every protocol/examples/*.json decodes with a known type and its required fields", () => {
  const files = exampleFiles();
  assert.ok(files.length > 0, "protocol/examples/ has no .json examples (scripts/gen-schema writes them)");
  const seen = new Set();
  for (const name of files) {
    const text = read(`protocol/examples/${name}`);
    const type = JSON.parse(text).type;
    const known = type in P.AGENT_MESSAGES ? P.decodeAgentMessage(text) : P.decodeClientMessage(text);
    assert.equal(known.problem, undefined, `${name}: ${known.problem}`);
    seen.add(type);
  }
  for (const type of [...Object.keys(P.CLIENT_MESSAGES), ...Object.keys(P.AGENT_MESSAGES)]) {
    assert.ok(seen.has(type), `no example for message type ${type}`);
  }
});

test("CSV export of the example report equals protocol/examples/report.csv byte for byte", () => {
  const reportFile = exampleFiles().find((name) => JSON.parse(read(`protocol/examples/${name}`)).type === "report");
  assert.ok(reportFile, "no example report message in protocol/examples/");
  const report = JSON.parse(read(`protocol/examples/${reportFile}`)).report;
  assert.equal(P.reportToCsv(report), read("protocol/examples/report.csv"));
});

test("CSV export equals Python's report_to_csv on quotes, commas, newlines, formulas, unicode", () => {
  // tests/js/fixtures/tricky-report.{json,csv}: written by protocol.report_to_csv (Python).
  const report = JSON.parse(read("tests/js/fixtures/tricky-report.json"));
  assert.equal(P.reportToCsv(report), read("tests/js/fixtures/tricky-report.csv"));
});

test("CSV cells: null empty, booleans words, formula starts quoted, numbers plain", () => {
  assert.equal(P.csvCell(null), "");
  assert.equal(P.csvCell(undefined), "");
  assert.equal(P.csvCell(true), "true");
  assert.equal(P.csvCell(false), "false");
  assert.equal(P.csvCell(404), "404");
  for (const start of ["=", "+", "-", "@", "\t", "\r"]) assert.equal(P.csvCell(`${start}x`), `'${start}x`);
  assert.equal(P.csvCell("plain"), "plain");
});

test("requests the extension builds are valid client messages", () => {
  const hello = P.hello("tok", "linklens-extension");
  assert.deepEqual(hello, { type: "hello", protocol: P.PROTOCOL_VERSION, token: "tok", client: "linklens-extension" });
  const links = [{ id: "0", href: "https://a.example/", attr_href: "/", rel: "nofollow", text: "A", tag: "a", context: "main", visible: true, hidden_reason: null }];
  const analyze = P.analyze("job-1", "https://p.example/", links, { cloaking: true, mine: ["mine.example"] });
  assert.deepEqual(analyze.options, { check: true, cloaking: true, timeout_s: null, mine: ["mine.example"] });
  assert.equal(analyze.links, links);
  for (const message of [hello, analyze, P.analyze("j2", "https://p.example/"), P.cancel("job-1"), P.ping()]) {
    const decoded = P.decodeClientMessage(JSON.stringify(message));
    assert.equal(decoded.problem, undefined, decoded.problem);
  }
  assert.equal(P.analyze("j3", "https://p.example/").links, null);
});

test("bad agent frames are reported with a reason, never thrown", () => {
  const cases = [
    ["{", /not valid JSON/],
    ["[]", /not a JSON object/],
    ["42", /not a JSON object/],
    ['{"type":"nope"}', /unknown message type/],
    ['{"id":"x"}', /unknown message type/],
    ['{"type":"welcome","protocol":1}', /\$\.agent_version is missing/],
    ['{"type":"report","id":"x","report":{"links":[]}}', /\$\.report\.url is missing/],
    ['{"type":"report","id":"x","report":{"url":"u","links":[{"id":0,"flags":[{"code":"hidden"}]}]}}', /\$\.report\.links\[0\]\.flags\[0\]\.severity is missing/],
    ['{"type":"link_updates","id":"x","updates":[{"status":200}]}', /\$\.updates\[0\]\.link_id is missing/],
    ['{"type":"progress","id":"x","stage":"dance"}', /\$\.stage/],
    ['{"type":"error","code":"busy","message":"m"}', /\$\.id is missing/],
  ];
  for (const [text, pattern] of cases) {
    const result = P.decodeAgentMessage(text);
    assert.equal(result.message, undefined, text);
    assert.match(result.problem, pattern, text);
  }
  const ok = P.decodeAgentMessage('{"type":"error","id":null,"code":"unauthorized","message":"m"}');
  assert.equal(ok.message.code, "unauthorized");
});

test("every error code has a number and a sentence; unknown codes still read well", () => {
  for (const [code, [number, message]] of Object.entries(P.ERRORS)) {
    assert.ok(Number.isInteger(number), code);
    assert.match(message, /\.$/, code);
    assert.equal(P.errorMessage(code), message);
  }
  assert.match(P.errorMessage("brand_new_code"), /brand_new_code/);
});

test("requests built here have exactly the fields of the protocol's examples", () => {
  const example = (name) => JSON.parse(read(`protocol/examples/${name}.json`));
  const keys = (obj) => Object.keys(obj).sort();
  const analyzeExample = example("analyze");
  const built = P.analyze("id", "https://p.example/", analyzeExample.links, { mine: ["m.example"] });
  assert.deepEqual(keys(built), keys(analyzeExample));
  assert.deepEqual(keys(built.options), keys(analyzeExample.options));
  assert.deepEqual(keys(P.hello("t", "c")), keys(example("hello")));
  assert.deepEqual(keys(P.cancel("x")), keys(example("cancel")));
  assert.deepEqual(keys(P.ping()), keys(example("ping")));
});

test("summary fields and stages match the examples", () => {
  const done = JSON.parse(read("protocol/examples/done.json"));
  assert.deepEqual(Object.keys(done.summary).sort(), [...P.SUMMARY_FIELDS].sort());
  assert.ok(P.STAGES.includes(JSON.parse(read("protocol/examples/progress.json")).stage));
});

test("a CSV column added in protocol/ without a special reader takes the Link field of its name", () => {
  // Every column's cell for the example report is what Python wrote (the byte test above);
  // here: the generic reader is the field itself, so a plain new column needs no JS change.
  const plain = P.CSV_COLUMNS.filter(([name]) => !["rel", "qualifiers", "redirects", "views", "flags", "flag_messages"].includes(name));
  const link = Object.fromEntries(plain.map(([name], i) => [name, `v${i}`]));
  for (const [name, read] of plain) assert.equal(read(link), link[name], name);
});
