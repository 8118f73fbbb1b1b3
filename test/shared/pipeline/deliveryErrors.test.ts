import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateDeliveryStreamCommand, PutRecordBatchCommand } from "@aws-sdk/client-firehose";
import { CreateBucketCommand, DeleteBucketCommand } from "@aws-sdk/client-s3";
import { DELIVERY_LOG_STREAM, DeliveryFailedError, deliveryLogGroupName, describeDeliveryError, waitForDeliveredRecords, type DeliveryErrorSummary } from "@gpu-stream/shared";
import { ROLE_ARN } from "../../support/firehoseTestKit";
import { clientConfig, startTestEmulator } from "../../support/testEmulator";

// The helper's delivery wait reads Firehose's error log: it shows the errors while waiting and ends early with
// them when delivery cannot succeed (issue 16: an S3 error showed only as "holds N of M records" after 600 s).

describe("the delivery wait with Firehose's error log", () => {
  test("shows S3.NoSuchBucket while waiting and ends early with it once the bucket is deleted", async () => {
    const emulator = await startTestEmulator();
    const logs = new CloudWatchLogsClient(clientConfig(emulator.emulator.url));
    const logGroupName = deliveryLogGroupName("gpu");
    try {
      await logs.send(new CreateLogGroupCommand({ logGroupName }));
      await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: DELIVERY_LOG_STREAM }));
      await emulator.s3.send(new CreateBucketCommand({ Bucket: "telemetry" }));
      await emulator.firehose.send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: "gpu",
          DeliveryStreamType: "DirectPut",
          ExtendedS3DestinationConfiguration: { RoleARN: ROLE_ARN, BucketARN: "arn:aws:s3:::telemetry", CloudWatchLoggingOptions: { Enabled: true, LogGroupName: logGroupName, LogStreamName: DELIVERY_LOG_STREAM } },
        }),
      );
      await emulator.s3.send(new DeleteBucketCommand({ Bucket: "telemetry" }));
      const waitStarted = Date.now() - 1000;
      await emulator.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: "gpu", Records: [{ Data: Buffer.from('{"a":1}\n') }] }));
      for (let attempt = 0; attempt < 3; attempt += 1) {
        await emulator.emulator.flushFirehose("gpu");
      }
      const shown: string[] = [];
      const started = Date.now();
      await assert.rejects(
        waitForDeliveredRecords(emulator.s3, "telemetry", "", 1, {
          pollMs: 50,
          timeoutMs: 60_000,
          deliveryErrors: { logs, logGroupName, sinceMs: waitStarted, onErrors: (errors) => shown.push(...errors.map(describeDeliveryError)) },
        }),
        (error: unknown) => {
          assert.ok(error instanceof DeliveryFailedError);
          const [first] = error.errors as DeliveryErrorSummary[];
          assert.equal(first?.errorCode, "S3.NoSuchBucket");
          assert.equal(first?.count, 3);
          assert.match(error.message, /Firehose: S3\.NoSuchBucket: The specified bucket does not exist \(3 times\)/);
          return true;
        },
      );
      assert.ok(Date.now() - started < 10_000, "ends early, not after the timeout");
      assert.ok(shown.some((line) => line.startsWith("Firehose: S3.NoSuchBucket:")), "shown while waiting");
    } finally {
      logs.destroy();
      await emulator.close();
    }
  });
});
