import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  METRICS,
  originalProfile,
  parseRecord,
  produceRecords,
  serializeRecord,
  uniformSamples,
  type AcknowledgedRecord,
} from "@gpu-stream/shared";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { createStream, readStream, text } from "../../support/kinesisTestKit";

describe("the foundation's producer against the emulator", () => {
  let emulator: TestEmulator;
  useTestEmulator((started) => {
    emulator = started;
  });

  async function produceAndReadBack(batchSize: number, gpuIds: readonly string[]): Promise<void> {
    const streamName = await createStream(emulator.kinesis, 2);
    const acknowledged: AcknowledgedRecord[] = [];
    for (const gpuId of gpuIds) {
      const report = await produceRecords({
        kinesis: emulator.kinesis,
        streamName,
        source: uniformSamples({ profile: originalProfile(), seed: 7, gpuId }),
        metrics: METRICS,
        intervalMs: 0,
        count: 60,
        batchSize,
        lingerMs: 0,
        onRecord: (record) => acknowledged.push(record),
      });
      assert.equal(report.sent, 60);
      assert.equal(report.failed, 0);
    }
    const stored = await readStream(emulator.kinesis, streamName);
    assert.equal(stored.length, acknowledged.length);
    const bySequenceNumber = new Map(stored.map((record) => [record.SequenceNumber!, record]));
    for (const ack of acknowledged) {
      const record = bySequenceNumber.get(ack.sequenceNumber);
      assert.ok(record, `acknowledged ${ack.sequenceNumber} is in the stream`);
      assert.equal(record.ShardId, ack.shardId);
      assert.equal(record.PartitionKey, ack.partitionKey);
      assert.equal(text(record.Data), serializeRecord(ack.record));
      assert.deepEqual(parseRecord(record.Data!), ack.record);
    }
  }

  describe("behaviour", () => {
    test("PutRecord mode: every record acknowledged is read back intact", async () => {
      await produceAndReadBack(1, ["0"]);
    });

    test("PutRecords mode: every record acknowledged is read back intact, one GPU per partition key", async () => {
      await produceAndReadBack(25, ["0", "1", "2"]);
    });
  });
});
