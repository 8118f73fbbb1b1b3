import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { createKinesisService as CreateKinesisService } from "@gpu-stream/emulator/internal/services/kinesis/createKinesisService";

// The in-process face Firehose reads streams through is not part of the package's public exports: load it by path.
const { createKinesisService } = require("@gpu-stream/emulator/internal/services/kinesis/createKinesisService") as {
  createKinesisService: typeof CreateKinesisService;
};

type Service = Awaited<ReturnType<typeof CreateKinesisService>>;

describe("the Kinesis service's in-process face (KinesisStreams)", () => {
  let directory: string;
  let service: Service;
  let nowMs = Date.UTC(2026, 10, 28, 6, 0, 0);
  const context = { region: "us-east-1", accountId: "000000000000", now: () => nowMs };

  async function call(operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    return (await service.json!.operations[operation]!.handle(input, context)) as Record<string, unknown>;
  }

  async function put(streamName: string, partitionKey: string, value: string): Promise<{ ShardId: string; SequenceNumber: string }> {
    return (await call("PutRecord", { StreamName: streamName, PartitionKey: partitionKey, Data: new TextEncoder().encode(value) })) as { ShardId: string; SequenceNumber: string };
  }

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), "gpu-stream-kinesis-"));
    service = await createKinesisService({ directory, context, log: () => undefined }, { createStreamDelayMs: 0, enforceShardLimits: false });
  });
  after(async () => {
    await service.close();
    await rm(directory, { recursive: true, force: true });
  });

  describe("errors", () => {
    test("a stream that does not exist is a ResourceNotFoundException", () => {
      assert.throws(() => service.streams.shardIds("missing"), { code: "ResourceNotFoundException" });
    });

    test("a sequence number from another shard is refused", async () => {
      await call("CreateStream", { StreamName: "refuse", ShardCount: 2 });
      const record = await put("refuse", "k", "x");
      const other = record.ShardId === "shardId-000000000000" ? "shardId-000000000001" : "shardId-000000000000";
      await assert.rejects(service.streams.readAfter("refuse", other, record.SequenceNumber, 10), { code: "InvalidArgumentException" });
    });
  });

  describe("behaviour", () => {
    test("resolves names and ARNs, and lists the shards", async () => {
      await call("CreateStream", { StreamName: "face", ShardCount: 3 });
      const arn = service.streams.streamArn("face");
      assert.equal(arn, "arn:aws:kinesis:us-east-1:000000000000:stream/face");
      assert.equal(service.streams.resolveStreamName(arn), "face");
      assert.equal(service.streams.resolveStreamName("face"), "face");
      assert.deepEqual(service.streams.shardIds("face"), ["shardId-000000000000", "shardId-000000000001", "shardId-000000000002"]);
    });

    test("after a split, shardIds lists the open shards and shards every shard with its parents and ending", async () => {
      await call("CreateStream", { StreamName: "lineage", ShardCount: 1 });
      const record = await put("lineage", "k", "before");
      await call("SplitShard", { StreamName: "lineage", ShardToSplit: "shardId-000000000000", NewStartingHashKey: "1000" });
      assert.deepEqual(service.streams.shardIds("lineage"), ["shardId-000000000001", "shardId-000000000002"]);
      assert.deepEqual(service.streams.shards("lineage"), [
        { shardId: "shardId-000000000000", parentShardIds: [], endingSequenceNumber: record.SequenceNumber },
        { shardId: "shardId-000000000001", parentShardIds: ["shardId-000000000000"] },
        { shardId: "shardId-000000000002", parentShardIds: ["shardId-000000000000"] },
      ]);
      assert.equal((await service.streams.readAfter("lineage", "shardId-000000000000", undefined, 10)).length, 1);
    });

    test("reads from the oldest, after a sequence number, and knows the latest", async () => {
      await call("CreateStream", { StreamName: "reader", ShardCount: 1 });
      const shardId = "shardId-000000000000";
      assert.equal(service.streams.latestSequenceNumber("reader", shardId), undefined);
      const first = await put("reader", "k", "one");
      nowMs += 1000;
      const second = await put("reader", "k", "two");
      assert.equal(service.streams.latestSequenceNumber("reader", shardId), second.SequenceNumber);
      const all = await service.streams.readAfter("reader", shardId, undefined, 10);
      assert.deepEqual(
        all.map((record) => [record.sequenceNumber, record.partitionKey, new TextDecoder().decode(record.data), record.shardId]),
        [
          [first.SequenceNumber, "k", "one", shardId],
          [second.SequenceNumber, "k", "two", shardId],
        ],
      );
      assert.equal(all[1]!.arrivalMs - all[0]!.arrivalMs, 1000);
      const after = await service.streams.readAfter("reader", shardId, first.SequenceNumber, 10);
      assert.deepEqual(after.map((record) => record.sequenceNumber), [second.SequenceNumber]);
      assert.deepEqual(await service.streams.readAfter("reader", shardId, second.SequenceNumber, 10), []);
      assert.equal((await service.streams.readAfter("reader", shardId, undefined, 1)).length, 1);
    });

    test("tells listeners after records are appended, until they unsubscribe", async () => {
      await call("CreateStream", { StreamName: "notify", ShardCount: 1 });
      const heard: string[] = [];
      const unsubscribe = service.streams.onAppend((streamName) => heard.push(streamName));
      await put("notify", "k", "a");
      await call("PutRecords", { StreamName: "notify", Records: [{ PartitionKey: "k", Data: new Uint8Array([1]) }] });
      unsubscribe();
      await put("notify", "k", "b");
      assert.deepEqual(heard, ["notify", "notify"]);
    });
    test("with the fsync option, concurrent puts are acknowledged and all read back", async () => {
      const syncedDirectory = await mkdtemp(join(tmpdir(), "gpu-stream-kinesis-fsync-"));
      const synced = await createKinesisService({ directory: syncedDirectory, context, log: () => undefined }, { createStreamDelayMs: 0, enforceShardLimits: false, fsync: true });
      try {
        const operations = synced.json!.operations;
        await operations["CreateStream"]!.handle({ StreamName: "synced", ShardCount: 2 }, context);
        const puts = Array.from({ length: 40 }, (_, index) =>
          operations["PutRecord"]!.handle({ StreamName: "synced", PartitionKey: `k${index}`, Data: new TextEncoder().encode(String(index)) }, context),
        );
        const acknowledged = (await Promise.all(puts)) as { SequenceNumber: string }[];
        assert.equal(acknowledged.length, 40);
        let stored = 0;
        for (const shardId of synced.streams.shardIds("synced")) {
          stored += (await synced.streams.readAfter("synced", shardId, undefined, 100)).length;
        }
        assert.equal(stored, 40);
      } finally {
        await synced.close();
        await rm(syncedDirectory, { recursive: true, force: true });
      }
    });
  });
});
