// The overlay's export file name: host, a slug of the path and the local time, so two pages of
// one site exported the same day never share a name. overlay.js is a content script; Node loads
// it with the few browser globals its top level touches.
import assert from "node:assert/strict";
import { test } from "node:test";
import "./load.mjs";

globalThis.chrome = { runtime: { onMessage: { addListener() {} } } };
globalThis.location = { href: "https://news.example/2026/12/Big-Story.html?x=1#top" };
await import("../../extension/panel.js");
await import("../../extension/overlay.js");
const O = globalThis.LinkLensOverlay;

test("export names carry the host, the path's slug and the time", () => {
  const now = new Date(2026, 11, 3, 14, 5, 9);
  assert.equal(O.exportName("csv", now), "linklens-news.example-2026-12-big-story-20261203-140509.csv");
  globalThis.location.href = "https://news.example/";
  assert.equal(O.exportName("json", now), "linklens-news.example-20261203-140509.json");
  globalThis.location.href = "https://news.example/other/page";
  assert.notEqual(O.exportName("csv", now), "linklens-news.example-2026-12-big-story-20261203-140509.csv");
});
