import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { MergeShardsCommand, PutRecordsCommand, SplitShardCommand } from "@aws-sdk/client-kinesis";
import type * as StreamConsumerModule from "../../../scripts/dist/dashboard/StreamConsumer";
import type { TelemetryPoint } from "../../../scripts/dist/dashboard/page/dashboardWire";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { bytes, createStream } from "../../support/kinesisTestKit";
import { eventually } from "../../support/firehoseTestKit";
import { REPO_ROOT } from "../../support/repoRoot";

const { StreamConsumer } = require(join(REPO_ROOT, "scripts", "dist", "dashboard", "StreamConsumer.js")) as typeof StreamConsumerModule;

const id = (index: number): string => `shardId-${String(index).padStart(12, "0")}`;
const telemetry = (gpu: string, sequence: number): Uint8Array =>
  bytes(JSON.stringify({ idtemp: "1", dado: String(sequence), tipo: "energia", timestamp: "2026-11-28 06:29:32.000000", gpu }));

describe("the dashboard's StreamConsumer across resharding", { timeout: 60_000 }, () => {
  let emulator: TestEmulator;
  useTestEmulator((started) => {
    emulator = started;
  });

  test("follows ChildShards through a split and a merge: every record once, each GPU's in order", async () => {
    const name = await createStream(emulator.kinesis, 2);
    const points: TelemetryPoint[] = [];
    const consumer = new StreamConsumer({ kinesis: emulator.kinesis, streamName: name, pollMs: 20, onRead: (read) => points.push(...read) });
    consumer.start();
    try {
      await eventually(() => consumer.stats().status === "reading", "the consumer reads");
      const gpus = ["gpu-a", "gpu-b", "gpu-c", "gpu-d", "gpu-e"];
      let sequence = 0;
      const put = async (rounds: number): Promise<void> => {
        for (let round = 0; round < rounds; round += 1, sequence += 1) {
          await emulator.kinesis.send(new PutRecordsCommand({ StreamName: name, Records: gpus.map((gpu) => ({ PartitionKey: gpu, Data: telemetry(gpu, sequence) })) }));
        }
      };
      await put(20);
      await emulator.kinesis.send(new SplitShardCommand({ StreamName: name, ShardToSplit: id(0), NewStartingHashKey: "85070591730234615865843651857942052864" }));
      await put(20);
      await emulator.kinesis.send(new MergeShardsCommand({ StreamName: name, ShardToMerge: id(3), AdjacentShardToMerge: id(1) }));
      await put(20);
      await eventually(() => points.length >= gpus.length * sequence, "every record read");
      await new Promise((wait) => setTimeout(wait, 200));
      assert.equal(points.length, gpus.length * sequence, "no record read twice");
      for (const gpu of gpus) {
        assert.deepEqual(
          points.filter((point) => point.gpu === gpu).map((point) => point.v),
          Array.from({ length: sequence }, (_, index) => index),
          `${gpu}'s records in order`,
        );
      }
    } finally {
      await consumer.close();
    }
  });
});
