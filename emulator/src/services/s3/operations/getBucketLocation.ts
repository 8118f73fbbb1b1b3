import { noSuchBucket } from "../../../protocol/restXml/s3Errors";
import type { S3Operation } from "../protocol/S3Operation";

/** us-east-1 is answered as an empty LocationConstraint, as S3 does. */
export const getBucketLocation: S3Operation = async (request, { store }) => {
  const bucket = store.getBucket(request.bucket!);
  if (bucket === undefined) {
    throw noSuchBucket(request.bucket!);
  }
  return { xml: { LocationConstraint: bucket.region === "us-east-1" ? "" : bucket.region } };
};
