import type { HiveStatementOf } from "../../sql/hiveAst";
import { databaseExists } from "../prepareRelations";
import type { StatementContext, StatementResult } from "../StatementContext";
import { hiveFailure } from "./hiveFailure";
import { NOTHING } from "./hiveResults";
import { resolveName } from "./requireTable";

/** DROP TABLE [IF EXISTS]: the table leaves the catalog; its objects stay in S3. */
export function dropTable(context: StatementContext, statement: HiveStatementOf<"dropTable">): StatementResult {
  const { database, table } = resolveName(context, statement.table);
  if (!databaseExists(context, database) || context.catalog.findTable(database, table) === undefined) {
    if (statement.ifExists) return NOTHING;
    throw hiveFailure(`SemanticException [Error 10001]: Table not found ${database}.${table}`);
  }
  context.catalog.deleteTable(database, table);
  return NOTHING;
}
