import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { backToBackJson, eventually, lines, MemoryFirehose, NEWLINE_DELIMITED, ROLE_ARN, s3Destination, T0 } from "../../support/firehoseTestKit";

// Firehose's buffers, keys and checkpoints, over in-memory Kinesis and S3 with a clock the test holds still:
// only flush(), a full buffer or a restart delivers anything.

const KEY = /^(\d{4})\/(\d{2})\/(\d{2})\/(\d{2})\/(.+)-1-(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}(\.gz)?$/;

async function directPut(overrides: Parameters<typeof s3Destination>[1] = {}, options: Parameters<typeof MemoryFirehose.open>[0] = {}): Promise<MemoryFirehose> {
  const firehose = await MemoryFirehose.open(options);
  firehose.s3.createBucket("telemetry");
  await firehose.createDeliveryStream({ DeliveryStreamName: "gpu", DeliveryStreamType: "DirectPut", ExtendedS3DestinationConfiguration: s3Destination("telemetry", overrides) });
  return firehose;
}

const record = (index: number): string => JSON.stringify({ idtemp: String(index), dado: "36.2", tipo: "temperatura", timestamp: "2026-11-28 06:29:32.123456" });

describe("Firehose delivery", () => {
  describe("behaviour", () => {
    test("writes buffered records back to back in one object on flush, named after the first record's arrival", async () => {
      const firehose = await directPut();
      try {
        await firehose.putRecordBatch("gpu", [record(1), record(2)]);
        firehose.clock.ms += 61_000;
        await firehose.putRecordBatch("gpu", [record(3)]);
        const report = await firehose.firehose.flush("gpu");
        const [key] = firehose.s3.keys("telemetry");
        assert.deepEqual(report.deliveryStreams[0]!.objects, [{ bucket: "telemetry", key, records: 3, bytes: firehose.s3.body("telemetry", key!).length, outcome: "delivered" }]);
        assert.deepEqual(KEY.exec(key!)?.slice(1, 12), ["2026", "11", "28", "06", "gpu", "2026", "11", "28", "06", "29", "32"]);
        assert.equal(firehose.s3.body("telemetry", key!).toString(), record(1) + record(2) + record(3));
        assert.equal(lines(firehose.s3.body("telemetry", key!)).length, 1, "back to back: one line for three records");
      } finally {
        await firehose.close();
      }
    });

    test("follows each record with a newline when the AppendDelimiterToRecord processor is on", async () => {
      const firehose = await directPut({ ProcessingConfiguration: NEWLINE_DELIMITED });
      try {
        await firehose.putRecordBatch("gpu", [record(1), record(2), record(3)]);
        await firehose.firehose.flush();
        const [key] = firehose.s3.keys("telemetry");
        assert.equal(firehose.s3.body("telemetry", key!).toString(), `${record(1)}\n${record(2)}\n${record(3)}\n`);
      } finally {
        await firehose.close();
      }
    });

    test("appends the Delimiter parameter's text, escapes included, instead of a newline", async () => {
      const firehose = await directPut({
        ProcessingConfiguration: { Enabled: true, Processors: [{ Type: "AppendDelimiterToRecord", Parameters: [{ ParameterName: "Delimiter", ParameterValue: "\\t|" }] }] },
      });
      try {
        await firehose.putRecordBatch("gpu", ["a", "b"]);
        await firehose.firehose.flush();
        assert.equal(firehose.s3.body("telemetry", firehose.s3.keys("telemetry")[0]!).toString(), "a\t|b\t|");
      } finally {
        await firehose.close();
      }
    });

    test("ignores the processors when ProcessingConfiguration is not enabled", async () => {
      const firehose = await directPut({ ProcessingConfiguration: { Enabled: false, Processors: NEWLINE_DELIMITED.Processors } });
      try {
        await firehose.putRecordBatch("gpu", ["a", "b"]);
        await firehose.firehose.flush();
        assert.equal(firehose.s3.body("telemetry", firehose.s3.keys("telemetry")[0]!).toString(), "ab");
      } finally {
        await firehose.close();
      }
    });

    test("gzips objects with CompressionFormat GZIP and ends their keys with .gz", async () => {
      const firehose = await directPut({ CompressionFormat: "GZIP", ProcessingConfiguration: NEWLINE_DELIMITED });
      try {
        await firehose.putRecordBatch("gpu", [record(1), record(2)]);
        await firehose.firehose.flush();
        const [key] = firehose.s3.keys("telemetry");
        assert.equal(KEY.exec(key!)?.[12], ".gz");
        assert.equal(gunzipSync(firehose.s3.body("telemetry", key!)).toString(), `${record(1)}\n${record(2)}\n`);
      } finally {
        await firehose.close();
      }
    });

    test("delivers on its own, without a flush, once the buffer holds SizeInMBs, in objects no larger", async () => {
      const firehose = await directPut({ BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 } });
      try {
        const chunk = "x".repeat(400 * 1024);
        await firehose.putRecordBatch("gpu", [chunk, chunk]);
        assert.deepEqual(firehose.s3.keys("telemetry"), [], "800 KiB stay buffered");
        await firehose.putRecordBatch("gpu", [chunk]);
        await eventually(() => firehose.s3.keys("telemetry").length === 1, "the size-triggered object");
        assert.equal(firehose.s3.body("telemetry", firehose.s3.keys("telemetry")[0]!).length, 2 * chunk.length, "the third record waits for the next object");
        const report = await firehose.firehose.flush("gpu");
        assert.equal(report.deliveryStreams[0]!.objects[0]!.records, 1);
      } finally {
        await firehose.close();
      }
    });

    test("cuts objects at SizeInMBs, never larger, keeping the records' order", async () => {
      const firehose = await directPut({ BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 } });
      try {
        const chunks = Array.from({ length: 7 }, (_, index) => String(index).repeat(300 * 1024));
        await firehose.putRecordBatch("gpu", chunks);
        await firehose.firehose.flush("gpu");
        const bodies = firehose.s3.writes.map((key) => firehose.s3.body("telemetry", key).toString());
        assert.deepEqual(bodies, [chunks.slice(0, 3).join(""), chunks.slice(3, 6).join(""), chunks[6]]);
      } finally {
        await firehose.close();
      }
    });

    test("delivers records whose interval has passed when it starts, without a flush", async () => {
      const firehose = await directPut({ BufferingHints: { SizeInMBs: 128, IntervalInSeconds: 60 } }, { flushOnClose: false });
      try {
        await firehose.putRecordBatch("gpu", [record(1)]);
        await firehose.restart();
        assert.deepEqual(firehose.s3.keys("telemetry"), [], "not due yet: 0 of 60 seconds passed");
        firehose.clock.ms += 60_000;
        await firehose.restart();
        await eventually(() => firehose.s3.keys("telemetry").length === 1, "the interval-triggered object");
      } finally {
        await firehose.close();
      }
    });

    test("keeps records it cannot deliver (no bucket), reports why, and delivers them once the bucket exists", async () => {
      const firehose = await directPut({}, { retryDelayMs: 60_000 });
      try {
        firehose.s3.buckets.delete("telemetry");
        await firehose.putRecordBatch("gpu", [record(1), record(2)]);
        const failed = await firehose.firehose.flush("gpu");
        assert.deepEqual(failed.deliveryStreams[0], {
          deliveryStreamName: "gpu",
          objects: [],
          bufferedRecords: 2,
          error: { code: "S3.NoSuchBucket", message: "The specified bucket does not exist" },
        });
        firehose.s3.createBucket("telemetry");
        const delivered = await firehose.firehose.flush("gpu");
        assert.equal(delivered.deliveryStreams[0]!.objects[0]!.records, 2);
        assert.equal(delivered.deliveryStreams[0]!.error, undefined);
        assert.equal(firehose.s3.keys("telemetry").length, 1);
      } finally {
        await firehose.close();
      }
    });

    test("sends records that fail processing (a Lambda processor: the emulator runs none) under ErrorOutputPrefix", async () => {
      const lambdaArn = "arn:aws:lambda:us-east-1:000000000000:function:enrich";
      const firehose = await directPut({
        Prefix: "gpu/",
        ErrorOutputPrefix: "errors/!{firehose:error-output-type}/!{timestamp:yyyy}/",
        ProcessingConfiguration: { Enabled: true, Processors: [{ Type: "Lambda", Parameters: [{ ParameterName: "LambdaArn", ParameterValue: lambdaArn }] }] },
      });
      try {
        await firehose.putRecordBatch("gpu", ["raw-1", "raw-2"]);
        await firehose.firehose.flush();
        const [key, ...others] = firehose.s3.keys("telemetry");
        assert.deepEqual(others, []);
        assert.match(key!, /^errors\/processing-failed\/2026\/gpu-1-2026-11-28-06-29-32-[0-9a-f-]{36}$/);
        const failures = lines(firehose.s3.body("telemetry", key!)).map((line) => JSON.parse(line) as Record<string, unknown>);
        assert.deepEqual(
          failures.map((failure) => [failure["rawData"], failure["errorCode"], failure["attemptsMade"], failure["arrivalTimestamp"], failure["lambdaArn"]]),
          [
            [Buffer.from("raw-1").toString("base64"), "Lambda.ResourceNotFound", 4, T0, lambdaArn],
            [Buffer.from("raw-2").toString("base64"), "Lambda.ResourceNotFound", 4, T0, lambdaArn],
          ],
        );
      } finally {
        await firehose.close();
      }
    });

    test("deletes the record log's delivered segments", async () => {
      const firehose = await directPut({}, { flushOnClose: false });
      try {
        await firehose.putRecordBatch("gpu", [record(1)]);
        const [folder] = await readdir(firehose.directory);
        assert.equal((await readdir(join(firehose.directory, folder!))).filter((file) => file.startsWith("records-")).length, 1);
        await firehose.firehose.flush();
        await firehose.restart();
        assert.deepEqual((await readdir(join(firehose.directory, folder!))).filter((file) => file.startsWith("records-")), []);
      } finally {
        await firehose.close();
      }
    });
  });

  describe("Kinesis source", () => {
    async function fromKinesis(shards = 1): Promise<MemoryFirehose> {
      const firehose = await MemoryFirehose.open({ flushOnClose: false });
      firehose.s3.createBucket("telemetry");
      firehose.kinesis.createStream("gpu-stream", shards);
      return firehose;
    }
    const create = (firehose: MemoryFirehose): Promise<unknown> =>
      firehose.createDeliveryStream({
        DeliveryStreamName: "gpu",
        DeliveryStreamType: "KinesisStreamAsSource",
        KinesisStreamSourceConfiguration: { KinesisStreamARN: firehose.kinesis.streamArn("gpu-stream"), RoleARN: ROLE_ARN },
        ExtendedS3DestinationConfiguration: s3Destination("telemetry", { ProcessingConfiguration: NEWLINE_DELIMITED }),
      });
    const delivered = (firehose: MemoryFirehose): string[] => firehose.s3.keys("telemetry").flatMap((key) => lines(firehose.s3.body("telemetry", key)));

    test("starts at LATEST: records put before the delivery stream existed are not delivered", async () => {
      const firehose = await fromKinesis(2);
      try {
        firehose.kinesis.put("gpu-stream", "before-0", T0, 0);
        firehose.kinesis.put("gpu-stream", "before-1", T0, 1);
        await create(firehose);
        firehose.kinesis.put("gpu-stream", "after-1", T0, 1);
        firehose.kinesis.put("gpu-stream", "after-0", T0, 0);
        await firehose.firehose.flush();
        assert.deepEqual(delivered(firehose).sort(), ["after-0", "after-1"]);
      } finally {
        await firehose.close();
      }
    });

    test("reads a shard that was empty at creation from its first record", async () => {
      const firehose = await fromKinesis(2);
      try {
        firehose.kinesis.put("gpu-stream", "before-0", T0, 0);
        await create(firehose);
        firehose.kinesis.put("gpu-stream", "first-of-1", T0, 1);
        await firehose.firehose.flush();
        assert.deepEqual(delivered(firehose), ["first-of-1"]);
      } finally {
        await firehose.close();
      }
    });

    test("reads on after a short read, which need not be the end of the shard", async () => {
      const firehose = await fromKinesis();
      firehose.kinesis.maxRecordsPerRead = 2;
      try {
        await create(firehose);
        for (const data of ["a", "b", "c", "d", "e"]) {
          firehose.kinesis.put("gpu-stream", data, T0);
        }
        await firehose.firehose.flush();
        assert.deepEqual(delivered(firehose), ["a", "b", "c", "d", "e"]);
      } finally {
        await firehose.close();
      }
    });

    test("names the object after the Kinesis arrival time of its oldest record", async () => {
      const firehose = await fromKinesis();
      try {
        await create(firehose);
        firehose.kinesis.put("gpu-stream", "late", Date.UTC(2027, 0, 2, 3, 4, 5));
        await firehose.firehose.flush();
        assert.match(firehose.s3.keys("telemetry")[0]!, /^2027\/01\/02\/03\/gpu-1-2027-01-02-03-04-05-/);
      } finally {
        await firehose.close();
      }
    });

    test("after a restart, resumes after the last delivered record: nothing again, nothing lost", async () => {
      const firehose = await fromKinesis(2);
      try {
        await create(firehose);
        firehose.kinesis.put("gpu-stream", "one", T0, 0);
        firehose.kinesis.put("gpu-stream", "two", T0, 1);
        await firehose.firehose.flush();
        firehose.kinesis.put("gpu-stream", "three", T0, 1);
        await firehose.restart();
        firehose.kinesis.put("gpu-stream", "four", T0, 0);
        await firehose.firehose.flush();
        assert.deepEqual(delivered(firehose).sort(), ["four", "one", "three", "two"]);
        assert.equal(firehose.s3.keys("telemetry").length, 2);
      } finally {
        await firehose.close();
      }
    });

    test("after a crash between writing an object and checkpointing it, writes the same object again rather than a duplicate", async () => {
      const firehose = await fromKinesis(2);
      firehose.kinesis.maxRecordsPerRead = 2;
      try {
        await create(firehose);
        for (let index = 0; index < 6; index += 1) {
          firehose.kinesis.put("gpu-stream", `record-${index}`, T0, index % 2);
        }
        firehose.s3.afterPut = () => {
          throw new Error("crash right after the object is written");
        };
        const crashed = await firehose.firehose.flush();
        assert.equal(crashed.deliveryStreams[0]!.error?.code, "InternalError");
        const [written] = firehose.s3.keys("telemetry");
        firehose.s3.afterPut = undefined;
        firehose.kinesis.put("gpu-stream", "record-6", T0, 0);
        await firehose.restart();
        await firehose.firehose.flush();
        assert.deepEqual(firehose.s3.keys("telemetry").length, 2, "the rewritten object and one for record-6");
        assert.ok(firehose.s3.keys("telemetry").includes(written!), "the pending object kept its key");
        assert.deepEqual(delivered(firehose).sort(), ["record-0", "record-1", "record-2", "record-3", "record-4", "record-5", "record-6"]);
      } finally {
        await firehose.close();
      }
    });
  });

  describe("DirectPut durability", () => {
    test("delivers after a crash the records acknowledged before it, once", async () => {
      const firehose = await directPut({ ProcessingConfiguration: NEWLINE_DELIMITED }, { flushOnClose: false });
      try {
        await firehose.putRecordBatch("gpu", ["a", "b"]);
        await firehose.firehose.flush();
        await firehose.putRecordBatch("gpu", ["c", "d"]);
        await firehose.restart();
        await firehose.putRecordBatch("gpu", ["e"]);
        await firehose.firehose.flush();
        const all = firehose.s3.keys("telemetry").flatMap((key) => lines(firehose.s3.body("telemetry", key)));
        assert.deepEqual(all.sort(), ["a", "b", "c", "d", "e"]);
      } finally {
        await firehose.close();
      }
    });

    test("rewrites the pending object under its key after a crash right after writing it", async () => {
      const firehose = await directPut({}, { flushOnClose: false });
      try {
        await firehose.putRecordBatch("gpu", [record(1), record(2)]);
        firehose.s3.afterPut = () => {
          throw new Error("crash right after the object is written");
        };
        await firehose.firehose.flush();
        firehose.s3.afterPut = undefined;
        await firehose.restart();
        await firehose.firehose.flush();
        assert.equal(firehose.s3.writes.length, 2, `written twice: ${firehose.s3.writes.join(" ")}`);
        assert.equal(new Set(firehose.s3.writes).size, 1, "under one key");
        assert.deepEqual(backToBackJson(firehose.s3.body("telemetry", firehose.s3.writes[0]!)), [JSON.parse(record(1)), JSON.parse(record(2))]);
      } finally {
        await firehose.close();
      }
    });

    test("delivers everything buffered when closed", async () => {
      const firehose = await directPut();
      try {
        await firehose.putRecordBatch("gpu", ["a"]);
        await firehose.firehose.close();
        assert.equal(firehose.s3.keys("telemetry").length, 1);
      } finally {
        await firehose.close();
      }
    });
  });
});
