import { noSuchBucket } from "../../../protocol/restXml/s3Errors";
import type { S3Operation } from "../protocol/S3Operation";

export const headBucket: S3Operation = async (request, { store }) => {
  const bucket = store.getBucket(request.bucket!);
  if (bucket === undefined) {
    throw noSuchBucket(request.bucket!);
  }
  return { headers: { "x-amz-bucket-region": bucket.region, "x-amz-access-point-alias": "false" } };
};
