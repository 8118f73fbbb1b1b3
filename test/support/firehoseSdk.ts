import assert from "node:assert/strict";
import {
  CreateDeliveryStreamCommand,
  type CreateDeliveryStreamCommandInput,
  type ExtendedS3DestinationConfiguration,
  type FirehoseClient,
} from "@aws-sdk/client-firehose";
import { CreateStreamCommand, PutRecordsCommand, type KinesisClient } from "@aws-sdk/client-kinesis";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { ROLE_ARN } from "./firehoseTestKit";

let counter = 0;

/** A name no other test of this process uses; valid for a delivery stream, a Kinesis stream and a bucket. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

export { rejectsWith } from "./awsAssertions";

export async function createBucket(s3: S3Client, bucket = uniqueName("bucket")): Promise<string> {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return bucket;
}

export async function createKinesisStream(kinesis: KinesisClient, shardCount = 1, name = uniqueName("stream")): Promise<string> {
  await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: shardCount }));
  return name;
}

export function kinesisArn(streamName: string): string {
  return `arn:aws:kinesis:us-east-1:000000000000:stream/${streamName}`;
}

/** Puts records into a Kinesis stream, spread over its shards by partition key. */
export async function putKinesisRecords(kinesis: KinesisClient, streamName: string, records: readonly string[]): Promise<void> {
  for (let start = 0; start < records.length; start += 500) {
    const batch = records.slice(start, start + 500).map((data, index) => ({ Data: Buffer.from(data), PartitionKey: `key-${start + index}` }));
    const result = await kinesis.send(new PutRecordsCommand({ StreamName: streamName, Records: batch }));
    assert.equal(result.FailedRecordCount ?? 0, 0);
  }
}

/** Creates a delivery stream from a Kinesis stream (when given) or for direct puts, to `bucket`, then `destination`. */
export async function createDeliveryStream(
  firehose: FirehoseClient,
  options: { bucket: string; kinesisStream?: string; destination?: Partial<ExtendedS3DestinationConfiguration>; name?: string } & Partial<CreateDeliveryStreamCommandInput>,
): Promise<string> {
  const { bucket, kinesisStream, destination, name = uniqueName("delivery"), ...rest } = options;
  await firehose.send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: name,
      ...(kinesisStream === undefined
        ? { DeliveryStreamType: "DirectPut" }
        : { DeliveryStreamType: "KinesisStreamAsSource", KinesisStreamSourceConfiguration: { KinesisStreamARN: kinesisArn(kinesisStream), RoleARN: ROLE_ARN } }),
      ExtendedS3DestinationConfiguration: { RoleARN: ROLE_ARN, BucketARN: `arn:aws:s3:::${bucket}`, ...destination },
      ...rest,
    }),
  );
  return name;
}

/** Every object in the bucket (under `prefix`), in key order, with its bytes. */
export async function readObjects(s3: S3Client, bucket: string, prefix?: string): Promise<{ key: string; body: Buffer }[]> {
  const objects: { key: string; body: Buffer }[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const entry of page.Contents ?? []) {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: entry.Key }));
      objects.push({ key: entry.Key!, body: Buffer.from(await object.Body!.transformToByteArray()) });
    }
    token = page.NextContinuationToken;
  } while (token !== undefined);
  return objects;
}
