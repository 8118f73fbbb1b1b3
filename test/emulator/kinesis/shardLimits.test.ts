import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { PutRecordCommand, PutRecordsCommand, ProvisionedThroughputExceededException } from "@aws-sdk/client-kinesis";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { bytes, createStream, ManualClock, readStream, rejectsWith, text } from "../../support/kinesisTestKit";

const KiB = 1024;

function records(count: number, size = 10): { PartitionKey: string; Data: Uint8Array }[] {
  return Array.from({ length: count }, () => ({ PartitionKey: "k", Data: new Uint8Array(size) }));
}

describe("Kinesis per-shard write limits (enforceShardLimits)", () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 28, 6, 0, 0, 0));
  let emulator: TestEmulator;
  useTestEmulator(
    (started) => {
      emulator = started;
    },
    { enforceShardLimits: true, now: clock.now },
  );

  describe("errors", () => {
    test("PutRecord over 1000 records in a second answers ProvisionedThroughputExceededException", async () => {
      const name = await createStream(emulator.kinesis);
      clock.advance(1000);
      await emulator.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: records(500) }));
      await emulator.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: records(500) }));
      const error = await rejectsWith(
        emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes("one too many") })),
        { name: "ProvisionedThroughputExceededException", message: `Rate exceeded for shard shardId-000000000000 in stream ${name} under account 000000000000.` },
      );
      assert.ok(error instanceof ProvisionedThroughputExceededException);
    });

    test("PutRecords over 1 MiB in a second fails the entries past it, each with its ErrorCode", async () => {
      const name = await createStream(emulator.kinesis);
      clock.advance(1000);
      const { FailedRecordCount, Records } = await emulator.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: records(5, 300 * KiB) }));
      assert.equal(FailedRecordCount, 2);
      assert.deepEqual(Records?.map((result) => result.ErrorCode), [undefined, undefined, undefined, "ProvisionedThroughputExceededException", "ProvisionedThroughputExceededException"]);
      assert.match(Records?.[3]?.ErrorMessage ?? "", /^Rate exceeded for shard shardId-000000000000/);
      assert.equal((await readStream(emulator.kinesis, name)).length, 3);
    });
  });

  describe("behaviour", () => {
    test("the budget comes back the next second", async () => {
      const name = await createStream(emulator.kinesis);
      clock.advance(1000);
      await emulator.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: records(500) }));
      await emulator.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: records(500) }));
      clock.advance(1000);
      const { SequenceNumber } = await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes("next second") }));
      assert.ok(SequenceNumber);
    });

    test("each shard has its own budget", async () => {
      const name = await createStream(emulator.kinesis, 2);
      clock.advance(1000);
      const full = await emulator.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: records(4, 300 * KiB).map((record) => ({ ...record, ExplicitHashKey: "0" })) }));
      assert.equal(full.FailedRecordCount, 1);
      const other = await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes("x"), ExplicitHashKey: ((1n << 128n) - 1n).toString() }));
      assert.equal(other.ShardId, "shardId-000000000001");
    });
  });
});

describe("Kinesis without enforceShardLimits (the default)", () => {
  let emulator: TestEmulator;
  useTestEmulator((started) => {
    emulator = started;
  });

  test("accepts more than 1000 records and 1 MiB a second in one shard", async () => {
    const name = await createStream(emulator.kinesis);
    for (let batch = 0; batch < 3; batch += 1) {
      const { FailedRecordCount } = await emulator.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: records(500, 1000) }));
      assert.equal(FailedRecordCount, 0);
    }
    const stored = await readStream(emulator.kinesis, name);
    assert.equal(stored.length, 1500);
    assert.equal(text(stored[0]!.Data).length, 1000);
  });
});
