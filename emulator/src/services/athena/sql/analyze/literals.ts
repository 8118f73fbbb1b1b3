import { queryErrorAt } from "../../errors/athenaErrors";
import type { Expression, Position } from "../ast";
import { parseDateText, parseTimestampText } from "../runtime/dateTimeText";
import { BIGINT, BOOLEAN, DOUBLE, decimal, INTEGER, INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH, type TrinoType, UNKNOWN, VARBINARY, varchar } from "../types/TrinoType";
import type { Bound } from "./Bound";
import { quoteString } from "./sqlText";

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;

/** An integer literal's value: decimal, `0x`, `0o`, `0b`, with `_` between digits (Trino's LongLiteral). */
export function parseLongLiteral(text: string): bigint | undefined {
  const negative = text.startsWith("-");
  const body = (negative ? text.slice(1) : text).replace(/_/g, "").toLowerCase();
  let value: bigint;
  try {
    if (body.startsWith("0x")) value = BigInt(`0x${body.slice(2)}`);
    else if (body.startsWith("0o")) value = BigInt(`0o${body.slice(2)}`);
    else if (body.startsWith("0b")) value = BigInt(`0b${body.slice(2)}`);
    else value = BigInt(body);
  } catch {
    return undefined;
  }
  value = negative ? -value : value;
  return value < -(2n ** 63n) || value > 2n ** 63n - 1n ? undefined : value;
}

/** `36.2` -> decimal(3,1): scale = digits after the point, precision = significant digits before it + scale (Decimals.parse). */
export function decimalLiteralType(text: string): { precision: number; scale: number; digits: string } {
  const unsigned = text.replace(/^[-+]/, "");
  const [integral = "", fraction = ""] = unsigned.split(".");
  const significant = integral.replace(/^0+/, "");
  const scale = fraction.length;
  return { precision: Math.max(1, significant.length + scale), scale, digits: `${significant || "0"}.${fraction || "0"}` };
}

function bound(node: Expression, type: TrinoType, sql: string, value: string | number | bigint | boolean | null): Bound {
  return { type, sql, node, role: "literal", children: [], literal: { value }, deterministic: true };
}

function invalidLiteral(position: Position, value: string, typeName: string): never {
  throw queryErrorAt("INVALID_LITERAL", position, `'${value}' is not a valid ${typeName} literal`);
}

/** Interval literal text -> DuckDB interval SQL, as Trino reads `INTERVAL '1 02:03:04' DAY TO SECOND`. */
function intervalSql(expression: Extract<Expression, { kind: "intervalLiteral" }>): { type: TrinoType; sql: string } {
  const { value, from, to, sign, at } = expression;
  const fail = (): never => invalidLiteral(at, value, "interval");
  if (from === "YEAR" || from === "MONTH") {
    if (to !== undefined && !(from === "YEAR" && to === "MONTH")) fail();
    let months: number;
    if (from === "YEAR" && to === "MONTH") {
      const match = /^([+-]?)(\d+)-(\d+)$/.exec(value.trim());
      if (match === null) fail();
      months = (Number(match![2]) * 12 + Number(match![3])) * (match![1] === "-" ? -1 : 1);
    } else {
      if (!/^[+-]?\d+$/.test(value.trim())) fail();
      months = Number(value) * (from === "YEAR" ? 12 : 1);
    }
    return { type: INTERVAL_YEAR_TO_MONTH, sql: `to_months(${sign * months})` };
  }
  const order = ["DAY", "HOUR", "MINUTE", "SECOND"];
  const start = order.indexOf(from);
  const end = to === undefined ? start : order.indexOf(to);
  if (end < start) fail();
  const text = value.trim();
  const negative = text.startsWith("-");
  const body = text.replace(/^[+-]/, "");
  // DAY: 'd', DAY TO HOUR 'd h', DAY TO SECOND 'd h:m:s.f', HOUR TO SECOND 'h:m:s', ...
  const pieces = body.split(/[ :]/);
  if (pieces.length !== end - start + 1 || pieces.some((piece, index) => !(index === pieces.length - 1 && order[end] === "SECOND" ? /^\d+(\.\d+)?$/.test(piece) : /^\d+$/.test(piece)))) fail();
  const factors = [86_400_000_000n, 3_600_000_000n, 60_000_000n, 1_000_000n];
  let micros = 0n;
  pieces.forEach((piece, index) => {
    const unit = factors[start + index]!;
    if (piece.includes(".")) {
      const [whole, fraction] = piece.split(".");
      micros += BigInt(whole!) * unit + BigInt(fraction!.padEnd(6, "0").slice(0, 6));
    } else micros += BigInt(piece) * unit;
  });
  if (negative !== (sign < 0)) micros = -micros;
  return { type: INTERVAL_DAY_TO_SECOND, sql: `to_microseconds(${micros.toString()})` };
}

