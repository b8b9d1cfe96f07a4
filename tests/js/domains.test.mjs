// "My domains", the disavow line rules and scan targets, without the network. The registrable
// domain itself comes from the agent (report.page.registrable_domain): no suffix list here.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { D } from "./load.mjs";

test("the extension carries no public suffix list of its own", () => {
  const source = readFileSync(new URL("../../extension/domains.js", import.meta.url), "utf8");
  for (const suffix of ['"co.uk"', '"github.io"', '"blogspot.com"']) assert.ok(!source.includes(suffix), suffix);
  assert.equal(D.registrableDomain, undefined);
});

test("my-domain entries are normalised from URLs and casing", () => {
  assert.equal(D.normalizeDomain("https://www.Example.com/path"), "example.com");
  assert.equal(D.normalizeDomain("  Blog.Example.org "), "blog.example.org");
  assert.equal(D.normalizeDomain("not a domain"), null);
  assert.equal(D.normalizeDomain(""), null);
});

test("a wildcard my-domain covers the site and its subdomains, as for the agent", () => {
  assert.equal(D.normalizeDomain("*.example.com"), "example.com");
  assert.ok(D.hostIsMine("blog.example.com", ["*.example.com"]));
  assert.ok(D.hostIsMine("example.com", ["*.example.com"]));
});

test("a host is mine when it is one of my domains or under one", () => {
  assert.ok(D.hostIsMine("www.example.com", ["example.com"]));
  assert.ok(D.hostIsMine("blog.example.com", ["example.com"]));
  assert.ok(!D.hostIsMine("notexample.com", ["example.com"]));
  assert.ok(!D.hostIsMine("example.com.evil.net", ["example.com"]));
  assert.ok(!D.hostIsMine(null, ["example.com"]));
});

test("disavow line is domain: plus the agent's registrable domain, in Google's format", () => {
  assert.deepEqual(D.disavowLine("https://www.spam-links.net/page?x=1", [], "spam-links.net"),
    { line: "domain:spam-links.net", reason: null });
  assert.deepEqual(D.disavowLine("http://deep.sub.bad.co.uk/", ["example.com"], "bad.co.uk"),
    { line: "domain:bad.co.uk", reason: null });
  assert.equal(D.disavowLine("https://x.odd-suffix.example/", [], "x.odd-suffix.example").line,
    "domain:x.odd-suffix.example");
});

