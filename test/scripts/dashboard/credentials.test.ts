import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  createAwsClients,
  localPipelineNames,
  METRICS,
  originalProfile,
  produceMetricsConcurrently,
  provisionCatalog,
  provisionStorageAndStream,
  runCrawler,
  runNamedQuery,
  type AwsClients,
} from "@gpu-stream/shared";
import { ok, readState, stateWhen } from "../../support/dashboardState";
import { startTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { REPO_ROOT } from "../../support/repoRoot";

/** The one key the emulator takes; the test emulator's own clients (test/test) are refused. */
const KEY = { accessKeyId: "AKIDDASHBOARD", secretAccessKey: "dashboard/secret+key" };
const CLI = resolve(REPO_ROOT, "scripts", "dist", "cli.js");
const SECTIONS = ["stream", "firehose", "s3", "crawler", "athena"] as const;

interface CliDashboard {
  readonly url: string;
  readonly stdout: string;
  stop(): Promise<void>;
}

/**
 * `gpu-stream dashboard` in a child process whose AWS settings are only `env`: no key of this machine's
 * environment or ~/.aws reaches it, and no instance metadata is asked.
 */
async function startCliDashboard(emulatorUrl: string, awsDir: string, args: readonly string[], env: Record<string, string> = {}): Promise<CliDashboard> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("AWS_") && !name.startsWith("GPU_STREAM_")));
  const child = spawn(process.execPath, [CLI, "dashboard", "--mode", "local", "--endpoint", emulatorUrl, "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...inherited,
      AWS_CONFIG_FILE: join(awsDir, "config"),
      AWS_SHARED_CREDENTIALS_FILE: join(awsDir, "credentials"),
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      ...env,
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.on("exit", (code) => resolveExit(code)));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      child.kill("SIGINT");
    }
    assert.equal(await exited, 0, stderr);
  };
  const deadline = Date.now() + 20_000;
  while (!/Dashboard: (\S+)/.test(stdout)) {
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop().catch(() => undefined);
      assert.fail(`no address printed: ${stdout}${stderr}`);
    }
    await new Promise((wait) => setTimeout(wait, 50));
  }
  return { url: /Dashboard: (\S+)/.exec(stdout)![1]!, stdout, stop };
}

