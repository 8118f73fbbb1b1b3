import type { HiveStatementOf } from "../../sql/hiveAst";
import { databaseExists } from "../prepareRelations";
import type { StatementContext, StatementResult } from "../StatementContext";
import { hiveFailure } from "./hiveFailure";
import { NOTHING } from "./hiveResults";

/** CREATE DATABASE [IF NOT EXISTS], with its COMMENT and LOCATION. */
export function createDatabase(context: StatementContext, statement: HiveStatementOf<"createDatabase">): StatementResult {
  if (databaseExists(context, statement.database)) {
    if (statement.ifNotExists) return NOTHING;
    throw hiveFailure(`Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. Database ${statement.database} already exists`);
  }
  context.catalog.createDatabase(statement.database, { ...(statement.comment === undefined ? {} : { description: statement.comment }), ...(statement.location === undefined ? {} : { locationUri: statement.location }) });
  return NOTHING;
}
