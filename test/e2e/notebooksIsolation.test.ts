import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { ListDeliveryStreamsCommand } from "@aws-sdk/client-firehose";
import { GetDatabasesCommand } from "@aws-sdk/client-glue";
import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, ListStreamsCommand, PutRecordCommand } from "@aws-sdk/client-kinesis";
import { probeEmulator, stopEmulator } from "@gpu-stream/emulator";
import { connectPipeline, flushLocalFirehose, provisionPipeline, readEmulatorRecord, type PipelineSession } from "@gpu-stream/shared";
import { startChildEmulator } from "../support/childEmulator";
import { REPO_ROOT } from "../support/repoRoot";

// Compiled to test/dist/.
const JUPYTER_PYTHON = "/usr/bin/python3";

/** `npm run notebooks` as package.json spells it, split into the script and its arguments (no shell quoting in it). */
function notebooksScript(): { script: string; args: string[] } {
  const command = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts["notebooks"]!;
  const [bash, script, ...args] = command.split(/\s+/);
  assert.equal(bash, "bash", `package.json's notebooks script runs through bash: ${command}`);
  return { script: script!, args };
}

function skipReasonWithoutJupyter(): string | false {
  const probe = spawnSync(JUPYTER_PYTHON, ["-c", "import nbclient, nbconvert"], { encoding: "utf8" });
  return probe.status === 0 ? false : `${JUPYTER_PYTHON} lacks nbclient/nbconvert (apt-get install python3-nbclient jupyter-nbconvert)`;
}

/** Everything of the decoy's that the notebooks must not touch, as plain data to compare. */
async function snapshot(session: PipelineSession): Promise<unknown> {
  const { kinesis, firehose, s3, glue } = session.clients;
  const { names } = session;
  const streams = (await kinesis.send(new ListStreamsCommand({}))).StreamNames;
  const shards = (await kinesis.send(new ListShardsCommand({ StreamName: names.stream }))).Shards ?? [];
  const records: string[] = [];
  for (const shard of shards) {
    const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: names.stream, ShardId: shard.ShardId!, ShardIteratorType: "TRIM_HORIZON" }));
    const { Records } = await kinesis.send(new GetRecordsCommand({ ShardIterator: ShardIterator!, Limit: 1000 }));
    records.push(...(Records ?? []).map((record) => `${record.SequenceNumber} ${Buffer.from(record.Data!).toString("utf8")}`));
  }
  const objects = ((await s3.send(new ListObjectsV2Command({ Bucket: names.bucket }))).Contents ?? []).map((object) => `${object.Key} ${object.ETag} ${object.Size}`);
  const deliveryStreams = (await firehose.send(new ListDeliveryStreamsCommand({}))).DeliveryStreamNames;
  const databases = ((await glue.send(new GetDatabasesCommand({}))).DatabaseList ?? []).map((database) => database.Name);
  return { streams, records: records.sort(), objects: objects.sort(), deliveryStreams, databases };
}

/** Runs `bash <script> <args>` from the repository root; resolves with its exit code and output. */
function runScript(script: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | string; output: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn("bash", [script, ...args], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.once("exit", (code, signal) => resolvePromise({ code: code ?? signal ?? "unknown", output }));
  });
}

test(
  "npm run notebooks, with another checkout's emulator and pipeline on the port it prefers, uses its own emulator and leaves the other's untouched",
  { timeout: 1_200_000, skip: skipReasonWithoutJupyter() },
  async () => {
    const root = await mkdtemp(join(tmpdir(), "gpu-stream-isolation-"));
    const decoyDir = join(root, "decoy");
    const runDir = join(root, "checkout-emulator");
    // The decoy takes a free port, and the run is told to prefer it (GPU_STREAM_EMULATOR_PORT) as it prefers 4566
    // by default: the test never binds 4566, which a user's emulator may hold.
    const decoy = await startChildEmulator(decoyDir);
    const decoyPort = new URL(decoy.url).port;
    const session = await connectPipeline({ mode: "local", localEndpoint: decoy.url });
    try {
      // The other checkout's pipeline, of the same names: provisioned as 00_setup does, with records and objects in it.
      await provisionPipeline(session.clients, session.names);
      for (let index = 0; index < 3; index++) {
        const Data = Buffer.from(JSON.stringify({ idtemp: index, decoy: true }));
        await session.clients.kinesis.send(new PutRecordCommand({ StreamName: session.names.stream, Data, PartitionKey: `decoy-${index}` }));
      }
      await flushLocalFirehose(decoy.url);
      await session.clients.s3.send(new PutObjectCommand({ Bucket: session.names.bucket, Key: "decoy/marker.json", Body: "{}" }));
      const before = await snapshot(session);
      const counted = before as { records: string[]; objects: string[]; databases: string[] };
      assert.equal(counted.records.length, 3);
      assert.ok(counted.objects.length >= 2, `the decoy holds delivered objects and a marker: ${counted.objects.join(", ")}`);
      assert.ok(counted.databases.includes(session.names.database));

      const { script, args } = notebooksScript();
      const env: NodeJS.ProcessEnv = { ...process.env, GPU_STREAM_EMULATOR_DATA_DIR: runDir, GPU_STREAM_EMULATOR_PORT: decoyPort };
      delete env["GPU_STREAM_ENDPOINT"];
      delete env["GPU_STREAM_MODE"];
      const run = await runScript(script, args, env);
      assert.equal(run.code, 0, `npm run notebooks failed:\n${run.output}`);
      // Every notebook of both editions (run-notebook-editions.sh), each ending "ok".
      const editions = ["notebooks", join("notebooks", "pt-BR")];
      const notebookCount = editions.flatMap((folder) => readdirSync(join(REPO_ROOT, folder)).filter((name) => name.endsWith(".ipynb"))).length;
      assert.equal(notebookCount, 20);
      assert.equal(run.output.match(/^ {2}ok in \d+ s: /gm)?.length, notebookCount, run.output);

      const log = readFileSync(join(runDir, "emulator.log"), "utf8");
      const used = [...log.matchAll(/gpu-stream emulator: .* at (http:\/\/\S+) \(data in (.*)\)/g)].map((match) => [match[1], match[2]]);
      assert.ok(used.length >= 1, `00_setup started an emulator of its own: ${log}`);
      for (const [url, dataDir] of used) {
        assert.notEqual(new URL(url!).port, decoyPort, "not on the port the decoy holds");
        assert.equal(dataDir, runDir);
      }
      assert.equal(readEmulatorRecord(runDir), undefined, "04_teardown stopped the emulator 00_setup started");

      assert.deepEqual(await probeEmulator(decoy.url), { kind: "emulator" }, "the decoy still runs");
      assert.deepEqual(await snapshot(session), before, "the decoy's stream, records, objects, delivery stream and database are untouched");
    } finally {
      session.close();
      await decoy.stop("SIGTERM");
      await stopEmulator({ dataDir: runDir }).catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    }
  },
);
