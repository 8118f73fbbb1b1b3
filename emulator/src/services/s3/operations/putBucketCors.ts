import { readBody } from "../../../server/readBody";
import { verifyWholeBody } from "../body/verifyWholeBody";
import { parseCorsConfiguration } from "../cors/parseCorsConfiguration";
import { noSuchBucket, s3Error } from "../../../protocol/restXml/s3Errors";
import type { S3Operation } from "../protocol/S3Operation";

/** "The CORS configuration ... can be up to 64 KB in size" (S3 User Guide, CORS configuration). */
const MAX_CONFIGURATION_BYTES = 64 * 1024;

/** Replaces the bucket's CORS configuration; Content-MD5 (or a checksum) is required, as the API says. */
export const putBucketCors: S3Operation = async (request, { store }) => {
  const bucket = request.bucket!;
  if (store.getBucket(bucket) === undefined) {
    throw noSuchBucket(bucket);
  }
  const body = await readBody(request.body, MAX_CONFIGURATION_BYTES, () => s3Error("MalformedXML"));
  verifyWholeBody(request.headers, body, true);
  await store.setBucketCors(bucket, parseCorsConfiguration(body.toString("utf8")));
  return {};
};
