import { QueryError } from "../athenaErrors";
import { runCtas } from "./runCtas";
import { runExplain } from "./runExplain";
import { hiveFailure, runHiveDdl } from "./runHiveDdl";
import { runInsert } from "./runInsert";
import { runQuery } from "./runQuery";
import { runUnload } from "./runUnload";
import { runCreateView, runDropView, runShowCreateView } from "./runView";
import type { StatementContext, StatementResult } from "./StatementContext";

/** Runs one parsed statement of any kind Athena accepts and the emulator supports. */
export async function runStatement(context: StatementContext): Promise<StatementResult> {
  const parsed = context.statement;
  if (parsed.engine === "hiveParseError") throw hiveFailure(parsed.error.message);
  if (parsed.engine === "hive") return runHiveDdl(context, parsed.statement);
  const statement = parsed.statement;
  switch (statement.kind) {
    case "query":
      return runQuery(context, statement);
    case "createTableAsSelect":
      return runCtas(context, statement);
    case "insert":
      return runInsert(context, statement);
    case "unload":
      return runUnload(context, statement);
    case "createView":
      return runCreateView(context, statement);
    case "dropView":
      return runDropView(context, statement);
    case "showCreateView":
      return runShowCreateView(context, statement);
    case "explain":
      return runExplain(context, statement);
    case "unsupportedStatement":
      throw new QueryError("NOT_SUPPORTED", `${statement.description} is not supported by the gpu-stream emulator`);
  }
}
