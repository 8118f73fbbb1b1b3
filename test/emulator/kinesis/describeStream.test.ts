import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  DescribeLimitsCommand,
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
} from "@aws-sdk/client-kinesis";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { createStream, rejectsWith } from "../../support/kinesisTestKit";

const arnOf = (name: string): string => `arn:aws:kinesis:us-east-1:000000000000:stream/${name}`;

describe("Kinesis DescribeStream, DescribeStreamSummary and DescribeLimits", () => {
  let emulator: TestEmulator;
  useTestEmulator((started) => {
    emulator = started;
  });

  describe("validation", () => {
    test("rejects a Limit of 10001 with ValidationException", async () => {
      await rejectsWith(
        emulator.kinesis.send(new DescribeStreamCommand({ StreamName: "x", Limit: 10001 })),
        { name: "ValidationException", message: "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000" },
      );
    });

    test("rejects a StreamARN of another service with ValidationException", async () => {
      await rejectsWith(
        emulator.kinesis.send(new DescribeStreamCommand({ StreamARN: "arn:aws:s3:::bucket" })),
        { name: "ValidationException", message: /at 'streamARN' failed to satisfy constraint: Member must satisfy regular expression pattern/ },
      );
    });
  });

  describe("errors", () => {
    test("answers ResourceNotFoundException, worded as AWS words it", async () => {
      await rejectsWith(
        emulator.kinesis.send(new DescribeStreamCommand({ StreamName: "missing" })),
        { name: "ResourceNotFoundException", message: "Stream missing under account 000000000000 not found." },
      );
    });

    test("answers InvalidArgumentException without StreamName or StreamARN", async () => {
      await rejectsWith(emulator.kinesis.send(new DescribeStreamSummaryCommand({})), { name: "InvalidArgumentException" });
    });

    test("answers InvalidArgumentException when StreamName and StreamARN disagree", async () => {
      const name = await createStream(emulator.kinesis);
      await rejectsWith(emulator.kinesis.send(new DescribeStreamCommand({ StreamName: name, StreamARN: arnOf("other") })), { name: "InvalidArgumentException" });
    });

    test("answers ResourceNotFoundException for an ARN of another account", async () => {
      const name = await createStream(emulator.kinesis);
      await rejectsWith(
        emulator.kinesis.send(new DescribeStreamCommand({ StreamARN: `arn:aws:kinesis:us-east-1:123456789012:stream/${name}` })),
        { name: "ResourceNotFoundException", message: `Stream ${name} under account 123456789012 not found.` },
      );
    });
  });

  describe("behaviour", () => {
    test("describes a stream by name and by ARN alike", async () => {
      const name = await createStream(emulator.kinesis, 2);
      const byName = await emulator.kinesis.send(new DescribeStreamCommand({ StreamName: name }));
      const byArn = await emulator.kinesis.send(new DescribeStreamCommand({ StreamARN: arnOf(name) }));
      assert.deepEqual(byArn.StreamDescription, byName.StreamDescription);
      assert.equal(byName.StreamDescription?.EncryptionType, "NONE");
      assert.deepEqual(byName.StreamDescription?.EnhancedMonitoring, [{ ShardLevelMetrics: [] }]);
      assert.ok(byName.StreamDescription?.StreamCreationTimestamp instanceof Date);
    });

    test("pages shards with Limit, ExclusiveStartShardId and HasMoreShards", async () => {
      const name = await createStream(emulator.kinesis, 5);
      const first = await emulator.kinesis.send(new DescribeStreamCommand({ StreamName: name, Limit: 2 }));
      assert.deepEqual(first.StreamDescription?.Shards?.map((shard) => shard.ShardId), ["shardId-000000000000", "shardId-000000000001"]);
      assert.equal(first.StreamDescription?.HasMoreShards, true);
      const rest = await emulator.kinesis.send(new DescribeStreamCommand({ StreamName: name, ExclusiveStartShardId: "shardId-000000000001" }));
      assert.deepEqual(rest.StreamDescription?.Shards?.map((shard) => shard.ShardId), ["shardId-000000000002", "shardId-000000000003", "shardId-000000000004"]);
      assert.equal(rest.StreamDescription?.HasMoreShards, false);
    });

    test("gives every shard a 56-digit StartingSequenceNumber", async () => {
      const name = await createStream(emulator.kinesis, 2);
      const { StreamDescription } = await emulator.kinesis.send(new DescribeStreamCommand({ StreamName: name }));
      for (const shard of StreamDescription?.Shards ?? []) {
        assert.match(shard.SequenceNumberRange?.StartingSequenceNumber ?? "", /^\d{56}$/);
        assert.equal(shard.SequenceNumberRange?.EndingSequenceNumber, undefined);
      }
    });

    test("summarises a stream with its open shard count", async () => {
      const name = await createStream(emulator.kinesis, 3);
      const { StreamDescriptionSummary } = await emulator.kinesis.send(new DescribeStreamSummaryCommand({ StreamARN: arnOf(name) }));
      assert.equal(StreamDescriptionSummary?.StreamName, name);
      assert.equal(StreamDescriptionSummary?.StreamStatus, "ACTIVE");
      assert.equal(StreamDescriptionSummary?.OpenShardCount, 3);
      assert.equal(StreamDescriptionSummary?.RetentionPeriodHours, 24);
      assert.equal(StreamDescriptionSummary?.ConsumerCount, 0);
    });

    test("DescribeLimits counts the open shards against AWS's default quota", async () => {
      const before = await emulator.kinesis.send(new DescribeLimitsCommand({}));
      await createStream(emulator.kinesis, 3);
      const after = await emulator.kinesis.send(new DescribeLimitsCommand({}));
      assert.equal(after.ShardLimit, 500);
      assert.equal(after.OpenShardCount, before.OpenShardCount! + 3);
      assert.equal(after.OnDemandStreamCountLimit, 50);
    });
  });
});
