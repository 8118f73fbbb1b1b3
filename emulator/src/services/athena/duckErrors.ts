import { QueryError, queryErrorAt } from "./athenaErrors";
import type { SqlToken } from "./sqlTokens";
import { at } from "./translateQuery";

/** DuckDB's internal type names in conversion errors, as Trino names them in its cast errors. */
const TRINO_TYPE_NAMES: Readonly<Record<string, string>> = { INT8: "TINYINT", INT16: "SMALLINT", INT32: "INT", INT64: "BIGINT", FLOAT: "REAL", DOUBLE: "DOUBLE", BOOL: "BOOLEAN", BOOLEAN: "BOOLEAN", DATE: "DATE", TIMESTAMP: "TIMESTAMP" };

function firstTokenNamed(tokens: readonly SqlToken[], name: string): SqlToken | undefined {
  const lower = name.toLowerCase();
  return tokens.find((token) => (token.kind === "word" || token.kind === "quoted") && token.value === lower) ?? tokens.find((token) => token.text.toLowerCase() === lower);
}

/**
 * A DuckDB error as Athena (Trino) words the same mistake, positioned in the statement the user wrote
 * (DuckDB's own positions are in the translated SQL).
 */
export function queryErrorOfDuckError(error: unknown, tokens: readonly SqlToken[]): QueryError {
  if (error instanceof QueryError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split("\n")[0]!;
  let match = /Referenced column "([^"]+)" not found/.exec(message) ?? /column "([^"]+)" not found/i.exec(message) ?? /Column "([^"]+)" referenced that exists in the SELECT clause - but this column cannot be referenced/.exec(message);
  if (match !== null) {
    return queryErrorAt("COLUMN_NOT_FOUND", at(firstTokenNamed(tokens, match[1]!)), `Column '${match[1]!.toLowerCase()}' cannot be resolved`);
  }
  match = /Referenced table "([^"]+)" not found/.exec(message);
  if (match !== null) {
    return queryErrorAt("COLUMN_NOT_FOUND", at(firstTokenNamed(tokens, match[1]!)), `Column '${match[1]!.toLowerCase()}' cannot be resolved`);
  }
  match = /syntax error at or near "([^"]*)"/.exec(message);
  if (match !== null) {
    const token = firstTokenNamed(tokens, match[1]!);
    return queryErrorAt("SYNTAX_ERROR", at(token), `mismatched input '${match[1]}'`);
  }
  if (/syntax error at end of input/.test(message)) {
    return queryErrorAt("SYNTAX_ERROR", at(tokens[tokens.length - 1]), "mismatched input '<EOF>'");
  }
  match = /column "([^"]+)" must appear in the GROUP BY clause/.exec(message);
  if (match !== null) {
    return queryErrorAt("EXPRESSION_NOT_AGGREGATE", at(firstTokenNamed(tokens, match[1]!)), `'${match[1]}' must be an aggregate expression or appear in GROUP BY clause`);
  }
  match = /(?:Scalar|Aggregate|Table) Function with name ([^\s]+) does not exist/.exec(message) ?? /No function matches the given name and argument types '([^(']+)\(/.exec(message);
  if (match !== null) {
    const name = match[1]!.replace(/"/g, "");
    return queryErrorAt("FUNCTION_NOT_FOUND", at(firstTokenNamed(tokens, name)), /No function matches/.test(message) ? `Unexpected parameters for function ${name}` : `Function '${name}' not registered`);
  }
  match = /Could not convert string '(.*)' to ([A-Z0-9_]+)/.exec(firstLine);
  if (match !== null) {
    const trinoType = TRINO_TYPE_NAMES[match[2]!] ?? match[2]!;
    return new QueryError("INVALID_CAST_ARGUMENT", `Cannot cast '${match[1]}' to ${trinoType}`);
  }
  if (/^Conversion Error/.test(message)) {
    return new QueryError("INVALID_CAST_ARGUMENT", firstLine.replace(/^Conversion Error: /, ""));
  }
  if (/^(Permission Error|IO Error)|Cannot access|enable_external_access|allowed_directories/.test(message)) {
    return new QueryError("PERMISSION_DENIED", "Access denied: the query may read only the emulator's S3 data");
  }
  if (/INTERRUPT/i.test(message)) {
    return new QueryError("USER_CANCELLED", "Query was cancelled by user");
  }
  if (/^Catalog Error: Table with name/.test(message)) {
    const name = /Table with name (\S+) does not exist/.exec(message)?.[1] ?? "";
    return queryErrorAt("TABLE_NOT_FOUND", at(firstTokenNamed(tokens, name)), `Table '${name}' does not exist`);
  }
  // A SerDe failure raised in SQL with error() (castJsonField): Athena's own name and words.
  match = /^Invalid Input Error: (HIVE_[A-Z_]+): ([\s\S]*)$/.exec(message);
  if (match !== null) {
    return new QueryError(match[1]!, match[2]!);
  }
  if (/^Out of Range Error|^Invalid Input Error/.test(message)) {
    return new QueryError("INVALID_FUNCTION_ARGUMENT", firstLine.replace(/^[A-Za-z ]+Error: /, ""));
  }
  return new QueryError("GENERIC_INTERNAL_ERROR", firstLine);
}