/** The type and DuckDB SQL of a literal, as Trino types it (ExpressionAnalyzer.visit*Literal). */
export function analyzeLiteral(expression: Expression): Bound | undefined {
  switch (expression.kind) {
    case "nullLiteral":
      return bound(expression, UNKNOWN, "NULL", null);
    case "booleanLiteral":
      return bound(expression, BOOLEAN, expression.value ? "true" : "false", expression.value);
    case "longLiteral": {
      const value = parseLongLiteral(expression.text);
      if (value === undefined) throw queryErrorAt("SYNTAX_ERROR", { line: 1, column: 1 }, `Invalid numeric literal: ${expression.text}`);
      const fitsInteger = value >= INT_MIN && value <= INT_MAX;
      return bound(expression, fitsInteger ? INTEGER : BIGINT, `CAST(${value.toString()} AS ${fitsInteger ? "INTEGER" : "BIGINT"})`, fitsInteger ? Number(value) : value);
    }
    case "decimalLiteral": {
      const { precision, scale } = decimalLiteralType(expression.text);
      if (precision > 38) throw queryErrorAt("INVALID_LITERAL", expression.at, `'${expression.text}' is not a valid decimal literal`);
      return bound(expression, decimal(precision, scale), `CAST(${quoteString(expression.text)} AS DECIMAL(${precision},${scale}))`, expression.text);
    }
    case "doubleLiteral": {
      const value = Number(expression.text);
      return bound(expression, DOUBLE, `CAST(${quoteString(expression.text)} AS DOUBLE)`, value);
    }
    case "stringLiteral":
      return bound(expression, varchar([...expression.value].length), quoteString(expression.value), expression.value);
    case "binaryLiteral":
      return bound(expression, VARBINARY, `unhex(${quoteString(expression.hex)})`, expression.hex);
    case "intervalLiteral": {
      const { type, sql } = intervalSql(expression);
      return bound(expression, type, sql, expression.value);
    }
    case "genericLiteral":
      return genericLiteral(expression);
    default:
      return undefined;
  }
}

/** `DATE '...'`, `TIMESTAMP '...'`, `DECIMAL '...'`; other types (REAL, BIGINT, ...) are handled as a cast by the caller. */
function genericLiteral(expression: Extract<Expression, { kind: "genericLiteral" }>): Bound | undefined {
  const type = expression.type.toUpperCase();
  if (type === "DATE") {
    const date = parseDateText(expression.value.trim());
    if (date === undefined) invalidLiteral(expression.at, expression.value, "date");
    return bound(expression, { kind: "date" }, `DATE ${quoteString(date)}`, expression.value);
  }
  if (type === "TIMESTAMP") {
    const parsed = parseTimestampText(expression.value.trim());
    if (parsed === undefined) invalidLiteral(expression.at, expression.value, "timestamp");
    const precision = parsed.fractionDigits;
    if (precision > 12) throw queryErrorAt("NUMERIC_VALUE_OUT_OF_RANGE", expression.at, `TIMESTAMP precision must be in range [0, 12]: ${precision}`);
    if (parsed.zone !== undefined) {
      const trinoType: TrinoType = { kind: "timestamp", precision, withTimeZone: true };
      return bound(expression, trinoType, `struct_pack("instant" := trino_instant(CAST(${quoteString(parsed.local)} AS TIMESTAMP), ${quoteString(parsed.zoneId)}), "zone" := ${quoteString(parsed.zoneId)})`, expression.value);
    }
    const trinoType: TrinoType = { kind: "timestamp", precision, withTimeZone: false };
    return bound(expression, trinoType, `CAST(${quoteString(parsed.local)} AS ${precision <= 3 ? "TIMESTAMP_MS" : precision <= 6 ? "TIMESTAMP" : "TIMESTAMP_NS"})`, expression.value);
  }
  if (type === "TIME") {
    // `TIME 'H:M[:S[.fraction]]'`: time(p), p = the fraction digits as written (Trino's literal rules). An offset makes
    // time with time zone; a named zone is refused (Athena's engine v3 page: INVALID_LITERAL for political zones).
    const match = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?\s*(.*)$/.exec(expression.value.trim());
    const [hour, minute, second] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3] ?? "0")];
    if (match === null || hour > 23 || minute > 59 || second > 59) invalidLiteral(expression.at, expression.value, "time");
    const fraction = match[4] ?? "";
    if (fraction.length > 12) throw queryErrorAt("NUMERIC_VALUE_OUT_OF_RANGE", expression.at, `TIME precision must be in range [0, 12]: ${fraction.length}`);
    const zone = match[5]!;
    if (zone !== "") {
      if (!/^[+-]\d{1,2}(:?\d{2})?$/.test(zone)) invalidLiteral(expression.at, expression.value, "time");
      throw queryErrorAt("NOT_SUPPORTED", expression.at, "time with time zone is not supported by the gpu-stream emulator");
    }
    const clock = [hour, minute, second].map((part) => String(part).padStart(2, "0")).join(":");
    return bound(expression, { kind: "time", precision: fraction.length, withTimeZone: false }, `CAST(${quoteString(fraction === "" ? clock : `${clock}.${fraction.slice(0, 6)}`)} AS TIME)`, expression.value);
  }
  if (type === "DECIMAL") {
    const text = expression.value.trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) invalidLiteral(expression.at, expression.value, "decimal");
    const { precision, scale } = decimalLiteralType(text);
    if (precision > 38) invalidLiteral(expression.at, expression.value, "decimal");
    return bound(expression, decimal(precision, scale), `CAST(${quoteString(text)} AS DECIMAL(${precision},${scale}))`, text);
  }
  return undefined;
}
