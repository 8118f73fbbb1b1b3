import type { ArithmeticOperator, ComparisonOperator } from "../ast";
import { commonSuperType, decimalOfIntegral } from "../types/coercion";
import { decimal, display, duckType, INTERVAL_DAY_TO_SECOND, isComparable, isIntegral, isOrderable, type TrinoType, typesEqual } from "../types/TrinoType";
import { castSql, localTimeOf, zonedValue } from "./casts";
import { failSql } from "./sqlText";

/** The SQL of a value coerced implicitly to a wider type (integer -> bigint, varchar(3) -> varchar, NULL -> any). */
export function coerceSql(sql: string, from: TrinoType, to: TrinoType): string {
  if (typesEqual(from, to)) return sql;
  if (from.kind === "varchar" && to.kind === "varchar") return sql;
  // An implicit coercion widens and cannot fail: the cast without its error branch, which DuckDB counts volatile
  // (a volatile expression inside TRY is refused).
  return castSql(sql, from, to, true);
}

export interface Operation {
  readonly type: TrinoType;
  readonly sql: string;
}

function pow10(digits: number): string {
  return `CAST(1${"0".repeat(digits)} AS HUGEINT)`;
}

/** A decimal's unscaled value at `scale`, as a HUGEINT (exact). */
function unscaled(sql: string, type: { scale: number }, scale: number): string {
  return `(CAST(${sql} * ${pow10(type.scale)} AS HUGEINT) * ${pow10(scale - type.scale)})`;
}

/** An unscaled HUGEINT back to decimal(precision, scale). */
function scaled(unscaledSql: string, precision: number, scale: number): string {
  return `CAST(CAST(${unscaledSql} AS DECIMAL(38,0)) * CAST('1e-${scale}' AS DECIMAL(${scale + 1},${scale})) AS DECIMAL(${precision},${scale}))`;
}

/**
 * Decimal arithmetic with Trino's result types (io.trino.type.DecimalOperators): + and - widen by one digit, *
 * adds precisions and scales, / keeps the larger scale and rounds half up, % keeps the larger scale.
 */
function decimalArithmetic(operator: ArithmeticOperator, left: string, leftType: { precision: number; scale: number }, right: string, rightType: { precision: number; scale: number }, safe: boolean): Operation {
  const [p1, s1, p2, s2] = [leftType.precision, leftType.scale, rightType.precision, rightType.scale];
  const divisionByZero = failSql(safe, "DIVISION_BY_ZERO", "'Division by zero'");
  switch (operator) {
    case "+":
    case "-": {
      const scale = Math.max(s1, s2);
      const precision = Math.min(38, Math.max(p1 - s1, p2 - s2) + scale + 1);
      return { type: decimal(precision, scale), sql: `CAST((${left} ${operator} ${right}) AS DECIMAL(${precision},${scale}))` };
    }
    case "*": {
      const precision = Math.min(38, p1 + p2);
      const scale = s1 + s2;
      return { type: decimal(precision, scale), sql: `CAST((${left} * ${right}) AS DECIMAL(${precision},${scale}))` };
    }
    case "/": {
      const scale = Math.max(s1, s2);
      const precision = Math.min(38, p1 + s2 + Math.max(s2 - s1, 0));
      // q = round_half_up(a / b) at `scale`: unscaled a * 10^(scale + s2 - s1) / unscaled b.
      const a = `${unscaled(left, leftType, s1)} * ${pow10(scale + s2 - s1)}`;
      const b = unscaled(right, rightType, s2);
      const quotient = `(sign(${a}) * sign(${b}) * ((abs(${a}) * 2 // abs(${b}) + 1) // 2))`;
      return { type: decimal(precision, scale), sql: `CASE WHEN ${right} = 0 THEN ${divisionByZero} ELSE ${scaled(quotient, precision, scale)} END` };
    }
    case "%": {
      const scale = Math.max(s1, s2);
      const precision = Math.min(p2 - s2, p1 - s1) + scale;
      const remainder = `(${unscaled(left, leftType, scale)} % ${unscaled(right, rightType, scale)})`;
      return { type: decimal(Math.max(1, precision), scale), sql: `CASE WHEN ${right} = 0 THEN ${divisionByZero} ELSE ${scaled(remainder, Math.max(1, precision), scale)} END` };
    }
  }
}

function numericKind(type: TrinoType): boolean {
  return isIntegral(type) || type.kind === "decimal" || type.kind === "real" || type.kind === "double";
}

/**
 * `a op b` with Trino's typing and semantics, or undefined where Trino has no such operator (TYPE_MISMATCH).
 * `safe`: inside TRY, where a division by zero answers NULL.
 */
