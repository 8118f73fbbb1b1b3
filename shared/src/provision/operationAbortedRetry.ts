import { retryWhile, secondsText } from "../wait/retryWhile";

export interface OperationAbortedRetry {
  /** How long to keep retrying (default 5 minutes); the last error is thrown after it. */
  readonly timeoutMs?: number;
  /** The first wait between tries (default 2 s), doubled after each up to `maxDelayMs` (default 30 s). */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
}

export const DEFAULT_OPERATION_ABORTED_RETRY: Required<OperationAbortedRetry> = { timeoutMs: 300_000, initialDelayMs: 2000, maxDelayMs: 30_000 };

/**
 * S3's 409 OperationAborted, "A conflicting conditional operation is currently in progress against this resource.
 * Please try again." (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList): what
 * CreateBucket answers while a bucket of that name is still being deleted. The SDK does not retry a 409.
 */
export function isOperationAborted(error: unknown): boolean {
  return (error as { name?: string }).name === "OperationAborted";
}

/** Runs `attempt` again, with doubling waits, while it fails with OperationAborted, up to the timeout. */
export async function retryWhileOperationAborted<T>(
  what: string,
  attempt: () => Promise<T>,
  retry: OperationAbortedRetry = {},
  onRetry: (line: string) => void = () => undefined,
): Promise<T> {
  return retryWhile(attempt, isOperationAborted, { ...DEFAULT_OPERATION_ABORTED_RETRY, ...retry }, (delayMs) =>
    onRetry(`${what}: S3 answered OperationAborted (a bucket of that name is probably still being deleted); retrying in ${secondsText(delayMs)}`),
  );
}
