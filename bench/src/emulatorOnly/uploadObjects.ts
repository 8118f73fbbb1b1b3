import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { SyntheticObject } from "./syntheticTelemetry";

export interface Uploaded {
  readonly keys: readonly string[];
  readonly bytes: number;
}

/** PutObject through the SDK, `concurrency` at a time, pulling objects from the generator as slots free up. */
export async function uploadObjects(s3: S3Client, bucket: string, objects: Iterable<SyntheticObject>, concurrency = 4): Promise<Uploaded> {
  const iterator = objects[Symbol.iterator]();
  const keys: string[] = [];
  let bytes = 0;
  const worker = async (): Promise<void> => {
    for (let next = iterator.next(); next.done !== true; next = iterator.next()) {
      const body = Buffer.from(next.value.body);
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: next.value.key, Body: body, ContentType: "application/octet-stream" }));
      keys.push(next.value.key);
      bytes += body.length;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { keys: keys.sort(), bytes };
}
