import type { ResultColumn, StatementResult } from "../StatementContext";

/** What a DDL statement that changes the catalog answers: no columns, no rows. */
export const NOTHING: StatementResult = { columns: [], rows: [], bytesScanned: 0 };

/** Hive's results put each row in one value, its fields joined with tabs. */
export function rowsOf(columns: readonly ResultColumn[], lines: readonly string[], updateCount?: number): StatementResult {
  return { columns, rows: lines.map((line) => [line]), bytesScanned: 0, ...(updateCount === undefined ? {} : { updateCount }) };
}

export function pad20(text: string): string {
  return text.padEnd(20);
}
