import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CreateDeliveryStreamCommand, PutRecordBatchCommand } from "@aws-sdk/client-firehose";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import type { FirehoseBuffersReport } from "@gpu-stream/emulator";
import { MemoryFirehose, s3Destination, T0 } from "../../support/firehoseTestKit";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

const record = (index: number): string => JSON.stringify({ idtemp: String(index), dado: "36.2", tipo: "temperatura", timestamp: "2026-11-28 06:29:32.123456" });

describe("Firehose buffers (not AWS: GET /_emulator/firehose/buffers)", () => {
  describe("behaviour", () => {
    test("counts what is buffered, when the interval delivers it, and what was delivered since start", async () => {
      const firehose = await MemoryFirehose.open();
      try {
        firehose.s3.createBucket("telemetry");
        await firehose.createDeliveryStream({ DeliveryStreamName: "gpu", DeliveryStreamType: "DirectPut", ExtendedS3DestinationConfiguration: s3Destination("telemetry", { BufferingHints: { SizeInMBs: 128, IntervalInSeconds: 300 } }) });
        assert.deepEqual(firehose.firehose.buffers(), { deliveryStreams: [{ deliveryStreamName: "gpu", bufferedRecords: 0, bufferedBytes: 0, objectsDelivered: 0, recordsDelivered: 0, bytesDelivered: 0 }] });

        await firehose.putRecordBatch("gpu", [record(1), record(2), record(3)]);
        const bytes = 3 * record(1).length;
        assert.deepEqual(firehose.firehose.buffers().deliveryStreams[0], {
          deliveryStreamName: "gpu",
          bufferedRecords: 3,
          bufferedBytes: bytes,
          nextDelivery: new Date(T0 + 300_000).toISOString(),
          objectsDelivered: 0,
          recordsDelivered: 0,
          bytesDelivered: 0,
        });

        firehose.clock.ms += 5000;
        await firehose.firehose.flush("gpu");
        assert.deepEqual(firehose.firehose.buffers().deliveryStreams[0], {
          deliveryStreamName: "gpu",
          bufferedRecords: 0,
          bufferedBytes: 0,
          objectsDelivered: 1,
          recordsDelivered: 3,
          bytesDelivered: bytes,
          lastDelivery: new Date(T0 + 5000).toISOString(),
        });
      } finally {
        await firehose.close();
      }
    });

    test("says why delivery is failing, with the records still buffered", async () => {
      const firehose = await MemoryFirehose.open();
      try {
        await firehose.createDeliveryStream({ DeliveryStreamName: "gpu", DeliveryStreamType: "DirectPut", ExtendedS3DestinationConfiguration: s3Destination("no-such-bucket") });
        await firehose.putRecordBatch("gpu", [record(1)]);
        await firehose.firehose.flush("gpu");
        const [status] = firehose.firehose.buffers().deliveryStreams;
        assert.equal(status?.bufferedRecords, 1);
        assert.equal(status?.objectsDelivered, 0);
        assert.equal(status?.error?.code, "S3.NoSuchBucket");
      } finally {
        await firehose.close();
      }
    });
  });

  describe("the endpoint", () => {
    let emulator: TestEmulator;
    useTestEmulator(async (started) => {
      emulator = started;
      await started.s3.send(new CreateBucketCommand({ Bucket: "telemetry" }));
      for (const name of ["a", "b"]) {
        await started.firehose.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: name, DeliveryStreamType: "DirectPut", ExtendedS3DestinationConfiguration: s3Destination("telemetry") }));
      }
      await started.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: "b", Records: [{ Data: Buffer.from(record(1)) }, { Data: Buffer.from(record(2)) }] }));
    });

    test("answers every delivery stream, or one by ?name=, without changing anything", async () => {
      const all = await fetch(`${emulator.emulator.url}/_emulator/firehose/buffers`);
      assert.equal(all.status, 200);
      assert.match(all.headers.get("content-type") ?? "", /application\/json/);
      const report = (await all.json()) as FirehoseBuffersReport;
      assert.deepEqual(report.deliveryStreams.map((stream) => [stream.deliveryStreamName, stream.bufferedRecords]), [["a", 0], ["b", 2]]);
      const one = (await (await fetch(`${emulator.emulator.url}/_emulator/firehose/buffers?name=b`)).json()) as FirehoseBuffersReport;
      assert.deepEqual(one.deliveryStreams.map((stream) => stream.deliveryStreamName), ["b"]);
      assert.equal(one.deliveryStreams[0]?.bufferedRecords, 2, "still buffered: looking delivers nothing");
    });

    test("answers 404 for an unknown delivery stream and 405 for anything but GET", async () => {
      const unknown = await fetch(`${emulator.emulator.url}/_emulator/firehose/buffers?name=nope`);
      assert.equal(unknown.status, 404);
      assert.equal(((await unknown.json()) as { __type: string }).__type, "ResourceNotFoundException");
      assert.equal((await fetch(`${emulator.emulator.url}/_emulator/firehose/buffers`, { method: "POST" })).status, 405);
    });
  });
});
