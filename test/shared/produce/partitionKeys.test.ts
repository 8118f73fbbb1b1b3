import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { GetRecordsCommand, GetShardIteratorCommand } from "@aws-sdk/client-kinesis";
import { METRICS, metricPartitionKey, originalProfile, produceMetricsConcurrently } from "@gpu-stream/shared";
import { createStream, listAllShards } from "../../support/kinesisTestKit";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

/** Records per shard after `npm start`'s five producers put `recordsPerMetric` each into a stream of `shardCount` shards. */
async function recordsPerShard(emulator: TestEmulator, shardCount: number, recordsPerMetric: number): Promise<number[]> {
  const streamName = await createStream(emulator.kinesis, shardCount);
  await produceMetricsConcurrently({ kinesis: emulator.kinesis, streamName, profile: originalProfile(), metrics: METRICS, recordsPerMetric, intervalMs: 0, seed: 3 });
  const counts: number[] = [];
  for (const shard of await listAllShards(emulator.kinesis, streamName)) {
    const { ShardIterator } = await emulator.kinesis.send(new GetShardIteratorCommand({ StreamName: streamName, ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" }));
    const { Records = [] } = await emulator.kinesis.send(new GetRecordsCommand({ ShardIterator }));
    counts.push(Records.length);
  }
  return counts;
}

describe("the producers' partition keys", () => {
  let emulator: TestEmulator;
  useTestEmulator((started) => {
    emulator = started;
  });

  test("are one per GPU and metric", () => {
    assert.equal(metricPartitionKey("0", "energia"), "gpu-0/energia");
    assert.equal(new Set(METRICS.map((metric) => metricPartitionKey("0", metric))).size, METRICS.length);
  });

  for (const shardCount of [2, 3]) {
    test(`spread five producers' records over every one of ${shardCount} shards`, async () => {
      const counts = await recordsPerShard(emulator, shardCount, 4);
      assert.equal(counts.length, shardCount);
      assert.equal(counts.reduce((sum, count) => sum + count, 0), 4 * METRICS.length);
      assert.ok(counts.every((count) => count > 0), `records per shard: ${counts.join(", ")}`);
    });
  }
});
