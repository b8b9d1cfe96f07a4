// Pages where extensions cannot run get a sentence saying why.
import assert from "node:assert/strict";
import { test } from "node:test";
import { restrictedReason } from "../../extension/restricted.js";

test("browser pages, the stores, files and the PDF viewer each get their reason", () => {
  assert.match(restrictedReason("chrome://settings/", "Cannot access a chrome:// URL"), /browser pages/);
  assert.match(restrictedReason("https://chromewebstore.google.com/detail/x", "The extensions gallery cannot be scripted."), /store/);
  assert.match(restrictedReason("https://chrome.google.com/webstore/category", ""), /store/);
  assert.match(restrictedReason("file:///home/me/a.html", "Cannot access contents of url"), /Allow access to file URLs/);
  assert.match(restrictedReason("https://site.example/paper.pdf", "Cannot access contents of the page"), /PDF viewer/);
  assert.match(restrictedReason("chrome-extension://abc/page.html", ""), /other extensions/);
});

test("without the tab's URL the browser's message is enough", () => {
  assert.match(restrictedReason(undefined, "Cannot access a chrome:// URL"), /browser pages/);
  assert.match(restrictedReason(undefined, "Cannot access a chrome-extension:// URL of different extension"), /other extensions/);
  assert.match(restrictedReason(undefined, "The extensions gallery cannot be scripted."), /store/);
  assert.match(restrictedReason(undefined, 'Cannot access contents of url "file:///tmp/a.html". Extension manifest must request permission to access this host.'), /file URLs/);
});

test("an unknown URL still gets the browser's own message", () => {
  assert.match(restrictedReason(undefined, "Cannot access contents of the page."), /Cannot access contents of the page/);
  assert.match(restrictedReason("https://ok.example/", ""), /no reason given/);
});
