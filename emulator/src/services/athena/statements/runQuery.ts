import type { QueryPlan } from "../sql/analyze/QueryAnalyzer";
import type { Query, Statement } from "../sql/ast";
import { formatResult } from "../sql/runtime/formatResult";
import { runPlanned } from "./planQuery";
import { engineColumn, type ResultColumn, type StatementContext, type StatementResult } from "./StatementContext";

/** The result columns of a plan, named as Athena names them: the column's name, or `_colN` by position. */
export function planColumns(plan: QueryPlan): ResultColumn[] {
  return plan.columns.map((column, index) => engineColumn(column.name ?? `_col${index}`, column.type));
}

/** A SELECT (WITH, VALUES, TABLE): run on DuckDB over the Glue tables; values written as Athena writes them. */
export async function runQuery(context: StatementContext, query: Query, reads: Statement = query): Promise<StatementResult> {
  const { result, plan, bytesScanned } = await runPlanned(context, reads, query, (connection, current) => connection.runAndReadAll(current.sql));
  const types = plan.columns.map((column) => column.type);
  const rows = result.getRows().map((row) => row.map((value, index) => formatResult(value, types[index]!)));
  return { columns: planColumns(plan), rows, bytesScanned, updateCount: 0 };
}
