import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  ListStreamsCommand,
  PutRecordCommand,
} from "@aws-sdk/client-kinesis";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { bytes, ManualClock, rejectsWith, uniqueStreamName } from "../../support/kinesisTestKit";

const DELAY_MS = 30_000;

describe("Kinesis stream status (with a CREATING/DELETING delay)", () => {
  const clock = new ManualClock();
  let emulator: TestEmulator;
  useTestEmulator(
    (started) => {
      emulator = started;
    },
    { createStreamDelayMs: DELAY_MS, now: clock.now },
  );

  async function status(name: string): Promise<string | undefined> {
    return (await emulator.kinesis.send(new DescribeStreamCommand({ StreamName: name }))).StreamDescription?.StreamStatus;
  }

  describe("errors", () => {
    test("answers PutRecord to a CREATING stream with ResourceNotFoundException", async () => {
      const name = uniqueStreamName();
      await emulator.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
      await rejectsWith(
        emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes("x") })),
        { name: "ResourceNotFoundException", message: `Stream ${name} under account 000000000000 not found.` },
      );
    });

    test("answers GetShardIterator on a CREATING stream with ResourceNotFoundException", async () => {
      const name = uniqueStreamName();
      await emulator.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
      await rejectsWith(
        emulator.kinesis.send(new GetShardIteratorCommand({ StreamName: name, ShardId: "shardId-000000000000", ShardIteratorType: "LATEST" })),
        { name: "ResourceNotFoundException" },
      );
    });

    test("answers ListShards on a CREATING stream with ResourceInUseException", async () => {
      const name = uniqueStreamName();
      await emulator.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
      await rejectsWith(emulator.kinesis.send(new ListShardsCommand({ StreamName: name })), { name: "ResourceInUseException", message: /instead in state CREATING/ });
    });

    test("deletes a CREATING stream, which goes DELETING (kinesalite test/deleteStream.js, run against Kinesis)", async () => {
      const name = uniqueStreamName();
      await emulator.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
      await emulator.kinesis.send(new DeleteStreamCommand({ StreamName: name }));
      const { StreamDescription } = await emulator.kinesis.send(new DescribeStreamCommand({ StreamName: name }));
      assert.equal(StreamDescription?.StreamStatus, "DELETING");
    });

    test("answers CreateStream of a name still DELETING with ResourceInUseException", async () => {
      const name = uniqueStreamName();
      await emulator.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
      clock.advance(DELAY_MS);
      await emulator.kinesis.send(new DeleteStreamCommand({ StreamName: name }));
      await rejectsWith(emulator.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 })), { name: "ResourceInUseException" });
    });
  });

  describe("behaviour", () => {
    test("a new stream is CREATING without shards, then ACTIVE with them once the delay has passed", async () => {
      const name = uniqueStreamName();
      await emulator.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 2 }));
      const creating = await emulator.kinesis.send(new DescribeStreamCommand({ StreamName: name }));
      assert.equal(creating.StreamDescription?.StreamStatus, "CREATING");
      assert.deepEqual(creating.StreamDescription?.Shards, []);
      const summary = await emulator.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
      assert.equal(summary.StreamDescriptionSummary?.OpenShardCount, 0);
      clock.advance(DELAY_MS - 1);
      assert.equal(await status(name), "CREATING");
      clock.advance(1);
      const active = await emulator.kinesis.send(new DescribeStreamCommand({ StreamName: name }));
      assert.equal(active.StreamDescription?.StreamStatus, "ACTIVE");
      assert.equal(active.StreamDescription?.Shards?.length, 2);
      await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes("x") }));
    });

    test("a deleted stream is DELETING, listed as such, then gone", async () => {
      const name = uniqueStreamName();
      await emulator.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
      clock.advance(DELAY_MS);
      await emulator.kinesis.send(new DeleteStreamCommand({ StreamName: name }));
      assert.equal(await status(name), "DELETING");
      const listed = await emulator.kinesis.send(new ListStreamsCommand({}));
      assert.equal(listed.StreamSummaries?.find((summary) => summary.StreamName === name)?.StreamStatus, "DELETING");
      await rejectsWith(
        emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes("x") })),
        { name: "ResourceNotFoundException" },
      );
      clock.advance(DELAY_MS);
      await rejectsWith(emulator.kinesis.send(new DescribeStreamCommand({ StreamName: name })), { name: "ResourceNotFoundException" });
      assert.equal((await emulator.kinesis.send(new ListStreamsCommand({}))).StreamNames?.includes(name), false);
    });
  });
});
