import { decimal, isIntegral, type TrinoType, typesEqual } from "./TrinoType";

/**
 * Trino's implicit coercions (io.trino.type.TypeCoercion): what a value may become without a CAST. Never between
 * varchar and numbers, dates or timestamps, and never from char to varchar; that is why `where idtemp = 17` fails
 * on a string column.
 */

/** The decimal an integer type widens to: tinyint -> decimal(3,0), ..., bigint -> decimal(19,0). */
export function decimalOfIntegral(type: TrinoType): TrinoType | undefined {
  switch (type.kind) {
    case "tinyint":
      return decimal(3, 0);
    case "smallint":
      return decimal(5, 0);
    case "integer":
      return decimal(10, 0);
    case "bigint":
      return decimal(19, 0);
    default:
      return undefined;
  }
}

const INTEGRAL_RANK: Readonly<Record<string, number>> = { tinyint: 1, smallint: 2, integer: 3, bigint: 4 };

/** Can `from` be coerced implicitly to `to`. */
export function canCoerce(from: TrinoType, to: TrinoType): boolean {
  if (from.kind === "unknown") return true;
  if (typesEqual(from, to)) return true;
  switch (from.kind) {
    case "tinyint":
    case "smallint":
    case "integer":
    case "bigint": {
      if (isIntegral(to)) return INTEGRAL_RANK[to.kind]! >= INTEGRAL_RANK[from.kind]!;
      if (to.kind === "real" || to.kind === "double") return true;
      if (to.kind === "decimal") {
        const widened = decimalOfIntegral(from) as { precision: number; scale: number };
        return to.precision - to.scale >= widened.precision;
      }
      return false;
    }
    case "decimal":
      if (to.kind === "real" || to.kind === "double") return true;
      return to.kind === "decimal" && to.scale >= from.scale && to.precision - to.scale >= from.precision - from.scale;
    case "real":
      return to.kind === "double";
    case "varchar":
      if (to.kind === "varchar") return to.length === undefined || (from.length !== undefined && from.length <= to.length);
      if (to.kind === "char") return from.length !== undefined && from.length <= to.length;
      return false;
    case "char":
      return to.kind === "char" && from.length <= to.length;
    case "date":
      return to.kind === "timestamp";
    case "timestamp":
      return to.kind === "timestamp" && to.precision >= from.precision && (to.withTimeZone || !from.withTimeZone);
    case "time":
      return to.kind === "time" && to.precision >= from.precision && (to.withTimeZone || !from.withTimeZone);
    case "array":
      return to.kind === "array" && canCoerce(from.element, to.element);
    case "map":
      return to.kind === "map" && canCoerce(from.key, to.key) && canCoerce(from.value, to.value);
    case "row":
      return to.kind === "row" && to.fields.length === from.fields.length && from.fields.every((field, index) => canCoerce(field.type, to.fields[index]!.type));
    default:
      return false;
  }
}

function superDecimal(a: { precision: number; scale: number }, b: { precision: number; scale: number }): TrinoType {
  const scale = Math.max(a.scale, b.scale);
  return decimal(Math.min(38, Math.max(a.precision - a.scale, b.precision - b.scale) + scale), scale);
}

/** The type both can be coerced to, if any (TypeCoercion.getCommonSuperType). */
export function commonSuperType(a: TrinoType, b: TrinoType): TrinoType | undefined {
  if (a.kind === "unknown") return b;
  if (b.kind === "unknown") return a;
  if (typesEqual(a, b)) return a;
  if (isIntegral(a) && isIntegral(b)) return INTEGRAL_RANK[a.kind]! >= INTEGRAL_RANK[b.kind]! ? a : b;
  if (a.kind === "decimal" || b.kind === "decimal") {
    const left = a.kind === "decimal" ? a : decimalOfIntegral(a);
    const right = b.kind === "decimal" ? b : decimalOfIntegral(b);
    if (left?.kind === "decimal" && right?.kind === "decimal") return superDecimal(left, right);
  }
  const numeric = (type: TrinoType): boolean => isIntegral(type) || type.kind === "decimal" || type.kind === "real" || type.kind === "double";
  if (numeric(a) && numeric(b)) {
    if (a.kind === "double" || b.kind === "double") return { kind: "double" };
    return { kind: "real" };
  }
  if (a.kind === "varchar" && b.kind === "varchar") {
    return a.length === undefined || b.length === undefined ? { kind: "varchar" } : { kind: "varchar", length: Math.max(a.length, b.length) };
  }
  if ((a.kind === "char" || a.kind === "varchar") && (b.kind === "char" || b.kind === "varchar")) {
    const length = Math.max(a.length ?? 65536, b.length ?? 65536);
    return { kind: "char", length: Math.min(length, 65536) };
  }
  if ((a.kind === "date" || a.kind === "timestamp") && (b.kind === "date" || b.kind === "timestamp")) {
    const precision = Math.max(a.kind === "timestamp" ? a.precision : 0, b.kind === "timestamp" ? b.precision : 0);
    const withTimeZone = (a.kind === "timestamp" && a.withTimeZone) || (b.kind === "timestamp" && b.withTimeZone);
    return { kind: "timestamp", precision: a.kind === "date" && withTimeZone && precision === 0 ? 3 : precision, withTimeZone };
  }
  if (a.kind === "time" && b.kind === "time") {
    return { kind: "time", precision: Math.max(a.precision, b.precision), withTimeZone: a.withTimeZone || b.withTimeZone };
  }
  if (a.kind === "array" && b.kind === "array") {
    const element = commonSuperType(a.element, b.element);
    return element === undefined ? undefined : { kind: "array", element };
  }
  if (a.kind === "map" && b.kind === "map") {
    const key = commonSuperType(a.key, b.key);
    const value = commonSuperType(a.value, b.value);
    return key === undefined || value === undefined ? undefined : { kind: "map", key, value };
  }
  if (a.kind === "row" && b.kind === "row" && a.fields.length === b.fields.length) {
    const fields = [];
    for (const [index, field] of a.fields.entries()) {
      const other = b.fields[index]!;
      const type = commonSuperType(field.type, other.type);
      if (type === undefined) return undefined;
      fields.push(field.name !== undefined && field.name === other.name ? { name: field.name, type } : { type });
    }
    return { kind: "row", fields };
  }
  return undefined;
}
