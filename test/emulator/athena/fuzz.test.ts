import { after, before, describe, test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { BatchCreatePartitionCommand, CreateDatabaseCommand, CreateTableCommand, GlueClient } from "@aws-sdk/client-glue";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { firehoseTableInput, telemetryRecord } from "../../support/athenaTestKit";
import { catalogFuzzCases, type CatalogCase } from "../../support/catalogFuzzCases";
import { startChildEmulator, type ChildEmulator } from "../../support/childEmulator";
import { mapConcurrently, sendHttp1, type FuzzRequest, type Outcome } from "../../support/fuzzHttp";
import { judgeJsonAnswer, judgeS3Answer, judgeStateChangeReason, type Judgement } from "../../support/fuzzJudgement";
import { internalNamesOf, judgeNoInternalNames, type InternalNames } from "../../support/fuzzLeaks";
import { JsonCaller, type Exchange } from "../../support/jsonCaller";
import { runFuzzQuery, type FuzzQueryRun } from "../../support/runFuzzQuery";
import { SeededRandom } from "@gpu-stream/shared";
import { courseStatements, deepStatements, hostileStatements, mutatedStatements, type SqlCase, type SqlFuzzTargets } from "../../support/sqlFuzzCases";
import { clientConfig } from "../../support/testEmulator";
import { REPO_ROOT } from "../../support/repoRoot";

// Athena's SQL and Glue's catalog values under fuzzing, against the emulator in a child process (a crash is the
// process dying): mutations of the course's statements, statements that try DuckDB's reach outside the data
// directory, nesting deep enough to overflow a recursive parser, and catalog entries full of quotes, comments and
// placeholders that are then queried. Every HTTP answer is AWS-shaped (never a 5xx); a FAILED query's
// StateChangeReason is Athena's (`ERROR_NAME: ...`); no answer names an internal path; no query reads a canary file
// planted outside the data directory (or inside it but outside S3) or writes outside. FUZZ_SEED as in emulator.fuzz.

const SEED_SETTING = process.env["FUZZ_SEED"] ?? "749917466";
const SEED = SEED_SETTING === "random" ? Math.floor(Math.random() * 2 ** 32) : Number(SEED_SETTING);
const MUTATED_STATEMENTS = 300;
const CONCURRENCY = 4;
const TIMEOUT_MS = 30_000;
const QUERY_DEADLINE_MS = 20_000;
const DATABASE = "fuzzdb";
const CATALOG_DATABASE = "fuzzcat";
const TABLE = "telemetry";
const DATA_BUCKET = "fuzz-data";
const RESULTS_BUCKET = "fuzz-results";
const CATALOG_BUCKET = "fuzz-cat";
/** Files a query given a relative path would write in the emulator's working directory (the repository). */
const RELATIVE_TARGETS = ["copy-relative.csv", "attach-relative.db", "x.csv"];

interface Failure {
  readonly label: string;
  readonly problem: string;
  readonly sql?: string;
}

describe(`Athena and Glue under fuzzing (seed ${SEED})`, () => {
  let emulator: ChildEmulator;
  let exitedWith: number | string | undefined;
  let stderrChecked = 0;
  let dataDir: string;
  let outside: string;
  let agent: Agent;
  let caller: JsonCaller;
  let port: number;
  let internalNames: InternalNames;
  let targets: SqlFuzzTargets;
  /** File -> the text planted in it, which no answer may ever hold. */
  const canaries = new Map<string, string>();
  const relativeTargetsBefore = new Set<string>();
  const random = new SeededRandom(SEED);
  const startedAt = Date.now();
  const summary = {
    seed: SEED,
    statements: 0,
    requests: 0,
    serverErrors: 0,
    byCategory: {} as Record<string, number>,
    byState: {} as Record<string, number>,
    byErrorName: {} as Record<string, number>,
    genericInternalErrors: [] as string[],
    catalogCases: 0,
    awaitingAthenaFix: [] as string[],
    msByPhase: {} as Record<string, number>,
  };

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "gpu-stream-athena-fuzz-"));
    outside = await mkdtemp(join(tmpdir(), "gpu-stream-athena-fuzz-outside-"));
    for (const name of RELATIVE_TARGETS) if (existsSync(join(REPO_ROOT, name))) relativeTargetsBefore.add(name);
    const canary = join(outside, "canary.json");
    emulator = await startChildEmulator(dataDir);
    void emulator.exited.then((code) => {
      exitedWith = code;
    });
    port = Number(new URL(emulator.url).port);
    internalNames = await internalNamesOf(dataDir, REPO_ROOT);
    const innerCanaries = [join(dataDir, "glue", "fuzz-canary.json"), join(dataDir, "s3", ".meta", "fuzz-canary.json")];
    for (const file of [canary, ...innerCanaries]) {
      const token = `canary-${randomBytes(12).toString("hex")}`;
      canaries.set(file, token);
      await mkdir(join(file, ".."), { recursive: true });
      await writeFile(file, `${JSON.stringify({ idtemp: token, dado: token, tipo: token, timestamp: token, line: token, content: token })}\n${token},${token}\n`);
    }
    targets = { database: DATABASE, table: TABLE, canary, innerCanaries, outside };
    agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    caller = new JsonCaller(port, agent, TIMEOUT_MS);

    const config = clientConfig(emulator.url);
    const s3 = new S3Client({ ...config, forcePathStyle: true });
    const glue = new GlueClient(config);
    for (const bucket of [DATA_BUCKET, RESULTS_BUCKET, CATALOG_BUCKET]) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const tipos = ["energia", "Frequencia", "temperatura", "Uso", "usoVRAM"];
    for (const hour of ["06", "07"]) {
      const body = tipos.map((tipo, index) => JSON.stringify(telemetryRecord(Number(hour) * 10 + index, tipo))).join("\n");
      await s3.send(new PutObjectCommand({ Bucket: DATA_BUCKET, Key: `2026/11/28/${hour}/gpu-stream-1-2026-11-28-${hour}-00-00-0`, Body: `${body}\n` }));
    }
    for (const database of [DATABASE, CATALOG_DATABASE]) await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: database } }));
    const input = firehoseTableInput(TABLE, `s3://${DATA_BUCKET}/`);
    await glue.send(new CreateTableCommand({ DatabaseName: DATABASE, TableInput: input }));
    await glue.send(
      new BatchCreatePartitionCommand({
        DatabaseName: DATABASE,
        TableName: TABLE,
        PartitionInputList: ["06", "07"].map((hour) => ({ Values: ["2026", "11", "28", hour], StorageDescriptor: { ...input.StorageDescriptor, Location: `s3://${DATA_BUCKET}/2026/11/28/${hour}/` } })),
      }),
    );
    s3.destroy();
    glue.destroy();
  });

  after(async () => {
    agent?.destroy();
    await emulator?.stop("SIGTERM");
    await rm(dataDir, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
    await mkdir(join(REPO_ROOT, "test-artifacts"), { recursive: true });
    await writeFile(join(REPO_ROOT, "test-artifacts", "athena-fuzz-summary.json"), `${JSON.stringify({ ...summary, wallMs: Date.now() - startedAt, date: new Date().toISOString() }, null, 2)}\n`);
  });

  function judgeNoCanary(outcome: Outcome): Judgement {
    if (outcome.kind !== "answer") return undefined;
    const text = `${JSON.stringify(outcome.headers)}\n${outcome.body.toString("utf8")}`;
    for (const [file, token] of canaries) if (text.includes(token)) return `the answer holds the content of ${file}`;
    return undefined;
  }

  /** An exchange's answer is AWS-shaped, names nothing internal that `sql` did not, and holds no canary. */
  function judgeExchange({ request, outcome }: Exchange, sql: string, protocol: "json" | "s3" = "json"): Judgement {
    summary.requests += 1;
    if (outcome.kind === "answer" && outcome.status >= 500 && outcome.status !== 501) summary.serverErrors += 1;
    const shape = protocol === "json" ? judgeJsonAnswer(outcome, request) : judgeS3Answer(outcome, request);
    return shape ?? judgeNoInternalNames(outcome, request, internalNames, sql) ?? judgeNoCanary(outcome);
  }

  /** Judges a whole query run: each exchange, then how it ended. */
  function judgeRun(run: FuzzQueryRun, sql: string, category: string): string[] {
    summary.statements += 1;
    summary.byCategory[category] = (summary.byCategory[category] ?? 0) + 1;
    summary.byState[run.state] = (summary.byState[run.state] ?? 0) + 1;
    const problems = run.exchanges.flatMap((exchange) => {
      const judgement = judgeExchange(exchange, sql);
      return judgement === undefined ? [] : [`${exchange.request.label.split(" ")[0]}: ${judgement}`];
    });
    if (run.state === "FAILED") {
      const name = /^([A-Z][A-Z0-9_]*):/.exec(run.reason ?? "")?.[1] ?? "(unnamed)";
      summary.byErrorName[name] = (summary.byErrorName[name] ?? 0) + 1;
      if (name === "GENERIC_INTERNAL_ERROR" && summary.genericInternalErrors.length < 20) summary.genericInternalErrors.push(`${JSON.stringify(sql.slice(0, 160))} -> ${run.reason?.slice(0, 200)}`);
      const reason = judgeStateChangeReason(run.reason);
      if (reason !== undefined) problems.push(reason);
    }
    if (run.state === "unfinished" || run.state === "unreadable") problems.push(`the query was ${run.state} after ${QUERY_DEADLINE_MS} ms`);
    return problems;
  }

  async function runQuery(sql: string, label: string, database = DATABASE, parameters?: readonly string[]): Promise<FuzzQueryRun> {
    return runFuzzQuery(caller, sql, { database, outputLocation: `s3://${RESULTS_BUCKET}/fuzz/`, deadlineMs: QUERY_DEADLINE_MS, ...(parameters === undefined ? {} : { parameters }) }, label);
  }

  /** The emulator is alive, answers its health endpoint and a query, and logged no internal error. */
  async function assertStillServing(after: string): Promise<void> {
    assert.equal(exitedWith, undefined, `seed ${SEED}: the emulator died (${exitedWith}) after ${after}:\n${emulator.stderr.slice(-40).join("\n")}`);
    const health = await fetch(`${emulator.url}/_emulator/health`);
    assert.equal(health.status, 200, `seed ${SEED}: health after ${after}`);
    await health.arrayBuffer();
    const control = await runQuery(`SELECT count(*) FROM "${TABLE}"`, "control");
    assert.equal(control.state, "SUCCEEDED", `seed ${SEED}: a valid query after ${after}: ${control.reason}`);
    const internal = emulator.stderr.slice(stderrChecked).filter((line) => line.includes("internal error") || line.includes("on garbage collection"));
    stderrChecked = emulator.stderr.length;
    assert.deepEqual(internal, [], `seed ${SEED}: internal errors logged after ${after}:\n${emulator.stderr.slice(-60).join("\n")}`);
  }

  function report(failures: readonly Failure[], sent: number, what: string): void {
    if (failures.length === 0) return;
    const shown = failures.slice(0, 12).map(({ label, problem, sql }) => `  - ${label}\n      -> ${problem}${sql === undefined ? "" : `\n      sql: ${JSON.stringify(sql.slice(0, 300))}${sql.length > 300 ? `... (${sql.length} characters)` : ""}`}`);
    assert.fail(`seed ${SEED} (FUZZ_SEED=${SEED} replays it): ${failures.length} of ${sent} ${what} answered wrongly:\n${shown.join("\n")}`);
  }

  async function runSqlCases(all: readonly SqlCase[], phase: string, t: TestContext): Promise<void> {
    const began = Date.now();
    const failures: Failure[] = [];
    const cases = all.filter((sqlCase) => sqlCase.awaitsAthenaFix === undefined);
    for (const sqlCase of all) {
      if (sqlCase.awaitsAthenaFix !== undefined) {
        summary.awaitingAthenaFix.push(`${sqlCase.label}: ${sqlCase.awaitsAthenaFix}`);
        t.diagnostic(`not sent: ${sqlCase.label}: ${sqlCase.awaitsAthenaFix}`);
      }
    }
    await mapConcurrently(cases, CONCURRENCY, async (sqlCase) => {
      const run = await runQuery(sqlCase.sql, sqlCase.label, DATABASE, sqlCase.parameters);
      for (const problem of judgeRun(run, sqlCase.sql, `sql-${sqlCase.category}`)) failures.push({ label: sqlCase.label, problem, sql: sqlCase.sql });
    });
    summary.msByPhase[phase] = Date.now() - began;
    t.diagnostic(`${phase}: ${cases.length} statements in ${Date.now() - began} ms`);
    report(failures, cases.length, "statements");
    await assertStillServing(phase);
  }

  test("the judges catch an answer naming the data directory, an internal file or a canary's content (control)", () => {
    const request: FuzzRequest = { label: "control", method: "POST", path: "/", headers: {}, body: Buffer.from("{}") };
    const answer = (text: string): Outcome => ({ kind: "answer", status: 400, headers: {}, body: Buffer.from(JSON.stringify({ __type: "X", Message: text })) });
    assert.match(judgeNoInternalNames(answer(`ENOSPC: no space left, open '${dataDir}/s3/.staging/abc'`), request, internalNames) ?? "", /names the internal/);
    assert.match(judgeNoInternalNames(answer("cannot open work/x/table-3.json"), request, internalNames) ?? "", /table-3\.json/);
    assert.equal(judgeNoInternalNames(answer(`Table 'awsdatacatalog.db.${dataDir}' does not exist`), request, internalNames, `SELECT * FROM "${dataDir}"`), undefined, "an echo of the request's own text");
    assert.match(judgeNoCanary(answer(`x ${canaries.get(targets.canary)} y`)) ?? "", /canary\.json/);
    assert.equal(judgeStateChangeReason("line 1:8: mismatched input"), 'a StateChangeReason Athena would not give: "line 1:8: mismatched input"');
  });

  test("runs the course's statements as written, the base every mutation starts from", async (t) => {
    const failures: Failure[] = [];
    for (const sql of courseStatements(REPO_ROOT, TABLE)) {
      const run = await runQuery(sql, "course");
      const problems = judgeRun(run, sql, "sql-course");
      if (run.state !== "SUCCEEDED") problems.push(`${run.state}: ${run.reason ?? ""}`);
      for (const problem of problems) failures.push({ label: "course", problem, sql });
    }
    report(failures, courseStatements(REPO_ROOT, TABLE).length, "course statements");
    t.diagnostic(`course: ${courseStatements(REPO_ROOT, TABLE).length} statements`);
  });

  test("answers statements that reach for files, DuckDB's settings and extensions with an Athena error, never their content", async (t) => {
    await runSqlCases(hostileStatements(targets), "hostile statements", t);
  });

  test("answers grammar-aware mutations of the course's statements with a result or an Athena-shaped error", async (t) => {
    await runSqlCases(mutatedStatements(courseStatements(REPO_ROOT, TABLE), targets, random, MUTATED_STATEMENTS), "mutated statements", t);
  });

  test("ends deeply nested and huge statements with a clean error or a result, never a crash", async (t) => {
    await runSqlCases(deepStatements(TABLE), "deep statements", t);
  });

  test("keeps hostile catalog values verbatim, and queries over them answer or fail as Athena does", async (t) => {
    const began = Date.now();
    const failures: Failure[] = [];
    const cases = catalogFuzzCases({ database: CATALOG_DATABASE, bucket: CATALOG_BUCKET, canary: targets.canary, outside });
    await mapConcurrently(cases, CONCURRENCY, async (catalogCase) => {
      for (const problem of await runCatalogCase(catalogCase)) failures.push({ label: catalogCase.label, ...problem });
    });
    summary.catalogCases = cases.length;
    summary.msByPhase["catalog values"] = Date.now() - began;
    t.diagnostic(`catalog values: ${cases.length} cases in ${Date.now() - began} ms`);
    report(failures, cases.length, "catalog cases");
    await assertStillServing("the catalog values");
  });

  async function runCatalogCase(catalogCase: CatalogCase): Promise<{ problem: string; sql?: string }[]> {
    const problems: { problem: string; sql?: string }[] = [];
    const judge = (exchange: Exchange, protocol: "json" | "s3" = "json"): void => {
      summary.byCategory[protocol === "s3" ? "catalog-s3" : "catalog-glue"] = (summary.byCategory[protocol === "s3" ? "catalog-s3" : "catalog-glue"] ?? 0) + 1;
      const judgement = judgeExchange(exchange, "", protocol);
      if (judgement !== undefined) problems.push({ problem: `${exchange.request.label.slice(0, 80)}: ${judgement}` });
    };
    for (const [key, body] of catalogCase.objects) {
      let path: string;
      try {
        path = `/${CATALOG_BUCKET}/${key.split("/").map(encodeURIComponent).join("/")}`;
      } catch {
        continue; // A lone surrogate has no URI encoding: no client can send that key.
      }
      const request: FuzzRequest = { label: `PutObject ${JSON.stringify(key.slice(0, 60))}`, method: "PUT", path, headers: {}, body: Buffer.from(body) };
      judge({ request, outcome: await sendHttp1(port, agent, request, TIMEOUT_MS), body: undefined }, "s3");
    }
    const accepted: boolean[] = [];
    for (const call of catalogCase.calls) {
      const exchange = await caller.call(call.target, call.input, `${call.target} (${catalogCase.label})`);
      judge(exchange);
      accepted.push(exchange.outcome.kind === "answer" && exchange.outcome.status === 200);
    }
    for (const readBack of catalogCase.readBacks) {
      if (accepted[readBack.call] !== true) continue;
      const exchange = await caller.call(readBack.read.target, readBack.read.input, `${readBack.read.target} (${catalogCase.label})`);
      judge(exchange);
      const got = exchange.body === undefined ? undefined : readBack.pick(exchange.body);
      if (JSON.stringify(got) !== JSON.stringify(readBack.expected)) problems.push({ problem: `${readBack.what} read back as ${JSON.stringify(got)?.slice(0, 120)}, not ${JSON.stringify(readBack.expected).slice(0, 120)}` });
    }
    let listed = new Set<string>();
    if (catalogCase.partitionsOf !== undefined) {
      const exchange = await caller.call("AWSGlue.GetPartitions", { DatabaseName: CATALOG_DATABASE, TableName: catalogCase.partitionsOf.table }, `GetPartitions (${catalogCase.label})`);
      judge(exchange);
      const values = ((exchange.body?.["Partitions"] ?? []) as { Values?: string[] }[]).map((partition) => partition.Values?.[0] ?? "");
      listed = new Set(values);
      const strangers = values.filter((value) => !catalogCase.partitionsOf!.sent.includes(value));
      if (strangers.length > 0) problems.push({ problem: `GetPartitions lists values that were never sent: ${JSON.stringify(strangers).slice(0, 200)}` });
    }
    for (const query of catalogCase.queries) {
      const run = await runQuery(query.sql, catalogCase.label, CATALOG_DATABASE);
      for (const problem of judgeRun(run, query.sql, "catalog-sql")) problems.push({ problem, sql: query.sql });
      const expected = query.row !== undefined && (query.partition !== undefined ? listed.has(query.partition) : query.call === undefined || accepted[query.call] === true);
      if (expected && run.state === "SUCCEEDED") {
        const rows = (run.cells ?? []).slice(1).map((row) => JSON.stringify(row));
        // A lone surrogate has no UTF-8 form: the data comes back with U+FFFD in its place, as any UTF-8 store gives it.
        if (!rows.includes(JSON.stringify(query.row)) && !rows.includes(JSON.stringify(query.row.map(wellFormed)))) problems.push({ problem: `the rows ${JSON.stringify(rows.slice(0, 3)).slice(0, 200)} lack ${JSON.stringify(query.row).slice(0, 120)}`, sql: query.sql });
      }
    }
    return problems;
  }

  test("wrote nothing outside the data directory, and no copy of a canary inside it", async () => {
    assert.deepEqual(await filesUnder(outside), ["canary.json"], "files a query wrote outside the data directory");
    for (const name of RELATIVE_TARGETS) {
      if (!relativeTargetsBefore.has(name)) assert.equal(existsSync(join(REPO_ROOT, name)), false, `a query wrote ${name} in the emulator's working directory`);
    }
    const inside = await filesUnder(dataDir);
    const planted = new Set([...canaries.keys()].map((file) => relative(dataDir, file)));
    const copies: string[] = [];
    for (const file of inside) {
      if (planted.has(file)) continue;
      const path = join(dataDir, file);
      if ((await stat(path)).size > 8_000_000) continue;
      const text = await readFile(path, "latin1");
      for (const token of canaries.values()) if (text.includes(token)) copies.push(file);
    }
    assert.deepEqual(copies, [], "files in the data directory holding a canary's content");
    const strays = inside.filter((file) => /(^|\/)(copy|table|attach|fragment-copy|fragment-attach|location|unload3)\.(csv|db)$/.test(file));
    assert.deepEqual(strays, [], "files a COPY or ATTACH wrote inside the data directory");
    const leftovers = inside.filter((file) => file.startsWith(`athena${"/"}work/`) || file.startsWith(`s3/.staging/`) || file.startsWith(`s3/.journal/`));
    assert.deepEqual(leftovers, [], "work files left behind");
  });

  test("has run hundreds of statements and catalog cases and seen no 5xx", (t) => {
    t.diagnostic(`seed ${SEED}: ${summary.statements} statements, ${summary.catalogCases} catalog cases, ${summary.requests} requests, ${summary.serverErrors} 5xx, in ${Date.now() - startedAt} ms`);
    t.diagnostic(`by category: ${JSON.stringify(summary.byCategory)}`);
    t.diagnostic(`by state: ${JSON.stringify(summary.byState)}`);
    t.diagnostic(`by error name: ${JSON.stringify(summary.byErrorName)}`);
    for (const example of summary.genericInternalErrors) t.diagnostic(`GENERIC_INTERNAL_ERROR: ${example}`);
    assert.ok(summary.statements >= 400, `only ${summary.statements} statements`);
    assert.equal(summary.serverErrors, 0);
  });
});

function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/** Every file under `root`, relative to it, sorted. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}
