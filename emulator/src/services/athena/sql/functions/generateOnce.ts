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
  const replaceable = (arg: Argument): boolean => arg.lambda === undefined && arg.sql.length > LONG_ARGUMENT;
  // A placeholder is found by its text, so no argument left in place may hold that text.
  if (signature.kind !== "scalar" || !args.some(replaceable) || args.some((arg) => !replaceable(arg) && arg.sql.includes(MARKER))) return signature.generate(args, shape);
  const placeholders = args.map((arg, index) => (replaceable(arg) ? `${MARKER}${index}"` : undefined));
  const generated = signature.generate(
    args.map((arg, index) => (placeholders[index] === undefined ? arg : { ...arg, sql: placeholders[index] })),
    shape,
  );
  const uses = placeholders.map((placeholder) => (placeholder === undefined ? 0 : generated.split(placeholder).length - 1));
  // One pass, so that an argument written in is never searched for another's placeholder.
  let sql = generated.replace(/"__trino_argument_(\d+)"/g, (placeholder, index: string) => (uses[Number(index)]! > 1 ? placeholder : args[Number(index)]!.sql));
  for (let index = args.length - 1; index >= 0; index--) if (uses[index]! > 1) sql = bind(args[index]!.sql, placeholders[index]!, sql);
  return sql;
}
