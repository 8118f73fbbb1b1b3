import { cpus, loadavg } from "node:os";
import { measureColdStart } from "./coldStart";
import type { ColdStartResults, EmulatorOnlyResults, ScenarioFailure, SqlResults } from "./EmulatorOnlyResults";
import { measureFidelityCosts } from "./fidelityCosts";
import { measureFreshness } from "./freshness";
import { measureNpmStart } from "./npmStart";
import { runScenario } from "./runScenario";
import { FULL_PLAN, QUICK_PLAN } from "./scenarioPlan";
import { measureSqlOverhead } from "./sqlOverhead";
import { round } from "./stats";

export * from "./EmulatorOnlyResults";
export { formatColdStartMarkdown, formatEmulatorOnlyMarkdown } from "./formatMarkdown";

export interface EmulatorOnlyOptions {
  /** Everything scaled down, to check the bench works (under ~25 s). */
  readonly quick: boolean;
  readonly log: (line: string) => void;
}

/** The cold start scenario alone, to iterate on start-up time (`run.js --only cold`). */
export function runColdStartScenario(options: EmulatorOnlyOptions): Promise<ColdStartResults | ScenarioFailure> {
  const plan = options.quick ? QUICK_PLAN : FULL_PLAN;
  return runScenario("cold start", options.log, () => measureColdStart(plan.coldStartRuns, options.log));
}

/** Athena's SQL against DuckDB alone, to iterate on the emulator's Athena (`run.js --only sql`); `runs` of each query. */
export function runSqlScenario(options: EmulatorOnlyOptions, runs?: number): Promise<SqlResults | ScenarioFailure> {
  const plan = (options.quick ? QUICK_PLAN : FULL_PLAN).sql;
  return runScenario("sql", options.log, () => measureSqlOverhead({ ...plan, runs: runs ?? plan.runs }, options.log));
}

/**
 * The scenarios that need only the emulator: cold start (unless the caller measured it already, as the bench
 * does before its Kinesis comparison), the cost of its fidelity checks (timed in this process),
 * freshness through Firehose to Athena, Athena's SQL against DuckDB alone, and `npm start`. One after the other, never concurrently, so none times another's load.
 */
export async function runEmulatorOnlyScenarios(options: EmulatorOnlyOptions, coldStartMeasured?: ColdStartResults | ScenarioFailure): Promise<EmulatorOnlyResults> {
  const plan = options.quick ? QUICK_PLAN : FULL_PLAN;
  const { log } = options;
  const loadAverage1mAtStart = round(loadavg()[0]!, 2);
  const coldStart = coldStartMeasured ?? (await runColdStartScenario(options));
  const fidelityCosts = await runScenario("fidelity costs", log, () => measureFidelityCosts(plan.fidelityCosts, log));
  const freshness = await runScenario("freshness", log, () => measureFreshness(plan.freshnessRecords, log));
  const sql = await runScenario("sql", log, () => measureSqlOverhead(plan.sql, log));
  const npmStart = await runScenario("npm start", log, () => measureNpmStart(plan.npmStartFlags, log));
  return {
    quick: options.quick,
    machine: { node: process.version, cpus: cpus().length, loadAverage1mAtStart, loadAverage1mAtEnd: round(loadavg()[0]!, 2) },
    coldStart,
    fidelityCosts,
    freshness,
    sql,
    npmStart,
  };
}
