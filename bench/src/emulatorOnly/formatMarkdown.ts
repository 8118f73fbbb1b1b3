import { isFailure, type ColdStartResults, type EmulatorOnlyResults, type FidelityCostResults, type FreshnessResults, type NpmStartResults, type OperationCost, type ScenarioFailure, type SqlResults } from "./EmulatorOnlyResults";
import { round } from "./stats";

type Row = readonly (string | number)[];

function table(header: Row, rows: readonly Row[]): string {
  const line = (cells: Row): string => `| ${cells.map((cell) => String(cell).replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** "met" or "missed by ..." for a figure that must stay at or under its target. */
function verdict(value: number, target: number, unit: string): string {
  if (value <= target) {
    return `met (${round(((target - value) / target) * 100)}% under)`;
  }
  return `**missed** by ${round(value - target, 2)}${unit} (+${round(((value - target) / target) * 100)}%)`;
}

function failed(name: string, failure: ScenarioFailure): Row {
  return [name, `failed after ${round(failure.durationMs / 1000, 1)} s: ${failure.error.split("\n")[0]}`, "", "**failed**"];
}

function overviewRows(results: EmulatorOnlyResults): Row[] {
  const rows: Row[] = [];
  const { coldStart, fidelityCosts, freshness, sql, npmStart } = results;
  if (isFailure(coldStart)) rows.push(failed("Cold start", coldStart));
  else {
    rows.push(...coldStartRows(coldStart));
  }
  if (isFailure(fidelityCosts)) rows.push(failed("Fidelity costs", fidelityCosts));
  else rows.push(...fidelityOverviewRows(fidelityCosts));
  if (isFailure(freshness)) rows.push(failed("Freshness", freshness));
  else rows.push([`Freshness: PutRecord ack to Athena row, p50 / p99 (${freshness.records} records, buffering 0 s)`, `${freshness.p50Ms} / ${freshness.p99Ms} ms`, "none set", "-"]);
  if (isFailure(sql)) rows.push(failed("SQL overhead", sql));
  else {
    for (const query of sql.queries) {
      rows.push([
        `Athena ${query.name} / DuckDB alone, end to end (${sql.records} records)`,
        `${query.ratioEndToEnd}x (${query.emulatorEndToEndMedianMs} / ${query.duckdbMedianMs} ms)`,
        `<= ${query.targetRatio}x`,
        verdict(query.ratioEndToEnd, query.targetRatio, "x"),
      ]);
    }
  }
  if (isFailure(npmStart)) rows.push(failed("npm start", npmStart));
  else rows.push([`npm start: whole exercise (${npmStart.command.includes("--records") ? "quick flags" : "default flags"})`, `${round(npmStart.wallMs / 1000, 2)} s`, `<= ${npmStart.targetMs / 1000} s`, verdict(npmStart.wallMs / 1000, npmStart.targetMs / 1000, " s")]);
  return rows;
}

/** The target is on a machine without a CA bundle in NODE_EXTRA_CA_CERTS: with one set here, the runs without it are judged. */
function coldStartRows(coldStart: ColdStartResults): Row[] {
  const runs = `median of ${coldStart.runs}`;
  const target = `<= ${coldStart.targetMs} ms`;
  const without = coldStart.withoutExtraCaCertsMedianMs;
  const startRows: Row[] =
    without === null
      ? [[`Cold start: spawn to first ListStreams (${runs})`, `${coldStart.medianMs} ms`, target, verdict(coldStart.medianMs, coldStart.targetMs, " ms")]]
      : [
          [`Cold start: spawn to first ListStreams, with this machine's NODE_EXTRA_CA_CERTS (${runs})`, `${coldStart.medianMs} ms`, "none set (the target is without it)", "-"],
          [`Cold start without NODE_EXTRA_CA_CERTS (${runs})`, `${without} ms`, target, verdict(without, coldStart.targetMs, " ms")],
        ];
  return [...startRows, [`Idle RSS once it answered (VmRSS, ${runs})`, `${mebibytes(coldStart.idleRssMedianBytes)} MiB`, "none set", "-"]];
}

function mebibytes(bytes: number): number {
  return round(bytes / 2 ** 20);
}

/** The lowest and highest of some figures, e.g. `0.47-3.12`. */
function range(values: readonly number[]): string {
  const [low, high] = [Math.min(...values), Math.max(...values)];
  return low === high ? String(low) : `${low}-${high}`;
}

