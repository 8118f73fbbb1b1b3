import { gunzipSync } from "node:zlib";
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";

/** Every key under the prefix, page after page (folder markers left out). */
export async function* listKeys(s3: S3Client, bucket: string, prefix: string): AsyncGenerator<string> {
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token === undefined ? {} : { ContinuationToken: token }) }));
    for (const object of page.Contents ?? []) {
      if (object.Key !== undefined && !object.Key.endsWith("/")) {
        yield object.Key;
      }
    }
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
}

export interface ObjectText {
  readonly text: string;
  readonly gzipped: boolean;
  readonly contentType: string | undefined;
}

/** An object's text, gunzipped when Firehose compressed it. */
export async function readObjectText(s3: S3Client, bucket: string, key: string): Promise<ObjectText> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const bytes = await object.Body!.transformToByteArray();
  // Firehose's GZIP objects end in .gz; their bytes start with gzip's magic number 1f 8b.
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const text = Buffer.from(gzipped ? gunzipSync(bytes) : bytes).toString("utf8");
  return { text, gzipped, contentType: object.ContentType };
}

/** Non-empty lines: what Athena's JSON SerDe counts as records. */
export function countLines(text: string): number {
  return text.split("\n").filter((line) => line.trim() !== "").length;
}
