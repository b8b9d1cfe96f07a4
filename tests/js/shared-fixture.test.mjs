// The extension's side of tests/fixtures/link-rules.json: rel (links and the collector's
// canonical), robots, "mine" domains, the disavow line from the Report's registrable domain, and
// hidden reasons. tests/test_shared_fixture.py runs the same cases against the agent, so the two
// cannot drift apart.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";
import { D, R } from "./load.mjs";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/link-rules.json", import.meta.url), "utf8"));
/** A readable name for a case: its input, escapes shown (no-break spaces are invisible). */
const show = (value) => JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

test("rel: tokens, qualifiers and follow state as the fixture says", () => {
  for (const c of fixture.rel) {
    assert.deepEqual(R.relTokens(c.rel), c.tokens, `relTokens(${show(c.rel)})`);
    const link = R.liveLink({ id: "ll-0", href: "https://other.example/", rel: c.rel, tag: "a" }, false, []);
    assert.deepEqual(link.rel, c.tokens, show(c.rel));
    assert.deepEqual(link.qualifiers, c.qualifiers, show(c.rel));
    assert.equal(link.follow, c.follow, show(c.rel));
  }
});

/**
 * The collector's canonical for a page whose only element is one `<link rel=… href>`: a document
 * stand-in with just what a page without links asks for (the collector needs no more for it).
 */
function collectorCanonical(rel) {
  const link = { getAttribute: (name) => (name === "rel" ? rel : null), href: "https://page.example/canon" };
  const document = {
    URL: fixture.page,
    title: "",
    querySelectorAll: (selector) => (selector === "link[rel][href]" ? [link] : []),
  };
  const context = vm.createContext({ document });
  vm.runInContext(readFileSync(new URL("../../extension/collector.js", import.meta.url), "utf8"), context);
  return JSON.parse(vm.runInContext("linklensCollect({ maxLinks: 10 })", context)).canonical;
}

test("the collector finds <link rel=canonical> exactly when the fixture says so", () => {
  for (const c of fixture.canonical_rel) {
    assert.equal(collectorCanonical(c.rel) !== null, c.canonical, show(c.rel));
  }
});

test("robots meta contents say nofollow exactly when the fixture says so", () => {
  for (const c of fixture.robots) {
    assert.equal(R.robotsNofollow(c.contents), c.nofollow, show(c.contents));
  }
});

test('"mine": a typed domain becomes the fixture\'s host name', () => {
  for (const c of fixture.mine.normalize) {
    assert.equal(D.normalizeDomain(c.entry), c.domain, show(c.entry));
  }
});

test('"mine": a link is mine exactly when the fixture says so', () => {
  for (const c of fixture.mine.match) {
    const link = R.liveLink({ id: "ll-0", href: c.href, rel: "", tag: "a" }, false, c.mine);
    assert.equal(link.mine, c.is_mine, `${show(c.href)} with ${show(c.mine)}`);
  }
});

test("disavow line from the Report's registrable domain, as the fixture says", () => {
  for (const c of fixture.disavow) {
    const finalUrl = c.final_url ?? c.page;
    const report = {
      url: c.page,
      final_url: finalUrl,
      page: { registrable_domain: c.final_registrable_domain ?? c.registrable_domain },
      url_registrable_domain: c.registrable_domain,
      // The agent saw another page than the tab's: the case the extension is most careful with.
      flags: finalUrl === c.page ? [] : [{ code: "live_differs", severity: "warning", message: "m" }],
    };
    assert.equal(D.disavowLine(c.page, [], D.reportRegistrable(report, c.page)).line, c.line, c.page);
  }
});

test("hidden reasons: every one in the protocol's order, with its words", () => {
  assert.deepEqual(fixture.hidden_reasons.map((c) => c.reason), [...globalThis.LinkLensProtocolData.HIDDEN_REASONS]);
  for (const c of fixture.hidden_reasons) {
    assert.equal(R.hiddenWords({ hidden_reason: c.reason }), c.words, c.reason);
    assert.equal(R.hiddenText({ hidden_reason: c.reason }), `hidden (${c.words})`, c.reason);
  }
});