function fidelityOverviewRows(result: FidelityCostResults): Row[] {
  const both = result.requestChecks[result.requestChecks.length - 1];
  const delivery = result.deliveryPolicy[0];
  const frontEndMs = result.sqlFrontEnd.map((query) => round((query.parse.medianUs + query.analysis.medianUs) / 1000, 2));
  return [
    ["Host and Origin checks per request (median, SDK request)", both === undefined ? "-" : `${both.medianUs} µs`, "none set", "-"],
    ["Firehose role policy per delivered object (median)", delivery === undefined ? "-" : `${delivery.medianUs} µs`, "none set", "-"],
    [`Trino front end per query, parse + analysis (medians over ${result.sqlFrontEnd.length} course queries)`, `${range(frontEndMs)} ms`, "none set", "-"],
  ];
}

function costRow(cost: OperationCost): Row {
  return [cost.operation, cost.medianUs, cost.p95Us, cost.cpuUs, cost.iterations];
}

function fidelityCostsSection(result: FidelityCostResults): string {
  const header = ["operation", "median µs", "p95 µs", "CPU µs (mean)", "iterations"];
  return [
    `#### What fidelity costs, per unit of work (timed in the bench's process on the emulator's own functions)`,
    "",
    `Medians and p95 of performance.now() per operation (calls under a microsecond timed ${result.requestChecks[0]?.batch ?? 100} at a time), after an untimed warm-up; CPU is process.cpuUsage() over all iterations, per operation (every thread of the process: JIT compilation and GC included). Load average ${result.loadAverage1mAtStart}.`,
    "",
    "Host and Origin checks, per request: the Host check against DNS rebinding (server/hostGate.ts) and the cross-origin check (server/crossOrigin.ts) on a real request's headers, before any service sees it.",
    "",
    table(header, result.requestChecks.map(costRow)),
    "",
    "Policy evaluation, per Firehose delivery: the course's Firehose role (shared's firehoseRolePolicies) in the emulator's IAM, asked as a delivery asks it (services/firehose/firehoseRole.ts: the role assumed through its trust policy, then its policies read and evaluated).",
    "",
    table(header, result.deliveryPolicy.map(costRow)),
    "",
    "Trino front end, per query: each statement of sql/ parsed (services/athena/sql/parseStatement.ts, on a worker thread in the emulator) and analysed (sql/analyze/QueryAnalyzer.ts, as statements/planQuery.ts calls it), apart from listing objects and executing, which the SQL scenario times end to end. First parse: the first in this process (the first statement's includes loading the grammar).",
    "",
    table(
      ["query", "first parse ms", "parse median µs", "parse p95 µs", "analysis median µs", "analysis p95 µs", "iterations"],
      result.sqlFrontEnd.map((query) => [query.name, query.firstParseMs, query.parse.medianUs, query.parse.p95Us, query.analysis.medianUs, query.analysis.p95Us, query.parse.iterations]),
    ),
  ].join("\n");
}

function coldStartSection(result: ColdStartResults): string {
  return [
    `#### Cold start (\`node emulator/dist/cli.js --port <free> --data-dir <empty>\`)`,
    "",
    `Spawn to the first Kinesis ListStreams answered through the SDK; the CLI's "listening" banner came at ${result.bannerMedianMs} ms (median). First run discarded (cold page cache and SDK): ${result.discardedFirstRunMs} ms.${
      result.withoutExtraCaCertsMedianMs === null
        ? ""
        : ` NODE_EXTRA_CA_CERTS is set here, so node parses a CA bundle at every start: without it the median is ${result.withoutExtraCaCertsMedianMs} ms, the figure the target (${result.targetMs} ms, on a machine without it) is judged on.`
    } Idle RSS: the emulator's VmRSS (/proc/<pid>/status) once it answered, before any Athena query loads DuckDB. Load average ${result.loadAverage1mAtStart}.`,
    "",
    table(
      ["run", ...result.samplesMs.map((_, index) => index + 1), "median"],
      [
        ["ms", ...result.samplesMs, result.medianMs],
        ...(result.withoutExtraCaCertsSamplesMs === null ? [] : [["ms without NODE_EXTRA_CA_CERTS", ...result.withoutExtraCaCertsSamplesMs, result.withoutExtraCaCertsMedianMs ?? "-"]]),
        ["idle RSS MiB", ...result.idleRssBytes.map(mebibytes), mebibytes(result.idleRssMedianBytes)],
      ],
    ),
  ].join("\n");
}

/** The cold start alone (`run.js --only cold`): its overview rows and its section. */
export function formatColdStartMarkdown(result: ColdStartResults | ScenarioFailure): string {
  if (isFailure(result)) {
    return `${table(["scenario", "figure", "target", "verdict"], [failed("Cold start", result)])}\n`;
  }
  return `${table(["scenario", "figure", "target", "verdict"], coldStartRows(result))}\n\n${coldStartSection(result)}\n`;
}

