import { pollUntil } from "./pollUntil";

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
  let lastError: unknown;
  const answer = await pollUntil(
    async () => {
      try {
        return { value: await attempt() };
      } catch (error) {
        if (!retryable(error)) {
          throw error;
        }
        lastError = error;
        return undefined;
      }
    },
    {
      timeoutMs: delays.timeoutMs,
      intervalMs: delays.initialDelayMs,
      maxIntervalMs: delays.maxDelayMs,
      stopBeforeOverrun: true,
      onWait: onRetry,
      giveUp: { timeoutError: () => lastError },
    },
  );
  return answer.value;
}

/** `2.5 s`: a wait as the retry lines say it. */
export function secondsText(delayMs: number): string {
  return `${Math.round(delayMs / 100) / 10} s`;
}
