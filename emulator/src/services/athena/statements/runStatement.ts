import { QueryError } from "../errors/athenaErrors";
import { isStackOverflow, statementTooLarge } from "../sql/statementTooLarge";
import { hiveFailure } from "./ddl/hiveFailure";
import { runCtas } from "./runCtas";
import { runExplain } from "./runExplain";
import { runHiveDdl } from "./runHiveDdl";
import { runInsert } from "./runInsert";
import { runQuery } from "./runQuery";
import { runUnload } from "./runUnload";
import { runCreateView, runDropView, runShowCreateView } from "./runView";
import type { StatementContext, StatementResult } from "./StatementContext";

/**
 * Runs one parsed statement of any kind Athena accepts and the emulator supports. A statement that overflows the
 * stack in analysis or SQL generation fails in the words Trino gives one its parser cannot take (statementTooLarge).
 */
export async function runStatement(context: StatementContext): Promise<StatementResult> {
  try {
    return await runParsed(context);
  } catch (error) {
    if (isStackOverflow(error)) throw new QueryError("SYNTAX_ERROR", statementTooLarge().message);
    throw error;
  }
}

async function runParsed(context: StatementContext): Promise<StatementResult> {
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
