import type { LiteralValue } from "../analyze/Bound";
import type { TrinoType } from "../types/TrinoType";
import { Bindings, type Constraint, parsePattern, type TypePattern } from "./TypePattern";

/** An argument as a function's generator sees it: already coerced to its parameter's type. */
export interface Argument {
  readonly sql: string;
  readonly type: TrinoType;
  /** The value when the argument is a literal (after coercion, for strings and numbers). */
  readonly literal?: { readonly value: LiteralValue };
  /** A lambda argument: its DuckDB parameter names and body (`sql` is then `lambda p: body`). */
  readonly lambda?: { readonly parameters: readonly string[]; readonly body: string };
}

export interface CallShape {
  readonly distinct: boolean;
  /** DuckDB SQL of the FILTER condition. */
  readonly filter?: string;
  /** DuckDB SQL of an ORDER BY inside the call (`array_agg(x ORDER BY y)`). */
  readonly orderBy?: string;
  /** The function is called with OVER: a window function or an aggregate over a window. */
  readonly window: boolean;
  /** For an aggregate called with OVER: the window (`(PARTITION BY ...)`), written right after the aggregate's call. */
  readonly over?: string;
  readonly returnType: TrinoType;
  /** Argument count, for variadic functions. */
  readonly argumentCount: number;
  /** Inside TRY(...): a failure answers NULL instead of an error. */
  readonly safe: boolean;
}

export type Generate = (args: readonly Argument[], shape: CallShape) => string;

export type ReturnType = TypePattern | ((args: readonly TrinoType[], bindings: Bindings) => TrinoType);

export interface FunctionSignature {
  readonly name: string;
  readonly kind: "scalar" | "aggregate" | "window";
  readonly parameters: readonly TypePattern[];
  /** The last parameter repeats (`concat(varchar...)`). */
  readonly variadic: boolean;
  readonly constraints: ReadonlyMap<string, Constraint>;
  readonly returns: ReturnType;
  readonly generate: Generate;
  /** As Trino lists it after "Expected:": `round(double, integer)`. */
  readonly display: string;
  readonly deterministic: boolean;
  /** Checks the literal arguments a function needs constant (a format, a path), raising Trino's error. */
  readonly validate?: (args: readonly Argument[]) => void;
}

export interface SignatureOptions {
  readonly variadic?: boolean;
  readonly constraints?: Readonly<Record<string, Constraint>>;
  readonly deterministic?: boolean;
  readonly validate?: (args: readonly Argument[]) => void;
}

export function signature(kind: FunctionSignature["kind"], name: string, parameters: readonly string[], returns: string | ((args: readonly TrinoType[], bindings: Bindings) => TrinoType), generate: Generate, options: SignatureOptions = {}): FunctionSignature {
  const constraints = new Map(Object.entries(options.constraints ?? {}));
  // Every type variable is listed after the parameters, constrained or not (Trino's TypeVariableConstraint.toString):
  // `concat(array(E), E) E`, `max(t) T:orderable`.
  const variables = [...new Set([...parameters, ...(typeof returns === "string" ? [returns] : []), ...constraints.keys()].flatMap((text) => text.match(/\b[A-Z][0-9]?\b/g) ?? []))];
  const constraintText = variables.map((variable) => { const constraint = constraints.get(variable) ?? "any"; return constraint === "any" ? variable : `${variable}:${constraint}`; }).join(", ");
  const display = `${name}(${parameters.join(", ")})${constraintText === "" ? "" : ` ${constraintText}`}`;
  return {
    name,
    kind,
    parameters: parameters.map(parsePattern),
    variadic: options.variadic === true,
    constraints,
    returns: typeof returns === "string" ? parsePattern(returns) : returns,
    generate,
    display,
    deterministic: options.deterministic ?? true,
    ...(options.validate === undefined ? {} : { validate: options.validate }),
  };
}

export { Bindings };
