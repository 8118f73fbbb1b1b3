import { QueryError } from "../../errors/athenaErrors";

/** DuckDB SQL text for names and values the front end generates: always quoted, never spliced raw. */

/**
 * DuckDB reads a statement as a C string: a NUL character ends it wherever it stands, inside quotes too. And a lone
 * UTF-16 surrogate has no UTF-8 form: it would reach DuckDB as U+FFFD, another value than the one quoted.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function refuseUnrepresentable(text: string, what: string): void {
  if (LONE_SURROGATE.test(text)) throw new QueryError("NOT_SUPPORTED", `${what} holding a lone UTF-16 surrogate (not Unicode text) is not supported by the gpu-stream emulator`);
}

export function quoteIdentifier(name: string): string {
  refuseUnrepresentable(name, "An identifier");
  if (name.includes("\u0000")) throw new QueryError("NOT_SUPPORTED", "An identifier holding a NUL character is not supported by the gpu-stream emulator");
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A string constant. One holding NUL characters is written as a concatenation with chr(0), which DuckDB keeps in a
 * VARCHAR: an expression, where every other value is a literal (generated paths and settings never hold NUL).
 */
export function quoteString(value: string): string {
  refuseUnrepresentable(value, "A string");
  if (value.includes("\u0000")) return `(${value.split("\u0000").map(quotePlain).join(" || chr(0) || ")})`;
  return quotePlain(value);
}

function quotePlain(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Athena's runtime failure raised inside DuckDB, `error('INVALID_CAST_ARGUMENT: ...')`, which duckErrors reads back as
 * the query's error; inside TRY (`safe`) NULL instead.
 */
export function failSql(safe: boolean, errorName: string, messageSql: string): string {
  return safe ? "NULL" : `error(${quoteString(`${errorName}: `)} || ${messageSql})`;
}
