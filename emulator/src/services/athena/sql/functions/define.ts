import { failSql } from "../analyze/sqlText";
import { type Argument, type CallShape, type FunctionSignature, type Generate, type SignatureOptions, signature } from "./FunctionSignature";
import type { Bindings } from "./TypePattern";
import { duckType, type TrinoType } from "../types/TrinoType";

/** Shorthands the function catalog is written in: one line per Trino signature. */

type Returns = string | ((args: readonly TrinoType[], bindings: Bindings) => TrinoType);

export function scalar(name: string, parameters: readonly string[], returns: Returns, generate: Generate, options?: SignatureOptions): FunctionSignature {
  return signature("scalar", name, parameters, returns, generate, options);
}

export function aggregate(name: string, parameters: readonly string[], returns: Returns, generate: Generate, options?: SignatureOptions): FunctionSignature {
  return signature("aggregate", name, parameters, returns, generate, options);
}

export function windowFunction(name: string, parameters: readonly string[], returns: Returns, generate: Generate, options?: SignatureOptions): FunctionSignature {
  return signature("window", name, parameters, returns, generate, options);
}

/** `duck(a, b)`. */
export function call(duckName: string): Generate {
  return (args) => `${duckName}(${args.map((arg) => arg.sql).join(", ")})`;
}

/** `duck(DISTINCT a ORDER BY ...) FILTER (WHERE ...)`, the shape an aggregate call takes. */
export function aggregateSql(duckName: string, args: readonly string[], shape: CallShape): string {
  const orderBy = shape.orderBy === undefined ? "" : ` ORDER BY ${shape.orderBy}`;
  const filter = shape.filter === undefined ? "" : ` FILTER (WHERE ${shape.filter})`;
  const over = shape.over === undefined ? "" : ` OVER ${shape.over}`;
  return `${duckName}(${shape.distinct ? "DISTINCT " : ""}${args.join(", ")}${orderBy})${filter}${over}`;
}

/** An aggregate whose DuckDB result is cast to the Trino result type's representation (sum of integers is HUGEINT in DuckDB). */
export function aggregateCall(duckName: string): Generate {
  return (args, shape) => `CAST(${aggregateSql(duckName, args.map((arg) => arg.sql), shape)} AS ${duckType(shape.returnType)})`;
}

/** A runtime failure as Athena reports it, or NULL inside TRY. */
export function fail(shape: CallShape, errorName: string, messageSql: string): string {
  return failSql(shape.safe, errorName, messageSql);
}

export function sqls(args: readonly Argument[]): string[] {
  return args.map((arg) => arg.sql);
}

/**
 * A lambda applied to values, in DuckDB SQL: each parameter is bound by a one-element list_transform, so the
 * lambda's own SQL is used as generated, never rewritten.
 */
export function applyLambda(lambda: Argument["lambda"], values: readonly string[]): string {
  if (lambda === undefined) throw new Error("not a lambda argument");
  let sql = lambda.body;
  for (let index = lambda.parameters.length - 1; index >= 0; index--) {
    sql = `list_transform([${values[index]}], lambda ${lambda.parameters[index]}: ${sql})[1]`;
  }
  return sql;
}

/** `body` with `value` bound to `name` (a quoted DuckDB identifier), so that a value used often is computed once. */
export function bind(value: string, name: string, body: string): string {
  return `list_transform([${value}], lambda ${name}: ${body})[1]`;
}

/** The string value of a literal argument. */
export function literalText(argument: Argument | undefined): string | undefined {
  const value = argument?.literal?.value;
  return typeof value === "string" ? value : undefined;
}
