import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { AthenaClient, GetQueryExecutionCommand, StartQueryExecutionCommand, StopQueryExecutionCommand, type QueryExecution } from "@aws-sdk/client-athena";
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { startChildEmulator, type ChildEmulator } from "../../support/childEmulator";
import { eventually } from "../../support/firehoseTestKit";
import { longReadObject } from "../../support/gzipBomb";
import { threadCount } from "../../support/processThreads";
import { clientConfig } from "../../support/testEmulator";

// StopQueryExecution ends the work, not only the state: a query reading an object for many seconds is CANCELLED
// at once, the JavaScript reader's worker thread is gone, its work folder deleted and no result written (AWS:
// API_StopQueryExecution; QueryExecutionStatus, "CANCELLED"). The emulator runs in a child process so that its
// threads (/proc/<pid>/status) are its own.

describe("StopQueryExecution (a child process)", () => {
  let emulator: ChildEmulator;
  let dataDir: string;
  let s3: S3Client;
  let athena: AthenaClient;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "gpu-stream-stop-"));
    emulator = await startChildEmulator(dataDir);
    s3 = new S3Client({ ...clientConfig(emulator.url), forcePathStyle: true });
    athena = new AthenaClient(clientConfig(emulator.url));
    for (const bucket of ["results", "dados"]) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    // Two such objects: a minute of reading here, tens of seconds on a fast machine.
    const long = longReadObject();
    for (const key of ["longa/a.json.gz", "longa/b.json.gz"]) await s3.send(new PutObjectCommand({ Bucket: "dados", Key: key, Body: long }));
    // Small, and gzip: the JavaScript reader reads it on a worker thread too.
    await s3.send(new PutObjectCommand({ Bucket: "dados", Key: "curta/a.json.gz", Body: gzipSync('\n{"a":1}\n{"a":2}\n') }));
    for (const statement of [
      "CREATE DATABASE parar",
      "CREATE EXTERNAL TABLE longa (a int) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' LOCATION 's3://dados/longa/'",
      "CREATE EXTERNAL TABLE curta (a int) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' LOCATION 's3://dados/curta/'",
    ]) {
      const done = await finished(await start(statement));
      assert.equal(done.Status?.State, "SUCCEEDED", done.Status?.StateChangeReason);
    }
  });

  after(async () => {
    s3?.destroy();
    athena?.destroy();
    await emulator?.stop("SIGTERM");
    await rm(dataDir, { recursive: true, force: true });
  });

  async function start(sql: string): Promise<string> {
    const { QueryExecutionId } = await athena.send(new StartQueryExecutionCommand({ QueryString: sql, QueryExecutionContext: { Database: "parar" }, ResultConfiguration: { OutputLocation: "s3://results/athena/" } }));
    return QueryExecutionId!;
  }

  async function describeQuery(id: string): Promise<QueryExecution> {
    return (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution!;
  }

  async function finished(id: string, withinMs = 60_000): Promise<QueryExecution> {
    let execution: QueryExecution | undefined;
    await eventually(async () => {
      execution = await describeQuery(id);
      return execution.Status?.State !== "QUEUED" && execution.Status?.State !== "RUNNING";
    }, `query ${id} to finish`, withinMs);
    return execution!;
  }

  test("a query stopped while an object is read ends CANCELLED, its reader's worker gone, nothing left behind", { timeout: 120_000 }, async (t) => {
    // The small query first: DuckDB opened, and one reader worker started and ended, so that what follows counts
    // only the long read's threads.
    const small = await finished(await start("SELECT count(*) FROM curta"));
    assert.equal(small.Status?.State, "SUCCEEDED", small.Status?.StateChangeReason);
    const idle = await threadCount(emulator.pid);

    const id = await start("SELECT count(*), count(a) FROM longa");
    const workFolder = join(dataDir, "athena", "work", id);
    // The reader opens its work file once it reads: the stop below lands in the middle of 62 million records.
    await eventually(() => existsSync(join(workFolder, "table-0.json")), "the reader to start", 60_000);
    const reading = await threadCount(emulator.pid);
    assert.ok(reading > idle, `${reading} threads while reading, ${idle} before: the reader's worker is one more`);
    assert.equal((await describeQuery(id)).Status?.State, "RUNNING");

    const stoppedAt = performance.now();
    await athena.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
    // Bounded well under the read's own time (tens of seconds): the state follows the work, which has ended.
    const stopped = await finished(id, 20_000);
    t.diagnostic(`CANCELLED ${(performance.now() - stoppedAt).toFixed(0)} ms after StopQueryExecution; threads ${idle} idle, ${reading} reading, ${await threadCount(emulator.pid)} after`);
    assert.equal(stopped.Status?.State, "CANCELLED");
    assert.equal(stopped.Status?.StateChangeReason, "Query cancelled by user");
    assert.ok(stopped.Status?.CompletionDateTime instanceof Date);
    assert.equal(existsSync(workFolder), false, "the query's work folder is deleted");
    const results = await s3.send(new ListObjectsV2Command({ Bucket: "results", Prefix: `athena/${id}` }));
    assert.equal(results.KeyCount, 0, "a cancelled query writes no result");
    await eventually(async () => (await threadCount(emulator.pid)) <= idle, "the reader's worker thread to be gone", 5_000);

    const after = await finished(await start("SELECT count(*) FROM curta"));
    assert.equal(after.Status?.State, "SUCCEEDED", after.Status?.StateChangeReason);
  });
});
