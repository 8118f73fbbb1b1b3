import type { DuckDBValue } from "@duckdb/node-api";
import { duckdb } from "../../../../duckdbModule";
import { rowFieldKey, type TrinoType } from "../types/TrinoType";

/**
 * A result value as Athena's GetQueryResults writes it (VarCharValue), by its Trino type: doubles as Java prints
 * them (`2.0`, `1.0E7`), decimals with their scale (`36.20`), timestamps with exactly their precision's digits,
 * a timestamp with time zone in its own zone (`2026-11-28 03:29:32.123 America/Sao_Paulo`), arrays `[1, 2]`,
 * maps and rows `{a=1, b=x}` (io.trino.client formatting; observed on Athena engine v3).
 */

/** Java's Double.toString: `2.0`, `36.2`, `1.0E7`, `1.0E-4`, `NaN`, `Infinity`. */
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

/** Java's Float.toString: the shortest digits that read back as the same float. */
export function javaFloat(value: number): string {
  if (!Number.isFinite(value) || value === 0) return javaDouble(value);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === Math.fround(value)) return javaDouble(candidate);
  }
  return javaDouble(value);
}

function pad(value: number | bigint, width: number): string {
  return String(value).padStart(width, "0");
}

/** `YYYY-MM-DD HH:MM:SS` and the fraction's digits, from an epoch count of `unitsPerSecond` units. */
function dateTimeParts(count: bigint, unitsPerSecond: bigint): { text: string; fraction: string } {
  let seconds = count / unitsPerSecond;
  let remainder = count % unitsPerSecond;
  if (remainder < 0n) {
    remainder += unitsPerSecond;
    seconds -= 1n;
  }
  const date = new Date(Number(seconds) * 1000);
  const year = date.getUTCFullYear();
  const text = `${year < 0 ? "-" : ""}${pad(Math.abs(year), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)} ${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`;
  return { text, fraction: remainder.toString().padStart(unitsPerSecond.toString().length - 1, "0") };
}

function timestampText(value: DuckDBValue, precision: number): string {
  const api = duckdb();
  let parts: { text: string; fraction: string };
  if (value instanceof api.DuckDBTimestampMillisecondsValue) parts = dateTimeParts(value.millis, 1000n);
  else if (value instanceof api.DuckDBTimestampNanosecondsValue) parts = dateTimeParts(value.nanos, 1_000_000_000n);
  else if (value instanceof api.DuckDBTimestampSecondsValue) parts = dateTimeParts(value.seconds * 1000n, 1000n);
  else if (value instanceof api.DuckDBTimestampValue || value instanceof api.DuckDBTimestampTZValue) parts = dateTimeParts(value.micros, 1_000_000n);
  else return String(value);
  if (precision === 0) return parts.text;
  return `${parts.text}.${parts.fraction.padEnd(precision, "0").slice(0, precision)}`;
}

/** The wall-clock time of an instant in a zone: named zones by the platform's time zone database, offsets by arithmetic. */
function zonedText(instant: DuckDBValue, zone: string, precision: number): string {
  const api = duckdb();
  const micros = instant instanceof api.DuckDBTimestampTZValue || instant instanceof api.DuckDBTimestampValue ? instant.micros : 0n;
  let offsetMinutes = 0;
  const offset = /^([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (offset !== null) {
    offsetMinutes = (offset[1] === "-" ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
  } else if (zone !== "UTC") {
    const date = new Date(Number(micros / 1000n));
    const formatted = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(date).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
    const match = /GMT([+-])(\d{2}):(\d{2})/.exec(formatted);
    if (match !== null) offsetMinutes = (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
  }
  const local = new api.DuckDBTimestampValue(micros + BigInt(offsetMinutes) * 60_000_000n);
  return `${timestampText(local, precision)} ${zone}`;
}

function intervalText(value: DuckDBValue, type: TrinoType): string {
  const api = duckdb();
  if (!(value instanceof api.DuckDBIntervalValue)) return String(value);
  if (type.kind === "interval year to month") {
    const months = value.months;
    const sign = months < 0 ? "-" : "";
    return `${sign}${Math.floor(Math.abs(months) / 12)}-${Math.abs(months) % 12}`;
  }
  const total = BigInt(value.days) * 86_400_000_000n + value.micros + BigInt(value.months) * 30n * 86_400_000_000n;
  const sign = total < 0n ? "-" : "";
  const magnitude = total < 0n ? -total : total;
  const millis = magnitude / 1000n;
  const days = millis / 86_400_000n;
  const rest = millis % 86_400_000n;
  return `${sign}${days} ${pad(rest / 3_600_000n, 2)}:${pad((rest / 60_000n) % 60n, 2)}:${pad((rest / 1000n) % 60n, 2)}.${pad(rest % 1000n, 3)}`;
}

function nested(value: DuckDBValue, type: TrinoType): string {
  return formatResult(value, type) ?? "null";
}

export function formatResult(value: DuckDBValue, type: TrinoType): string | undefined {
  if (value === null || value === undefined) return undefined;
  const api = duckdb();
  switch (type.kind) {
    case "unknown":
      return undefined;
    case "double":
      return javaDouble(Number(value));
    case "real":
      return javaFloat(Number(value));
    case "boolean":
      return value ? "true" : "false";
    case "varbinary":
      if (value instanceof api.DuckDBBlobValue) return [...value.bytes].map((byte) => byte.toString(16).padStart(2, "0")).join(" ");
      return String(value);
    case "timestamp": {
      if (type.withTimeZone) {
        if (!(value instanceof api.DuckDBStructValue)) return String(value);
        return zonedText(value.entries["instant"] ?? null, String(value.entries["zone"] ?? "UTC"), type.precision);
      }
      return timestampText(value, type.precision);
    }
    case "time": {
      const text = String(value);
      const [clock, fraction = ""] = text.split(".");
      return type.precision === 0 ? clock! : `${clock}.${fraction.padEnd(type.precision, "0").slice(0, type.precision)}`;
    }
    case "interval day to second":
    case "interval year to month":
      return intervalText(value, type);
    case "array": {
      if (!(value instanceof api.DuckDBListValue || value instanceof api.DuckDBArrayValue)) return String(value);
      return `[${value.items.map((item) => nested(item, type.element)).join(", ")}]`;
    }
    case "map": {
      if (!(value instanceof api.DuckDBMapValue)) return String(value);
      return `{${value.entries.map((entry) => `${nested(entry.key, type.key)}=${nested(entry.value, type.value)}`).join(", ")}}`;
    }
    case "row": {
      if (!(value instanceof api.DuckDBStructValue)) return String(value);
      return `{${type.fields.map((field, index) => `${rowFieldKey(field, index)}=${nested(value.entries[rowFieldKey(field, index)] ?? null, field.type)}`).join(", ")}}`;
    }
    default:
      return String(value);
  }
}
