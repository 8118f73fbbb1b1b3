import type { QueryExecutions } from "./QueryExecutions";
import type { WorkGroups } from "./WorkGroups";

/** What the operations share. */
export interface AthenaState {
  readonly executions: QueryExecutions;
  readonly workGroups: WorkGroups;
  readonly now: () => number;
  /** ClientRequestToken -> QueryExecutionId, so a retried StartQueryExecution starts nothing new. */
  readonly requestTokens: Map<string, string>;
}
