// Registrable domains without the network, "my domains", and the disavow line rules.
import assert from "node:assert/strict";
import { test } from "node:test";
import { D } from "./load.mjs";

test("registrable domain keeps one label under the public suffix", () => {
  assert.equal(D.registrableDomain("www.example.com"), "example.com");
  assert.equal(D.registrableDomain("a.b.example.co.uk"), "example.co.uk");
  assert.equal(D.registrableDomain("shop.example.com.au"), "example.com.au");
  assert.equal(D.registrableDomain("Example.COM."), "example.com");
});

test("hosting platforms count each subdomain as its own site", () => {
  assert.equal(D.registrableDomain("someone.github.io"), "someone.github.io");
  assert.equal(D.registrableDomain("www.spammy.blogspot.com"), "spammy.blogspot.com");
});

test("IP addresses, single labels and bare suffixes have no registrable domain", () => {
  assert.equal(D.registrableDomain("127.0.0.1"), null);
  assert.equal(D.registrableDomain("[::1]"), null);
  assert.equal(D.registrableDomain("localhost"), null);
  assert.equal(D.registrableDomain("co.uk"), null);
  assert.equal(D.registrableDomain(""), null);
});

test("my-domain entries are normalised from URLs and casing", () => {
  assert.equal(D.normalizeDomain("https://www.Example.com/path"), "example.com");
  assert.equal(D.normalizeDomain("  Blog.Example.org "), "blog.example.org");
  assert.equal(D.normalizeDomain("not a domain"), null);
  assert.equal(D.normalizeDomain(""), null);
});

test("a host is mine when it is one of my domains or under one", () => {
  assert.ok(D.hostIsMine("www.example.com", ["example.com"]));
  assert.ok(D.hostIsMine("blog.example.com", ["example.com"]));
  assert.ok(!D.hostIsMine("notexample.com", ["example.com"]));
  assert.ok(!D.hostIsMine("example.com.evil.net", ["example.com"]));
  assert.ok(!D.hostIsMine(null, ["example.com"]));
});

test("disavow line is domain: plus the page's registrable domain, in Google's format", () => {
  assert.deepEqual(D.disavowLine("https://www.spam-links.net/page?x=1", []),
    { line: "domain:spam-links.net", reason: null });
  assert.deepEqual(D.disavowLine("http://deep.sub.bad.co.uk/", ["example.com"]),
    { line: "domain:bad.co.uk", reason: null });
});

test("disavow line uses the agent's registrable domain when the Report carries one", () => {
  assert.equal(D.disavowLine("https://x.odd-suffix.example/", [], "x.odd-suffix.example").line,
    "domain:x.odd-suffix.example");
});

test("the agent's registrable domain is used only when the tab's host is that domain or under it", () => {
  // Same host, or a subdomain of it: the agent's (full public suffix list) answer wins.
  assert.equal(D.disavowLine("https://odd-suffix.example/", [], "odd-suffix.example").line,
    "domain:odd-suffix.example");
  assert.equal(D.disavowLine("https://www.shop.example.xx/", [], "shop.example.xx").line,
    "domain:shop.example.xx");
  assert.equal(D.disavowLine("https://WWW.Spam-Links.NET./p", [], "Spam-Links.net.").line,
    "domain:spam-links.net");
});

test("an agent redirected to another site never names that site in the disavow line", () => {
  for (const [url, agents, expected] of [
    // SSO / login wall on another domain: the tab's own domain, not the identity provider's.
    ["https://www.spam-links.net/post", "google.com", "domain:spam-links.net"],
    ["https://blog.bad.co.uk/", "login.microsoftonline.com", "domain:bad.co.uk"],
    // Look-alikes that are not "under" the agent's domain.
    ["https://notexample.com/", "example.com", "domain:notexample.com"],
    ["https://example.com.evil.net/", "example.com", "domain:evil.net"],
    // The agent's domain is under the tab's host, not the other way round.
    ["https://example.com/", "shop.example.com", "domain:example.com"],
  ]) {
    assert.deepEqual(D.disavowLine(url, [], agents), { line: expected, reason: null }, `${url} vs ${agents}`);
  }
});

test("a foreign agent domain cannot get around the own-domain refusal", () => {
  // The agent was redirected to a third site; the tab is on my own domain: still refused.
  const result = D.disavowLine("https://www.example.com/post", ["example.com"], "consent-wall.net");
  assert.equal(result.line, null);
  assert.match(result.reason, /your own domain/);
});

test("an empty or junk agent domain falls back to the built-in computation", () => {
  for (const agents of [null, undefined, "", "  ", 42]) {
    assert.equal(D.disavowLine("https://a.b.example.co.uk/", [], agents).line, "domain:example.co.uk", String(agents));
  }
});

test("disavow is refused for a page on one of my own domains, either direction", () => {
  for (const [url, mine] of [
    ["https://www.example.com/post", ["example.com"]],
    ["https://shop.example.com/", ["blog.example.com"]], // domain:example.com would cover my blog
    ["https://blog.example.com/", ["https://www.example.com/"]],
  ]) {
    const result = D.disavowLine(url, mine);
    assert.equal(result.line, null, url);
    assert.match(result.reason, /your own domain/);
  }
});

test("the agent's answer for a single-label or suffix-only host gives no disavow line", () => {
  // The agent sends the host itself when it has no registrable domain (localhost, github.io).
  for (const [url, agents] of [["http://localhost:8000/", "localhost"], ["https://github.io/", "github.io"],
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
  assert.equal(D.reportRegistrable(null, "https://a.example.com/p"), null);
  assert.equal(D.reportRegistrable({ page: {} }, "https://a.example.com/p"), null);
});

test("with live_differs the Report's registrable domain counts only for the tab's own host", () => {
  const wall = (finalUrl, registrable) => ({
    url: "https://bucket.s3.amazonaws.com/page", final_url: finalUrl,
    page: { registrable_domain: registrable },
    flags: [{ code: "live_differs", severity: "warning", message: "differs" }],
  });
  const tab = "https://bucket.s3.amazonaws.com/page";
  // The agent was sent to a login page on a parent site: its domain passes the suffix check
  // but is not the tab's (s3.amazonaws.com is a public suffix): the tab's own host decides.
  const parent = wall("https://signin.amazonaws.com/login", "amazonaws.com");
  assert.equal(D.reportRegistrable(parent, tab), null);
  assert.equal(D.disavowLine(tab, [], D.reportRegistrable(parent, tab)).line, "domain:bucket.s3.amazonaws.com");
  // A consent wall on the very same host: the agent's answer is the tab's.
  const same = wall("https://bucket.s3.amazonaws.com/page?consent", "bucket.s3.amazonaws.com");
  assert.equal(D.reportRegistrable(same, tab), "bucket.s3.amazonaws.com");
  // No final URL: the URL asked for is the agent's page.
  assert.equal(D.reportRegistrable({ ...same, final_url: null }, tab), "bucket.s3.amazonaws.com");
  // Redirected to another site altogether.
  const sso = wall("https://accounts.google.com/signin", "google.com");
  assert.equal(D.disavowLine(tab, [], D.reportRegistrable(sso, tab)).line, "domain:bucket.s3.amazonaws.com");
});
