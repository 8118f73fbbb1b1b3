import { QueryError, queryErrorAt } from "../athenaErrors";
import type { SqlToken } from "../sqlTokens";
import { at } from "../translateQuery";
import { runCtas } from "./runCtas";
import { runDdl } from "./runDdl";
import { runSelect } from "./runSelect";
import type { StatementContext, StatementResult } from "./StatementContext";

function withoutTrailingSemicolons(tokens: readonly SqlToken[]): readonly SqlToken[] {
  let end = tokens.length;
  while (end > 0 && tokens[end - 1]!.value === ";") end--;
  const inner = tokens.slice(0, end).find((token) => token.value === ";");
  if (inner !== undefined) {
    throw queryErrorAt("SYNTAX_ERROR", at(inner), "mismatched input ';'. Only one sql statement is allowed");
  }
  return tokens.slice(0, end);
}

/** `CREATE TABLE ... AS <query>` (an `AS` outside parentheses); `CREATE TABLE t (...)` is Hive DDL. */
export function isCtas(tokens: readonly SqlToken[]): boolean {
  if (tokens[0]?.value !== "create" || tokens[1]?.value !== "table") return false;
  let depth = 0;
  for (const token of tokens) {
    if (token.value === "(") depth++;
    else if (token.value === ")") depth--;
    else if (depth === 0 && token.value === "as" && token.kind === "word") return true;
    else if (depth === 0 && ["stored", "location", "row", "partitioned", "tblproperties"].includes(token.value)) return false;
  }
  return false;
}

/** Athena's StatementType: queries are DML, CREATE/DROP/ALTER/MSCK (and CTAS) DDL, SHOW/DESCRIBE/EXPLAIN UTILITY. */
export function statementTypeOf(tokens: readonly SqlToken[]): "DML" | "DDL" | "UTILITY" {
  const first = tokens[0]?.value;
  if (first === "show" || first === "describe" || first === "desc" || first === "explain") return "UTILITY";
  if (first === "create" || first === "drop" || first === "alter" || first === "msck") return "DDL";
  return "DML";
}

/** Runs one statement of any kind Athena accepts and the emulator supports. */
export function runStatement(context: StatementContext): Promise<StatementResult> {
  const tokens = withoutTrailingSemicolons(context.tokens);
  const scoped = { ...context, tokens };
  const first = tokens[0];
  if (first === undefined) {
    throw new QueryError("SYNTAX_ERROR", "line 1:1: mismatched input '<EOF>'. Expecting: 'ALTER', 'ANALYZE', 'CREATE', 'DESCRIBE', 'DROP', 'EXPLAIN', 'SELECT', 'SHOW', 'WITH', <query>");
  }
  if (first.value === "select" || first.value === "with" || first.value === "values" || first.value === "(") {
    return runSelect(scoped);
  }
  if (isCtas(tokens)) {
    return runCtas(scoped);
  }
  if (["create", "drop", "show", "describe", "desc", "msck", "alter"].includes(first.value)) {
    return runDdl(scoped);
  }
  throw queryErrorAt("SYNTAX_ERROR", at(first), `mismatched input '${first.text}'. Expecting: 'ALTER', 'ANALYZE', 'CREATE', 'DESCRIBE', 'DROP', 'EXPLAIN', 'SELECT', 'SHOW', 'WITH', <query>`);
}
