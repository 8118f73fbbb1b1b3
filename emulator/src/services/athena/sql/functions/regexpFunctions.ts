import { QueryError } from "../../errors/athenaErrors";
import { quoteString } from "../analyze/sqlText";
import { applyLambda, bind, call, fail, literalText, scalar } from "./define";
import type { Argument, CallShape, FunctionSignature } from "./FunctionSignature";

/**
 * Trino's regular expression functions (https://trino.io/docs/current/functions/regexp.html;
 * io.trino.operator.scalar.JoniRegexpFunctions). Trino's syntax is Java's (Joni); here it is RE2's, which agrees
 * for the common patterns. Positions count code points from 1.
 */

/** Java's `$1` group references in a replacement, as RE2's `\1`. */
function javaReplacement(replacement: string): string {
  return replacement.replace(/\\\$/g, "\u0000").replace(/\$(\d+)/g, "\\$1").replace(/\u0000/g, "$");
}

function literalGroup(argument: Argument | undefined): string {
  const value = argument?.literal?.value;
  if (typeof value !== "number") throw new QueryError("NOT_SUPPORTED", "the group of regexp_extract must be a literal in the gpu-stream emulator");
  return String(value);
}

/** The capturing groups of a Java pattern: `(` not escaped, not in a class, not `(?:`, `(?=`, `(?<=` ... (named `(?<n>` counts). */
function captureGroups(pattern: string): number {
  let count = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const character = pattern[i]!;
    if (character === "\\") i++;
    else if (inClass) inClass = character !== "]";
    else if (character === "[") inClass = true;
    else if (character === "(" && (pattern[i + 1] !== "?" || (pattern[i + 2] === "<" && !["=", "!"].includes(pattern[i + 3] ?? "")) || pattern[i + 2] === "P")) count++;
  }
  return count;
}

/** The 1-based position of the n-th match of `pattern` at or after `start` (JoniRegexpFunctions.regexpPosition), or -1. */
function regexpPosition(s: string, pattern: string, start: string, occurrence: string, shape: CallShape): string {
  return `CAST(CASE WHEN ${start} < 1 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'start position cannot be smaller than 1'")} WHEN ${occurrence} < 1 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'occurrence cannot be smaller than 1'")} WHEN ${start} > length(${s}) THEN -1 ELSE trino_regexp_position(substring(${s}, ${start}), ${pattern}, ${occurrence}, ${start}) END AS INTEGER)`;
}

export const REGEXP_FUNCTIONS: readonly FunctionSignature[] = [
  scalar("regexp_like", ["varchar(x)", "varchar(y)"], "boolean", call("regexp_matches")),
  scalar("regexp_extract", ["varchar(x)", "varchar(y)"], "varchar(x)", (args) => `CASE WHEN regexp_matches(${args[0]!.sql}, ${args[1]!.sql}) THEN regexp_extract(${args[0]!.sql}, ${args[1]!.sql}) END`),
  scalar("regexp_extract", ["varchar(x)", "varchar(y)", "bigint"], "varchar(x)", (args) => `CASE WHEN regexp_matches(${args[0]!.sql}, ${args[1]!.sql}) THEN nullif(regexp_extract(${args[0]!.sql}, ${args[1]!.sql}, ${literalGroup(args[2])}), '') END`),
  scalar("regexp_extract_all", ["varchar(x)", "varchar(y)"], "array(varchar(x))", (args) => `regexp_extract_all(${args[0]!.sql}, ${args[1]!.sql})`),
  scalar("regexp_extract_all", ["varchar(x)", "varchar(y)", "bigint"], "array(varchar(x))", (args) => `regexp_extract_all(${args[0]!.sql}, ${args[1]!.sql}, ${literalGroup(args[2])})`),
  scalar("regexp_replace", ["varchar(x)", "varchar(y)"], "varchar", (args) => `regexp_replace(${args[0]!.sql}, ${args[1]!.sql}, '', 'g')`),
  scalar("regexp_replace", ["varchar(x)", "varchar(y)", "varchar(z)"], "varchar", (args) => {
    const replacement = literalText(args[2]);
    return `regexp_replace(${args[0]!.sql}, ${args[1]!.sql}, ${replacement === undefined ? args[2]!.sql : quoteString(javaReplacement(replacement))}, 'g')`;
  }),
  // JoniRegexpReplaceLambdaFunction: each match replaced by the lambda of its groups (1-based, without the whole
  // match); a NULL replacement makes the whole result NULL.
  scalar(
    "regexp_replace",
    ["varchar(x)", "varchar(y)", "function(array(varchar),varchar)"],
    "varchar",
    (args) => {
      const [s, pattern] = [args[0]!.sql, args[1]!.sql];
      const groups = Array.from({ length: captureGroups(literalText(args[1]) ?? "") }, (_, index) => `regexp_extract_all(${s}, ${pattern}, ${index + 1})["i"]`);
      const replaced = applyLambda(args[2]!.lambda, [`CAST([${groups.join(", ")}] AS VARCHAR[])`]);
      return `CASE WHEN NOT regexp_matches(${s}, ${pattern}) THEN ${s} ELSE ${bind(`regexp_split_to_array(${s}, ${pattern})`, '"parts"', `"parts"[1] || list_reduce(list_transform(range(1, len("parts")), lambda "i": ${replaced} || "parts"["i" + 1]), lambda "a", "b": "a" || "b", '')`)} END`;
    },
    {
      validate: (args) => {
        if (literalText(args[1]) === undefined) throw new QueryError("NOT_SUPPORTED", "regexp_replace with a lambda takes a literal pattern in the gpu-stream emulator");
      },
    },
  ),
  scalar("regexp_count", ["varchar(x)", "varchar(y)"], "bigint", (args) => `CAST(len(regexp_extract_all(${args[0]!.sql}, ${args[1]!.sql})) AS BIGINT)`),
  scalar("regexp_split", ["varchar(x)", "varchar(y)"], "array(varchar(x))", (args) => `regexp_split_to_array(${args[0]!.sql}, ${args[1]!.sql})`),
  scalar("regexp_position", ["varchar(x)", "varchar(y)"], "integer", (args, shape) => regexpPosition(args[0]!.sql, args[1]!.sql, "1", "1", shape)),
  scalar("regexp_position", ["varchar(x)", "varchar(y)", "integer"], "integer", (args, shape) => regexpPosition(args[0]!.sql, args[1]!.sql, args[2]!.sql, "1", shape)),
  scalar("regexp_position", ["varchar(x)", "varchar(y)", "integer", "integer"], "integer", (args, shape) => regexpPosition(args[0]!.sql, args[1]!.sql, args[2]!.sql, args[3]!.sql, shape)),
];
