import { gzipSync } from "node:zlib";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { countLines, listKeys, readObjectText } from "./s3Objects";
import { splitJsonValues } from "@gpu-stream/emulator/json-values";

/** An S3 object in which some line holds more than one JSON record (Firehose without a delimiter). */
export interface CrowdedObject {
  readonly key: string;
  /** Records in the object. */
  readonly records: number;
  /** Lines in the object: what Athena's JSON SerDe counts, one record per line. */
  readonly lines: number;
}

export interface RewriteReport {
  readonly scanned: number;
  readonly rewritten: readonly CrowdedObject[];
}

/**
 * Finds the objects under `prefix` whose lines hold several JSON records. Athena's JSON SerDe reads one record
 * per line (the first JSON value on it), so a table over such objects silently loses every record but the
 * first of each line: the original exercise counted 14 rows for 390 records.
 */
export async function findCrowdedObjects(s3: S3Client, bucket: string, prefix = ""): Promise<CrowdedObject[]> {
  const crowded: CrowdedObject[] = [];
  for await (const key of listKeys(s3, bucket, prefix)) {
    const { text } = await readObjectText(s3, bucket, key);
    const records = splitJsonValues(text).length;
    const lines = countLines(text);
    if (records > lines) {
      crowded.push({ key, records, lines });
    }
  }
  return crowded;
}

/**
 * Rewrites every crowded object under `prefix` newline-delimited, one record per line, in place (same key,
 * same compression), through the S3 API so it works on AWS as on the emulator. Objects already one record per
 * line are left untouched, so running it twice changes nothing the second time.
 */
export async function rewriteNewlineDelimited(s3: S3Client, bucket: string, prefix = ""): Promise<RewriteReport> {
  let scanned = 0;
  const rewritten: CrowdedObject[] = [];
  for await (const key of listKeys(s3, bucket, prefix)) {
    scanned += 1;
    const { text, gzipped, contentType } = await readObjectText(s3, bucket, key);
    const values = splitJsonValues(text);
    const lines = countLines(text);
    if (values.length <= lines) {
      continue;
    }
    const delimited = Buffer.from(`${values.join("\n")}\n`, "utf8");
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: gzipped ? gzipSync(delimited) : delimited,
        ...(contentType === undefined ? {} : { ContentType: contentType }),
      }),
    );
    rewritten.push({ key, records: values.length, lines });
  }
  return { scanned, rewritten };
}
