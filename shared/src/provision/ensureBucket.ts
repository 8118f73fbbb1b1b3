import { CreateBucketCommand, HeadBucketCommand, type BucketLocationConstraint, type S3Client } from "@aws-sdk/client-s3";
import type { EnsureResult } from "./EnsureResult";
import { retryWhileOperationAborted, type OperationAbortedRetry } from "./operationAbortedRetry";

export interface EnsureBucketOptions {
  /**
   * Retrying CreateBucket's 409 OperationAborted, which S3 answers while a bucket of that name is still being
   * deleted (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html, and the error code list at
   * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList). Default: for up to
   * 5 minutes, waiting 2 s, then twice as long each time up to 30 s.
   */
  readonly operationAbortedRetry?: OperationAbortedRetry;
  /** One line per retry, for a notebook or script to print. */
  readonly onProgress?: (line: string) => void;
}

/** Creates the bucket unless this account already has it; waits out a bucket of that name still being deleted. */
export async function ensureBucket(s3: S3Client, bucket: string, options: EnsureBucketOptions = {}): Promise<EnsureResult> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return { created: false };
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 404) {
      throw error;
    }
  }
  const region = await s3.config.region();
  // us-east-1 is the one region where CreateBucket must not name a location constraint.
  const configuration = region === "us-east-1" ? {} : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } };
  await retryWhileOperationAborted(
    `creating S3 bucket '${bucket}'`,
    () => s3.send(new CreateBucketCommand({ Bucket: bucket, ...configuration })),
    options.operationAbortedRetry,
    options.onProgress,
  );
  return { created: true };
}
