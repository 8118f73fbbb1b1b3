import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CreateDeliveryStreamCommand, type CreateDeliveryStreamCommandInput, DescribeDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import { createBucket, createDeliveryStream, createKinesisStream, kinesisArn, rejectsWith, uniqueName } from "../../support/firehoseSdk";
import { ROLE_ARN } from "../../support/firehoseTestKit";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

describe("Firehose CreateDeliveryStream", () => {
  let aws: TestEmulator;
  useTestEmulator((started) => {
    aws = started;
  });

  const destination = { RoleARN: ROLE_ARN, BucketARN: "arn:aws:s3:::telemetry" };
  const create = (input: Partial<CreateDeliveryStreamCommandInput>) =>
    aws.firehose.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: uniqueName("create"), ExtendedS3DestinationConfiguration: destination, ...input } as CreateDeliveryStreamCommandInput));

  describe("validation", () => {
    test("rejects a name outside [a-zA-Z0-9_.-]+ with ValidationException", async () => {
      await rejectsWith(
        create({ DeliveryStreamName: "gpu telemetry" }),
        { name: "ValidationException", message: "1 validation error detected: Value 'gpu telemetry' at 'deliveryStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+" },
      );
    });

    test("rejects a 65-character name and accepts a 64-character one", async () => {
      await rejectsWith(create({ DeliveryStreamName: "a".repeat(65) }), { name: "ValidationException", message: /at 'deliveryStreamName' failed to satisfy constraint: Member must have length less than or equal to 64/ });
      const name = `${"b".repeat(64 - String(process.pid).length)}${process.pid}`;
      assert.equal(name.length, 64);
      await create({ DeliveryStreamName: name });
    });

    test("rejects BufferingHints outside IntervalInSeconds 0-900 and SizeInMBs 1-128, naming each", async () => {
      const error = await rejectsWith(
        create({ ExtendedS3DestinationConfiguration: { ...destination, BufferingHints: { IntervalInSeconds: 901, SizeInMBs: 0 } } }),
        { name: "ValidationException", message: /^2 validation errors detected: / },
      );
      assert.match(error.message, /Value '0' at 'extendedS3DestinationConfiguration.bufferingHints.sizeInMBs' failed to satisfy constraint: Member must have value greater than or equal to 1/);
      assert.match(error.message, /Value '901' at 'extendedS3DestinationConfiguration.bufferingHints.intervalInSeconds' failed to satisfy constraint: Member must have value less than or equal to 900/);
      await rejectsWith(create({ ExtendedS3DestinationConfiguration: { ...destination, BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 129 } } }), { name: "ValidationException", message: /less than or equal to 128/ });
    });

    test("accepts the hints' limits, IntervalInSeconds 0 and SizeInMBs 128", async () => {
      await create({ ExtendedS3DestinationConfiguration: { ...destination, BufferingHints: { IntervalInSeconds: 0, SizeInMBs: 128 } } });
    });

    test("rejects a BucketARN that is not an S3 bucket's ARN", async () => {
      await rejectsWith(
        create({ ExtendedS3DestinationConfiguration: { ...destination, BucketARN: "telemetry" } }),
        { name: "ValidationException", message: "1 validation error detected: Value 'telemetry' at 'extendedS3DestinationConfiguration.bucketARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:.*:s3:::[\\w\\.\\-]{1,255}" },
      );
    });

    test("rejects a destination without its RoleARN", async () => {
      await rejectsWith(
        create({ S3DestinationConfiguration: { BucketARN: "arn:aws:s3:::telemetry" } as never, ExtendedS3DestinationConfiguration: undefined }),
        { name: "ValidationException", message: "1 validation error detected: Value null at 's3DestinationConfiguration.roleARN' failed to satisfy constraint: Member must not be null" },
      );
    });

    test("rejects an unknown CompressionFormat and an unknown processor type", async () => {
      await rejectsWith(create({ ExtendedS3DestinationConfiguration: { ...destination, CompressionFormat: "BZIP2" as never } }), { name: "ValidationException", message: /compressionFormat' failed to satisfy constraint: Member must satisfy enum value set/ });
      await rejectsWith(
        create({ ExtendedS3DestinationConfiguration: { ...destination, ProcessingConfiguration: { Enabled: true, Processors: [{ Type: "AppendNewline" as never }] } } }),
        { name: "ValidationException", message: /at 'extendedS3DestinationConfiguration.processingConfiguration.processors.1.member.type'/ },
      );
    });
  });

  describe("errors", () => {
    test("answers ResourceInUseException for a name that exists", async () => {
      const name = uniqueName("twice");
      await create({ DeliveryStreamName: name });
      await rejectsWith(create({ DeliveryStreamName: name }), { name: "ResourceInUseException", message: `Firehose ${name} under accountId 000000000000 already exists` });
    });

    test("wants exactly one destination", async () => {
      await rejectsWith(create({ ExtendedS3DestinationConfiguration: undefined }), { name: "InvalidArgumentException", message: /Exactly one destination configuration/ });
      await rejectsWith(create({ S3DestinationConfiguration: destination }), { name: "InvalidArgumentException", message: /Exactly one destination configuration/ });
    });

    test("wants both buffering hints or neither", async () => {
      await rejectsWith(create({ ExtendedS3DestinationConfiguration: { ...destination, BufferingHints: { SizeInMBs: 1 } } }), { name: "InvalidArgumentException", message: /you must also provide a value for the other/ });
    });

    test("wants a KinesisStreamSourceConfiguration for a Kinesis source, and only then", async () => {
      await rejectsWith(create({ DeliveryStreamType: "KinesisStreamAsSource" }), { name: "InvalidArgumentException", message: /KinesisStreamSourceConfiguration is required/ });
      const source = { KinesisStreamARN: kinesisArn("gpu"), RoleARN: ROLE_ARN };
      await rejectsWith(create({ DeliveryStreamType: "DirectPut", KinesisStreamSourceConfiguration: source }), { name: "InvalidArgumentException", message: /only be used when DeliveryStreamType is KinesisStreamAsSource/ });
      await rejectsWith(create({ KinesisStreamSourceConfiguration: source }), { name: "InvalidArgumentException", message: /only be used when DeliveryStreamType is KinesisStreamAsSource/ });
    });

    test("refuses a Kinesis source stream that does not exist", async () => {
      await rejectsWith(
        create({ DeliveryStreamType: "KinesisStreamAsSource", KinesisStreamSourceConfiguration: { KinesisStreamARN: kinesisArn(uniqueName("missing")), RoleARN: ROLE_ARN } }),
        { name: "InvalidArgumentException", message: /cannot be used as a source/ },
      );
    });

    test("applies Firehose's rules for custom prefixes", async () => {
      await rejectsWith(create({ ExtendedS3DestinationConfiguration: { ...destination, Prefix: "gpu/!{timestamp:yyyy}/" } }), { name: "InvalidArgumentException", message: /ErrorOutputPrefix can't be null or empty when Prefix contains expressions/ });
      await rejectsWith(
        create({ ExtendedS3DestinationConfiguration: { ...destination, Prefix: "gpu/!{firehose:error-output-type}/", ErrorOutputPrefix: "e/!{firehose:error-output-type}/" } }),
        { name: "InvalidArgumentException", message: /can only be used in ErrorOutputPrefix/ },
      );
      await rejectsWith(create({ ExtendedS3DestinationConfiguration: { ...destination, Prefix: "gpu/!{", ErrorOutputPrefix: "e/" } }), { name: "InvalidArgumentException", message: /can only appear in !\{namespace:value\} expressions/ });
    });

    test("refuses what the emulator does not do instead of ignoring it", async () => {
      await rejectsWith(create({ ExtendedS3DestinationConfiguration: { ...destination, CompressionFormat: "Snappy" } }), { name: "InvalidArgumentException", message: "CompressionFormat Snappy is not supported by the gpu-stream emulator." });
      await rejectsWith(
        create({ ExtendedS3DestinationConfiguration: { ...destination, ProcessingConfiguration: { Enabled: true, Processors: [{ Type: "RecordDeAggregation" }] } } }),
        { name: "InvalidArgumentException", message: /RecordDeAggregation processor is not supported/ },
      );
      await rejectsWith(create({ ExtendedS3DestinationConfiguration: { ...destination, Prefix: "gpu/!{partitionKeyFromLambda:tipo}/", ErrorOutputPrefix: "e/", DynamicPartitioningConfiguration: { Enabled: true } } }), {
        name: "InvalidArgumentException",
        message: /runs no Lambda functions/,
      });
      await rejectsWith(
        create({ ExtendedS3DestinationConfiguration: undefined, HttpEndpointDestinationConfiguration: { EndpointConfiguration: { Url: "https://example.com" }, S3Configuration: destination } }),
        { name: "InvalidArgumentException", message: /HttpEndpointDestinationConfiguration is not supported/ },
      );
    });
  });

  describe("behaviour", () => {
    test("answers the delivery stream's ARN", async () => {
      const name = uniqueName("arn");
      const result = await create({ DeliveryStreamName: name });
      assert.equal(result.DeliveryStreamARN, `arn:aws:firehose:us-east-1:000000000000:deliverystream/${name}`);
    });

    test("creates a DirectPut delivery stream by default", async () => {
      const name = uniqueName("default");
      await create({ DeliveryStreamName: name });
      const { DeliveryStreamDescription } = await aws.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
      assert.equal(DeliveryStreamDescription?.DeliveryStreamType, "DirectPut");
    });

    test("reads from a Kinesis stream named by its ARN", async () => {
      const stream = await createKinesisStream(aws.kinesis, 2);
      const name = await createDeliveryStream(aws.firehose, { bucket: await createBucket(aws.s3), kinesisStream: stream });
      const { DeliveryStreamDescription } = await aws.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
      assert.equal(DeliveryStreamDescription?.Source?.KinesisStreamSourceDescription?.KinesisStreamARN, kinesisArn(stream));
    });

    test("accepts a bucket that does not exist yet (deliveries wait for it)", async () => {
      await create({ ExtendedS3DestinationConfiguration: { ...destination, BucketARN: `arn:aws:s3:::${uniqueName("later")}` } });
    });
  });
});
