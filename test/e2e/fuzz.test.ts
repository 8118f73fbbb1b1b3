import { after, before, describe, test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AthenaClient, CreateWorkGroupCommand, StartQueryExecutionCommand } from "@aws-sdk/client-athena";
import { CreateDeliveryStreamCommand, FirehoseClient } from "@aws-sdk/client-firehose";
import { CreateCrawlerCommand, CreateDatabaseCommand, CreateTableCommand, GlueClient } from "@aws-sdk/client-glue";
import { CreateStreamCommand, DescribeStreamSummaryCommand, GetShardIteratorCommand, KinesisClient, PutRecordCommand } from "@aws-sdk/client-kinesis";
import { CreateBucketCommand, CreateMultipartUploadCommand, HeadBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { startChildEmulator, type ChildEmulator } from "../support/childEmulator";
import { mapConcurrently, rawExchange, rawStatus, sendHttp1, sendHttp2, type FuzzRequest, type Outcome } from "../support/fuzzHttp";
import { judgeJsonAnswer, judgeRawStatus, judgeS3Answer, type Judgement } from "../support/fuzzJudgement";
import { internalNamesOf, judgeNoInternalNames, judgeRawBytes, type InternalNames } from "../support/fuzzLeaks";
import { jsonFuzzRequest, loadJsonApis, type FuzzedJsonApi, type Hints } from "../support/jsonFuzzCases";
import { answeredStream, healthRequest, HTTP2_PREFACE, frame, http1Garbage, http2Garbage, slowClient, type GarbageCase } from "../support/protocolGarbage";
import { s3FuzzRequest, type S3FuzzTargets } from "../support/s3FuzzCases";
import { SeededRandom } from "@gpu-stream/shared";
import { drawOne } from "../support/randomDraws";
import { clientConfig } from "../support/testEmulator";
import { REPO_ROOT } from "../support/repoRoot";

// Thousands of malformed requests against the emulator in a child process (so a crash is the process dying),
// on loopback. Every answer must be AWS-shaped: 200, a 4xx with the service's error document, or a 501 naming
// a real but unwritten operation; protocol garbage may instead get a closed connection. After each batch the
// emulator must still be alive, answer its health endpoint and a valid SDK call, and have logged no internal error.
// No answer, error or not, may name the data directory, the code's location or an internal file (fuzzLeaks.ts).
// A fixed seed by default, so CI is repeatable; FUZZ_SEED=<n> runs another, FUZZ_SEED=random a fresh one each
// time (the seed is printed with every failure, to replay it).

const SEED_SETTING = process.env["FUZZ_SEED"] ?? "749917466";
const SEED = SEED_SETTING === "random" ? Math.floor(Math.random() * 2 ** 32) : Number(SEED_SETTING);
/** Requests per operation the emulator implements; the whole run stays well under a minute on two cores. */
const REQUESTS_PER_OPERATION = 45;
const S3_REQUESTS = 1800;
const CONCURRENCY = 6;
const TIMEOUT_MS = 15_000;
const ACCOUNT = "000000000000";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/fuzz-role`;
const STREAM_ARN = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/fuzz-stream`;

interface Failure {
  readonly label: string;
  readonly problem: string;
  readonly request?: FuzzRequest;
}

describe(`the emulator under fuzzing (seed ${SEED})`, () => {
  let emulator: ChildEmulator;
  let port: number;
  let exitedWith: number | string | undefined;
  let stderrChecked = 0;
  let dataDir: string;
  let kinesis: KinesisClient;
  let s3: S3Client;
  let agent: Agent;
  let hints: Hints;
  let s3Targets: S3FuzzTargets;
  let internalNames: InternalNames;
  const random = new SeededRandom(SEED);
  const startedAt = Date.now();
  const summary = {
    seed: SEED,
    requests: 0,
    serverErrors: 0,
    notImplemented: 0,
    closedOrReset: 0,
    byCategory: {} as Record<string, number>,
    byStatus: {} as Record<string, number>,
  };

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "gpu-stream-fuzz-"));
    emulator = await startChildEmulator(dataDir);
    port = Number(new URL(emulator.url).port);
    internalNames = await internalNamesOf(dataDir, REPO_ROOT);
    void emulator.exited.then((code) => {
      exitedWith = code;
    });
    agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const config = clientConfig(emulator.url);
    kinesis = new KinesisClient(config);
    s3 = new S3Client({ ...config, forcePathStyle: true });
    const firehose = new FirehoseClient(config);
    const glue = new GlueClient(config);
    const athena = new AthenaClient(config);
    // What the valid requests name, so that many of them reach the handlers rather than ResourceNotFound.
    await kinesis.send(new CreateStreamCommand({ StreamName: "health-stream", ShardCount: 1 }));
    await kinesis.send(new CreateStreamCommand({ StreamName: "fuzz-stream", ShardCount: 2 }));
    const put = await kinesis.send(new PutRecordCommand({ StreamName: "fuzz-stream", PartitionKey: "pk", Data: new TextEncoder().encode('{"a":1}') }));
    const iterator = await kinesis.send(new GetShardIteratorCommand({ StreamName: "fuzz-stream", ShardId: put.ShardId, ShardIteratorType: "TRIM_HORIZON" }));
    for (const bucket of ["health-bucket", "fuzz-bucket"]) {
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    }
    const keys = ["obj", "dir/obj", "data/part-0.json"];
    for (const key of keys) {
      await s3.send(new PutObjectCommand({ Bucket: "fuzz-bucket", Key: key, Body: '{"a":1,"b":"x"}\n' }));
    }
    const upload = await s3.send(new CreateMultipartUploadCommand({ Bucket: "fuzz-bucket", Key: "multipart" }));
    await firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: "fuzz-direct",
        DeliveryStreamType: "DirectPut",
        ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: "arn:aws:s3:::fuzz-bucket", Prefix: "firehose/" },
      }),
    );
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: "fuzzdb" } }));
    await glue.send(
      new CreateTableCommand({
        DatabaseName: "fuzzdb",
        TableInput: {
          Name: "fuzztable",
          TableType: "EXTERNAL_TABLE",
          PartitionKeys: [{ Name: "dt", Type: "string" }],
          StorageDescriptor: {
            Columns: [{ Name: "a", Type: "int" }, { Name: "b", Type: "string" }],
            Location: "s3://fuzz-bucket/data/",
            InputFormat: "org.apache.hadoop.mapred.TextInputFormat",
            OutputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
            SerdeInfo: { SerializationLibrary: "org.openx.data.jsonserde.JsonSerDe" },
          },
        },
      }),
    );
    await glue.send(new CreateCrawlerCommand({ Name: "fuzz-crawler", Role: ROLE, DatabaseName: "fuzzdb", Targets: { S3Targets: [{ Path: "s3://fuzz-bucket/data/" }] } }));
    await athena.send(new CreateWorkGroupCommand({ Name: "fuzz-wg", Configuration: { ResultConfiguration: { OutputLocation: "s3://fuzz-bucket/athena/" } } }));
    const query = await athena.send(new StartQueryExecutionCommand({ QueryString: "SELECT 1", ResultConfiguration: { OutputLocation: "s3://fuzz-bucket/athena/" } }));
    for (const client of [firehose, glue, athena]) {
      client.destroy();
    }
    // Names an object-keyed store would find on Object.prototype.
    const inherited = ["__proto__", "constructor", "toString", "hasOwnProperty"];
    hints = {
      StreamName: ["fuzz-stream", "fuzz-other", "health-stream-not", ...inherited],
      StreamARN: [STREAM_ARN],
      KinesisStreamARN: [STREAM_ARN],
      ShardId: ["shardId-000000000000", "shardId-000000000001", "shardId-000000000099"],
      ExclusiveStartShardId: ["shardId-000000000000"],
      ShardIterator: [iterator.ShardIterator!],
      StartingSequenceNumber: [put.SequenceNumber!, "0"],
      SequenceNumberForOrdering: [put.SequenceNumber!],
      ExplicitHashKey: ["0", "170141183460469231731687303715884105728", "340282366920938463463374607431768211455", "340282366920938463463374607431768211456"],
      PartitionKey: ["pk", "another key"],
      RetentionPeriodHours: [24, 48, 168, 8760],
      ShardCount: [1, 2],
      DeliveryStreamName: ["fuzz-direct", "fuzz-new", "fuzz-from-kinesis", ...inherited],
      RoleARN: [ROLE],
      Role: [ROLE],
      BucketARN: ["arn:aws:s3:::fuzz-bucket", "arn:aws:s3:::no-such-bucket"],
      Prefix: ["firehose/", "!{timestamp:yyyy}/", "!{firehose:error-output-type}/", "!{bogus}/", "a/!{timestamp:", ""],
      ErrorOutputPrefix: ["errors/", "!{firehose:error-output-type}/"],
      DatabaseName: ["fuzzdb", "nodb", ...inherited],
      TableName: ["fuzztable", ...inherited],
      Name: ["fuzzdb", "fuzztable", "fuzz-crawler", "fuzz-wg", "fresh", ...inherited],
      CatalogId: [ACCOUNT, "111111111111"],
      Path: ["s3://fuzz-bucket/data/", "s3://no-such-bucket/", "not-a-url", "s3://"],
      Location: ["s3://fuzz-bucket/data/", "s3://", "file:///etc", "s3://fuzz-bucket/../../"],
      LocationUri: ["s3://fuzz-bucket/"],
      Type: ["string", "int", "bigint", "double", "boolean", "timestamp", "array<string>", "struct<a:int,b:string>", "map<string,int>", "decimal(10,2)", "garbage<", "array<", "struct<:>"],
      Values: ["2026", "x"],
      Expression: ["dt = '2026'", "dt > 1", "garbage ((", "dt in ('a','b')", "a =", "fuzz*", ""],
      InputFormat: ["org.apache.hadoop.mapred.TextInputFormat", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat", "bogus"],
      SerializationLibrary: ["org.openx.data.jsonserde.JsonSerDe", "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", "bogus"],
      TableType: ["EXTERNAL_TABLE", "VIRTUAL_VIEW", "bogus"],
      QueryString: [
        "SELECT 1",
        "SELECT * FROM fuzzdb.fuzztable LIMIT 5",
        "SELECT count(*) FROM fuzzdb.fuzztable WHERE dt = '2026'",
        "SHOW TABLES IN fuzzdb",
        "SHOW PARTITIONS fuzzdb.fuzztable",
        "DESCRIBE fuzzdb.fuzztable",
        "SELECT",
        "SELECT * FROM read_csv('/etc/passwd')",
        "COPY (SELECT 1) TO '/tmp/x.csv'",
        "INSTALL httpfs",
        "ATTACH '/tmp/x.db'",
        "SELECT 1; SELECT 2",
        "DROP TABLE fuzzdb.nothing",
        "SELECT from_unixtime(1e300)",
        "SELECT CAST('x' AS integer)",
        "SELECT 1/0",
      ],
      QueryExecutionId: [query.QueryExecutionId!, "00000000-0000-0000-0000-000000000000", ...inherited],
      QueryExecutionIds: [query.QueryExecutionId!],
      WorkGroup: ["primary", "fuzz-wg", ...inherited],
      OutputLocation: ["s3://fuzz-bucket/athena/", "s3://no-such-bucket/x/", "not-a-url", "s3://"],
      Database: ["fuzzdb", "default", ...inherited],
      Catalog: ["AwsDataCatalog", "other"],
      MaxResults: [1, 2, 1000],
      Limit: [1, 2, 10000],
    };
    s3Targets = { bucket: "fuzz-bucket", keys, uploadIds: [upload.UploadId!] };
  });

  after(async () => {
    agent?.destroy();
    kinesis?.destroy();
    s3?.destroy();
    await emulator?.stop("SIGTERM");
    await rm(dataDir, { recursive: true, force: true });
    const wallMs = Date.now() - startedAt;
    await mkdir(join(REPO_ROOT, "test-artifacts"), { recursive: true });
    await writeFile(join(REPO_ROOT, "test-artifacts", "fuzz-summary.json"), `${JSON.stringify({ ...summary, wallMs, date: new Date().toISOString() }, null, 2)}\n`);
  });

  function record(category: string, outcome: Outcome, judgement: Judgement): void {
    if (outcome.kind === "unsent") {
      return;
    }
    summary.requests += 1;
    summary.byCategory[category] = (summary.byCategory[category] ?? 0) + 1;
    const status = outcome.kind === "answer" ? String(outcome.status) : outcome.kind;
    summary.byStatus[status] = (summary.byStatus[status] ?? 0) + 1;
    if (outcome.kind === "answer" && outcome.status >= 500) {
      if (outcome.status === 501 && judgement === undefined) {
        summary.notImplemented += 1;
      } else {
        summary.serverErrors += 1;
      }
    }
    if (outcome.kind === "closed") {
      summary.closedOrReset += 1;
    }
  }

  /** The emulator is alive, healthy, answers a valid SDK call on each protocol, and has logged no internal error. */
  async function assertStillServing(after: string): Promise<void> {
    assert.equal(exitedWith, undefined, `seed ${SEED}: the emulator died (${exitedWith}) after ${after}:\n${emulator.stderr.slice(-40).join("\n")}`);
    const health = await fetch(`${emulator.url}/_emulator/health`);
    assert.equal(health.status, 200, `seed ${SEED}: health after ${after}`);
    await health.arrayBuffer();
    const summaryOfStream = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: "health-stream" }));
    assert.equal(summaryOfStream.StreamDescriptionSummary?.StreamName, "health-stream");
    await s3.send(new HeadBucketCommand({ Bucket: "health-bucket" }));
    // Only what this batch logged: one batch's bug should fail that batch, not every later one.
    // "Closing file descriptor ... on garbage collection" is Node's word for a file handle a code path forgot to close.
    const internal = emulator.stderr.slice(stderrChecked).filter((line) => line.includes("internal error") || line.includes("on garbage collection"));
    stderrChecked = emulator.stderr.length;
    assert.deepEqual(internal, [], `seed ${SEED}: internal errors logged after ${after}:\n${emulator.stderr.slice(-60).join("\n")}`);
  }

  function report(t: TestContext, failures: readonly Failure[], sent: number): void {
    if (failures.length === 0) {
      return;
    }
    const shown = failures.slice(0, 12).map(({ label, problem, request }) => {
      const body = request?.body === undefined ? "" : `\n      body: ${JSON.stringify(request.body.subarray(0, 300).toString("utf8"))}${request.body.length > 300 ? `... (${request.body.length} bytes)` : ""}`;
      const headers = request === undefined ? "" : `\n      ${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.headers).slice(0, 300)}`;
      return `  - ${label}\n      -> ${problem}${headers}${body}`;
    });
    t.diagnostic(`seed ${SEED}: ${failures.length} failures`);
    assert.fail(`seed ${SEED} (FUZZ_SEED=${SEED} replays it): ${failures.length} of ${sent} requests answered wrongly:\n${shown.join("\n")}`);
  }

  async function fuzzJson(api: FuzzedJsonApi, t: TestContext): Promise<void> {
    const implemented = Object.keys(api.inputs);
    const unwritten = api.apiOperations.filter((operation) => !implemented.includes(operation));
    const requests: { request: FuzzRequest; http2: boolean; status?: number }[] = [];
    for (const operation of implemented) {
      for (let index = 0; index < REQUESTS_PER_OPERATION; index += 1) {
        requests.push({ request: jsonFuzzRequest(api, operation, random, hints), http2: random.chance(0.1) });
      }
    }
    const unwrittenSampled = Math.min(20, unwritten.length);
    for (let index = 0; index < unwrittenSampled; index += 1) {
      requests.push({ request: jsonFuzzRequest(api, drawOne(random, unwritten), random, hints), http2: random.chance(0.2) });
    }
    // A body one byte over the service's limit: 413, and the client gets to read it.
    const overLimit = Buffer.alloc(api.maxBodyBytes + 1, 0x20);
    requests.push({
      request: { label: `${api.name}: a body one byte over ${api.maxBodyBytes}`, method: "POST", path: "/", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `${api.targetPrefix}.${implemented[0]}` }, body: overLimit },
      http2: false,
      status: 413,
    });
    const failures: Failure[] = [];
    await mapConcurrently(requests, CONCURRENCY, async ({ request, http2, status }) => {
      const outcome = http2 ? await sendHttp2(emulator.url, request, TIMEOUT_MS) : await sendHttp1(port, agent, request, TIMEOUT_MS);
      const judgement = judgeJsonAnswer(outcome, request) ?? judgeNoInternalNames(outcome, request, internalNames) ?? (status !== undefined && outcome.kind === "answer" && outcome.status !== status ? `${outcome.status}, not ${status}` : undefined);
      record(http2 ? "json-http2" : "json-http1", outcome, judgement);
      if (judgement !== undefined) {
        failures.push({ label: `${http2 ? "[h2] " : ""}${request.label}`, problem: judgement, request });
      }
    });
    t.diagnostic(`${api.name}: ${requests.length} requests over its ${implemented.length} operations and ${unwrittenSampled} of its ${unwritten.length} unwritten ones`);
    report(t, failures, requests.length);
    await assertStillServing(`the ${api.name} batch`);
  }

  async function runGarbage(cases: readonly GarbageCase[], category: string, t: TestContext, timeoutMs = 3000): Promise<void> {
    const failures: Failure[] = [];
    await mapConcurrently(cases, CONCURRENCY, async (garbage) => {
      const result = await rawExchange(port, garbage.steps, { timeoutMs, ...(garbage.leave === undefined ? {} : { leave: garbage.leave }) });
      const status = rawStatus(result.received);
      const sent = Buffer.concat(garbage.steps.filter((step): step is Buffer => Buffer.isBuffer(step))).toString("latin1");
      const judgement = judgeRawStatus(status) ?? judgeRawBytes(result.received, internalNames, sent);
      summary.requests += 1;
      summary.byCategory[category] = (summary.byCategory[category] ?? 0) + 1;
      const key = status === undefined ? result.ending : String(status);
      summary.byStatus[key] = (summary.byStatus[key] ?? 0) + 1;
      if (status !== undefined && status >= 500) {
        summary.serverErrors += 1;
      }
      if (status === undefined && result.ending === "closed") {
        summary.closedOrReset += 1;
      }
      if (judgement !== undefined) {
        failures.push({ label: garbage.label, problem: `${judgement}: ${result.received.subarray(0, 300).toString("latin1")}` });
      }
    });
    report(t, failures, cases.length);
  }

  // Before the fuzz batches, which may create resources of these names.
  describe("names Object.prototype also has", () => {
    test("are stored and found as any other name (constructor, __proto__, toString)", async () => {
      const call = async (target: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
        const outcome = await sendHttp1(port, agent, { label: target, method: "POST", path: "/", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": target }, body: Buffer.from(JSON.stringify(body)) }, TIMEOUT_MS);
        assert.equal(outcome.kind, "answer");
        const answer = outcome as Extract<Outcome, { kind: "answer" }>;
        return { status: answer.status, body: JSON.parse(answer.body.toString("utf8")) as Record<string, unknown> };
      };
      for (const name of ["constructor", "__proto__", "toString"]) {
        assert.equal((await call("AWSGlue.GetDatabase", { Name: name })).body["__type"], "EntityNotFoundException", `GetDatabase ${name} before it exists`);
        assert.equal((await call("AWSGlue.CreateDatabase", { DatabaseInput: { Name: name } })).status, 200);
        assert.equal((await call("AWSGlue.CreateTable", { DatabaseName: name, TableInput: { Name: name } })).status, 200);
        // Glue keeps catalog names in lower case.
        assert.equal(((await call("AWSGlue.GetTable", { DatabaseName: name, Name: name })).body["Table"] as { Name: string }).Name, name.toLowerCase());
        assert.equal((await call("AWSGlue.GetCrawler", { Name: name })).body["__type"], "EntityNotFoundException", `GetCrawler ${name} before it exists`);
        assert.equal((await call("AWSGlue.CreateCrawler", { Name: name, Role: ROLE, Targets: { S3Targets: [{ Path: "s3://fuzz-bucket/data/" }] } })).status, 200);
        assert.equal(((await call("AWSGlue.GetCrawler", { Name: name })).body["Crawler"] as { Name: string }).Name, name);
        assert.equal((await call("AWSGlue.DeleteCrawler", { Name: name })).status, 200);
        assert.equal((await call("AWSGlue.DeleteDatabase", { Name: name })).status, 200);
        assert.equal((await call("AWSGlue.GetDatabase", { Name: name })).body["__type"], "EntityNotFoundException", `GetDatabase ${name} after its deletion`);
        assert.equal((await call("Kinesis_20131202.DescribeStreamSummary", { StreamName: name })).body["__type"], "ResourceNotFoundException");
        assert.equal((await call("AmazonAthena.GetWorkGroup", { WorkGroup: name })).body["__type"], "InvalidRequestException");
        assert.equal((await call("Firehose_20150804.DescribeDeliveryStream", { DeliveryStreamName: name })).body["__type"], "ResourceNotFoundException");
      }
      await assertStillServing("the names Object.prototype has");
    });
  });

  describe("JSON services", () => {
    for (const api of loadJsonApis()) {
      test(`answers mutated requests to every ${api.name} operation with 200 or an AWS-shaped 4xx`, async (t) => {
        await fuzzJson(api, t);
      });
    }
  });

  describe("S3", () => {
    test("answers random methods, paths, query strings, headers and bodies with 2xx, 3xx or an S3 XML error", async (t) => {
      const failures: Failure[] = [];
      const requests = Array.from({ length: S3_REQUESTS }, () => s3FuzzRequest(random, s3Targets));
      await mapConcurrently(requests, CONCURRENCY, async (request) => {
        const outcome = await sendHttp1(port, agent, request, TIMEOUT_MS);
        const judgement = judgeS3Answer(outcome, request) ?? judgeNoInternalNames(outcome, request, internalNames);
        record("s3", outcome, judgement);
        if (judgement !== undefined) {
          failures.push({ label: request.label, problem: judgement, request });
        }
      });
      report(t, failures, requests.length);
      await assertStillServing("the S3 batch");
    });
  });

  describe("protocol garbage", () => {
    test("refuses or closes malformed HTTP/1.1, never with a 5xx, and serves the next request", async (t) => {
      await runGarbage(http1Garbage(random), "http1-raw", t);
      await assertStillServing("the HTTP/1.1 garbage");
    });

    test("keeps serving others while slow clients send their headers a byte at a time and leave", async () => {
      const slow = mapConcurrently([slowClient(20, 100), slowClient(25, 80), slowClient(12, 150), slowClient(30, 60)], 4, (garbage) =>
        rawExchange(port, garbage.steps, { timeoutMs: 5000, leave: true }),
      );
      let served = 0;
      const deadline = Date.now() + 1500;
      while (Date.now() < deadline) {
        const began = Date.now();
        const response = await fetch(`${emulator.url}/_emulator/health`);
        await response.arrayBuffer();
        assert.equal(response.status, 200);
        assert.ok(Date.now() - began < 1000, "a health request waited behind the slow clients");
        served += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const results = await slow;
      summary.requests += results.length;
      summary.byCategory["slow-clients"] = results.length;
      assert.ok(served > 5);
      for (const result of results) {
        assert.equal(judgeRawStatus(rawStatus(result.received)) ?? judgeRawBytes(result.received, internalNames, ""), undefined);
      }
      await assertStillServing("the slow clients");
    });

    test("answers a well-made raw HTTP/2 request (the control case for the frame builder)", async () => {
      const result = await rawExchange(port, [HTTP2_PREFACE, frame(4, 0, 0), healthRequest(1), { pauseMs: 300 }], { timeoutMs: 1000, leave: true });
      assert.ok(answeredStream(result.received, 1), `no HEADERS frame on stream 1 in ${result.received.length} bytes`);
    });

    test("ends HTTP/2 sessions that break the protocol, never with a 5xx, and serves the next request", async (t) => {
      await runGarbage(http2Garbage(random), "http2-raw", t, 2000);
      await assertStillServing("the HTTP/2 garbage");
    });

    test("answers odd requests from the node:http2 client with AWS-shaped errors", async (t) => {
      const json = (target: string, headers: Record<string, string> = {}, body = "{}"): FuzzRequest => ({
        label: `h2 ${target} ${JSON.stringify(headers)}`,
        method: "POST",
        path: "/",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": target, ...headers },
        body: Buffer.from(body),
      });
      const requests: FuzzRequest[] = [
        json("Kinesis_20131202.ListStreams", { "content-length": "100" }),
        json("Kinesis_20131202.ListStreams", { "content-length": String(2 ** 30) }),
        json("Kinesis_20131202.ListStreams", { "content-length": "0" }, ""),
        json("Kinesis_20131202.ListStreams", { "x-amz-target": "" }),
        json("Kinesis_20131202.ListStreams", { "content-type": "" }),
        json("Kinesis_20131202.ListStreams", { "x-big": "x".repeat(60_000) }),
        json("Kinesis_20131202.ListStreams", Object.fromEntries(Array.from({ length: 500 }, (_, index) => [`x-h${index}`, "v"]))),
        json("Kinesis_20131202.PutRecord", {}, '{"StreamName":"fuzz-stream","PartitionKey":"k","Data":"!!"}'),
        json("Kinesis_20131202.GetRecords", {}, '{"ShardIterator":"AAAA"}'),
        json("Kinesis_20131202.SubscribeToShard", {}, '{"ConsumerARN":"x","ShardId":"y","StartingPosition":{"Type":"LATEST"}}'),
        { label: "h2 GET *", method: "OPTIONS", path: "*", headers: {} },
        { label: "h2 path without a slash", method: "GET", path: "relative", headers: {} },
        { label: "h2 path of 30 KB", method: "GET", path: `/${"p".repeat(30_000)}`, headers: {} },
        { label: "h2 S3 PUT without a body length", method: "PUT", path: "/fuzz-bucket/h2-object", headers: {}, body: Buffer.from("hello") },
        { label: "h2 S3 PUT announcing 6 GiB", method: "PUT", path: "/fuzz-bucket/h2-big", headers: { "content-length": String(6 * 2 ** 30) } },
        { label: "h2 S3 GET with a bad range", method: "GET", path: "/fuzz-bucket/obj", headers: { range: "bytes=9-1" } },
        { label: "h2 S3 GET of a missing bucket", method: "GET", path: "/no-such-bucket-here/obj", headers: {} },
        { label: "h2 S3 HEAD of a missing key", method: "HEAD", path: "/fuzz-bucket/missing", headers: {} },
      ];
      const failures: Failure[] = [];
      await mapConcurrently(requests, CONCURRENCY, async (request) => {
        const outcome = await sendHttp2(emulator.url, request, 5000);
        const isJson = request.headers["x-amz-target"] !== undefined;
        // A lying content-length on HTTP/2 may be refused by the peer's framing (a stream reset): a closed stream.
        const judgement = outcome.kind === "closed" ? undefined : ((isJson ? judgeJsonAnswer(outcome, request) : judgeS3Answer(outcome, request)) ?? judgeNoInternalNames(outcome, request, internalNames));
        record("http2-client", outcome, judgement);
        if (judgement !== undefined) {
          failures.push({ label: request.label, problem: judgement, request });
        }
      });
      report(t, failures, requests.length);
      await assertStillServing("the odd HTTP/2 requests");
    });
  });

  test("has sent thousands of requests and seen no 5xx but named 501s", (t) => {
    t.diagnostic(`seed ${SEED}: ${summary.requests} requests, ${summary.serverErrors} 5xx (besides ${summary.notImplemented} named 501s), ${summary.closedOrReset} closed or reset, in ${Date.now() - startedAt} ms`);
    t.diagnostic(`by status: ${JSON.stringify(summary.byStatus)}`);
    assert.ok(summary.requests >= 3000, `only ${summary.requests} requests`);
    assert.equal(summary.serverErrors, 0);
  });
});
