import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { request } from "node:http";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { CreateStreamCommand, ListStreamsCommand, PutRecordsCommand } from "@aws-sdk/client-kinesis";
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
import { dashboardModule } from "../../support/dashboardModule";
import type { PipelineState, PointsEvent } from "../../../scripts/dist/dashboard/index";
import { ok, readState, stateWhen } from "../../support/dashboardState";
import { startTestEmulator, useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { REPO_ROOT } from "../../support/repoRoot";

const { countCsvRecords, guardReadOnly, READ_ONLY_OPERATION, startDashboard } = dashboardModule;
type RunningDashboard = Awaited<ReturnType<typeof startDashboard>>;

/** Every operation the clients send, by name (ListShards, GetRecords, ...), in order. */
function recordOperations(clients: AwsClients): string[] {
  const operations: string[] = [];
  for (const client of [clients.kinesis, clients.firehose, clients.s3, clients.glue, clients.athena] as { middlewareStack: { add(middleware: unknown, options: object): void } }[]) {
    client.middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => {
        operations.push((context.commandName ?? "?").replace(/Command$/, ""));
        return next(args);
      },
      { step: "initialize", name: "recordOperations" },
    );
  }
  return operations;
}

/** A raw GET, so that the Host header and the method can be anything (fetch fixes both). */
function rawRequest(url: string, options: { method?: string; host?: string }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const sent = request({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: options.method ?? "GET", headers: options.host === undefined ? {} : { host: options.host } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    sent.on("error", reject);
    sent.end();
  });
}

/** The first `count` events of the dashboard's event stream. */
async function firstEvents(dashboard: RunningDashboard, count: number): Promise<{ event: string; data: PointsEvent }[]> {
  const response = await fetch(`${dashboard.url}api/events`);
  assert.match(response.headers.get("content-type") ?? "", /^text\/event-stream/);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: { event: string; data: PointsEvent }[] = [];
  let text = "";
  try {
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) {
        break;
      }
      text += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = text.indexOf("\n\n")) >= 0) {
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event !== undefined && data !== undefined) {
          events.push({ event, data: JSON.parse(data) as PointsEvent });
        }
      }
    }
  } finally {
    await reader.cancel();
  }
  return events;
}

