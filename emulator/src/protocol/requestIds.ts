import { randomBytes, randomUUID } from "node:crypto";

/** `x-amzn-RequestId` of the JSON and query protocols: a UUID. */
export function awsRequestId(): string {
  return randomUUID();
}

/** S3's `x-amz-request-id`: 16 upper-case hexadecimal characters, as S3 writes them. */
export function s3RequestId(): string {
  return randomUUID().replace(/-/g, "").slice(0, 16).toUpperCase();
}

/** AWS sends this on every Kinesis answer (kinesalite test/connection.js assertBody: 64 to 80 bytes, base64). */
export function amzId2(): string {
  return randomBytes(72).toString("base64");
}
