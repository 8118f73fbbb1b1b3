import { QueryError } from "../../errors/athenaErrors";

/**
 * The two date formats Trino's functions take, as DuckDB strftime/strptime formats:
 * - MySQL's (date_parse, date_format), converted as Trino converts them to Joda
 *   (io.trino.operator.scalar.DateTimeFunctions.createDateTimeFormatter): `%i` is minutes, `%s` seconds, `%f` the
 *   fraction; `%D`, `%U`, `%u`, `%V`, `%w`, `%X` are refused.
 * - Joda's (format_datetime, parse_datetime): `yyyy-MM-dd HH:mm:ss.SSS`, text in single quotes.
 */

const MYSQL: Readonly<Record<string, string>> = {
  a: "%a",
  b: "%b",
  c: "%-m",
  d: "%d",
  e: "%-d",
  f: "%f",
  H: "%H",
  h: "%I",
  I: "%I",
  i: "%M",
  j: "%j",
  k: "%-H",
  l: "%-I",
  M: "%B",
  m: "%m",
  p: "%p",
  r: "%I:%M:%S %p",
  S: "%S",
  s: "%S",
  T: "%H:%M:%S",
  v: "%V",
  W: "%A",
  x: "%G",
  Y: "%Y",
  y: "%y",
  "%": "%%",
};

const MYSQL_UNSUPPORTED = new Set(["D", "U", "u", "V", "w", "X"]);

export function strftimeOfMysql(format: string): string {
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const character = format[i]!;
    if (character !== "%") {
      out += character === "%" ? "%%" : character;
      continue;
    }
    const letter = format[i + 1];
    i++;
    if (letter === undefined) break;
    if (MYSQL_UNSUPPORTED.has(letter)) throw new QueryError("INVALID_FUNCTION_ARGUMENT", `%${letter} not supported in date format string`);
    out += MYSQL[letter] ?? letter;
  }
  return out;
}

/** Joda's letters, by run length, as strftime. */
function jodaRun(letter: string, count: number): string {
  switch (letter) {
    case "y":
    case "Y":
    case "u":
      return count === 2 ? "%y" : "%Y";
    case "x":
      return count === 2 ? "%g" : "%G";
    case "M":
      return count >= 4 ? "%B" : count === 3 ? "%b" : count === 2 ? "%m" : "%-m";
    case "d":
      return count >= 2 ? "%d" : "%-d";
    case "D":
      return count >= 3 ? "%j" : "%-j";
    case "H":
      return count >= 2 ? "%H" : "%-H";
    case "k":
      return count >= 2 ? "%H" : "%-H";
    case "h":
    case "K":
      return count >= 2 ? "%I" : "%-I";
    case "m":
      return count >= 2 ? "%M" : "%-M";
    case "s":
      return count >= 2 ? "%S" : "%-S";
    case "S":
      return count <= 3 ? "%g" : count <= 6 ? "%f" : "%n";
    case "a":
      return "%p";
    case "E":
      return count >= 4 ? "%A" : "%a";
    case "e":
      return "%u";
    case "w":
      return count >= 2 ? "%V" : "%-V";
    case "Z":
      return "%z";
    case "z":
      return "%Z";
    case "G":
      return "AD";
    default:
      throw new QueryError("INVALID_FUNCTION_ARGUMENT", `Illegal pattern component: ${letter.repeat(count)}`);
  }
}

export function strftimeOfJoda(format: string): string {
  let out = "";
  let i = 0;
  while (i < format.length) {
    const character = format[i]!;
    if (character === "'") {
      const end = format.indexOf("'", i + 1);
      const text = end === -1 ? format.slice(i + 1) : format.slice(i + 1, end);
      out += text === "" ? "'" : text.replace(/%/g, "%%");
      i = end === -1 ? format.length : end + 1;
      continue;
    }
    if (/[A-Za-z]/.test(character)) {
      let count = 1;
      while (format[i + count] === character) count++;
      out += jodaRun(character, count);
      i += count;
      continue;
    }
    out += character === "%" ? "%%" : character;
    i++;
  }
  return out;
}
