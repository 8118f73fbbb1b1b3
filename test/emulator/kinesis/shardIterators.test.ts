import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, PutRecordCommand, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { bytes, createStream, ManualClock, readShard, rejectsWith, shardIterator, text } from "../../support/kinesisTestKit";

const SHARD_0 = "shardId-000000000000";

describe("Kinesis GetShardIterator and iterator semantics", () => {
  const clock = new ManualClock();
  let emulator: TestEmulator;
  useTestEmulator(
    (started) => {
      emulator = started;
    },
    { now: clock.now },
  );

  /** A one-shard stream holding records "0".."n-1", with their sequence numbers. */
  async function streamWith(count: number): Promise<{ name: string; sequenceNumbers: string[] }> {
    const name = await createStream(emulator.kinesis, 1);
    const sequenceNumbers: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const { SequenceNumber } = await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes(String(index)) }));
      sequenceNumbers.push(SequenceNumber!);
    }
    return { name, sequenceNumbers };
  }

  async function iterate(input: ConstructorParameters<typeof GetShardIteratorCommand>[0]): Promise<string[]> {
    const { ShardIterator } = await emulator.kinesis.send(new GetShardIteratorCommand(input));
    return (await readShard(emulator.kinesis, ShardIterator!)).map((record) => text(record.Data));
  }

  describe("validation", () => {
    test("rejects an unknown ShardIteratorType with ValidationException", async () => {
      await rejectsWith(
        emulator.kinesis.send(new GetShardIteratorCommand({ StreamName: "s", ShardId: SHARD_0, ShardIteratorType: "OLDEST" as "LATEST" })),
        // In the order Kinesis prints the set (kinesalite test/getShardIterator.js "empty StreamName").
        { name: "ValidationException", message: "1 validation error detected: Value 'OLDEST' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER, TRIM_HORIZON]" },
      );
    });

    test("rejects a StartingSequenceNumber that is not a decimal with ValidationException", async () => {
      await rejectsWith(
        emulator.kinesis.send(new GetShardIteratorCommand({ StreamName: "s", ShardId: SHARD_0, ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: "01" })),
        { name: "ValidationException", message: /at 'startingSequenceNumber'/ },
      );
    });

    test("rejects a GetRecords iterator over 512 characters with ValidationException", async () => {
      await rejectsWith(emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: "A".repeat(513) })), { name: "ValidationException", message: /at 'shardIterator'/ });
    });
  });

  describe("errors", () => {
    test("answers ResourceNotFoundException for a shard the stream does not have", async () => {
      const { name } = await streamWith(0);
      await rejectsWith(
        emulator.kinesis.send(new GetShardIteratorCommand({ StreamName: name, ShardId: "shardId-000000000007", ShardIteratorType: "LATEST" })),
        { name: "ResourceNotFoundException", message: `Shard shardId-000000000007 in stream ${name} under account 000000000000 does not exist` },
      );
    });

    test("answers InvalidArgumentException for TRIM_HORIZON with a StartingSequenceNumber", async () => {
      const { name, sequenceNumbers } = await streamWith(1);
      await rejectsWith(
        emulator.kinesis.send(new GetShardIteratorCommand({ StreamName: name, ShardId: SHARD_0, ShardIteratorType: "TRIM_HORIZON", StartingSequenceNumber: sequenceNumbers[0] })),
        { name: "InvalidArgumentException", message: /Request specified TRIM_HORIZON and also a StartingSequenceNumber\.$/ },
      );
    });

    test("answers InvalidArgumentException for AT_SEQUENCE_NUMBER without a StartingSequenceNumber", async () => {
      const { name } = await streamWith(1);
      await rejectsWith(
        emulator.kinesis.send(new GetShardIteratorCommand({ StreamName: name, ShardId: SHARD_0, ShardIteratorType: "AT_SEQUENCE_NUMBER" })),
        { name: "InvalidArgumentException", message: /Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber\.$/ },
      );
    });

    test("answers InvalidArgumentException for a sequence number this emulator never issued", async () => {
      const { name } = await streamWith(1);
      await rejectsWith(
        emulator.kinesis.send(new GetShardIteratorCommand({ StreamName: name, ShardId: SHARD_0, ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: "12345" })),
        { name: "InvalidArgumentException", message: `StartingSequenceNumber 12345 used in GetShardIterator on shard ${SHARD_0} in stream ${name} under account 000000000000 is invalid.` },
      );
    });

    test("answers InvalidArgumentException for a sequence number of another shard", async () => {
      const name = await createStream(emulator.kinesis, 2);
      const { SequenceNumber, ShardId } = await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes("x") }));
      const other = ShardId === SHARD_0 ? "shardId-000000000001" : SHARD_0;
      await rejectsWith(
        emulator.kinesis.send(new GetShardIteratorCommand({ StreamName: name, ShardId: other, ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: SequenceNumber })),
        { name: "InvalidArgumentException", message: `Invalid StartingSequenceNumber. It encodes ${ShardId}, while it was used in a call to a shard with ${other}` },
      );
    });

    test("answers InvalidArgumentException for a sequence number of another stream", async () => {
      const first = await streamWith(1);
      const second = await streamWith(1);
      await rejectsWith(
        emulator.kinesis.send(
          new GetShardIteratorCommand({ StreamName: second.name, ShardId: SHARD_0, ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: first.sequenceNumbers[0] }),
        ),
        { name: "InvalidArgumentException", message: /is invalid because it did not come from this stream\.$/ },
      );
    });

    test("answers InvalidArgumentException for AT_TIMESTAMP without a Timestamp", async () => {
      const { name } = await streamWith(1);
      await rejectsWith(
        emulator.kinesis.send(new GetShardIteratorCommand({ StreamName: name, ShardId: SHARD_0, ShardIteratorType: "AT_TIMESTAMP" })),
        { name: "InvalidArgumentException", message: /^Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP/ },
      );
    });

    test("answers InvalidArgumentException for AT_TIMESTAMP in the future", async () => {
      const { name } = await streamWith(1);
      await rejectsWith(
        emulator.kinesis.send(new GetShardIteratorCommand({ StreamName: name, ShardId: SHARD_0, ShardIteratorType: "AT_TIMESTAMP", Timestamp: new Date(clock.now() + 60_000) })),
        { name: "InvalidArgumentException", message: /^The timestampInMillis parameter cannot be greater than the currentTimestampInMillis/ },
      );
    });

    test("answers ExpiredIteratorException for an iterator older than 5 minutes", async () => {
      const { name } = await streamWith(1);
      const iterator = await shardIterator(emulator.kinesis, name, SHARD_0);
      clock.advance(300_000);
      const { NextShardIterator } = await emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator }));
      clock.advance(300_001);
      await rejectsWith(emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator })), { name: "ExpiredIteratorException", message: /^Iterator expired\. The iterator was created at time / });
      await rejectsWith(emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: NextShardIterator })), { name: "ExpiredIteratorException" });
    });

    test("answers InvalidArgumentException for a tampered iterator", async () => {
      const { name } = await streamWith(1);
      const iterator = Buffer.from(await shardIterator(emulator.kinesis, name, SHARD_0), "base64");
      iterator[25]! ^= 0x01;
      await rejectsWith(emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator.toString("base64") })), { name: "InvalidArgumentException", message: "Invalid ShardIterator." });
      await rejectsWith(emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: "not-an-iterator" })), { name: "InvalidArgumentException", message: "Invalid ShardIterator." });
    });
  });

  describe("behaviour", () => {
    test("TRIM_HORIZON reads every record from the oldest", async () => {
      const { name } = await streamWith(5);
      assert.deepEqual(await iterate({ StreamName: name, ShardId: SHARD_0, ShardIteratorType: "TRIM_HORIZON" }), ["0", "1", "2", "3", "4"]);
    });

    test("LATEST reads only records put after the iterator was made", async () => {
      const { name } = await streamWith(3);
      const iterator = await shardIterator(emulator.kinesis, name, SHARD_0, "LATEST");
      assert.deepEqual((await emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator }))).Records, []);
      await emulator.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: [{ PartitionKey: "k", Data: bytes("new") }] }));
      assert.deepEqual((await readShard(emulator.kinesis, iterator)).map((record) => text(record.Data)), ["new"]);
    });

    test("AT_SEQUENCE_NUMBER starts at the record, AFTER_SEQUENCE_NUMBER just after it", async () => {
      const { name, sequenceNumbers } = await streamWith(5);
      assert.deepEqual(await iterate({ StreamName: name, ShardId: SHARD_0, ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: sequenceNumbers[2] }), ["2", "3", "4"]);
      assert.deepEqual(await iterate({ StreamName: name, ShardId: SHARD_0, ShardIteratorType: "AFTER_SEQUENCE_NUMBER", StartingSequenceNumber: sequenceNumbers[2] }), ["3", "4"]);
      assert.deepEqual(await iterate({ StreamName: name, ShardId: SHARD_0, ShardIteratorType: "AFTER_SEQUENCE_NUMBER", StartingSequenceNumber: sequenceNumbers[4] }), []);
    });

    test("the shard's StartingSequenceNumber positions before its first record", async () => {
      const name = await createStream(emulator.kinesis, 1);
      await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes("first") }));
      const { Shards } = await emulator.kinesis.send(new ListShardsCommand({ StreamName: name }));
      const start = Shards![0]!.SequenceNumberRange!.StartingSequenceNumber;
      assert.deepEqual(await iterate({ StreamName: name, ShardId: SHARD_0, ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: start }), ["first"]);
      assert.deepEqual(await iterate({ StreamName: name, ShardId: SHARD_0, ShardIteratorType: "AFTER_SEQUENCE_NUMBER", StartingSequenceNumber: start }), ["first"]);
    });

    test("AT_TIMESTAMP starts at the first record that arrived at or after the time", async () => {
      const name = await createStream(emulator.kinesis, 1);
      const arrivals: number[] = [];
      for (let index = 0; index < 150; index += 1) {
        arrivals.push(clock.now());
        await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes(String(index)) }));
        clock.advance(1000);
      }
      for (const index of [0, 1, 63, 64, 65, 100, 149]) {
        const read = await iterate({ StreamName: name, ShardId: SHARD_0, ShardIteratorType: "AT_TIMESTAMP", Timestamp: new Date(arrivals[index]!) });
        assert.equal(read[0], String(index), `at the arrival of record ${index}`);
        const between = await iterate({ StreamName: name, ShardId: SHARD_0, ShardIteratorType: "AT_TIMESTAMP", Timestamp: new Date(arrivals[index]! - 500) });
        assert.equal(between[0], String(index), `just before the arrival of record ${index}`);
      }
      assert.deepEqual(await iterate({ StreamName: name, ShardId: SHARD_0, ShardIteratorType: "AT_TIMESTAMP", Timestamp: new Date(clock.now()) }), []);
    });

    test("accepts the shard as shardId-N or a bare number, as AWS does", async () => {
      const { name } = await streamWith(2);
      assert.deepEqual(await iterate({ StreamName: name, ShardId: "shardId-0", ShardIteratorType: "TRIM_HORIZON" }), ["0", "1"]);
      assert.deepEqual(await iterate({ StreamName: name, ShardId: "0", ShardIteratorType: "TRIM_HORIZON" }), ["0", "1"]);
    });

    test("an iterator stays valid for 5 minutes", async () => {
      const { name } = await streamWith(1);
      const iterator = await shardIterator(emulator.kinesis, name, SHARD_0);
      clock.advance(300_000);
      const { Records } = await emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator }));
      assert.equal(Records?.length, 1);
    });
  });
});
