import type { S3Objects } from "../../s3/S3Objects";
import type { Authorize } from "./crawlerAccess";

/** What the crawler reads of S3. */
export type CrawlerS3 = Pick<S3Objects, "bucketExists" | "listObjects" | "getObject" | "objectFilePath">;

/**
 * S3 as the crawler's role sees it: listing needs s3:ListBucket on the bucket, reading needs s3:GetObject on the
 * object ("Crawler prerequisites", https://docs.aws.amazon.com/glue/latest/dg/crawler-prereqs.html; resource ARNs
 * from https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html).
 */
export function roleBoundS3(s3: S3Objects, authorize: Authorize): CrawlerS3 {
  const objectArn = (bucket: string, key: string): string => `arn:aws:s3:::${bucket}/${key}`;
  return {
    bucketExists: (bucket) => s3.bucketExists(bucket),
    listObjects: (bucket, prefix) => {
      authorize("s3:ListBucket", [`arn:aws:s3:::${bucket}`]);
      return s3.listObjects(bucket, prefix);
    },
    getObject: async (bucket, key) => {
      authorize("s3:GetObject", [objectArn(bucket, key)]);
      return s3.getObject(bucket, key);
    },
    objectFilePath: (bucket, key) => {
      authorize("s3:GetObject", [objectArn(bucket, key)]);
      return s3.objectFilePath(bucket, key);
    },
  };
}
