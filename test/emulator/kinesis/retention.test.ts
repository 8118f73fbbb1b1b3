import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  DecreaseStreamRetentionPeriodCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  IncreaseStreamRetentionPeriodCommand,
  PutRecordCommand,
} from "@aws-sdk/client-kinesis";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { bytes, createStream, ManualClock, rejectsWith, shardIterator, text } from "../../support/kinesisTestKit";

const HOUR = 3_600_000;

describe("Kinesis IncreaseStreamRetentionPeriod and DecreaseStreamRetentionPeriod", () => {
  const clock = new ManualClock();
  let emulator: TestEmulator;
  useTestEmulator(
    (started) => {
      emulator = started;
    },
    { now: clock.now },
  );

  async function retention(name: string): Promise<number | undefined> {
    return (await emulator.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary?.RetentionPeriodHours;
  }

  describe("validation", () => {
    test("rejects a RetentionPeriodHours over 8760 with ValidationException", async () => {
      await rejectsWith(
        emulator.kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: "s", RetentionPeriodHours: 8761 })),
        { name: "ValidationException", message: "1 validation error detected: Value '8761' at 'retentionPeriodHours' failed to satisfy constraint: Member must have value less than or equal to 8760" },
      );
    });

    test("rejects a missing RetentionPeriodHours with ValidationException", async () => {
      await rejectsWith(
        emulator.kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: "s", RetentionPeriodHours: undefined })),
        { name: "ValidationException", message: /Value null at 'retentionPeriodHours' failed to satisfy constraint: Member must not be null/ },
      );
    });
  });

  describe("errors", () => {
    test("answers InvalidArgumentException below 24 hours", async () => {
      const name = await createStream(emulator.kinesis);
      await rejectsWith(
        emulator.kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 23 })),
        { name: "InvalidArgumentException", message: "Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short." },
      );
    });

    test("answers InvalidArgumentException for an increase to less than the current period", async () => {
      const name = await createStream(emulator.kinesis);
      await emulator.kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 48 }));
      await rejectsWith(
        emulator.kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 36 })),
        { name: "InvalidArgumentException", message: /can not be shorter than existing retention period \(48 hours\)\. Use DecreaseRetentionPeriod API\.$/ },
      );
    });

    test("answers InvalidArgumentException for a decrease to more than the current period", async () => {
      const name = await createStream(emulator.kinesis);
      await rejectsWith(
        emulator.kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 48 })),
        { name: "InvalidArgumentException", message: /can not be longer than existing retention period \(24 hours\)\. Use IncreaseRetentionPeriod API\.$/ },
      );
    });

    test("answers ResourceNotFoundException for a stream that does not exist", async () => {
      await rejectsWith(emulator.kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: "missing", RetentionPeriodHours: 48 })), { name: "ResourceNotFoundException" });
    });
  });

  describe("behaviour", () => {
    test("a new stream keeps records 24 hours", async () => {
      assert.equal(await retention(await createStream(emulator.kinesis)), 24);
    });

    test("increases and decreases the period", async () => {
      const name = await createStream(emulator.kinesis);
      await emulator.kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamARN: `arn:aws:kinesis:us-east-1:000000000000:stream/${name}`, RetentionPeriodHours: 168 }));
      assert.equal(await retention(name), 168);
      await emulator.kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 72 }));
      assert.equal(await retention(name), 72);
    });

    test("a longer period keeps serving records that the default would have hidden", async () => {
      const name = await createStream(emulator.kinesis);
      await emulator.kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 48 }));
      await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes("kept") }));
      clock.advance(30 * HOUR);
      const { Records } = await emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: await shardIterator(emulator.kinesis, name, "shardId-000000000000") }));
      assert.deepEqual(Records?.map((record) => text(record.Data)), ["kept"]);
      await emulator.kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 24 }));
      const after = await emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: await shardIterator(emulator.kinesis, name, "shardId-000000000000") }));
      assert.deepEqual(after.Records, []);
    });
  });
});
