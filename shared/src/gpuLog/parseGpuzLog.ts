import { GpuLogError, type GpuLog } from "./GpuLog";
import type { GpuSample } from "./GpuSample";
import { METRIC_INFO, METRICS, type Metric } from "./metrics";

export interface LogTimeOptions {
  /**
   * The zone the log's wall-clock times were written in, as minutes east of UTC (Brazil: -180, Germany in
   * summer: 120). Neither GPU-Z nor nvidia-smi writes a zone, so a log read on another machine needs this.
   */
  readonly utcOffsetMinutes?: number;
}

export interface GpuzLogOptions extends LogTimeOptions {
  /** The GPU the log was recorded on (a GPU-Z log holds one). Default `0`. */
  readonly gpuId?: string;
}

const WALL_CLOCK_PATTERN = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?$/;

/**
 * Epoch microseconds of a zone-less log time, `YYYY-MM-DD HH:MM:SS[.fff]` (or with `/`), read as UTC plus
 * `utcOffsetMinutes`; with the offset undefined, as this process's local time at that instant. Undefined when
 * the text is not such a time.
 */
export function parseWallClockTime(text: string, utcOffsetMinutes: number | undefined): number | undefined {
  if (utcOffsetMinutes !== undefined && !Number.isFinite(utcOffsetMinutes)) {
    throw new RangeError(`utcOffsetMinutes must be a number of minutes east of UTC, got ${utcOffsetMinutes}`);
  }
  const match = WALL_CLOCK_PATTERN.exec(text.trim());
  if (match === null) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const asUtcMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtcMs);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const micros = Number((match[7] ?? "").padEnd(6, "0").slice(0, 6));
  const ms = utcOffsetMinutes === undefined ? new Date(year, month - 1, day, hour, minute, second).getTime() : asUtcMs - utcOffsetMinutes * 60_000;
  return ms * 1000 + micros;
}

const NUMBER_PATTERN = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** A log's numeric cell, or undefined when it holds something else (GPU-Z writes `-` for a failed reading). */
export function parseLogNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return NUMBER_PATTERN.test(trimmed) ? Number(trimmed) : undefined;
}

interface GpuzColumn {
  readonly header: string;
  /** Lower case, single spaces. */
  readonly name: string;
  /** `°C` however the degree sign was decoded; undefined for a column without `[unit]` (Date). */
  readonly unit: string | undefined;
}

interface MetricColumn {
  readonly index: number;
  readonly header: string;
  readonly toMetricUnit: (value: number) => number;
}

/** For each metric, the GPU-Z columns that may hold it, best first (names vary by vendor and GPU-Z version). */
const GPUZ_CANDIDATES: { readonly [M in Metric]: readonly string[] } = {
  // Whole-board power first; rails (PCIe slot, 8-pin, PWR_SRC, MVDDC) are parts of it and never match.
  energia: ["Board Power Draw", "Power Consumption (W)", "GPU Power Draw", "GPU Chip Power Draw", "GPU only Power Draw"],
  // Not Memory Clock or Shader Clock.
  Frequencia: ["GPU Clock"],
  // Hot Spot runs some 10 °C above the core temperature: only when the log has no core temperature.
  temperatura: ["GPU Temperature", "GPU Temperature (Edge)", "Hot Spot", "GPU Temperature (Hot Spot)"],
  Uso: ["GPU Load", "GPU Usage"],
  // Not System Memory Used nor Memory Used (Dynamic), which is shared system memory.
  usoVRAM: ["Memory Used", "Memory Used (Dedicated)", "Memory Usage (Dedicated)", "Memory Usage"],
};

function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

/** `°C` as written by GPU-Z in UTF-8, misread from UTF-8 as Windows-1252 (`Â°C`), lost (`�C`, `?C`) or dropped (`C`). */
function normalizeUnit(unit: string): string {
  const trimmed = unit.trim();
  const temperature = /^(?:°|Â°|º|\uFFFD|\?)?\s*([CF])$/.exec(trimmed);
  return temperature === null ? trimmed : `°${temperature[1]}`;
}

function parseHeaderCell(cell: string): GpuzColumn {
  const header = cell.trim();
  const match = /^(.*?)\s*\[([^\]]*)\]$/.exec(header);
  return match === null
    ? { header, name: normalizeName(header), unit: undefined }
    : { header, name: normalizeName(match[1]!), unit: normalizeUnit(match[2]!) };
}

/** A line's cells, trimmed, without the empty one after GPU-Z's trailing comma. */
function splitCells(line: string): string[] {
  const cells = line.split(",").map((cell) => cell.trim());
  if (cells.length > 1 && cells[cells.length - 1] === "") {
    cells.pop();
  }
  return cells;
}

