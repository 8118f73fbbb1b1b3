import assert from "node:assert/strict";
import { GetQueryResultsCommand } from "@aws-sdk/client-athena";
import { runFailing, runSucceeding, type AthenaTestEmulator, type QueryOptions } from "./athenaTestKit";

/** A statement and the first data row Athena answers, each case naming its source. */
export interface ValueCase {
  readonly sql: string;
  /** The first data row as GetQueryResults gives it. */
  readonly row: readonly (string | undefined)[];
  /** ColumnInfo Type of each column. */
  readonly types?: readonly string[];
  readonly source: string;
}

/** A statement that fails, and its StateChangeReason. */
export interface ErrorCase {
  readonly sql: string;
  readonly reason: string;
  readonly source: string;
}

export async function assertValueCase(emulator: AthenaTestEmulator, { sql, row, types, source }: ValueCase, options: QueryOptions = {}): Promise<void> {
  const execution = await runSucceeding(emulator, sql, options);
  const results = await emulator.athena.send(new GetQueryResultsCommand({ QueryExecutionId: execution.QueryExecutionId! }));
  assert.deepEqual(
    results.ResultSet?.Rows?.[1]?.Data?.map((datum) => datum.VarCharValue),
    row,
    source,
  );
  if (types !== undefined) assert.deepEqual(results.ResultSet?.ResultSetMetadata?.ColumnInfo?.map((column) => column.Type), types, source);
}

export async function assertErrorCase(emulator: AthenaTestEmulator, { sql, reason, source }: ErrorCase, options: QueryOptions = {}): Promise<void> {
  assert.equal(await runFailing(emulator, sql, options), reason, source);
}
