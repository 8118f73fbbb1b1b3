import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, PutRecordCommand } from "@aws-sdk/client-firehose";
import { createBucket, createDeliveryStream, createKinesisStream, kinesisArn, rejectsWith, uniqueName } from "../../support/firehoseSdk";
import { ROLE_ARN, TestClock } from "../../support/firehoseTestKit";
import { startTestEmulator, useTestEmulator, type TestEmulator } from "../../support/testEmulator";

describe("Firehose DescribeDeliveryStream", () => {
  let aws: TestEmulator;
  const clock = new TestClock();
  useTestEmulator(
    (started) => {
      aws = started;
    },
    { now: clock.now },
  );

  const describeStream = async (name: string) => (await aws.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }))).DeliveryStreamDescription!;

  describe("validation", () => {
    test("rejects a Limit of 0 with ValidationException", async () => {
      await rejectsWith(
        aws.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: "gpu", Limit: 0 })),
        { name: "ValidationException", message: "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1" },
      );
    });
  });

  describe("errors", () => {
    test("answers ResourceNotFoundException for a delivery stream that does not exist", async () => {
      const error = await rejectsWith(aws.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: "nowhere" })), { name: "ResourceNotFoundException", message: "Firehose nowhere under account 000000000000 not found." });
      assert.equal(error.$metadata?.httpStatusCode, 400);
    });
  });

  describe("behaviour", () => {
    test("describes a Kinesis-sourced delivery stream with its source, AWS's defaults and both destination views", async () => {
      const stream = await createKinesisStream(aws.kinesis);
      const bucket = await createBucket(aws.s3);
      const name = await createDeliveryStream(aws.firehose, { bucket, kinesisStream: stream });
      const description = await describeStream(name);
      const s3 = {
        RoleARN: ROLE_ARN,
        BucketARN: `arn:aws:s3:::${bucket}`,
        BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
        CompressionFormat: "UNCOMPRESSED",
        EncryptionConfiguration: { NoEncryptionConfig: "NoEncryption" },
        CloudWatchLoggingOptions: { Enabled: false },
      };
      assert.deepEqual(description, {
        DeliveryStreamName: name,
        DeliveryStreamARN: `arn:aws:firehose:us-east-1:000000000000:deliverystream/${name}`,
        DeliveryStreamStatus: "ACTIVE",
        // No DeliveryStreamEncryptionConfiguration: AWS's record of a Kinesis-sourced stream has none (LocalStack
        // tests/aws/services/cloudformation/resources/test_firehose.snapshot.json, test_firehose_stack_with_kinesis_as_source).
        DeliveryStreamType: "KinesisStreamAsSource",
        VersionId: "1",
        CreateTimestamp: new Date(clock.ms),
        Source: { KinesisStreamSourceDescription: { KinesisStreamARN: kinesisArn(stream), RoleARN: ROLE_ARN, DeliveryStartTimestamp: new Date(clock.ms) } },
        Destinations: [{ DestinationId: "destinationId-000000000001", S3DestinationDescription: s3, ExtendedS3DestinationDescription: { ...s3, S3BackupMode: "Disabled" } }],
        HasMoreDestinations: false,
      });
    });

    test("echoes what was configured: prefixes, hints, compression, processors", async () => {
      const processing = { Enabled: true, Processors: [{ Type: "AppendDelimiterToRecord" as const }] };
      const name = await createDeliveryStream(aws.firehose, {
        bucket: await createBucket(aws.s3),
        destination: {
          Prefix: "gpu/!{timestamp:yyyy/MM/dd}/",
          ErrorOutputPrefix: "errors/!{firehose:error-output-type}/",
          BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
          CompressionFormat: "GZIP",
          ProcessingConfiguration: processing,
        },
      });
      const extended = (await describeStream(name)).Destinations![0]!.ExtendedS3DestinationDescription!;
      assert.equal(extended.Prefix, "gpu/!{timestamp:yyyy/MM/dd}/");
      assert.equal(extended.ErrorOutputPrefix, "errors/!{firehose:error-output-type}/");
      assert.deepEqual(extended.BufferingHints, { SizeInMBs: 1, IntervalInSeconds: 60 });
      assert.equal(extended.CompressionFormat, "GZIP");
      assert.deepEqual(extended.ProcessingConfiguration, processing);
    });

    test("describes a delivery stream created with S3DestinationConfiguration as an Extended S3 destination too", async () => {
      const name = uniqueName("plain-s3");
      await aws.firehose.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: name, S3DestinationConfiguration: { RoleARN: ROLE_ARN, BucketARN: "arn:aws:s3:::telemetry", Prefix: "raw/" } }));
      const [destination] = (await describeStream(name)).Destinations!;
      assert.equal(destination!.S3DestinationDescription?.Prefix, "raw/");
      assert.equal(destination!.ExtendedS3DestinationDescription?.Prefix, "raw/");
    });

    test("shows a DirectPut delivery stream's throughput hint as its source", async () => {
      const name = await createDeliveryStream(aws.firehose, { bucket: "telemetry", DirectPutSourceConfiguration: { ThroughputHintInMBs: 5 } });
      assert.deepEqual((await describeStream(name)).Source, { DirectPutSourceDescription: { ThroughputHintInMBs: 5 } });
    });

    test("shows a DirectPut delivery stream without server-side encryption as DISABLED", async () => {
      // AWS's record: LocalStack tests/aws/scenario/mythical_mysfits/test_mythical_misfits.snapshot.json (a DirectPut stream).
      const name = await createDeliveryStream(aws.firehose, { bucket: "telemetry" });
      const description = await describeStream(name);
      assert.equal(description.DeliveryStreamType, "DirectPut");
      assert.deepEqual(description.DeliveryStreamEncryptionConfiguration, { Status: "DISABLED" });
    });

    test("shows server-side encryption as configured", async () => {
      const name = await createDeliveryStream(aws.firehose, { bucket: "telemetry", DeliveryStreamEncryptionConfigurationInput: { KeyType: "AWS_OWNED_CMK" } });
      assert.deepEqual((await describeStream(name)).DeliveryStreamEncryptionConfiguration, { KeyType: "AWS_OWNED_CMK", Status: "ENABLED" });
    });
  });

  describe("status", () => {
    test("is CREATING until the configured delay has passed, then ACTIVE; puts wait for ACTIVE", async () => {
      const slow = await startTestEmulator({ now: clock.now, createDeliveryStreamDelayMs: 5000 });
      try {
        const name = await createDeliveryStream(slow.firehose, { bucket: "telemetry" });
        const describeSlow = async () => (await slow.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }))).DeliveryStreamDescription!.DeliveryStreamStatus;
        assert.equal(await describeSlow(), "CREATING");
        await rejectsWith(slow.firehose.send(new PutRecordCommand({ DeliveryStreamName: name, Record: { Data: Buffer.from("early") } })), { name: "ResourceNotFoundException" });
        clock.ms += 5000;
        assert.equal(await describeSlow(), "ACTIVE");
        await slow.firehose.send(new PutRecordCommand({ DeliveryStreamName: name, Record: { Data: Buffer.from("on time") } }));
      } finally {
        await slow.close();
      }
    });
  });
});
