import { canCoerce } from "../types/coercion";
import { signatureText, type TrinoType } from "../types/TrinoType";
import { Bindings, type FunctionSignature } from "./FunctionSignature";
import { bindPattern, resolvePattern, type TypePattern } from "./TypePattern";

export interface ResolvedFunction {
  readonly signature: FunctionSignature;
  /** The type each argument is coerced to before the call. */
  readonly parameterTypes: readonly TrinoType[];
  readonly returnType: TrinoType;
  /** For each lambda argument, the types of its parameters. */
  readonly lambdaParameters: ReadonlyMap<number, readonly TrinoType[]>;
}

/** Analyses a lambda argument once its parameter types are known; answers its body's type. */
export type LambdaTyper = (argumentIndex: number, parameterTypes: readonly TrinoType[]) => TrinoType | undefined;

export class FunctionResolutionError extends Error {
  constructor(
    readonly errorName: "FUNCTION_NOT_FOUND",
    message: string,
  ) {
    super(message);
  }
}

function patternAt(signature: FunctionSignature, index: number): TypePattern {
  return signature.parameters[Math.min(index, signature.parameters.length - 1)]!;
}

function arityMatches(signature: FunctionSignature, count: number): boolean {
  if (signature.variadic) return count >= signature.parameters.length;
  return count === signature.parameters.length;
}

/** A variable with Trino's variadic bound `row` takes each argument as it is. */
function takesAnyType(signature: FunctionSignature, pattern: TypePattern): boolean {
  return pattern.kind === "variable" && signature.constraints.get(pattern.name) === "row";
}

function tryBind(signature: FunctionSignature, argumentTypes: readonly TrinoType[], coerce: boolean, typeLambda: LambdaTyper): ResolvedFunction | undefined {
  if (!arityMatches(signature, argumentTypes.length)) return undefined;
  const bindings = new Bindings(signature.constraints);
  const lambdas: number[] = [];
  for (const [index, actual] of argumentTypes.entries()) {
    const pattern = patternAt(signature, index);
    if (takesAnyType(signature, pattern)) {
      if (actual.kind === "function") return undefined;
      continue;
    }
    if (pattern.kind === "function") {
      if (actual.kind !== "function") return undefined;
      lambdas.push(index);
      continue;
    }
    if (actual.kind === "function") return undefined;
    if (!bindPattern(pattern, actual, bindings, coerce)) return undefined;
  }
  const lambdaParameters = new Map<number, readonly TrinoType[]>();
  for (const index of lambdas) {
    const pattern = patternAt(signature, index) as Extract<TypePattern, { kind: "function" }>;
    const parameterTypes = pattern.parameters.map((parameter) => resolvePattern(parameter, bindings));
    if (parameterTypes.some((type) => type === undefined)) return undefined;
    const bodyType = typeLambda(index, parameterTypes as TrinoType[]);
    if (bodyType === undefined || !bindPattern(pattern.result, bodyType, bindings, coerce)) return undefined;
    lambdaParameters.set(index, parameterTypes as TrinoType[]);
  }
  const parameterTypes: TrinoType[] = [];
  for (const [index, actual] of argumentTypes.entries()) {
    const pattern = patternAt(signature, index);
    if (pattern.kind === "function" || takesAnyType(signature, pattern)) {
      parameterTypes.push(actual);
      continue;
    }
    const resolved = resolvePattern(pattern, bindings) ?? actual;
    if (coerce && !canCoerce(actual, resolved) && resolved.kind !== "varchar") return undefined;
    parameterTypes.push(resolved);
  }
  const returns = signature.returns;
  const returnType = typeof returns === "function" ? returns(parameterTypes, bindings) : resolvePattern(returns, bindings);
  if (returnType === undefined) return undefined;
  return { signature, parameterTypes, returnType, lambdaParameters };
}

/** Is `a` at least as specific as `b`: each of its parameter types coerces to b's. */
function moreSpecific(a: ResolvedFunction, b: ResolvedFunction): boolean {
  return a.parameterTypes.every((type, index) => canCoerce(type, b.parameterTypes[index]!));
}

/**
 * Picks the signature a call binds to, as Trino's FunctionResolver does: an exact match first, then the most
 * specific of those that match with implicit coercions (so an integer argument picks `bigint` over `double`).
 * Fails as Trino fails: `Unexpected parameters (varchar(3), integer) for function concat. Expected: ...`.
 */
export function resolveFunction(name: string, candidates: readonly FunctionSignature[], argumentTypes: readonly TrinoType[], typeLambda: LambdaTyper): ResolvedFunction {
  for (const coerce of [false, true]) {
    const matches = candidates.map((candidate) => tryBind(candidate, argumentTypes, coerce, typeLambda)).filter((match): match is ResolvedFunction => match !== undefined);
    if (matches.length === 0) continue;
    const best = matches.filter((match) => matches.every((other) => other === match || moreSpecific(match, other) || !moreSpecific(other, match)));
    return best[0] ?? matches[0]!;
  }
  const actual = argumentTypes.map((type) => (type.kind === "function" ? "<function>" : signatureText(type))).join(", ");
  // Sorted, as current Trino and Athena print the list (observed: "Expected: concat(E, array(E)) E, concat(array(E)) E,
  // concat(array(E), E) E, concat(char(x), char(y)), concat(varbinary), concat(varchar)").
  const expected = candidates
    .map((candidate) => candidate.display)
    .sort()
    .join(", ");
  throw new FunctionResolutionError("FUNCTION_NOT_FOUND", `Unexpected parameters (${actual}) for function ${name}. Expected: ${expected}`);
}
