import { abortableSleep } from "./abortableSleep";

/** How long a wait may last and how often it looks, as callers give it (each has its own defaults). */
export interface PollTiming {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
}

export interface PollOptions extends Required<PollTiming> {
  /** Doubles the interval after each wait, up to this (absent: a constant interval). */
  readonly maxIntervalMs?: number;
  /** Waits one interval before the first check (a job just started is never done at once). */
  readonly waitFirst?: boolean;
  /**
   * Gives up as soon as the next wait would end after the deadline (a retry that could not start in time),
   * rather than after the first check past it.
   */
  readonly stopBeforeOverrun?: boolean;
  /** Ends the wait early, as the timeout does; also cuts the current interval short. */
  readonly signal?: AbortSignal;
  /** Hears of each wait, with its length, before it begins (for a "retrying in 2 s" line). */
  readonly onWait?: (intervalMs: number) => void;
  /**
   * What is thrown at the timeout (or abort): `what` gives `Error("<what> within <timeout> s")`; `timeoutError`
   * builds it from what the checks saw (the callers keep the last answer), given the time waited.
   */
  readonly giveUp: { readonly what: string } | { readonly timeoutError: (elapsedMs: number) => unknown };
}

/**
 * Calls `check` until it answers something other than undefined, and answers that; a check that throws ends the
 * wait with its error. The one polling loop of the helper module: every wait for AWS (a stream ACTIVE, a crawl
 * READY, a query SUCCEEDED, objects delivered, a role propagated) goes through it.
 */
export async function pollUntil<T>(check: () => Promise<T | undefined>, options: PollOptions): Promise<T> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  let intervalMs = options.intervalMs;
  if (options.waitFirst === true) {
    await abortableSleep(intervalMs, options.signal);
  }
  for (;;) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
    const now = Date.now();
    const timedOut = options.stopBeforeOverrun === true ? now + intervalMs > deadline : now >= deadline;
    if (timedOut || options.signal?.aborted === true) {
      const giveUp = options.giveUp;
      throw "what" in giveUp ? new Error(`${giveUp.what} within ${Math.round(options.timeoutMs / 1000)} s`) : giveUp.timeoutError(now - started);
    }
    options.onWait?.(intervalMs);
    await abortableSleep(intervalMs, options.signal);
    intervalMs = Math.min(intervalMs * 2, options.maxIntervalMs ?? intervalMs);
  }
}
