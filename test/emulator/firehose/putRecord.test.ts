import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PutRecordCommand } from "@aws-sdk/client-firehose";
import { createBucket, createDeliveryStream, createKinesisStream, readObjects, rejectsWith } from "../../support/firehoseSdk";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

describe("Firehose PutRecord", () => {
  let aws: TestEmulator;
  useTestEmulator((started) => {
    aws = started;
  });

  describe("validation", () => {
    test("rejects a record over 1,000 KiB with ValidationException", async () => {
      const name = await createDeliveryStream(aws.firehose, { bucket: "telemetry" });
      await rejectsWith(
        aws.firehose.send(new PutRecordCommand({ DeliveryStreamName: name, Record: { Data: new Uint8Array(1_024_001) } })),
        { name: "ValidationException", message: "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1024001 cap=1024001]' at 'record.data' failed to satisfy constraint: Member must have length less than or equal to 1024000" },
      );
      await aws.firehose.send(new PutRecordCommand({ DeliveryStreamName: name, Record: { Data: new Uint8Array(1_024_000) } }));
    });

    test("rejects a missing Record with ValidationException", async () => {
      await rejectsWith(aws.firehose.send(new PutRecordCommand({ DeliveryStreamName: "gpu" } as never)), { name: "ValidationException", message: /Value null at 'record' failed to satisfy constraint: Member must not be null/ });
    });
  });

  describe("errors", () => {
    test("answers ResourceNotFoundException for a delivery stream that does not exist", async () => {
      await rejectsWith(aws.firehose.send(new PutRecordCommand({ DeliveryStreamName: "nowhere", Record: { Data: Buffer.from("x") } })), { name: "ResourceNotFoundException", message: "Firehose nowhere under account 000000000000 not found." });
    });

    test("refuses direct puts to a Kinesis-sourced delivery stream with InvalidArgumentException, as AWS does", async () => {
      const name = await createDeliveryStream(aws.firehose, { bucket: "telemetry", kinesisStream: await createKinesisStream(aws.kinesis) });
      await rejectsWith(
        aws.firehose.send(new PutRecordCommand({ DeliveryStreamName: name, Record: { Data: Buffer.from("x") } })),
        { name: "InvalidArgumentException", message: "This operation is not permitted on KinesisStreamAsSource delivery stream type." },
      );
    });
  });

  describe("behaviour", () => {
    test("answers a different RecordId for every record, and delivers them in order", async () => {
      const bucket = await createBucket(aws.s3);
      const name = await createDeliveryStream(aws.firehose, { bucket });
      const ids = new Set<string>();
      for (const data of ["one", "two", "three"]) {
        const result = await aws.firehose.send(new PutRecordCommand({ DeliveryStreamName: name, Record: { Data: Buffer.from(data) } }));
        assert.match(result.RecordId ?? "", /^[A-Za-z0-9_-]{16,}$/);
        ids.add(result.RecordId!);
      }
      assert.equal(ids.size, 3);
      await aws.emulator.flushFirehose(name);
      assert.deepEqual((await readObjects(aws.s3, bucket)).map((object) => object.body.toString()), ["onetwothree"]);
    });

    test("accepts an empty record", async () => {
      const name = await createDeliveryStream(aws.firehose, { bucket: "telemetry" });
      const result = await aws.firehose.send(new PutRecordCommand({ DeliveryStreamName: name, Record: { Data: new Uint8Array() } }));
      assert.ok(result.RecordId);
    });
  });
});
