import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ensureStream, estimateRunningCost, localPipelineNames, US_EAST_1_PRICES } from "@gpu-stream/shared";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

describe("estimateRunningCost: what the stream as it exists bills per hour", () => {
  let emulator: TestEmulator;
  useTestEmulator((started) => {
    emulator = started;
  });

  test("nothing when the stream does not exist", async () => {
    assert.equal(await estimateRunningCost(emulator.clients, localPipelineNames()), undefined);
  });

  test("a provisioned stream's shards, read from the stream itself", async () => {
    const names = localPipelineNames();
    await ensureStream(emulator.clients.kinesis, names.stream, { shardCount: 3 });
    const estimate = await estimateRunningCost(emulator.clients, names);
    assert.equal(estimate?.streamMode, "PROVISIONED");
    assert.equal(estimate?.shardCount, 3);
    assert.ok(Math.abs(estimate!.usdPerHour - 3 * US_EAST_1_PRICES.kinesis.provisionedShardHour) < 1e-9);
  });

  test("an on-demand stream", async () => {
    const names = { ...localPipelineNames(), stream: "on-demand" };
    await ensureStream(emulator.clients.kinesis, names.stream, { streamMode: "ON_DEMAND" });
    const estimate = await estimateRunningCost(emulator.clients, names);
    assert.equal(estimate?.streamMode, "ON_DEMAND");
    assert.ok(Math.abs(estimate!.usdPerHour - US_EAST_1_PRICES.kinesis.onDemandStreamHour) < 1e-9);
  });
});
