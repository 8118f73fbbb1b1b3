import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, test } from "node:test";
import { ListDeliveryStreamsCommand } from "@aws-sdk/client-firehose";
import { GetCrawlersCommand, GetDatabasesCommand } from "@aws-sdk/client-glue";
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { ListBucketsCommand } from "@aws-sdk/client-s3";
import { clientConfig, useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { REPO_ROOT } from "../../support/repoRoot";

const RUNNER = join(REPO_ROOT, "scripts", "dist", "awsSuite", "runAwsSuite.js");

interface RunnerRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run test:aws -- <args>` with its AWS played by the emulator (AWS_ENDPOINT_URL), signing as test/test. */
function runRunner(emulatorUrl: string, args: readonly string[]): Promise<RunnerRun> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ENDPOINT_URL: emulatorUrl,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
  };
  // The runner's own `node --test` must report as a top-level run, not as a child of this one.
  for (const name of ["NODE_TEST_CONTEXT", "AWS_PROFILE", "AWS_SESSION_TOKEN", "GPU_STREAM_TEST_TARGET", "GPU_STREAM_FIDELITY_RUN"]) {
    delete env[name];
  }
  const child = spawn(process.execPath, [RUNNER, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolveRun, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolveRun({ code, stdout, stderr }));
  });
}

describe("npm run test:aws, rehearsed against an emulator", () => {
  let emulator: TestEmulator;
  useTestEmulator((started) => {
    emulator = started;
  });

  test("refuses to run while AWS_ENDPOINT_URL is set, unless --endpoint-ok", async () => {
    const run = await runRunner(emulator.emulator.url, ["--yes"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /AWS_ENDPOINT_URL=http:\/\/127\.0\.0\.1:\d+ sends the SDK somewhere other than AWS/);
    assert.equal(run.stdout, "");
  });

  test("without --yes and without a terminal to ask on, prints the estimate and refuses", async () => {
    const run = await runRunner(emulator.emulator.url, ["--endpoint-ok"]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stdout, /Estimated cost of this run: about \$0\.\d\d/);
    assert.match(run.stderr, /Not a terminal, so nobody can confirm: pass --yes to run\./);
    assert.doesNotMatch(run.stdout, /Sweeping/);
  });

  test("with --yes --endpoint-ok runs the whole suite, passes, sweeps, and leaves nothing behind", { timeout: 300_000 }, async () => {
    const run = await runRunner(emulator.emulator.url, ["--yes", "--endpoint-ok"]);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /^AWS account 000000000000, region us-east-1, signed in as arn:aws:iam::000000000000:root$/m);
    assert.match(run.stdout, /^Rehearsal: AWS_ENDPOINT_URL=http:\/\/127\.0\.0\.1:\d+ answers instead of AWS/m);
    for (const service of ["Kinesis", "Firehose", "S3", "Glue", "Athena"]) {
      assert.match(run.stdout, new RegExp(`^  ${service} +\\$\\d+\\.\\d{4}  .*https://aws\\.amazon\\.com/`, "m"));
    }
    assert.match(run.stdout, /^# pass \d+$/m);
    assert.match(run.stdout, /^# fail 0$/m);
    assert.match(run.stdout, /^Nothing named gpu-stream-fidelity-[0-9a-f]{8}\* was left\.$/m);
    assert.match(run.stdout, /^The suite passed against this target\.$/m);

    const iam = new IAMClient(clientConfig(emulator.emulator.url));
    try {
      assert.deepEqual((await emulator.kinesis.send(new ListStreamsCommand({}))).StreamNames, []);
      assert.deepEqual((await emulator.firehose.send(new ListDeliveryStreamsCommand({}))).DeliveryStreamNames, []);
      assert.deepEqual((await emulator.s3.send(new ListBucketsCommand({}))).Buckets ?? [], []);
      assert.deepEqual((await emulator.glue.send(new GetDatabasesCommand({}))).DatabaseList, []);
      assert.deepEqual((await emulator.glue.send(new GetCrawlersCommand({}))).Crawlers, []);
      assert.deepEqual((await iam.send(new ListRolesCommand({}))).Roles, []);
    } finally {
      iam.destroy();
    }
  });
});
