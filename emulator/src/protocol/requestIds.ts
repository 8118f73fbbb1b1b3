import { randomFillSync, randomUUID } from "node:crypto";

/** `x-amzn-RequestId` of the JSON and query protocols: a UUID. */
export function awsRequestId(): string {
  return randomUUID();
}

/** S3's `x-amz-request-id`: 16 upper-case hexadecimal characters, as S3 writes them. */
export function s3RequestId(): string {
  return randomUUID().replace(/-/g, "").slice(0, 16).toUpperCase();
}

const AMZ_ID_2_BYTES = 72;
/** Random bytes for this many ids at a time: one call into the generator per 128 answers, not one per answer. */
const amzId2Pool = Buffer.alloc(AMZ_ID_2_BYTES * 128);
let amzId2Next = amzId2Pool.length;

/** AWS sends this on every Kinesis answer (kinesalite test/connection.js assertBody: 64 to 80 bytes, base64). */
export function amzId2(): string {
  if (amzId2Next === amzId2Pool.length) {
    randomFillSync(amzId2Pool);
    amzId2Next = 0;
  }
  amzId2Next += AMZ_ID_2_BYTES;
  return amzId2Pool.toString("base64", amzId2Next - AMZ_ID_2_BYTES, amzId2Next);
}
