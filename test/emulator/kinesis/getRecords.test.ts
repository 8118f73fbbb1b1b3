import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DeleteStreamCommand, GetRecordsCommand, PutRecordCommand, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { bytes, createStream, ManualClock, readShard, rejectsWith, shardIterator, text } from "../../support/kinesisTestKit";

const SHARD_0 = "shardId-000000000000";
const MiB = 1024 * 1024;

describe("Kinesis GetRecords", () => {
  const clock = new ManualClock();
  let emulator: TestEmulator;
  useTestEmulator(
    (started) => {
      emulator = started;
    },
    { now: clock.now },
  );

  async function putMany(name: string, count: number, prefix = ""): Promise<void> {
    for (let start = 0; start < count; start += 500) {
      const size = Math.min(500, count - start);
      await emulator.kinesis.send(
        new PutRecordsCommand({ StreamName: name, Records: Array.from({ length: size }, (_, index) => ({ PartitionKey: "k", Data: bytes(`${prefix}${start + index}`) })) }),
      );
    }
  }

  describe("validation", () => {
    test("rejects a Limit of 10001 with ValidationException", async () => {
      await rejectsWith(
        emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: "x", Limit: 10001 })),
        { name: "ValidationException", message: "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000" },
      );
    });

    test("rejects a Limit of 0 with ValidationException", async () => {
      await rejectsWith(emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: "x", Limit: 0 })), { name: "ValidationException", message: /at 'limit'/ });
    });

    test("rejects a missing ShardIterator with ValidationException", async () => {
      await rejectsWith(
        emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: undefined })),
        { name: "ValidationException", message: "1 validation error detected: Value null at 'shardIterator' failed to satisfy constraint: Member must not be null" },
      );
    });
  });

  describe("errors", () => {
    test("answers ResourceNotFoundException once the iterator's stream is deleted", async () => {
      const name = await createStream(emulator.kinesis, 1);
      const iterator = await shardIterator(emulator.kinesis, name, SHARD_0);
      await emulator.kinesis.send(new DeleteStreamCommand({ StreamName: name }));
      await rejectsWith(
        emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator })),
        { name: "ResourceNotFoundException", message: `Shard ${SHARD_0} in stream ${name} under account 000000000000 does not exist` },
      );
    });

    test("answers InvalidArgumentException when StreamARN is not the iterator's stream", async () => {
      const name = await createStream(emulator.kinesis, 1);
      const iterator = await shardIterator(emulator.kinesis, name, SHARD_0);
      await rejectsWith(
        emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, StreamARN: "arn:aws:kinesis:us-east-1:000000000000:stream/another" })),
        { name: "InvalidArgumentException" },
      );
    });
  });

  describe("behaviour", () => {
    test("returns at most Limit records and continues with NextShardIterator, missing and repeating nothing", async () => {
      const name = await createStream(emulator.kinesis, 1);
      await putMany(name, 250);
      const records = await readShard(emulator.kinesis, await shardIterator(emulator.kinesis, name, SHARD_0), 7);
      assert.deepEqual(
        records.map((record) => text(record.Data)),
        Array.from({ length: 250 }, (_, index) => String(index)),
      );
      const first = await emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: await shardIterator(emulator.kinesis, name, SHARD_0), Limit: 7 }));
      assert.equal(first.Records?.length, 7);
    });

    test("returns up to 10000 records by default", async () => {
      const name = await createStream(emulator.kinesis, 1);
      await putMany(name, 10_050);
      const page = await emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: await shardIterator(emulator.kinesis, name, SHARD_0) }));
      assert.equal(page.Records?.length, 10_000);
      assert.equal(text(page.Records?.[9_999]?.Data), "9999");
      const rest = await emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: page.NextShardIterator }));
      assert.equal(rest.Records?.length, 50);
    });

    test("returns at most 10 MiB of data in one call", async () => {
      const name = await createStream(emulator.kinesis, 1);
      for (let index = 0; index < 11; index += 1) {
        await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: new Uint8Array(MiB - 1).fill(index) }));
      }
      const first = await emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: await shardIterator(emulator.kinesis, name, SHARD_0) }));
      const size = (first.Records ?? []).reduce((sum, record) => sum + record.Data!.length + record.PartitionKey!.length, 0);
      assert.ok(size <= 10 * MiB, `${size} bytes`);
      assert.equal(first.Records?.length, 10);
      const second = await emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: first.NextShardIterator }));
      assert.equal(second.Records?.length, 1);
      assert.equal(second.Records?.[0]?.Data?.[0], 10);
    });

    test("gives every record its sequence number, partition key and ApproximateArrivalTimestamp", async () => {
      const name = await createStream(emulator.kinesis, 1);
      const arrival = clock.now();
      const put = await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "gpu-7", Data: bytes("{\"dado\":\"1\"}") }));
      clock.advance(1234);
      const { Records } = await emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: await shardIterator(emulator.kinesis, name, SHARD_0) }));
      assert.equal(Records?.length, 1);
      assert.equal(Records?.[0]?.SequenceNumber, put.SequenceNumber);
      assert.equal(Records?.[0]?.PartitionKey, "gpu-7");
      assert.equal(text(Records?.[0]?.Data), "{\"dado\":\"1\"}");
      assert.equal(Records?.[0]?.ApproximateArrivalTimestamp?.getTime(), arrival);
    });

    test("answers MillisBehindLatest: the age of the oldest unread record, 0 once caught up", async () => {
      const name = await createStream(emulator.kinesis, 1);
      await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes("a") }));
      clock.advance(2000);
      await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes("b") }));
      clock.advance(3000);
      const first = await emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: await shardIterator(emulator.kinesis, name, SHARD_0), Limit: 1 }));
      assert.equal(first.MillisBehindLatest, 3000);
      const second = await emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: first.NextShardIterator, Limit: 1 }));
      assert.equal(text(second.Records?.[0]?.Data), "b");
      assert.equal(second.MillisBehindLatest, 0);
    });

    test("an empty read still answers a NextShardIterator that later sees new records", async () => {
      const name = await createStream(emulator.kinesis, 1);
      const empty = await emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: await shardIterator(emulator.kinesis, name, SHARD_0) }));
      assert.deepEqual(empty.Records, []);
      assert.equal(empty.MillisBehindLatest, 0);
      assert.ok(empty.NextShardIterator);
      await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes("later") }));
      const later = await emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: empty.NextShardIterator }));
      assert.deepEqual(later.Records?.map((record) => text(record.Data)), ["later"]);
    });

    test("records past the retention period are not served", async () => {
      const name = await createStream(emulator.kinesis, 1);
      await putMany(name, 100, "old-");
      clock.advance(12 * 3_600_000);
      await putMany(name, 3, "new-");
      clock.advance(12 * 3_600_000 + 1);
      const { Records } = await emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: await shardIterator(emulator.kinesis, name, SHARD_0) }));
      assert.deepEqual(Records?.map((record) => text(record.Data)), ["new-0", "new-1", "new-2"]);
    });
  });
});
