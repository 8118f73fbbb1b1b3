import { canCoerce, commonSuperType, decimalOfIntegral } from "../types/coercion";
import { isComparable, isOrderable, type TrinoType, typesEqual } from "../types/TrinoType";

/**
 * A parameter or return type in a function signature, written as Trino writes signatures: `varchar(x)` (any
 * varchar), `decimal(p,s)`, `timestamp(p)`, `array(T)`, `map(K,V)`, `function(T,U)` (a lambda), or a type
 * variable `T`.
 */
export type TypePattern =
  | { readonly kind: "variable"; readonly name: string }
  /** A type with no free parameters: `bigint`, `double`, `varchar`, `interval day to second`. */
  | { readonly kind: "concrete"; readonly type: TrinoType }
  /** Any type of the base, its parameters bound to the names: `varchar(x)`, `decimal(p,s)`, `timestamp(p) with time zone`. */
  | { readonly kind: "family"; readonly base: "varchar" | "char" | "decimal" | "timestamp" | "time"; readonly withTimeZone: boolean; readonly text: string }
  | { readonly kind: "array"; readonly element: TypePattern }
  | { readonly kind: "map"; readonly key: TypePattern; readonly value: TypePattern }
  /** `row(K,V)`: a row of that many fields, whatever their names. */
  | { readonly kind: "row"; readonly fields: readonly TypePattern[] }
  | { readonly kind: "function"; readonly parameters: readonly TypePattern[]; readonly result: TypePattern };

const CONCRETE: Readonly<Record<string, TrinoType>> = {
  boolean: { kind: "boolean" },
  tinyint: { kind: "tinyint" },
  smallint: { kind: "smallint" },
  integer: { kind: "integer" },
  bigint: { kind: "bigint" },
  real: { kind: "real" },
  double: { kind: "double" },
  date: { kind: "date" },
  varbinary: { kind: "varbinary" },
  json: { kind: "json" },
  uuid: { kind: "uuid" },
  ipaddress: { kind: "ipaddress" },
  unknown: { kind: "unknown" },
  varchar: { kind: "varchar" },
  "interval day to second": { kind: "interval day to second" },
  "interval year to month": { kind: "interval year to month" },
};

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const character of text) {
    if (character === "(") depth++;
    if (character === ")") depth--;
    if (character === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else current += character;
  }
  if (current.trim() !== "") parts.push(current.trim());
  return parts;
}

export function parsePattern(text: string): TypePattern {
  const source = text.trim();
  if (/^[A-Z]\w*$/.test(source)) return { kind: "variable", name: source };
  const concrete = CONCRETE[source];
  if (concrete !== undefined) return { kind: "concrete", type: concrete };
  const family = /^(varchar|char|decimal|timestamp|time)\(([a-z, ]+)\)( with time zone)?$/.exec(source);
  if (family !== null) return { kind: "family", base: family[1] as "varchar", withTimeZone: family[3] !== undefined, text: source };
  const fixedTime = /^(timestamp|time)\((\d+)\)( with time zone)?$/.exec(source);
  if (fixedTime !== null) return { kind: "concrete", type: { kind: fixedTime[1] as "timestamp", precision: Number(fixedTime[2]), withTimeZone: fixedTime[3] !== undefined } };
  const fixedDecimal = /^decimal\((\d+),\s*(\d+)\)$/.exec(source);
  if (fixedDecimal !== null) return { kind: "concrete", type: { kind: "decimal", precision: Number(fixedDecimal[1]), scale: Number(fixedDecimal[2]) } };
  const fixedVarchar = /^varchar\((\d+)\)$/.exec(source);
  if (fixedVarchar !== null) return { kind: "concrete", type: { kind: "varchar", length: Number(fixedVarchar[1]) } };
  const constructed = /^(array|map|row|function)\((.*)\)$/.exec(source);
  if (constructed !== null) {
    const parts = splitTopLevel(constructed[2]!).map(parsePattern);
    if (constructed[1] === "array") return { kind: "array", element: parts[0]! };
    if (constructed[1] === "map") return { kind: "map", key: parts[0]!, value: parts[1]! };
    if (constructed[1] === "row") return { kind: "row", fields: parts };
    return { kind: "function", parameters: parts.slice(0, -1), result: parts[parts.length - 1]! };
  }
  throw new Error(`cannot parse type pattern '${text}'`);
}

/** `row` is Trino's variadic bound: the variable stands for the row of all the arguments from there on, each of its own type (`format(varchar, T) T:row`). */
export type Constraint = "comparable" | "orderable" | "row" | "any";

