/**
 * The options page's "Backlink monitor" part: desktop notifications for lost high-importance
 * links, off by default. `notifications` is an optional permission (manifest
 * `optional_permissions`): it is requested only here, from the person's click on the checkbox
 * (chrome.permissions.request needs that user gesture), and given back when they turn it off.
 */
import { NOTIFY_KEY } from "./watch.js";

const PERMISSION = { permissions: ["notifications"] };

/**
 * Turn notifications on or off; resolves with what is now in effect (true: on). Call it straight
 * from the click: the permission request must be the first thing awaited.
 */
export async function setWatchNotifications(on, { permissions = chrome.permissions, storage = chrome.storage.local } = {}) {
  if (on) {
    let granted = false;
    try {
      granted = await permissions.request(PERMISSION);
    } catch (error) {
      console.warn("LinkLens: notifications permission:", error);
    }
    await storage.set({ [NOTIFY_KEY]: Boolean(granted) });
    return Boolean(granted);
  }
  await storage.set({ [NOTIFY_KEY]: false });
  try {
    await permissions.remove(PERMISSION);
  } catch {
    // already not granted
  }
  return false;
}

/** On only when the person turned it on AND the browser still grants the permission. */
export async function watchNotificationsOn({ permissions = chrome.permissions, storage = chrome.storage.local } = {}) {
  const stored = await storage.get(NOTIFY_KEY);
  return stored[NOTIFY_KEY] === true && (await permissions.contains(PERMISSION));
}

const box = globalThis.document?.getElementById("watch-notify");
const result = globalThis.document?.getElementById("watch-result");
if (box) {
  watchNotificationsOn().then((on) => {
    box.checked = on;
  }).catch(() => {});
  box.addEventListener("change", () => {
    const wanted = box.checked;
    setWatchNotifications(wanted).then((on) => {
      box.checked = on;
      result.textContent = on ? "Notifications on."
        : wanted ? "The browser did not grant the notifications permission: notifications stay off." : "Notifications off.";
    });
  });
}
// For end-to-end tests, which cannot click the browser's permission prompt.
globalThis.linklensSetWatchNotifications = setWatchNotifications;
