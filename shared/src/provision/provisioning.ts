import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  ResourceInUseException as FirehoseResourceInUse,
  ResourceNotFoundException as FirehoseResourceNotFound,
  type DeliveryStreamDescription,
  type FirehoseClient,
} from "@aws-sdk/client-firehose";
import { AlreadyExistsException, CreateCrawlerCommand, CreateDatabaseCommand, EntityNotFoundException, GetCrawlerCommand, type GlueClient } from "@aws-sdk/client-glue";
import { CreateBucketCommand, HeadBucketCommand, type BucketLocationConstraint, type S3Client } from "@aws-sdk/client-s3";
import { answerOr } from "../clients/answerOr";
import { DeliveryStreamFailedError } from "./DeliveryStreamFailedError";
import { retryWhileOperationAborted, type OperationAbortedRetry } from "./operationAbortedRetry";
import type { LogStreamRef } from "./pipelineLogs";
import { pollUntil } from "../wait/pollUntil";
import type { EnsureResult } from "./kinesisStream";

export * from "./kinesisStream";
export { DeliveryStreamFailedError } from "./DeliveryStreamFailedError";
export type { OperationAbortedRetry } from "./operationAbortedRetry";

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

export interface EnsureDeliveryStreamOptions {
  readonly deliveryStreamName: string;
  readonly sourceStreamArn: string;
  readonly bucket: string;
  /** The IAM role Firehose assumes to read the stream and write the bucket (the emulator does not check it). */
  readonly roleArn: string;
  readonly prefix?: string;
  readonly errorOutputPrefix?: string;
  /** Deliver at least this often (0-900 s); small for a class. */
  readonly bufferIntervalSeconds?: number;
  readonly bufferSizeMB?: number;
  /**
   * End each record with a newline (the AppendDelimiterToRecord processor). Default true: Athena's JSON SerDe
   * reads one record per line, so without it a table sees one record per object.
   */
  readonly newlineDelimited?: boolean;
  /**
   * Where Firehose logs what it fails to deliver (CloudWatchLoggingOptions on the S3 destination,
   * https://docs.aws.amazon.com/firehose/latest/APIReference/API_CloudWatchLoggingOptions.html). The group and
   * stream must exist; the role must allow logs:PutLogEvents on the stream. Absent: no error log.
   */
  readonly errorLog?: LogStreamRef;
  /** How long to wait for ACTIVE, a deletion of the same name included (default 5 minutes). */
  readonly timeoutMs?: number;
  /** A line when the wait is for a delivery stream of that name still DELETING, for a notebook or script to print. */
  readonly onProgress?: (line: string) => void;
}

async function describeDeliveryStream(firehose: FirehoseClient, name: string): Promise<DeliveryStreamDescription | undefined> {
  const answer = await answerOr(firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name })), FirehoseResourceNotFound, undefined);
  return answer?.DeliveryStreamDescription;
}

/** CreateDeliveryStream; false when the name is taken (ResourceInUseException: another creator, or still DELETING). */
async function createDeliveryStream(firehose: FirehoseClient, options: EnsureDeliveryStreamOptions): Promise<boolean> {
  const created = firehose.send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: options.deliveryStreamName,
      DeliveryStreamType: "KinesisStreamAsSource",
      KinesisStreamSourceConfiguration: { KinesisStreamARN: options.sourceStreamArn, RoleARN: options.roleArn },
      ExtendedS3DestinationConfiguration: {
        RoleARN: options.roleArn,
        BucketARN: `arn:aws:s3:::${options.bucket}`,
        ...(options.prefix === undefined ? {} : { Prefix: options.prefix }),
        ...(options.errorOutputPrefix === undefined ? {} : { ErrorOutputPrefix: options.errorOutputPrefix }),
        BufferingHints: { IntervalInSeconds: options.bufferIntervalSeconds ?? 60, SizeInMBs: options.bufferSizeMB ?? 1 },
        ProcessingConfiguration:
          options.newlineDelimited === false ? { Enabled: false } : { Enabled: true, Processors: [{ Type: "AppendDelimiterToRecord" }] },
        ...(options.errorLog === undefined
          ? {}
          : { CloudWatchLoggingOptions: { Enabled: true, LogGroupName: options.errorLog.logGroupName, LogStreamName: options.errorLog.logStreamName } }),
      },
    }),
  ).then(() => true);
  return answerOr(created, FirehoseResourceInUse, false);
}

