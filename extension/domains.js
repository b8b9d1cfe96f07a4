/*
 * Domains without the network: registrable domain of a host, "is this one of my domains", the
 * Google disavow line for the page (`domain:example.com`), and whether two tab URLs are the same
 * page state for the toolbar click (an in-page #anchor is; a path, query or #/route change is not).
 *
 * The registrable domain needs the public suffix list; the agent has it offline and sends the
 * page's as `report.page.registrable_domain`. Before the Report arrives (or from an older agent)
 * a small built-in list of common multi-part suffixes is used: it is right for the usual cases
 * (example.co.uk, name.github.io) and wrong for rare ones (a host under a multi-part suffix
 * missing from the list gets one label too few). docs/EXTENSION.md says so.
 *
 * A classic script (the panel uses it in the page); Node's tests import it for the global.
 */
(function defineDomains(root) {
  "use strict";
  if (root.LinkLensDomains) return;

  // Multi-part public suffixes, every one taken from the public suffix list (ICANN and the
  // common hosting "private" ones, where every subdomain is a different site: disavowing all of
  // blogspot.com would be wrong). Kept a subset of the list so it never disagrees with the agent.
  const MULTI_PART_SUFFIXES = new Set([
    // United Kingdom, Commonwealth
    "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "ac.uk", "gov.uk", "nhs.uk",
    "police.uk", "com.au", "net.au", "org.au", "edu.au", "gov.au", "asn.au", "id.au", "co.nz",
    "net.nz", "org.nz", "ac.nz", "govt.nz", "geek.nz", "school.nz", "co.za", "org.za", "gov.za",
    "ac.za", "web.za", "co.in", "net.in", "org.in", "firm.in", "gen.in", "ind.in", "ac.in",
    "edu.in", "gov.in", "res.in", "com.sg", "edu.sg", "gov.sg", "org.sg", "net.sg", "com.my",
    "org.my", "net.my", "edu.my", "gov.my", "com.pk", "org.pk", "edu.pk", "gov.pk", "com.ng",
    "org.ng", "gov.ng", "edu.ng", "co.ke", "or.ke", "ac.ke", "go.ke", "com.gh", "co.ug", "co.tz",
    "co.zw", "co.bw", "com.jm", "com.mt", "com.cy", "com.bd", "com.lk", "com.np",
    // Asia
    "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "ad.jp", "ed.jp", "gr.jp", "lg.jp", "co.kr",
    "or.kr", "ne.kr", "ac.kr", "go.kr", "re.kr", "com.cn", "net.cn", "org.cn", "gov.cn",
    "edu.cn", "ac.cn", "com.hk", "org.hk", "net.hk", "edu.hk", "gov.hk", "com.tw", "org.tw",
    "net.tw", "edu.tw", "gov.tw", "idv.tw", "co.th", "in.th", "ac.th", "go.th", "or.th",
    "co.id", "or.id", "ac.id", "go.id", "web.id", "my.id", "com.ph", "net.ph", "org.ph",
    "gov.ph", "edu.ph", "com.vn", "net.vn", "org.vn", "edu.vn", "gov.vn", "com.kh", "com.mm",
    // Middle East, Africa
    "co.il", "org.il", "ac.il", "gov.il", "net.il", "muni.il", "com.tr", "org.tr", "net.tr",
    "gen.tr", "edu.tr", "gov.tr", "com.sa", "net.sa", "org.sa", "edu.sa", "gov.sa", "com.eg",
    "edu.eg", "gov.eg", "ae.org", "co.ae", "gov.ae", "ac.ae", "com.qa", "com.kw", "com.lb",
    "com.jo", "co.ma", "com.tn", "com.dz",
    // Americas
    "com.br", "net.br", "org.br", "gov.br", "edu.br", "art.br", "blog.br", "com.mx", "org.mx",
    "gob.mx", "edu.mx", "net.mx", "com.ar", "org.ar", "gob.ar", "net.ar", "edu.ar", "com.co",
    "org.co", "gov.co", "edu.co", "net.co", "com.pe", "org.pe", "gob.pe", "com.ve", "com.uy",
    "com.ec", "com.bo", "com.py", "gob.cl", "com.gt", "com.do", "com.pr", "com.pa",
    "com.cu", "qc.ca", "on.ca", "bc.ca", "ab.ca",
    // Europe
    "com.ua", "org.ua", "net.ua", "gov.ua", "in.ua", "kiev.ua", "com.pl", "net.pl", "org.pl",
    "gov.pl", "edu.pl", "co.at", "or.at", "ac.at", "gv.at", "com.es", "org.es", "nom.es",
    "gob.es", "edu.es", "com.pt", "org.pt", "gov.pt", "com.gr", "org.gr", "gov.gr", "edu.gr",
    "com.ro", "org.ro", "co.hu", "org.hu", "com.hr", "com.ru", "org.ru", "net.ru", "msk.ru",
    "spb.ru", "com.by", "co.rs", "org.rs", "com.mk", "co.me", "com.ba", "co.no", "priv.no",
    "gov.it", "edu.it", "co.it", "ac.be", "com.de", "co.de",
    // Generic second-level registrations
    "us.com", "uk.com", "eu.com", "gb.net", "uk.net", "us.org", "co.com", "za.com",
    // Hosting platforms: each subdomain is somebody else's site
    "github.io", "gitlab.io", "blogspot.com", "herokuapp.com",
    "netlify.app", "vercel.app", "pages.dev", "workers.dev", "web.app", "firebaseapp.com",
    "appspot.com", "azurewebsites.net", "azurestaticapps.net", "cloudfront.net",
    "s3.amazonaws.com", "elasticbeanstalk.com", "fly.dev", "onrender.com",
    "repl.co", "replit.app", "surge.sh", "wixsite.com",
    "webflow.io", "carrd.co",
   
    "myshopify.com", "bitbucket.io", "readthedocs.io", "now.sh",
    "ngrok.io", "ngrok-free.app", "duckdns.org", "no-ip.org", "dyndns.org",
  ]);

  const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

  function isIpHost(host) {
    return IPV4.test(host) || host.startsWith("[") || host.includes(":");
  }

  /** Lower-case host of a URL string, or null when it has none (or is not a URL). */
  function hostOf(url) {
    try {
      const parsed = new URL(url);
      return parsed.hostname ? parsed.hostname.toLowerCase() : null;
    } catch {
      return null;
    }
  }

  /**
   * The registrable domain ("eTLD+1") of a host; null for IP addresses and single-label hosts
   * (localhost), which have none.
   */
  function registrableDomain(host) {
    if (!host) return null;
    const h = host.toLowerCase().replace(/\.$/, "");
    if (isIpHost(h)) return null;
    const labels = h.split(".");
    if (labels.length < 2 || labels.some((l) => l === "")) return null;
    // The longest known suffix wins (blogspot.co.uk before co.uk).
    for (let take = Math.min(labels.length, 3); take >= 2; take--) {
      const suffix = labels.slice(-take).join(".");
      if (MULTI_PART_SUFFIXES.has(suffix)) {
        return labels.length > take ? labels.slice(-(take + 1)).join(".") : null;
      }
    }
    return labels.slice(-2).join(".");
  }

  /**
   * Normalise one "my domain" entry the person typed: "https://www.Example.com/x" and
   * "Example.com" both become "example.com"-style hosts; returns null for junk.
   */
  function normalizeDomain(entry) {
    let text = String(entry || "").trim().toLowerCase();
    if (!text) return null;
    if (!/^[a-z][a-z0-9+.-]*:\/\//.test(text)) text = "http://" + text;
    const host = hostOf(text);
    if (!host || !host.includes(".")) return null;
    return host.replace(/^www\./, "");
  }

  /** Whether a host is one of `mine` or under one of them (blog.example.com under example.com). */
  function hostIsMine(host, mine) {
    if (!host) return false;
    const h = host.toLowerCase().replace(/^www\./, "");
    return (mine || []).some((m) => {
      const d = normalizeDomain(m);
      return d !== null && (h === d || h.endsWith("." + d));
    });
  }

  /**
   * The disavow line for the page as a backlink source, Google's format `domain:example.com`.
   * Returns {line, reason}: `line` is null (and `reason` says why) when there is none to give,
   * above all when the domain would cover one of the person's own domains.
   * `registrable` is the agent's answer when the Report carries it, else computed here. The
   * agent computed it from ITS final URL, which a redirect (SSO, a login wall, another site) can
   * put on another domain than the tab's: it is used only when the tab's host is that domain or
   * under it, otherwise the built-in computation from the tab's own host is.
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
    const agents = typeof registrable === "string" ? registrable.trim().toLowerCase().replace(/\.$/, "") : "";
    // The agent answers with the host itself for single-label and suffix-only hosts
    // (localhost, github.io): those have no registrable domain to disavow.
    const usable = agents.includes(".") && !MULTI_PART_SUFFIXES.has(agents);
    const fits = usable && (host === agents || host.endsWith("." + agents));
    const domain = fits ? agents : registrableDomain(host);
    if (!domain) {
      return { line: null, reason: `${host} has no registrable domain to disavow.` };
    }
    for (const entry of mine || []) {
      const own = normalizeDomain(entry);
      if (own === null) continue;
      // Either direction: disavowing example.com would cover blog.example.com, and a page on
      // shop.example.com belongs to the owner of example.com.
      if (own === domain || own.endsWith("." + domain) || domain.endsWith("." + own)) {
        return { line: null, reason: `This page is on your own domain (${own}); never disavow your own site.` };
      }
    }
    return { line: `domain:${domain}`, reason: null };
  }

  /**
   * The registrable domain the Report offers for the disavow line of the tab at `pageUrl`, or
   * null. With the page flag `live_differs` the agent measured another page than the tab's (a
   * login or consent wall, maybe after a redirect to another host): its answer then counts only
   * when it was computed for the tab's very host (the agent's final URL is on that host), so
   * the line always names the tab's own site. disavowLine() checks the rest.
   */
  function reportRegistrable(report, pageUrl) {
    const registrable = report?.page?.registrable_domain;
    if (typeof registrable !== "string" || !registrable) return null;
    const liveDiffers = (report.flags || []).some((f) => f && f.code === "live_differs");
    if (!liveDiffers) return registrable;
    const agentHost = hostOf(report.final_url || report.url || "");
    return agentHost !== null && agentHost === hostOf(pageUrl) ? registrable : null;
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
    MULTI_PART_SUFFIXES, hostOf, isIpHost, registrableDomain, normalizeDomain, hostIsMine,
    disavowLine, reportRegistrable, scanTarget, sameScanTarget,
  });
})(globalThis);
