// Display states, the live first overlay, and merging link_updates into a Report.
import assert from "node:assert/strict";
import { test } from "node:test";
import { R } from "./load.mjs";

const base = { href: "https://a.example/", follow: "dofollow", qualifiers: [], verdict: "dofollow", health: null };

test("display priority is suspicious, then broken, then the follow state", () => {
  assert.equal(R.displayState({ ...base, verdict: "suspicious", health: "broken" }), "suspicious");
  assert.equal(R.displayState({ ...base, health: "broken", follow: "nofollow", qualifiers: ["ugc"] }), "broken");
  assert.equal(R.displayState({ ...base, health: "soft_404" }), "broken");
  assert.equal(R.displayState({ ...base, health: "redirect" }), "redirect");
  assert.equal(R.displayState(base), "dofollow");
});

test("a nofollow link shows its most specific qualifier", () => {
  const nf = { ...base, follow: "nofollow", verdict: "nofollow" };
  assert.equal(R.displayState({ ...nf, qualifiers: ["nofollow"] }), "nofollow");
  assert.equal(R.displayState({ ...nf, qualifiers: ["nofollow", "ugc"] }), "ugc");
  assert.equal(R.displayState({ ...nf, qualifiers: ["ugc", "sponsored"] }), "sponsored");
  assert.equal(R.displayState({ ...nf, qualifiers: [] }), "nofollow"); // page robots nofollow
});

test("rel tokens are lower-cased and split on spaces and commas", () => {
  assert.deepEqual(R.relTokens(" NoFollow,UGC  noopener "), ["nofollow", "ugc", "noopener"]);
  assert.deepEqual(R.relTokens(null), []);
});

test("robots meta nofollow or none makes the page nofollow", () => {
  assert.ok(R.robotsNofollow(["index, nofollow"]));
  assert.ok(R.robotsNofollow(["NONE"]));
  assert.ok(!R.robotsNofollow(["index,follow", "noarchive"]));
  assert.ok(!R.robotsNofollow([]));
});

test("the live first overlay classifies from rel and the page's robots meta", () => {
  const collected = { id: "7", href: "https://a.example/x", rel: "sponsored nofollow", text: "Ad", tag: "a", context: "main", visible: true, hidden_reason: null };
  const live = R.liveLink(collected, false, []);
  assert.equal(live.live_id, "7");
  assert.equal(live.follow, "nofollow");
  assert.equal(live.nofollow_source, "rel");
  assert.deepEqual(live.qualifiers, ["nofollow", "sponsored"]);
  assert.equal(R.displayState(live), "sponsored");
  const plain = R.liveLink({ ...collected, rel: "noopener" }, true, []);
  assert.equal(plain.follow, "nofollow");
  assert.equal(plain.nofollow_source, "meta");
  assert.equal(R.liveLink({ ...collected, rel: "" }, false, []).follow, "dofollow");
});

test("the live overlay marks my domains and non-http links as not crawlable", () => {
  const mine = R.liveLink({ id: "1", href: "https://www.mysite.org/p", rel: "", tag: "a" }, false, ["mysite.org"]);
  assert.ok(mine.mine);
  const js = R.liveLink({ id: "2", href: "javascript:void(0)", rel: "", tag: "a" }, false, []);
  assert.ok(!js.crawlable);
  const none = R.liveLink({ id: "3", href: null, rel: "", tag: "a" }, false, []);
  assert.ok(!none.crawlable);
});

test("link_updates merge into the report by link_id and unknown ids are ignored", () => {
  const report = { url: "https://p.example/", links: [{ id: 0, ...base }, { id: 1, ...base }] };
  const changed = R.applyUpdates(report, [
    { link_id: 1, status: 404, final_url: null, redirects: [], health: "broken", flags: [{ code: "broken", severity: "warning", message: "The link is broken." }], risk: 0, verdict: "dofollow" },
    { link_id: 99, status: 200 },
  ]);
  assert.equal(changed.length, 1);
  assert.equal(report.links[1].status, 404);
  assert.equal(R.displayState(report.links[1]), "broken");
  assert.equal(report.links[0].status, undefined);
});

