import { DATE_PATTERN, DATETIME_PATTERN } from "../runtime/dateTimeText";
import { display, duckType, isIntegral, isNumeric, isString, rowFieldKey, type TrinoType, typesEqual } from "../types/TrinoType";
import { failSql, quoteString } from "./sqlText";

/**
 * CAST and TRY_CAST with Trino's semantics (io.trino.type.VarcharOperators, DecimalCasts, DoubleOperators,
 * DateTimes; notes in docs/athena-glue.md): text is parsed as Java parses it, so `cast('36.2107' as integer)` is
 * `INVALID_CAST_ARGUMENT: Cannot cast '36.2107' to INT`, where DuckDB would answer 36; doubles round half away
 * from zero into integers; timestamps round (not truncate) to their precision. TRY_CAST answers NULL instead of
 * each error.
 */

const JAVA_INTEGER = "[+-]?[0-9]+";
const JAVA_DOUBLE = "[\\x00-\\x20]*[+-]?(NaN|Infinity|([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?[fFdD]?)[\\x00-\\x20]*";
const BIG_DECIMAL = "[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?";
/** Unicode white space Trino trims before parsing a date or timestamp (SliceUtf8.trim). */
const TRIM_SPACE = "^[\\s\\x{00A0}\\x{2000}-\\x{200A}\\x{3000}]+|[\\s\\x{00A0}\\x{2000}-\\x{200A}\\x{3000}]+$";

/** The Trino name of a type in cast errors of integers: INT, not INTEGER (VarcharOperators). */
const INTEGRAL_NAMES: Readonly<Record<string, string>> = { tinyint: "TINYINT", smallint: "SMALLINT", integer: "INT", bigint: "BIGINT" };

type Failure = (errorName: string, messageSql: string) => string;

function failure(safe: boolean): Failure {
  return (errorName, messageSql) => failSql(safe, errorName, messageSql);
}

function re2(pattern: RegExp): string {
  // JavaScript and RE2 agree on the features these patterns use.
  return pattern.source.replace(/^\^/, "").replace(/\$$/, "");
}

/** Trino's cast matrix: may a value of `from` be CAST to `to` at all (else TYPE_MISMATCH: Cannot cast x to y). */
export function canCast(from: TrinoType, to: TrinoType): boolean {
  if (from.kind === "unknown" || typesEqual(from, to)) return true;
  const scalarText = (type: TrinoType): boolean => isNumeric(type) || isString(type) || ["boolean", "date", "timestamp", "time", "json", "varbinary", "uuid", "ipaddress"].includes(type.kind);
  if (isString(from)) return scalarText(to);
  if (isString(to)) return scalarText(from);
  if (isNumeric(from) || from.kind === "boolean") return isNumeric(to) || to.kind === "boolean" || to.kind === "json";
  if (from.kind === "date") return to.kind === "timestamp" || to.kind === "json";
  if (from.kind === "timestamp") return to.kind === "timestamp" || to.kind === "date" || to.kind === "time" || to.kind === "json";
  if (from.kind === "time") return to.kind === "time";
  if (from.kind === "json") return isNumeric(to) || to.kind === "boolean" || to.kind === "array" || to.kind === "map" || to.kind === "row";
  if (from.kind === "array") return (to.kind === "array" && canCast(from.element, to.element)) || to.kind === "json";
  if (from.kind === "map") return (to.kind === "map" && canCast(from.key, to.key) && canCast(from.value, to.value)) || to.kind === "json";
  if (from.kind === "row") return (to.kind === "row" && to.fields.length === from.fields.length && from.fields.every((field, index) => canCast(field.type, to.fields[index]!.type))) || to.kind === "json";
  if (from.kind === "varbinary") return false;
  if (from.kind === "uuid" || from.kind === "ipaddress") return to.kind === from.kind;
  if (from.kind === "interval day to second" || from.kind === "interval year to month") return to.kind === from.kind;
  return false;
}

/** The wall-clock TIMESTAMP of a `timestamp with time zone` value, in its own zone. */
export function localTimeOf(valueSql: string): string {
  return `trino_local_time((${valueSql})."instant", (${valueSql})."zone")`;
}

/** A `timestamp with time zone` value from an instant (TIMESTAMPTZ) and a zone id SQL. */
export function zonedValue(instantSql: string, zoneSql: string): string {
  return `struct_pack("instant" := ${instantSql}, "zone" := ${zoneSql})`;
}