/** The dashboard's state against the real emulator, through a pipeline's whole life: nothing, set-up, records, delivery, crawl, queries. */
describe("the dashboard's state", { timeout: 120_000 }, () => {
  const names = localPipelineNames();
  const recordsPerMetric = 4;
  const total = recordsPerMetric * METRICS.length;
  let testEmulator: TestEmulator;
  let clients: AwsClients;
  let operations: string[];
  let dashboard: RunningDashboard;
  let filesDir: string;

  before(async () => {
    testEmulator = await startTestEmulator();
    filesDir = await mkdtemp(join(tmpdir(), "dashboard-files-"));
    // The dashboard's own clients, as npm start gives it: every operation they send is recorded.
    clients = createAwsClients({ mode: "local", endpoint: testEmulator.emulator.url });
    operations = recordOperations(clients);
    dashboard = await startDashboard({ clients, names, emulatorUrl: testEmulator.emulator.url, port: 0, filesDir, readPollMs: 100 });
  });
  after(async () => {
    await dashboard?.close();
    clients?.destroy();
    await testEmulator?.close();
    await rm(filesDir, { recursive: true, force: true });
  });

  test("before set-up every resource is 'missing' (not an error), and Athena has no queries", async () => {
    const state = await readState(dashboard.url);
    for (const section of [state.stream, state.firehose, state.s3, state.crawler]) {
      assert.equal(section.status, "missing", JSON.stringify(section));
    }
    assert.match((state.stream as { message: string }).message, /stream gpucontrole does not exist yet/);
    assert.deepEqual(ok(state.athena).queries, []);
    assert.deepEqual(state.files, []);
  });

  test("after a run, every part shows what happened: records read, delivered, crawled and queried", async () => {
    await provisionStorageAndStream(testEmulator.clients, names, { shardCount: 2, bufferIntervalSeconds: 60 });
    await produceMetricsConcurrently({ kinesis: testEmulator.clients.kinesis, streamName: names.stream, profile: originalProfile(), metrics: METRICS, recordsPerMetric, intervalMs: 0, seed: 3 });

    // The stream did not exist when the reader started, so it reads it from its start: every record.
    const buffered = await stateWhen(dashboard.url, (state) => state.stream.status === "ok" && state.stream.consumer.recordsRead === total);
    const stream = ok(buffered.stream);
    assert.equal(stream.streamStatus, "ACTIVE");
    assert.equal(stream.openShards, 2);
    assert.equal(stream.shardIds.length, 2);
    assert.equal(stream.consumer.unreadable, 0);
    assert.equal(ok(buffered.firehose).buffer?.bufferedRecords, total);
    assert.equal(ok(buffered.s3).objects, 0);

    const flushed = (await testEmulator.emulator.flushFirehose(names.deliveryStream)).deliveryStreams[0]!.objects;
    await provisionCatalog(testEmulator.clients, names);
    await runCrawler(testEmulator.clients.glue, names.crawler);
    const counted = await runNamedQuery(testEmulator.clients.athena, names, "count_rows");
    assert.deepEqual(counted, [{ rows: String(total) }]);
    const stats = await runNamedQuery(testEmulator.clients.athena, names, "metric_stats");
    assert.equal(stats.length, METRICS.length);
    await writeFile(join(filesDir, "report.html"), "<!doctype html><title>report</title>");

    // A snapshot is served again for a moment (several pages cost AWS no more calls): wait for a new one.
    const state = await stateWhen(dashboard.url, (candidate) => candidate.athena.status === "ok" && candidate.athena.queries.length === 2 && candidate.files.length === 1);
    const firehose = ok(state.firehose);
    assert.equal(firehose.deliveryStreamStatus, "ACTIVE");
    assert.equal(firehose.source, `stream ${names.stream}`);
    assert.equal(firehose.destination, `s3://${names.bucket}/${names.dataPrefix}`);
    assert.equal(firehose.newlineDelimited, true);
    assert.equal(firehose.bufferIntervalSeconds, 60);
    assert.equal(firehose.buffer?.bufferedRecords, 0);
    assert.equal(firehose.buffer?.objectsDelivered, flushed.length);
    assert.equal(firehose.buffer?.recordsDelivered, total);
    assert.ok(firehose.buffer?.lastDelivery !== undefined);

    const s3 = ok(state.s3);
    assert.equal(s3.objects, flushed.length);
    assert.equal(s3.bytes, flushed.reduce((sum, object) => sum + object.bytes, 0));
    assert.equal(s3.truncated, false);
    assert.equal(s3.lastDelivery, s3.newest[0]?.lastModified);
    assert.deepEqual(s3.newest.map((object) => object.key).sort(), flushed.map((object) => object.key).sort());
    const object = await fetch(new URL(s3.newest[0]!.href, dashboard.url));
    assert.equal(object.status, 200);
    assert.equal(object.headers.get("content-security-policy"), "sandbox; default-src 'none'");
    assert.equal(object.headers.get("x-content-type-options"), "nosniff");
    assert.equal((await object.text()).split("\n").filter((line) => line !== "").length, total);
    assert.ok(s3.latestResultCsv?.key.startsWith(names.resultsPrefix) === true && s3.latestResultCsv.key.endsWith(".csv"));

    const crawler = ok(state.crawler);
    assert.equal(crawler.state, "READY");
    assert.equal(crawler.lastCrawl?.status, "SUCCEEDED");
    const table = crawler.tables.find((candidate) => candidate.name === names.table);
    assert.ok(table !== undefined, JSON.stringify(crawler.tables));
    assert.equal(table.partitionKeys, 4, "Firehose's YYYY/MM/DD/HH folders");
    assert.ok(table.columns >= 4);

    const athena = ok(state.athena);
    assert.equal(athena.queries.length, 2);
    assert.ok(athena.queries.every((query) => query.state === "SUCCEEDED" && query.statementType === "DML" && (query.dataScannedBytes ?? 0) > 0));
    const [newest, oldest] = athena.queries;
    assert.match(newest!.query, /^select "tipo", count\(\*\)/i, "newest first");
    assert.equal(newest!.rows, METRICS.length);
    assert.equal(oldest!.rows, 1);
    const result = await fetch(new URL(oldest!.resultHref!, dashboard.url));
    assert.equal(await result.text(), `"rows"\n"${total}"\n`);

    assert.deepEqual(state.files.map((file) => file.name), ["report.html"]);
    assert.equal(await (await fetch(new URL(state.files[0]!.href, dashboard.url))).text(), "<!doctype html><title>report</title>");
    assert.equal((await fetch(new URL("/files/generator-profile.json", dashboard.url))).status, 404, "only the run's report and CSV are served");
  });

  test("a page connecting gets the recent window first, then the points read as they come", async () => {
    const [snapshot, next] = await firstEvents(dashboard, 2);
    assert.equal(snapshot!.event, "snapshot");
    assert.equal(snapshot!.data.points.length, total);
    assert.deepEqual(new Set(snapshot!.data.points.map((point) => point.metric)), new Set(METRICS));
    assert.ok(snapshot!.data.points.every((point) => Number.isFinite(point.v) && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/.test(point.t)));
    assert.equal(next!.event, "points");
    assert.equal(next!.data.stats.recordsRead, total);
  });

  test("only read operations were sent: Describe, List, Get, BatchGet", () => {
    assert.ok(operations.length > 20, operations.join(" "));
    const writes = operations.filter((operation) => !READ_ONLY_OPERATION.test(operation));
    assert.deepEqual(writes, []);
    for (const expected of ["DescribeStreamSummary", "ListShards", "GetShardIterator", "GetRecords", "DescribeDeliveryStream", "ListObjectsV2", "GetObject", "GetCrawler", "GetTables", "ListQueryExecutions", "BatchGetQueryExecution"]) {
      assert.ok(operations.includes(expected), `${expected} in ${[...new Set(operations)].join(", ")}`);
    }
  });

  test("the reader of a stream that exists starts at LATEST: records put before it are not charted", async () => {
    const fresh = await startDashboard({ clients, names, port: 0, readPollMs: 100 });
    try {
      await stateWhen(fresh.url, (state) => state.stream.status === "ok" && state.stream.consumer.status === "reading");
      const records = METRICS.map((metric, index) => ({
        PartitionKey: "gpu-0",
        Data: Buffer.from(JSON.stringify({ idtemp: String(index), dado: "1.5", tipo: metric, timestamp: "2026-11-28 06:29:32.123456" })),
      }));
      await testEmulator.clients.kinesis.send(new PutRecordsCommand({ StreamName: names.stream, Records: [...records, { PartitionKey: "other", Data: Buffer.from("not a record") }] }));
      const state = await stateWhen(fresh.url, (candidate) => candidate.stream.status === "ok" && candidate.stream.consumer.recordsRead === METRICS.length + 1);
      assert.equal(ok(state.stream).consumer.unreadable, 1);
    } finally {
      await fresh.close();
    }
  });

  test("AWS mode (its clients pointed at the emulator): Firehose's buffer is 'not exposed by AWS', the rest as locally", async () => {
    const awsLike = await startDashboard({ clients: { ...clients, target: { ...clients.target, mode: "aws", description: "AWS (the emulator standing in)" } }, names, port: 0 });
    try {
      const state = await readState(awsLike.url);
      const firehose = ok(state.firehose);
      assert.equal(firehose.buffer, undefined);
      assert.match(firehose.bufferNote, /not exposed by AWS/);
      for (const section of [state.stream, state.s3, state.crawler, state.athena]) {
        assert.equal(section.status, "ok");
      }
      const page = await (await fetch(awsLike.url)).text();
      assert.match(page, /"mode":"aws"/);
      assert.match(page, /"statePollMs":3000/, "AWS is asked less often");
      assert.match(page, /"readPollMs":1000/, "AWS allows 5 GetRecords per second per shard, shared with Firehose");
    } finally {
      await awsLike.close();
    }
  });

  test("its own clients refuse any operation that is not a read, before it is sent", async () => {
    const guarded = createAwsClients({ mode: "local", endpoint: testEmulator.emulator.url });
    try {
      guardReadOnly(guarded);
      await assert.rejects(guarded.kinesis.send(new CreateStreamCommand({ StreamName: "not-by-the-dashboard", ShardCount: 1 })), /the dashboard only reads: CreateStream refused/);
      const { StreamNames } = await guarded.kinesis.send(new ListStreamsCommand({}));
      assert.ok(!StreamNames?.includes("not-by-the-dashboard"));
    } finally {
      guarded.destroy();
    }
  });

  test("it answers only at its own address, only GET, and objects only of the pipeline's bucket", async () => {
    const state = `${dashboard.url}api/state`;
    assert.equal((await rawRequest(state, { host: "attacker.example:80" })).status, 421, "a rebound DNS name is refused");
    assert.equal((await rawRequest(state, { host: `localhost:${dashboard.port}` })).status, 200);
    const posted = await rawRequest(state, { method: "POST" });
    assert.equal(posted.status, 405);
    assert.equal(posted.headers["allow"], "GET, HEAD");
    assert.equal((await fetch(`${dashboard.url}api/object`)).status, 400);
    assert.equal((await fetch(`${dashboard.url}api/object?key=${encodeURIComponent("telemetry/none")}`)).status, 404);
    assert.equal((await fetch(`${dashboard.url}page/..%2Fstart.js`)).status, 404);
    assert.equal((await fetch(`${dashboard.url}nothing`)).status, 404);
    const page = await fetch(dashboard.url);
    assert.match(page.headers.get("content-security-policy") ?? "", /script-src 'self'/);
    const plotly = await fetch(`${dashboard.url}plotly.js`);
    assert.equal(plotly.status, 200);
    assert.ok((await plotly.text()).length > 1_000_000, "Plotly's bundle, from the npm package");
    assert.equal((await fetch(`${dashboard.url}page/main.js`)).status, 200);
  });
});

