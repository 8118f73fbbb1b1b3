import { isFailure, type ColdStartResults, type EmulatorOnlyResults, type FreshnessResults, type NpmStartResults, type ScenarioFailure, type SqlResults } from "./EmulatorOnlyResults";
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
  const { coldStart, freshness, sql, npmStart } = results;
  if (isFailure(coldStart)) rows.push(failed("Cold start", coldStart));
  else {
    rows.push([`Cold start: spawn to first ListStreams (median of ${coldStart.runs})`, `${coldStart.medianMs} ms`, `<= ${coldStart.targetMs} ms`, verdict(coldStart.medianMs, coldStart.targetMs, " ms")]);
    if (coldStart.withoutExtraCaCertsMedianMs !== null) {
      const without = coldStart.withoutExtraCaCertsMedianMs;
      rows.push([`Cold start without this machine's NODE_EXTRA_CA_CERTS (median of ${coldStart.runs})`, `${without} ms`, `<= ${coldStart.targetMs} ms`, `(${verdict(without, coldStart.targetMs, " ms")})`]);
    }
  }
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

function coldStartSection(result: ColdStartResults): string {
  return [
    `#### Cold start (\`node emulator/dist/cli.js --port <free> --data-dir <empty>\`)`,
    "",
    `Spawn to the first Kinesis ListStreams answered through the SDK; the CLI's "listening" banner came at ${result.bannerMedianMs} ms (median). First run discarded (cold page cache and SDK): ${result.discardedFirstRunMs} ms.${
      result.withoutExtraCaCertsMedianMs === null ? "" : ` NODE_EXTRA_CA_CERTS is set here, so node parses a CA bundle at every start: without it the median is ${result.withoutExtraCaCertsMedianMs} ms.`
    } Load average ${result.loadAverage1mAtStart}.`,
    "",
    table(["run", ...result.samplesMs.map((_, index) => index + 1), "median"], [["ms", ...result.samplesMs, result.medianMs]]),
  ].join("\n");
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
    `${result.records} records, ${result.objects} newline-delimited JSON objects in ${result.hourFolders} hour folders (${round(result.objectBytes / 1e6)} MB), put through the SDK in ${round(result.loadMs / 1000, 2)} s, crawled in ${round(result.crawlMs / 1000, 2)} s. Median of ${result.runs} runs each after one warm-up, alternating engines. Emulator end to end: StartQueryExecution -> SUCCEEDED (polled every 20 ms) -> GetQueryResults; engine: Statistics.EngineExecutionTimeInMillis. DuckDB: the same SQL over read_json of the same files (CTAS: CREATE TABLE AS + COPY to Parquet with GZIP, as Athena's CTAS writes). Results agree: ${result.resultsAgree ? "yes" : "**NO**"}. Load average ${result.loadAverage1mAtStart}.`,
    "",
    table(
      ["query", "emulator end to end ms", "emulator engine ms", "DuckDB ms", "ratio end to end", "ratio engine", "target", "verdict"],
      result.queries.map((query) => [
        query.name,
        query.emulatorEndToEndMedianMs,
        query.emulatorEngineMedianMs,
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
  if (!isFailure(results.freshness)) sections.push("", freshnessSection(results.freshness));
  if (!isFailure(results.sql)) sections.push("", sqlSection(results.sql));
  if (!isFailure(results.npmStart)) sections.push("", npmStartSection(results.npmStart));
  return `${sections.join("\n")}\n`;
}