/** Type variables bound while a call is matched to a signature. */
export class Bindings {
  readonly types = new Map<string, TrinoType>();
  /** Family parameters bound by name (`x` of `varchar(x)`): the matched types, for return types that reuse them. */
  readonly families = new Map<string, TrinoType>();

  constructor(readonly constraints: ReadonlyMap<string, Constraint>) {}

  satisfies(name: string, type: TrinoType): boolean {
    const constraint = this.constraints.get(name) ?? "any";
    if (constraint === "comparable") return isComparable(type);
    if (constraint === "orderable") return isOrderable(type);
    return true;
  }
}

/**
 * Binds the variables of `pattern` from an argument's type. Without coercion the argument must fit as it is;
 * with coercion it may be coerced to the pattern (an integer to `double`, `unknown` to anything).
 */
export function bindPattern(pattern: TypePattern, actual: TrinoType, bindings: Bindings, coerce: boolean): boolean {
  switch (pattern.kind) {
    case "variable": {
      const bound = bindings.types.get(pattern.name);
      if (bound === undefined) {
        if (!bindings.satisfies(pattern.name, actual) && actual.kind !== "unknown") return false;
        bindings.types.set(pattern.name, actual);
        return true;
      }
      if (typesEqual(bound, actual)) return true;
      if (!coerce) return false;
      const common = commonSuperType(bound, actual);
      if (common === undefined || !bindings.satisfies(pattern.name, common)) return false;
      bindings.types.set(pattern.name, common);
      return true;
    }
    case "concrete":
      return typesEqual(pattern.type, actual) || (pattern.type.kind === "varchar" && actual.kind === "varchar") || (coerce && canCoerce(actual, pattern.type));
    case "family": {
      let type = actual;
      if (type.kind === "unknown") {
        type = pattern.base === "decimal" ? { kind: "decimal", precision: 1, scale: 0 } : pattern.base === "varchar" ? { kind: "varchar", length: 0 } : pattern.base === "char" ? { kind: "char", length: 1 } : { kind: pattern.base, precision: 3, withTimeZone: pattern.withTimeZone };
      } else if (coerce && pattern.base === "decimal" && decimalOfIntegral(type) !== undefined) {
        type = decimalOfIntegral(type)!;
      } else if (coerce && pattern.base === "timestamp" && type.kind === "date") {
        type = { kind: "timestamp", precision: 0, withTimeZone: pattern.withTimeZone };
      } else if (coerce && pattern.base === "timestamp" && pattern.withTimeZone && type.kind === "timestamp" && !type.withTimeZone) {
        type = { ...type, withTimeZone: true };
      } else if (coerce && pattern.base === "char" && type.kind === "varchar" && type.length !== undefined) {
        type = { kind: "char", length: type.length };
      }
      if (type.kind !== pattern.base) return false;
      if ((type.kind === "timestamp" || type.kind === "time") && type.withTimeZone !== pattern.withTimeZone) return false;
      bindings.families.set(pattern.text, type);
      return true;
    }
    case "array":
      if (actual.kind === "unknown") return coerce;
      return actual.kind === "array" && bindPattern(pattern.element, actual.element, bindings, coerce);
    case "map":
      if (actual.kind === "unknown") return coerce;
      return actual.kind === "map" && bindPattern(pattern.key, actual.key, bindings, coerce) && bindPattern(pattern.value, actual.value, bindings, coerce);
    case "row":
      if (actual.kind === "unknown") return coerce;
      return actual.kind === "row" && actual.fields.length === pattern.fields.length && pattern.fields.every((field, index) => bindPattern(field, actual.fields[index]!.type, bindings, coerce));
    case "function":
      return actual.kind === "function";
  }
}

/** The concrete type a pattern stands for once bound (`array(T)` with T = integer -> array(integer)). */
export function resolvePattern(pattern: TypePattern, bindings: Bindings): TrinoType | undefined {
  switch (pattern.kind) {
    case "variable":
      return bindings.types.get(pattern.name);
    case "concrete":
      return pattern.type;
    case "family":
      return bindings.families.get(pattern.text);
    case "array": {
      const element = resolvePattern(pattern.element, bindings);
      return element === undefined ? undefined : { kind: "array", element };
    }
    case "map": {
      const key = resolvePattern(pattern.key, bindings);
      const value = resolvePattern(pattern.value, bindings);
      return key === undefined || value === undefined ? undefined : { kind: "map", key, value };
    }
    case "row": {
      const fields = pattern.fields.map((field) => resolvePattern(field, bindings));
      return fields.some((field) => field === undefined) ? undefined : { kind: "row", fields: fields.map((type) => ({ type: type! })) };
    }
    case "function":
      return undefined;
  }
}
