import type { Exchange, JsonCaller } from "./jsonCaller";

/** How a fuzzed statement ended: refused by StartQueryExecution, or a query execution in a terminal state (or not, in time). */
export interface FuzzQueryRun {
  readonly exchanges: readonly Exchange[];
  /** SUCCEEDED, FAILED, CANCELLED; `refused` when StartQueryExecution answered an error; `unfinished` past the deadline. */
  readonly state: string;
  readonly reason?: string;
  /** The first page of a SUCCEEDED query's results, every cell as text. */
  readonly cells?: readonly (string | undefined)[][];
}

export interface FuzzQueryOptions {
  readonly database: string;
  readonly outputLocation: string;
  readonly parameters?: readonly string[];
  readonly deadlineMs: number;
}

/** StartQueryExecution, GetQueryExecution until the state is terminal, then GetQueryResults' first page of a success. */
export async function runFuzzQuery(caller: JsonCaller, sql: string, options: FuzzQueryOptions, label: string): Promise<FuzzQueryRun> {
  const exchanges: Exchange[] = [];
  const started = await caller.call(
    "AmazonAthena.StartQueryExecution",
    {
      QueryString: sql,
      QueryExecutionContext: { Database: options.database },
      ResultConfiguration: { OutputLocation: options.outputLocation },
      ...(options.parameters === undefined ? {} : { ExecutionParameters: options.parameters }),
    },
    `StartQueryExecution ${label}`,
  );
  exchanges.push(started);
  const id = started.body?.["QueryExecutionId"];
  if (typeof id !== "string") return { exchanges, state: "refused" };
  const deadline = Date.now() + options.deadlineMs;
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    const polled = await caller.call("AmazonAthena.GetQueryExecution", { QueryExecutionId: id }, `GetQueryExecution ${label}`);
    exchanges.push(polled);
    const status = (polled.body?.["QueryExecution"] as { Status?: { State?: string; StateChangeReason?: string } } | undefined)?.Status;
    const state = status?.State;
    if (state === "FAILED" || state === "CANCELLED") return { exchanges, state, ...(status?.StateChangeReason === undefined ? {} : { reason: status.StateChangeReason }) };
    if (state === "SUCCEEDED") {
      const results = await caller.call("AmazonAthena.GetQueryResults", { QueryExecutionId: id, MaxResults: 1000 }, `GetQueryResults ${label}`);
      exchanges.push(results);
      const rows = (results.body?.["ResultSet"] as { Rows?: { Data?: { VarCharValue?: string }[] }[] } | undefined)?.Rows ?? [];
      return { exchanges, state, cells: rows.map((row) => (row.Data ?? []).map((datum) => datum.VarCharValue)) };
    }
    if (state === undefined || Date.now() > deadline) {
      exchanges.push(await caller.call("AmazonAthena.StopQueryExecution", { QueryExecutionId: id }, `StopQueryExecution ${label}`));
      return { exchanges, state: state === undefined ? "unreadable" : "unfinished" };
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
