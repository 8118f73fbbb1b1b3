import { QueryError } from "../../errors/athenaErrors";
import { localTimeOf, zonedValue } from "../analyze/casts";
import { quoteString } from "../analyze/sqlText";
import { normalizeZone } from "../runtime/dateTimeText";
import { duckType, type TrinoType } from "../types/TrinoType";
import { fail, scalar } from "./define";
import { strftimeOfJoda, strftimeOfMysql } from "./datetimeFormats";
import type { Argument, CallShape, FunctionSignature } from "./FunctionSignature";

/**
 * Trino's date and time functions (https://trino.io/docs/current/functions/datetime.html; io.trino.operator.
 * scalar.DateTimeFunctions). A timestamp with time zone is read in its own zone (hour(), date_trunc(), formats);
 * a plain timestamp is a wall-clock time, in the session zone (UTC, as Athena's) where an instant is needed.
 */

function literal(argument: Argument | undefined): string | undefined {
  const value = argument?.literal?.value;
  return typeof value === "string" ? value : undefined;
}

/** The wall-clock TIMESTAMP of a date or timestamp argument. */
function local(argument: Argument): string {
  const type = argument.type;
  if (type.kind === "timestamp" && type.withTimeZone) return localTimeOf(argument.sql);
  return `CAST(${argument.sql} AS TIMESTAMP)`;
}

/** The instant (TIMESTAMPTZ) of a timestamp argument; a plain timestamp is read in UTC. */
function instant(argument: Argument): string {
  const type = argument.type;
  if (type.kind === "timestamp" && type.withTimeZone) return `(${argument.sql})."instant"`;
  return `trino_instant(${argument.sql}, 'UTC')`;
}

/** Back to the argument's own type from a wall-clock TIMESTAMP (keeping the zone of a timestamp with time zone). */
function rebuild(argument: Argument, wallClock: string): string {
  const type = argument.type;
  if (type.kind === "timestamp" && type.withTimeZone) return zonedValue(`trino_instant(${wallClock}, (${argument.sql})."zone")`, `(${argument.sql})."zone"`);
  return `CAST(${wallClock} AS ${duckType(type)})`;
}

const TIMESTAMP_UNITS = ["millisecond", "second", "minute", "hour", "day", "week", "month", "quarter", "year"];
const DATE_UNITS = ["day", "week", "month", "quarter", "year"];
const TIME_UNITS = ["millisecond", "second", "minute", "hour"];

/** A unit argument checked as Trino checks it: `'hour' is not a valid DATE field`. */
function unitOf(argument: Argument, type: TrinoType): string {
  const unit = literal(argument)?.toLowerCase();
  if (unit === undefined) throw new QueryError("NOT_SUPPORTED", "the unit of a date function must be a literal in the gpu-stream emulator");
  const valid = type.kind === "date" ? DATE_UNITS : type.kind === "time" ? TIME_UNITS : TIMESTAMP_UNITS;
  if (!valid.includes(unit)) throw new QueryError("INVALID_FUNCTION_ARGUMENT", `'${literal(argument)}' is not a valid ${type.kind === "date" ? "DATE" : type.kind === "time" ? "Time" : "Timestamp"} field`);
  return unit;
}

function validateUnit(args: readonly Argument[], index: number, typed: number): void {
  unitOf(args[index]!, args[typed]!.type);
}

/** A field of the wall-clock time, as bigint (year(), hour(), ...). */
function field(name: string, duck: string, kinds: readonly string[] = ["date", "timestamp(p)", "timestamp(p) with time zone"]): FunctionSignature[] {
  return kinds.map((kind) => scalar(name, [kind], "bigint", (args) => `CAST(${duck}(${kind === "date" ? args[0]!.sql : local(args[0]!)}) AS BIGINT)`));
}