export interface EnsuredDeliveryStream extends EnsureResult {
  /** Whether the delivery stream (an existing one too) logs its delivery errors to CloudWatch Logs. */
  readonly logsErrors: boolean;
}

function logsErrors(description: DeliveryStreamDescription | undefined): boolean {
  return description?.Destinations?.[0]?.ExtendedS3DestinationDescription?.CloudWatchLoggingOptions?.Enabled === true;
}

/**
 * Creates the Firehose delivery stream from the data stream to the bucket unless it exists, and waits until it is
 * ACTIVE. An existing one is left as it is, with or without error logging (`logsErrors` says which). One of that name still DELETING is waited out and then created again. CREATING_FAILED and
 * DELETING_FAILED never change by themselves (DeliveryStreamStatus,
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_DeliveryStreamDescription.html): the wait ends there
 * with a DeliveryStreamFailedError carrying Firehose's FailureDescription.
 */
export async function ensureDeliveryStream(firehose: FirehoseClient, options: EnsureDeliveryStreamOptions): Promise<EnsuredDeliveryStream> {
  const name = options.deliveryStreamName;
  let created = false;
  let active: DeliveryStreamDescription | undefined;
  let sawDeleting = false;
  await pollUntil(
    async () => {
      let description = await describeDeliveryStream(firehose, name);
      if (description === undefined) {
        if (await createDeliveryStream(firehose, options)) {
          created = true;
          if (sawDeleting) {
            options.onProgress?.(`Firehose delivery stream '${name}': the old one is gone; created it again`);
          }
        }
        description = await describeDeliveryStream(firehose, name);
      }
      const status = description?.DeliveryStreamStatus;
      if (status === "CREATING_FAILED" || status === "DELETING_FAILED") {
        throw new DeliveryStreamFailedError(name, status, description?.FailureDescription);
      }
      if (status === "DELETING" && !sawDeleting) {
        sawDeleting = true;
        options.onProgress?.(`Firehose delivery stream '${name}' is still being deleted (DELETING): waiting for it to go, then creating it again`);
      }
      active = description;
      return status === "ACTIVE" ? true : undefined;
    },
    { timeoutMs: options.timeoutMs ?? 300_000, intervalMs: 2000, giveUp: { what: `Firehose delivery stream '${name}' did not become ready` } },
  );
  return { created, logsErrors: logsErrors(active) };
}

/** Creates the Glue database unless it exists. */
export async function ensureDatabase(glue: GlueClient, name: string): Promise<EnsureResult> {
  try {
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: name } }));
    return { created: true };
  } catch (error) {
    if (error instanceof AlreadyExistsException) {
      return { created: false };
    }
    throw error;
  }
}

export interface EnsureCrawlerOptions {
  readonly name: string;
  readonly database: string;
  /** `s3://bucket/prefix/` to crawl. */
  readonly s3Path: string;
  /** The IAM role the crawler assumes to read the bucket (the emulator does not check it). */
  readonly roleArn: string;
}

/** Creates the Glue crawler over an S3 path unless it exists. */
export async function ensureCrawler(glue: GlueClient, options: EnsureCrawlerOptions): Promise<EnsureResult> {
  try {
    await glue.send(new GetCrawlerCommand({ Name: options.name }));
    return { created: false };
  } catch (error) {
    if (!(error instanceof EntityNotFoundException)) {
      throw error;
    }
  }
  await glue.send(
    new CreateCrawlerCommand({ Name: options.name, Role: options.roleArn, DatabaseName: options.database, Targets: { S3Targets: [{ Path: options.s3Path }] } }),
  );
  return { created: true };
}
