import { mergeTypes, NULL_TYPE, scalar, STRING, type GlueType } from "./GlueType";

/** The delimiters Glue's built-in CSV classifier tries: comma, pipe, tab, semicolon, Ctrl-A. */
const DELIMITERS = [",", "|", "\t", ";", "\u0001"];
const MAX_LINES = 1000;

export interface CsvSchema {
  readonly delimiter: string;
  readonly hasHeader: boolean;
  readonly quoted: boolean;
  readonly columns: readonly { readonly name: string; readonly type: GlueType }[];
  readonly recordCount: number;
}

/** One line split on the delimiter, honouring double quotes ("a ""b"""). */
export function splitCsvLine(line: string, delimiter: string): { fields: string[]; quoted: boolean } {
  const fields: string[] = [];
  let quoted = false;
  let field = "";
  let inQuotes = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line.charAt(index);
    if (inQuotes) {
      if (char === '"') {
        if (line.charAt(index + 1) === '"') {
          field += '"';
          index += 1;
        } else {
          inQuotes = false;
        }
      } else {
        field += char;
      }
    } else if (char === '"' && field === "") {
      inQuotes = true;
      quoted = true;
    } else if (char === delimiter) {
      fields.push(field);
      field = "";
    } else {
      field += char;
    }
  }
  fields.push(field);
  return { fields, quoted };
}

const BIGINT = scalar("bigint");

function isString(type: GlueType): boolean {
  return type.kind === "scalar" && type.name === "string";
}

/**
 * A cell's type as Glue's built-in CSV classifier reads it: boolean, bigint, double, else string; empty is null.
 * Integers are `bigint` whatever their size: the Glue developer guide's crawl of a CSV file lists
 * `provider id`, `provider zip code` and `total discharges` (provider numbers, zip codes and counts, all far
 * within 32 bits) as `bigint`
 * (https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-python-samples-medicaid.html).
 */
export function typeOfCsvCell(cell: string): GlueType {
  const text = cell.trim();
  if (text === "") {
    return NULL_TYPE;
  }
  if (/^(true|false)$/i.test(text)) {
    return scalar("boolean");
  }
  if (/^[-+]?\d{1,18}$/.test(text)) {
    return BIGINT;
  }
  if (/^[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?$/.test(text)) {
    return scalar("double");
  }
  return STRING;
}

/**
 * Glue's CSV classifier: a delimiter that gives every sampled line the same number (>= 2) of columns, and a
 * header only when the first row is sufficiently different from the rest: every header cell a non-empty,
 * unique string, and some data column typed other than string. Without a header the columns are col0, col1, ...
 */
export function inferCsv(text: string, truncated: boolean): CsvSchema | undefined {
  let lines = text.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
  if (truncated && lines.length > 1) {
    lines.pop();
  }
  lines = lines.filter((line) => line.trim() !== "").slice(0, MAX_LINES);
  if (lines.length < 2) {
    return undefined;
  }
  for (const delimiter of DELIMITERS) {
    const rows = lines.map((line) => splitCsvLine(line, delimiter));
    const width = rows[0]!.fields.length;
    if (width < 2 || rows.some((row) => row.fields.length !== width)) {
      continue;
    }
    const quoted = rows.some((row) => row.quoted);
    const typesOf = (from: number): GlueType[] =>
      Array.from({ length: width }, (_, column) => rows.slice(from).reduce<GlueType>((type, row) => mergeTypes(type, typeOfCsvCell(row.fields[column]!)), NULL_TYPE));
    const header = rows[0]!.fields.map((cell) => cell.trim());
    const headerAllStrings = header.every((cell) => cell !== "" && isString(typeOfCsvCell(cell)));
    const headerUnique = new Set(header.map((cell) => cell.toLowerCase())).size === header.length;
    const dataTypes = typesOf(1);
    const dataHasNonString = dataTypes.some((type) => type.kind === "scalar" && !isString(type));
    const hasHeader = headerAllStrings && headerUnique && dataHasNonString;
    const types = hasHeader ? dataTypes : typesOf(0);
    return {
      delimiter,
      hasHeader,
      quoted,
      columns: types.map((type, column) => ({
        name: hasHeader ? header[column]!.toLowerCase() : `col${column}`,
        // OpenCSVSerde (quoted fields) reads every column as string.
        type: quoted ? STRING : type,
      })),
      recordCount: rows.length - (hasHeader ? 1 : 0),
    };
  }
  return undefined;
}
