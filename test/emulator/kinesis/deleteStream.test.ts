import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamCommand,
  GetRecordsCommand,
  PutRecordCommand,
  waitUntilStreamNotExists,
} from "@aws-sdk/client-kinesis";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { bytes, createStream, readStream, rejectsWith, shardIterator, text, uniqueStreamName } from "../../support/kinesisTestKit";

describe("Kinesis DeleteStream", () => {
  let emulator: TestEmulator;
  useTestEmulator((started) => {
    emulator = started;
  });

  describe("validation", () => {
    test("rejects a StreamName with a slash with ValidationException", async () => {
      await rejectsWith(emulator.kinesis.send(new DeleteStreamCommand({ StreamName: "a/b" })), { name: "ValidationException", message: /at 'streamName'/ });
    });
  });

  describe("errors", () => {
    test("answers ResourceNotFoundException for a stream that does not exist", async () => {
      await rejectsWith(
        emulator.kinesis.send(new DeleteStreamCommand({ StreamName: "never-created" })),
        { name: "ResourceNotFoundException", message: "Stream never-created under account 000000000000 not found." },
      );
    });

    test("answers InvalidArgumentException when neither StreamName nor StreamARN is given", async () => {
      await rejectsWith(emulator.kinesis.send(new DeleteStreamCommand({})), { name: "InvalidArgumentException", message: /StreamName or StreamARN/ });
    });
  });

  describe("behaviour", () => {
    test("a deleted stream is gone at once with the default delay", async () => {
      const name = await createStream(emulator.kinesis);
      await emulator.kinesis.send(new DeleteStreamCommand({ StreamName: name }));
      await rejectsWith(emulator.kinesis.send(new DescribeStreamCommand({ StreamName: name })), { name: "ResourceNotFoundException" });
      const result = await waitUntilStreamNotExists({ client: emulator.kinesis, maxWaitTime: 60 }, { StreamName: name });
      assert.equal(result.state, "SUCCESS");
    });

    test("deletes by StreamARN", async () => {
      const name = await createStream(emulator.kinesis);
      await emulator.kinesis.send(new DeleteStreamCommand({ StreamARN: `arn:aws:kinesis:us-east-1:000000000000:stream/${name}` }));
      await rejectsWith(emulator.kinesis.send(new DescribeStreamCommand({ StreamName: name })), { name: "ResourceNotFoundException" });
    });

    test("removes the stream's files", async () => {
      const name = await createStream(emulator.kinesis);
      await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes("x") }));
      const streamsDirectory = join(emulator.dataDir, "kinesis", "streams");
      assert.ok((await readdir(streamsDirectory)).some((entry) => entry.startsWith(`${name}.`)));
      await emulator.kinesis.send(new DeleteStreamCommand({ StreamName: name }));
      // Removal finishes in the background: poll the directory, bounded by count, not by time.
      let remaining = true;
      for (let attempt = 0; attempt < 2000 && remaining; attempt += 1) {
        remaining = (await readdir(streamsDirectory)).some((entry) => entry.startsWith(`${name}.`));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      assert.equal(remaining, false);
    });

    test("a stream created again under the same name starts empty, and old iterators do not read it", async () => {
      const name = await createStream(emulator.kinesis);
      await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes("old") }));
      const oldIterator = await shardIterator(emulator.kinesis, name, "shardId-000000000000");
      await emulator.kinesis.send(new DeleteStreamCommand({ StreamName: name }));
      await emulator.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
      await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes("new") }));
      assert.deepEqual((await readStream(emulator.kinesis, name)).map((record) => text(record.Data)), ["new"]);
      await rejectsWith(emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: oldIterator })), { name: "ResourceNotFoundException" });
    });

    test("a name is free again after deletion", async () => {
      const name = uniqueStreamName();
      await emulator.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
      await emulator.kinesis.send(new DeleteStreamCommand({ StreamName: name }));
      await emulator.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 2 }));
      const { StreamDescription } = await emulator.kinesis.send(new DescribeStreamCommand({ StreamName: name }));
      assert.equal(StreamDescription?.Shards?.length, 2);
    });
  });
});
