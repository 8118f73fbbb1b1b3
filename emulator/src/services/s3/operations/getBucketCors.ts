import { noSuchBucket, s3Error } from "../../../protocol/restXml/s3Errors";
import type { S3Operation } from "../protocol/S3Operation";

const nonEmpty = (values: readonly string[]): readonly string[] | undefined => (values.length === 0 ? undefined : values);

/** The configuration as PutBucketCors stored it, each list member its own element, or 404 NoSuchCORSConfiguration. */
export const getBucketCors: S3Operation = async (request, { store }) => {
  const bucket = store.getBucket(request.bucket!);
  if (bucket === undefined) {
    throw noSuchBucket(request.bucket!);
  }
  if (bucket.cors === undefined) {
    throw s3Error("NoSuchCORSConfiguration", undefined, { BucketName: bucket.name });
  }
  const rules = bucket.cors.map((rule) => ({
    ID: rule.id,
    AllowedHeader: nonEmpty(rule.allowedHeaders),
    AllowedMethod: rule.allowedMethods,
    AllowedOrigin: rule.allowedOrigins,
    ExposeHeader: nonEmpty(rule.exposeHeaders),
    MaxAgeSeconds: rule.maxAgeSeconds,
  }));
  return { xml: { CORSConfiguration: { CORSRule: rules } } };
};
