/** The "cannot run here" popup: shows the reason the worker put in its query string (as text). */
const reason = new URLSearchParams(location.search).get("reason");
if (reason) document.getElementById("reason").textContent = `LinkLens cannot run here: ${reason}`;