function findMetricColumn(metric: Metric, columns: readonly GpuzColumn[]): MetricColumn | undefined {
  const unit = METRIC_INFO[metric].unit;
  for (const candidate of GPUZ_CANDIDATES[metric]) {
    const name = normalizeName(candidate);
    const index = columns.findIndex((column) => column.name === name && column.unit === unit);
    if (index >= 0) {
      return { index, header: columns[index]!.header, toMetricUnit: (value) => value };
    }
    if (metric === "temperatura") {
      const fahrenheit = columns.findIndex((column) => column.name === name && column.unit === "°F");
      if (fahrenheit >= 0) {
        return { index: fahrenheit, header: columns[fahrenheit]!.header, toMetricUnit: (value) => ((value - 32) * 5) / 9 };
      }
    }
  }
  return undefined;
}

type MetricColumns = { readonly [M in Metric]: MetricColumn };

function resolveColumns(cells: readonly string[], lineNumber: number): MetricColumns {
  const columns = cells.map(parseHeaderCell);
  if (columns[0]?.name !== "date") {
    throw new GpuLogError(`line ${lineNumber}: not a GPU-Z sensor log header: the first column is '${cells[0] ?? ""}', expected 'Date'`);
  }
  const found: Partial<Record<Metric, MetricColumn>> = {};
  const missing: string[] = [];
  for (const metric of METRICS) {
    const column = findMetricColumn(metric, columns);
    if (column === undefined) {
      const unit = METRIC_INFO[metric].unit;
      const lookedFor = GPUZ_CANDIDATES[metric].map((name) => `'${name} [${unit}]'`).join(", ");
      missing.push(`no column for ${metric} (${METRIC_INFO[metric].description}, ${unit}): looked for ${lookedFor}`);
    } else {
      found[metric] = column;
    }
  }
  if (missing.length > 0) {
    const present = columns.map((column) => `'${column.header}'`).join(", ");
    throw new GpuLogError(`GPU-Z log ${missing.join("; ")}. The log's columns are: ${present}`);
  }
  return found as MetricColumns;
}

function sameColumns(a: MetricColumns, b: MetricColumns): boolean {
  return METRICS.every((metric) => a[metric].header === b[metric].header);
}

/** The row's five metrics, or undefined when one of them is not a number. */
function readMetrics(cells: readonly string[], columns: MetricColumns): GpuSample["values"] | undefined {
  const values: Partial<Record<Metric, number>> = {};
  for (const metric of METRICS) {
    const value = parseLogNumber(cells[columns[metric].index]!);
    if (value === undefined) {
      return undefined;
    }
    values[metric] = columns[metric].toMetricUnit(value);
  }
  return values as GpuSample["values"];
}

/**
 * Reads a GPU-Z "Sensor Log" (`GPU-Z Sensor Log.txt`) down to the five metrics. Its Date column is the
 * recording machine's local time without a zone: it is read as UTC unless `utcOffsetMinutes` says otherwise.
 * Rows where a metric's reading is not a number are skipped and counted.
 */
export function parseGpuzLog(text: string, options: GpuzLogOptions = {}): GpuLog {
  const utcOffsetMinutes = options.utcOffsetMinutes ?? 0;
  const gpuId = options.gpuId ?? "0";
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  let columns: MetricColumns | undefined;
  let cellCount = 0;
  let skippedRows = 0;
  const samples: GpuSample[] = [];
  for (const [lineIndex, line] of lines.entries()) {
    const lineNumber = lineIndex + 1;
    const trimmed = line.trim();
    if (trimmed === "" || (columns === undefined && trimmed.startsWith("#"))) {
      continue;
    }
    const cells = splitCells(line);
    if (columns === undefined || normalizeName(cells[0]!) === "date") {
      // GPU-Z appends to an existing log file, with a new header, each time logging starts again.
      const sessionColumns = resolveColumns(cells, lineNumber);
      if (columns !== undefined && !sameColumns(columns, sessionColumns)) {
        throw new GpuLogError(`line ${lineNumber}: a new logging session reads the metrics from other columns than the first one`);
      }
      columns = sessionColumns;
      cellCount = cells.length;
      continue;
    }
    if (cells.length !== cellCount) {
      throw new GpuLogError(`line ${lineNumber} has ${cells.length} fields, the header has ${cellCount}`);
    }
    const timeUs = parseWallClockTime(cells[0]!, utcOffsetMinutes);
    if (timeUs === undefined) {
      throw new GpuLogError(`line ${lineNumber}: '${cells[0]}' is not a GPU-Z date 'YYYY-MM-DD HH:MM:SS'`);
    }
    const values = readMetrics(cells, columns);
    if (values === undefined) {
      skippedRows += 1;
    } else {
      samples.push({ timeUs, gpuId, values });
    }
  }
  if (columns === undefined) {
    throw new GpuLogError("not a GPU-Z sensor log: no header line (it starts with 'Date')");
  }
  const metricColumns = columns;
  const columnNames = Object.fromEntries(METRICS.map((metric) => [metric, metricColumns[metric].header])) as GpuLog["columns"];
  return { format: "gpu-z", columns: columnNames, samples, skippedRows };
}
