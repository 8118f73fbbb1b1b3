import { ensureBucket, ensureCrawler, ensureDatabase, localPipelineNames, roleArn, runCrawler, s3Uri } from "@gpu-stream/shared";
import { DuckdbBaseline, filesByHourFolder } from "./duckdbBaseline";
import type { SqlQueryComparison, SqlResults } from "./EmulatorOnlyResults";
import { withLocalEmulator } from "./localEmulator";
import { denormalizationQuery, metricStatsQuery, type DuckdbRun, type EmulatorRun, type SqlBenchQuery } from "./sqlQueries";
import { median, round } from "./stats";
import { syntheticObjects } from "./syntheticTelemetry";
import type { AthenaQueryTarget } from "./timedAthenaQuery";
import { uploadObjects } from "./uploadObjects";

export const SQL_TARGET_RATIO = 1.3;

export interface SqlScenarioOptions {
  readonly records: number;
  readonly objects: number;
  readonly hourFolders: number;
  readonly runs: number;
}

function compare(name: string, emulator: readonly EmulatorRun[], duckdb: readonly DuckdbRun[]): SqlQueryComparison {
  const endToEnd = median(emulator.map((run) => run.endToEndMs));
  const engine = median(emulator.map((run) => run.engineMs));
  const direct = median(duckdb.map((run) => run.ms));
  const ratioEndToEnd = round(endToEnd / direct, 2);
  return {
    name,
    emulatorEndToEndMs: emulator.map((run) => round(run.endToEndMs)),
    emulatorEndToEndMedianMs: round(endToEnd),
    emulatorEngineMs: emulator.map((run) => run.engineMs),
    emulatorEngineMedianMs: engine,
    emulatorPlanningMedianMs: median(emulator.map((run) => run.planningMs)),
    duckdbMs: duckdb.map((run) => round(run.ms)),
    duckdbMedianMs: round(direct),
    ratioEndToEnd,
    ratioEngine: round(engine / direct, 2),
    targetRatio: SQL_TARGET_RATIO,
    met: ratioEndToEnd <= SQL_TARGET_RATIO,
  };
}

/**
 * The emulator's Athena against DuckDB alone on the same objects: one untimed warm-up each, then `runs` runs
 * alternating emulator and DuckDB, so a burst of load elsewhere hits both.
 */
export function measureSqlOverhead(options: SqlScenarioOptions, log: (line: string) => void): Promise<Omit<SqlResults, "durationMs" | "loadAverage1mAtStart">> {
  return withLocalEmulator("sql", async ({ clients, dataDir, scratchDir }) => {
    const names = localPipelineNames();
    await ensureBucket(clients.s3, names.bucket);
    const loadStarted = performance.now();
    const layout = { ...options, prefix: names.dataPrefix, deliveryStreamName: names.deliveryStream };
    const uploaded = await uploadObjects(clients.s3, names.bucket, syntheticObjects(layout));
    const loadMs = performance.now() - loadStarted;
    log(`sql: ${options.records} records in ${uploaded.keys.length} objects (${round(uploaded.bytes / 1e6)} MB) put in ${round(loadMs)} ms`);

    const crawlStarted = performance.now();
    await ensureDatabase(clients.glue, names.database);
    await ensureCrawler(clients.glue, names.crawler, { database: names.database, s3Path: s3Uri(names.bucket, names.dataPrefix), roleArn: roleArn(names, names.crawlerRole) });
    await runCrawler(clients.glue, names.crawler);
    const crawlMs = performance.now() - crawlStarted;
    log(`sql: crawled in ${round(crawlMs)} ms`);

    const target: AthenaQueryTarget = { database: names.database, outputLocation: s3Uri(names.bucket, names.resultsPrefix), pollMs: 20 };
    const duckdb = await DuckdbBaseline.open(filesByHourFolder(dataDir, names.bucket, names.dataPrefix, uploaded.keys));
    try {
      const queries: SqlBenchQuery[] = [metricStatsQuery(), denormalizationQuery(scratchDir)];
      const comparisons: SqlQueryComparison[] = [];
      let resultsAgree = true;
      for (const query of queries) {
        const warmEmulator = await query.onEmulator(clients, target);
        const warmDuckdb = await query.onDuckdb(duckdb);
        log(`sql ${query.name}: warm-up emulator ${round(warmEmulator.endToEndMs)} ms, DuckDB ${round(warmDuckdb.ms)} ms`);
        const emulatorRuns: EmulatorRun[] = [];
        const duckdbRuns: DuckdbRun[] = [];
        for (let run = 0; run < options.runs; run++) {
          emulatorRuns.push(await query.onEmulator(clients, target));
          duckdbRuns.push(await query.onDuckdb(duckdb));
          log(`sql ${query.name} ${run + 1}/${options.runs}: emulator ${round(emulatorRuns[run]!.endToEndMs)} ms (engine ${emulatorRuns[run]!.engineMs} ms), DuckDB ${round(duckdbRuns[run]!.ms)} ms`);
        }
        const checks = new Set([...emulatorRuns, ...duckdbRuns, warmEmulator, warmDuckdb].map((run) => run.check));
        if (checks.size !== 1) {
          resultsAgree = false;
          log(`sql ${query.name}: the engines disagree: ${[...checks].join(" | ")}`);
        }
        comparisons.push(compare(query.name, emulatorRuns, duckdbRuns));
      }
      return {
        records: options.records,
        objects: uploaded.keys.length,
        hourFolders: options.hourFolders,
        objectBytes: uploaded.bytes,
        loadMs: round(loadMs),
        crawlMs: round(crawlMs),
        runs: options.runs,
        resultsAgree,
        queries: comparisons,
      };
    } finally {
      duckdb.close();
    }
  });
}
