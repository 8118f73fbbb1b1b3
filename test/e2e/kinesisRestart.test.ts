import { describe, test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { appendFile, mkdtemp, readdir, rm, stat, truncate } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import {
  AddTagsToStreamCommand,
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamCommand,
  GetRecordsCommand,
  IncreaseStreamRetentionPeriodCommand,
  KinesisClient,
  ListStreamsCommand,
  ListTagsForStreamCommand,
  PutRecordCommand,
  PutRecordsCommand,
} from "@aws-sdk/client-kinesis";
import { clientConfig, startTestEmulator, type TestEmulator } from "../support/testEmulator";
import { bytes, createStream, readStream, rejectsWith, shardIterator, text } from "../support/kinesisTestKit";
import { REPO_ROOT } from "../support/repoRoot";

const SHARD_0 = "shardId-000000000000";

/** The log file of a stream's shard in a data directory. */
async function shardLogPath(dataDir: string, streamName: string, shardId = SHARD_0): Promise<string> {
  const streams = join(dataDir, "kinesis", "streams");
  const directory = (await readdir(streams)).find((entry) => entry.startsWith(`${streamName}.`));
  assert.ok(directory, `no directory for ${streamName}`);
  return join(streams, directory, `${shardId}.log`);
}

describe("Kinesis across a restart", () => {
  const running: TestEmulator[] = [];
  const directories: string[] = [];
  after(async () => {
    for (const emulator of running) {
      await emulator.stop();
    }
    for (const directory of directories) {
      await rm(directory, { recursive: true, force: true });
    }
  });

  async function startOn(dataDir?: string): Promise<TestEmulator> {
    const emulator = await startTestEmulator(dataDir === undefined ? {} : { dataDir });
    running.push(emulator);
    if (!directories.includes(emulator.dataDir)) {
      directories.push(emulator.dataDir);
    }
    return emulator;
  }

  async function restart(emulator: TestEmulator): Promise<TestEmulator> {
    await emulator.stop();
    running.splice(running.indexOf(emulator), 1);
    return startOn(emulator.dataDir);
  }

  describe("errors", () => {
    test("a stream deleted before the restart stays deleted", async () => {
      let emulator = await startOn();
      const name = await createStream(emulator.kinesis);
      await emulator.kinesis.send(new DeleteStreamCommand({ StreamName: name }));
      emulator = await restart(emulator);
      await rejectsWith(emulator.kinesis.send(new DescribeStreamCommand({ StreamName: name })), { name: "ResourceNotFoundException" });
    });
  });

  describe("behaviour", () => {
    test("finds every stream, record, tag and retention period as it was", async () => {
      let emulator = await startOn();
      const one = await createStream(emulator.kinesis, 1);
      const three = await createStream(emulator.kinesis, 3);
      await emulator.kinesis.send(new AddTagsToStreamCommand({ StreamName: three, Tags: { course: "gpu-stream" } }));
      await emulator.kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: three, RetentionPeriodHours: 72 }));
      await emulator.kinesis.send(new PutRecordCommand({ StreamName: one, PartitionKey: "k", Data: bytes("solo") }));
      await emulator.kinesis.send(
        new PutRecordsCommand({ StreamName: three, Records: Array.from({ length: 300 }, (_, index) => ({ PartitionKey: `key-${index}`, Data: bytes(`r${index}`) })) }),
      );
      const before = await readStream(emulator.kinesis, three);
      const describedBefore = await emulator.kinesis.send(new DescribeStreamCommand({ StreamName: three }));

      emulator = await restart(emulator);

      assert.deepEqual((await emulator.kinesis.send(new ListStreamsCommand({}))).StreamNames, [one, three].sort());
      assert.deepEqual((await readStream(emulator.kinesis, one)).map((record) => text(record.Data)), ["solo"]);
      assert.deepEqual(await readStream(emulator.kinesis, three), before);
      const describedAfter = await emulator.kinesis.send(new DescribeStreamCommand({ StreamName: three }));
      assert.deepEqual(describedAfter.StreamDescription, describedBefore.StreamDescription);
      assert.equal(describedAfter.StreamDescription?.RetentionPeriodHours, 72);
      assert.deepEqual((await emulator.kinesis.send(new ListTagsForStreamCommand({ StreamName: three }))).Tags, [{ Key: "course", Value: "gpu-stream" }]);
    });

    test("sequence numbers keep increasing after the restart", async () => {
      let emulator = await startOn();
      const name = await createStream(emulator.kinesis);
      const before = await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes("before") }));
      emulator = await restart(emulator);
      const after = await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes("after") }));
      assert.ok(BigInt(after.SequenceNumber!) > BigInt(before.SequenceNumber!));
      assert.deepEqual((await readStream(emulator.kinesis, name)).map((record) => text(record.Data)), ["before", "after"]);
    });

    test("an iterator made before the restart still reads after it", async () => {
      let emulator = await startOn();
      const name = await createStream(emulator.kinesis);
      await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes("x") }));
      const iterator = await shardIterator(emulator.kinesis, name, SHARD_0);
      emulator = await restart(emulator);
      const { Records } = await emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator }));
      assert.deepEqual(Records?.map((record) => text(record.Data)), ["x"]);
    });

    test("a torn last record is cut off, never served, and the shard goes on from there", async () => {
      let emulator = await startOn();
      const name = await createStream(emulator.kinesis);
      for (const value of ["a", "b", "c"]) {
        await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes(value) }));
      }
      await emulator.stop();
      running.splice(running.indexOf(emulator), 1);
      const log = await shardLogPath(emulator.dataDir, name);
      const intactSize = (await stat(log)).size;
      // A crash in the middle of appending "d": its header promises more bytes than reached the file.
      const torn = Buffer.alloc(12);
      torn.writeUInt32LE(100, 0);
      await appendFile(log, torn);

      emulator = await startOn(emulator.dataDir);
      assert.equal((await stat(log)).size, intactSize);
      assert.deepEqual((await readStream(emulator.kinesis, name)).map((record) => text(record.Data)), ["a", "b", "c"]);
      await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes("d") }));
      assert.deepEqual((await readStream(emulator.kinesis, name)).map((record) => text(record.Data)), ["a", "b", "c", "d"]);
    });

    test("a last record whose bytes do not match its checksum is cut off", async () => {
      let emulator = await startOn();
      const name = await createStream(emulator.kinesis);
      for (const value of ["first", "second"]) {
        await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes(value) }));
      }
      await emulator.stop();
      running.splice(running.indexOf(emulator), 1);
      const log = await shardLogPath(emulator.dataDir, name);
      // Drop the last byte and append a different one: the length is right, the content is not.
      const size = (await stat(log)).size;
      await truncate(log, size - 1);
      await appendFile(log, Buffer.from("X"));

      emulator = await startOn(emulator.dataDir);
      assert.deepEqual((await readStream(emulator.kinesis, name)).map((record) => text(record.Data)), ["first"]);
    });

    test("a killed emulator loses no record it acknowledged", async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "gpu-stream-kill-"));
      directories.push(dataDir);
      const child = spawn(
        process.execPath,
        ["-e", `require("@gpu-stream/emulator").start({ port: 0, dataDir: ${JSON.stringify(dataDir)}, log: () => {} }).then((e) => console.log(e.url))`],
        { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "inherit"] },
      );
      const exited = new Promise((resolve) => child.once("exit", resolve));
      const [url] = (await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next()).value!.split("\n") as [string];
      const kinesis = new KinesisClient(clientConfig(url));
      const acknowledged: string[] = [];
      try {
        await kinesis.send(new CreateStreamCommand({ StreamName: "killed", ShardCount: 2 }));
        for (let batch = 0; batch < 5; batch += 1) {
          const records = Array.from({ length: 100 }, (_, index) => ({ PartitionKey: `k${index}`, Data: bytes(`${batch}-${index}`) }));
          const { Records } = await kinesis.send(new PutRecordsCommand({ StreamName: "killed", Records: records }));
          Records?.forEach((result, index) => (result.SequenceNumber === undefined ? undefined : acknowledged.push(text(records[index]!.Data))));
        }
        await kinesis.send(new PutRecordCommand({ StreamName: "killed", PartitionKey: "last", Data: bytes("last") }));
        acknowledged.push("last");
      } finally {
        kinesis.destroy();
        child.kill("SIGKILL");
        await exited;
      }
      const emulator = await startOn(dataDir);
      const stored = (await readStream(emulator.kinesis, "killed")).map((record) => text(record.Data));
      assert.deepEqual(stored.sort(), acknowledged.sort());
      assert.equal(stored.length, 501);
    });
  });
});
