// Settings: defaults in one place, normalisation of stored values, load/save round trip.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULTS, HIGHLIGHT_STATES, loadSettings, normalizeSettings, parseDomains, parsePort, saveSettings } from "../../extension/storage.js";
import { P, R } from "./load.mjs";

/** chrome.storage.local stand-in: get(keys) returns only the stored keys, like the real one. */
function memoryArea(initial = {}) {
  const data = { ...initial };
  return {
    data,
    async get(keys) {
      return Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    async set(values) {
      Object.assign(data, structuredClone(values));
    },
  };
}

test("defaults: the protocol's port, no token, no domains, checks on, cloaking off, all states", () => {
  assert.equal(DEFAULTS.port, P.DEFAULT_PORT);
  assert.equal(DEFAULTS.token, "");
  assert.deepEqual(DEFAULTS.mine, []);
  assert.equal(DEFAULTS.check, true);
  assert.equal(DEFAULTS.cloaking, false);
  assert.deepEqual(Object.keys(DEFAULTS.highlight), [...R.STATES]);
  assert.ok(Object.values(DEFAULTS.highlight).every((v) => v === true));
  assert.deepEqual(HIGHLIGHT_STATES, R.STATES);
});

test("nothing stored gives the defaults", async () => {
  assert.deepEqual(await loadSettings(memoryArea()), normalizeSettings({}));
  assert.deepEqual(normalizeSettings(undefined), normalizeSettings({}));
  assert.equal(normalizeSettings({}).port, 47113);
});

test("junk in storage falls back to defaults field by field", () => {
  const s = normalizeSettings({ port: "99999", token: 5, mine: "x.com", cloaking: "yes", highlight: { ugc: false, bogus: true, broken: "no" } });
  assert.equal(s.port, DEFAULTS.port);
  assert.equal(s.token, "");
  assert.deepEqual(s.mine, []);
  assert.equal(s.cloaking, false);
  assert.equal(s.highlight.ugc, false);
  assert.equal(s.highlight.broken, true);
  assert.ok(!("bogus" in s.highlight));
});

test("ports: digits from 1 to 65535 only", () => {
  assert.equal(parsePort("47113"), 47113);
  assert.equal(parsePort(" 8080 "), 8080);
  for (const bad of ["0", "65536", "80a", "", "-1", "1e3", null]) assert.equal(parsePort(bad), null, String(bad));
});

test("my domains parse from lines, commas and URLs, deduplicated", () => {
  assert.deepEqual(parseDomains("example.com\nhttps://www.Other.org/x, third.net;example.com junk"),
    ["example.com", "other.org", "third.net"]);
  assert.deepEqual(parseDomains(""), []);
});

test("save normalises and round-trips through storage", async () => {
  const area = memoryArea({ port: 5000 });
  const saved = await saveSettings({ token: "  abc  ", mine: ["https://Mine.example/"], highlight: { dofollow: false } }, area);
  assert.equal(saved.token, "abc");
  assert.deepEqual(saved.mine, ["mine.example"]);
  assert.equal(saved.port, 5000);
  assert.equal(saved.highlight.dofollow, false);
  assert.deepEqual(await loadSettings(area), saved);
});

test("automatic-mode sites are http(s) origins without a port, off by default", async () => {
  const { parseSite, sitePattern } = await import("../../extension/storage.js");
  assert.deepEqual(DEFAULTS.auto, []);
  assert.equal(parseSite("https://Example.com:8443/a/b?c"), "https://example.com");
  assert.equal(parseSite("news.example"), "https://news.example");
  assert.equal(parseSite("ftp://x.example/"), null);
  assert.equal(parseSite(""), null);
  assert.equal(sitePattern("http://127.0.0.1"), "http://127.0.0.1/*");
  assert.deepEqual(normalizeSettings({ auto: ["http://a.example/x", "http://a.example", "javascript:x"] }).auto,
    ["http://a.example"]);
});
