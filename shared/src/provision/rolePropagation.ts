import type { PollTiming } from "../wait/pollUntil";
import { retryWhile, secondsText } from "../wait/retryWhile";

/**
 * A new IAM role (or a policy just put on it) takes seconds to be usable by a service, and until then the service
 * refuses it. Firehose's CreateDeliveryStream answers InvalidArgumentException "Firehose is unable to assume role
 * ... Please check the role provided." (or "... is not authorized to perform: kinesis:DescribeStream ..." while
 * the inline policy propagates); Glue's CreateCrawler answers InvalidInputException "Service is unable to assume
 * provided role". Both succeed when retried a little later.
 */
export function isRoleNotYetUsable(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  const message = (error as { message?: string }).message ?? "";
  return (name === "InvalidArgumentException" || name === "InvalidInputException") && /unable to assume|is not authorized to perform/i.test(message);
}

export const DEFAULT_ROLE_PROPAGATION: Required<PollTiming> = { timeoutMs: 120_000, intervalMs: 5_000 };

/** Runs `attempt` again while it fails because a role has not propagated yet, up to the timeout. */
export async function retryWhileRolePropagates<T>(
  what: string,
  attempt: () => Promise<T>,
  timing: PollTiming = {},
  onRetry: (line: string) => void = () => undefined,
): Promise<T> {
  const { timeoutMs, intervalMs } = { ...DEFAULT_ROLE_PROPAGATION, ...timing };
  return retryWhile(attempt, isRoleNotYetUsable, { timeoutMs, initialDelayMs: intervalMs, maxDelayMs: intervalMs }, (delayMs) =>
    onRetry(`${what}: the new IAM role is not usable yet (IAM takes a few seconds to propagate); retrying in ${secondsText(delayMs)}`),
  );
}
