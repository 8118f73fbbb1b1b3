import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DeleteDeliveryStreamCommand, DescribeDeliveryStreamCommand, ListDeliveryStreamsCommand, PutRecordBatchCommand } from "@aws-sdk/client-firehose";
import { createBucket, createDeliveryStream, readObjects, rejectsWith, uniqueName } from "../../support/firehoseSdk";
import { TestClock } from "../../support/firehoseTestKit";
import { startTestEmulator, useTestEmulator, type TestEmulator } from "../../support/testEmulator";

describe("Firehose DeleteDeliveryStream", () => {
  let aws: TestEmulator;
  useTestEmulator((started) => {
    aws = started;
  });

  describe("validation", () => {
    test("rejects a missing DeliveryStreamName with ValidationException", async () => {
      await rejectsWith(
        aws.firehose.send(new DeleteDeliveryStreamCommand({} as never)),
        { name: "ValidationException", message: "1 validation error detected: Value null at 'deliveryStreamName' failed to satisfy constraint: Member must not be null" },
      );
    });
  });

  describe("errors", () => {
    test("answers ResourceNotFoundException for a delivery stream that does not exist", async () => {
      await rejectsWith(aws.firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: "nowhere" })), { name: "ResourceNotFoundException", message: "Firehose nowhere under account 000000000000 not found." });
    });

    test("answers ResourceInUseException for a delivery stream still CREATING, unless AllowForceDelete", async () => {
      const slow = await startTestEmulator({ now: new TestClock().now, createDeliveryStreamDelayMs: 60_000 });
      try {
        const name = await createDeliveryStream(slow.firehose, { bucket: "telemetry" });
        await rejectsWith(slow.firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: name })), { name: "ResourceInUseException", message: /is in CREATING state/ });
        await slow.firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: name, AllowForceDelete: true }));
      } finally {
        await slow.close();
      }
    });
  });

  describe("behaviour", () => {
    test("deletes the delivery stream, and the name can be used again", async () => {
      const bucket = await createBucket(aws.s3);
      const name = await createDeliveryStream(aws.firehose, { bucket });
      await aws.firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: name }));
      await rejectsWith(aws.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name })), { name: "ResourceNotFoundException" });
      assert.ok(!(await aws.firehose.send(new ListDeliveryStreamsCommand({ Limit: 10_000 }))).DeliveryStreamNames?.includes(name));
      await createDeliveryStream(aws.firehose, { bucket, name, destination: { Prefix: "again/" } });
      const description = (await aws.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }))).DeliveryStreamDescription!;
      assert.equal(description.Destinations![0]!.ExtendedS3DestinationDescription!.Prefix, "again/");
    });

    test("delivers what it still buffers before it goes", async () => {
      const bucket = await createBucket(aws.s3);
      const name = await createDeliveryStream(aws.firehose, { bucket, name: uniqueName("goodbye") });
      await aws.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: [{ Data: Buffer.from("last") }, { Data: Buffer.from("words") }] }));
      await aws.firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: name }));
      assert.deepEqual((await readObjects(aws.s3, bucket)).map((object) => object.body.toString()), ["lastwords"]);
    });

    test("leaves nothing of a deleted delivery stream after a restart", async () => {
      const restartable = await startTestEmulator();
      const name = await createDeliveryStream(restartable.firehose, { bucket: "telemetry" });
      await restartable.firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: name }));
      await restartable.stop();
      const again = await startTestEmulator({ dataDir: restartable.dataDir });
      try {
        assert.deepEqual((await again.firehose.send(new ListDeliveryStreamsCommand({}))).DeliveryStreamNames, []);
      } finally {
        await again.close();
      }
    });
  });
});
