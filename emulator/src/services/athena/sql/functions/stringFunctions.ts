import { QueryError } from "../../errors/athenaErrors";
import { MAX_ROW_BYTES } from "../../scan/rowSizeLimit";
import { bind, call, fail, scalar } from "./define";
import { formatSql, validateFormat } from "./formatFunction";
import type { Argument, FunctionSignature } from "./FunctionSignature";

/**
 * Trino's string functions (https://trino.io/docs/current/functions/string.html; io.trino.operator.scalar.
 * StringFunctions). Positions are 1-based and count code points; a NULL argument gives NULL.
 */

/** Java's Character.isWhitespace, which Trino's trim, ltrim and rtrim remove. */
const WHITESPACE = "[\\t\\n\\x{0B}\\f\\r\\x{1C}-\\x{20}\\x{1680}\\x{2000}-\\x{2006}\\x{2008}-\\x{200A}\\x{2028}\\x{2029}\\x{205F}\\x{3000}]";

function literalString(argument: Argument | undefined): string | undefined {
  const value = argument?.literal?.value;
  return typeof value === "string" ? value : undefined;
}

/** Trino's substr: a start of 0 or a length of 0 or less is the empty string; a negative start counts from the end. */
function substr(s: string, start: string, length?: string): string {
  const len = length ?? `length(${s})`;
  return `CASE WHEN ${s} IS NULL OR ${start} IS NULL OR ${len} IS NULL THEN NULL WHEN ${start} = 0 OR ${len} <= 0 OR (${start} < 0 AND -${start} > length(${s})) OR ${start} > length(${s}) THEN '' ELSE substring(${s}, ${start}, ${len}) END`;
}

