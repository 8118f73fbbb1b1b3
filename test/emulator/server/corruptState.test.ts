import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { CreateWorkGroupCommand, AthenaClient } from "@aws-sdk/client-athena";
import { CreateCrawlerCommand, CreateDatabaseCommand, GetDatabaseCommand } from "@aws-sdk/client-glue";
import { start } from "@gpu-stream/emulator";
import { startChildEmulator } from "../../support/childEmulator";
import { createBucket, createDeliveryStream, createKinesisStream } from "../../support/firehoseSdk";
import { ROLE_ARN } from "../../support/firehoseTestKit";
import { clientConfig, startTestEmulator } from "../../support/testEmulator";

// Every state file is replaced whole (written aside, then renamed), so no crash leaves one half-written. One that
// does not parse was damaged from outside; guessing around it could serve wrong data or drop what was
// acknowledged, so the emulator refuses to start and says which file and what to do.

/** The first file named `name` under `directory`. */
async function findFile(directory: string, name: string): Promise<string> {
  for (const entry of await readdir(directory, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name === name) {
      return join(entry.parentPath, entry.name);
    }
  }
  throw new Error(`no ${name} under ${directory}`);
}

describe("state files damaged outside the emulator", () => {
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "gpu-stream-corrupt-"));
    const emulator = await startTestEmulator({ dataDir });
    const bucket = await createBucket(emulator.s3, "corrupt-bucket");
    const stream = await createKinesisStream(emulator.kinesis, 1, "corrupt-stream");
    await createDeliveryStream(emulator.firehose, { bucket, kinesisStream: stream, name: "corrupt-delivery" });
    await emulator.glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: "corrupt_db" } }));
    await emulator.glue.send(new CreateCrawlerCommand({ Name: "corrupt-crawler", Role: ROLE_ARN, DatabaseName: "corrupt_db", Targets: { S3Targets: [{ Path: `s3://${bucket}/` }] } }));
    const athena = new AthenaClient(clientConfig(emulator.emulator.url));
    await athena.send(new CreateWorkGroupCommand({ Name: "corrupt-group" }));
    athena.destroy();
    await emulator.stop();
  });
  after(async () => rm(dataDir, { recursive: true, force: true }));

  describe("errors", () => {
    for (const file of ["catalog.json", "crawlers.json", "stream.json", "definition.json", "checkpoint.json", "workgroups.json"]) {
      test(`refuses to start when ${file} is cut in half, naming it, and starts as before once it is restored`, async () => {
        const path = await findFile(dataDir, file);
        const original = await readFile(path);
        await writeFile(path, original.subarray(0, Math.floor(original.length / 2)));
        try {
          await assert.rejects(start({ dataDir, port: 0, log: () => undefined }), (error: Error) => {
            assert.equal(error.name, "CorruptStateError");
            assert.ok(error.message.startsWith(`${path} is corrupt (`), error.message);
            assert.match(error.message, /--reset/);
            return true;
          });
        } finally {
          await writeFile(path, original);
        }
        const emulator = await startTestEmulator({ dataDir });
        try {
          assert.equal((await emulator.glue.send(new GetDatabaseCommand({ Name: "corrupt_db" }))).Database?.Name, "corrupt_db");
        } finally {
          await emulator.stop();
        }
      });
    }

    test("the command line exits 1 with the message, and the port is not taken", async () => {
      const path = await findFile(dataDir, "catalog.json");
      const original = await readFile(path);
      await writeFile(path, "{");
      try {
        await assert.rejects(startChildEmulator(dataDir), (error: Error) => {
          assert.match(error.message, /exited \(1\) before listening/);
          assert.match(error.message, /catalog\.json is corrupt/);
          return true;
        });
      } finally {
        await writeFile(path, original);
      }
    });
  });
});
