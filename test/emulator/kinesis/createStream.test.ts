import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateStreamCommand,
  DescribeLimitsCommand,
  DescribeStreamCommand,
  KinesisClient,
  ListTagsForStreamCommand,
  waitUntilStreamExists,
} from "@aws-sdk/client-kinesis";
import { clientConfig, useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { createStream, listAllShards, rejectsWith, uniqueStreamName } from "../../support/kinesisTestKit";

const HASH_KEY_MAX = (1n << 128n) - 1n;

describe("Kinesis CreateStream", () => {
  let emulator: TestEmulator;
  useTestEmulator((started) => {
    emulator = started;
  });

  describe("validation", () => {
    test("rejects a 129-character StreamName with ValidationException", async () => {
      await rejectsWith(
        emulator.kinesis.send(new CreateStreamCommand({ StreamName: "s".repeat(129), ShardCount: 1 })),
        { name: "ValidationException", message: /^1 validation error detected: Value 's{129}' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128$/ },
      );
    });

    test("rejects a StreamName outside [a-zA-Z0-9_.-]+ with ValidationException", async () => {
      await rejectsWith(
        emulator.kinesis.send(new CreateStreamCommand({ StreamName: "has space", ShardCount: 1 })),
        { name: "ValidationException", message: "1 validation error detected: Value 'has space' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+" },
      );
    });

    test("rejects a ShardCount of 0 with ValidationException", async () => {
      await rejectsWith(
        emulator.kinesis.send(new CreateStreamCommand({ StreamName: uniqueStreamName(), ShardCount: 0 })),
        { name: "ValidationException", message: /Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1/ },
      );
    });

    test("rejects an unknown StreamMode with ValidationException", async () => {
      await rejectsWith(
        emulator.kinesis.send(new CreateStreamCommand({ StreamName: uniqueStreamName(), StreamModeDetails: { StreamMode: "SOMETIMES" as "ON_DEMAND" } })),
        { name: "ValidationException", message: /at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set: \[PROVISIONED, ON_DEMAND\]/ },
      );
    });
  });

  describe("errors", () => {
    test("answers ResourceInUseException for a name already taken", async () => {
      const name = await createStream(emulator.kinesis);
      await rejectsWith(
        emulator.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 })),
        { name: "ResourceInUseException", message: `Stream ${name} under account 000000000000 already exists.` },
      );
    });

    test("answers InvalidArgumentException for PROVISIONED without ShardCount", async () => {
      await rejectsWith(
        emulator.kinesis.send(new CreateStreamCommand({ StreamName: uniqueStreamName(), StreamModeDetails: { StreamMode: "PROVISIONED" } })),
        { name: "InvalidArgumentException", message: /ShardCount is required/ },
      );
    });

    test("answers InvalidArgumentException for ON_DEMAND with a ShardCount", async () => {
      await rejectsWith(
        emulator.kinesis.send(new CreateStreamCommand({ StreamName: uniqueStreamName(), ShardCount: 2, StreamModeDetails: { StreamMode: "ON_DEMAND" } })),
        { name: "InvalidArgumentException" },
      );
    });

    test("answers LimitExceededException past the account's shard limit", async () => {
      const { ShardLimit, OpenShardCount } = await emulator.kinesis.send(new DescribeLimitsCommand({}));
      await rejectsWith(
        emulator.kinesis.send(new CreateStreamCommand({ StreamName: uniqueStreamName(), ShardCount: ShardLimit! - OpenShardCount! + 1 })),
        { name: "LimitExceededException", message: /would exceed the shard limit for the account 000000000000 in us-east-1/ },
      );
    });

    test("answers InvalidArgumentException for tags with characters AWS refuses", async () => {
      await rejectsWith(
        emulator.kinesis.send(new CreateStreamCommand({ StreamName: uniqueStreamName(), ShardCount: 1, Tags: { "a#b": "x" } })),
        { name: "InvalidArgumentException", message: /invalid characters/ },
      );
    });
  });

  describe("behaviour", () => {
    test("a new stream is ACTIVE by the first DescribeStream with its shards", async () => {
      const name = await createStream(emulator.kinesis, 3);
      const { StreamDescription } = await emulator.kinesis.send(new DescribeStreamCommand({ StreamName: name }));
      assert.equal(StreamDescription?.StreamStatus, "ACTIVE");
      assert.deepEqual(
        StreamDescription?.Shards?.map((shard) => shard.ShardId),
        ["shardId-000000000000", "shardId-000000000001", "shardId-000000000002"],
      );
      assert.deepEqual(StreamDescription?.StreamModeDetails, { StreamMode: "PROVISIONED" });
      assert.equal(StreamDescription?.RetentionPeriodHours, 24);
      assert.equal(StreamDescription?.StreamARN, `arn:aws:kinesis:us-east-1:000000000000:stream/${name}`);
    });

    test("splits the 128-bit hash-key space into contiguous equal ranges, as AWS does", async () => {
      const name = await createStream(emulator.kinesis, 3);
      const shards = await listAllShards(emulator.kinesis, name);
      const ranges = shards.map((shard) => [BigInt(shard.HashKeyRange!.StartingHashKey!), BigInt(shard.HashKeyRange!.EndingHashKey!)] as const);
      const size = (1n << 128n) / 3n;
      assert.deepEqual(ranges, [
        [0n, size - 1n],
        [size, 2n * size - 1n],
        [2n * size, HASH_KEY_MAX],
      ]);
    });

    test("an ON_DEMAND stream starts with 4 shards", async () => {
      const name = uniqueStreamName();
      await emulator.kinesis.send(new CreateStreamCommand({ StreamName: name, StreamModeDetails: { StreamMode: "ON_DEMAND" } }));
      const { StreamDescription } = await emulator.kinesis.send(new DescribeStreamCommand({ StreamName: name }));
      assert.equal(StreamDescription?.Shards?.length, 4);
      assert.deepEqual(StreamDescription?.StreamModeDetails, { StreamMode: "ON_DEMAND" });
    });

    test("a stream created with neither ShardCount nor mode is ON_DEMAND", async () => {
      const name = uniqueStreamName();
      await emulator.kinesis.send(new CreateStreamCommand({ StreamName: name }));
      const { StreamDescription } = await emulator.kinesis.send(new DescribeStreamCommand({ StreamName: name }));
      assert.deepEqual(StreamDescription?.StreamModeDetails, { StreamMode: "ON_DEMAND" });
    });

    test("keeps the tags given at creation", async () => {
      const name = uniqueStreamName();
      await emulator.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1, Tags: { course: "gpu-stream", unit: "W" } }));
      const { Tags } = await emulator.kinesis.send(new ListTagsForStreamCommand({ StreamName: name }));
      assert.deepEqual(Tags, [
        { Key: "course", Value: "gpu-stream" },
        { Key: "unit", Value: "W" },
      ]);
    });

    test("waitUntilStreamExists succeeds at its first poll with the default delay", async () => {
      const name = await createStream(emulator.kinesis);
      const client = new KinesisClient(clientConfig(emulator.emulator.url));
      const polls: string[] = [];
      client.middlewareStack.add(
        (next, context) => (args) => {
          polls.push(String(context.commandName));
          return next(args);
        },
        { step: "initialize" },
      );
      try {
        const result = await waitUntilStreamExists({ client, maxWaitTime: 60 }, { StreamName: name });
        assert.equal(result.state, "SUCCESS");
        // A CREATING answer at the first poll would have cost a second poll, 10 s later.
        assert.deepEqual(polls, ["DescribeStreamCommand"]);
      } finally {
        client.destroy();
      }
    });

    test("two names differing only in case are two streams", async () => {
      const name = uniqueStreamName("CaseTest");
      await createStream(emulator.kinesis, 1, name);
      await createStream(emulator.kinesis, 2, name.toLowerCase());
      const upper = await emulator.kinesis.send(new DescribeStreamCommand({ StreamName: name }));
      const lower = await emulator.kinesis.send(new DescribeStreamCommand({ StreamName: name.toLowerCase() }));
      assert.equal(upper.StreamDescription?.Shards?.length, 1);
      assert.equal(lower.StreamDescription?.Shards?.length, 2);
    });

    test("accepts the names '.' and '..' without touching the data directory's layout", async () => {
      await createStream(emulator.kinesis, 1, ".");
      await createStream(emulator.kinesis, 1, "..");
      const { StreamDescription } = await emulator.kinesis.send(new DescribeStreamCommand({ StreamName: ".." }));
      assert.equal(StreamDescription?.StreamName, "..");
    });
  });
});
