import type { HiveStatementOf } from "../../sql/hiveAst";
import { hiveColumn, type StatementContext, type StatementResult } from "../StatementContext";
import { rowsOf } from "./hiveResults";
import { requireTable } from "./requireTable";

/** SHOW TBLPROPERTIES [('name')]: `prpt_name` and `prpt_value`. */
export function showTableProperties(context: StatementContext, statement: HiveStatementOf<"showTableProperties">): StatementResult {
  const { definition } = requireTable(context, statement.table);
  const properties = Object.entries(definition.Parameters ?? {});
  const selected = statement.property === undefined ? properties : properties.filter(([key]) => key === statement.property);
  return rowsOf([hiveColumn("prpt_name"), hiveColumn("prpt_value")], selected.map(([key, value]) => `${key}\t${value}`), 0);
}
