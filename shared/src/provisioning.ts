import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  ResourceNotFoundException as FirehoseResourceNotFound,
  type FirehoseClient,
} from "@aws-sdk/client-firehose";
import { AlreadyExistsException, CreateCrawlerCommand, CreateDatabaseCommand, EntityNotFoundException, GetCrawlerCommand, type GlueClient } from "@aws-sdk/client-glue";
import { CreateBucketCommand, HeadBucketCommand, type BucketLocationConstraint, type S3Client } from "@aws-sdk/client-s3";
import { pollUntil } from "./aws/pollUntil";
import type { EnsureResult } from "./kinesisStream";

export * from "./kinesisStream";

/** Creates the bucket unless this account already has it. */
export async function ensureBucket(s3: S3Client, bucket: string): Promise<EnsureResult> {
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
  await s3.send(new CreateBucketCommand({ Bucket: bucket, ...configuration }));
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
  readonly timeoutMs?: number;
}

/** Creates the Firehose delivery stream from the data stream to the bucket unless it exists, and waits until it is ACTIVE. */
export async function ensureDeliveryStream(firehose: FirehoseClient, options: EnsureDeliveryStreamOptions): Promise<EnsureResult> {
  let created = false;
  try {
    await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: options.deliveryStreamName }));
  } catch (error) {
    if (!(error instanceof FirehoseResourceNotFound)) {
      throw error;
    }
    await firehose.send(
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
        },
      }),
    );
    created = true;
  }
  await pollUntil(
    `Firehose delivery stream '${options.deliveryStreamName}' did not become ready`,
    async () => {
      const { DeliveryStreamDescription: description } = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: options.deliveryStreamName }));
      return description?.DeliveryStreamStatus === "ACTIVE" ? true : undefined;
    },
    { timeoutMs: options.timeoutMs ?? 300_000, intervalMs: 2000 },
  );
  return { created };
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