export function arithmetic(operator: ArithmeticOperator, left: { sql: string; type: TrinoType }, right: { sql: string; type: TrinoType }, safe = false): Operation | undefined {
  const l = left.type;
  const r = right.type;
  if (l.kind === "unknown" && r.kind === "unknown") return { type: { kind: "unknown" }, sql: "NULL" };
  if ((numericKind(l) || l.kind === "unknown") && (numericKind(r) || r.kind === "unknown")) {
    const lt = l.kind === "unknown" ? r : l;
    const rt = r.kind === "unknown" ? l : r;
    const a = coerceSql(left.sql, l, lt);
    const b = coerceSql(right.sql, r, rt);
    if (lt.kind === "double" || rt.kind === "double" || lt.kind === "real" || rt.kind === "real") {
      const type: TrinoType = lt.kind === "double" || rt.kind === "double" ? { kind: "double" } : { kind: "real" };
      const duck = duckType(type);
      const x = `CAST(${a} AS ${duck})`;
      const y = `CAST(${b} AS ${duck})`;
      if (operator === "/") return { type, sql: `CAST(trino_double_divide(${x}, ${y}) AS ${duck})` };
      if (operator === "%") return { type, sql: `CAST(trino_double_modulus(${x}, ${y}) AS ${duck})` };
      return { type, sql: `(${x} ${operator} ${y})` };
    }
    if (lt.kind === "decimal" || rt.kind === "decimal") {
      const ld = (lt.kind === "decimal" ? lt : decimalOfIntegral(lt)) as { precision: number; scale: number };
      const rd = (rt.kind === "decimal" ? rt : decimalOfIntegral(rt)) as { precision: number; scale: number };
      return decimalArithmetic(operator, `CAST(${a} AS DECIMAL(${ld.precision},${ld.scale}))`, ld, `CAST(${b} AS DECIMAL(${rd.precision},${rd.scale}))`, rd, safe);
    }
    const type = commonSuperType(lt, rt)!;
    const duck = duckType(type);
    const x = `CAST(${a} AS ${duck})`;
    const y = `CAST(${b} AS ${duck})`;
    const checked = safe ? "trino_try_" : "trino_";
    if (operator === "/") return { type, sql: `${checked}divide(${x}, ${y})` };
    if (operator === "%") return { type, sql: `${checked}modulus(${x}, ${y})` };
    return { type, sql: `(${x} ${operator} ${y})` };
  }
  const isInterval = (type: TrinoType): boolean => type.kind === "interval day to second" || type.kind === "interval year to month";
  if (operator === "+" || operator === "-") {
    // date/timestamp +- interval; interval + date/timestamp.
    const [moment, interval, flipped] = isInterval(r) ? [left, right, false] : isInterval(l) && operator === "+" ? [right, left, true] : [undefined, undefined, false];
    void flipped;
    if (moment !== undefined && interval !== undefined) {
      const t = moment.type;
      if (t.kind === "date") return { type: t, sql: `CAST((${moment.sql} ${operator} ${interval.sql}) AS DATE)` };
      if (t.kind === "timestamp" && !t.withTimeZone) return { type: t, sql: `CAST((${moment.sql} ${operator} ${interval.sql}) AS ${duckType(t)})` };
      if (t.kind === "timestamp" && t.withTimeZone) {
        // Months and years move the wall-clock date in the value's zone; days and seconds move the instant.
        const shifted = interval.type.kind === "interval year to month" ? `trino_instant(${localTimeOf(moment.sql)} ${operator} ${interval.sql}, (${moment.sql})."zone")` : `((${moment.sql})."instant" ${operator} ${interval.sql})`;
        return { type: t, sql: zonedValue(shifted, `(${moment.sql})."zone"`) };
      }
      // Trino defines time +- interval day to second only (TimeOperators); time + interval '3' month is a TYPE_MISMATCH.
      if (t.kind === "time" && interval.type.kind === "interval day to second") return { type: t, sql: `(${moment.sql} ${operator} ${interval.sql})` };
    }
    if (isInterval(l) && typesEqual(l, r)) return { type: l, sql: `(${left.sql} ${operator} ${right.sql})` };
    if (operator === "-" && l.kind === "timestamp" && r.kind === "timestamp" && l.withTimeZone === r.withTimeZone) {
      const value = (side: { sql: string; type: TrinoType }): string => (l.withTimeZone ? `(${side.sql})."instant"` : `CAST(${side.sql} AS TIMESTAMP)`);
      return { type: INTERVAL_DAY_TO_SECOND, sql: `to_microseconds(epoch_us(${value(left)}) - epoch_us(${value(right)}))` };
    }
  }
  if ((operator === "*" || operator === "/") && isInterval(l) && numericKind(r)) return { type: l, sql: `(${left.sql} ${operator} CAST(${right.sql} AS DOUBLE))` };
  if (operator === "*" && numericKind(l) && isInterval(r)) return { type: r, sql: `(${right.sql} * CAST(${left.sql} AS DOUBLE))` };
  return undefined;
}

/** Trino names a comparison by its operator family in TYPE_MISMATCH: `<>` as `=`, `>` as `<`, `>=` as `<=`. */
export function comparisonSymbol(operator: ComparisonOperator): string {
  switch (operator) {
    case "<>":
      return "=";
    case ">":
      return "<";
    case ">=":
      return "<=";
    default:
      return operator;
  }
}

/** `a op b`, both coerced to their common type; undefined when they have none or it cannot be compared so. */
export function comparison(operator: ComparisonOperator, left: { sql: string; type: TrinoType }, right: { sql: string; type: TrinoType }): Operation | undefined {
  const common = commonSuperType(left.type, right.type);
  if (common === undefined) return undefined;
  const ordering = operator !== "=" && operator !== "<>" && operator !== "IS DISTINCT FROM";
  if (ordering ? !isOrderable(common) : !isComparable(common)) return undefined;
  let a = coerceSql(left.sql, left.type, common);
  let b = coerceSql(right.sql, right.type, common);
  if (common.kind === "timestamp" && common.withTimeZone) {
    a = `(${a})."instant"`;
    b = `(${b})."instant"`;
  }
  return { type: { kind: "boolean" }, sql: `(${a} ${operator} ${b})` };
}

export function cannotApply(operator: string, left: TrinoType, right: TrinoType): string {
  return `Cannot apply operator: ${display(left)} ${operator} ${display(right)}`;
}
