import type { Column } from "@aws-sdk/client-glue";
import { castJsonField } from "./castJsonField";
import { castColumn } from "./glueCast";
import { duckTypeOfGlueType } from "./glueTypes";
import { quoteIdentifier, quoteString } from "../sql/analyze/sqlText";

export interface JsonSourceFile {
  readonly path: string;
  readonly gzip: boolean;
  readonly partitionValues: readonly string[];
}

/** How many queries one Athena service's DuckDB read_json answered without falling back; a test's way to see the fast path taken. */
export interface DirectJsonScans {
  count: number;
}

/** The marker of the error a direct scan raises where only the JavaScript reader answers as Athena does. */
export const DIRECT_SCAN_REFUSED = "direct JSON scan refused";

const PLAIN_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * A JSON value's text as the JavaScript reader renders it into a string column: a string's content, true or
 * false, an integer JavaScript holds exactly. Anything else (a missing key, null, another number, a nested
 * value) raises DIRECT_SCAN_REFUSED: a missing key may be one written in another case, and the others render
 * differently in DuckDB.
 */
function serdeText(name: string): string {
  const value = quoteIdentifier(name);
  return (
    `CASE WHEN starts_with(${value}, '"') AND NOT contains(${value}, '\\') THEN substr(${value}, 2, length(${value}) - 2) ` +
    `WHEN starts_with(${value}, '"') THEN CAST(${value} AS JSON) ->> '$' ` +
    `WHEN ${value} IN ('true', 'false') OR regexp_full_match(${value}, '-?(0|[1-9][0-9]{0,14})') THEN ${value} ` +
    `ELSE error(${quoteString(DIRECT_SCAN_REFUSED)}) END`
  );
}

/** A text value read directly: a missing key (or null) still refuses, as serdeText does. */
function refuseMissing(name: string): string {
  const value = quoteIdentifier(name);
  return `CASE WHEN ${value} IS NULL THEN error(${quoteString(DIRECT_SCAN_REFUSED)}) ELSE ${value} END`;
}

function readJson(files: readonly JsonSourceFile[], names: readonly string[], asText: ReadonlySet<string>): string {
  const columns = names.map((name) => `${quoteString(name)}: '${asText.has(name) ? "VARCHAR" : "JSON"}'`).join(", ");
  const compression = files[0]!.gzip ? "gzip" : "uncompressed";
  const list = files.map((file) => quoteString(file.path)).join(", ");
  // Strict newline-delimited records: a line that is not one object (back-to-back records, malformed text) fails the query.
  return `read_json([${list}], format = 'newline_delimited', records = true, columns = {${columns}}, compression = '${compression}')`;
}

/**
 * The objects of a JSON table read by DuckDB's read_json, one read per partition (and compression), or
 * undefined when the table's `mapping.*` parameters or column names need the JavaScript reader. The SQL
 * fails, with DuckDB's error or DIRECT_SCAN_REFUSED, wherever a row it reads could differ from the JavaScript
 * reader's; the caller first checks that every line starts an object (profileJsonLines), as DuckDB
 * skips the blank lines the SerDe reads as rows of NULLs. A malformed line makes DuckDB fail, so
 * `ignore.malformed.json` needs no care here: the JavaScript reader answers such tables.
 */
export function directJsonScan(
  groups: readonly { readonly files: readonly JsonSourceFile[]; readonly hidden: readonly string[] }[],
  columns: readonly Column[],
  partitionKeys: readonly Column[],
  options: { readonly mapped: boolean; readonly nullForInvalidData: boolean; readonly flat: boolean; readonly readColumns?: ReadonlySet<string> },
): string | undefined {
  const all = columns.map((column) => (column.Name ?? "").toLowerCase());
  if (options.mapped || all.length === 0 || new Set(all).size !== all.length || !all.every((name) => PLAIN_NAME.test(name))) {
    return undefined;
  }
  // Columns the statement never names are not read: NULL of their type keeps the relation's shape. At least one is
  // read, so that read_json still checks every line is an object.
  const read = all.filter((name) => options.readColumns === undefined || options.readColumns.has(name));
  const names = read.length > 0 ? read : [all[0]!];
  // In flat files every value is a string, a boolean or a plain integer, which DuckDB reads into a VARCHAR exactly as
  // serdeText renders it: string columns are read as text, skipping the JSON round trip (most of a scan's cost).
  const textColumns = new Set(options.flat ? names.filter((name) => duckTypeOfGlueType(columns[all.indexOf(name)]!.Type ?? "string") === "VARCHAR") : []);
  const selects = groups.map(({ files: group, hidden }) => {
    const list = [
      ...columns.map((column, index) =>
        names.includes(all[index]!)
          ? `${castJsonField(quoteIdentifier(all[index]!), column.Type ?? "string", index, options.nullForInvalidData)} AS ${quoteIdentifier(all[index]!)}`
          : `CAST(NULL AS ${duckTypeOfGlueType(column.Type ?? "string")}) AS ${quoteIdentifier(all[index]!)}`,
      ),
      ...partitionKeys.map((key, index) => `${castColumn(quoteString(group[0]!.partitionValues[index] ?? ""), key.Type ?? "string")} AS ${quoteIdentifier((key.Name ?? "").toLowerCase())}`),
      ...hidden,
    ];
    const asText = names.map((name) => `CAST(${quoteIdentifier(name)} AS VARCHAR) AS ${quoteIdentifier(name)}`).join(", ");
    const serde = names.map((name) => `${textColumns.has(name) ? refuseMissing(name) : serdeText(name)} AS ${quoteIdentifier(name)}`).join(", ");
    return `SELECT ${list.join(", ")} FROM (SELECT ${serde} FROM (SELECT ${asText} FROM ${readJson(group, names, textColumns)}))`;
  });
  return selects.join(" UNION ALL ");
}
