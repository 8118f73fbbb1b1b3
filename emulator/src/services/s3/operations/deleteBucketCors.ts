import { noSuchBucket } from "../../../protocol/restXml/s3Errors";
import type { S3Operation } from "../protocol/S3Operation";

/** 204 whether or not the bucket had a configuration, as S3 answers. */
export const deleteBucketCors: S3Operation = async (request, { store }) => {
  if (store.getBucket(request.bucket!) === undefined) {
    throw noSuchBucket(request.bucket!);
  }
  request.body.resume();
  await store.setBucketCors(request.bucket!, undefined);
  return { statusCode: 204 };
};
