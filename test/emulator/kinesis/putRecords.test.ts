import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { PutRecordsCommand, type PutRecordsRequestEntry } from "@aws-sdk/client-kinesis";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { bytes, createStream, hashKeyOf, listAllShards, readStream, rejectsWith, shardHolding, text } from "../../support/kinesisTestKit";

const KiB = 1024;

function entries(count: number, data = (index: number) => bytes(`record-${index}`)): PutRecordsRequestEntry[] {
  return Array.from({ length: count }, (_, index) => ({ PartitionKey: `key-${index}`, Data: data(index) }));
}

describe("Kinesis PutRecords", () => {
  let emulator: TestEmulator;
  let stream: string;
  useTestEmulator(async (started) => {
    emulator = started;
    stream = await createStream(started.kinesis, 4);
  });

  describe("validation", () => {
    test("rejects 501 records with ValidationException", async () => {
      await rejectsWith(
        emulator.kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: entries(501) })),
        { name: "ValidationException", message: /at 'records' failed to satisfy constraint: Member must have length less than or equal to 500/ },
      );
    });

    test("rejects an empty Records list with ValidationException", async () => {
      await rejectsWith(
        emulator.kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: [] })),
        { name: "ValidationException", message: /at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1/ },
      );
    });

    test("rejects a 257-character PartitionKey in the second entry with ValidationException naming it", async () => {
      const records = entries(2);
      records[1]!.PartitionKey = "p".repeat(257);
      await rejectsWith(
        emulator.kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: records })),
        { name: "ValidationException", message: /at 'records.2.member.partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256/ },
      );
    });
  });

  describe("errors", () => {
    test("answers InvalidArgumentException for records over 5 MiB in all", async () => {
      await rejectsWith(
        emulator.kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: entries(6, () => new Uint8Array(900 * KiB)) })),
        { name: "InvalidArgumentException", message: "Records size exceeds 5 MB limit" },
      );
    });

    test("answers InvalidArgumentException for one out-of-range ExplicitHashKey, storing nothing", async () => {
      const name = await createStream(emulator.kinesis, 1);
      const records = entries(3);
      records[2]!.ExplicitHashKey = (1n << 128n).toString();
      await rejectsWith(emulator.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: records })), { name: "InvalidArgumentException" });
      assert.deepEqual(await readStream(emulator.kinesis, name), []);
    });

    test("answers ResourceNotFoundException for a stream that does not exist", async () => {
      await rejectsWith(emulator.kinesis.send(new PutRecordsCommand({ StreamName: "nowhere", Records: entries(1) })), { name: "ResourceNotFoundException" });
    });
  });

  describe("behaviour", () => {
    test("answers one result per record, in order, each in the shard its key routes to", async () => {
      const shards = await listAllShards(emulator.kinesis, stream);
      const records = entries(100);
      const { FailedRecordCount, Records } = await emulator.kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: records }));
      assert.equal(FailedRecordCount, 0);
      assert.equal(Records?.length, 100);
      Records?.forEach((result, index) => {
        assert.equal(result.ShardId, shardHolding(shards, hashKeyOf(records[index]!.PartitionKey!)).ShardId);
        assert.match(result.SequenceNumber!, /^\d{56}$/);
        assert.equal(result.ErrorCode, undefined);
      });
      assert.ok(new Set(Records?.map((result) => result.ShardId)).size > 1, "100 keys land in more than one shard");
    });

    test("numbers the records of one shard in request order, above earlier ones", async () => {
      const name = await createStream(emulator.kinesis, 1);
      const first = await emulator.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: entries(50) }));
      const second = await emulator.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: entries(50) }));
      const numbers = [...first.Records!, ...second.Records!].map((result) => BigInt(result.SequenceNumber!));
      for (let index = 1; index < numbers.length; index += 1) {
        assert.ok(numbers[index]! > numbers[index - 1]!);
      }
    });

    test("stores every record of a full 500-record, 5 MiB request intact", async () => {
      const name = await createStream(emulator.kinesis, 2);
      const records = entries(500, (index) => new Uint8Array(10 * KiB - 16).fill(index % 251));
      const { FailedRecordCount } = await emulator.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: records }));
      assert.equal(FailedRecordCount, 0);
      const stored = await readStream(emulator.kinesis, name);
      assert.equal(stored.length, 500);
      const byKey = new Map(stored.map((record) => [record.PartitionKey, record.Data]));
      for (const record of records) {
        assert.deepEqual(byKey.get(record.PartitionKey), record.Data);
      }
    });

    test("routes by ExplicitHashKey when given", async () => {
      const shards = await listAllShards(emulator.kinesis, stream);
      const { Records } = await emulator.kinesis.send(
        new PutRecordsCommand({
          StreamName: stream,
          Records: shards.map((shard) => ({ PartitionKey: "same", Data: bytes(shard.ShardId!), ExplicitHashKey: shard.HashKeyRange!.EndingHashKey })),
        }),
      );
      assert.deepEqual(
        Records?.map((result) => result.ShardId),
        shards.map((shard) => shard.ShardId),
      );
    });

    test("reads back what PutRecords stored, data and keys", async () => {
      const name = await createStream(emulator.kinesis, 3);
      await emulator.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: entries(30) }));
      const stored = await readStream(emulator.kinesis, name);
      assert.deepEqual(
        stored.map((record) => `${record.PartitionKey}=${text(record.Data)}`).sort(),
        entries(30).map((entry) => `${entry.PartitionKey}=${text(entry.Data)}`).sort(),
      );
    });
  });
});