function freshnessSection(result: FreshnessResults): string {
  return [
    `#### Freshness (Kinesis PutRecord -> Firehose, IntervalInSeconds 0 -> S3 -> Athena)`,
    "",
    `One record at a time: PutRecord acknowledged, then Athena queries for its unique marker through the SDK until one returns it (no flush endpoint: Firehose delivers on its own). Table declared without partitions over the prefix, so no crawl is needed per new hour. One warm-up record not counted. Load average ${result.loadAverage1mAtStart}.`,
    "",
    table(
      ["records", "p50 ms", "p99 ms", "max ms", "queries per record (median)", "one polling query (median) ms"],
      [[result.records, result.p50Ms, result.p99Ms, result.maxMs, result.pollsMedian, result.queryMedianMs]],
    ),
  ].join("\n");
}

function sqlSection(result: SqlResults): string {
  return [
    `#### Athena SQL on the emulator vs DuckDB alone on the same files`,
    "",
    `${result.records} records, ${result.objects} newline-delimited JSON objects in ${result.hourFolders} hour folders (${round(result.objectBytes / 1e6)} MB), put through the SDK in ${round(result.loadMs / 1000, 2)} s, crawled in ${round(result.crawlMs / 1000, 2)} s. Median of ${result.runs} runs each after one warm-up, alternating engines. Emulator end to end: StartQueryExecution -> SUCCEEDED (polled every 20 ms) -> GetQueryResults; engine: Statistics.EngineExecutionTimeInMillis, of which planning (finding the objects, the Trino analysis): Statistics.QueryPlanningTimeInMillis. DuckDB: the same SQL over read_json of the same files (CTAS: CREATE TABLE AS + COPY to Parquet with GZIP, as Athena's CTAS writes). Results agree: ${result.resultsAgree ? "yes" : "**NO**"}. Load average ${result.loadAverage1mAtStart}.`,
    "",
    table(
      ["query", "emulator end to end ms", "emulator engine ms", "of which planning ms", "DuckDB ms", "ratio end to end", "ratio engine", "target", "verdict"],
      result.queries.map((query) => [
        query.name,
        query.emulatorEndToEndMedianMs,
        query.emulatorEngineMedianMs,
        query.emulatorPlanningMedianMs,
        query.duckdbMedianMs,
        `${query.ratioEndToEnd}x`,
        `${query.ratioEngine}x`,
        `<= ${query.targetRatio}x`,
        verdict(query.ratioEndToEnd, query.targetRatio, "x"),
      ]),
    ),
  ].join("\n");
}

function npmStartSection(result: NpmStartResults): string {
  return [
    `#### npm start (\`${result.command}\`)`,
    "",
    `${round(result.wallMs / 1000, 2)} s wall (its own clock: ${result.summaryTotalSeconds} s), ${result.recordsProduced} records, all accounted for: ${result.consistent ? "yes" : "**NO**"}. Load average ${result.loadAverage1mAtStart}.`,
    "",
    table(["step", ...result.steps.map((step) => step.step)], [["s", ...result.steps.map((step) => step.seconds)]]),
  ].join("\n");
}

/** The emulator-only figures as Markdown: an overview with the targets, then one table per scenario. */
export function formatEmulatorOnlyMarkdown(results: EmulatorOnlyResults): string {
  const { machine } = results;
  // Only the load before the first scenario says something about other work: later readings include the bench's own.
  const busy = machine.loadAverage1mAtStart > machine.cpus / 2;
  const sections = [
    `### Emulator only${results.quick ? " (quick: scaled down, not for comparison)" : ""}`,
    "",
    `Node ${machine.node}, ${machine.cpus} CPUs, 1-minute load average ${machine.loadAverage1mAtStart} before the first scenario, ${machine.loadAverage1mAtEnd} after the last (the bench's own load included).${busy ? " Other work was running when the bench started: the figures are noisy." : ""}`,
    "",
    table(["scenario", "figure", "target", "verdict"], overviewRows(results)),
  ];
  if (!isFailure(results.coldStart)) sections.push("", coldStartSection(results.coldStart));
  if (!isFailure(results.fidelityCosts)) sections.push("", fidelityCostsSection(results.fidelityCosts));
  if (!isFailure(results.freshness)) sections.push("", freshnessSection(results.freshness));
  if (!isFailure(results.sql)) sections.push("", sqlSection(results.sql));
  if (!isFailure(results.npmStart)) sections.push("", npmStartSection(results.npmStart));
  return `${sections.join("\n")}\n`;
}
