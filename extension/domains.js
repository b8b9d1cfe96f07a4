/*
 * Domains without the network: "is this one of my domains", the Google disavow line for the page
 * (`domain:example.com`), and whether two tab URLs are the same page state for the toolbar click
 * (an in-page #anchor is; a path, query or #/route change is not).
 *
 * The registrable domain needs the public suffix list, which only the agent has (offline): it
 * sends the one of the address asked for (the tab's) as `report.url_registrable_domain`. The
 * extension keeps no list of its own, so until the Report arrives there is no disavow line (a
 * guess such as "the last two labels" would name all of co.uk or github.io). "My domains" are
 * normalised as the agent does it (normalize_mine, agent/net/hosts.py); the cases in
 * tests/fixtures/link-rules.json hold both sides to it.
 *
 * A classic script (the panel uses it in the page); Node's tests import it for the global.
 */
(function defineDomains(root) {
  "use strict";
  if (root.LinkLensDomains) return;

  const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

  function isIpHost(host) {
    return IPV4.test(host) || host.startsWith("[") || host.includes(":");
  }

  /**
   * Lower-case host of an http(s) URL string without its trailing dot, or null when it is not
   * one (mailto:, ftp:, not a URL): only web links can be the person's, as for the agent.
   */
  function hostOf(url) {
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
      return parsed.hostname.toLowerCase().replace(/\.$/, "") || null;
    } catch {
      return null;
    }
  }

  /**
   * Normalise one "my domain" entry the person typed, as the agent does: the host of a URL,
   * lower case, no `*.` wildcard and no leading `www.` (both mean the whole site), no dots at
   * either end, IDN as punycode ("https://www.Example.com/x", "*.example.com" and "Example.com."
   * all become "example.com"). null for what is no host name with a dot: the options page drops
   * such entries ("junk", "localhost"), where the agent would keep them as typed.
   */
  function normalizeDomain(entry) {
    let text = String(entry ?? "").trim().toLowerCase();
    if (!text) return null;
    if (!/^[a-z][a-z0-9+.-]*:\/\//.test(text)) text = "http://" + text;
    let host;
    try {
      host = new URL(text).hostname; // WHATWG parsing: IDN to punycode (UTS-46), as the agent's ada
    } catch {
      return null;
    }
    const trimDots = (h) => h.replace(/^\.+|\.+$/g, "");
    host = trimDots(trimDots(host).replace(/^\*\./, "").replace(/^www\./, ""));
    return host.includes(".") ? host : null;
  }

  /** Whether a host is one of `mine` or under one of them (blog.example.com under example.com). */
  function hostIsMine(host, mine) {
    if (!host) return false;
    const h = host.toLowerCase().replace(/\.$/, "");
    return (mine || []).some((m) => {
      const d = normalizeDomain(m);
      return d !== null && (h === d || h.endsWith("." + d));
    });
  }

  /**
   * The disavow line for the page as a backlink source, Google's format `domain:example.com`.
   * Returns {line, reason}: `line` is null (and `reason` says why) when there is none to give,
   * above all when the domain would cover one of the person's own domains. `registrable` is
   * reportRegistrable()'s answer: undefined before the Report, null when it names no domain for
   * this tab. The agent computed it from ITS final URL, which a redirect (SSO, a login wall,
   * another site) can put on another domain than the tab's: it is used only when the tab's host
   * is that domain or under it.
   */
  function disavowLine(pageUrl, mine, registrable) {
    let parsed;
    try {
      parsed = new URL(pageUrl);
    } catch {
      return { line: null, reason: "The page address is not a URL." };
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
      return { line: null, reason: "Only http(s) pages can be disavowed." };
    }
    const host = parsed.hostname.toLowerCase().replace(/\.$/, "");
    if (isIpHost(host)) {
      return { line: null, reason: "The page is on an IP address; Google's domain: lines take a domain name." };
    }
    const own = ownDomainOf(host, mine);
    if (own !== null) return refusal(own);
    if (registrable === undefined) {
      return { line: null, reason: "The disavow line comes with the agent's report (its public suffix list names the domain)." };
    }
    const domain = typeof registrable === "string" ? registrable.trim().toLowerCase().replace(/\.$/, "") : "";
    // Single-label hosts (localhost) are sent as they are; public suffixes (github.io) as null.
    if (!domain.includes(".")) {
      return { line: null, reason: `The agent's report names no registrable domain to disavow for ${host}.` };
    }
    if (host !== domain && !host.endsWith("." + domain)) {
      return { line: null, reason: `The agent's page was on ${domain}, not on this tab's site; scan again for the line.` };
    }
    // Either direction: disavowing example.com would also cover my blog.example.com.
    const covered = ownDomainOf(domain, mine);
    return covered !== null ? refusal(covered) : { line: `domain:${domain}`, reason: null };
  }

  /** The first of `mine` that `domain` is, is under, or covers; else null. */
  function ownDomainOf(domain, mine) {
    for (const entry of mine || []) {
      const own = normalizeDomain(entry);
      if (own !== null && (own === domain || own.endsWith("." + domain) || domain.endsWith("." + own))) {
        return own;
      }
    }
    return null;
  }

  function refusal(own) {
    return { line: null, reason: `This page is on your own domain (${own}); never disavow your own site.` };
  }

  /**
   * The registrable domain the Report offers for the disavow line of the tab at `pageUrl`:
   * undefined while there is no Report, null when it offers none for this tab. The agent's
   * `url_registrable_domain` is computed for the address the extension asked for, the tab's, so a
   * redirect elsewhere (a login or consent wall) does not change it. An older agent sends only
   * `page.registrable_domain`, computed from its final URL: with the page flag `live_differs`
   * (the agent measured another page) that counts only when the final URL is on the tab's very
   * host. disavowLine() checks the rest.
   */
  function reportRegistrable(report, pageUrl) {
    if (!report) return undefined;
    const tabHost = hostOf(pageUrl);
    if ("url_registrable_domain" in report && tabHost !== null && hostOf(report.url || "") === tabHost) {
      const asked = report.url_registrable_domain;
      return typeof asked === "string" && asked ? asked : null;
    }
    const registrable = report.page?.registrable_domain;
    if (typeof registrable !== "string" || !registrable) return null;
    const liveDiffers = (report.flags || []).some((f) => f && f.code === "live_differs");
    if (!liveDiffers) return registrable;
    const agentHost = hostOf(report.final_url || report.url || "");
    return agentHost !== null && agentHost === tabHost ? registrable : null;
  }

  /**
   * What identifies the page state a click scans: the URL without its fragment, so following an
   * in-page anchor (#section) is not navigation and a second click still removes the overlay. A
   * fragment that is a hash route ("#/inbox", "#!/inbox": hash-routed single-page apps) is kept:
   * changing it is in-app navigation and the next click rescans. A bare "#" counts as none.
   * Strings that are not URLs are returned unchanged.
   */
  function scanTarget(url) {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      return String(url);
    }
    const route = parsed.hash.startsWith("#/") || parsed.hash.startsWith("#!");
    if (!route) parsed.hash = "";
    return parsed.href;
  }

  /** Whether two tab URLs show the same scanned state (see scanTarget). */
  function sameScanTarget(a, b) {
    return scanTarget(a) === scanTarget(b);
  }

  root.LinkLensDomains = Object.freeze({
    hostOf, isIpHost, normalizeDomain, hostIsMine, disavowLine, reportRegistrable, scanTarget,
    sameScanTarget,
  });
})(globalThis);