test("why a link cannot be outlined", () => {
  assert.match(R.unoutlinedReason({ views: ["rendered", "raw"] }, false), /only by the agent \(rendered, raw\)/);
  assert.match(R.unoutlinedReason({ visible: false, hidden_reason: "display" }, true), /hidden \(display: none\)/);
  assert.match(R.unoutlinedReason({ visible: true, tag: "area" }, true), /area/);
  assert.equal(R.unoutlinedReason({ visible: true, tag: "a" }, true), null);
});

test("follow reasons name rel, meta or header", () => {
  assert.match(R.followReason({ follow: "nofollow", nofollow_source: "rel", rel: ["ugc"] }), /rel="ugc"/);
  assert.match(R.followReason({ follow: "nofollow", nofollow_source: "meta" }), /robots meta/);
  assert.match(R.followReason({ follow: "nofollow", nofollow_source: "header" }), /X-Robots-Tag/);
  assert.match(R.followReason({ follow: "dofollow" }), /^dofollow/);
});

test("every hidden reason of protocol/report.py has plain words", async () => {
  const { readFileSync } = await import("node:fs");
  const report = readFileSync(new URL("../../protocol/report.py", import.meta.url), "utf8");
  const start = report.indexOf("HIDDEN_REASONS: tuple[str, ...] = (");
  const block = report.slice(start, report.indexOf("\n)", start));
  const reasons = [...block.matchAll(/^\s+"([a-z0-9_]+)",/gm)].map((m) => m[1]);
  assert.ok(reasons.length >= 10);
  assert.deepEqual(Object.keys(R.HIDDEN_REASON_WORDS).sort(), [...reasons].sort());
  assert.equal(R.hiddenText({ visible: false, hidden_reason: "same_colour" }),
    "hidden (text the colour of its background)");
  assert.equal(R.hiddenText({ visible: false, hidden_reason: "brand_new" }), "hidden (brand_new)");
  assert.equal(R.unoutlinedReason({ visible: false, hidden_reason: "display" }, true),
    "hidden (display: none)");
});

test("no-href and javascript: links are not a link, never dofollow", () => {
  assert.equal(R.displayState({ ...base, href: null }), "notlink");
  assert.equal(R.displayState({ ...base, href: "javascript:void(0)" }), "notlink");
  assert.equal(R.displayState({ ...base, href: " JavaScript:go()" }), "notlink");
  assert.equal(R.displayState({ ...base, href: "https://a.example/", verdict: "suspicious" }), "suspicious");
  const counts = R.panelCounts([
    { ...base, href: null }, { ...base, href: "javascript:x()" }, { ...base, href: "https://a.example/" },
  ]);
  assert.equal(counts.dofollow, 1);
  assert.equal(counts.notlink, 2);
  assert.match(R.followReason({ follow: "dofollow", href: null }), /^not a link: no href/);
});

test("redirects get their own state and the chain in words", () => {
  const link = { ...base, href: "http://a.example/", health: "redirect", status: 200,
    final_url: "https://b.example/end",
    redirects: [{ url: "http://a.example/", status: 301 }, { url: "https://a.example/", status: 302 }] };
  assert.equal(R.displayState(link), "redirect");
  assert.equal(R.healthText(link), "redirect: 301 → 302 → 200 https://b.example/end");
  assert.equal(R.panelCounts([link]).redirect, 1);
  const loop = { ...base, href: "http://a.example/", health: "broken", status: 302,
    redirects: [{ url: "http://a.example/", status: 302 }],
    flags: [{ code: "redirect_loop", severity: "danger", message: "It redirects in a loop." }] };
  assert.equal(R.displayState(loop), "broken");
  assert.equal(R.healthText(loop), "redirect loop");
  assert.equal(R.healthText({ ...base, href: "http://a.example/", health: "broken", status: 404 }), "broken (HTTP 404)");
  const long = { ...link, final_url: `https://b.example/${"x".repeat(200)}` };
  assert.ok(R.redirectChain(long).endsWith("…"));
});
