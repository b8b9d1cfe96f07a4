/**
 * The options page: agent port, pairing token (with "test connection", which saves what worked),
 * automatic outlines per site, my domains, the cloaking check, and which states to highlight.
 * Storage and its defaults live in storage.js.
 */
import { testConnection } from "./connection.js";
import { HIGHLIGHT_STATES, loadSettings, parseDomains, parsePort, parseSite, saveSettings, sitePattern } from "./storage.js";

const form = document.getElementById("options");
const field = (id) => document.getElementById(id);

/** ok: true (green), false (red), null (neutral, e.g. "Testing…"). */
function show(output, text, ok) {
  output.textContent = text;
  output.className = ok === null ? "" : ok ? "ok" : "bad";
}

function renderHighlight(highlight) {
  const box = field("highlight");
  box.replaceChildren();
  for (const state of HIGHLIGHT_STATES) {
    const input = Object.assign(document.createElement("input"), {
      type: "checkbox", id: `hl-${state}`, checked: highlight[state],
    });
    input.dataset.state = state;
    const label = document.createElement("label");
    label.className = "check";
    label.append(input, ` ${state === "notlink" ? "not a link (no href, javascript:)" : state}`);
    box.append(label);
  }
}

async function fill() {
  const settings = await loadSettings();
  field("port").value = String(settings.port);
  field("token").value = settings.token;
  field("mine").value = settings.mine.join("\n");
  field("check").checked = settings.check;
  field("cloaking").checked = settings.cloaking;
  renderHighlight(settings.highlight);
  renderAuto(settings.auto);
}

function renderAuto(sites) {
  const list = field("auto-list");
  list.replaceChildren();
  for (const site of sites) {
    const item = document.createElement("li");
    const remove = Object.assign(document.createElement("button"), { type: "button", textContent: "Turn off" });
    remove.dataset.site = site;
    remove.addEventListener("click", () => removeAutoSite(site));
    item.append(site, remove);
    list.append(item);
  }
  if (!sites.length) {
    const none = document.createElement("li");
    none.textContent = "No site: outlines appear only when you click LinkLens.";
    list.append(none);
  }
}

async function removeAutoSite(site) {
  const settings = await loadSettings();
  const saved = await saveSettings({ auto: settings.auto.filter((s) => s !== site) });
  renderAuto(saved.auto);
  // Give the access back too; a permission the manifest requires cannot be removed (tests).
  await chrome.permissions.remove({ origins: [sitePattern(site)] }).catch(() => false);
  show(field("auto-result"), `Automatic outlines off for ${site}.`, true);
}

field("auto-add").addEventListener("click", () => {
  const output = field("auto-result");
  const site = parseSite(field("auto-site").value);
  if (site === null) {
    show(output, "Enter a site such as https://example.com (http or https).", false);
    return;
  }
  // Asked first thing in the click: the browser shows its prompt only during a user gesture.
  chrome.permissions.request({ origins: [sitePattern(site)] }).then(async (granted) => {
    if (!granted) {
      show(output, `The browser did not grant access to ${site}: automatic outlines stay off there.`, false);
      return;
    }
    const settings = await loadSettings();
    const saved = await saveSettings({ auto: [...settings.auto, site] });
    renderAuto(saved.auto);
    field("auto-site").value = "";
    show(output, `Automatic outlines on for ${site}, from the next page load.`, true);
  }, (error) => show(output, String(error.message || error), false));
});

function readForm() {
  const port = parsePort(field("port").value);
  if (port === null) throw new Error("The port must be a number from 1 to 65535.");
  const highlight = {};
  for (const input of field("highlight").querySelectorAll("input[data-state]")) {
    highlight[input.dataset.state] = input.checked;
  }
  return {
    port,
    token: field("token").value.trim(),
    mine: parseDomains(field("mine").value),
    check: field("check").checked,
    cloaking: field("cloaking").checked,
    highlight,
  };
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const saved = await saveSettings(readForm());
    field("mine").value = saved.mine.join("\n"); // show what was understood
    show(field("saved"), "Saved.", true);
  } catch (error) {
    show(field("saved"), error.message, false);
  }
});

field("test").addEventListener("click", async () => {
  const output = field("test-result");
  const port = parsePort(field("port").value);
  if (port === null) {
    show(output, "The port must be a number from 1 to 65535.", false);
    return;
  }
  const token = field("token").value.trim();
  if (!token) {
    show(output, "Paste the token first: run `linklens token` in a terminal and paste what it prints.", false);
    return;
  }
  show(output, "Testing…", null);
  const result = await testConnection({ createSocket: (url) => new WebSocket(url), port, token });
  // The answer is about what the fields held when testing: typing since makes it stale.
  if (parsePort(field("port").value) !== port || field("token").value.trim() !== token) return;
  if (!result.ok) {
    show(output, result.message, false);
    return;
  }
  // What worked is what the extension should use: saved at once (the person need not find Save).
  await saveSettings({ port, token });
  show(output, `Connected: LinkLens agent ${result.agentVersion}. Port and token saved.`, true);
});

// A "Connected" or an error is about the port and token it tested: editing either clears it.
for (const id of ["port", "token"]) {
  field(id).addEventListener("input", () => {
    show(field("test-result"), "", null);
    show(field("saved"), "", null);
  });
}

fill().then(() => {
  // From the panel's "Outline this site on every visit…": the site is filled in; the person
  // still presses the button (the browser asks for the permission only on a click).
  const site = parseSite(new URLSearchParams(location.search).get("site"));
  if (site !== null) {
    field("auto-site").value = site;
    field("auto-add").focus();
  }
});