/** The dashboard against an emulator that checks SigV4 signatures (`--credentials`), through the real CLI. */
describe("the dashboard and an emulator that checks credentials", { timeout: 120_000 }, () => {
  const names = localPipelineNames();
  const recordsPerMetric = 2;
  const total = recordsPerMetric * METRICS.length;
  let testEmulator: TestEmulator;
  let clients: AwsClients;
  let awsDir: string;

  before(async () => {
    awsDir = await mkdtemp(join(tmpdir(), "dashboard-aws-config-"));
    testEmulator = await startTestEmulator({ credentials: [KEY] });
    // The pipeline's whole life, with the accepted key: every panel has something to show.
    clients = createAwsClients({ mode: "local", endpoint: testEmulator.emulator.url, credentials: KEY });
    await provisionStorageAndStream(clients, names, { shardCount: 2, bufferIntervalSeconds: 60 });
    await produceMetricsConcurrently({ kinesis: clients.kinesis, streamName: names.stream, profile: originalProfile(), metrics: METRICS, recordsPerMetric, intervalMs: 0, seed: 5 });
    await testEmulator.emulator.flushFirehose(names.deliveryStream);
    await provisionCatalog(clients, names);
    await runCrawler(clients.glue, names.crawler);
    assert.deepEqual(await runNamedQuery(clients.athena, names, "count_rows"), [{ rows: String(total) }]);
  });
  after(async () => {
    clients?.destroy();
    await testEmulator?.close();
    await rm(awsDir, { recursive: true, force: true });
  });

  test("with --credentials KEY:SECRET every panel has data: stream, Firehose, bucket, crawler, Athena, and the records read", async () => {
    const dashboard = await startCliDashboard(testEmulator.emulator.url, awsDir, ["--credentials", `${KEY.accessKeyId}:${KEY.secretAccessKey}`]);
    try {
      assert.match(dashboard.stdout, /signed with access key AKIDDASHBOARD/);
      const state = await stateWhen(dashboard.url, (candidate) => candidate.stream.status === "ok" && candidate.stream.consumer.status === "reading");
      assert.equal(state.refusal, undefined);
      assert.equal(ok(state.stream).openShards, 2);
      const firehose = ok(state.firehose);
      assert.equal(firehose.deliveryStreamStatus, "ACTIVE");
      assert.equal(firehose.buffer?.recordsDelivered, total);
      const s3 = ok(state.s3);
      assert.ok(s3.objects > 0, JSON.stringify(s3));
      const crawler = ok(state.crawler);
      assert.equal(crawler.lastCrawl?.status, "SUCCEEDED");
      assert.ok(crawler.tables.some((table) => table.name === names.table), JSON.stringify(crawler.tables));
      const athena = ok(state.athena);
      assert.equal(athena.queries[0]?.state, "SUCCEEDED");
      assert.equal(athena.queries[0]?.rows, 1, "the result CSV, read with GetObject, signed too");

      // The reader started at LATEST: records put now reach it through GetShardIterator and GetRecords, signed.
      await produceMetricsConcurrently({ kinesis: clients.kinesis, streamName: names.stream, profile: originalProfile(), metrics: METRICS, recordsPerMetric: 1, intervalMs: 0, seed: 6 });
      const read = await stateWhen(dashboard.url, (candidate) => candidate.stream.status === "ok" && candidate.stream.consumer.recordsRead === METRICS.length);
      assert.equal(ok(read.stream).consumer.unreadable, 0);
      const object = await fetch(new URL(s3.newest[0]!.href, dashboard.url));
      assert.equal(object.status, 200, "an object link reads the object with the dashboard's key");
    } finally {
      await dashboard.stop();
    }
  });

  test("without --credentials it signs with the environment's AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, as the SDK's chain does", async () => {
    const dashboard = await startCliDashboard(testEmulator.emulator.url, awsDir, [], { AWS_ACCESS_KEY_ID: KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey });
    try {
      const state = await readState(dashboard.url);
      for (const section of SECTIONS) {
        ok(state[section]);
      }
      assert.equal(state.refusal, undefined);
    } finally {
      await dashboard.stop();
    }
  });

  test("with no credentials anywhere every panel says 'refused', and the page says why and what to do", async () => {
    const dashboard = await startCliDashboard(testEmulator.emulator.url, awsDir, []);
    try {
      assert.match(dashboard.stdout, /signed with access key test\b/);
      const state = await readState(dashboard.url);
      for (const section of SECTIONS) {
        assert.equal(state[section].status, "refused", `${section}: ${JSON.stringify(state[section])}`);
      }
      assert.match(JSON.stringify(state.stream), /UnrecognizedClientException: The security token included in the request is invalid\./);
      assert.match(JSON.stringify(state.s3), /InvalidAccessKeyId/);
      assert.match(state.refusal ?? "", /^the emulator refused the dashboard's signature \(it signed with the dummy key 'test'/);
      assert.match(state.refusal ?? "", /start the dashboard with --credentials KEY:SECRET/i);
    } finally {
      await dashboard.stop();
    }
  });

  test("a wrong secret is refused too, naming the key it signed with, in one line per panel", async () => {
    const dashboard = await startCliDashboard(testEmulator.emulator.url, awsDir, ["--credentials", `${KEY.accessKeyId}:not-the-secret`]);
    try {
      const state = await stateWhen(dashboard.url, (candidate) => candidate.stream.status === "refused" && candidate.stream.message !== undefined);
      for (const section of SECTIONS) {
        const refused = state[section];
        assert.equal(refused.status, "refused");
        assert.ok(refused.status === "refused" && !refused.message.includes("\n"), "the emulator's canonical request is left out");
      }
      assert.match(state.stream.status === "refused" ? state.stream.message : "", /^InvalidSignatureException: /);
      assert.match(state.refusal ?? "", /it signed with access key 'AKIDDASHBOARD'/);
    } finally {
      await dashboard.stop();
    }
  });
});

describe("gpu-stream dashboard --credentials", () => {
  function runCli(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
    const child = spawn(process.execPath, [CLI, "dashboard", ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolveRun) => child.on("exit", (code) => resolveRun({ code, stderr })));
  }

  test("rejects a key that is not id:secret[:token], in the emulator's words", async () => {
    const { code, stderr } = await runCli(["--credentials", "AKIDONLY", "--port", "0"]);
    assert.equal(code, 1);
    assert.match(stderr, /expected <access key id>:<secret access key>\[:<session token>\], got 'AKIDONLY'/);
  });

  test("refuses --credentials on AWS, whose credentials come from the default chain", async () => {
    const { code, stderr } = await runCli(["--mode", "aws", "--credentials", "AKID:secret", "--port", "0"]);
    assert.equal(code, 1);
    assert.match(stderr, /--credentials is the local emulator's key: on AWS the dashboard uses the default credential chain/);
  });
});
