import type { Query, WindowSpecification } from "../ast";
import type { TrinoType } from "../types/TrinoType";
import type { Scope } from "./Scope";

/** A subquery analysed for use inside an expression: its SQL and its columns. */
export interface SubqueryResult {
  readonly sql: string;
  readonly columns: readonly { readonly name?: string; readonly type: TrinoType }[];
  /** Whether it reads columns of the enclosing query (a correlated subquery). */
  readonly correlated: boolean;
}

export interface Session {
  /** QueryExecutionContext.Database. */
  readonly schema: string;
  readonly catalog: string;
  readonly user: string;
}

/** Where an expression is analysed: what it can see and what it may contain. */
export interface ExpressionContext {
  readonly scope: Scope;
  /** Lambda parameters in scope, innermost last: name (lower-case) -> type and SQL. */
  readonly lambdas: ReadonlyMap<string, { readonly type: TrinoType; readonly sql: string }>;
  /**
   * Undefined where aggregates, window functions and grouping() may appear; else the clause that forbids them
   * (`WHERE clause`, `GROUP BY clause`, `JOIN clause`), for EXPRESSION_NOT_SCALAR.
   */
  readonly forbidAggregates?: string;
  /** Inside an aggregate's arguments: the aggregate's name, for NESTED_AGGREGATION. */
  readonly insideAggregate?: string;
  /** Inside a window function's arguments or window: windows may not nest. */
  readonly insideWindow: boolean;
  /** `WINDOW w AS (...)` definitions of the query specification. */
  readonly windows: ReadonlyMap<string, WindowSpecification>;
  /** Inside TRY(...): failures become NULL instead of errors. */
  readonly safe: boolean;
  readonly analyzeSubquery: (query: Query, scope: ExpressionContext["scope"]) => SubqueryResult;
  readonly session: Session;
}
