import type { FidelityCostPlan } from "./fidelityCosts";
import type { SqlScenarioOptions } from "./sqlOverhead";

/** How big each scenario is: full size for the report, quick (under ~25 s in all) to check that it works. */
export interface ScenarioPlan {
  readonly coldStartRuns: number;
  readonly fidelityCosts: FidelityCostPlan;
  readonly freshnessRecords: number;
  readonly sql: SqlScenarioOptions;
  readonly npmStartFlags: readonly string[];
}

export const FULL_PLAN: ScenarioPlan = {
  coldStartRuns: 9,
  fidelityCosts: {
    requestChecks: { samples: 2_000, batch: 100, warmUp: 20_000 },
    deliveryPolicy: { samples: 2_000, batch: 10, warmUp: 2_000 },
    sqlFrontEnd: { samples: 200, batch: 1, warmUp: 20 },
  },
  freshnessRecords: 50,
  sql: { records: 1_000_000, objects: 150, hourFolders: 3, runs: 5 },
  npmStartFlags: [],
};

export const QUICK_PLAN: ScenarioPlan = {
  coldStartRuns: 3,
  fidelityCosts: {
    requestChecks: { samples: 200, batch: 100, warmUp: 5_000 },
    deliveryPolicy: { samples: 200, batch: 10, warmUp: 500 },
    sqlFrontEnd: { samples: 20, batch: 1, warmUp: 5 },
  },
  freshnessRecords: 10,
  sql: { records: 50_000, objects: 30, hourFolders: 3, runs: 3 },
  npmStartFlags: ["--records", "20", "--interval-ms", "0"],
};