function timestampDuckType(precision: number): string {
  return precision <= 3 ? "TIMESTAMP_MS" : precision <= 6 ? "TIMESTAMP" : "TIMESTAMP_NS";
}

/** A TIMESTAMP (any precision) rounded half up to `precision` digits, in the representation of timestamp(precision). */
export function roundTimestamp(valueSql: string, precision: number): string {
  if (precision >= 6) return `CAST(${valueSql} AS ${timestampDuckType(precision)})`;
  return `CAST(trino_round_micros(${valueSql}, ${precision}) AS ${timestampDuckType(precision)})`;
}

/** Java's Double.toString of a finite double, as Trino casts double to varchar in its 4xx releases: `3.77E1`, `1.0E0`. */
function doubleToVarchar(v: string): string {
  return `trino_double_to_varchar(${v})`;
}

function fromVarchar(v: string, to: TrinoType, fail: Failure): string {
  const quoted = `'''' || ${v} || ''''`;
  switch (to.kind) {
    case "tinyint":
    case "smallint":
    case "integer":
    case "bigint": {
      const duck = duckType(to);
      return `CASE WHEN ${v} IS NULL THEN NULL WHEN regexp_full_match(${v}, '${JAVA_INTEGER}') AND TRY_CAST(${v} AS ${duck}) IS NOT NULL THEN CAST(${v} AS ${duck}) ELSE ${fail("INVALID_CAST_ARGUMENT", `'Cannot cast ' || ${quoted} || ' to ${INTEGRAL_NAMES[to.kind]}'`)} END`;
    }
    case "double":
    case "real": {
      const duck = duckType(to);
      const trimmed = `regexp_replace(${v}, '^[\\x00-\\x20]+|[\\x00-\\x20]+$', '', 'g')`;
      const strict = `CASE WHEN ${v} IS NULL THEN NULL WHEN regexp_full_match(${v}, '${JAVA_DOUBLE}') THEN CAST(regexp_replace(${trimmed}, '[fFdD]$', '') AS ${duck}) ELSE ${fail("INVALID_CAST_ARGUMENT", `'Cannot cast ' || ${quoted} || ' to ${to.kind === "double" ? "DOUBLE" : "REAL"}'`)} END`;
      // Fast path: a number DuckDB reads is one Java's parseDouble reads the same, except DuckDB's extras: `_` between
      // digits, and `inf`/`nan` in any case (each has an n). Those, Java's suffixes, NaN/Infinity and overflow (NULL in
      // DuckDB) take the strict path. A finite number DuckDB reads has no n (fast_float reads only digits, sign, point
      // and exponent, and n only in inf and nan), so the common case costs one test for `_`, not three: a third of a
      // 1M-row aggregate's cast time. The non-finite rest is tested as before.
      const fast = `TRY_CAST(${v} AS ${duck})`;
      return `coalesce(CASE WHEN isfinite(${fast}) AND NOT contains(${v}, '_') THEN ${fast} WHEN NOT (contains(${v}, '_') OR contains(${v}, 'n') OR contains(${v}, 'N')) THEN ${fast} END, ${strict})`;
    }
    case "decimal": {
      const name = `DECIMAL(${to.precision}, ${to.scale})`;
      return (
        `CASE WHEN ${v} IS NULL THEN NULL WHEN NOT regexp_full_match(${v}, '${BIG_DECIMAL}') THEN ${fail("INVALID_CAST_ARGUMENT", `'Cannot cast VARCHAR ' || ${quoted} || ' to ${name}. Value is not a number.'`)} ` +
        `ELSE coalesce(TRY_CAST(${v} AS DECIMAL(${to.precision},${to.scale})), ${fail("INVALID_CAST_ARGUMENT", `'Cannot cast VARCHAR ' || ${quoted} || ' to ${name}. Value too large.'`)}) END`
      );
    }
    case "boolean":
      return `CASE WHEN ${v} IS NULL THEN NULL WHEN lower(${v}) IN ('t', 'true', '1') THEN true WHEN lower(${v}) IN ('f', 'false', '0') THEN false ELSE ${fail("INVALID_CAST_ARGUMENT", `'Cannot cast ' || ${quoted} || ' to BOOLEAN'`)} END`;
    case "date": {
      const trimmed = `regexp_replace(${v}, '${TRIM_SPACE}', '', 'g')`;
      const parts = (group: number): string => `CAST(regexp_extract(${trimmed}, '${re2(DATE_PATTERN)}', ${group}) AS INTEGER)`;
      return `CASE WHEN ${v} IS NULL THEN NULL WHEN regexp_full_match(${trimmed}, '${re2(DATE_PATTERN)}') AND TRY(make_date(${parts(1)}, ${parts(2)}, ${parts(3)})) IS NOT NULL THEN make_date(${parts(1)}, ${parts(2)}, ${parts(3)}) ELSE ${fail("INVALID_CAST_ARGUMENT", `'Value cannot be cast to date: ' || ${v}`)} END`;
    }
    case "timestamp": {
      const trimmed = `trim(${v})`;
      const pattern = re2(DATETIME_PATTERN);
      const group = (index: number, fallback: string): string => `coalesce(nullif(regexp_extract(${trimmed}, '${pattern}', ${index}), ''), '${fallback}')`;
      // The local date-time as written; a zone after it is checked to look like one and, for a plain timestamp, ignored.
      const local = `TRY_CAST(${group(1, "")} || '-' || ${group(2, "")} || '-' || ${group(3, "")} || ' ' || ${group(4, "0")} || ':' || ${group(5, "0")} || ':' || ${group(6, "0")} || '.' || rpad(left(${group(7, "0")}, 9), 9, '0') AS TIMESTAMP_NS)`;
      const zone = `nullif(regexp_extract(${trimmed}, '${pattern}', 8), '')`;
      const zoneLooksValid = `(${zone} IS NULL OR regexp_full_match(${zone}, '(?i)(UTC|GMT|UT|Z)|([+-][0-9]{1,2}(:?[0-9]{2})?)|((UTC|GMT)[+-][0-9]{1,2}(:?[0-9]{2})?)|([A-Za-z_]+(/[A-Za-z0-9_+-]+)+)'))`;
      const rounded = (local: string): string => `trino_round_micros(${local}, ${Math.min(to.precision, 6)})`;
      const error = fail("INVALID_CAST_ARGUMENT", `'Value cannot be cast to timestamp: ' || ${v}`);
      if (!to.withTimeZone) {
        const strict = `CASE WHEN ${v} IS NULL THEN NULL WHEN regexp_full_match(${trimmed}, '${pattern}') AND ${zoneLooksValid} AND ${local} IS NOT NULL THEN CAST(${rounded(local)} AS ${timestampDuckType(to.precision)}) ELSE ${error} END`;
        // Fast path for the canonical form (the course's records): one plain pattern, then DuckDB's own parse.
        const canonical = `regexp_full_match(${v}, '[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?')`;
        return `CASE WHEN ${canonical} AND TRY_CAST(${v} AS TIMESTAMP) IS NOT NULL THEN CAST(${rounded(`CAST(${v} AS TIMESTAMP)`)} AS ${timestampDuckType(to.precision)}) ELSE ${strict} END`;
      }
      const zoneId = `coalesce(trino_zone_id(${zone}), 'UTC')`;
      return `CASE WHEN ${v} IS NULL THEN NULL WHEN regexp_full_match(${trimmed}, '${pattern}') AND ${zoneLooksValid} AND ${local} IS NOT NULL THEN ${zonedValue(`trino_instant(${rounded(local)}, ${zoneId})`, zoneId)} ELSE ${error} END`;
    }
    case "varchar":
      return to.length === undefined ? v : `left(${v}, ${to.length})`;
    case "char":
      return `rpad(left(${v}, ${to.length}), ${to.length}, ' ')`;
    case "varbinary":
      return `encode(${v})`;
    case "json":
      return `CAST(to_json(${v}) AS JSON)`;
    case "time":
      return `CASE WHEN ${v} IS NULL THEN NULL WHEN regexp_full_match(${v}, '[0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2}(\\.[0-9]+)?)?') AND TRY_CAST(${v} AS TIME) IS NOT NULL THEN CAST(${v} AS TIME) ELSE ${fail("INVALID_CAST_ARGUMENT", `'Value cannot be cast to time: ' || ${v}`)} END`;
    case "uuid":
      return `coalesce(TRY_CAST(${v} AS UUID), ${fail("INVALID_CAST_ARGUMENT", `'Invalid UUID string length: ' || length(${v})`)})`;
    default:
      return `CAST(${v} AS ${duckType(to)})`;
  }
}

