// The extension's side of tests/fixtures/link-updates.json: applyUpdates merges link_updates
// into the report exactly as protocol.apply_updates does (tests/protocol/test_updates.py).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { R } from "./load.mjs";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/link-updates.json", import.meta.url), "utf8"));

for (const c of fixture.cases) {
  test(`applyUpdates: ${c.name}`, () => {
    const report = { url: "https://page.example/", links: structuredClone(c.links) };
    const changed = R.applyUpdates(report, structuredClone(c.updates));
    assert.deepEqual(changed.map((link) => link.id), c.changed);
    assert.deepEqual(report.links, c.after);
  });
}