function timestampFunctions(name: string, build: (args: readonly Argument[], shape: CallShape) => string, parameters: (ts: string) => string[], returns: (ts: string) => string, validate?: (args: readonly Argument[]) => void): FunctionSignature[] {
  return ["timestamp(p)", "timestamp(p) with time zone"].map((ts) => scalar(name, parameters(ts), returns(ts), build, validate === undefined ? {} : { validate }));
}

/** Trino's from_iso8601_timestamp grammar (Joda ISODateTimeFormat.dateTimeParser): a `T` between date and time. */
const ISO_TIMESTAMP = "([+-]?[0-9]{4,})(-([0-9]{2})(-([0-9]{2}))?)?(T([0-9]{2})(:([0-9]{2})(:([0-9]{2})([.,]([0-9]+))?)?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?";
const ISO_DATE_PREFIX = "^[+-]?[0-9]{4,}(-[0-9]{2}(-[0-9]{2})?)?";

function isoParts(s: string): string {
  return `regexp_extract(${s}, '^${ISO_TIMESTAMP}$', ['year', 'x1', 'month', 'x2', 'day', 'x3', 'hour', 'x4', 'minute', 'x5', 'second', 'x6', 'fraction', 'zone'])`;
}

function malformed(shape: CallShape, s: string): string {
  const suffix = `substring(${s}, length(regexp_extract(${s}, '${ISO_DATE_PREFIX}')) + 1)`;
  return fail(shape, "INVALID_FUNCTION_ARGUMENT", `'Invalid format: "' || ${s} || '" is malformed at "' || ${suffix} || '"'`);
}

function isoLocal(p: string, digits = 3): string {
  const part = (name: string, fallback: string): string => `coalesce(nullif(${p}.${name}, ''), '${fallback}')`;
  return `TRY_CAST(${part("year", "0")} || '-' || ${part("month", "01")} || '-' || ${part("day", "01")} || ' ' || ${part("hour", "00")} || ':' || ${part("minute", "00")} || ':' || ${part("second", "00")} || '.' || rpad(left(${part("fraction", "0")}, ${digits}), ${digits}, '0') AS TIMESTAMP)`;
}

