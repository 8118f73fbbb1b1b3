import type { S3Client } from "@aws-sdk/client-s3";
import { abortableSleep } from "../abortableSleep";
import { countLines, listKeys, readObjectText } from "../s3Objects";
import { splitJsonValues } from "../splitJsonValues";

export interface DeliveredRecords {
  readonly objects: number;
  readonly bytes: number;
  /** JSON records in the objects, however they are laid out. */
  readonly records: number;
  /** Non-empty lines: the rows Athena will see (equal to `records` when Firehose appends the newline delimiter). */
  readonly lines: number;
}

/**
 * Asks the emulator's Firehose to deliver what it buffers now. Emulator only: on AWS a buffer is delivered when
 * its interval or size is reached, so there the caller waits instead (waitForDeliveredRecords).
 */
export async function flushLocalFirehose(endpointUrl: string): Promise<void> {
  const response = await fetch(`${endpointUrl.replace(/\/$/, "")}/_emulator/firehose/flush`, { method: "POST" });
  if (!response.ok) {
    throw new Error(`the emulator's Firehose flush at ${endpointUrl} answered ${response.status}: ${await response.text()}`);
  }
}

/** Reads every object under the prefix and counts its records and lines. */
export async function countDeliveredRecords(s3: S3Client, bucket: string, prefix: string): Promise<DeliveredRecords> {
  let objects = 0;
  let bytes = 0;
  let records = 0;
  let lines = 0;
  for await (const key of listKeys(s3, bucket, prefix)) {
    const { text } = await readObjectText(s3, bucket, key);
    objects += 1;
    bytes += Buffer.byteLength(text);
    records += splitJsonValues(text).length;
    lines += countLines(text);
  }
  return { objects, bytes, records, lines };
}

export interface WaitForDeliveryOptions {
  readonly timeoutMs?: number;
  readonly pollMs?: number;
  readonly onPoll?: (delivered: DeliveredRecords, elapsedMs: number) => void;
  readonly signal?: AbortSignal;
}

/** Polls S3 until at least `expected` records lie under the prefix (on AWS, Firehose delivers when its buffer is due). */
export async function waitForDeliveredRecords(s3: S3Client, bucket: string, prefix: string, expected: number, options: WaitForDeliveryOptions = {}): Promise<DeliveredRecords> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 600_000;
  for (;;) {
    const delivered = await countDeliveredRecords(s3, bucket, prefix);
    options.onPoll?.(delivered, Date.now() - started);
    if (delivered.records >= expected) {
      return delivered;
    }
    if (Date.now() - started > timeoutMs || options.signal?.aborted === true) {
      throw new Error(`s3://${bucket}/${prefix} holds ${delivered.records} of ${expected} records after ${Math.round((Date.now() - started) / 1000)} s`);
    }
    await abortableSleep(options.pollMs ?? 5000, options.signal);
  }
}
