/**
 * Pages where the browser lets no extension run, and the sentence that tells the person why.
 * Pure (no chrome.*): the worker uses it when injecting fails, the popup shows its text.
 */

const STORE_HOSTS = ["chromewebstore.google.com", "chrome.google.com", "addons.mozilla.org",
  "microsoftedge.microsoft.com"];

/**
 * Why LinkLens cannot run on `url`; `error` is the browser's injection error message (the URL
 * is not always known: without access the tab's url is hidden).
 */
export function restrictedReason(url, error = "") {
  let parsed = null;
  try {
    parsed = url ? new URL(url) : null;
  } catch {
    parsed = null;
  }
  const scheme = parsed?.protocol ?? "";
  const message = String(error || "");
  // Without the "tabs" permission the URL is often unknown: the browser's message names the kind.
  if (["chrome:", "edge:", "brave:", "about:", "chrome-search:", "devtools:", "view-source:"].includes(scheme)
    || /(?:a|an) (?:chrome|edge|brave|about|devtools|chrome-search):\/*\s*URL/i.test(message)) {
    return "browser pages (such as chrome:// settings and the new tab page) do not allow extensions.";
  }
  if (scheme === "chrome-extension:" || scheme === "moz-extension:" || /extension:\/\/ URL/i.test(message)) {
    return "pages of other extensions cannot be analysed.";
  }
  if (/gallery cannot be scripted|web store/i.test(message) || (parsed && STORE_HOSTS.some(
    (h) => parsed.hostname === h && (h !== "chrome.google.com" || parsed.pathname.startsWith("/webstore"))))) {
    return "the browser's extension store does not allow extensions to run on it.";
  }
  if (scheme === "file:" || /url "?file:/i.test(message)) {
    return "local files need \"Allow access to file URLs\" turned on for LinkLens in chrome://extensions.";
  }
  if ((parsed && /\.pdf$/i.test(parsed.pathname)) || /pdf/i.test(message)) {
    return "this is the built-in PDF viewer, where extensions cannot run; open an HTML page.";
  }
  if (parsed && !["http:", "https:"].includes(scheme)) {
    return `${scheme} pages cannot be analysed; LinkLens works on http and https pages.`;
  }
  if (/error page/i.test(message)) {
    return "the tab shows an error page (the page did not load).";
  }
  return "the browser did not let LinkLens into this page (" + (message || "no reason given") + ").";
}
