/**
 * The options page: agent port, pairing token (with "test connection"), my domains, the cloaking
 * check, and which states to highlight. Storage and its defaults live in storage.js.
 */
import { testConnection } from "./connection.js";
import { HIGHLIGHT_STATES, loadSettings, parseDomains, parsePort, saveSettings } from "./storage.js";

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
    label.append(input, ` ${state}`);
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
}

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
  show(output, "Testing…", null);
  const result = await testConnection({
    createSocket: (url) => new WebSocket(url), port, token: field("token").value.trim(),
  });
  if (result.ok) show(output, `Connected: LinkLens agent ${result.agentVersion}.`, true);
  else show(output, result.message, false);
});

fill();
