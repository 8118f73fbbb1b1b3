import type { HiveStatementOf } from "../../sql/hiveAst";
import { isView } from "../prepareRelations";
import type { StatementContext, StatementResult } from "../StatementContext";
import { namePattern } from "./namePattern";
import { requireDatabase } from "./requireTable";

/** SHOW VIEWS [IN database] [LIKE 'pattern']: one `views` column, varchar as the engine's results are. */
export function showViews(context: StatementContext, statement: HiveStatementOf<"showViews">): StatementResult {
  const database = statement.database ?? context.database;
  requireDatabase(context, database);
  const pattern = namePattern(statement.pattern);
  const names = context.catalog.listTables(database).filter(isView).map((table) => (table.Name ?? "").toLowerCase()).filter((name) => pattern === undefined || pattern.test(name)).sort();
  return { columns: [{ name: "views", type: "varchar", precision: 2147483647, scale: 0, caseSensitive: true }], rows: names.map((name) => [name]), bytesScanned: 0, updateCount: 0 };
}
