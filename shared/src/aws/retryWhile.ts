import { abortableSleep } from "../abortableSleep";

export interface RetryDelays {
  readonly timeoutMs: number;
  /** The first wait between tries, doubled after each up to `maxDelayMs` (equal: a constant interval). */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Runs `attempt` again while it fails with an error `retryable` accepts, up to the timeout (then that error is
 * thrown); `onRetry` hears of each wait before it.
 */
export async function retryWhile<T>(attempt: () => Promise<T>, retryable: (error: unknown) => boolean, delays: RetryDelays, onRetry: (delayMs: number) => void): Promise<T> {
  const deadline = Date.now() + delays.timeoutMs;
  let delayMs = delays.initialDelayMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!retryable(error) || Date.now() + delayMs > deadline) {
        throw error;
      }
      onRetry(delayMs);
      await abortableSleep(delayMs);
      delayMs = Math.min(delayMs * 2, delays.maxDelayMs);
    }
  }
}

/** `2.5 s`: a wait as the retry lines say it. */
export function secondsText(delayMs: number): string {
  return `${Math.round(delayMs / 100) / 10} s`;
}
