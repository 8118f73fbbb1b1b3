import { QueryError } from "../../errors/athenaErrors";
import type { HiveStatementOf } from "../../sql/hiveAst";
import { hiveColumn, type StatementContext, type StatementResult } from "../StatementContext";
import { rowsOf } from "./hiveResults";

/** SHOW DATABASES [LIKE 'pattern']: `database_name`, sorted. */
export function showDatabases(context: StatementContext, statement: HiveStatementOf<"showDatabases">): StatementResult {
  // Athena matches SHOW DATABASES' pattern as a Java regular expression on the whole name; `*` alone means all.
  let pattern: RegExp | undefined;
  if (statement.pattern !== undefined && statement.pattern !== "*") {
    try {
      pattern = new RegExp(`^(?:${statement.pattern})$`);
    } catch {
      throw new QueryError("FAILED", `Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. MetaException(message:Unable to get databases: java.util.regex.PatternSyntaxException: ${statement.pattern})`);
    }
  }
  const names = context.catalog.listDatabases().map((database) => database.Name ?? "").filter((name) => pattern === undefined || pattern.test(name)).sort();
  return rowsOf([hiveColumn("database_name")], names, 0);
}
