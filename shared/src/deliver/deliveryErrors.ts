import { FilterLogEventsCommand, ResourceNotFoundException, type CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";

/** Where Firehose logs a delivery stream's S3 delivery errors (as the console names them). */
export function deliveryLogGroupName(deliveryStreamName: string): string {
  return `/aws/kinesisfirehose/${deliveryStreamName}`;
}

export const DELIVERY_LOG_STREAM = "DestinationDelivery";

/** One kind of delivery error Firehose logged, with how often. */
export interface DeliveryErrorSummary {
  /** `S3.NoSuchBucket`, `S3.AccessDenied`, ... */
  readonly errorCode: string;
  readonly message: string;
  readonly count: number;
  readonly lastMs: number;
}

/** `Firehose: S3.NoSuchBucket: The specified bucket does not exist (3 times)` */
export function describeDeliveryError(summary: DeliveryErrorSummary): string {
  return `Firehose: ${summary.errorCode}: ${summary.message}${summary.count > 1 ? ` (${summary.count} times)` : ""}`;
}

/**
 * The delivery errors Firehose logged since `sinceMs`, grouped by code and message, most frequent first. Firehose's
 * error records are JSON with errorCode and message ("Monitor Amazon Data Firehose Using CloudWatch Logs"). A log
 * group that does not exist (logging not enabled) reads as no errors.
 */
export async function readDeliveryErrors(logs: CloudWatchLogsClient, logGroupName: string, sinceMs: number): Promise<DeliveryErrorSummary[]> {
  const byKind = new Map<string, { errorCode: string; message: string; count: number; lastMs: number }>();
  let nextToken: string | undefined;
  try {
    do {
      const page = await logs.send(new FilterLogEventsCommand({ logGroupName, startTime: sinceMs, filterPattern: "errorCode", ...(nextToken === undefined ? {} : { nextToken }) }));
      for (const event of page.events ?? []) {
        let record: { errorCode?: unknown; message?: unknown };
        try {
          record = JSON.parse(event.message ?? "") as typeof record;
        } catch {
          continue;
        }
        if (typeof record.errorCode !== "string") {
          continue;
        }
        const message = typeof record.message === "string" ? record.message : "";
        const key = `${record.errorCode}\n${message}`;
        const known = byKind.get(key) ?? { errorCode: record.errorCode, message, count: 0, lastMs: 0 };
        known.count += 1;
        known.lastMs = Math.max(known.lastMs, event.timestamp ?? 0);
        byKind.set(key, known);
      }
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
  } catch (error) {
    if (error instanceof ResourceNotFoundException) {
      return [];
    }
    throw error;
  }
  return [...byKind.values()].sort((a, b) => b.count - a.count);
}

/** Raised by the delivery wait when Firehose keeps logging an error that no waiting will cure. */
export class DeliveryFailedError extends Error {
  override readonly name = "DeliveryFailedError";

  constructor(
    readonly errors: readonly DeliveryErrorSummary[],
    options?: ErrorOptions,
  ) {
    super(`delivery is failing: ${errors.map(describeDeliveryError).join("; ")}`, options);
  }
}
