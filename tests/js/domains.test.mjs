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

test("disavow is refused with a reason for IP hosts, localhost and non-web pages", () => {
  for (const url of ["http://127.0.0.1:8000/", "http://localhost/", "file:///tmp/a.html", "nonsense"]) {
    const result = D.disavowLine(url, []);
    assert.equal(result.line, null, url);
    assert.ok(result.reason.length > 10, url);
  }
});
