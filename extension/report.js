/*
 * What the overlay shows for a link, as pure functions over protocol data: the display state
 * (suspicious, not a link, broken, redirect, then the follow state), the first classification from
 * the live page's rel values before the agent answers, merging `link_updates` into a Report, and
 * counts. No DOM here, so Node's tests import it (for the global `LinkLensReport`).
 */
(function defineReport(root) {
  "use strict";
  if (root.LinkLensReport) return;

  /** Display states, in the order the legend and the filters list them. */
  const STATES = Object.freeze(["dofollow", "nofollow", "ugc", "sponsored", "suspicious", "broken",
    "redirect", "notlink"]);
  const BROKEN_HEALTH = new Set(["broken", "soft_404"]);
  // Generated from protocol/ (protocol-data.js, loaded before this file).
  const { QUALIFIERS, HIDDEN_REASON_WORDS } = root.LinkLensProtocolData;

  // rel splits on ASCII whitespace, as the HTML standard and the browser's relList do (JS `\s`
  // would also split on a no-break space), and on commas, which Google accepts; as the agent.
  const REL_SEPARATORS = /[\t\n\f\r ,]+/;
  // Robots contents split on commas and on what Python's `\s` matches, as the agent does:
  // JS `\s` lacks U+001C-U+001F and U+0085 and adds U+FEFF.
  const ROBOTS_SEPARATORS =
    /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000,]+/;

  /** rel attribute -> lower-cased tokens, order kept, duplicates dropped (docs/LINKS.md). */
  function relTokens(rel) {
    const tokens = String(rel || "").toLowerCase().split(REL_SEPARATORS).filter(Boolean);
    return [...new Set(tokens)];
  }

  /** Whether robots meta contents (collector's `robots`) say nofollow or none. */
  function robotsNofollow(contents) {
    const says = (token) => token === "nofollow" || token === "none";
    return (contents || []).some((c) => String(c).toLowerCase().split(ROBOTS_SEPARATORS).some(says));
  }

  /**
   * Whether an <a>/<area> is no link at all for a crawler: no href, or a `javascript:` one. Such
   * an element passes no authority, so it is never drawn or counted as dofollow.
   */
  function isNotLink(link) {
    const href = link.href;
    // `undefined` is a record without the field (older data): unknown, so not judged.
    return href === null || href === "" || /^\s*javascript:/i.test(href || "");
  }

  /** The chain's last hop is a redirect loop (or too many hops): the check's own flag says so. */
  function isRedirectLoop(link) {
    return (link.flags || []).some((f) => f.code === "redirect_loop");
  }

  /**
   * The state drawn on the page: suspicious, then not-a-link, broken, redirect, then the follow
   * state; a nofollow link shows its most specific qualifier (sponsored, then ugc) so paid links
   * stand out.
   */
  function displayState(link) {
    if (link.verdict === "suspicious") return "suspicious";
    if (isNotLink(link)) return "notlink";
    if (BROKEN_HEALTH.has(link.health)) return "broken";
    if (link.health === "redirect") return "redirect";
    if (link.follow === "nofollow") {
      const q = link.qualifiers || [];
      if (q.includes("sponsored")) return "sponsored";
      if (q.includes("ugc")) return "ugc";
      return "nofollow";
    }
    return "dofollow";
  }

  /**
   * A Link-shaped record for an element of the live page, from the collector alone: what the
   * overlay draws at once, before (or without) the agent. `pageNofollow` is the robots meta.
   */
  function liveLink(collected, pageNofollow, mine) {
    const rel = relTokens(collected.rel);
    const qualifiers = QUALIFIERS.filter((q) => rel.includes(q));
    const relNofollow = qualifiers.length > 0;
    const follow = relNofollow || pageNofollow ? "nofollow" : "dofollow";
    const href = collected.href ?? null;
    const domains = root.LinkLensDomains;
    const isMine = Boolean(href && domains && domains.hostIsMine(domains.hostOf(href), mine));
    const crawlable = collected.tag !== "area" && /^https?:/i.test(href || "");
    return {
      id: null,
      live_id: collected.id,
      views: ["live"],
      href,
      text: collected.text || "",
      tag: collected.tag || "a",
      rel,
      follow,
      nofollow_source: relNofollow ? "rel" : pageNofollow ? "meta" : null,
      qualifiers,
      internal: false,
      mine: isMine,
      js_generated: false,
      crawlable,
      visible: collected.visible !== false,
      hidden_reason: collected.hidden_reason ?? null,
      context: collected.context || "main",
      status: null,
      final_url: null,
      redirects: [],
      health: null,
      flags: [],
      risk: 0,
      verdict: follow,
    };
  }

  const UPDATE_FIELDS = ["status", "final_url", "redirects", "health", "flags", "risk", "verdict"];

  /**
   * Apply one `link_updates` batch to a Report in place; returns the links that changed (so the
   * overlay redraws only those). Unknown link ids are ignored.
   */
  function applyUpdates(report, updates) {
    const byId = new Map((report.links || []).map((l) => [l.id, l]));
    const changed = [];
    for (const update of updates || []) {
      const link = byId.get(update.link_id);
      if (!link) continue;
      for (const field of UPDATE_FIELDS) {
        if (field in update) link[field] = update[field];
      }
      changed.push(link);
    }
    return changed;
  }

  /** Counts by display state (panel filters) for any list of Link-shaped records. */
  function countStates(links) {
    const counts = Object.fromEntries(STATES.map((s) => [s, 0]));
    for (const link of links) counts[displayState(link)] += 1;
    return counts;
  }

  /**
   * The panel's rows: the Report summary's rules (a link counts in several rows: ugc and
   * sponsored are nofollow, broken and suspicious links keep their follow state) except that
   * not-a-link elements are a row of their own and never dofollow.
   */
  function panelCounts(links) {
    const counts = Object.fromEntries(STATES.map((s) => [s, 0]));
    for (const link of links) {
      if (isNotLink(link)) counts.notlink += 1;
      else if (link.follow === "nofollow") counts.nofollow += 1;
      else counts.dofollow += 1;
      const q = link.qualifiers || [];
      if (q.includes("ugc")) counts.ugc += 1;
      if (q.includes("sponsored")) counts.sponsored += 1;
      if (link.verdict === "suspicious") counts.suspicious += 1;
      if (BROKEN_HEALTH.has(link.health)) counts.broken += 1;
      else if (link.health === "redirect") counts.redirect += 1;
    }
    return counts;
  }

  /** "301 → 302 → 200 https://final…": every hop's status, then where the chain ends. */
  function redirectChain(link, maxUrl = 80) {
    const hops = (link.redirects || []).map((r) => String(r.status));
    if (!hops.length) return null;
    const last = link.status === null || link.status === undefined ? "no answer" : String(link.status);
    let url = link.final_url || "";
    if (url.length > maxUrl) url = `${url.slice(0, maxUrl - 1)}…`;
    return `${[...hops, last].join(" → ")}${url ? ` ${url}` : ""}`;
  }

  /**
   * The health line in words: "redirect loop", "redirect: 301 → 200 https://…",
   * "broken (HTTP 404)", "soft 404 (HTTP 200)", "not checked yet".
   */
  function healthText(link) {
    if (isNotLink(link)) return "not checked: not a link";
    if (link.health === null || link.health === undefined) {
      const skipped = (link.flags || []).find((f) => f.code === "not_checked");
      if (skipped) return "not checked";
      return link.status ? String(link.status) : "not checked yet";
    }
    if (isRedirectLoop(link)) return "redirect loop";
    const chain = redirectChain(link);
    if (link.health === "redirect") return chain ? `redirect: ${chain}` : "redirect";
    const health = link.health === "soft_404" ? "soft 404" : link.health;
    return `${health}${link.status ? ` (HTTP ${link.status})` : ""}`;
  }

  /** A Summary-shaped count for live links, shown until the agent's summary arrives. */
  function liveSummary(links) {
    const s = { total: links.length, dofollow: 0, nofollow: 0, ugc: 0, sponsored: 0, hidden: 0,
      not_crawlable: 0, mine: 0 };
    for (const link of links) {
      s[link.follow] += 1;
      if (link.qualifiers.includes("ugc")) s.ugc += 1;
      if (link.qualifiers.includes("sponsored")) s.sponsored += 1;
      if (!link.visible) s.hidden += 1;
      if (!link.crawlable) s.not_crawlable += 1;
      if (link.mine) s.mine += 1;
    }
    return s;
  }

  /** Why a link is nofollow, in words (tooltip and "your links"). */
  function followReason(link) {
    if (isNotLink(link)) {
      return link.href ? "not a link: a javascript: link passes no authority"
        : "not a link: no href, so it passes no authority";
    }
    if (link.follow !== "nofollow") return "dofollow: passes authority";
    switch (link.nofollow_source) {
      case "rel":
        return `nofollow: rel="${(link.rel || []).join(" ")}"`;
      case "meta":
        return "nofollow: the page's robots meta tag says nofollow";
      case "header":
        return "nofollow: the page's X-Robots-Tag header says nofollow";
      default:
        return "nofollow";
    }
  }

  /** The hidden reason in words ("display: none"); the code itself when it is a new one. */
  function hiddenWords(link) {
    const reason = link.hidden_reason;
    return (reason && (HIDDEN_REASON_WORDS[reason] || reason)) || "not visible";
  }

  /** "hidden (display: none)". */
  function hiddenText(link) {
    return `hidden (${hiddenWords(link)})`;
  }

  /** Why a link cannot be outlined on the page, or null when it can. */
  function unoutlinedReason(link, hasElement) {
    if (!hasElement) {
      const views = (link.views || []).filter((v) => v !== "live");
      return `seen only by the agent (${views.join(", ") || "its render"}), not on this tab`;
    }
    if (!link.visible) return hiddenText(link);
    if (link.tag === "area") return "image-map area: browsers draw no outline on it";
    return null;
  }

  root.LinkLensReport = Object.freeze({
    STATES, relTokens, robotsNofollow, displayState, liveLink, applyUpdates, countStates,
    panelCounts, isNotLink, isRedirectLoop, redirectChain, healthText, liveSummary, followReason, unoutlinedReason, hiddenWords, hiddenText, HIDDEN_REASON_WORDS,
  });
})(globalThis);
