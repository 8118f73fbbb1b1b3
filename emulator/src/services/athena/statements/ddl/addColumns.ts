import type { HiveStatementOf } from "../../sql/hiveAst";
import type { StatementContext, StatementResult } from "../StatementContext";
import { checkType } from "./checkType";
import { hiveFailure } from "./hiveFailure";
import { NOTHING } from "./hiveResults";
import { requireTable } from "./requireTable";
import { tableInput } from "./tableInput";

/** ALTER TABLE ADD COLUMNS and REPLACE COLUMNS. */
export function addColumns(context: StatementContext, statement: HiveStatementOf<"addColumns">): StatementResult {
  const { database, definition } = requireTable(context, statement.table);
  const added = statement.columns.map(checkType);
  const existing = statement.replace ? [] : (definition.StorageDescriptor?.Columns ?? []);
  const duplicate = added.find((column) => [...existing, ...(definition.PartitionKeys ?? [])].some((other) => (other.Name ?? "").toLowerCase() === column.Name));
  if (duplicate !== undefined) throw hiveFailure(`SemanticException [Error 10036]: Duplicate column name: ${duplicate.Name}`);
  context.catalog.updateTable(database, { ...tableInput(definition), StorageDescriptor: { ...definition.StorageDescriptor, Columns: [...existing, ...added] } });
  return NOTHING;
}
