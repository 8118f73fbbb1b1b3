import type { HiveStatementOf } from "../../sql/hiveAst";
import { isView } from "../prepareRelations";
import { describeView } from "../runView";
import { hiveColumn, type StatementContext, type StatementResult } from "../StatementContext";
import { pad20, rowsOf } from "./hiveResults";
import { requireTable } from "./requireTable";

/** SHOW COLUMNS: a table's columns then its partition keys, as `field`; a view's as DESCRIBE gives them. */
export function showColumns(context: StatementContext, statement: HiveStatementOf<"showColumns">): StatementResult {
  const { definition } = requireTable(context, statement.table);
  if (isView(definition)) return describeView(definition);
  const columns = [...(definition.StorageDescriptor?.Columns ?? []), ...(definition.PartitionKeys ?? [])];
  return rowsOf([hiveColumn("field")], columns.map((column) => pad20((column.Name ?? "").toLowerCase())), 0);
}
