import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ListDeliveryStreamsCommand } from "@aws-sdk/client-firehose";
import { createBucket, createDeliveryStream, createKinesisStream, rejectsWith } from "../../support/firehoseSdk";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

describe("Firehose ListDeliveryStreams", () => {
  let aws: TestEmulator;
  const names: string[] = [];
  useTestEmulator(async (started) => {
    aws = started;
    const bucket = await createBucket(aws.s3);
    const stream = await createKinesisStream(aws.kinesis);
    for (const name of ["delta", "alpha", "echo", "charlie", "bravo"]) {
      await createDeliveryStream(aws.firehose, { bucket, name, ...(name === "charlie" ? { kinesisStream: stream } : {}) });
      names.push(name);
    }
  });

  describe("validation", () => {
    test("rejects a Limit above 10000 with ValidationException", async () => {
      await rejectsWith(aws.firehose.send(new ListDeliveryStreamsCommand({ Limit: 10_001 })), { name: "ValidationException", message: /at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000/ });
    });
  });

  describe("behaviour", () => {
    test("lists every delivery stream's name in order", async () => {
      assert.deepEqual(await aws.firehose.send(new ListDeliveryStreamsCommand({})).then((page) => [page.DeliveryStreamNames, page.HasMoreDeliveryStreams]), [
        ["alpha", "bravo", "charlie", "delta", "echo"],
        false,
      ]);
    });

    test("pages with Limit and ExclusiveStartDeliveryStreamName", async () => {
      const first = await aws.firehose.send(new ListDeliveryStreamsCommand({ Limit: 2 }));
      assert.deepEqual([first.DeliveryStreamNames, first.HasMoreDeliveryStreams], [["alpha", "bravo"], true]);
      const second = await aws.firehose.send(new ListDeliveryStreamsCommand({ Limit: 2, ExclusiveStartDeliveryStreamName: "bravo" }));
      assert.deepEqual([second.DeliveryStreamNames, second.HasMoreDeliveryStreams], [["charlie", "delta"], true]);
      const last = await aws.firehose.send(new ListDeliveryStreamsCommand({ Limit: 2, ExclusiveStartDeliveryStreamName: "delta" }));
      assert.deepEqual([last.DeliveryStreamNames, last.HasMoreDeliveryStreams], [["echo"], false]);
    });

    test("lists only the delivery streams of a DeliveryStreamType when asked", async () => {
      assert.deepEqual((await aws.firehose.send(new ListDeliveryStreamsCommand({ DeliveryStreamType: "KinesisStreamAsSource" }))).DeliveryStreamNames, ["charlie"]);
      assert.deepEqual((await aws.firehose.send(new ListDeliveryStreamsCommand({ DeliveryStreamType: "DirectPut" }))).DeliveryStreamNames, ["alpha", "bravo", "delta", "echo"]);
    });

    test("lists 10 names when Limit is absent", async () => {
      const bucket = await createBucket(aws.s3);
      for (let index = 0; index < 6; index += 1) {
        await createDeliveryStream(aws.firehose, { bucket, name: `zulu-${index}` });
      }
      const page = await aws.firehose.send(new ListDeliveryStreamsCommand({}));
      assert.equal(page.DeliveryStreamNames?.length, 10);
      assert.equal(page.HasMoreDeliveryStreams, true);
    });
  });
});
