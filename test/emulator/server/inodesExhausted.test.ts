import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { startChildEmulator, type ChildEmulator } from "../../support/childEmulator";
import { sendHttp1, type FuzzRequest, type Outcome } from "../../support/fuzzHttp";
import { judgeStateChangeReason } from "../../support/fuzzJudgement";
import { internalNamesOf, judgeNoInternalNames, type InternalNames } from "../../support/fuzzLeaks";
import { JsonCaller } from "../../support/jsonCaller";
import { runFuzzQuery } from "../../support/runFuzzQuery";
import { REPO_ROOT } from "../../support/repoRoot";

// The data directory on a tmpfs with few inodes, filled through the emulator's own API: the disk has room but no
// file or folder can be made. Node's recursive mkdir reports that as ENOENT, not ENOSPC, so a service that makes
// folders took a full disk for a bug (S3 answered 500 InternalError). Every write must be refused as a full disk
// is (503 ServiceUnavailable, which the SDKs retry), and no answer may name the data directory or an internal file.

const INODES = 160;
const ROLE = "arn:aws:iam::000000000000:role/r";
/** Athena's StateChangeReason for a query whose work folder cannot be made names that folder: not judged until the Athena fix lands. */
const ATHENA_REASON_AWAITS_FIX = "awaits the Athena fix: the reason is Node's `ENOENT: no such file or directory, mkdir '<dataDir>/athena/work/<id>'`";

/** Mounts a tmpfs of `inodes` inodes (needs root, as CI has); undefined where this machine does not allow it. */
function mountTmpfs(inodes: number): string | undefined {
  const directory = mkdtempSync(join(tmpdir(), "gpu-stream-inodes-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=64m,nr_inodes=${inodes}`, "tmpfs", directory], { stdio: "ignore" });
    return directory;
  } catch {
    rmSync(directory, { recursive: true, force: true });
    return undefined;
  }
}

const dataDir = mountTmpfs(INODES);

describe("the emulator with its data directory out of inodes", { skip: dataDir === undefined ? "mounting a tmpfs needs root" : false }, () => {
  let emulator: ChildEmulator;
  let port: number;
  let agent: Agent;
  let caller: JsonCaller;
  let names: InternalNames;

  const s3 = (method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ request: FuzzRequest; outcome: Outcome }> => {
    const request: FuzzRequest = { label: `${method} ${path}`, method, path, headers, ...(body === undefined ? {} : { body: Buffer.from(body) }) };
    return sendHttp1(port, agent, request, 10_000).then((outcome) => ({ request, outcome }));
  };

  before(async () => {
    emulator = await startChildEmulator(dataDir!);
    port = Number(new URL(emulator.url).port);
    agent = new Agent({ keepAlive: true });
    caller = new JsonCaller(port, agent, 30_000);
    names = await internalNamesOf(dataDir!, REPO_ROOT);
    assert.equal((await s3("PUT", "/inode-bucket")).outcome.kind, "answer");
    await s3("PUT", "/inode-bucket/data/part-0.json", {}, '{"a":"1"}\n');
    await caller.call("AWSGlue.CreateDatabase", { DatabaseInput: { Name: "inodes" } });
    await caller.call("AWSGlue.CreateTable", {
      DatabaseName: "inodes",
      TableInput: { Name: "t", StorageDescriptor: { Columns: [{ Name: "a", Type: "string" }], Location: "s3://inode-bucket/data/", SerdeInfo: { SerializationLibrary: "org.openx.data.jsonserde.JsonSerDe" } } },
    });
    // Small objects in folders of their own until S3 refuses one: then no inode is left.
    for (let index = 0; index < INODES; index += 1) {
      const { outcome } = await s3("PUT", `/inode-bucket/fill/${index}/object`, {}, "x");
      if (outcome.kind === "answer" && outcome.status !== 200) break;
    }
  });

  after(async () => {
    agent?.destroy();
    await emulator?.stop("SIGTERM");
    execFileSync("umount", [dataDir!]);
    rmSync(dataDir!, { recursive: true, force: true });
  });

  test("refuses each service's writes with 503 ServiceUnavailable, naming no internal path", async () => {
    const answers: { label: string; request: FuzzRequest; outcome: Outcome }[] = [];
    for (const [method, path, headers] of [
      ["PUT", "/inode-bucket/new-folder/deeper/object", {}],
      ["PUT", "/another-inode-bucket", {}],
      ["POST", "/inode-bucket/multipart?uploads", {}],
      ["PUT", "/inode-bucket/copied/folder/object", { "x-amz-copy-source": "/inode-bucket/data/part-0.json" }],
    ] as const) {
      answers.push({ label: `S3 ${method} ${path}`, ...(await s3(method, path, headers, method === "PUT" && path.split("/").length > 2 && headers["x-amz-copy-source"] === undefined ? "y" : undefined)) });
    }
    for (const [target, input] of [
      ["AWSGlue.CreateDatabase", { DatabaseInput: { Name: "another" } }],
      ["AWSGlue.CreateTable", { DatabaseName: "inodes", TableInput: { Name: "t2" } }],
      ["AWSGlue.CreateCrawler", { Name: "c", Role: ROLE, DatabaseName: "inodes", Targets: { S3Targets: [{ Path: "s3://inode-bucket/data/" }] } }],
      ["Kinesis_20131202.CreateStream", { StreamName: "s", ShardCount: 1 }],
      ["Firehose_20150804.CreateDeliveryStream", { DeliveryStreamName: "f", DeliveryStreamType: "DirectPut", ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: "arn:aws:s3:::inode-bucket" } }],
      ["AmazonAthena.CreateWorkGroup", { Name: "wg" }],
    ] as const) {
      const exchange = await caller.call(target, input);
      answers.push({ label: target, request: exchange.request, outcome: exchange.outcome });
    }
    const wrong = answers.flatMap(({ label, request, outcome }) => {
      const status = outcome.kind === "answer" ? outcome.status : outcome.kind;
      const body = outcome.kind === "answer" ? outcome.body.toString("utf8") : "";
      const problem = status !== 503 || !body.includes("ServiceUnavailable") ? `${status}: ${body.slice(0, 200)}` : judgeNoInternalNames(outcome, request, names);
      return problem === undefined ? [] : [`${label} -> ${problem}`];
    });
    assert.deepEqual(wrong, []);
  });

  test("fails a query that cannot make its work folder with an Athena-shaped reason, after a 200", async (t) => {
    const run = await runFuzzQuery(caller, "SELECT * FROM t", { database: "inodes", outputLocation: "s3://inode-bucket/results/", deadlineMs: 20_000 }, "query");
    const started = run.exchanges[0]!.outcome;
    assert.equal(started.kind === "answer" ? started.status : started.kind, 200);
    assert.equal(run.state, "FAILED");
    assert.equal(judgeStateChangeReason(run.reason), undefined);
    t.diagnostic(`${ATHENA_REASON_AWAITS_FIX}; today: ${run.reason}`);
  });
});
