import type { ListBucketsOutput } from "@aws-sdk/client-s3";
import { decodeContinuationToken, encodeContinuationToken, integerParameter } from "../protocol/listing";
import { OWNER } from "../protocol/owner";
import type { S3Operation } from "../protocol/S3Operation";
import { compareKeys } from "../storage/SortedKeys";

export const listBuckets: S3Operation = async (request, { store }) => {
  const prefix = request.query.get("prefix") ?? "";
  const region = request.query.get("bucket-region");
  const maxBuckets = integerParameter(request, "max-buckets", 10000, 10000);
  const token = request.query.get("continuation-token");
  const after = token === undefined ? undefined : decodeContinuationToken(token);
  const matching = store
    .listBuckets()
    .filter((bucket) => bucket.name.startsWith(prefix) && (region === undefined || bucket.region === region))
    .filter((bucket) => after === undefined || compareKeys(bucket.name, after) > 0);
  const page = matching.slice(0, maxBuckets);
  const truncated = matching.length > page.length;
  const result = {
    Owner: OWNER,
    Buckets: page.map((bucket) => ({ Name: bucket.name, CreationDate: bucket.creationDate, BucketRegion: bucket.region })),
    ...(request.query.has("prefix") ? { Prefix: prefix } : {}),
    ...(truncated ? { ContinuationToken: encodeContinuationToken(page[page.length - 1]!.name) } : {}),
  } satisfies ListBucketsOutput;
  // In XML the list is wrapped: <Buckets><Bucket>...</Bucket></Buckets>.
  return { xml: { ListAllMyBucketsResult: { ...result, Buckets: { Bucket: result.Buckets } } } };
};
