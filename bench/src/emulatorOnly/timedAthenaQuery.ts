import { GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand, type AthenaClient } from "@aws-sdk/client-athena";

export interface AthenaQueryTarget {
  readonly database: string;
  readonly outputLocation: string;
  /**
   * Between GetQueryExecution polls. Short and fixed: shared's runQuery backs off from 100 ms to 2 s, which would
   * measure its backoff rather than the emulator.
   */
  readonly pollMs: number;
  readonly timeoutMs?: number;
}

export interface TimedQuery {
  /** StartQueryExecution sent to the last GetQueryResults page received. */
  readonly endToEndMs: number;
  /** Statistics.EngineExecutionTimeInMillis as the emulator reports it. */
  readonly engineMs: number;
  /** Statistics.QueryPlanningTimeInMillis: finding the objects read and analysing the statement, within engineMs. */
  readonly planningMs: number;
  /** Data rows (the header row of a SELECT's first page left out). */
  readonly rows: readonly (readonly (string | null)[])[];
  /** GetQueryResults' UpdateCount: the rows a CTAS or INSERT INTO wrote. */
  readonly updateCount: number | undefined;
}

/** One statement end to end through the SDK, as a user runs it: start, poll until SUCCEEDED, page through the results. */
export async function timedAthenaQuery(athena: AthenaClient, sql: string, target: AthenaQueryTarget): Promise<TimedQuery> {
  const started = performance.now();
  const { QueryExecutionId: id } = await athena.send(
    new StartQueryExecutionCommand({ QueryString: sql, QueryExecutionContext: { Database: target.database }, ResultConfiguration: { OutputLocation: target.outputLocation } }),
  );
  let engineMs = 0;
  let planningMs = 0;
  let statementType: string | undefined;
  for (;;) {
    const { QueryExecution: execution } = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
    const state = execution?.Status?.State;
    if (state === "SUCCEEDED") {
      engineMs = execution?.Statistics?.EngineExecutionTimeInMillis ?? 0;
      planningMs = execution?.Statistics?.QueryPlanningTimeInMillis ?? 0;
      statementType = execution?.StatementType;
      break;
    }
    if (state === "FAILED" || state === "CANCELLED") {
      throw new Error(`Athena query ${state}: ${execution?.Status?.StateChangeReason ?? "no reason"} (${sql.slice(0, 80)})`);
    }
    if (performance.now() - started > (target.timeoutMs ?? 600_000)) {
      throw new Error(`Athena query still ${state} after ${target.timeoutMs ?? 600_000} ms (${sql.slice(0, 80)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, target.pollMs));
  }
  const rows: (string | null)[][] = [];
  let updateCount: number | undefined;
  let token: string | undefined;
  do {
    const page = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: id, ...(token === undefined ? {} : { NextToken: token }) }));
    const pageRows = (page.ResultSet?.Rows ?? []).map((row) => (row.Data ?? []).map((datum) => datum.VarCharValue ?? null));
    rows.push(...(token === undefined && statementType === "DML" ? pageRows.slice(1) : pageRows));
    updateCount ??= page.UpdateCount;
    token = page.NextToken;
  } while (token !== undefined);
  return { endToEndMs: performance.now() - started, engineMs, planningMs, rows, updateCount };
}
