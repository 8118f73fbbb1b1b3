import { QueryError } from "../../errors/athenaErrors";
import { MAX_ROW_BYTES } from "../../scan/rowSizeLimit";
import { localTimeOf } from "../analyze/casts";
import { quoteString } from "../analyze/sqlText";
import { isIntegral, type TrinoType } from "../types/TrinoType";
import { bind, fail, literalText } from "./define";
import type { Argument, CallShape } from "./FunctionSignature";

/**
 * Trino's format(format, args...) (io.trino.operator.scalar.FormatFunction): java.util.Formatter in the en_US
 * locale, each argument passed as the Java object of its type (integers as Long, double as Double, decimal as
 * BigDecimal, date as LocalDate, timestamp as LocalDateTime, timestamp with time zone as ZonedDateTime, NULL as
 * null). The format must be a literal here; it is parsed once and each specifier written as DuckDB SQL. A
 * Formatter exception is Trino's `Invalid format string: <format> (<Exception>: <message>)`.
 */

const SPECIFIER = /%(\d+\$)?([-#+ 0,(<]*)?(\d+)?(\.\d+)?([tT])?([a-zA-Z%])/y;

interface Specifier {
  readonly text: string;
  readonly index?: number;
  readonly flags: string;
  readonly width?: number;
  readonly precision?: number;
  readonly time: boolean;
  readonly upper: boolean;
  readonly conversion: string;
}

class FormatFailure extends Error {
  constructor(readonly exception: string) {
    super(exception);
  }
}

/** A conversion that does not fit its argument's Java class: Java checks it only when the argument is not null. */
class ConversionFailure extends FormatFailure {}

/** The Java class a Trino value is formatted as, for IllegalFormatConversionException's message. */
function javaClass(type: TrinoType): string {
  if (isIntegral(type)) return "java.lang.Long";
  switch (type.kind) {
    case "double":
      return "java.lang.Double";
    case "real":
      return "java.lang.Float";
    case "decimal":
      return "java.math.BigDecimal";
    case "boolean":
      return "java.lang.Boolean";
    case "date":
      return "java.time.LocalDate";
    case "time":
      return "java.time.LocalTime";
    case "timestamp":
      return type.withTimeZone ? "java.time.ZonedDateTime" : "java.time.LocalDateTime";
    default:
      return "java.lang.String";
  }
}

/** A width is padding the emulator would build whole: held to Athena's row size limit (rowSizeLimit.ts). */
function checkedWidth(width: number): number {
  if (width > MAX_ROW_BYTES) {
    throw new QueryError("NOT_SUPPORTED", `format to a width of ${width}: values over 32 MB (Athena's row and column size limit) are not supported by the gpu-stream emulator`);
  }
  return width;
}

function parse(format: string): (string | Specifier)[] {
  const pieces: (string | Specifier)[] = [];
  let text = "";
  for (let i = 0; i < format.length; ) {
    if (format[i] !== "%") {
      text += format[i++];
      continue;
    }
    SPECIFIER.lastIndex = i;
    const match = SPECIFIER.exec(format);
    if (match === null) throw new FormatFailure(`UnknownFormatConversion: Conversion = '${format[i + 1] ?? "%"}'`);
    if (text !== "") pieces.push(text);
    text = "";
    const conversion = match[6]!;
    pieces.push({
      text: match[0],
      ...(match[1] === undefined ? {} : { index: Number(match[1].slice(0, -1)) }),
      flags: match[2] ?? "",
      ...(match[3] === undefined ? {} : { width: checkedWidth(Number(match[3])) }),
      ...(match[4] === undefined ? {} : { precision: Number(match[4].slice(1)) }),
      time: match[5] !== undefined,
      upper: match[5] === "T" || (match[5] === undefined && conversion !== conversion.toLowerCase()),
      conversion: match[5] === undefined ? conversion.toLowerCase() : conversion,
    });
    i += match[0].length;
  }
  if (text !== "") pieces.push(text);
  return pieces;
}

/** Spaces to the width, on the left (or the right with the `-` flag). */
function justify(sql: string, spec: Specifier): string {
  if (spec.width === undefined) return sql;
  return spec.flags.includes("-") ? `rpad(${sql}, CAST(greatest(length(${sql}), ${spec.width}) AS INTEGER), ' ')` : `lpad(${sql}, CAST(greatest(length(${sql}), ${spec.width}) AS INTEGER), ' ')`;
}

/** A number's digits (`magnitude`, of |x|) with Formatter's sign flags and zero padding. */
function signed(magnitude: string, negative: string, spec: Specifier): string {
  const flags = spec.flags;
  const sign = `CASE WHEN ${negative} THEN ${flags.includes("(") ? "'('" : "'-'"} ELSE ${flags.includes("+") ? "'+'" : flags.includes(" ") ? "' '" : "''"} END`;
  const suffix = flags.includes("(") ? `CASE WHEN ${negative} THEN ')' ELSE '' END` : "''";
  const digits = flags.includes("0") && spec.width !== undefined ? `lpad(${magnitude}, CAST(greatest(length(${magnitude}), ${spec.width} - length(${sign}) - length(${suffix})) AS INTEGER), '0')` : magnitude;
  return `(${sign} || ${digits} || ${suffix})`;
}

/** Java's Double.toString: plain between 10^-3 and 10^7, else `d.dddE±n`. */
function javaDouble(x: string): string {
  return `CASE WHEN isnan(${x}) THEN 'NaN' WHEN isinf(${x}) THEN CASE WHEN ${x} > 0 THEN 'Infinity' ELSE '-Infinity' END WHEN ${x} = 0 OR (abs(${x}) >= 0.001 AND abs(${x}) < 10000000) THEN CASE WHEN CAST(${x} AS VARCHAR) LIKE '%.%' THEN CAST(${x} AS VARCHAR) ELSE CAST(${x} AS VARCHAR) || '.0' END ELSE trino_double_to_varchar(${x}) END`;
}

/** The wall-clock TIMESTAMP of a date/time argument. */
function wallClock(arg: Argument): string {
  const type = arg.type;
  if (type.kind === "timestamp" && type.withTimeZone) return localTimeOf(arg.sql);
  if (type.kind === "time") return `(DATE '1970-01-01' + CAST(${arg.sql} AS TIME))`;
  if (isIntegral(type)) return `make_timestamp(CAST(${arg.sql} AS BIGINT) * 1000)`;
  return `CAST(${arg.sql} AS TIMESTAMP)`;
}

/** LocalTime.toString: HH:mm, then :ss and the fraction in groups of three digits when not zero. */
function javaTime(ts: string): string {
  const fraction = `CAST(epoch_ns(${ts}) % 1000000000 AS BIGINT)`;
  return `strftime(${ts}, '%H:%M') || CASE WHEN second(${ts}) = 0 AND ${fraction} = 0 THEN '' ELSE strftime(${ts}, ':%S') END || CASE WHEN ${fraction} = 0 THEN '' WHEN ${fraction} % 1000000 = 0 THEN '.' || lpad(CAST(${fraction} // 1000000 AS VARCHAR), 3, '0') WHEN ${fraction} % 1000 = 0 THEN '.' || lpad(CAST(${fraction} // 1000 AS VARCHAR), 6, '0') ELSE '.' || lpad(CAST(${fraction} AS VARCHAR), 9, '0') END`;
}

/** A zone's offset at an instant as `+hhmm`. */
function offset(arg: Argument): string {
  const seconds = `CAST(epoch(${localTimeOf(arg.sql)}) - epoch(timezone('UTC', (${arg.sql})."instant")) AS BIGINT)`;
  return `(CASE WHEN ${seconds} < 0 THEN '-' ELSE '+' END || lpad(CAST(abs(${seconds}) // 3600 AS VARCHAR), 2, '0') || lpad(CAST(abs(${seconds}) % 3600 // 60 AS VARCHAR), 2, '0'))`;
}

/** String.valueOf of the argument's Java object. */
function javaString(arg: Argument): string {
  const type = arg.type;
  if (isIntegral(type) || type.kind === "decimal") return `CAST(${arg.sql} AS VARCHAR)`;
  switch (type.kind) {
    case "unknown":
      return "CAST(NULL AS VARCHAR)";
    case "boolean":
      return `CASE WHEN ${arg.sql} THEN 'true' ELSE 'false' END`;
    case "double":
      return javaDouble(arg.sql);
    case "real":
      return javaDouble(`CAST(CAST(${arg.sql} AS VARCHAR) AS DOUBLE)`);
    case "date":
      return `strftime(${arg.sql}, '%Y-%m-%d')`;
    case "time":
      return javaTime(wallClock(arg));
    case "timestamp": {
      const local = `strftime(${wallClock(arg)}, '%Y-%m-%dT') || ${javaTime(wallClock(arg))}`;
      if (!type.withTimeZone) return local;
      return `${local} || CASE WHEN ${offset(arg)} = '+0000' THEN 'Z' ELSE substring(${offset(arg)}, 1, 3) || ':' || substring(${offset(arg)}, 4, 2) END || '[' || (${arg.sql})."zone" || ']'`;
    }
    default:
      return `CAST(${arg.sql} AS VARCHAR)`;
  }
}

const DATE_ONLY = new Set(["A", "a", "B", "b", "h", "C", "Y", "y", "j", "m", "d", "e", "D", "F"]);
const ZONED = new Set(["z", "Z", "s", "Q", "c"]);

/** A %t conversion of a wall-clock TIMESTAMP (and, for the zoned ones, its zone). */
function dateTimeField(conversion: string, arg: Argument): string {
  const ts = wallClock(arg);
  const time = (format: string): string => `strftime(${ts}, '${format}')`;
  switch (conversion) {
    case "C":
      return `lpad(CAST(year(${ts}) // 100 AS VARCHAR), 2, '0')`;
    case "Y":
      return `lpad(CAST(year(${ts}) AS VARCHAR), 4, '0')`;
    case "e":
      return `CAST(day(${ts}) AS VARCHAR)`;
    case "k":
      return `CAST(hour(${ts}) AS VARCHAR)`;
    case "l":
      return `CAST(CASE WHEN hour(${ts}) % 12 = 0 THEN 12 ELSE hour(${ts}) % 12 END AS VARCHAR)`;
    case "L":
      return `lpad(CAST(CAST(epoch_ns(${ts}) % 1000000000 AS BIGINT) // 1000000 AS VARCHAR), 3, '0')`;
    case "N":
      return `lpad(CAST(CAST(epoch_ns(${ts}) % 1000000000 AS BIGINT) AS VARCHAR), 9, '0')`;
    case "p":
      return `lower(${time("%p")})`;
    case "z":
      return isIntegral(arg.type) ? "'+0000'" : offset(arg);
    case "Z":
      return isIntegral(arg.type) ? "'UTC'" : `(${arg.sql})."zone"`;
    case "s":
      return isIntegral(arg.type) ? `CAST(${arg.sql} // 1000 AS VARCHAR)` : `CAST(epoch(timezone('UTC', (${arg.sql})."instant")) AS BIGINT)::VARCHAR`;
    case "Q":
      return isIntegral(arg.type) ? `CAST(${arg.sql} AS VARCHAR)` : `CAST(epoch_ms(timezone('UTC', (${arg.sql})."instant")) AS VARCHAR)`;
    case "c":
      return `${time("%a %b %d %H:%M:%S ")} || ${dateTimeField("Z", arg)} || ' ' || ${dateTimeField("Y", arg)}`;
    default: {
      const strftime: Readonly<Record<string, string>> = { A: "%A", a: "%a", B: "%B", b: "%b", h: "%b", y: "%y", j: "%j", m: "%m", d: "%d", H: "%H", I: "%I", M: "%M", S: "%S", R: "%H:%M", T: "%H:%M:%S", r: "%I:%M:%S %p", D: "%m/%d/%y", F: "%Y-%m-%d" };
      const format = strftime[conversion];
      if (format === undefined) throw new FormatFailure(`UnknownFormatConversion: Conversion = 't${conversion}'`);
      return time(format);
    }
  }
}

/** Java's %f of a double: its shortest decimal digits rounded HALF_UP (so 0.125 is 0.13), grouped with `,` if asked. */
function fixed(arg: Argument, precision: number, grouping: boolean): string {
  const x = arg.sql;
  const rounded = arg.type.kind === "decimal" ? `round(abs(${x}), ${precision})` : `CASE WHEN abs(${x}) < 1e18 THEN CAST(round(CAST(CAST(abs(${x}) AS VARCHAR) AS DECIMAL(38,18)), ${precision}) AS DOUBLE) ELSE abs(${x}) END`;
  return `format('{:${grouping ? "," : ""}.${precision}f}', CAST(${rounded} AS DOUBLE))`;
}

function specifierSql(spec: Specifier, arg: Argument | undefined): string {
  const { conversion } = spec;
  if (conversion === "%") return justify("'%'", spec);
  if (conversion === "n") return "chr(10)";
  if (arg === undefined) throw new Error("unreachable");
  const type = arg.type;
  const mismatch = (): string => {
    throw new ConversionFailure(`IllegalFormatConversion: ${conversion} != ${javaClass(type)}`);
  };
  const isNumber = isIntegral(type) || ["double", "real", "decimal"].includes(type.kind);
  let sql: string;
  if (spec.time) {
    const dateTime = ["date", "timestamp", "time"].includes(type.kind) || isIntegral(type);
    if (!dateTime && type.kind !== "unknown") mismatch();
    if ((type.kind === "date" && !DATE_ONLY.has(conversion)) || (type.kind === "time" && (DATE_ONLY.has(conversion) || ZONED.has(conversion))) || (type.kind === "timestamp" && !type.withTimeZone && ZONED.has(conversion))) mismatch();
    sql = type.kind === "unknown" ? "'null'" : dateTimeField(conversion, arg);
  } else {
    switch (conversion) {
      case "s":
        if (spec.flags.includes("#")) throw new FormatFailure(`FormatFlagsConversionMismatch: Conversion = s, Flags = #`);
        sql = spec.precision === undefined ? javaString(arg) : `left(${javaString(arg)}, ${spec.precision})`;
        break;
      case "b":
        sql = type.kind === "boolean" ? `CASE WHEN ${arg.sql} THEN 'true' ELSE 'false' END` : `CASE WHEN ${arg.sql} IS NULL THEN 'false' ELSE 'true' END`;
        if (spec.precision !== undefined) sql = `left(${sql}, ${spec.precision})`;
        return justify(spec.upper ? `upper(${sql})` : sql, spec);
      case "d":
      case "x":
      case "o":
        if (spec.precision !== undefined) throw new FormatFailure(`IllegalFormatPrecision: ${spec.precision}`);
        if (!isIntegral(type) && type.kind !== "unknown") mismatch();
        if (conversion === "d") sql = signed(spec.flags.includes(",") ? `format('{:,}', abs(CAST(${arg.sql} AS HUGEINT)))` : `CAST(abs(CAST(${arg.sql} AS HUGEINT)) AS VARCHAR)`, `${arg.sql} < 0`, spec);
        else {
          const digits = `printf('%${conversion}', CAST((CAST(${arg.sql} AS HUGEINT) + 18446744073709551616) % 18446744073709551616 AS UBIGINT))`;
          const prefix = spec.flags.includes("#") ? (conversion === "x" ? "'0x' || " : "'0' || ") : "";
          sql = spec.flags.includes("0") && spec.width !== undefined ? `${prefix}lpad(${digits}, CAST(greatest(length(${digits}), ${spec.width} - ${prefix === "" ? 0 : conversion === "x" ? 2 : 1}) AS INTEGER), '0')` : `${prefix}${digits}`;
        }
        break;
      case "f":
      case "e":
      case "g": {
        if (!isNumber && type.kind !== "unknown") mismatch();
        if (isIntegral(type)) mismatch();
        const precision = spec.precision ?? 6;
        const x = `CAST(${arg.sql} AS DOUBLE)`;
        let magnitude: string;
        if (conversion === "f") magnitude = fixed(arg, precision, spec.flags.includes(","));
        else if (conversion === "e") magnitude = `printf('%.${precision}e', abs(${x}))`;
        else {
          // %g: `precision` significant digits, in scientific notation below 10^-4 or from 10^precision on.
          const significant = Math.max(precision, 1);
          const rounded = `CAST(printf('%.${significant - 1}e', abs(${x})) AS DOUBLE)`;
          magnitude = `CASE WHEN ${rounded} <> 0 AND (${rounded} < 0.0001 OR ${rounded} >= 1e${significant}) THEN printf('%.${significant - 1}e', abs(${x})) ELSE printf('%.' || CAST(greatest(${significant} - 1 - CAST(floor(log10(CASE WHEN ${rounded} = 0 THEN 1 ELSE ${rounded} END)) AS INTEGER), 0) AS VARCHAR) || 'f', abs(${x})) END`;
        }
        sql = `CASE WHEN isnan(${x}) THEN 'NaN' WHEN isinf(${x}) THEN ${signed("'Infinity'", `${x} < 0`, { ...spec, flags: spec.flags.replace("0", "") })} ELSE ${signed(magnitude, `${x} < 0 OR (${x} = 0 AND CAST(${x} AS VARCHAR) LIKE '-%')`, spec)} END`;
        break;
      }
      case "c":
        if (type.kind !== "unknown") mismatch();
        sql = "'null'";
        break;
      default:
        throw new FormatFailure(`UnknownFormatConversion: Conversion = '${spec.upper ? conversion.toUpperCase() : conversion}'`);
    }
  }
  // A NULL argument is Java's null: "null" for every conversion (%b aside), with no check of its type.
  const text = `coalesce(${sql}, 'null')`;
  return justify(spec.upper ? `upper(${text})` : text, spec);
}

export function formatSql(args: readonly Argument[], shape: CallShape): string {
  const format = literalText(args[0])!;
  // Each argument is computed once and read by its specifiers as a field of one struct.
  const values = args.slice(1).map((arg, index) => ({ ...arg, sql: `"format_args"."a${index}"` }));
  const bound = (sql: string): string => (values.length === 0 ? sql : bind(`struct_pack(${args.slice(1).map((arg, index) => `"a${index}" := ${arg.sql}`).join(", ")})`, '"format_args"', sql));
  try {
    let ordinary = -1;
    let last = -1;
    const pieces = parse(format).map((piece) => {
      if (typeof piece === "string") return quoteString(piece);
      if (piece.conversion === "%" || piece.conversion === "n") return specifierSql(piece, undefined);
      if (piece.flags.includes("<")) {
        if (last < 0) throw new FormatFailure(`MissingFormatArgument: Format specifier '${piece.text}'`);
      } else if (piece.index !== undefined) {
        last = piece.index - 1;
      } else {
        ordinary++;
        last = ordinary;
      }
      if (last >= values.length) throw new FormatFailure(`MissingFormatArgument: Format specifier '${piece.text}'`);
      const spec = { ...piece, flags: piece.flags.replace("<", "") };
      try {
        return specifierSql(spec, values[last]!);
      } catch (error) {
        if (!(error instanceof ConversionFailure)) throw error;
        return justify(`CASE WHEN ${values[last]!.sql} IS NULL THEN 'null' ELSE ${fail(shape, "INVALID_FUNCTION_ARGUMENT", quoteString(`Invalid format string: ${format} (${error.exception})`))} END`, spec);
      }
    });
    return bound(pieces.length === 0 ? "''" : `(${pieces.join(" || ")})`);
  } catch (error) {
    if (!(error instanceof FormatFailure)) throw error;
    return fail(shape, "INVALID_FUNCTION_ARGUMENT", quoteString(`Invalid format string: ${format} (${error.exception})`));
  }
}

export function validateFormat(args: readonly Argument[]): void {
  if (literalText(args[0]) === undefined) throw new QueryError("NOT_SUPPORTED", "format takes a literal format string in the gpu-stream emulator");
}
