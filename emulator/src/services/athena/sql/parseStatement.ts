import type { Token } from "antlr4ng" with { "resolution-mode": "require" };
import { antlrRuntime, trinoGrammar } from "../../../sqlGrammars";
import type { Statement } from "./ast";
import type { HiveStatement } from "./hiveAst";
import { HiveParseError, parseHiveStatement } from "./parseHive";
import { parseTrinoStatement } from "./parseTrino";
import { SqlSyntaxError } from "./SqlSyntaxError";
import { checkNesting, isStackOverflow, statementTooLarge } from "./statementTooLarge";

/**
 * A statement as Athena reads it: DDL (CREATE EXTERNAL TABLE, ALTER, DROP TABLE, MSCK, SHOW, DESCRIBE) with Hive's
 * grammar, where identifiers are quoted in backticks; everything else (queries, CTAS, INSERT, views, UNLOAD,
 * EXPLAIN) with Trino's, where they are quoted in double quotes (Athena's "reserved words" page).
 */
export type AthenaStatement =
  | { readonly engine: "trino"; readonly statement: Statement; readonly text: string }
  | { readonly engine: "hive"; readonly statement: HiveStatement; readonly text: string }
  /** A DDL statement Hive's grammar refused: Athena's DDL engine fails it when it runs (FAILED: ParseException ...). */
  | { readonly engine: "hiveParseError"; readonly error: HiveParseError; readonly text: string };

/** Refused by StartQueryExecution itself, not as a `line L:C:` syntax error: `Only one sql statement is allowed`. */
export class StatementRefused extends Error {
  override readonly name = "StatementRefused";
}

/**
 * The list Athena's DDL grammar gives where a double-quoted name stands for a table or database: recorded against
 * Athena engine v3 for DROP TABLE, SHOW COLUMNS and SHOW TABLES IN (aoyagikouhei/athena-local, quoted_names.rs,
 * measured 2026-09-25); the same for every statement.
 */
const DDL_NAME_EXPECTED =
  "{'SELECT', 'FROM', 'ADD', 'AS', 'ALL', 'DISTINCT', 'WHERE', 'GROUP', 'BY', 'GROUPING', 'SETS', 'CUBE', 'ROLLUP', 'ORDER', 'HAVING', 'LIMIT', 'AT', 'OR', 'AND', 'IN', NOT, 'NO', 'EXISTS', 'BETWEEN', 'LIKE', RLIKE, 'IS', 'NULL', 'TRUE', 'FALSE', 'NULLS', 'ASC', 'DESC', 'FOR', 'INTERVAL', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'JOIN', 'CROSS', 'OUTER', 'INNER', 'LEFT', 'SEMI', 'RIGHT', 'FULL', 'NATURAL', 'ON', 'LATERAL', 'WINDOW', 'OVER', 'PARTITION', 'RANGE', 'ROWS', 'UNBOUNDED', 'PRECEDING', 'FOLLOWING', 'CURRENT', 'ROW', 'WITH', 'VALUES', 'CREATE', 'TABLE', 'VIEW', 'REPLACE', 'INSERT', 'DELETE', 'INTO', 'DESCRIBE', 'EXPLAIN', 'FORMAT', 'LOGICAL', 'CODEGEN', 'CAST', 'SHOW', 'TABLES', 'COLUMNS', 'COLUMN', 'USE', 'PARTITIONS', 'FUNCTIONS', 'DROP', 'UNION', 'EXCEPT', 'INTERSECT', 'TO', 'TABLESAMPLE', 'STRATIFY', 'ALTER', 'RENAME', 'ARRAY', 'MAP', 'STRUCT', 'COMMENT', 'SET', 'RESET', 'DATA', 'START', 'TRANSACTION', 'COMMIT', 'ROLLBACK', 'MACRO', 'FIRST', 'AFTER', 'IF', 'DIV', 'PERCENT', 'BUCKET', 'OUT', 'OF', 'SORT', 'CLUSTER', 'DISTRIBUTE', 'OVERWRITE', 'TRANSFORM', 'REDUCE', 'USING', 'SERDE', 'SERDEPROPERTIES', 'RECORDREADER', 'RECORDWRITER', 'DELIMITED', 'FIELDS', 'TERMINATED', 'COLLECTION', 'ITEMS', 'KEYS', 'ESCAPED', 'LINES', 'SEPARATED', 'FUNCTION', 'EXTENDED', 'REFRESH', 'CLEAR', 'CACHE', 'UNCACHE', 'LAZY', 'FORMATTED', TEMPORARY, 'OPTIONS', 'UNSET', 'TBLPROPERTIES', 'DBPROPERTIES', 'BUCKETS', 'SKEWED', 'STORED', 'DIRECTORIES', 'LOCATION', 'EXCHANGE', 'ARCHIVE', 'UNARCHIVE', 'FILEFORMAT', 'TOUCH', 'COMPACT', 'CONCATENATE', 'CHANGE', 'CASCADE', 'RESTRICT', 'CLUSTERED', 'SORTED', 'PURGE', 'INPUTFORMAT', 'OUTPUTFORMAT', DATABASE, DATABASES, 'DFS', 'TRUNCATE', 'ANALYZE', 'COMPUTE', 'LIST', 'STATISTICS', 'PARTITIONED', 'EXTERNAL', 'DEFINED', 'REVOKE', 'GRANT', 'LOCK', 'UNLOCK', 'MSCK', 'REPAIR', 'EXPORT', 'IMPORT', 'LOAD', 'ROLE', 'ROLES', 'COMPACTIONS', 'PRINCIPALS', 'TRANSACTIONS', 'INDEX', 'INDEXES', 'LOCKS', 'OPTION', 'ANTI', 'LOCAL', 'INPATH', IDENTIFIER, BACKQUOTED_IDENTIFIER}";

