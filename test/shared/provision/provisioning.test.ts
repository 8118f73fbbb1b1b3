import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DescribeDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import { ensureBucket, ensureDeliveryStream, ensureStream, type AwsClients } from "@gpu-stream/shared";
import { useTestEmulator } from "../../support/testEmulator";

describe("provisioning (every ensure* is idempotent)", () => {
  let clients: AwsClients;

  useTestEmulator((started) => {
    clients = started.clients;
  });

  test("creates a bucket once", async () => {
    assert.deepEqual(await ensureBucket(clients.s3, "provisioned"), { created: true });
    assert.deepEqual(await ensureBucket(clients.s3, "provisioned"), { created: false });
  });

  test("creates a stream once and answers its ARN both times", async () => {
    const first = await ensureStream(clients.kinesis, "gpucontrole", { shardCount: 2 });
    const second = await ensureStream(clients.kinesis, "gpucontrole", { shardCount: 2 });
    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal(second.streamArn, first.streamArn);
    assert.match(first.streamArn, /^arn:aws:kinesis:us-east-1:\d{12}:stream\/gpucontrole$/);
  });

  test("creates a newline-delimited delivery stream from the stream to the bucket once", async () => {
    const { streamArn } = await ensureStream(clients.kinesis, "gpucontrole");
    const options = { deliveryStreamName: "to-s3", sourceStreamArn: streamArn, bucket: "provisioned", roleArn: "arn:aws:iam::000000000000:role/firehose" };
    assert.deepEqual(await ensureDeliveryStream(clients.firehose, options.deliveryStreamName, options), { created: true, logsErrors: false });
    assert.deepEqual(await ensureDeliveryStream(clients.firehose, options.deliveryStreamName, options), { created: false, logsErrors: false });
    const { DeliveryStreamDescription: description } = await clients.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: "to-s3" }));
    const destination = description?.Destinations?.[0]?.ExtendedS3DestinationDescription;
    assert.equal(description?.DeliveryStreamType, "KinesisStreamAsSource");
    assert.equal(destination?.BucketARN, "arn:aws:s3:::provisioned");
    assert.deepEqual(destination?.ProcessingConfiguration?.Processors?.map((processor) => processor.Type), ["AppendDelimiterToRecord"]);
  });

  test("with errorLog, the delivery stream logs its delivery errors there, and an existing one says whether it does", async () => {
    const { streamArn } = await ensureStream(clients.kinesis, "gpucontrole");
    const errorLog = { logGroupName: "/aws/kinesisfirehose/logged", logStreamName: "DestinationDelivery" };
    const options = { deliveryStreamName: "logged", sourceStreamArn: streamArn, bucket: "provisioned", roleArn: "arn:aws:iam::000000000000:role/firehose", errorLog };
    assert.deepEqual(await ensureDeliveryStream(clients.firehose, options.deliveryStreamName, options), { created: true, logsErrors: true });
    const { errorLog: _, ...withoutLog } = options;
    assert.deepEqual(await ensureDeliveryStream(clients.firehose, withoutLog.deliveryStreamName, withoutLog), { created: false, logsErrors: true });
    const { DeliveryStreamDescription: description } = await clients.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: "logged" }));
    assert.deepEqual(description?.Destinations?.[0]?.ExtendedS3DestinationDescription?.CloudWatchLoggingOptions, {
      Enabled: true,
      LogGroupName: "/aws/kinesisfirehose/logged",
      LogStreamName: "DestinationDelivery",
    });
  });
});