function toVarchar(v: string, from: TrinoType, to: Extract<TrinoType, { kind: "varchar" }>, fail: Failure): string {
  let text: string;
  switch (from.kind) {
    case "double":
    case "real":
      text = doubleToVarchar(`CAST(${v} AS DOUBLE)`);
      break;
    case "timestamp": {
      const local = from.withTimeZone ? localTimeOf(v) : v;
      const fraction = from.precision === 0 ? "" : from.precision <= 6 ? `|| '.' || left(strftime(${local}, '%f'), ${from.precision})` : `|| '.' || rpad(strftime(${local}, '%n'), ${from.precision}, '0')`;
      text = `(strftime(${local}, '%Y-%m-%d %H:%M:%S') ${fraction}${from.withTimeZone ? ` || ' ' || (${v})."zone"` : ""})`;
      break;
    }
    case "json":
      text = `CASE WHEN json_type(${v}) IN ('OBJECT', 'ARRAY') THEN ${fail("INVALID_CAST_ARGUMENT", `'Cannot cast ''' || CAST(${v} AS VARCHAR) || ''' to varchar'`)} WHEN json_type(${v}) = 'NULL' THEN NULL ELSE json_extract_string(${v}, '$') END`;
      break;
    case "char":
    case "varchar":
      text = v;
      break;
    default:
      text = `CAST(${v} AS VARCHAR)`;
  }
  if (to.length === undefined || from.kind === "varchar" || from.kind === "char") return to.length === undefined ? text : `left(${text}, ${to.length})`;
  return `CASE WHEN length(${text}) > ${to.length} THEN ${fail("INVALID_CAST_ARGUMENT", `'Value ' || ${text} || ' cannot be represented as varchar(${to.length})'`)} ELSE ${text} END`;
}

function toIntegral(v: string, from: TrinoType, to: TrinoType, fail: Failure): string {
  const duck = duckType(to);
  if (from.kind === "double" || from.kind === "real") {
    const name = from.kind;
    if (to.kind === "bigint") {
      return `CASE WHEN ${v} IS NULL THEN NULL WHEN isnan(${v}) OR TRY_CAST(round(${v}) AS BIGINT) IS NULL THEN ${fail("INVALID_CAST_ARGUMENT", `'Unable to cast ' || ${doubleToVarchar(`CAST(${v} AS DOUBLE)`)} || ' to bigint'`)} ELSE CAST(round(${v}) AS BIGINT) END`;
    }
    return `CASE WHEN ${v} IS NULL THEN NULL WHEN isnan(${v}) THEN ${fail("INVALID_CAST_ARGUMENT", `'Cannot cast ${name} NaN to ${to.kind}'`)} WHEN TRY_CAST(round(${v}) AS ${duck}) IS NULL THEN ${fail("NUMERIC_VALUE_OUT_OF_RANGE", `'Out of range for ${to.kind}: ' || ${doubleToVarchar(`CAST(${v} AS DOUBLE)`)}`)} ELSE CAST(round(${v}) AS ${duck}) END`;
  }
  if (from.kind === "decimal") {
    return `coalesce(TRY_CAST(${v} AS ${duck}), CASE WHEN ${v} IS NULL THEN NULL ELSE ${fail("INVALID_CAST_ARGUMENT", `'Cannot cast ''' || CAST(${v} AS VARCHAR) || ''' to ${to.kind.toUpperCase()}'`)} END)`;
  }
  if (isIntegral(from)) {
    return `coalesce(TRY_CAST(${v} AS ${duck}), CASE WHEN ${v} IS NULL THEN NULL ELSE ${fail("NUMERIC_VALUE_OUT_OF_RANGE", `'Out of range for ${to.kind}: ' || CAST(${v} AS VARCHAR)`)} END)`;
  }
  return `CAST(${v} AS ${duck})`;
}

/** DuckDB SQL for CAST(v AS to) (or TRY_CAST when `safe`) of a value of Trino type `from`. */
export function castSql(v: string, from: TrinoType, to: TrinoType, safe: boolean): string {
  const fail = failure(safe);
  if (from.kind === "unknown") return `CAST(NULL AS ${duckType(to)})`;
  if (typesEqual(from, to)) return v;
  if (isString(from) && to.kind !== "varchar") return fromVarchar(v, to, fail);
  if (to.kind === "varchar") return toVarchar(v, from, to, fail);
  if (isIntegral(to)) {
    if (from.kind === "boolean") return `CAST(${v} AS ${duckType(to)})`;
    if (from.kind === "json") return `CAST(json_extract(${v}, '$') AS ${duckType(to)})`;
    return toIntegral(v, from, to, fail);
  }
  if (to.kind === "decimal") {
    const name = from.kind === "double" ? "DOUBLE" : from.kind === "real" ? "REAL" : from.kind.toUpperCase();
    return `coalesce(TRY_CAST(${v} AS ${duckType(to)}), CASE WHEN ${v} IS NULL THEN NULL ELSE ${fail("INVALID_CAST_ARGUMENT", `'Cannot cast ${name} ''' || CAST(${v} AS VARCHAR) || ''' to DECIMAL(${to.precision}, ${to.scale})'`)} END)`;
  }
  if (to.kind === "boolean") {
    if (from.kind === "json") return `CAST(json_extract(${v}, '$') AS BOOLEAN)`;
    return `(${v} <> 0)`;
  }
  if (to.kind === "double" || to.kind === "real") return `CAST(${v} AS ${duckType(to)})`;
  if (to.kind === "timestamp") {
    if (from.kind === "date") {
      return to.withTimeZone ? zonedValue(`trino_instant(CAST(${v} AS TIMESTAMP), 'UTC')`, "'UTC'") : `CAST(${v} AS ${timestampDuckType(to.precision)})`;
    }
    if (from.kind === "timestamp") {
      if (!from.withTimeZone && !to.withTimeZone) return to.precision < from.precision ? roundTimestamp(v, to.precision) : `CAST(${v} AS ${timestampDuckType(to.precision)})`;
      if (!from.withTimeZone && to.withTimeZone) return zonedValue(`trino_instant(${to.precision < from.precision ? roundTimestamp(v, to.precision) : v}, 'UTC')`, "'UTC'");
      if (from.withTimeZone && !to.withTimeZone) return roundTimestamp(localTimeOf(v), to.precision);
      return to.precision < from.precision ? zonedValue(`CAST(trino_round_micros((${v})."instant", ${to.precision}) AS TIMESTAMPTZ)`, `(${v})."zone"`) : v;
    }
  }
  if (to.kind === "date" && from.kind === "timestamp") return `CAST(${from.withTimeZone ? localTimeOf(v) : v} AS DATE)`;
  if (to.kind === "time" && from.kind === "timestamp") return `CAST(${from.withTimeZone ? localTimeOf(v) : v} AS TIME)`;
  if (to.kind === "json") return `CAST(to_json(${from.kind === "timestamp" || from.kind === "date" ? castSql(v, from, { kind: "varchar" }, safe) : v}) AS JSON)`;
  if (to.kind === "array" && from.kind === "array") return `list_transform(${v}, "e" -> ${castSql('"e"', from.element, to.element, safe)})`;
  if (to.kind === "array" && from.kind === "json") return `CAST(${v} AS ${duckType(to)})`;
  if (to.kind === "map" && from.kind === "map") {
    return `map_from_entries(list_transform(map_entries(${v}), "e" -> struct_pack("key" := ${castSql('"e"."key"', from.key, to.key, safe)}, "value" := ${castSql('"e"."value"', from.value, to.value, safe)})))`;
  }
  if (to.kind === "map" && from.kind === "json") return `CAST(${v} AS ${duckType(to)})`;
  if (to.kind === "row" && from.kind === "row") {
    const fields = to.fields.map((field, index) => `"${rowFieldKey(field, index).replace(/"/g, '""')}" := ${castSql(`struct_extract(${v}, ${quoteString(rowFieldKey(from.fields[index]!, index))})`, from.fields[index]!.type, field.type, safe)}`);
    return `CASE WHEN ${v} IS NULL THEN NULL ELSE struct_pack(${fields.join(", ")}) END`;
  }
  if (to.kind === "row" && from.kind === "json") {
    // A JSON array fills the fields by position, an object by name (Trino's JSON page: CAST(JSON '[123,"abc",true]' AS ROW(...))).
    const byPosition = to.fields.map((field, index) => `"${rowFieldKey(field, index).replace(/"/g, '""')}" := ${castSql(`json_extract(${v}, '$[${index}]')`, { kind: "json" }, field.type, safe)}`);
    return `CASE WHEN ${v} IS NULL THEN NULL WHEN json_type(${v}) = 'ARRAY' THEN struct_pack(${byPosition.join(", ")}) ELSE CAST(${v} AS ${duckType(to)}) END`;
  }
  return `CAST(${v} AS ${duckType(to)})`;
}

/** The message of an impossible cast, as Trino's analyzer words it. */
export function cannotCast(from: TrinoType, to: TrinoType): string {
  return `Cannot cast ${display(from)} to ${display(to)}`;
}
