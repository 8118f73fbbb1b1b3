import type { HiveStatementOf } from "../../sql/hiveAst";
import type { StatementContext, StatementResult } from "../StatementContext";
import { checkType } from "./checkType";
import { hiveFailure } from "./hiveFailure";
import { NOTHING } from "./hiveResults";
import { requireTable } from "./requireTable";
import { tableInput } from "./tableInput";

/** ALTER TABLE CHANGE [COLUMN]: a column's name, type or comment. */
export function changeColumn(context: StatementContext, statement: HiveStatementOf<"changeColumn">): StatementResult {
  const { database, definition } = requireTable(context, statement.table);
  const columns = definition.StorageDescriptor?.Columns ?? [];
  if (!columns.some((column) => (column.Name ?? "").toLowerCase() === statement.from)) throw hiveFailure(`SemanticException [Error 10002]: Invalid column reference ${statement.from}`);
  const replacement = checkType(statement.column);
  context.catalog.updateTable(database, { ...tableInput(definition), StorageDescriptor: { ...definition.StorageDescriptor, Columns: columns.map((column) => ((column.Name ?? "").toLowerCase() === statement.from ? replacement : column)) } });
  return NOTHING;
}
