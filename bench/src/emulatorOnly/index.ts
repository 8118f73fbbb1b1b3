import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { cpus, loadavg, tmpdir } from "node:os";
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
 * The cold start scenario in a process of its own (`run.js --only cold`), once the kernel has written what the runs
 * before it left in its page cache (`sync`). Timed in this process after the Kinesis comparison, the same start
 * measured 152-162 ms where a fresh process measured 118 ms: this process's heap from a million verified records
 * and hundreds of MB of data directories being written back both fell inside the measured start.
 */
async function coldStartInFreshProcess(options: EmulatorOnlyOptions): Promise<ColdStartResults | ScenarioFailure> {
  spawnSync("sync");
  const directory = await mkdtemp(join(tmpdir(), "gpu-stream-bench-cold-"));
  try {
    const resultsFile = join(directory, "cold.json");
    const child = spawn(process.execPath, [join(__dirname, "run.js"), "--only", "cold", "--json", resultsFile, ...(options.quick ? ["--quick"] : [])], { stdio: ["ignore", "ignore", "pipe"] });
    createInterface({ input: child.stderr }).on("line", options.log);
    const [code] = (await once(child, "exit")) as [number | null];
    if (code !== 0) {
      return { failed: true, error: `run.js --only cold exited with ${code}`, durationMs: 0 };
    }
    return JSON.parse(await readFile(resultsFile, "utf8")) as ColdStartResults | ScenarioFailure;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/**
 * The scenarios that need only the emulator: cold start, the cost of its fidelity checks (timed in this process),
 * freshness through Firehose to Athena, Athena's SQL against DuckDB alone, and `npm start`. One after the other, never concurrently, so none times another's load.
 */
export async function runEmulatorOnlyScenarios(options: EmulatorOnlyOptions): Promise<EmulatorOnlyResults> {
  const plan = options.quick ? QUICK_PLAN : FULL_PLAN;
  const { log } = options;
  const loadAverage1mAtStart = round(loadavg()[0]!, 2);
  const coldStart = await coldStartInFreshProcess(options);
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
