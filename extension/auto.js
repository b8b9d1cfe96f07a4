/*
 * Automatic mode (content script, classic): registered by the worker only for the sites the
 * person turned it on for in the options. On every load it outlines the links from their rel
 * values alone, like a nofollow highlighter: no agent, no panel. Clicking LinkLens still runs
 * the full analysis (the overlay replaces these outlines with its own session).
 */
(function startAutomaticOutlines(root) {
  "use strict";
  if (!root.LinkLensOverlay || root.LinkLensOverlay.isActive()) return;
  chrome.runtime.sendMessage({ linklens: "autoSettings" }).then((settings) => {
    if (!settings || settings.error || root.LinkLensOverlay.isActive()) return null;
    const result = root.LinkLensOverlay.startAuto({ mine: settings.mine, highlight: settings.highlight });
    // The outlines' stylesheet is a user-origin one that only the worker can insert.
    return result.action === "auto" ? chrome.runtime.sendMessage({ linklens: "autoStarted" }) : null;
  }).catch(() => {
    // The worker is restarting or the extension was updated: the next load tries again.
  });
})(globalThis);
