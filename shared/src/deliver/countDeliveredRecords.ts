import type { S3Client } from "@aws-sdk/client-s3";
import { splitJsonValues } from "@gpu-stream/emulator/json-values";
import { countLines, listKeys, readObjectText } from "./s3Objects";

export interface DeliveredRecords {
  readonly objects: number;
  readonly bytes: number;
  /** JSON records in the objects, however they are laid out. */
  readonly records: number;
  /** Non-empty lines: the rows Athena will see (equal to `records` when Firehose appends the newline delimiter). */
  readonly lines: number;
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
