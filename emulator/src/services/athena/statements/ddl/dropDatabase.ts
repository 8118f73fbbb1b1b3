import type { HiveStatementOf } from "../../sql/hiveAst";
import { databaseExists } from "../prepareRelations";
import type { StatementContext, StatementResult } from "../StatementContext";
import { hiveFailure } from "./hiveFailure";
import { NOTHING } from "./hiveResults";

/** DROP DATABASE [IF EXISTS] [CASCADE]: without CASCADE only an empty database. */
export function dropDatabase(context: StatementContext, statement: HiveStatementOf<"dropDatabase">): StatementResult {
  if (!databaseExists(context, statement.database)) {
    if (statement.ifExists) return NOTHING;
    throw hiveFailure(`SemanticException [Error 10072]: Database does not exist: ${statement.database}`);
  }
  const tables = context.catalog.listTables(statement.database);
  if (tables.length > 0 && !statement.cascade) {
    throw hiveFailure(`Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. InvalidOperationException(message:Database ${statement.database} is not empty. One or more tables exist.)`);
  }
  for (const table of tables) context.catalog.deleteTable(statement.database, table.Name ?? "");
  context.catalog.deleteDatabase(statement.database);
  return NOTHING;
}
