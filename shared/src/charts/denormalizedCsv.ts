import { parse } from "csv-parse/sync";
import { isMetric, METRICS, type Metric } from "../gpuLog/metrics";

/** One row of the denormalized table (`dados_tratados`), typed: one record of one metric. */
export interface TelemetryRow {
  readonly idtemp: string;
  readonly tipo: Metric;
  readonly dado: number;
  /** As Athena wrote it: UTC `YYYY-MM-DD HH:MM:SS.ffffff`. */
  readonly timestamp: string;
  /** The timestamp as UTC epoch milliseconds (the microseconds below a millisecond are dropped). */
  readonly timeMs: number;
}

export class TelemetryCsvError extends Error {
  override readonly name = "TelemetryCsvError";
}

const REQUIRED_COLUMNS = ["idtemp", "tipo", "dado", "timestamp"] as const;
type RequiredColumn = (typeof REQUIRED_COLUMNS)[number];

// Athena renders a `timestamp` column with milliseconds, the records' string with microseconds: accept both.
const TIMESTAMP_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;
const DECIMAL_PATTERN = /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

interface ParsedLine {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/** UTC epoch microseconds of a timestamp, or undefined when it is not a valid `YYYY-MM-DD HH:MM:SS[.f]`. */
function parseTimestampUs(text: string): number | undefined {
  const match = TIMESTAMP_PATTERN.exec(text);
  if (match === null) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const micros = Number((match[7] ?? "").padEnd(6, "0").slice(0, 6));
  return ms * 1000 + micros;
}

function columnIndexes(header: string[]): { readonly [C in RequiredColumn]: number } {
  const names = header.map((name) => name.trim().toLowerCase());
  const indexes = {} as { [C in RequiredColumn]: number };
  for (const column of REQUIRED_COLUMNS) {
    const index = names.indexOf(column);
    if (index < 0) {
      throw new TelemetryCsvError(
        `line 1 (header): no column "${column}"; the header has ${header.map((name) => `"${name}"`).join(", ")} ` +
          `and needs ${REQUIRED_COLUMNS.map((name) => `"${name}"`).join(", ")}`,
      );
    }
    indexes[column] = index;
  }
  return indexes;
}

/**
 * Parses the CSV Athena writes for `select * from "dados_tratados"`: a header
 * (`"idtemp","tipo","dado","timestamp","ano","mes","dia"`; extra columns are ignored), then one record per line.
 * Returns the rows sorted by time; throws TelemetryCsvError naming the line and column of the first problem.
 */
export function parseDenormalizedCsv(csv: string): TelemetryRow[] {
  let lines: ParsedLine[];
  try {
    lines = parse(csv, { bom: true, info: true, skip_empty_lines: true }) as unknown as ParsedLine[];
  } catch (error) {
    throw new TelemetryCsvError(`not a valid CSV: ${(error as Error).message}`);
  }
  const [header, ...body] = lines;
  if (header === undefined) {
    throw new TelemetryCsvError(`the CSV is empty: expected a header line with ${REQUIRED_COLUMNS.map((name) => `"${name}"`).join(", ")}`);
  }
  const columns = columnIndexes(header.record);
  const keyed = body.map(({ record, info }) => {
    const field = (column: RequiredColumn): string => record[columns[column]] ?? "";
    const where = (column: RequiredColumn): string => `line ${info.lines}, column "${column}"`;
    const tipo = field("tipo");
    if (!isMetric(tipo)) {
      throw new TelemetryCsvError(`${where("tipo")}: unknown metric '${tipo}', expected one of ${METRICS.join(", ")}`);
    }
    const dadoText = field("dado");
    const dado = Number(dadoText);
    if (!DECIMAL_PATTERN.test(dadoText) || !Number.isFinite(dado)) {
      throw new TelemetryCsvError(`${where("dado")}: '${dadoText}' is not a number`);
    }
    const timestamp = field("timestamp");
    const timeUs = parseTimestampUs(timestamp);
    if (timeUs === undefined) {
      throw new TelemetryCsvError(`${where("timestamp")}: '${timestamp}' is not a UTC timestamp 'YYYY-MM-DD HH:MM:SS.ffffff'`);
    }
    const row: TelemetryRow = { idtemp: field("idtemp"), tipo, dado, timestamp, timeMs: Math.floor(timeUs / 1000) };
    return { row, timeUs };
  });
  return keyed.sort((a, b) => a.timeUs - b.timeUs).map(({ row }) => row);
}
