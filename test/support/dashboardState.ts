import assert from "node:assert/strict";
import type { PipelineState } from "../../scripts/dist/dashboard/index";

/** The dashboard's `/api/state` at `url` (ending in `/`). */
export async function readState(url: string): Promise<PipelineState> {
  const response = await fetch(`${url}api/state`);
  assert.equal(response.status, 200);
  return (await response.json()) as PipelineState;
}

/** Asks until `ready` holds (a snapshot is served again for a moment, and the reader polls on its own clock). */
export async function stateWhen(url: string, ready: (state: PipelineState) => boolean, timeoutMs = 10_000): Promise<PipelineState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await readState(url);
    if (ready(state)) {
      return state;
    }
    if (Date.now() > deadline) {
      assert.fail(`the state never got there: ${JSON.stringify(state)}`);
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
}

/** A section that must have been read: its data, typed. */
export function ok<T extends { status: string }>(section: T): Extract<T, { status: "ok" }> {
  assert.equal(section.status, "ok", JSON.stringify(section));
  return section as Extract<T, { status: "ok" }>;
}
