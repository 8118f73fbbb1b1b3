/**
 * Trino's types (io.trino.spi.type), as Athena engine v3 has them: what the analyzer reasons about, what error
 * messages name (`display`), what ColumnInfo reports, and how each is held in DuckDB (`duckType`).
 */
export type TrinoType =
  | { readonly kind: "boolean" | "tinyint" | "smallint" | "integer" | "bigint" | "real" | "double" | "date" | "varbinary" | "json" | "unknown" | "uuid" | "ipaddress" }
  | { readonly kind: "interval day to second" | "interval year to month" }
  | { readonly kind: "decimal"; readonly precision: number; readonly scale: number }
  /** `length` undefined: unbounded `varchar`. */
  | { readonly kind: "varchar"; readonly length?: number }
  | { readonly kind: "char"; readonly length: number }
  | { readonly kind: "timestamp"; readonly precision: number; readonly withTimeZone: boolean }
  | { readonly kind: "time"; readonly precision: number; readonly withTimeZone: boolean }
  | { readonly kind: "array"; readonly element: TrinoType }
  | { readonly kind: "map"; readonly key: TrinoType; readonly value: TrinoType }
  | { readonly kind: "row"; readonly fields: readonly RowField[] }
  /** A lambda argument before its parameter types are known (only inside function resolution). */
  | { readonly kind: "function"; readonly parameters: readonly TrinoType[]; readonly result: TrinoType };

export interface RowField {
  readonly name?: string;
  readonly type: TrinoType;
}

export type TypeKind = TrinoType["kind"];

export const BOOLEAN: TrinoType = { kind: "boolean" };
export const TINYINT: TrinoType = { kind: "tinyint" };
export const SMALLINT: TrinoType = { kind: "smallint" };
export const INTEGER: TrinoType = { kind: "integer" };
export const BIGINT: TrinoType = { kind: "bigint" };
export const REAL: TrinoType = { kind: "real" };
export const DOUBLE: TrinoType = { kind: "double" };
export const DATE: TrinoType = { kind: "date" };
export const VARBINARY: TrinoType = { kind: "varbinary" };
export const UNKNOWN: TrinoType = { kind: "unknown" };
export const UUID: TrinoType = { kind: "uuid" };
export const VARCHAR: TrinoType = { kind: "varchar" };
export const INTERVAL_DAY_TO_SECOND: TrinoType = { kind: "interval day to second" };
export const INTERVAL_YEAR_TO_MONTH: TrinoType = { kind: "interval year to month" };

export function varchar(length?: number): TrinoType {
  return length === undefined ? VARCHAR : { kind: "varchar", length };
}

export function decimal(precision: number, scale: number): TrinoType {
  return { kind: "decimal", precision, scale };
}

export function timestamp(precision = 3, withTimeZone = false): TrinoType {
  return { kind: "timestamp", precision, withTimeZone };
}

export const INTEGRAL_KINDS: ReadonlySet<TypeKind> = new Set(["tinyint", "smallint", "integer", "bigint"]);
export const NUMERIC_KINDS: ReadonlySet<TypeKind> = new Set(["tinyint", "smallint", "integer", "bigint", "real", "double", "decimal"]);

export function isIntegral(type: TrinoType): boolean {
  return INTEGRAL_KINDS.has(type.kind);
}

export function isNumeric(type: TrinoType): boolean {
  return NUMERIC_KINDS.has(type.kind);
}

export function isString(type: TrinoType): boolean {
  return type.kind === "varchar" || type.kind === "char";
}

/** Trino's display name (Type.getDisplayName): what messages and typeof() print. */
export function display(type: TrinoType): string {
  switch (type.kind) {
    case "decimal":
      return `decimal(${type.precision},${type.scale})`;
    case "varchar":
      return type.length === undefined ? "varchar" : `varchar(${type.length})`;
    case "char":
      return `char(${type.length})`;
    case "timestamp":
    case "time":
      return `${type.kind}(${type.precision})${type.withTimeZone ? " with time zone" : ""}`;
    case "array":
      return `array(${display(type.element)})`;
    case "map":
      return `map(${display(type.key)}, ${display(type.value)})`;
    case "row":
      return `row(${type.fields.map((field) => (field.name === undefined ? display(field.type) : `${field.name} ${display(field.type)}`)).join(", ")})`;
    case "function":
      return "<function>";
    default:
      return type.kind;
  }
}

/**
 * The type as a signature in "Unexpected parameters (...)" (TypeSignature.toString): like the display name, but a
 * row's field names are double-quoted.
 */
export function signatureText(type: TrinoType): string {
  switch (type.kind) {
    case "array":
      return `array(${signatureText(type.element)})`;
    case "map":
      return `map(${signatureText(type.key)}, ${signatureText(type.value)})`;
    case "row":
      return `row(${type.fields.map((field) => (field.name === undefined ? signatureText(field.type) : `"${field.name}" ${signatureText(field.type)}`)).join(", ")})`;
    default:
      return display(type);
  }
}

