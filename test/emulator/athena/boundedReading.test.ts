import assert from "node:assert/strict";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { Agent, get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { gzipSync } from "node:zlib";
import { AthenaClient, GetQueryExecutionCommand, StartQueryExecutionCommand, type QueryExecution } from "@aws-sdk/client-athena";
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { MAX_LINE_BYTES, MAX_OBJECT_TEXT_BYTES } from "@gpu-stream/emulator/internal/services/athena/scan/objectLines";
import { startChildEmulator, type ChildEmulator } from "../../support/childEmulator";
import { gzipOfRepeated } from "../../support/gzipBomb";
import { residentBytes } from "../../support/processMemory";
import { clientConfig } from "../../support/testEmulator";

// Athena's JavaScript reader (text tables, and JSON tables DuckDB cannot read as the SerDe does) streams each object:
// a gzip bomb fails its query at the per-object cap, in bounded memory, while every other service keeps answering.
// The emulator runs in a child process so that its memory (VmRSS in /proc) is its own.

const MiB = 1024 * 1024;
const mib = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`;

/** GET /_emulator/health on a kept-alive connection; answers the milliseconds to its answer. */
function healthLatency(url: string, agent: Agent): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    get(`${url}/_emulator/health`, { agent }, (response) => {
      response.resume();
      response.on("end", () => resolve(performance.now() - started));
    }).on("error", reject);
  });
}

describe("Athena reads objects in bounded memory without stalling the emulator (a child process)", () => {
  let emulator: ChildEmulator;
  let dataDir: string;
  let s3: S3Client;
  let athena: AthenaClient;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "gpu-stream-bounded-"));
    emulator = await startChildEmulator(dataDir);
    s3 = new S3Client({ ...clientConfig(emulator.url), forcePathStyle: true });
    athena = new AthenaClient(clientConfig(emulator.url));
    for (const bucket of ["results", "bomba"]) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const created = await run("CREATE DATABASE bounded");
    assert.equal(created.Status?.State, "SUCCEEDED", created.Status?.StateChangeReason);
  });

  after(async () => {
    s3?.destroy();
    athena?.destroy();
    await emulator?.stop("SIGTERM");
    await rm(dataDir, { recursive: true, force: true });
  });

  async function run(sql: string): Promise<QueryExecution> {
    const { QueryExecutionId } = await athena.send(new StartQueryExecutionCommand({ QueryString: sql, QueryExecutionContext: { Database: "bounded" }, ResultConfiguration: { OutputLocation: "s3://results/athena/" } }));
    for (;;) {
      const { QueryExecution } = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId }));
      if (QueryExecution?.Status?.State !== "QUEUED" && QueryExecution?.Status?.State !== "RUNNING") return QueryExecution!;
      await sleep(50);
    }
  }

  /** Runs `work` while polling health every 20 ms and sampling the emulator's RSS every 25 ms. */
  async function watched<T>(work: () => Promise<T>): Promise<{ result: T; latencies: number[]; before: number; peak: number; wallMs: number }> {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    await healthLatency(emulator.url, agent);
    const latencies: number[] = [];
    let peak = (await residentBytes(emulator.pid)) ?? 0;
    const before = peak;
    let watching = true;
    const watchers = [
      (async () => {
        while (watching) {
          latencies.push(await healthLatency(emulator.url, agent));
          await sleep(20);
        }
      })(),
      (async () => {
        while (watching) {
          peak = Math.max(peak, (await residentBytes(emulator.pid)) ?? 0);
          await sleep(25);
        }
      })(),
    ];
    const started = performance.now();
    try {
      const result = await work();
      return { result, latencies, before, peak, wallMs: performance.now() - started };
    } finally {
      watching = false;
      await Promise.all(watchers);
      agent.destroy();
    }
  }

  async function createJsonTable(name: string, prefix: string): Promise<void> {
    const created = await run(`CREATE EXTERNAL TABLE ${name} (idtemp string, dado string, tipo string) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' LOCATION 's3://bomba/${prefix}/'`);
    assert.equal(created.Status?.State, "SUCCEEDED", created.Status?.StateChangeReason);
  }

  // Runs first: the first query loads DuckDB's native library (a one-time pause of 100-250 ms), not timed below.
  test("an object under the caps is still read whole, its blank line a row of NULLs", async () => {
    const record = '{"idtemp":"2","dado":"31.5","tipo":"energia"}\n';
    const small = gzipOfRepeated(`${record}\n`, record, 4 * MiB);
    await s3.send(new PutObjectCommand({ Bucket: "bomba", Key: "pequena/dados.json.gz", Body: small }));
    await createJsonTable("pequena", "pequena");
    const execution = await run("SELECT count(*), count(idtemp) FROM pequena");
    assert.equal(execution.Status?.State, "SUCCEEDED", execution.Status?.StateChangeReason);
    // The head's record and blank line, then one 16 MiB member of records.
    const records = 1 + Math.floor((16 * MiB) / record.length);
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: "results", Key: `athena/${execution.QueryExecutionId}.csv` }));
    assert.equal(await Body!.transformToString(), `"_col0","_col1"\n"${records + 1}","${records}"\n`);
  });

  test("a 448 MiB gzip bomb with one blank line fails at the per-object cap; health answers within 100 ms; RSS stays under 400 MiB", { timeout: 60_000 }, async (t) => {
    // A long run of one character compresses best (deflate codes distances up to 4 with no extra bits).
    const record = `{"idtemp":"1","dado":"30.5","tipo":"${"e".repeat(4000)}"}\n`;
    // One blank line, the last: DuckDB would skip it, the SerDe reads a row of NULLs, so the JavaScript reader must
    // answer, once the byte profile (profileJsonLines) has streamed through all 448 MiB to find it.
    const bomb = Buffer.concat([gzipOfRepeated(record, record, 448 * MiB), gzipSync("\n")]);
    assert.ok(bomb.length < MiB, `the bomb is ${mib(bomb.length)} compressed`);
    assert.ok(448 * MiB > MAX_OBJECT_TEXT_BYTES);
    await s3.send(new PutObjectCommand({ Bucket: "bomba", Key: "dados/bomba.json.gz", Body: bomb }));
    await createJsonTable("bomba", "dados");

    const { result: execution, latencies, before, peak, wallMs } = await watched(() => run("SELECT count(*), count(idtemp) FROM bomba"));
    const worst = Math.max(...latencies);
    t.diagnostic(`bomb ${mib(bomb.length)} -> 448 MiB; query ${execution.Status?.State} after ${(wallMs / 1000).toFixed(1)} s; ${latencies.length} health requests, 95% within ${[...latencies].sort((a, b) => a - b)[Math.floor(latencies.length * 0.95)]!.toFixed(1)} ms, slowest ${worst.toFixed(1)} ms; RSS ${mib(before)} -> peak ${mib(peak)}`);
    assert.equal(execution.Status?.State, "FAILED");
    assert.equal(execution.Status?.StateChangeReason, `NOT_SUPPORTED: s3://bomba/dados/bomba.json.gz holds more than ${MAX_OBJECT_TEXT_BYTES} bytes of text once gunzipped: larger objects are not supported by the gpu-stream emulator's text reader`);
    assert.ok(latencies.length > 10, `only ${latencies.length} health requests answered`);
    // Before: every service stalled for 56-76 s. Now the object is read on a worker thread; the event loop only
    // writes the rows it gets (measured on 2 busy cores: 95% within 4-6 ms, slowest 6-21 ms).
    const sorted = [...latencies].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(sorted.length * 0.95)]!;
    assert.ok(p95 < 50, `95% of health requests answered within ${p95.toFixed(1)} ms`);
    assert.ok(worst < 100, `a health request took ${worst.toFixed(1)} ms`);
    assert.ok(peak < 400 * MiB, `RSS peaked at ${mib(peak)}`);
    assert.ok(wallMs < 30_000, `the query took ${(wallMs / 1000).toFixed(1)} s`);
    assert.deepEqual(await readdir(join(dataDir, "athena", "work")), [], "the query's work folder is gone");
    assert.deepEqual(emulator.stderr.filter((line) => line.includes("internal error")), []);
  });

  test("a line longer than Athena's 32 MB row limit fails with HIVE_BAD_DATA naming the object", { timeout: 30_000 }, async () => {
    const long = gzipOfRepeated('{"idtemp":"', "x".repeat(1024), MAX_LINE_BYTES + MiB);
    await s3.send(new PutObjectCommand({ Bucket: "bomba", Key: "longa/linha.json.gz", Body: long }));
    await createJsonTable("longa", "longa");
    const execution = await run("SELECT count(*) FROM longa");
    assert.equal(execution.Status?.State, "FAILED");
    assert.equal(execution.Status?.StateChangeReason, `HIVE_BAD_DATA: Line too long in s3://bomba/longa/linha.json.gz: more than ${MAX_LINE_BYTES} bytes before a newline (Athena's row size limit is 32 MB)`);
  });

  test("a line of 16 MiB of tiny JSON tokens is parsed off the event loop", { timeout: 60_000 }, async (t) => {
    // An array of 8 million zeros: seconds of parsing, which on the event loop would stall every service.
    const line = `[${"0,".repeat(8 * MiB)}0]\n`;
    await s3.send(new PutObjectCommand({ Bucket: "bomba", Key: "tokens/a.json.gz", Body: gzipSync(line) }));
    await createJsonTable("tokens", "tokens");
    const { result: execution, latencies, wallMs } = await watched(() => run("SELECT count(*), count(idtemp) FROM tokens"));
    const worst = Math.max(...latencies);
    t.diagnostic(`query ${execution.Status?.State} after ${(wallMs / 1000).toFixed(1)} s; ${latencies.length} health requests, slowest ${worst.toFixed(1)} ms`);
    assert.equal(execution.Status?.State, "SUCCEEDED", execution.Status?.StateChangeReason);
    assert.ok(worst < 100, `a health request took ${worst.toFixed(1)} ms`);
  });
});
