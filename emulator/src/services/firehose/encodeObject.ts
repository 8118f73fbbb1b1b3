import { gzipSync } from "node:zlib";
import type { BufferedRecord } from "./DeliveryBuffer";
import type { DeliverySettings } from "./deliverySettings";

/** What Lambda would have answered: this emulator has no Lambda, so every invocation fails this way. */
export const LAMBDA_FAILURE = {
  errorCode: "Lambda.ResourceNotFound",
  errorMessage: "The specified Lambda function does not exist. The gpu-stream emulator runs no Lambda functions.",
};

function compress(bytes: Buffer, settings: Pick<DeliverySettings, "compression">): Uint8Array {
  return settings.compression === "GZIP" ? gzipSync(bytes) : bytes;
}

/**
 * An object's bytes: the records back to back, as Firehose writes them to S3 (so `{"a":1}{"a":2}`, which
 * readers that take one JSON value per line see as one row), or each followed by the delimiter when the
 * AppendDelimiterToRecord processor is on; then compressed.
 */
export function encodeDeliveredObject(records: readonly BufferedRecord[], settings: Pick<DeliverySettings, "compression" | "delimiter">): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const record of records) {
    parts.push(record.data);
    if (settings.delimiter !== undefined) {
      parts.push(settings.delimiter);
    }
  }
  return compress(Buffer.concat(parts), settings);
}

/**
 * Records that failed processing, one JSON document per line in the format Firehose documents
 * (https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html#data-transformation-failure-handling).
 */
export function encodeProcessingFailedObject(
  records: readonly BufferedRecord[],
  failure: { readonly lambdaArn: string; readonly attemptsMade: number; readonly attemptEndingMs: number },
  settings: Pick<DeliverySettings, "compression">,
): Uint8Array {
  const lines = records.map((record) =>
    JSON.stringify({
      attemptsMade: failure.attemptsMade,
      arrivalTimestamp: record.arrivalMs,
      errorCode: LAMBDA_FAILURE.errorCode,
      errorMessage: LAMBDA_FAILURE.errorMessage,
      attemptEndingTimestamp: failure.attemptEndingMs,
      rawData: Buffer.from(record.data.buffer, record.data.byteOffset, record.data.byteLength).toString("base64"),
      lambdaArn: failure.lambdaArn,
    }),
  );
  return compress(Buffer.from(lines.map((line) => `${line}\n`).join(""), "utf8"), settings);
}

/** The errorCode of records that failed dynamic partitioning, by error output type. */
export const PARTITIONING_FAILURE_CODES = {
  "partitioning-failed": "DynamicPartitioning.MetadataExtractionFailed",
  activePartitionExceeded: "DynamicPartitioning.ActivePartitionsLimitExceeded",
} as const;

/**
 * Records that failed dynamic partitioning, one JSON document per line with the fields of Firehose's other failed
 * records (attemptsMade, arrivalTimestamp, errorCode, errorMessage, attemptEndingTimestamp, rawData).
 */
export function encodePartitioningFailedObject(
  records: readonly BufferedRecord[],
  failure: { readonly errorCode: string; readonly errorMessages: readonly string[]; readonly attemptEndingMs: number },
  settings: Pick<DeliverySettings, "compression">,
): Uint8Array {
  const lines = records.map((record, index) =>
    JSON.stringify({
      attemptsMade: 1,
      arrivalTimestamp: record.arrivalMs,
      errorCode: failure.errorCode,
      errorMessage: failure.errorMessages[index] ?? "",
      attemptEndingTimestamp: failure.attemptEndingMs,
      rawData: Buffer.from(record.data.buffer, record.data.byteOffset, record.data.byteLength).toString("base64"),
    }),
  );
  return compress(Buffer.from(lines.map((line) => `${line}\n`).join(""), "utf8"), settings);
}