export const DATETIME_FUNCTIONS: readonly FunctionSignature[] = [
  scalar("now", [], "timestamp(3) with time zone", () => zonedValue("CAST(trino_round_micros(CAST(get_current_timestamp() AS TIMESTAMP), 3) AS TIMESTAMPTZ)", "'UTC'")),
  scalar("current_timezone", [], "varchar", () => "'UTC'"),
  scalar(
    "date_parse",
    ["varchar(x)", "varchar(y)"],
    "timestamp(3)",
    (args, shape) => {
      const format = strftimeOfMysql(literal(args[1]) ?? "");
      // Joda keeps milliseconds: the fraction is cut, not rounded (unlike a cast).
      let parsed = `CAST(try_strptime(${args[0]!.sql}, ${quoteString(format)}) AS TIMESTAMP_MS)`;
      // %y is Joda's two-digit year with Trino's pivot 2020: 70..99 are 19xx and 00..69 20xx; strptime reads 69 as 1969.
      if (format.includes("%y")) parsed = `CASE WHEN year(${parsed}) = 1969 THEN ${parsed} + INTERVAL 100 YEAR ELSE ${parsed} END`;
      return `CASE WHEN ${args[0]!.sql} IS NULL THEN NULL ELSE coalesce(${parsed}, ${fail(shape, "INVALID_FUNCTION_ARGUMENT", `'Invalid format: "' || ${args[0]!.sql} || '"'`)}) END`;
    },
    {
      validate: (args) => {
        if (literal(args[1]) === undefined) throw new QueryError("NOT_SUPPORTED", "date_parse takes a literal format in the gpu-stream emulator");
        strftimeOfMysql(literal(args[1])!);
      },
    },
  ),
  ...["date", "timestamp(p)", "timestamp(p) with time zone"].map((kind) =>
    scalar("date_format", [kind, "varchar(x)"], "varchar", (args) => `strftime(${kind === "date" ? `CAST(${args[0]!.sql} AS TIMESTAMP)` : local(args[0]!)}, ${quoteString(strftimeOfMysql(literal(args[1]) ?? ""))})`, {
      validate: (args) => {
        if (literal(args[1]) === undefined) throw new QueryError("NOT_SUPPORTED", "date_format takes a literal format in the gpu-stream emulator");
        strftimeOfMysql(literal(args[1])!);
      },
    }),
  ),
  ...["date", "timestamp(p)", "timestamp(p) with time zone"].map((kind) =>
    scalar("format_datetime", [kind, "varchar(x)"], "varchar", (args) => {
      const format = strftimeOfJoda(literal(args[1]) ?? "");
      const zone = kind.endsWith("time zone") ? `(${args[0]!.sql})."zone"` : "'UTC'";
      return `replace(strftime(${kind === "date" ? `CAST(${args[0]!.sql} AS TIMESTAMP)` : local(args[0]!)}, ${quoteString(format)}), '%Z', ${zone})`;
    }, {
      validate: (args) => {
        if (literal(args[1]) === undefined) throw new QueryError("NOT_SUPPORTED", "format_datetime takes a literal format in the gpu-stream emulator");
        strftimeOfJoda(literal(args[1])!);
      },
    }),
  ),
  scalar(
    "parse_datetime",
    ["varchar(x)", "varchar(y)"],
    "timestamp(3) with time zone",
    (args, shape) =>
      `CASE WHEN ${args[0]!.sql} IS NULL THEN NULL ELSE coalesce(${zonedValue(`trino_instant(CAST(try_strptime(${args[0]!.sql}, ${quoteString(strftimeOfJoda(literal(args[1]) ?? ""))}) AS TIMESTAMP_MS), 'UTC')`, "'UTC'")}, ${fail(shape, "INVALID_FUNCTION_ARGUMENT", `'Invalid format: "' || ${args[0]!.sql} || '"'`)}) END`,
    {
      validate: (args) => {
        if (literal(args[1]) === undefined) throw new QueryError("NOT_SUPPORTED", "parse_datetime takes a literal format in the gpu-stream emulator");
        strftimeOfJoda(literal(args[1])!);
      },
    },
  ),
  scalar("date_trunc", ["varchar(x)", "date"], "date", (args) => `CAST(date_trunc(${quoteString(unitOf(args[0]!, args[1]!.type))}, ${args[1]!.sql}) AS DATE)`, { validate: (args) => validateUnit(args, 0, 1) }),
  ...timestampFunctions(
    "date_trunc",
    (args) => rebuild(args[1]!, `date_trunc(${quoteString(unitOf(args[0]!, args[1]!.type))}, ${local(args[1]!)})`),
    (ts) => ["varchar(x)", ts],
    (ts) => ts,
    (args) => validateUnit(args, 0, 1),
  ),
  // A time of day is a timestamp on 1970-01-01 whose date is dropped: additions wrap around midnight.
  scalar("date_trunc", ["varchar(x)", "time(p)"], "time(p)", (args) => `CAST(date_trunc(${quoteString(unitOf(args[0]!, args[1]!.type))}, DATE '1970-01-01' + CAST(${args[1]!.sql} AS TIME)) AS TIME)`, { validate: (args) => validateUnit(args, 0, 1) }),
  scalar("date_add", ["varchar(x)", "bigint", "time(p)"], "time(p)", (args) => `CAST(DATE '1970-01-01' + CAST(${args[2]!.sql} AS TIME) + ${intervalOf(unitOf(args[0]!, args[2]!.type), args[1]!.sql)} AS TIME)`, { validate: (args) => validateUnit(args, 0, 2) }),
  scalar("date_diff", ["varchar(x)", "time(p)", "time(p)"], "bigint", (args) => `date_sub(${quoteString(unitOf(args[0]!, args[1]!.type))}, DATE '1970-01-01' + CAST(${args[1]!.sql} AS TIME), DATE '1970-01-01' + CAST(${args[2]!.sql} AS TIME))`, { validate: (args) => validateUnit(args, 0, 1) }),
  scalar("date_add", ["varchar(x)", "bigint", "date"], "date", (args) => `CAST(${args[2]!.sql} + ${intervalOf(unitOf(args[0]!, args[2]!.type), args[1]!.sql)} AS DATE)`, { validate: (args) => validateUnit(args, 0, 2) }),
  ...timestampFunctions(
    "date_add",
    (args) => {
      const unit = unitOf(args[0]!, args[2]!.type);
      const interval = intervalOf(unit, args[1]!.sql);
      if (args[2]!.type.kind === "timestamp" && args[2]!.type.withTimeZone && !["month", "quarter", "year", "day", "week"].includes(unit)) {
        return zonedValue(`((${args[2]!.sql})."instant" + ${interval})`, `(${args[2]!.sql})."zone"`);
      }
      return rebuild(args[2]!, `(${local(args[2]!)} + ${interval})`);
    },
    (ts) => ["varchar(x)", "bigint", ts],
    (ts) => ts,
    (args) => validateUnit(args, 0, 2),
  ),
  // Trino counts whole units elapsed (Joda's getDifference), which is DuckDB's date_sub, not its date_diff.
  scalar("date_diff", ["varchar(x)", "date", "date"], "bigint", (args) => `date_sub(${quoteString(unitOf(args[0]!, args[1]!.type))}, ${args[1]!.sql}, ${args[2]!.sql})`, { validate: (args) => validateUnit(args, 0, 1) }),
  ...timestampFunctions(
    "date_diff",
    (args) => {
      const unit = unitOf(args[0]!, args[1]!.type);
      const [a, b] = [args[1]!, args[2]!];
      const utc = (argument: Argument): string => `timezone('UTC', ${instant(argument)})`;
      return ["millisecond", "second", "minute", "hour"].includes(unit) ? `date_sub(${quoteString(unit)}, ${utc(a)}, ${utc(b)})` : `date_sub(${quoteString(unit)}, ${local(a)}, ${local(b)})`;
    },
    (ts) => ["varchar(x)", ts, ts],
    () => "bigint",
    (args) => validateUnit(args, 0, 1),
  ),
  ...["double", "bigint"].map((kind) =>
    scalar("from_unixtime", [kind], "timestamp(3) with time zone", (args) => zonedValue(`CAST(make_timestamp_ms(CAST(round(CAST(${args[0]!.sql} AS DOUBLE) * 1000) AS BIGINT)) AS TIMESTAMPTZ)`, "'UTC'")),
  ),
  scalar("from_unixtime", ["double", "varchar(x)"], "timestamp(3) with time zone", (args, shape) => {
    const zone = literal(args[1]);
    const normalized = zone === undefined ? undefined : normalizeZone(zone);
    const zoneSql = normalized === undefined ? `trino_zone_id(${args[1]!.sql})` : quoteString(normalized);
    return zone !== undefined && normalized === undefined
      ? fail(shape, "INVALID_FUNCTION_ARGUMENT", quoteString(`Time zone not supported: ${zone}`))
      : zonedValue(`CAST(make_timestamp_ms(CAST(round(${args[0]!.sql} * 1000) AS BIGINT)) AS TIMESTAMPTZ)`, zoneSql);
  }),
  scalar("from_unixtime", ["double", "bigint", "bigint"], "timestamp(3) with time zone", (args) =>
    zonedValue(`CAST(make_timestamp_ms(CAST(round(${args[0]!.sql} * 1000) AS BIGINT)) AS TIMESTAMPTZ)`, `trino_zone_id(CASE WHEN ${args[1]!.sql} < 0 OR ${args[2]!.sql} < 0 THEN '-' ELSE '+' END || lpad(CAST(abs(${args[1]!.sql}) AS VARCHAR), 2, '0') || ':' || lpad(CAST(abs(${args[2]!.sql}) AS VARCHAR), 2, '0'))`),
  ),
  ...timestampFunctions("to_unixtime", (args) => `(epoch_ms(${instant(args[0]!)}) / 1000.0)`, (ts) => [ts], () => "double"),
  scalar("from_iso8601_timestamp", ["varchar(x)"], "timestamp(3) with time zone", (args, shape) => {
    const s = args[0]!.sql;
    const parts = isoParts(s);
    const zone = `coalesce(trino_zone_id(nullif(${parts}.zone, '')), 'UTC')`;
    return `CASE WHEN ${s} IS NULL THEN NULL WHEN regexp_full_match(${s}, '${ISO_TIMESTAMP}') AND ${isoLocal(parts)} IS NOT NULL THEN ${zonedValue(`trino_instant(${isoLocal(parts)}, ${zone})`, zone)} ELSE ${malformed(shape, s)} END`;
  }),
  // Joda's ISODateTimeFormat.dateParser: a calendar date, a week date (2020-W10, 2020-W10-5) or an ordinal date (2020-123).
  scalar("from_iso8601_date", ["varchar(x)"], "date", (args, shape) => {
    const s = args[0]!.sql;
    const week = `regexp_extract(${s}, '^([+-]?[0-9]{4,})-W([0-9]{2})(?:-([1-7]))?$', ['y', 'w', 'd'])`;
    const ordinal = `regexp_extract(${s}, '^([+-]?[0-9]{4,})-([0-9]{3})$', ['y', 'd'])`;
    return `CASE WHEN ${s} IS NULL THEN NULL WHEN regexp_full_match(${s}, '[+-]?[0-9]{4,}-W[0-9]{2}(-[1-7])?') AND TRY_CAST(${week}.w AS INTEGER) BETWEEN 1 AND 53 THEN trino_week_date(CAST(${week}.y AS INTEGER), CAST(${week}.w AS INTEGER), CAST(coalesce(nullif(${week}.d, ''), '1') AS INTEGER)) WHEN regexp_full_match(${s}, '[+-]?[0-9]{4,}-[0-9]{3}') AND TRY_CAST(${ordinal}.d AS INTEGER) BETWEEN 1 AND dayofyear(make_date(TRY_CAST(${ordinal}.y AS INTEGER), 12, 31)) THEN CAST(make_date(CAST(${ordinal}.y AS INTEGER), 1, 1) + CAST(${ordinal}.d AS INTEGER) - 1 AS DATE) WHEN regexp_full_match(${s}, '[+-]?[0-9]{4,}(-[0-9]{2}(-[0-9]{2})?)?') AND TRY_CAST(${s} || substring('-01-01', length(${s}) - length(regexp_extract(${s}, '^[+-]?[0-9]{4,}')) + 1) AS DATE) IS NOT NULL THEN CAST(${s} || substring('-01-01', length(${s}) - length(regexp_extract(${s}, '^[+-]?[0-9]{4,}')) + 1) AS DATE) ELSE ${malformed(shape, s)} END`;
  }),
  scalar("from_iso8601_timestamp_nanos", ["varchar(x)"], "timestamp(9) with time zone", (args, shape) => {
    const s = args[0]!.sql;
    const parts = isoParts(s);
    const zone = `coalesce(trino_zone_id(nullif(${parts}.zone, '')), 'UTC')`;
    return `CASE WHEN ${s} IS NULL THEN NULL WHEN regexp_full_match(${s}, '${ISO_TIMESTAMP}') AND ${isoLocal(parts, 6)} IS NOT NULL THEN ${zonedValue(`trino_instant(${isoLocal(parts, 6)}, ${zone})`, zone)} ELSE ${malformed(shape, s)} END`;
  }),
  // Nanoseconds since the epoch; a DuckDB instant holds microseconds, so the last three digits are lost.
  ...["bigint", "decimal(p,s)"].map((kind) =>
    scalar("from_unixtime_nanos", [kind], "timestamp(9) with time zone", (args) => zonedValue(`CAST(make_timestamp(CAST(floor(${args[0]!.sql} / 1000) AS BIGINT)) AS TIMESTAMPTZ)`, "'UTC'")),
  ),
  // airlift's Duration.valueOf: a number and a unit (ns, us, ms, s, m, h, d), rounded to milliseconds.
  scalar("parse_duration", ["varchar(x)"], "interval day to second", (args, shape) => {
    const s = args[0]!.sql;
    const parts = `regexp_extract(${s}, '^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z]+)\\s*$', ['value', 'unit'])`;
    const factor = `list_extract([0.000001, 0.001, 1, 1000, 60000, 3600000, 86400000], list_position(['ns', 'us', 'ms', 's', 'm', 'h', 'd'], ${parts}.unit))`;
    return `CASE WHEN ${s} = '' THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'duration is empty'")} WHEN NOT regexp_full_match(${s}, '\\s*[0-9]+(\\.[0-9]+)?\\s*[a-zA-Z]+\\s*') THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", `'duration is not a valid data duration string: ' || ${s}`)} WHEN ${factor} IS NULL THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", `'Unknown time unit: ' || ${parts}.unit`)} ELSE to_milliseconds(CAST(floor(CAST(${parts}.value AS DOUBLE) * ${factor} + 0.5) AS BIGINT)) END`;
  }),
  scalar("human_readable_seconds", ["double"], "varchar", (args, shape) => {
    const x = args[0]!.sql;
    return `CASE WHEN isnan(${x}) OR isinf(${x}) THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", `'Invalid argument found: ' || CASE WHEN isnan(${x}) THEN 'NaN' WHEN ${x} > 0 THEN 'Infinity' ELSE '-Infinity' END`)} ELSE trino_human_seconds(CAST(floor(abs(${x}) + 0.5) AS BIGINT)) END`;
  }),
  scalar("to_iso8601", ["date"], "varchar", (args) => `strftime(${args[0]!.sql}, '%Y-%m-%d')`),
  scalar("to_iso8601", ["timestamp(p)"], "varchar", (args) => {
    const type = args[0]!.type as { precision: number };
    const seconds = `strftime(CAST(${args[0]!.sql} AS TIMESTAMP), '%Y-%m-%dT%H:%M:%S')`;
    if (type.precision === 0) return seconds;
    return `(${seconds} || '.' || left(strftime(CAST(${args[0]!.sql} AS TIMESTAMP), '%f'), ${Math.min(6, type.precision)}))`;
  }),
  scalar("to_iso8601", ["timestamp(p) with time zone"], "varchar", (args) => {
    const type = args[0]!.type as { precision: number };
    const zone = `(${args[0]!.sql})."zone"`;
    return `(strftime(${local(args[0]!)}, '%Y-%m-%dT%H:%M:%S') || '.' || left(strftime(${local(args[0]!)}, '%f'), ${Math.min(6, Math.max(1, type.precision))}) || CASE WHEN ${zone} = 'UTC' THEN 'Z' WHEN trino_is_offset(${zone}) THEN ${zone} ELSE strftime(timezone(${zone}, (${args[0]!.sql})."instant"), '%z') END)`;
  }),
  ...field("year", "year"),
  ...field("quarter", "quarter"),
  ...field("month", "month"),
  ...field("week", "week"),
  ...field("week_of_year", "week"),
  ...field("day", "day"),
  ...field("day_of_month", "day"),
  ...field("day_of_week", "isodow"),
  ...field("dow", "isodow"),
  ...field("day_of_year", "dayofyear"),
  ...field("doy", "dayofyear"),
  ...field("year_of_week", "isoyear"),
  ...field("yow", "isoyear"),
  ...field("hour", "hour", ["timestamp(p)", "timestamp(p) with time zone", "time(p)"]),
  ...field("minute", "minute", ["timestamp(p)", "timestamp(p) with time zone", "time(p)"]),
  ...field("second", "second", ["timestamp(p)", "timestamp(p) with time zone", "time(p)"]),
  ...field("millisecond", "millisecond", ["timestamp(p)", "timestamp(p) with time zone", "time(p)"]).map((signature) => ({ ...signature, generate: (args: readonly Argument[]) => `CAST(millisecond(${local(args[0]!)}) % 1000 AS BIGINT)` })),
  scalar("day", ["interval day to second"], "bigint", (args) => `CAST(epoch_us(${args[0]!.sql}) // 86400000000 AS BIGINT)`),
  scalar("hour", ["interval day to second"], "bigint", (args) => `CAST(epoch_us(${args[0]!.sql}) // 3600000000 % 24 AS BIGINT)`),
  scalar("minute", ["interval day to second"], "bigint", (args) => `CAST(epoch_us(${args[0]!.sql}) // 60000000 % 60 AS BIGINT)`),
  scalar("second", ["interval day to second"], "bigint", (args) => `CAST(epoch_us(${args[0]!.sql}) // 1000000 % 60 AS BIGINT)`),
  scalar("year", ["interval year to month"], "bigint", (args) => `CAST(datepart('year', ${args[0]!.sql}) AS BIGINT)`),
  scalar("month", ["interval year to month"], "bigint", (args) => `CAST(datepart('month', ${args[0]!.sql}) AS BIGINT)`),
  scalar("last_day_of_month", ["date"], "date", (args) => `last_day(${args[0]!.sql})`),
  ...timestampFunctions("last_day_of_month", (args) => `last_day(${local(args[0]!)})`, (ts) => [ts], () => "date"),
  scalar("timezone_hour", ["timestamp(p) with time zone"], "bigint", (args) => `CAST(trunc((epoch(${localTimeOf(args[0]!.sql)}) - epoch(timezone('UTC', (${args[0]!.sql})."instant"))) / 3600) AS BIGINT)`),
  scalar("timezone_minute", ["timestamp(p) with time zone"], "bigint", (args) => `CAST(trunc((epoch(${localTimeOf(args[0]!.sql)}) - epoch(timezone('UTC', (${args[0]!.sql})."instant"))) / 60) % 60 AS BIGINT)`),
  scalar("at_timezone", ["timestamp(p) with time zone", "varchar(x)"], "timestamp(p) with time zone", (args) => zonedValue(`(${args[0]!.sql})."instant"`, `trino_zone_id(${args[1]!.sql})`)),
  scalar("with_timezone", ["timestamp(p)", "varchar(x)"], (args) => ({ kind: "timestamp", precision: (args[0] as { precision: number }).precision, withTimeZone: true }), (args) => zonedValue(`trino_instant(${args[0]!.sql}, trino_zone_id(${args[1]!.sql}))`, `trino_zone_id(${args[1]!.sql})`)),
  scalar("to_milliseconds", ["interval day to second"], "bigint", (args) => `CAST(epoch_ms(${args[0]!.sql}) AS BIGINT)`),
  scalar("date", ["varchar(x)"], "date", (args, shape) => `coalesce(TRY_CAST(${args[0]!.sql} AS DATE), CASE WHEN ${args[0]!.sql} IS NULL THEN NULL ELSE ${fail(shape, "INVALID_CAST_ARGUMENT", `'Value cannot be cast to date: ' || ${args[0]!.sql}`)} END)`),
  ...timestampFunctions("date", (args) => `CAST(${local(args[0]!)} AS DATE)`, (ts) => [ts], () => "date"),
];

/** `n` units as a DuckDB interval. */
function intervalOf(unit: string, count: string): string {
  switch (unit) {
    case "millisecond":
      return `to_milliseconds(${count})`;
    case "quarter":
      return `to_months(${count} * 3)`;
    case "week":
      return `to_days(${count} * 7)`;
    default:
      return `to_${unit}s(${count})`;
  }
}
