import { h } from "./dom.js";

const GOOD = new Set(["ACTIVE", "READY", "SUCCEEDED", "reading", "live"]);
const BUSY = new Set(["CREATING", "UPDATING", "RUNNING", "QUEUED", "STOPPING", "waiting", "connecting"]);

/** A state word in a coloured pill: green when done or healthy, amber while working, red when failed. */
export function badge(state: string): HTMLSpanElement {
  const tone = GOOD.has(state) ? "good" : BUSY.has(state) ? "busy" : /FAIL|CANCEL|DELET|REFUSED|error/i.test(state) ? "bad" : "neutral";
  return h("span", { class: `badge ${tone}` }, state);
}