test("before the agent's report there is no disavow line, and the reason says it is coming", () => {
  for (const url of ["https://a.b.example.co.uk/", "https://someone.github.io/"]) {
    const result = D.disavowLine(url, [], undefined);
    assert.equal(result.line, null, url);
    assert.match(result.reason, /agent's report/, url);
  }
  assert.equal(D.disavowLine("https://a.example.com/", [], D.reportRegistrable(null, "https://a.example.com/")).line, null);
});

test("the agent's registrable domain is used only when the tab's host is that domain or under it", () => {
  // Same host, or a subdomain of it: the agent's (full public suffix list) answer is the line.
  assert.equal(D.disavowLine("https://odd-suffix.example/", [], "odd-suffix.example").line,
    "domain:odd-suffix.example");
  assert.equal(D.disavowLine("https://www.shop.example.xx/", [], "shop.example.xx").line,
    "domain:shop.example.xx");
  assert.equal(D.disavowLine("https://WWW.Spam-Links.NET./p", [], "Spam-Links.net.").line,
    "domain:spam-links.net");
});

test("an agent redirected to another site never names that site in the disavow line", () => {
  for (const [url, agents] of [
    // SSO / login wall on another domain: never the identity provider's domain.
    ["https://www.spam-links.net/post", "google.com"],
    ["https://blog.bad.co.uk/", "login.microsoftonline.com"],
    // Look-alikes that are not "under" the agent's domain.
    ["https://notexample.com/", "example.com"],
    ["https://example.com.evil.net/", "example.com"],
    // The agent's domain is under the tab's host, not the other way round.
    ["https://example.com/", "shop.example.com"],
  ]) {
    const result = D.disavowLine(url, [], agents);
    assert.equal(result.line, null, `${url} vs ${agents}`);
    assert.match(result.reason, /not on this tab's site/, `${url} vs ${agents}`);
  }
});

test("a foreign or missing agent domain cannot get around the own-domain refusal", () => {
  // The agent was redirected to a third site, or has not answered; the tab is on my own domain.
  for (const agents of ["consent-wall.net", undefined, null]) {
    const result = D.disavowLine("https://www.example.com/post", ["example.com"], agents);
    assert.equal(result.line, null);
    assert.match(result.reason, /your own domain/);
  }
});

test("an empty or junk agent domain gives no line", () => {
  for (const agents of [null, "", "  ", 42]) {
    const result = D.disavowLine("https://a.b.example.co.uk/", [], agents);
    assert.equal(result.line, null, String(agents));
    assert.match(result.reason, /no registrable domain/, String(agents));
  }
});

test("disavow is refused for a page on one of my own domains, either direction", () => {
  for (const [url, mine, agents] of [
    ["https://www.example.com/post", ["example.com"], "example.com"],
    ["https://shop.example.com/", ["blog.example.com"], "example.com"], // would cover my blog
    ["https://blog.example.com/", ["https://www.example.com/"], "example.com"],
    ["https://blog.example.com/", ["*.example.com"], "example.com"],
  ]) {
    const result = D.disavowLine(url, mine, agents);
    assert.equal(result.line, null, url);
    assert.match(result.reason, /your own domain/);
  }
});

test("a single-label or suffix-only host gives no disavow line", () => {
  // The agent sends a single-label host as it is, and null for a public suffix (github.io).
  for (const [url, agents] of [["http://localhost:8000/", "localhost"], ["https://github.io/", null],
    ["http://intranet/", "intranet"]]) {
    const result = D.disavowLine(url, [], agents);
    assert.equal(result.line, null, url);
    assert.match(result.reason, /no registrable domain/, url);
  }
});

test("disavow is refused with a reason for IP hosts, localhost and non-web pages", () => {
  for (const url of ["http://127.0.0.1:8000/", "http://localhost/", "file:///tmp/a.html", "nonsense"]) {
    const result = D.disavowLine(url, []);
    assert.equal(result.line, null, url);
    assert.ok(result.reason.length > 10, url);
  }
});

test("an in-page anchor is the same scan target: a second click removes the overlay", () => {
  for (const [a, b] of [
    ["https://example.com/post", "https://example.com/post#comments"],
    ["https://example.com/post#intro", "https://example.com/post#comments"],
    ["https://example.com/post?page=2#top", "https://example.com/post?page=2"],
    ["https://example.com/post#", "https://example.com/post"],
    ["https://example.com/#/inbox#", "https://example.com/#/inbox#"],
  ]) {
    assert.ok(D.sameScanTarget(a, b), `${a} vs ${b}`);
    assert.ok(D.sameScanTarget(b, a), `${b} vs ${a}`);
  }
  assert.equal(D.scanTarget("https://example.com/post#comments"), "https://example.com/post");
});

test("path, query and hash-route changes are navigation: the next click rescans", () => {
  for (const [a, b] of [
    ["https://example.com/spa", "https://example.com/spa/view2"], // pushState to a new path
    ["https://example.com/spa?view=1", "https://example.com/spa?view=2"], // new query
    ["https://example.com/app#/inbox", "https://example.com/app#/sent"], // hash-routed SPA
    ["https://example.com/app#!/inbox", "https://example.com/app#!/sent"], // hashbang SPA
    ["https://example.com/app", "https://example.com/app#/inbox"], // into a hash route
    ["https://example.com/app#/inbox", "https://example.com/app#section"], // out of one
  ]) {
    assert.ok(!D.sameScanTarget(a, b), `${a} vs ${b}`);
    assert.ok(!D.sameScanTarget(b, a), `${b} vs ${a}`);
  }
});

test("scan targets of strings that are not URLs compare as they are", () => {
  assert.equal(D.scanTarget("not a url"), "not a url");
  assert.ok(D.sameScanTarget("about:blank", "about:blank"));
  assert.ok(!D.sameScanTarget("not a url", "not a url#x"));
});

test("the Report's registrable domain is offered as is when the agent saw the tab's page", () => {
  const report = { url: "https://a.example.com/p", final_url: "https://b.example.com/p",
    page: { registrable_domain: "example.com" }, flags: [{ code: "agent_only_links" }] };
  assert.equal(D.reportRegistrable(report, "https://a.example.com/p"), "example.com");
  assert.equal(D.reportRegistrable(null, "https://a.example.com/p"), undefined);
  assert.equal(D.reportRegistrable({ page: {} }, "https://a.example.com/p"), null);
  assert.equal(D.reportRegistrable({ page: { registrable_domain: null } }, "https://a.example.com/p"), null);
});

test("the registrable domain of the address asked for is the one offered, whatever the redirects", () => {
  const tab = "http://news.test:8000/wall-sso.html";
  const report = { url: tab, final_url: "http://mine.test:8000/login", url_registrable_domain: "news.test",
    page: { registrable_domain: "mine.test" }, flags: [{ code: "live_differs" }] };
  assert.equal(D.reportRegistrable(report, tab), "news.test");
  assert.equal(D.disavowLine(tab, [], D.reportRegistrable(report, tab)).line, "domain:news.test");
  // null from the agent (the host is a public suffix): no line, even with a page domain.
  assert.equal(D.reportRegistrable({ ...report, url_registrable_domain: null }, tab), null);
  // A Report about another address than the tab's: only the older rules below apply.
  const other = { ...report, url: "http://elsewhere.test/" };
  assert.equal(D.reportRegistrable(other, tab), null);
});

test("with live_differs the Report's registrable domain counts only for the tab's own host", () => {
  const wall = (finalUrl, registrable) => ({
    url: "https://bucket.s3.amazonaws.com/page", final_url: finalUrl,
    page: { registrable_domain: registrable },
    flags: [{ code: "live_differs", severity: "warning", message: "differs" }],
  });
  const tab = "https://bucket.s3.amazonaws.com/page";
  // The agent was sent to a login page on a parent site: its domain would fit the tab's host
  // but is not its registrable domain (s3.amazonaws.com is a public suffix): no line.
  const parent = wall("https://signin.amazonaws.com/login", "amazonaws.com");
  assert.equal(D.reportRegistrable(parent, tab), null);
  assert.equal(D.disavowLine(tab, [], D.reportRegistrable(parent, tab)).line, null);
  // A consent wall on the very same host: the agent's answer is the tab's.
  const same = wall("https://bucket.s3.amazonaws.com/page?consent", "bucket.s3.amazonaws.com");
  assert.equal(D.reportRegistrable(same, tab), "bucket.s3.amazonaws.com");
  // No final URL: the URL asked for is the agent's page.
  assert.equal(D.reportRegistrable({ ...same, final_url: null }, tab), "bucket.s3.amazonaws.com");
  assert.equal(D.disavowLine(tab, [], D.reportRegistrable(same, tab)).line, "domain:bucket.s3.amazonaws.com");
  // Redirected to another site altogether: no line rather than a guess.
  const sso = wall("https://accounts.google.com/signin", "google.com");
  assert.equal(D.disavowLine(tab, [], D.reportRegistrable(sso, tab)).line, null);
});
