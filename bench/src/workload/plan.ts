import type { WriteScenarioSpec } from "../report/types";

export interface BenchPlan {
  /** Written first on each system and verified, but not reported: JIT and connection warm-up. */
  readonly warmUp: readonly WriteScenarioSpec[];
  readonly writes: readonly WriteScenarioSpec[];
  /** A pause before each measured phase, so that what the last one left behind (timers, compaction) is not counted in the next. */
  readonly settleMs: number;
}

function scenario(api: "PutRecord" | "PutRecords", concurrency: number, records: number): WriteScenarioSpec {
  const batchSize = api === "PutRecord" ? 1 : 500;
  return {
    id: `${api.toLowerCase()}${batchSize > 1 ? `x${batchSize}` : ""}-c${concurrency}`,
    label: `${api}${batchSize > 1 ? ` x${batchSize}` : ""} c=${concurrency}`,
    api,
    batchSize,
    concurrency,
    records,
  };
}

/**
 * Full: each scenario runs for several seconds on the slowest system, and each system holds about a million
 * records after the writes (the RSS target is for 1M). Quick: a smoke run of a few seconds per system.
 */
export function benchPlan(quick: boolean): BenchPlan {
  if (quick) {
    return {
      warmUp: [scenario("PutRecord", 4, 200), scenario("PutRecords", 2, 2_000)],
      writes: [scenario("PutRecord", 1, 250), scenario("PutRecord", 16, 800), scenario("PutRecords", 1, 6_000), scenario("PutRecords", 4, 12_000)],
      settleMs: 100,
    };
  }
  return {
    warmUp: [scenario("PutRecord", 4, 2_000), scenario("PutRecords", 2, 20_000)],
    writes: [scenario("PutRecord", 1, 4_000), scenario("PutRecord", 16, 8_000), scenario("PutRecords", 1, 400_000), scenario("PutRecords", 4, 600_000)],
    settleMs: 500,
  };
}

export function plannedRecords(plan: BenchPlan): number {
  return [...plan.warmUp, ...plan.writes].reduce((sum, spec) => sum + spec.records, 0);
}
