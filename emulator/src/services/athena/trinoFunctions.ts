/**
 * The Trino (Athena engine v3) functions the emulator runs, and how each becomes DuckDB. A function not
 * listed here, even one DuckDB has (read_csv, glob, getenv, ...), answers FUNCTION_NOT_FOUND as Athena does.
 * These three tables are the documentation of what is supported.
 *
 * Known differences: approx_percentile is exact (quantile_disc); element_at works on arrays, not maps;
 * date_parse/date_format convert literal formats only; timestamps are millisecond precision as in Athena.
 */

/** Same name, same meaning in DuckDB. */
const PASSTHROUGH = [
  // aggregates
  "count", "sum", "avg", "min", "max", "count_if", "bool_and", "bool_or", "array_agg", "max_by", "min_by",
  "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop", "corr", "covar_pop", "covar_samp", "histogram",
  // window
  "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value", "last_value", "nth_value",
  // conditional and casts
  "coalesce", "nullif", "if", "greatest", "least", "try", "cast", "try_cast",
  // math
  "abs", "ceil", "ceiling", "floor", "round", "sqrt", "cbrt", "power", "pow", "exp", "ln", "log2", "log10", "mod", "sign", "pi", "random", "degrees", "radians", "truncate",
  // strings
  "length", "lower", "upper", "trim", "ltrim", "rtrim", "replace", "reverse", "lpad", "rpad", "substr", "substring", "concat", "strpos", "position",
  "starts_with", "regexp_extract", "regexp_extract_all", "chr", "codepoint", "levenshtein_distance", "md5", "sha256", "to_hex", "from_hex", "url_decode", "url_encode",
  // date and time
  "date_trunc", "date_diff", "year", "quarter", "month", "week", "day", "day_of_month", "day_of_week", "dow", "day_of_year", "doy", "hour", "minute", "second", "millisecond",
  "now", "current_date", "current_timestamp", "last_day_of_month", "extract",
  // arrays, maps, json
  "array_distinct", "array_max", "array_min", "array_join", "array_position", "array_sort", "contains", "flatten", "sequence", "slice", "zip", "map", "map_keys", "map_values",
  "json_extract", "json_array_length", "json_format", "json_parse",
  "unnest",
];

/** Renamed: same arguments in the same order. */
const RENAMED: Readonly<Record<string, string>> = {
  approx_percentile: "quantile_disc",
  approx_distinct: "approx_count_distinct",
  arbitrary: "any_value",
  any_value: "any_value",
  regexp_like: "regexp_matches",
  json_extract_scalar: "json_extract_string",
  element_at: "list_extract",
  cardinality: "len",
  split: "string_split",
  to_unixtime: "epoch",
  day_of_week: "isodow",
  dow: "isodow",
  geometric_mean: "geomean",
  levenshtein_distance: "levenshtein",
  typeof: "typeof",
};

/** MySQL-style format of date_parse / date_format (Trino) -> strftime format (DuckDB). */
const MYSQL_FORMAT: Readonly<Record<string, string>> = {
  a: "%a", b: "%b", c: "%-m", d: "%d", e: "%-d", f: "%f", H: "%H", h: "%I", I: "%I", i: "%M", j: "%j", k: "%-H", l: "%-I",
  M: "%B", m: "%m", p: "%p", r: "%I:%M:%S %p", S: "%S", s: "%S", T: "%H:%M:%S", v: "%V", W: "%A", w: "%w", Y: "%Y", y: "%y", "%": "%%",
};

export function strftimeFormatOfMysql(format: string): string {
  return format.replace(/%(.)/g, (whole, letter: string) => MYSQL_FORMAT[letter] ?? whole);
}

export type FunctionRewrite = (args: readonly string[], literalArgs: readonly (string | undefined)[]) => string;

const REWRITTEN: Readonly<Record<string, FunctionRewrite>> = {
  date_parse: (args, literals) => `strptime(${args[0]}, ${literals[1] === undefined ? args[1] : sqlString(strftimeFormatOfMysql(literals[1]))})`,
  date_format: (args, literals) => `strftime(${args[0]}, ${literals[1] === undefined ? args[1] : sqlString(strftimeFormatOfMysql(literals[1]))})`,
  from_iso8601_timestamp: (args) => `CAST(${args[0]} AS TIMESTAMPTZ)`,
  from_iso8601_date: (args) => `CAST(${args[0]} AS DATE)`,
  to_iso8601: (args) => `strftime(${args[0]}, '%Y-%m-%dT%H:%M:%S.%gZ')`,
  from_unixtime: (args) => `to_timestamp(${args[0]})`,
  // Trino replaces every match; DuckDB only the first without the 'g' flag.
  regexp_replace: (args) => `regexp_replace(${args[0]}, ${args[1]}, ${args[2] ?? "''"}, 'g')`,
  date_add: (args, literals) => `(${args[2]} + ${args[1]} * INTERVAL 1 ${(literals[0] ?? "day").toUpperCase()})`,
  date: (args) => `CAST(${args[0]} AS DATE)`,
};

function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export type TrinoFunction = { kind: "passthrough" } | { kind: "renamed"; name: string } | { kind: "rewritten"; rewrite: FunctionRewrite };

export function trinoFunction(name: string): TrinoFunction | undefined {
  const rewrite = REWRITTEN[name];
  if (rewrite !== undefined) return { kind: "rewritten", rewrite };
  const renamed = RENAMED[name];
  if (renamed !== undefined) return { kind: "renamed", name: renamed };
  return PASSTHROUGH.includes(name) ? { kind: "passthrough" } : undefined;
}

/** Words followed by `(` that are not function calls. */
export const NOT_FUNCTIONS = new Set([
  "select", "from", "where", "in", "exists", "as", "and", "or", "not", "on", "using", "values", "over", "filter", "within", "group", "by", "order",
  "join", "with", "union", "all", "when", "then", "else", "case", "is", "between", "like", "array", "row", "interval", "distinct", "partition",
  "table", "lateral", "any", "some", "except", "intersect", "having", "limit", "decimal", "varchar", "char", "timestamp", "time", "struct", "ordinality",
  "rows", "range", "cube", "rollup", "grouping", "sets", "tablesample", "bernoulli", "system", "returning", "into",
]);
