import type { HiveStatementOf } from "../../sql/hiveAst";
import { hiveColumn, type StatementContext, type StatementResult } from "../StatementContext";
import { rowsOf } from "./hiveResults";
import { namePattern } from "./namePattern";
import { requireDatabase } from "./requireTable";

/** SHOW TABLES [IN database] ['pattern']: `tab_name`, sorted. */
export function showTables(context: StatementContext, statement: HiveStatementOf<"showTables">): StatementResult {
  const database = statement.database ?? context.database;
  requireDatabase(context, database);
  const pattern = namePattern(statement.pattern);
  const names = context.catalog.listTables(database).map((table) => (table.Name ?? "").toLowerCase()).filter((name) => pattern === undefined || pattern.test(name)).sort();
  return rowsOf([hiveColumn("tab_name")], names, 0);
}
