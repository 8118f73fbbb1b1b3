import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";

/**
 * Deletes every object in the bucket, 1000 (DeleteObjects' limit, also ListObjectsV2's page size) at a time, and
 * answers how many. The exercise's bucket is unversioned; a versioned one keeps old versions, which DeleteBucket
 * then refuses with BucketNotEmpty.
 */
export async function emptyBucket(s3: S3Client, bucket: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    // Always the first page: the previous one is deleted, so a continuation token would point past the rest.
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1000 }));
    const keys = (page.Contents ?? []).flatMap((object) => (object.Key === undefined ? [] : [{ Key: object.Key }]));
    if (keys.length === 0) {
      return deleted;
    }
    const result = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }));
    const errors = result.Errors ?? [];
    if (errors.length > 0) {
      const first = errors[0]!;
      throw new Error(`could not delete ${errors.length} object(s) from s3://${bucket}/, e.g. '${first.Key}': ${first.Code} ${first.Message ?? ""}`.trim());
    }
    deleted += keys.length;
  }
}