interface Words {
  readonly words: readonly string[];
  /** The text of the statement, up to (not including) its first `;`. */
  readonly statement: string;
}

/** The statement's leading words and its text without a trailing `;`, or Athena's refusal of empty or several statements. */
function splitStatement(text: string): Words {
  const g = trinoGrammar();
  const antlr = antlrRuntime();
  const lexer = new g.TrinoSqlLexer(antlr.CharStreams.fromString(text));
  lexer.removeErrorListeners();
  const tokens = lexer.getAllTokens().filter((token: Token) => token.channel === 0);
  checkNesting(tokens);
  const semicolon = g.TrinoSqlLexer.SEMICOLON;
  const first = tokens.findIndex((token: Token) => token.type === semicolon);
  if (tokens.length === 0) {
    const lines = text.split("\n");
    throw new SqlSyntaxError("mismatched input '<EOF>'", { line: lines.length, column: lines[lines.length - 1]!.length + 1 });
  }
  if (first !== -1) {
    if (tokens.slice(first).some((token: Token) => token.type !== semicolon)) throw new StatementRefused(`Only one sql statement is allowed. Got: ${text.trim()}`);
    if (first === 0) throw new StatementRefused(`Empty sql statement: ${text.trim()}`);
  }
  const end = first === -1 ? text.length : tokens[first]!.start;
  return { words: tokens.slice(0, first === -1 ? 8 : Math.min(first, 8)).map((token: Token) => (token.text ?? "").toUpperCase()), statement: text.slice(0, end) };
}

/** Does a CREATE TABLE statement have an `AS` outside parentheses (a CTAS, which is Trino's)? */
function isCtas(text: string): boolean {
  const g = trinoGrammar();
  const antlr = antlrRuntime();
  const lexer = new g.TrinoSqlLexer(antlr.CharStreams.fromString(text));
  lexer.removeErrorListeners();
  let depth = 0;
  for (const token of lexer.getAllTokens()) {
    if (token.channel !== 0) continue;
    if (token.text === "(") depth++;
    else if (token.text === ")") depth--;
    else if (depth === 0 && token.type === g.TrinoSqlLexer.KW_AS) return true;
  }
  return false;
}

function hiveRoute(words: readonly string[], text: string): boolean {
  const [first, second, third] = words;
  switch (first) {
    case "CREATE":
      if (second === "EXTERNAL" || second === "DATABASE" || second === "SCHEMA") return true;
      return second === "TABLE" && !isCtas(text);
    case "DROP":
      return second === "TABLE" || second === "DATABASE" || second === "SCHEMA";
    case "ALTER":
      return second === "TABLE" || second === "DATABASE" || second === "SCHEMA";
    case "MSCK":
      return true;
    case "SHOW":
      return !(second === "CREATE" && third === "VIEW");
    case "DESCRIBE":
    case "DESC":
      return true;
    default:
      return false;
  }
}

/**
 * What Athena answers a DDL statement that quotes a name in double quotes, as recorded against engine v3 (notes in
 * docs/athena-glue.md): refused by StartQueryExecution in the DDL grammar's words, or handed to Trino's parser.
 */
function quotedNameRefusal(words: readonly string[], error: HiveParseError, text: string): Error | "trino" {
  const [first, second] = words;
  const position = { line: error.line, column: error.column + 1 };
  if ((first === "CREATE" && second === "EXTERNAL") || first === "MSCK") return "trino";
  if (first === "SHOW" && second === "CREATE") return new StatementRefused("Queries of this type are not supported");
  if (first === "DESCRIBE" || first === "DESC" || first === "ALTER" || first === "CREATE") {
    const lines = text.split("\n");
    const upTo = [...lines.slice(0, error.line - 1), lines[error.line - 1]!.slice(0, error.column + error.offendingText.length)].join("\n").trim();
    return new SqlSyntaxError(`no viable alternative at input '${upTo.replace(/\n/g, "\\n").replace(/\t/g, "\\t")}'`, position);
  }
  return new SqlSyntaxError(`mismatched input '${error.offendingText}' expecting ${DDL_NAME_EXPECTED}`, position);
}

/** Parses one statement as Athena does; throws SqlSyntaxError or StatementRefused (both refused at StartQueryExecution). */
export function parseAthenaStatement(text: string): AthenaStatement {
  try {
    return parseOneStatement(text);
  } catch (error) {
    if (isStackOverflow(error)) throw statementTooLarge();
    throw error;
  }
}

function parseOneStatement(text: string): AthenaStatement {
  const { words, statement } = splitStatement(text);
  if (hiveRoute(words, statement)) {
    try {
      return { engine: "hive", statement: parseHiveStatement(statement), text: statement };
    } catch (error) {
      if (!(error instanceof HiveParseError)) throw error;
      if (!error.offendingIsDoubleQuoted) return { engine: "hiveParseError", error, text: statement };
      const refusal = quotedNameRefusal(words, error, statement);
      if (refusal !== "trino") throw refusal;
    }
  }
  return { engine: "trino", statement: parseTrinoStatement(statement), text: statement };
}
