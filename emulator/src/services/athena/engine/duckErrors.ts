import { QueryError } from "../errors/athenaErrors";

/** DuckDB's integer names in its overflow errors, as Trino names them. */
const INTEGER_NAMES: Readonly<Record<string, string>> = { INT8: "tinyint", INT16: "smallint", INT32: "integer", INT64: "bigint", INT128: "bigint" };

/**
 * A failure inside DuckDB while a statement runs, as Athena words it. Errors the generated SQL raises on purpose
 * (`error('INVALID_CAST_ARGUMENT: Cannot cast ...')`) carry Athena's name and words; DuckDB's own errors for the
 * same mistakes (an integer overflow, a scalar subquery with several rows) are translated. Analysis errors never
 * get here: the front end raises them before DuckDB sees the SQL.
 */
export function queryErrorOfDuckError(error: unknown): QueryError {
  if (error instanceof QueryError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split("\n")[0]!;
  let match = /^Invalid Input Error: ([A-Z][A-Z0-9_]+): ([\s\S]*)$/.exec(message);
  if (match !== null) return new QueryError(match[1]!, match[2]!);
  if (/More than one row returned by a subquery/.test(message)) return new QueryError("SUBQUERY_MULTIPLE_ROWS", "Scalar sub-query has returned multiple rows");
  match = /Overflow in (addition|subtraction|multiplication) of (INT\d+) \((-?\d+) [-+*] (-?\d+)\)/.exec(message);
  if (match !== null) {
    const symbol = { addition: "+", subtraction: "-", multiplication: "*" }[match[1] as "addition"];
    return new QueryError("NUMERIC_VALUE_OUT_OF_RANGE", `${INTEGER_NAMES[match[2]!] ?? "bigint"} ${match[1]} overflow: ${match[3]} ${symbol} ${match[4]}`);
  }
  if (/Overflow in negation/.test(message)) return new QueryError("NUMERIC_VALUE_OUT_OF_RANGE", firstLine.replace(/^[A-Za-z ]+Error: /, ""));
  if (/can't be cast because the value is out of range for the destination type (INT64|INT32)/.test(message)) return new QueryError("NUMERIC_VALUE_OUT_OF_RANGE", "bigint addition overflow");
  if (/^(Permission Error|IO Error)|Cannot access|enable_external_access|allowed_directories/.test(message)) {
    return new QueryError("PERMISSION_DENIED", "Access denied: the query may read only the emulator's S3 data");
  }
  if (/INTERRUPT/i.test(message)) return new QueryError("USER_CANCELLED", "Query was cancelled by user");
  if (/^Out of Range Error/.test(message)) return new QueryError("NUMERIC_VALUE_OUT_OF_RANGE", firstLine.replace(/^Out of Range Error: /, ""));
  if (/^(Conversion|Invalid Input) Error/.test(message)) return new QueryError("INVALID_FUNCTION_ARGUMENT", firstLine.replace(/^[A-Za-z ]+Error: /, ""));
  return new QueryError("GENERIC_INTERNAL_ERROR", firstLine, 1);
}
