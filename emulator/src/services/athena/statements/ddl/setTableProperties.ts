import type { HiveStatementOf } from "../../sql/hiveAst";
import type { StatementContext, StatementResult } from "../StatementContext";
import { NOTHING } from "./hiveResults";
import { requireTable } from "./requireTable";
import { tableInput } from "./tableInput";

/** ALTER TABLE SET TBLPROPERTIES: the properties given are added to the table's, or replace theirs. */
export function setTableProperties(context: StatementContext, statement: HiveStatementOf<"setTableProperties">): StatementResult {
  const { database, definition } = requireTable(context, statement.table);
  context.catalog.updateTable(database, { ...tableInput(definition), Parameters: { ...definition.Parameters, ...statement.properties } });
  return NOTHING;
}
