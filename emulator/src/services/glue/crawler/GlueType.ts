/** A column type as the crawler infers it, before it is written as Glue's type string. */
export type GlueType =
  | { readonly kind: "null" }
  | { readonly kind: "scalar"; readonly name: string }
  | { readonly kind: "struct"; readonly fields: ReadonlyMap<string, GlueType> }
  | { readonly kind: "array"; readonly element: GlueType }
  | { readonly kind: "map"; readonly key: GlueType; readonly value: GlueType };

export const NULL_TYPE: GlueType = { kind: "null" };
export const scalar = (name: string): GlueType => ({ kind: "scalar", name });
export const STRING = scalar("string");

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/**
 * A JSON integer: `int` when it fits in 32 bits, as the Glue developer guide shows `{"A": 1, "B": 2}` crawled
 * to `A:int, B:int` (https://docs.aws.amazon.com/glue/latest/dg/crawler-grouping-policy.html); `bigint` when
 * larger is the emulator's choice (Glue documents no JSON example beyond 32 bits). CSV integers are always
 * `bigint`: see `typeOfCsvCell`.
 */
export function integerType(text: string): GlueType {
  const value = Number(text);
  return value >= INT_MIN && value <= INT_MAX ? scalar("int") : scalar("bigint");
}

/** A JSON value's type as Glue's JSON classifier infers it: strings stay strings (no timestamp guessing). */
export function typeOfJsonValue(value: unknown): GlueType {
  if (value === null || value === undefined) {
    return NULL_TYPE;
  }
  switch (typeof value) {
    case "string":
      return STRING;
    case "boolean":
      return scalar("boolean");
    case "number":
      return Number.isInteger(value) ? integerType(String(value)) : scalar("double");
    default:
      break;
  }
  if (Array.isArray(value)) {
    return { kind: "array", element: value.reduce<GlueType>((type, member) => mergeTypes(type, typeOfJsonValue(member)), NULL_TYPE) };
  }
  const fields = new Map<string, GlueType>();
  for (const [name, member] of Object.entries(value as Record<string, unknown>)) {
    fields.set(name, mergeTypes(fields.get(name) ?? NULL_TYPE, typeOfJsonValue(member)));
  }
  return { kind: "struct", fields };
}

const NUMERIC_RANK: Record<string, number> = { tinyint: 1, smallint: 2, int: 3, bigint: 4, float: 5, double: 6 };

/** The type that holds both: numbers widen, structs and arrays merge member by member, anything else is string. */
export function mergeTypes(left: GlueType, right: GlueType): GlueType {
  if (left.kind === "null") {
    return right;
  }
  if (right.kind === "null") {
    return left;
  }
  if (left.kind === "scalar" && right.kind === "scalar") {
    if (left.name === right.name) {
      return left;
    }
    const a = NUMERIC_RANK[left.name];
    const b = NUMERIC_RANK[right.name];
    if (a !== undefined && b !== undefined) {
      return a >= b ? left : right;
    }
    return STRING;
  }
  if (left.kind === "struct" && right.kind === "struct") {
    return { kind: "struct", fields: mergeFields(left.fields, right.fields) };
  }
  if (left.kind === "array" && right.kind === "array") {
    return { kind: "array", element: mergeTypes(left.element, right.element) };
  }
  if (left.kind === "map" && right.kind === "map") {
    return { kind: "map", key: mergeTypes(left.key, right.key), value: mergeTypes(left.value, right.value) };
  }
  return STRING;
}

/** Fields of both, in the order first seen. */
export function mergeFields(left: ReadonlyMap<string, GlueType>, right: ReadonlyMap<string, GlueType>): Map<string, GlueType> {
  const merged = new Map(left);
  for (const [name, type] of right) {
    merged.set(name, mergeTypes(merged.get(name) ?? NULL_TYPE, type));
  }
  return merged;
}

/** Glue's type string: `struct<a:int,b:array<string>>`; a type never seen but as null is `string`. */
export function typeString(type: GlueType): string {
  switch (type.kind) {
    case "null":
      return "string";
    case "scalar":
      return type.name;
    case "struct":
      return `struct<${[...type.fields].map(([name, field]) => `${name}:${typeString(field)}`).join(",")}>`;
    case "array":
      return `array<${typeString(type.element)}>`;
    case "map":
      return `map<${typeString(type.key)},${typeString(type.value)}>`;
  }
}

/** Parses a Glue type string back (for merging a new crawl into an existing table). */
export function parseTypeString(text: string): GlueType {
  let position = 0;
  const peek = (): string => text.charAt(position);
  const expect = (char: string): void => {
    if (text.charAt(position) !== char) {
      throw new Error(`unexpected type string ${text}`);
    }
    position += 1;
  };
  const identifier = (stop: RegExp): string => {
    const start = position;
    while (position < text.length && !stop.test(text.charAt(position))) {
      position += 1;
    }
    return text.slice(start, position).trim();
  };
  const parse = (): GlueType => {
    const name = identifier(/[<>,:]/).toLowerCase();
    if (name === "struct") {
      expect("<");
      const fields = new Map<string, GlueType>();
      while (peek() !== ">") {
        const field = identifier(/:/);
        expect(":");
        fields.set(field, parse());
        if (peek() === ",") {
          position += 1;
        }
      }
      expect(">");
      return { kind: "struct", fields };
    }
    if (name === "array") {
      expect("<");
      const element = parse();
      expect(">");
      return { kind: "array", element };
    }
    if (name === "map") {
      expect("<");
      const key = parse();
      expect(",");
      const value = parse();
      expect(">");
      return { kind: "map", key, value };
    }
    if (peek() === "(") {
      // decimal(10,2), varchar(20): keep the arguments.
      const start = position;
      while (position < text.length && text.charAt(position) !== ")") {
        position += 1;
      }
      position += 1;
      return scalar(name + text.slice(start, position));
    }
    return scalar(name);
  };
  return parse();
}