describe("gpu-stream dashboard (npm run dashboard)", { timeout: 60_000 }, () => {
  let emulator: TestEmulator;
  useTestEmulator((started) => {
    emulator = started;
  });

  test("prints its address, serves the state of the endpoint it is given, and stops on Ctrl-C", async () => {
    const cli = resolve(REPO_ROOT, "scripts", "dist", "cli.js");
    const child = spawn(process.execPath, [cli, "dashboard", "--mode", "local", "--endpoint", emulator.emulator.url, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolveExit) => child.on("exit", (code) => resolveExit(code)));
    try {
      const deadline = Date.now() + 20_000;
      while (!/Dashboard: (\S+)/.test(stdout)) {
        assert.ok(Date.now() < deadline && child.exitCode === null, `no address printed: ${stdout}${stderr}`);
        await new Promise((wait) => setTimeout(wait, 50));
      }
      const url = /Dashboard: (\S+)/.exec(stdout)![1]!;
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      assert.match(stdout, new RegExp(`reading local emulator at ${emulator.emulator.url.replace(/[.]/g, "\\.")}`));
      const state = (await (await fetch(`${url}api/state`)).json()) as PipelineState;
      assert.equal(state.stream.status, "missing");
    } finally {
      child.kill("SIGINT");
    }
    assert.equal(await exited, 0, stderr);
  });
});

describe("the dashboard's port", () => {
  test("a port that is taken falls back to a free one, and says so", async () => {
    const clients = createAwsClients({ mode: "local", endpoint: "http://127.0.0.1:9" });
    const first = await startDashboard({ clients, names: localPipelineNames(), port: 0 });
    try {
      const second = await startDashboard({ clients, names: localPipelineNames(), port: first.port });
      await second.close();
      assert.equal(second.fellBack, true);
      assert.notEqual(second.port, first.port);
      await assert.rejects(startDashboard({ clients, names: localPipelineNames(), port: first.port, fallBackToFreePort: false }), /EADDRINUSE/);
    } finally {
      await first.close();
      clients.destroy();
    }
  });
});

describe("countCsvRecords", () => {
  test("counts CSV records, line breaks inside quotes included", () => {
    assert.equal(countCsvRecords(""), 0);
    assert.equal(countCsvRecords(`"a"\n"1"\n`), 2);
    assert.equal(countCsvRecords(`"a"\r\n"1"\r\n"2"`), 3);
    assert.equal(countCsvRecords(`"a","b"\n"x\ny","2"\n\n`), 2);
  });
});