export const STRING_FUNCTIONS: readonly FunctionSignature[] = [
  scalar("length", ["varchar(x)"], "bigint", (args) => `CAST(length(${args[0]!.sql}) AS BIGINT)`),
  scalar("lower", ["varchar(x)"], "varchar(x)", call("lower")),
  scalar("upper", ["varchar(x)"], "varchar(x)", call("upper")),
  scalar("reverse", ["varchar(x)"], "varchar(x)", call("reverse")),
  scalar("trim", ["varchar(x)"], "varchar(x)", (args) => `regexp_replace(${args[0]!.sql}, '^${WHITESPACE}+|${WHITESPACE}+$', '', 'g')`),
  scalar("ltrim", ["varchar(x)"], "varchar(x)", (args) => `regexp_replace(${args[0]!.sql}, '^${WHITESPACE}+', '')`),
  scalar("rtrim", ["varchar(x)"], "varchar(x)", (args) => `regexp_replace(${args[0]!.sql}, '${WHITESPACE}+$', '')`),
  scalar("trim", ["varchar(x)", "varchar(y)"], "varchar(x)", call("trim")),
  scalar("ltrim", ["varchar(x)", "varchar(y)"], "varchar(x)", call("ltrim")),
  scalar("rtrim", ["varchar(x)", "varchar(y)"], "varchar(x)", call("rtrim")),
  scalar("replace", ["varchar(x)", "varchar(y)"], "varchar(x)", (args) => `replace(${args[0]!.sql}, ${args[1]!.sql}, '')`),
  scalar("replace", ["varchar(x)", "varchar(y)", "varchar(z)"], "varchar", call("replace")),
  scalar("substr", ["varchar(x)", "bigint"], "varchar(x)", (args) => substr(args[0]!.sql, args[1]!.sql)),
  scalar("substr", ["varchar(x)", "bigint", "bigint"], "varchar(x)", (args) => substr(args[0]!.sql, args[1]!.sql, args[2]!.sql)),
  scalar("substring", ["varchar(x)", "bigint"], "varchar(x)", (args) => substr(args[0]!.sql, args[1]!.sql)),
  scalar("substring", ["varchar(x)", "bigint", "bigint"], "varchar(x)", (args) => substr(args[0]!.sql, args[1]!.sql, args[2]!.sql)),
  scalar("strpos", ["varchar(x)", "varchar(y)"], "bigint", (args) => `CAST(strpos(${args[0]!.sql}, ${args[1]!.sql}) AS BIGINT)`),
  scalar("strpos", ["varchar(x)", "varchar(y)", "bigint"], "bigint", (args, shape) =>
    `CASE WHEN ${args[2]!.sql} = 0 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'''instance'' must be a positive or negative number.'")} WHEN ${args[1]!.sql} = '' THEN 1 ELSE CAST(coalesce(list_extract(list_filter(range(1, length(${args[0]!.sql}) + 2), "i" -> substring(${args[0]!.sql}, "i", length(${args[1]!.sql})) = ${args[1]!.sql}), ${args[2]!.sql}), 0) AS BIGINT) END`,
  ),
  scalar("starts_with", ["varchar(x)", "varchar(y)"], "boolean", call("starts_with")),
  scalar("concat", ["char(x)", "char(y)"], (args) => ({ kind: "char", length: args.reduce((sum, arg) => sum + (arg.kind === "char" ? arg.length : 0), 0) }), (args) => `(${args[0]!.sql} || ${args[1]!.sql})`),
  scalar("concat", ["array(E)", "E"], "array(E)", (args) => `list_append(${args[0]!.sql}, ${args[1]!.sql})`),
  scalar("concat", ["E", "array(E)"], "array(E)", (args) => `list_prepend(${args[0]!.sql}, ${args[1]!.sql})`),
  scalar("concat", ["array(E)"], "array(E)", (args) => (args.length === 1 ? args[0]!.sql : `list_concat(${args.map((arg) => arg.sql).join(", ")})`), { variadic: true }),
  scalar("concat", ["varchar"], "varchar", (args) => `(${args.map((arg) => arg.sql).join(" || ")})`, {
    variadic: true,
    validate: (args) => {
      if (args.length < 2) throw new QueryError("INVALID_FUNCTION_ARGUMENT", "There must be two or more concatenation arguments");
    },
  }),
  scalar("concat", ["varbinary"], "varbinary", (args) => `(${args.map((arg) => arg.sql).join(" || ")})`, { variadic: true }),
  scalar("concat_ws", ["varchar", "varchar"], "varchar", (args) => `CASE WHEN ${args[0]!.sql} IS NULL THEN NULL ELSE concat_ws(${args.map((arg) => arg.sql).join(", ")}) END`, { variadic: true }),
  scalar("concat_ws", ["varchar", "array(varchar)"], "varchar", (args) => `CASE WHEN ${args[0]!.sql} IS NULL THEN NULL ELSE array_to_string(list_filter(${args[1]!.sql}, "v" -> "v" IS NOT NULL), ${args[0]!.sql}) END`),
  ...["lpad", "rpad"].map((name) =>
    scalar(name, ["varchar(x)", "bigint", "varchar(y)"], "varchar", (args, shape) =>
      `CASE WHEN ${args[1]!.sql} < 0 OR ${args[1]!.sql} > 2147483647 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'Target length must be in the range [0..2147483647]'")} WHEN ${args[1]!.sql} > ${MAX_ROW_BYTES} THEN ${fail(shape, "NOT_SUPPORTED", `'${name} to ' || ${args[1]!.sql} || ' characters: values over 32 MB (Athena''s row and column size limit) are not supported by the gpu-stream emulator'`)} WHEN ${args[2]!.sql} = '' THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'Padding string must not be empty'")} ELSE ${name}(${args[0]!.sql}, CAST(${args[1]!.sql} AS INTEGER), ${args[2]!.sql}) END`,
    ),
  ),
  scalar("split", ["varchar(x)", "varchar(y)"], "array(varchar(x))", (args, shape) => `CASE WHEN ${args[1]!.sql} = '' THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'The delimiter may not be the empty string'")} ELSE string_split(${args[0]!.sql}, ${args[1]!.sql}) END`),
  scalar("split", ["varchar(x)", "varchar(y)", "bigint"], "array(varchar(x))", (args, shape) =>
    `CASE WHEN ${args[1]!.sql} = '' THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'The delimiter may not be the empty string'")} WHEN ${args[2]!.sql} <= 0 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'Limit must be positive'")} WHEN len(string_split(${args[0]!.sql}, ${args[1]!.sql})) <= ${args[2]!.sql} THEN string_split(${args[0]!.sql}, ${args[1]!.sql}) ELSE list_append(list_slice(string_split(${args[0]!.sql}, ${args[1]!.sql}), 1, ${args[2]!.sql} - 1), array_to_string(list_slice(string_split(${args[0]!.sql}, ${args[1]!.sql}), ${args[2]!.sql}, len(string_split(${args[0]!.sql}, ${args[1]!.sql}))), ${args[1]!.sql})) END`,
  ),
  scalar("split_part", ["varchar(x)", "varchar(y)", "bigint"], "varchar(x)", (args, shape) =>
    `CASE WHEN ${args[2]!.sql} <= 0 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'Index must be greater than zero'")} WHEN ${args[1]!.sql} = '' THEN (CASE WHEN ${args[2]!.sql} = 1 THEN ${args[0]!.sql} END) WHEN len(string_split(${args[0]!.sql}, ${args[1]!.sql})) < ${args[2]!.sql} THEN NULL ELSE string_split(${args[0]!.sql}, ${args[1]!.sql})[${args[2]!.sql}] END`,
  ),
  scalar("split_to_map", ["varchar", "varchar", "varchar"], "map(varchar,varchar)", (args) => `map_from_entries(list_transform(string_split(${args[0]!.sql}, ${args[1]!.sql}), "e" -> struct_pack("key" := split_part("e", ${args[2]!.sql}, 1), "value" := split_part("e", ${args[2]!.sql}, 2))))`),
  scalar("chr", ["bigint"], "varchar(1)", (args, shape) =>
    `CASE WHEN ${args[0]!.sql} < 0 OR ${args[0]!.sql} > 1114111 OR ${args[0]!.sql} BETWEEN 55296 AND 57343 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", `'Not a valid Unicode code point: ' || ${args[0]!.sql}`)} ELSE chr(CAST(${args[0]!.sql} AS INTEGER)) END`,
  ),
  scalar("codepoint", ["varchar(1)"], "integer", (args, shape) => `CASE WHEN length(${args[0]!.sql}) <> 1 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'Input string must be a single character string'")} ELSE CAST(unicode(${args[0]!.sql}) AS INTEGER) END`),
  // Apache Commons Codec's Soundex.US_ENGLISH, which Trino calls: letters only, H and W ignored, vowels break runs.
  scalar("soundex", ["varchar"], "varchar(4)", (args, shape) =>
    `CASE WHEN ${args[0]!.sql} IS NOT NULL AND trino_soundex(${args[0]!.sql}) IS NULL THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", `'The character is not mapped: ' || regexp_extract(upper(regexp_replace(${args[0]!.sql}, '[^\\p{L}]', '', 'g')), '[^A-Z]')`)} ELSE trino_soundex(${args[0]!.sql}) END`,
  ),
  scalar("split_to_multimap", ["varchar", "varchar", "varchar"], "map(varchar,array(varchar))", (args, shape) =>
    `CASE WHEN ${args[1]!.sql} = '' THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'entryDelimiter is empty'")} WHEN ${args[2]!.sql} = '' THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'keyValueDelimiter is empty'")} WHEN ${args[1]!.sql} = ${args[2]!.sql} THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'entryDelimiter and keyValueDelimiter must not be the same'")} ELSE ${bind(`list_filter(string_split(${args[0]!.sql}, ${args[1]!.sql}), lambda "e": "e" <> '')`, '"entries"', `CASE WHEN list_bool_or(list_transform("entries", lambda "e": strpos("e", ${args[2]!.sql}) = 0)) THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", `'Key-value delimiter must appear exactly once in each entry. Bad input: ''' || list_filter("entries", lambda "e": strpos("e", ${args[2]!.sql}) = 0)[1] || ''''`)} ELSE trino_split_to_multimap("entries", ${args[2]!.sql}) END`)} END`,
  ),
  scalar("format_number", ["bigint"], "varchar", call("trino_format_number")),
  scalar("format_number", ["double"], "varchar", (args) => `trino_format_number(CAST(trunc(${args[0]!.sql}) AS BIGINT))`),
  // DataSizeFunctions.parseDataSize: digits and points, then a unit of powers of 1024; the bytes truncated.
  scalar("parse_data_size", ["varchar(x)"], "decimal(38,0)", (args, shape) => {
    const s = args[0]!.sql;
    const parts = `regexp_extract(${s}, '^([0-9]*)(?:\\.([0-9]*))?(B|kB|MB|GB|TB|PB|EB|ZB|YB)$', ['i', 'f', 'unit'])`;
    return `CASE WHEN ${s} IS NULL THEN NULL WHEN NOT regexp_full_match(${s}, '([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(B|kB|MB|GB|TB|PB|EB|ZB|YB)') THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", `'Invalid data size: ''' || ${s} || ''''`)} ELSE trino_data_size(${parts}) END`;
  }),
  scalar("levenshtein_distance", ["varchar(x)", "varchar(y)"], "bigint", (args) => `CAST(levenshtein(${args[0]!.sql}, ${args[1]!.sql}) AS BIGINT)`),
  scalar("hamming_distance", ["varchar(x)", "varchar(y)"], "bigint", (args, shape) => `CASE WHEN length(${args[0]!.sql}) <> length(${args[1]!.sql}) THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'The input strings to hamming_distance function must have the same length'")} ELSE CAST(hamming(${args[0]!.sql}, ${args[1]!.sql}) AS BIGINT) END`),
  scalar("translate", ["varchar(x)", "varchar(y)", "varchar(z)"], "varchar", call("translate")),
  scalar("format", ["varchar", "T"], "varchar", formatSql, { variadic: true, constraints: { T: "row" }, validate: validateFormat }),
  scalar("normalize", ["varchar(x)"], "varchar", call("nfc_normalize")),
  scalar("normalize", ["varchar(x)", "varchar(y)"], "varchar", (args, shape) => {
    const form = literalString(args[1])?.toUpperCase();
    if (form === "NFC") return `nfc_normalize(${args[0]!.sql})`;
    return fail(shape, "NOT_SUPPORTED", `'normalize ' || ${args[1]!.sql} || ' is not supported by the gpu-stream emulator (NFC is)'`);
  }),
  scalar("to_utf8", ["varchar(x)"], "varbinary", call("encode")),
  // Invalid UTF-8 is replaced (SliceUtf8.fixInvalidUtf8); here a blob that is not UTF-8 has each non-ASCII byte replaced.
  scalar("from_utf8", ["varbinary"], "varchar", (args) => `trino_from_utf8(${args[0]!.sql}, chr(65533))`),
  scalar("from_utf8", ["varbinary", "varchar(x)"], "varchar", (args, shape) =>
    `CASE WHEN length(${args[1]!.sql}) > 1 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'Replacement character string must empty or a single character'")} ELSE trino_from_utf8(${args[0]!.sql}, ${args[1]!.sql}) END`,
  ),
  scalar("from_utf8", ["varbinary", "bigint"], "varchar", (args, shape) =>
    `CASE WHEN ${args[1]!.sql} < 0 OR ${args[1]!.sql} > 1114111 OR ${args[1]!.sql} BETWEEN 55296 AND 57343 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'Invalid replacement character'")} ELSE trino_from_utf8(${args[0]!.sql}, chr(CAST(${args[1]!.sql} AS INTEGER))) END`,
  ),
  scalar("luhn_check", ["varchar(x)"], "boolean", (args) =>
    `CASE WHEN NOT regexp_full_match(${args[0]!.sql}, '[0-9]+') THEN NULL ELSE list_sum(list_transform(range(1, length(${args[0]!.sql}) + 1), "i" -> CASE WHEN "i" % 2 = 0 THEN (CASE WHEN CAST(${args[0]!.sql}[length(${args[0]!.sql}) - "i" + 1] AS INTEGER) * 2 > 9 THEN CAST(${args[0]!.sql}[length(${args[0]!.sql}) - "i" + 1] AS INTEGER) * 2 - 9 ELSE CAST(${args[0]!.sql}[length(${args[0]!.sql}) - "i" + 1] AS INTEGER) * 2 END) ELSE CAST(${args[0]!.sql}[length(${args[0]!.sql}) - "i" + 1] AS INTEGER) END)) % 10 = 0 END`,
  ),
];
