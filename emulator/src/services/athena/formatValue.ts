import type { DuckDBValue } from "@duckdb/node-api";
import { duckdb } from "../../duckdbModule";
import { splitTopLevel } from "./athenaTypes";

/** How Java prints a double (Trino's varchar of a double): `2.0`, `36.2`, `1.0E7`, `1.0E-4`. */
export function javaDouble(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(value);
    return text.includes(".") ? text : `${text}.0`;
  }
  const [mantissa, exponent] = value.toExponential().split("e");
  return `${mantissa!.includes(".") ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** Athena's timestamps have three fractional digits: `2026-11-28 06:29:32.123`. */
function millisTimestamp(text: string): string {
  const match = /^(\S+ \d{2}:\d{2}:\d{2})(?:\.(\d+))?/.exec(text);
  if (match === null) return text;
  return `${match[1]}.${(match[2] ?? "").padEnd(3, "0").slice(0, 3)}`;
}

function structFieldTypes(duckType: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const field of splitTopLevel(duckType.slice(duckType.indexOf("(") + 1, duckType.lastIndexOf(")")))) {
    const match = /^("(?:[^"]|"")*"|\S+)\s+(.*)$/s.exec(field);
    if (match !== null) fields.set(match[1]!.startsWith('"') ? match[1]!.slice(1, -1).replace(/""/g, '"') : match[1]!, match[2]!);
  }
  return fields;
}

/** Trino writes nested values without quotes: `[a, b]`, `{x=1, y=z}`, NULL as `null`. */
function formatNested(value: DuckDBValue, duckType: string): string {
  const { DuckDBArrayValue, DuckDBListValue, DuckDBMapValue, DuckDBStructValue } = duckdb();
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) {
    const childType = duckType.replace(/\[\d*\]$/, "");
    return `[${value.items.map((item) => formatNested(item, childType)).join(", ")}]`;
  }
  if (value instanceof DuckDBStructValue) {
    const types = structFieldTypes(duckType);
    return `{${Object.entries(value.entries).map(([name, field]) => `${name}=${formatNested(field, types.get(name) ?? "VARCHAR")}`).join(", ")}}`;
  }
  if (value instanceof DuckDBMapValue) {
    const [keyType, valueType] = splitTopLevel(duckType.slice(duckType.indexOf("(") + 1, duckType.lastIndexOf(")")));
    return `{${value.entries.map((entry) => `${formatNested(entry.key, keyType ?? "VARCHAR")}=${formatNested(entry.value, valueType ?? "VARCHAR")}`).join(", ")}}`;
  }
  return formatValue(value, duckType) ?? "null";
}

/** A result value as Athena's VarCharValue writes it; undefined for NULL. */
export function formatValue(value: DuckDBValue, duckType: string): string | undefined {
  const { DuckDBArrayValue, DuckDBListValue, DuckDBMapValue, DuckDBStructValue } = duckdb();
  if (value === null) return undefined;
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue || value instanceof DuckDBStructValue || value instanceof DuckDBMapValue) {
    return formatNested(value, duckType);
  }
  const type = duckType.toUpperCase();
  if (type === "DOUBLE" || type === "FLOAT" || type === "REAL") {
    return javaDouble(Number(value));
  }
  if (type === "TIMESTAMP WITH TIME ZONE") {
    return `${millisTimestamp(String(value))} UTC`;
  }
  if (type.startsWith("TIMESTAMP")) {
    return millisTimestamp(String(value));
  }
  return String(value);
}
