import { fail, scalar } from "./define";
import type { Argument, FunctionSignature } from "./FunctionSignature";

/**
 * Trino's JSON functions (https://trino.io/docs/current/functions/json.html; io.trino.operator.scalar.JsonFunctions).
 * A JSON value is its text; invalid JSON text gives NULL, as Trino's functions answer.
 */

/** A JSON value text that is valid JSON, else NULL (Trino's JSON functions answer NULL for invalid JSON text). */
function validJson(sql: string, type: Argument["type"]): string {
  return type.kind === "json" ? sql : `CASE WHEN json_valid(${sql}) THEN CAST(${sql} AS JSON) END`;
}

export const JSON_FUNCTIONS: readonly FunctionSignature[] = [
  scalar("json_parse", ["varchar(x)"], "json", (args, shape) => `CASE WHEN ${args[0]!.sql} IS NULL THEN NULL WHEN json_valid(${args[0]!.sql}) THEN json(${args[0]!.sql}) ELSE ${fail(shape, "INVALID_FUNCTION_ARGUMENT", `'Cannot convert value to JSON: ''' || ${args[0]!.sql} || ''''`)} END`),
  scalar("json_format", ["json"], "varchar", (args) => `CAST(${args[0]!.sql} AS VARCHAR)`),
  ...["varchar(x)", "json"].flatMap((kind) => [
    scalar("json_extract", [kind, "varchar(y)"], "json", (args) => `json_extract(${validJson(args[0]!.sql, args[0]!.type)}, ${args[1]!.sql})`),
    scalar("json_extract_scalar", [kind, "varchar(y)"], "varchar", (args) => {
      const value = `json_extract(${validJson(args[0]!.sql, args[0]!.type)}, ${args[1]!.sql})`;
      return `CASE WHEN json_type(${value}) IN ('OBJECT', 'ARRAY', 'NULL') THEN NULL ELSE json_extract_string(${value}, '$') END`;
    }),
    scalar("json_array_length", [kind], "bigint", (args) => `CASE WHEN json_type(${validJson(args[0]!.sql, args[0]!.type)}) = 'ARRAY' THEN CAST(json_array_length(${validJson(args[0]!.sql, args[0]!.type)}) AS BIGINT) END`),
    scalar("json_size", [kind, "varchar(y)"], "bigint", (args) => {
      const value = `json_extract(${validJson(args[0]!.sql, args[0]!.type)}, ${args[1]!.sql})`;
      return `CASE WHEN json_type(${value}) = 'ARRAY' THEN CAST(json_array_length(${value}) AS BIGINT) WHEN json_type(${value}) = 'OBJECT' THEN CAST(len(json_keys(${value})) AS BIGINT) WHEN ${value} IS NULL THEN NULL ELSE 0 END`;
    }),
    scalar("json_array_contains", [kind, "T"], "boolean", (args) => `list_contains(CAST(json_extract(${validJson(args[0]!.sql, args[0]!.type)}, '$[*]') AS VARCHAR[]), CAST(to_json(${args[1]!.sql}) AS VARCHAR))`),
    // JsonFunctions.jsonArrayGet: 0-based, negative from the end; a scalar element is its bare text (a string
    // unquoted, the documented "broken" semantics), an array or object its compact JSON, JSON null NULL.
    scalar("json_array_get", [kind, "bigint"], "json", (args) => {
      const value = validJson(args[0]!.sql, args[0]!.type);
      const path = `CASE WHEN ${args[1]!.sql} < 0 THEN '$[#' || ${args[1]!.sql} || ']' ELSE '$[' || ${args[1]!.sql} || ']' END`;
      const element = `json_extract(${value}, ${path})`;
      return `CASE WHEN json_type(${value}) <> 'ARRAY' THEN NULL WHEN json_type(${element}) IN ('OBJECT', 'ARRAY') THEN CAST(${element} AS VARCHAR) ELSE json_extract_string(${value}, ${path}) END`;
    }),
    scalar("is_json_scalar", [kind], "boolean", (args) => `json_type(${validJson(args[0]!.sql, args[0]!.type)}) NOT IN ('OBJECT', 'ARRAY')`),
  ]),
];
