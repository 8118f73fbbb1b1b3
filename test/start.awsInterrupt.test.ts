import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { ListDeliveryStreamsCommand } from "@aws-sdk/client-firehose";
import { GetCrawlersCommand, GetDatabasesCommand } from "@aws-sdk/client-glue";
import { ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { ListBucketsCommand } from "@aws-sdk/client-s3";
import { startTestEmulator, type TestEmulator } from "./support/testEmulator";

const ROOT = resolve(__dirname, "..", "..");
const START = join(ROOT, "scripts", "dist", "start.js");
const FAKE_ACCOUNT = join(__dirname, "support", "fakeAwsAccountPreload.js");

interface Interrupted {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `npm start -- --aws` in its own process, its AWS played by the emulator (AWS_ENDPOINT_URL) with IAM and STS faked
 * in that process; `signals` are sent once the producers have put records, each `gapMs` after the previous one.
 */
async function startAndInterrupt(
  emulatorUrl: string,
  outputDir: string,
  signals: readonly NodeJS.Signals[],
  options: { gapMs?: number; args?: readonly string[]; iamDelayMs?: number; when?: RegExp } = {},
): Promise<Interrupted> {
  const child = spawn(
    process.execPath,
    ["--require", FAKE_ACCOUNT, START, "--aws", "--interval-ms", "20", "--out", outputDir, ...(options.args ?? ["--records", "100000", "--no-dashboard"])],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        AWS_ENDPOINT_URL: emulatorUrl, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", GPU_STREAM_MODE: "aws",
        FAKE_IAM_DELAY_MS: String(options.iamDelayMs ?? 0),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once("exit", (code) => resolveExit(code)));
  const deadline = Date.now() + 120_000;
  const when = options.when ?? /\[4\/8\] producing/;
  while (!when.test(stdout)) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill("SIGKILL");
      throw new Error(`never printed ${when}:\n${stdout}\n${stderr}`);
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  await new Promise((wait) => setTimeout(wait, 1000));
  for (const signal of signals) {
    child.kill(signal);
    await new Promise((wait) => setTimeout(wait, options.gapMs ?? 0));
  }
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`still running 60 s after ${signals.join(", ")}:\n${stdout}`));
    }, 60_000);
  });
  try {
    return { code: await Promise.race([exited, stuck]), stdout, stderr };
  } finally {
    clearTimeout(timer);
  }
}

describe("npm start -- --aws, interrupted", { timeout: 240_000 }, () => {
  let emulator: TestEmulator;
  let outputDir: string;
  before(async () => {
    emulator = await startTestEmulator();
    outputDir = await mkdtemp(join(tmpdir(), "gpu-stream-aws-interrupt-"));
  });
  after(async () => {
    await emulator.close();
    await rm(outputDir, { recursive: true, force: true });
  });

  test("with --keep-dashboard, the Ctrl-C that closes the dashboard after a whole run tears down", async () => {
    // First: a whole run needs a bucket no earlier run left records in.
    const run = await startAndInterrupt(emulator.emulator.url, outputDir, ["SIGINT"], {
      args: ["--records", "3", "--dashboard-port", "0", "--keep-dashboard"],
      when: /The dashboard stays open/,
    });
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /all accounted for/);
    assert.match(run.stdout, /deleted Kinesis data stream gpucontrole/);
    assert.deepEqual((await emulator.kinesis.send(new ListStreamsCommand({}))).StreamNames ?? [], []);
    assert.deepEqual((await emulator.s3.send(new ListBucketsCommand({}))).Buckets ?? [], []);
  });

  test("a Ctrl-C while producing stops the producers, tears down everything the run made and exits 130", async () => {
    const run = await startAndInterrupt(emulator.emulator.url, outputDir, ["SIGINT"]);
    assert.equal(run.code, 130, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /SIGINT: stopping the run and tearing down what it made/);
    assert.match(run.stdout, /deleted Kinesis data stream gpucontrole/i);
    assert.match(run.stdout, /stopped by SIGINT: what the run made on AWS is torn down/);
    assert.deepEqual((await emulator.kinesis.send(new ListStreamsCommand({}))).StreamNames ?? [], []);
    assert.deepEqual((await emulator.firehose.send(new ListDeliveryStreamsCommand({}))).DeliveryStreamNames ?? [], []);
    assert.deepEqual((await emulator.glue.send(new GetCrawlersCommand({}))).Crawlers ?? [], []);
    assert.deepEqual((await emulator.glue.send(new GetDatabasesCommand({}))).DatabaseList ?? [], []);
    assert.deepEqual((await emulator.s3.send(new ListBucketsCommand({}))).Buckets ?? [], []);
  });

  test("with --keep, a Ctrl-C leaves the resources and names them with the command that removes them", async () => {
    const run = await startAndInterrupt(emulator.emulator.url, outputDir, ["SIGINT"], { args: ["--records", "100000", "--no-dashboard", "--keep"] });
    assert.equal(run.code, 130, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /Remove them with: {2}npx gpu-stream teardown --mode aws --region us-east-1/);
    assert.deepEqual((await emulator.kinesis.send(new ListStreamsCommand({}))).StreamNames, ["gpucontrole"]);
  });

  test("a second Ctrl-C during the teardown exits at once, naming what may be left and the teardown command", async () => {
    // Each IAM call takes 2 s, so the second Ctrl-C comes while teardown deletes the roles (after the stream).
    const run = await startAndInterrupt(emulator.emulator.url, outputDir, ["SIGINT", "SIGINT"], { gapMs: 1500, iamDelayMs: 2000 });
    assert.equal(run.code, 130, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /SIGINT again: stopping at once/);
    assert.match(run.stdout, /These may be left on AWS \(account 123456789012, region us-east-1\)/);
    assert.match(run.stdout, /Remove them with: {2}npx gpu-stream teardown --mode aws --region us-east-1/);
    assert.doesNotMatch(run.stdout, /deleted S3 bucket/, "it stopped before the end of the teardown");
  });
});
