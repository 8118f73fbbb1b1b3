/** How often and how patiently the producer retries what Kinesis turned away. */
export interface RetryPolicy {
  /** Attempts per record, the first one included. */
  readonly maxAttempts: number;
  /** The backoff cap before the first retry; it doubles per retry. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 5000 };

export function resolveRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError(`retry.maxAttempts must be a whole number >= 1, got ${policy.maxAttempts}`);
  }
  for (const field of ["baseDelayMs", "maxDelayMs"] as const) {
    if (!Number.isFinite(policy[field]) || policy[field] < 0) {
      throw new RangeError(`retry.${field} must be a finite number >= 0, got ${policy[field]}`);
    }
  }
  return policy;
}

/**
 * The wait before retry number `retry` (1 for the first): exponential backoff with full jitter,
 * uniform in [0, min(maxDelayMs, baseDelayMs * 2^(retry-1))), so that producers throttled together
 * do not come back together.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(cap * Math.min(Math.max(random(), 0), 1));
}

/** throttle and transient failures are worth retrying; fatal ones will fail the same way again. */
export type FailureKind = "throttle" | "transient" | "fatal";

export interface ClassifiedFailure {
  readonly kind: FailureKind;
  readonly code: string;
  readonly message: string;
}

const THROTTLE_CODES: ReadonlySet<string> = new Set([
  "ProvisionedThroughputExceededException",
  "KMSThrottlingException",
  // Kinesis also answers LimitExceededException when too many control or GetRecords calls come at once.
  "LimitExceededException",
  "ThrottlingException",
]);

const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  // PutRecords reports a server-side failure of one entry as "InternalFailure"; the exception class says "...Exception".
  "InternalFailure",
  "InternalFailureException",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "InternalServerError",
]);

/** Classifies an error code as Kinesis reports it, for example in a PutRecords result entry. */
export function classifyErrorCode(code: string): FailureKind {
  if (THROTTLE_CODES.has(code)) {
    return "throttle";
  }
  return TRANSIENT_CODES.has(code) ? "transient" : "fatal";
}

interface ServiceErrorShape {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly $fault?: unknown;
  readonly $retryable?: { readonly throttling?: unknown };
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

/** Classifies an error a client's `send` rejected with (an SDK service exception or anything else). */
export function classifyError(error: unknown): ClassifiedFailure {
  const shape: ServiceErrorShape = typeof error === "object" && error !== null ? (error as ServiceErrorShape) : {};
  const code = typeof shape.name === "string" && shape.name !== "" ? shape.name : "Error";
  const message = typeof shape.message === "string" ? shape.message : String(error);
  const byCode = classifyErrorCode(code);
  if (byCode !== "fatal") {
    return { kind: byCode, code, message };
  }
  if (shape.$retryable?.throttling === true) {
    return { kind: "throttle", code, message };
  }
  const status = shape.$metadata?.httpStatusCode;
  if (shape.$fault === "server" || shape.$retryable !== undefined || (typeof status === "number" && status >= 500)) {
    return { kind: "transient", code, message };
  }
  return { kind: "fatal", code, message };
}
