import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ListShardsCommand } from "@aws-sdk/client-kinesis";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { createStream, ManualClock, rejectsWith } from "../../support/kinesisTestKit";

describe("Kinesis ListShards", () => {
  const clock = new ManualClock();
  let emulator: TestEmulator;
  useTestEmulator(
    (started) => {
      emulator = started;
    },
    { now: clock.now },
  );

  describe("validation", () => {
    test("rejects a MaxResults of 10001 with ValidationException", async () => {
      await rejectsWith(emulator.kinesis.send(new ListShardsCommand({ StreamName: "x", MaxResults: 10001 })), { name: "ValidationException", message: /at 'maxResults'/ });
    });

    test("rejects an unknown ShardFilter type with ValidationException", async () => {
      await rejectsWith(
        emulator.kinesis.send(new ListShardsCommand({ StreamName: "x", ShardFilter: { Type: "SOME" as "AT_LATEST" } })),
        { name: "ValidationException", message: /at 'shardFilter.type'/ },
      );
    });
  });

  describe("errors", () => {
    test("answers InvalidArgumentException with neither NextToken nor StreamName", async () => {
      await rejectsWith(emulator.kinesis.send(new ListShardsCommand({})), { name: "InvalidArgumentException", message: "Either NextToken or StreamName should be provided." });
    });

    test("answers InvalidArgumentException for NextToken with StreamName", async () => {
      const name = await createStream(emulator.kinesis, 3);
      const { NextToken } = await emulator.kinesis.send(new ListShardsCommand({ StreamName: name, MaxResults: 1 }));
      await rejectsWith(
        emulator.kinesis.send(new ListShardsCommand({ StreamName: name, NextToken })),
        { name: "InvalidArgumentException", message: "NextToken and StreamName cannot be provided together." },
      );
    });

    test("answers InvalidArgumentException for a tampered NextToken", async () => {
      const name = await createStream(emulator.kinesis, 3);
      const { NextToken } = await emulator.kinesis.send(new ListShardsCommand({ StreamName: name, MaxResults: 1 }));
      const bytes = Buffer.from(NextToken!, "base64");
      bytes[bytes.length - 20]! ^= 1;
      await rejectsWith(emulator.kinesis.send(new ListShardsCommand({ NextToken: bytes.toString("base64") })), { name: "InvalidArgumentException" });
    });

    test("answers ExpiredNextTokenException for a NextToken older than 300 seconds", async () => {
      const name = await createStream(emulator.kinesis, 3);
      const { NextToken } = await emulator.kinesis.send(new ListShardsCommand({ StreamName: name, MaxResults: 1 }));
      clock.advance(300_001);
      await rejectsWith(emulator.kinesis.send(new ListShardsCommand({ NextToken })), { name: "ExpiredNextTokenException" });
    });

    test("answers ResourceNotFoundException for a stream that does not exist", async () => {
      await rejectsWith(emulator.kinesis.send(new ListShardsCommand({ StreamName: "missing" })), { name: "ResourceNotFoundException" });
    });

    test("answers InvalidArgumentException for AFTER_SHARD_ID without a ShardId", async () => {
      const name = await createStream(emulator.kinesis, 2);
      await rejectsWith(emulator.kinesis.send(new ListShardsCommand({ StreamName: name, ShardFilter: { Type: "AFTER_SHARD_ID" } })), { name: "InvalidArgumentException" });
    });
  });

  describe("behaviour", () => {
    test("lists every shard with its ranges", async () => {
      const name = await createStream(emulator.kinesis, 4);
      const { Shards, NextToken } = await emulator.kinesis.send(new ListShardsCommand({ StreamName: name }));
      assert.equal(Shards?.length, 4);
      assert.equal(NextToken, undefined);
      assert.equal(Shards?.[0]?.HashKeyRange?.StartingHashKey, "0");
      assert.equal(Shards?.[3]?.HashKeyRange?.EndingHashKey, ((1n << 128n) - 1n).toString());
    });

    test("pages with MaxResults and NextToken, missing and repeating nothing", async () => {
      const name = await createStream(emulator.kinesis, 5);
      const ids: string[] = [];
      let page = await emulator.kinesis.send(new ListShardsCommand({ StreamName: name, MaxResults: 2 }));
      ids.push(...(page.Shards ?? []).map((shard) => shard.ShardId!));
      while (page.NextToken !== undefined) {
        page = await emulator.kinesis.send(new ListShardsCommand({ NextToken: page.NextToken, MaxResults: 2 }));
        ids.push(...(page.Shards ?? []).map((shard) => shard.ShardId!));
      }
      assert.deepEqual(ids, [0, 1, 2, 3, 4].map((index) => `shardId-00000000000${index}`));
    });

    test("lists by StreamARN, after ExclusiveStartShardId", async () => {
      const name = await createStream(emulator.kinesis, 3);
      const { Shards } = await emulator.kinesis.send(
        new ListShardsCommand({ StreamARN: `arn:aws:kinesis:us-east-1:000000000000:stream/${name}`, ExclusiveStartShardId: "shardId-000000000000" }),
      );
      assert.deepEqual(Shards?.map((shard) => shard.ShardId), ["shardId-000000000001", "shardId-000000000002"]);
    });

    test("filters AFTER_SHARD_ID, and lists all open shards AT_LATEST", async () => {
      const name = await createStream(emulator.kinesis, 3);
      const after = await emulator.kinesis.send(new ListShardsCommand({ StreamName: name, ShardFilter: { Type: "AFTER_SHARD_ID", ShardId: "shardId-000000000001" } }));
      assert.deepEqual(after.Shards?.map((shard) => shard.ShardId), ["shardId-000000000002"]);
      const latest = await emulator.kinesis.send(new ListShardsCommand({ StreamName: name, ShardFilter: { Type: "AT_LATEST" } }));
      assert.equal(latest.Shards?.length, 3);
    });
  });
});
