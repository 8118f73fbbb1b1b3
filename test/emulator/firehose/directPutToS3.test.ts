import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { PutRecordBatchCommand, PutRecordCommand } from "@aws-sdk/client-firehose";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { createBucket, createDeliveryStream, readObjects } from "../../support/firehoseSdk";
import { eventually, lines, NEWLINE_DELIMITED, T0, TestClock } from "../../support/firehoseTestKit";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

describe("Firehose from direct puts to S3", () => {
  let aws: TestEmulator;
  const clock = new TestClock(T0);
  useTestEmulator(
    (started) => {
      aws = started;
    },
    { now: clock.now },
  );

  const putBatch = (name: string, records: readonly string[]) =>
    aws.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records.map((data) => ({ Data: Buffer.from(data) })) }));

  describe("behaviour", () => {
    test("delivers PutRecordBatch records under the AWS key layout, named after the first record's arrival", async () => {
      const bucket = await createBucket(aws.s3);
      const name = await createDeliveryStream(aws.firehose, { bucket, destination: { Prefix: "raw/" } });
      await putBatch(name, ['{"a":1}', '{"a":2}']);
      clock.ms += 3_600_000;
      await putBatch(name, ['{"a":3}']);
      await aws.emulator.flushFirehose(name);
      clock.ms = T0;
      const objects = await readObjects(aws.s3, bucket);
      assert.equal(objects.length, 1);
      assert.match(objects[0]!.key, new RegExp(`^raw/2026/11/28/06/${name}-1-2026-11-28-06-29-32-${UUID}$`));
      assert.equal(objects[0]!.body.toString(), '{"a":1}{"a":2}{"a":3}');
    });

    test("delivers newline-delimited and gzipped objects when configured", async () => {
      const bucket = await createBucket(aws.s3);
      const name = await createDeliveryStream(aws.firehose, { bucket, destination: { CompressionFormat: "GZIP", ProcessingConfiguration: NEWLINE_DELIMITED } });
      await putBatch(name, ['{"a":1}', '{"a":2}']);
      await aws.emulator.flushFirehose(name);
      const [object] = await readObjects(aws.s3, bucket);
      assert.match(object!.key, new RegExp(`^2026/11/28/06/${name}-1-2026-11-28-06-29-32-${UUID}\\.gz$`));
      assert.deepEqual(lines(gunzipSync(object!.body)), ['{"a":1}', '{"a":2}']);
    });

    test("delivers each put on its own with IntervalInSeconds 0, without a flush", async () => {
      const bucket = await createBucket(aws.s3);
      const name = await createDeliveryStream(aws.firehose, { bucket, destination: { BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } } });
      await aws.firehose.send(new PutRecordCommand({ DeliveryStreamName: name, Record: { Data: Buffer.from("now") } }));
      await eventually(async () => ((await aws.s3.send(new ListObjectsV2Command({ Bucket: bucket }))).KeyCount ?? 0) === 1, "the object of a 0-second interval");
      assert.deepEqual((await readObjects(aws.s3, bucket)).map((object) => object.body.toString()), ["now"]);
    });
  });
});
