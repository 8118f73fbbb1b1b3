import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { CreateRoleCommand, DeleteRoleCommand, DeleteRolePolicyCommand, IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { assertNothingLeft } from "../support/nothingLeft";
import { clientConfig, startTestEmulator, type TestEmulator } from "../support/testEmulator";
import { REPO_ROOT } from "../support/repoRoot";

const ROOT = REPO_ROOT;
const START = join(ROOT, "scripts", "dist", "start.js");

interface Interrupted {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `npm start -- --aws` in its own process, its AWS played by the emulator (AWS_ENDPOINT_URL), IAM and STS included:
 * nothing mocked. `signals` are sent once `when` is printed (default: the producers have put records), each `gapMs`
 * after the previous one; `beforeSignals` runs first (e.g. to slow the emulator's IAM down).
 */
async function startAndInterrupt(
  emulatorUrl: string,
  outputDir: string,
  signals: readonly NodeJS.Signals[],
  options: { gapMs?: number; args?: readonly string[]; beforeSignals?: () => Promise<void>; when?: RegExp } = {},
): Promise<Interrupted> {
  const child = spawn(
    process.execPath,
    [START, "--aws", "--interval-ms", "20", "--out", outputDir, ...(options.args ?? ["--records", "100000", "--no-dashboard"])],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        AWS_ENDPOINT_URL: emulatorUrl, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", GPU_STREAM_MODE: "aws",
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
  await options.beforeSignals?.();
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

async function setFaults(emulatorUrl: string, method: "POST" | "DELETE", faults?: object): Promise<void> {
  const response = await fetch(`${emulatorUrl}/_emulator/faults`, { method, ...(faults === undefined ? {} : { body: JSON.stringify(faults) }) });
  assert.equal(response.status, 200, await response.text());
}

describe("npm start -- --aws on the emulator, IAM and STS included, nothing mocked", { timeout: 300_000 }, () => {
  let emulator: TestEmulator;
  let iam: IAMClient;
  let outputDir: string;
  before(async () => {
    emulator = await startTestEmulator({ enforceIam: true });
    iam = new IAMClient(clientConfig(emulator.emulator.url));
    outputDir = await mkdtemp(join(tmpdir(), "gpu-stream-aws-interrupt-"));
  });
  after(async () => {
    iam.destroy();
    await emulator.close();
    await rm(outputDir, { recursive: true, force: true });
  });

  test("a whole run ends balanced, and its teardown leaves nothing", async () => {
    const run = await startAndInterrupt(emulator.emulator.url, outputDir, [], { args: ["--records", "3", "--no-dashboard"], when: /tearing down what the run created/ });
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /all accounted for/);
    assert.match(run.stdout, /created IAM role gpu-stream-firehose/);
    await assertNothingLeft(emulator);
  });

  test("a role without s3:PutObject: delivery fails and the run shows Firehose's S3.AccessDenied", async () => {
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "firehose.amazonaws.com" }, Action: "sts:AssumeRole" }] };
    const roleArn = (await iam.send(new CreateRoleCommand({ RoleName: "no-put-object", AssumeRolePolicyDocument: JSON.stringify(trust) }))).Role!.Arn!;
    const access = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: ["kinesis:*", "logs:PutLogEvents", "s3:GetBucketLocation", "s3:ListBucket"], Resource: "*" },
      ],
    };
    await iam.send(new PutRolePolicyCommand({ RoleName: "no-put-object", PolicyName: "all-but-put", PolicyDocument: JSON.stringify(access) }));
    const run = await startAndInterrupt(emulator.emulator.url, outputDir, [], {
      args: ["--records", "3", "--no-dashboard", "--firehose-role-arn", roleArn],
      when: /tearing down what the run created/,
    });
    assert.notEqual(run.code, 0, run.stdout);
    assert.match(run.stdout + run.stderr, /S3\.AccessDenied/);
    assert.match(run.stdout, /using the firehose role you gave/);
    await iam.send(new DeleteRolePolicyCommand({ RoleName: "no-put-object", PolicyName: "all-but-put" }));
    await iam.send(new DeleteRoleCommand({ RoleName: "no-put-object" }));
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
    await assertNothingLeft(emulator);
  });

  test("a Ctrl-C while producing stops the producers, tears down everything the run made and exits 130", async () => {
    const run = await startAndInterrupt(emulator.emulator.url, outputDir, ["SIGINT"]);
    assert.equal(run.code, 130, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /SIGINT: stopping the run and tearing down what it made/);
    assert.match(run.stdout, /deleted Kinesis data stream gpucontrole/i);
    assert.match(run.stdout, /stopped by SIGINT: what the run made on AWS is torn down/);
    await assertNothingLeft(emulator);
  });

  test("with --keep, a Ctrl-C leaves the resources and names them with the command that removes them", async () => {
    const run = await startAndInterrupt(emulator.emulator.url, outputDir, ["SIGINT"], { args: ["--records", "100000", "--no-dashboard", "--keep"] });
    assert.equal(run.code, 130, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /Remove them with: {2}npx gpu-stream teardown --mode aws --region us-east-1/);
    assert.deepEqual((await emulator.kinesis.send(new ListStreamsCommand({}))).StreamNames, ["gpucontrole"]);
  });

  test("a second Ctrl-C during the teardown exits at once, naming what may be left and the teardown command", async () => {
    // From the first Ctrl-C on, each IAM call takes 2 s (an injected fault), so the second Ctrl-C comes while the
    // teardown deletes the roles (after the stream).
    const run = await startAndInterrupt(emulator.emulator.url, outputDir, ["SIGINT", "SIGINT"], {
      gapMs: 1500,
      beforeSignals: () => setFaults(emulator.emulator.url, "POST", { "iam.latency": { forMs: 2000 } }),
    });
    await setFaults(emulator.emulator.url, "DELETE");
    assert.equal(run.code, 130, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /SIGINT again: stopping at once/);
    assert.match(run.stdout, /These may be left on AWS \(account 000000000000, region us-east-1\)/);
    assert.match(run.stdout, /Remove them with: {2}npx gpu-stream teardown --mode aws --region us-east-1/);
    assert.doesNotMatch(run.stdout, /deleted S3 bucket/, "it stopped before the end of the teardown");
  });
});
