import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateDeliveryStreamCommand, PutRecordBatchCommand } from "@aws-sdk/client-firehose";
import { CreateBucketCommand, DeleteBucketCommand } from "@aws-sdk/client-s3";
import { ROLE_ARN } from "../../support/firehoseTestKit";
import { clientConfig, startTestEmulator } from "../../support/testEmulator";

// Firehose writes each failed delivery attempt to CloudWatch Logs when the destination's CloudWatchLoggingOptions
// enable it ("Monitor Amazon Data Firehose Using CloudWatch Logs").

describe("Firehose error logging", () => {
  test("logs S3.NoSuchBucket for every attempt once the bucket is deleted, readable with FilterLogEvents, and keeps the records", async () => {
    const emulator = await startTestEmulator();
    const logs = new CloudWatchLogsClient(clientConfig(emulator.emulator.url));
    try {
      await logs.send(new CreateLogGroupCommand({ logGroupName: "/aws/kinesisfirehose/gpu" }));
      await logs.send(new CreateLogStreamCommand({ logGroupName: "/aws/kinesisfirehose/gpu", logStreamName: "DestinationDelivery" }));
      await emulator.s3.send(new CreateBucketCommand({ Bucket: "telemetry" }));
      await emulator.firehose.send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: "gpu",
          DeliveryStreamType: "DirectPut",
          ExtendedS3DestinationConfiguration: {
            RoleARN: ROLE_ARN,
            BucketARN: "arn:aws:s3:::telemetry",
            CloudWatchLoggingOptions: { Enabled: true, LogGroupName: "/aws/kinesisfirehose/gpu", LogStreamName: "DestinationDelivery" },
          },
        }),
      );
      await emulator.s3.send(new DeleteBucketCommand({ Bucket: "telemetry" }));
      await emulator.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: "gpu", Records: [{ Data: Buffer.from('{"a":1}') }] }));
      const first = await emulator.emulator.flushFirehose("gpu");
      const second = await emulator.emulator.flushFirehose("gpu");
      assert.equal(second.deliveryStreams[0]!.bufferedRecords, 1, "the record is still held for the next attempt");
      assert.equal(first.deliveryStreams[0]!.error?.code, "S3.NoSuchBucket");

      const found = await logs.send(new FilterLogEventsCommand({ logGroupName: "/aws/kinesisfirehose/gpu", logStreamNames: ["DestinationDelivery"], filterPattern: '{ $.errorCode = "S3.NoSuchBucket" }' }));
      assert.equal(found.events?.length, 2, "one event per failed attempt");
      const event = JSON.parse(found.events![0]!.message!) as Record<string, unknown>;
      assert.deepEqual(event, {
        deliveryStreamARN: "arn:aws:firehose:us-east-1:000000000000:deliverystream/gpu",
        destination: "arn:aws:s3:::telemetry",
        deliveryStreamVersionId: 1,
        message: "The specified bucket does not exist",
        errorCode: "S3.NoSuchBucket",
      });
    } finally {
      logs.destroy();
      await emulator.close();
    }
  });

  test("delivers as before when the log group named does not exist", async () => {
    const emulator = await startTestEmulator();
    try {
      await emulator.s3.send(new CreateBucketCommand({ Bucket: "telemetry" }));
      await emulator.firehose.send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: "gpu",
          DeliveryStreamType: "DirectPut",
          ExtendedS3DestinationConfiguration: { RoleARN: ROLE_ARN, BucketARN: "arn:aws:s3:::telemetry", CloudWatchLoggingOptions: { Enabled: true, LogGroupName: "/missing", LogStreamName: "DestinationDelivery" } },
        }),
      );
      await emulator.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: "gpu", Records: [{ Data: Buffer.from('{"a":1}') }] }));
      const report = await emulator.emulator.flushFirehose("gpu");
      assert.equal(report.deliveryStreams[0]!.objects.length, 1);
    } finally {
      await emulator.close();
    }
  });
});
