// Loads the extension's classic scripts (they define globals) for Node's tests.
import "../../extension/protocol-data.js";
import "../../extension/protocol.js";
import "../../extension/domains.js";
import "../../extension/report.js";

export const P = globalThis.LinkLensProtocol;
export const D = globalThis.LinkLensDomains;
export const R = globalThis.LinkLensReport;
