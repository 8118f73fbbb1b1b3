import { abortableSleep } from "../abortableSleep";

export interface PollTiming {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
}

/** Calls `check` until it answers something other than undefined; rejects naming `what` after the timeout. */
export async function pollUntil<T>(what: string, check: () => Promise<T | undefined>, timing: Required<PollTiming>): Promise<T> {
  const deadline = Date.now() + timing.timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() >= deadline) {
      throw new Error(`${what} within ${Math.round(timing.timeoutMs / 1000)} s`);
    }
    await abortableSleep(timing.intervalMs);
  }
}
