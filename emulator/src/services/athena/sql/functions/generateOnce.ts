import { bind } from "./define";
import type { Argument, CallShape, FunctionSignature } from "./FunctionSignature";

/** Shorter arguments (a column, a literal, a small expression) are cheap to repeat. */
const LONG_ARGUMENT = 100;
const MARKER = '"__trino_argument_';

/**
 * A scalar's DuckDB SQL with each long argument written once: many generators repeat an argument (`CASE WHEN x = m
 * THEN fail ELSE abs(x) END`), so nesting such calls doubled the SQL per level (24 nested abs() passed V8's string
 * limit). An argument the SQL uses more than once is bound once by a one-element list_transform; the result is the same.
 */
export function generateOnce(signature: FunctionSignature, args: readonly Argument[], shape: CallShape): string {
  const replaceable = (arg: Argument): boolean => arg.lambda === undefined && arg.literal === undefined && arg.sql.length > LONG_ARGUMENT;
  if (signature.kind !== "scalar" || !args.some(replaceable) || args.some((arg) => arg.sql.includes(MARKER))) return signature.generate(args, shape);
  const placeholders = args.map((arg, index) => (replaceable(arg) ? `${MARKER}${index}"` : undefined));
  let sql = signature.generate(
    args.map((arg, index) => (placeholders[index] === undefined ? arg : { ...arg, sql: placeholders[index] })),
    shape,
  );
  const repeated: number[] = [];
  placeholders.forEach((placeholder, index) => {
    if (placeholder === undefined) return;
    const pieces = sql.split(placeholder);
    if (pieces.length > 2) repeated.push(index);
    else sql = pieces.join(args[index]!.sql);
  });
  for (const index of repeated.reverse()) sql = bind(args[index]!.sql, placeholders[index]!, sql);
  return sql;
}
