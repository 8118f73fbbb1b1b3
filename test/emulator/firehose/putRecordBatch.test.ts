import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PutRecordBatchCommand } from "@aws-sdk/client-firehose";
import { createBucket, createDeliveryStream, createKinesisStream, readObjects, rejectsWith } from "../../support/firehoseSdk";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

const records = (count: number, size = 1): { Data: Uint8Array }[] => Array.from({ length: count }, () => ({ Data: new Uint8Array(size) }));

describe("Firehose PutRecordBatch", () => {
  let aws: TestEmulator;
  useTestEmulator((started) => {
    aws = started;
  });

  describe("validation", () => {
    test("rejects 501 records with ValidationException and accepts 500", async () => {
      const name = await createDeliveryStream(aws.firehose, { bucket: "telemetry" });
      await rejectsWith(
        aws.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records(501) })),
        { name: "ValidationException", message: /^1 validation error detected: Value \[.*\] at 'records' failed to satisfy constraint: Member must have length less than or equal to 500$/ },
      );
      const result = await aws.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records(500) }));
      assert.equal(result.RequestResponses?.length, 500);
    });

    test("rejects an empty batch with ValidationException", async () => {
      await rejectsWith(aws.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: "gpu", Records: [] })), { name: "ValidationException", message: /at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1/ });
    });

    test("rejects a record over 1,000 KiB, naming its position", async () => {
      await rejectsWith(
        aws.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: "gpu", Records: [...records(1), { Data: new Uint8Array(1_024_001) }] })),
        { name: "ValidationException", message: /at 'records.2.member.data' failed to satisfy constraint: Member must have length less than or equal to 1024000/ },
      );
    });
  });

  describe("errors", () => {
    test("refuses more than 4 MiB in one call with InvalidArgumentException, keeping none of it", async () => {
      const bucket = await createBucket(aws.s3);
      const name = await createDeliveryStream(aws.firehose, { bucket });
      await rejectsWith(aws.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records(5, 1_000_000) })), { name: "InvalidArgumentException", message: /exceeds the limit of 4194304 bytes/ });
      await aws.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records(4, 1_000_000) }));
      const report = await aws.emulator.flushFirehose(name);
      assert.equal(report.deliveryStreams[0]!.objects[0]!.records, 4);
    });

    test("answers ResourceNotFoundException for a delivery stream that does not exist", async () => {
      await rejectsWith(aws.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: "nowhere", Records: records(1) })), { name: "ResourceNotFoundException" });
    });

    test("refuses a Kinesis-sourced delivery stream with InvalidArgumentException", async () => {
      const name = await createDeliveryStream(aws.firehose, { bucket: "telemetry", kinesisStream: await createKinesisStream(aws.kinesis) });
      await rejectsWith(aws.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records(1) })), { name: "InvalidArgumentException", message: "This operation is not permitted on KinesisStreamAsSource delivery stream type." });
    });
  });

  describe("behaviour", () => {
    test("answers one RecordId per record, in order, and no failures", async () => {
      const name = await createDeliveryStream(aws.firehose, { bucket: "telemetry" });
      const result = await aws.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records(3) }));
      assert.equal(result.FailedPutCount, 0);
      assert.equal(result.Encrypted, false);
      assert.equal(new Set(result.RequestResponses?.map((entry) => entry.RecordId)).size, 3);
      assert.ok(result.RequestResponses?.every((entry) => entry.ErrorCode === undefined));
    });

    test("delivers the batches' records in the order they were put", async () => {
      const bucket = await createBucket(aws.s3);
      const name = await createDeliveryStream(aws.firehose, { bucket, destination: { ProcessingConfiguration: { Enabled: true, Processors: [{ Type: "AppendDelimiterToRecord" }] } } });
      await aws.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: ["a", "b"].map((data) => ({ Data: Buffer.from(data) })) }));
      await aws.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: ["c"].map((data) => ({ Data: Buffer.from(data) })) }));
      await aws.emulator.flushFirehose(name);
      assert.deepEqual((await readObjects(aws.s3, bucket)).map((object) => object.body.toString()), ["a\nb\nc\n"]);
    });
  });
});