export function typesEqual(a: TrinoType, b: TrinoType): boolean {
  return display(a) === display(b) && (a.kind !== "row" || b.kind !== "row" || a.fields.every((field, index) => field.name === (b as { fields: readonly RowField[] }).fields[index]?.name));
}

/** Can values of this type be compared with `=` (Trino's comparable types). */
export function isComparable(type: TrinoType): boolean {
  switch (type.kind) {
    case "array":
      return isComparable(type.element);
    case "map":
      return isComparable(type.key) && isComparable(type.value);
    case "row":
      return type.fields.every((field) => isComparable(field.type));
    case "json":
    case "function":
      return false;
    default:
      return true;
  }
}

/** Can values of this type be ordered with `<` (Trino's orderable types). */
export function isOrderable(type: TrinoType): boolean {
  switch (type.kind) {
    case "array":
      return isOrderable(type.element);
    case "row":
      return type.fields.every((field) => isOrderable(field.type));
    case "map":
    case "json":
    case "function":
    case "ipaddress":
      return type.kind === "ipaddress";
    default:
      return true;
  }
}

/**
 * How a value of the type is held in DuckDB. A timestamp with time zone keeps its zone beside the instant, as
 * Trino's values do (`2026-11-28 03:29:32.123 America/Sao_Paulo`).
 */
export function duckType(type: TrinoType): string {
  switch (type.kind) {
    case "boolean":
      return "BOOLEAN";
    case "tinyint":
      return "TINYINT";
    case "smallint":
      return "SMALLINT";
    case "integer":
      return "INTEGER";
    case "bigint":
      return "BIGINT";
    case "real":
      return "FLOAT";
    case "double":
      return "DOUBLE";
    case "decimal":
      return `DECIMAL(${type.precision},${type.scale})`;
    case "varchar":
    case "char":
    case "json":
    case "ipaddress":
      return "VARCHAR";
    case "uuid":
      return "UUID";
    case "varbinary":
      return "BLOB";
    case "date":
      return "DATE";
    case "time":
      return "TIME";
    case "timestamp":
      if (type.withTimeZone) return 'STRUCT("instant" TIMESTAMPTZ, "zone" VARCHAR)';
      return type.precision <= 3 ? "TIMESTAMP_MS" : type.precision <= 6 ? "TIMESTAMP" : "TIMESTAMP_NS";
    case "interval day to second":
    case "interval year to month":
      return "INTERVAL";
    case "array":
      return `${duckType(type.element)}[]`;
    case "map":
      return `MAP(${duckType(type.key)}, ${duckType(type.value)})`;
    case "row":
      return `STRUCT(${type.fields.map((field, index) => `"${rowFieldKey(field, index).replace(/"/g, '""')}" ${duckType(field.type)}`).join(", ")})`;
    case "unknown":
      return "INTEGER";
    case "function":
      throw new Error("a lambda has no DuckDB type");
  }
}

/** A row field's name inside DuckDB's STRUCT: its own, or `field<i>` for an anonymous one (0-based, as Athena shows them). */
export function rowFieldKey(field: RowField, index: number): string {
  return field.name ?? `field${index}`;
}

/** ColumnInfo.Type, Precision and Scale as Athena reports a result column of this type. */
export function columnInfo(type: TrinoType): { type: string; precision: number; scale: number; caseSensitive: boolean } {
  switch (type.kind) {
    case "tinyint":
      return { type: "tinyint", precision: 3, scale: 0, caseSensitive: false };
    case "smallint":
      return { type: "smallint", precision: 5, scale: 0, caseSensitive: false };
    case "integer":
      return { type: "integer", precision: 10, scale: 0, caseSensitive: false };
    case "bigint":
      return { type: "bigint", precision: 19, scale: 0, caseSensitive: false };
    case "double":
      return { type: "double", precision: 17, scale: 0, caseSensitive: false };
    case "real":
      return { type: "float", precision: 17, scale: 0, caseSensitive: false };
    case "decimal":
      return { type: "decimal", precision: type.precision, scale: type.scale, caseSensitive: false };
    case "varchar":
      return { type: "varchar", precision: type.length ?? 2147483647, scale: 0, caseSensitive: true };
    case "char":
      return { type: "char", precision: type.length, scale: 0, caseSensitive: true };
    case "varbinary":
      return { type: "varbinary", precision: 1073741824, scale: 0, caseSensitive: false };
    case "timestamp":
      return { type: type.withTimeZone ? "timestamp with time zone" : "timestamp", precision: 3, scale: 0, caseSensitive: false };
    case "time":
      return { type: type.withTimeZone ? "time with time zone" : "time", precision: 3, scale: 0, caseSensitive: false };
    default:
      return { type: type.kind === "function" ? "unknown" : type.kind, precision: 0, scale: 0, caseSensitive: false };
  }
}
