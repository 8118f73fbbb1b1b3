import type { Expression } from "../ast";
import type { TrinoType } from "../types/TrinoType";

/** A literal's value, kept where functions need it at analysis time (a date_parse format, a JSON path). */
export type LiteralValue = string | number | bigint | boolean | null;

/**
 * An analysed expression: its Trino type, the DuckDB SQL that computes it (in the representation duckType() gives
 * that type), and enough of its structure for the checks that follow analysis (grouping, aggregation, constants).
 */
export interface Bound {
  readonly type: TrinoType;
  readonly sql: string;
  readonly node: Expression;
  readonly role: "column" | "outerColumn" | "aggregate" | "window" | "literal" | "expression" | "subquery" | "lambda" | "lambdaVariable" | "grouping";
  readonly children: readonly Bound[];
  /** Set for literals (and expressions Trino folds to one, such as `-1`). */
  readonly literal?: { readonly value: LiteralValue };
  readonly deterministic: boolean;
}

export function containsRole(bound: Bound, role: Bound["role"]): boolean {
  return bound.role === role || bound.children.some((child) => containsRole(child, role));
}

/** The sub-expressions of a role (aggregates, windows), outermost first, not looking inside them. */
export function findRole(bound: Bound, role: Bound["role"]): Bound[] {
  if (bound.role === role) return [bound];
  return bound.children.flatMap((child) => findRole(child, role));
}
