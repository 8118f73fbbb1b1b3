import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { HeadObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { createBucket, createDeliveryStream, createKinesisStream, putKinesisRecords, readObjects } from "../../support/firehoseSdk";
import { backToBackJson, eventually, lines, NEWLINE_DELIMITED, T0, TestClock } from "../../support/firehoseTestKit";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

// End to end with the real services: records put into Kinesis with the SDK, delivered by Firehose, read back
// from S3 with the SDK. The clock stands still at T0 (2026-11-28 06:29:32.123 UTC), so buffers are delivered
// by flush or by size, never by the interval, and keys are known in advance.

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
const telemetry = (index: number): string => JSON.stringify({ idtemp: String(index), dado: "36.2107", tipo: "temperatura", timestamp: "2026-11-28 06:29:32.123456" });
const range = (count: number, from = 0): string[] => Array.from({ length: count }, (_, index) => telemetry(from + index));
const idsOf = (values: unknown[]): string[] => values.map((value) => (value as { idtemp: string }).idtemp).sort((a, b) => Number(a) - Number(b));

describe("Firehose from a Kinesis stream to S3", () => {
  let aws: TestEmulator;
  const clock = new TestClock(T0);
  useTestEmulator(
    (started) => {
      aws = started;
    },
    { now: clock.now },
  );

  async function pipeline(destination: Parameters<typeof createDeliveryStream>[1]["destination"] = {}, shards = 1) {
    const stream = await createKinesisStream(aws.kinesis, shards);
    const bucket = await createBucket(aws.s3);
    const name = await createDeliveryStream(aws.firehose, { bucket, kinesisStream: stream, destination });
    return { stream, bucket, name };
  }

  describe("behaviour", () => {
    test("delivers the records into one object keyed <YYYY/MM/DD/HH/><name>-1-<YYYY-MM-DD-HH-MM-SS>-<uuid> in UTC", async () => {
      const { stream, bucket, name } = await pipeline({ ProcessingConfiguration: NEWLINE_DELIMITED });
      await putKinesisRecords(aws.kinesis, stream, range(25));
      const report = await aws.emulator.flushFirehose(name);
      const objects = await readObjects(aws.s3, bucket);
      assert.equal(objects.length, 1);
      assert.match(objects[0]!.key, new RegExp(`^2026/11/28/06/${name}-1-2026-11-28-06-29-32-${UUID}$`));
      assert.deepEqual(report.deliveryStreams, [{ deliveryStreamName: name, objects: [{ bucket, key: objects[0]!.key, records: 25, bytes: objects[0]!.body.length, outcome: "delivered" }], bufferedRecords: 0 }]);
      const head = await aws.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: objects[0]!.key }));
      assert.equal(head.ContentLength, objects[0]!.body.length);
    });

    test("writes records back to back by default: one line holds them all, as Athena's JSON SerDe will see it", async () => {
      const { stream, bucket, name } = await pipeline();
      await putKinesisRecords(aws.kinesis, stream, range(5));
      await aws.emulator.flushFirehose(name);
      const [object] = await readObjects(aws.s3, bucket);
      assert.equal(lines(object!.body).length, 1);
      assert.ok(!object!.body.includes("\n"));
      assert.deepEqual(idsOf(backToBackJson(object!.body)), ["0", "1", "2", "3", "4"]);
    });

    test("writes one record per line with the AppendDelimiterToRecord processor", async () => {
      const { stream, bucket, name } = await pipeline({ ProcessingConfiguration: NEWLINE_DELIMITED });
      await putKinesisRecords(aws.kinesis, stream, range(5));
      await aws.emulator.flushFirehose(name);
      const [object] = await readObjects(aws.s3, bucket);
      assert.ok(object!.body.toString().endsWith("}\n"));
      assert.deepEqual(idsOf(lines(object!.body).map((line) => JSON.parse(line) as unknown)), ["0", "1", "2", "3", "4"]);
    });

    test("gzips the object with CompressionFormat GZIP and names it .gz", async () => {
      const { stream, bucket, name } = await pipeline({ CompressionFormat: "GZIP", ProcessingConfiguration: NEWLINE_DELIMITED });
      await putKinesisRecords(aws.kinesis, stream, range(3));
      await aws.emulator.flushFirehose(name);
      const [object] = await readObjects(aws.s3, bucket);
      assert.match(object!.key, new RegExp(`^2026/11/28/06/${name}-1-2026-11-28-06-29-32-${UUID}\\.gz$`));
      assert.deepEqual(idsOf(lines(gunzipSync(object!.body)).map((line) => JSON.parse(line) as unknown)), ["0", "1", "2"]);
    });

    test("names objects after a custom prefix's expressions, with no default time prefix", async () => {
      const { stream, bucket, name } = await pipeline({ Prefix: "gpu/year=!{timestamp:yyyy}/month=!{timestamp:MM}/", ErrorOutputPrefix: "errors/!{firehose:error-output-type}/" });
      await putKinesisRecords(aws.kinesis, stream, range(1));
      await aws.emulator.flushFirehose(name);
      const [object] = await readObjects(aws.s3, bucket);
      assert.match(object!.key, new RegExp(`^gpu/year=2026/month=11/${name}-1-2026-11-28-06-29-32-${UUID}$`));
    });

    test("starts at LATEST: records put before the delivery stream existed are not delivered", async () => {
      const stream = await createKinesisStream(aws.kinesis, 2);
      const bucket = await createBucket(aws.s3);
      await putKinesisRecords(aws.kinesis, stream, range(10, 100));
      const name = await createDeliveryStream(aws.firehose, { bucket, kinesisStream: stream, destination: { ProcessingConfiguration: NEWLINE_DELIMITED } });
      await putKinesisRecords(aws.kinesis, stream, range(10, 200));
      await aws.emulator.flushFirehose(name);
      const delivered = (await readObjects(aws.s3, bucket)).flatMap((object) => lines(object.body).map((line) => JSON.parse(line) as unknown));
      assert.deepEqual(idsOf(delivered), range(10, 200).map((_, index) => String(200 + index)));
    });

    test("delivers every record of every shard exactly once", async () => {
      const { stream, bucket, name } = await pipeline({ ProcessingConfiguration: NEWLINE_DELIMITED }, 4);
      await putKinesisRecords(aws.kinesis, stream, range(600));
      await aws.emulator.flushFirehose(name);
      const delivered = (await readObjects(aws.s3, bucket)).flatMap((object) => lines(object.body).map((line) => JSON.parse(line) as unknown));
      assert.deepEqual(idsOf(delivered), range(600).map((_, index) => String(index)));
    });

    test("delivers on its own once SizeInMBs is buffered, without a flush", async () => {
      const { stream, bucket } = await pipeline({ BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 } });
      const big = "z".repeat(400 * 1024);
      await putKinesisRecords(aws.kinesis, stream, [big, big]);
      await putKinesisRecords(aws.kinesis, stream, [big]);
      await eventually(async () => ((await aws.s3.send(new ListObjectsV2Command({ Bucket: bucket }))).KeyCount ?? 0) > 0, "an object delivered by size");
      const objects = await readObjects(aws.s3, bucket);
      assert.deepEqual(objects.map((object) => object.body.length), [2 * big.length], "two records fit in 1 MiB, the third waits");
    });

    test("keeps what it cannot deliver to a missing bucket and delivers it once the bucket exists", async () => {
      const stream = await createKinesisStream(aws.kinesis);
      const bucket = `later-${process.pid}`;
      const name = await createDeliveryStream(aws.firehose, { bucket, kinesisStream: stream });
      await putKinesisRecords(aws.kinesis, stream, range(3));
      const failed = await aws.emulator.flushFirehose(name);
      assert.deepEqual(failed.deliveryStreams[0]!.error?.code, "S3.NoSuchBucket");
      assert.equal(failed.deliveryStreams[0]!.bufferedRecords, 3);
      await createBucket(aws.s3, bucket);
      const delivered = await aws.emulator.flushFirehose(name);
      assert.equal(delivered.deliveryStreams[0]!.objects[0]!.records, 3);
      assert.equal((await readObjects(aws.s3, bucket)).length, 1);
    });

    test("puts records that fail processing under ErrorOutputPrefix", async () => {
      const { stream, bucket, name } = await pipeline({
        ErrorOutputPrefix: "failed/!{firehose:error-output-type}/!{timestamp:yyyy-MM-dd}/",
        ProcessingConfiguration: { Enabled: true, Processors: [{ Type: "Lambda", Parameters: [{ ParameterName: "LambdaArn", ParameterValue: "arn:aws:lambda:us-east-1:000000000000:function:clean" }] }] },
      });
      await putKinesisRecords(aws.kinesis, stream, range(2));
      await aws.emulator.flushFirehose(name);
      const [object, ...others] = await readObjects(aws.s3, bucket);
      assert.equal(others.length, 0);
      assert.match(object!.key, new RegExp(`^failed/processing-failed/2026-11-28/${name}-1-2026-11-28-06-29-32-${UUID}$`));
      const raw = lines(object!.body).map((line) => Buffer.from((JSON.parse(line) as { rawData: string }).rawData, "base64").toString());
      assert.deepEqual(idsOf(raw.map((text) => JSON.parse(text) as unknown)), ["0", "1"]);
    });
  });
});
