import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { S3Client } from "@aws-sdk/client-s3";
import { pollUntil } from "../wait/pollUntil";
import { countDeliveredRecords, type DeliveredRecords } from "./countDeliveredRecords";
import { DeliveryFailedError, describeDeliveryError, readDeliveryErrors, type DeliveryErrorSummary } from "./deliveryErrors";

export interface WaitForDeliveryOptions {
  readonly timeoutMs?: number;
  readonly pollMs?: number;
  /** Each poll: what is delivered, and the delivery errors Firehose logged meanwhile (when `deliveryErrors` is set). */
  readonly onPoll?: (delivered: DeliveredRecords, elapsedMs: number, errors: readonly DeliveryErrorSummary[]) => void;
  readonly signal?: AbortSignal;
  /**
   * Reads Firehose's error log while waiting: the wait shows what it logged and ends early, with a
   * DeliveryFailedError, once one error has been logged `giveUpAfter` times (default 5, about 25 s of retries)
   * and nothing arrived since the wait began.
   */
  readonly deliveryErrors?: {
    readonly logs: CloudWatchLogsClient;
    readonly logGroupName: string;
    readonly giveUpAfter?: number;
    /** Errors logged since (epoch ms); default 15 minutes before the wait began, Firehose's longest buffer interval. */
    readonly sinceMs?: number;
    /** Each poll's reading of the log, before S3 is counted (shown even when counting then fails). */
    readonly onErrors?: (errors: readonly DeliveryErrorSummary[]) => void;
  };
}

const DEFAULT_GIVE_UP_AFTER = 5;

/** Polls S3 until at least `expected` records lie under the prefix (on AWS, Firehose delivers when its buffer is due). */
export async function waitForDeliveredRecords(s3: S3Client, bucket: string, prefix: string, expected: number, options: WaitForDeliveryOptions = {}): Promise<DeliveredRecords> {
  const started = Date.now();
  let firstCount: number | undefined;
  let last: { delivered: DeliveredRecords; errors: readonly DeliveryErrorSummary[] } | undefined;
  return pollUntil(
    async () => {
      const errors = options.deliveryErrors === undefined ? [] : await readDeliveryErrors(options.deliveryErrors.logs, options.deliveryErrors.logGroupName, options.deliveryErrors.sinceMs ?? started - 900_000);
      options.deliveryErrors?.onErrors?.(errors);
      let delivered: DeliveredRecords;
      try {
        delivered = await countDeliveredRecords(s3, bucket, prefix);
      } catch (error) {
        // The bucket itself is gone or refused: what Firehose logged says why delivery fails too.
        throw errors.length === 0 ? error : new DeliveryFailedError(errors, { cause: error });
      }
      options.onPoll?.(delivered, Date.now() - started, errors);
      if (delivered.records >= expected) {
        return delivered;
      }
      firstCount ??= delivered.records;
      const giveUpAfter = options.deliveryErrors?.giveUpAfter ?? DEFAULT_GIVE_UP_AFTER;
      if (delivered.records === firstCount && errors.some((error) => error.count >= giveUpAfter)) {
        throw new DeliveryFailedError(errors);
      }
      last = { delivered, errors };
      return undefined;
    },
    {
      timeoutMs: options.timeoutMs ?? 600_000,
      intervalMs: options.pollMs ?? 5000,
      signal: options.signal,
      giveUp: {
        timeoutError: (elapsedMs) => {
          const logged = last === undefined || last.errors.length === 0 ? "" : `; ${last.errors.map(describeDeliveryError).join("; ")}`;
          return new Error(`s3://${bucket}/${prefix} holds ${last?.delivered.records} of ${expected} records after ${Math.round(elapsedMs / 1000)} s${logged}`);
        },
      },
    },
  );
}
