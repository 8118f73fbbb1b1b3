import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MergeShardsCommand, PutRecordsCommand, SplitShardCommand, UpdateShardCountCommand, type KinesisClient } from "@aws-sdk/client-kinesis";
import { createBucket, createDeliveryStream, createKinesisStream, readObjects } from "../../support/firehoseSdk";
import { lines, NEWLINE_DELIMITED, T0, TestClock } from "../../support/firehoseTestKit";
import { startTestEmulator, useTestEmulator, type TestEmulator } from "../../support/testEmulator";

// Firehose reading a Kinesis source through SplitShard, MergeShards and UpdateShardCount: each parent to its end
// before its children, so every record is delivered once and each partition key's records stay in order.

const GPUS = ["gpu-0", "gpu-1", "gpu-2", "gpu-3", "gpu-4"];
const id = (index: number): string => `shardId-${String(index).padStart(12, "0")}`;
const HALF = "170141183460469231731687303715884105728";

interface Delivered {
  readonly gpu: string;
  readonly sequence: number;
}

/** Puts one record per GPU and round, with the round in the data; answers the next round. */
async function putRounds(kinesis: KinesisClient, stream: string, from: number, rounds: number): Promise<number> {
  for (let round = from; round < from + rounds; round += 1) {
    const records = GPUS.map((gpu) => ({ PartitionKey: gpu, Data: Buffer.from(JSON.stringify({ gpu, sequence: round })) }));
    const answer = await kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: records }));
    assert.equal(answer.FailedRecordCount, 0);
  }
  return from + rounds;
}

/** Every delivered record, objects in key order (each flush below is a later second, so that is delivery order). */
async function delivered(aws: TestEmulator, bucket: string): Promise<Delivered[]> {
  const objects = await readObjects(aws.s3, bucket);
  return objects.flatMap((object) => lines(object.body).map((line) => JSON.parse(line) as Delivered));
}

function assertExactlyOnceInOrder(records: readonly Delivered[], rounds: number, from = 0): void {
  for (const gpu of GPUS) {
    assert.deepEqual(
      records.filter((record) => record.gpu === gpu).map((record) => record.sequence),
      Array.from({ length: rounds - from }, (_, index) => from + index),
      `${gpu}: each record once, in order`,
    );
  }
}

describe("Firehose from a Kinesis stream that is resharded", () => {
  const clock = new TestClock(T0);
  let aws: TestEmulator;
  useTestEmulator(
    (started) => {
      aws = started;
    },
    { now: clock.now },
  );

  async function flush(name: string): Promise<void> {
    await aws.emulator.flushFirehose(name);
    clock.ms += 1000;
  }

  test("delivers every record once, each key in order, through a split, a merge and UpdateShardCount up and down", async () => {
    const stream = await createKinesisStream(aws.kinesis, 2);
    const bucket = await createBucket(aws.s3);
    const name = await createDeliveryStream(aws.firehose, { bucket, kinesisStream: stream, destination: { ProcessingConfiguration: NEWLINE_DELIMITED } });
    let round = await putRounds(aws.kinesis, stream, 0, 10);
    await flush(name);
    round = await putRounds(aws.kinesis, stream, round, 10);
    // Unread parent records are buffered behind the children's: the parent must still come first.
    await aws.kinesis.send(new SplitShardCommand({ StreamName: stream, ShardToSplit: id(0), NewStartingHashKey: "85070591730234615865843651857942052864" }));
    round = await putRounds(aws.kinesis, stream, round, 10);
    await flush(name);
    await aws.kinesis.send(new MergeShardsCommand({ StreamName: stream, ShardToMerge: id(3), AdjacentShardToMerge: id(1) }));
    round = await putRounds(aws.kinesis, stream, round, 10);
    await aws.kinesis.send(new UpdateShardCountCommand({ StreamName: stream, TargetShardCount: 4, ScalingType: "UNIFORM_SCALING" }));
    round = await putRounds(aws.kinesis, stream, round, 10);
    await flush(name);
    await aws.kinesis.send(new UpdateShardCountCommand({ StreamName: stream, TargetShardCount: 2, ScalingType: "UNIFORM_SCALING" }));
    round = await putRounds(aws.kinesis, stream, round, 10);
    await flush(name);
    assertExactlyOnceInOrder(await delivered(aws, bucket), round);
  });

  test("shards already closed when the delivery stream is created are not read; it starts at LATEST", async () => {
    const stream = await createKinesisStream(aws.kinesis, 1);
    let round = await putRounds(aws.kinesis, stream, 0, 5);
    await aws.kinesis.send(new SplitShardCommand({ StreamName: stream, ShardToSplit: id(0), NewStartingHashKey: HALF }));
    round = await putRounds(aws.kinesis, stream, round, 5);
    const bucket = await createBucket(aws.s3);
    const name = await createDeliveryStream(aws.firehose, { bucket, kinesisStream: stream, destination: { ProcessingConfiguration: NEWLINE_DELIMITED } });
    const firstDelivered = round;
    round = await putRounds(aws.kinesis, stream, round, 5);
    await aws.kinesis.send(new MergeShardsCommand({ StreamName: stream, ShardToMerge: id(1), AdjacentShardToMerge: id(2) }));
    round = await putRounds(aws.kinesis, stream, round, 5);
    await flush(name);
    assertExactlyOnceInOrder(await delivered(aws, bucket), round, firstDelivered);
  });
});

describe("Firehose from a resharded Kinesis stream across a restart", () => {
  test("a restart between reshards neither loses nor repeats a record, and keeps each key's order", async () => {
    const clock = new TestClock(T0);
    const first = await startTestEmulator({ now: clock.now });
    const stream = await createKinesisStream(first.kinesis, 1);
    const bucket = await createBucket(first.s3);
    const name = await createDeliveryStream(first.firehose, { bucket, kinesisStream: stream, destination: { ProcessingConfiguration: NEWLINE_DELIMITED } });
    let round = await putRounds(first.kinesis, stream, 0, 10);
    await first.emulator.flushFirehose(name);
    clock.ms += 1000;
    round = await putRounds(first.kinesis, stream, round, 10);
    await first.kinesis.send(new SplitShardCommand({ StreamName: stream, ShardToSplit: id(0), NewStartingHashKey: HALF }));
    round = await putRounds(first.kinesis, stream, round, 10);
    await first.stop();
    clock.ms += 1000;
    const second = await startTestEmulator({ now: clock.now, dataDir: first.dataDir });
    try {
      round = await putRounds(second.kinesis, stream, round, 10);
      await second.kinesis.send(new MergeShardsCommand({ StreamName: stream, ShardToMerge: id(1), AdjacentShardToMerge: id(2) }));
      round = await putRounds(second.kinesis, stream, round, 10);
      await second.emulator.flushFirehose(name);
      assertExactlyOnceInOrder(await delivered(second, bucket), round);
    } finally {
      await second.close();
    }
  });
});
