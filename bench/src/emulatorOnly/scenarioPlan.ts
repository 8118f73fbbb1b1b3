import type { SqlScenarioOptions } from "./sqlOverhead";

/** How big each scenario is: full size for the report, quick (under ~25 s in all) to check that it works. */
export interface ScenarioPlan {
  readonly coldStartRuns: number;
  readonly freshnessRecords: number;
  readonly sql: SqlScenarioOptions;
  readonly npmStartFlags: readonly string[];
}

export const FULL_PLAN: ScenarioPlan = {
  coldStartRuns: 5,
  freshnessRecords: 50,
  sql: { records: 1_000_000, objects: 150, hourFolders: 3, runs: 5 },
  npmStartFlags: [],
};

export const QUICK_PLAN: ScenarioPlan = {
  coldStartRuns: 3,
  freshnessRecords: 10,
  sql: { records: 50_000, objects: 30, hourFolders: 3, runs: 3 },
  npmStartFlags: ["--records", "20", "--interval-ms", "0"],
};
