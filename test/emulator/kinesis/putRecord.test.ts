import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { PutRecordCommand } from "@aws-sdk/client-kinesis";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { bytes, createStream, hashKeyOf, listAllShards, readStream, rejectsWith, shardHolding, text } from "../../support/kinesisTestKit";

const MiB = 1024 * 1024;

describe("Kinesis PutRecord", () => {
  let emulator: TestEmulator;
  let stream: string;
  useTestEmulator(async (started) => {
    emulator = started;
    stream = await createStream(started.kinesis, 4);
  });

  describe("validation", () => {
    test("rejects a 257-character PartitionKey with ValidationException", async () => {
      await rejectsWith(
        emulator.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: "k".repeat(257), Data: bytes("x") })),
        { name: "ValidationException", message: /^1 validation error detected: Value 'k{257}' at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256$/ },
      );
    });

    test("rejects an empty PartitionKey with ValidationException", async () => {
      await rejectsWith(
        emulator.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: "", Data: bytes("x") })),
        { name: "ValidationException", message: /at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1/ },
      );
    });

    test("rejects Data over 1 MiB with ValidationException", async () => {
      await rejectsWith(
        emulator.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: "k", Data: new Uint8Array(MiB + 1) })),
        // AWS quotes the value ('java.nio...'); the core's wording omits the quotes for blobs.
        { name: "ValidationException", message: /^1 validation error detected: Value 'java\.nio\.HeapByteBuffer\[pos=0 lim=1048577 cap=1048577\]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576$/ },
      );
    });

    test("rejects an ExplicitHashKey that is not a decimal with ValidationException", async () => {
      await rejectsWith(
        emulator.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: "k", Data: bytes("x"), ExplicitHashKey: "0x10" })),
        { name: "ValidationException", message: /at 'explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0\|\(\[1-9\]\\d\{0,38\}\)/ },
      );
    });

    test("rejects a record without Data with ValidationException", async () => {
      await rejectsWith(
        emulator.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: "k", Data: undefined })),
        { name: "ValidationException", message: /Value null at 'data' failed to satisfy constraint: Member must not be null/ },
      );
    });
  });

  describe("errors", () => {
    test("answers ResourceNotFoundException for a stream that does not exist", async () => {
      await rejectsWith(
        emulator.kinesis.send(new PutRecordCommand({ StreamName: "nowhere", PartitionKey: "k", Data: bytes("x") })),
        { name: "ResourceNotFoundException", message: "Stream nowhere under account 000000000000 not found." },
      );
    });

    test("answers InvalidArgumentException for an ExplicitHashKey of 2^128", async () => {
      const key = (1n << 128n).toString();
      await rejectsWith(
        emulator.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: "k", Data: bytes("x"), ExplicitHashKey: key })),
        { name: "InvalidArgumentException", message: `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${key}` },
      );
    });

    test("answers InvalidArgumentException when data and partition key together pass 1 MiB", async () => {
      await rejectsWith(
        emulator.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: "key", Data: new Uint8Array(MiB) })),
        { name: "InvalidArgumentException", message: /exceeds the maximum record size of 1048576 bytes/ },
      );
    });
  });

  describe("behaviour", () => {
    test("routes each record to the shard whose range holds the MD5 of its partition key", async () => {
      const shards = await listAllShards(emulator.kinesis, stream);
      for (const partitionKey of ["gpu-0", "gpu-1", "gpu-2", "gpu-3", "energia", "Frequencia", "ünïcödé", "42"]) {
        const { ShardId } = await emulator.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: partitionKey, Data: bytes(partitionKey) }));
        assert.equal(ShardId, shardHolding(shards, hashKeyOf(partitionKey)).ShardId, partitionKey);
      }
    });

    test("routes by ExplicitHashKey over the partition key", async () => {
      const shards = await listAllShards(emulator.kinesis, stream);
      for (const shard of shards) {
        for (const key of [shard.HashKeyRange!.StartingHashKey!, shard.HashKeyRange!.EndingHashKey!]) {
          const { ShardId } = await emulator.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: "gpu-0", Data: bytes("x"), ExplicitHashKey: key }));
          assert.equal(ShardId, shard.ShardId, key);
        }
      }
    });

    test("answers AWS-shaped sequence numbers, strictly increasing in a shard", async () => {
      const numbers: bigint[] = [];
      for (let index = 0; index < 20; index += 1) {
        const { SequenceNumber, EncryptionType } = await emulator.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: "same-key", Data: bytes(String(index)) }));
        assert.match(SequenceNumber!, /^\d{56}$/);
        // AWS leaves EncryptionType out on an unencrypted stream (kinesalite test/putRecord.js "should work with large Data").
        assert.equal(EncryptionType, undefined);
        numbers.push(BigInt(SequenceNumber!));
      }
      for (let index = 1; index < numbers.length; index += 1) {
        assert.ok(numbers[index]! > numbers[index - 1]!, `${numbers[index]} > ${numbers[index - 1]}`);
      }
    });

    test("accepts SequenceNumberForOrdering and a StreamARN", async () => {
      const first = await emulator.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: "ordered", Data: bytes("1") }));
      const second = await emulator.kinesis.send(
        new PutRecordCommand({
          StreamARN: `arn:aws:kinesis:us-east-1:000000000000:stream/${stream}`,
          PartitionKey: "ordered",
          Data: bytes("2"),
          SequenceNumberForOrdering: first.SequenceNumber,
        }),
      );
      assert.ok(BigInt(second.SequenceNumber!) > BigInt(first.SequenceNumber!));
    });

    test("stores the data byte for byte, including a record of exactly 1 MiB with its key", async () => {
      const name = await createStream(emulator.kinesis, 1);
      const binary = Uint8Array.from({ length: 256 }, (_, index) => index);
      const largest = new Uint8Array(MiB - 1).fill(7);
      const empty = new Uint8Array(0);
      await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "b", Data: binary }));
      await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "L", Data: largest }));
      await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "e", Data: empty }));
      const records = await readStream(emulator.kinesis, name);
      assert.deepEqual(records.map((record) => record.PartitionKey), ["b", "L", "e"]);
      assert.deepEqual(records[0]!.Data, binary);
      assert.deepEqual(records[1]!.Data, largest);
      assert.equal(text(records[2]!.Data), "");
    });
  });
});
