/**
 * The extension's settings: defaults in one place, normalisation of what is stored, and the
 * chrome.storage.local reads and writes (the only part that needs the browser).
 */
import "./protocol-data.js";
import "./protocol.js";
import "./domains.js";

const { DEFAULT_PORT } = globalThis.LinkLensProtocol;
const { normalizeDomain } = globalThis.LinkLensDomains;

/** Display states the overlay can highlight (same list as report.js STATES). */
export const HIGHLIGHT_STATES = Object.freeze([
  "dofollow", "nofollow", "ugc", "sponsored", "suspicious", "broken", "redirect", "notlink",
]);

export const DEFAULTS = Object.freeze({
  port: DEFAULT_PORT,
  token: "",
  mine: Object.freeze([]),
  cloaking: false,
  check: true,
  highlight: Object.freeze(Object.fromEntries(HIGHLIGHT_STATES.map((s) => [s, true]))),
  // Sites (origins) whose every page load gets outlines from rel alone: off everywhere unless
  // the person turns it on for a site (which asks the browser for that site's permission).
  auto: Object.freeze([]),
});

/**
 * "https://Example.com/a/b" or "example.com" -> "https://example.com" (http(s) origins only, no
 * port: a content-script match pattern cannot name one); null when it is not a site.
 */
export function parseSite(value) {
  let text = String(value ?? "").trim();
  if (!text) return null;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) text = `https://${text}`;
  try {
    const url = new URL(text);
    if (!["http:", "https:"].includes(url.protocol) || !url.hostname) return null;
    return `${url.protocol}//${url.hostname}`;
  } catch {
    return null;
  }
}

/** The match pattern that covers every page of a site (any port). */
export function sitePattern(site) {
  return `${site}/*`;
}

/** A valid TCP port number from user input, or null. */
export function parsePort(value) {
  const text = String(value ?? "").trim();
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

/** "example.com, https://www.Other.org/x\nthird.net" -> ["example.com", "other.org", "third.net"]. */
export function parseDomains(text) {
  const seen = new Set();
  for (const part of String(text ?? "").split(/[\s,;]+/)) {
    const domain = normalizeDomain(part);
    if (domain) seen.add(domain);
  }
  return [...seen];
}

/** Whatever is stored (possibly old, partial or hand-edited) -> a complete, valid settings object. */
export function normalizeSettings(raw) {
  const stored = raw && typeof raw === "object" ? raw : {};
  const highlight = { ...DEFAULTS.highlight };
  if (stored.highlight && typeof stored.highlight === "object") {
    for (const state of HIGHLIGHT_STATES) {
      if (typeof stored.highlight[state] === "boolean") highlight[state] = stored.highlight[state];
    }
  }
  return {
    port: parsePort(stored.port) ?? DEFAULTS.port,
    token: typeof stored.token === "string" ? stored.token.trim() : DEFAULTS.token,
    mine: Array.isArray(stored.mine) ? parseDomains(stored.mine.join(" ")) : [...DEFAULTS.mine],
    cloaking: typeof stored.cloaking === "boolean" ? stored.cloaking : DEFAULTS.cloaking,
    check: typeof stored.check === "boolean" ? stored.check : DEFAULTS.check,
    highlight,
    auto: Array.isArray(stored.auto) ? [...new Set(stored.auto.map(parseSite).filter(Boolean))] : [],
  };
}

const KEYS = Object.keys(DEFAULTS);

/** Read the settings (chrome.storage.local or a stand-in with the same get/set). */
export async function loadSettings(area = globalThis.chrome.storage.local) {
  return normalizeSettings(await area.get(KEYS));
}

/** Save some settings after normalising them; returns the full settings now stored. */
export async function saveSettings(changes, area = globalThis.chrome.storage.local) {
  const next = normalizeSettings({ ...(await area.get(KEYS)), ...changes });
  await area.set(next);
  return next;
}
