import { GpuLogError, type GpuLog } from "./GpuLog";
import type { GpuSample } from "./GpuSample";
import { METRICS, type Metric } from "./metrics";
import { parseLogNumber, parseWallClockTime, type LogTimeOptions } from "./parseGpuzLog";

/** The `--query-gpu` fields the live source asks nvidia-smi for, in this order. */
export const NVIDIA_SMI_QUERY_FIELDS = ["timestamp", "index", "power.draw", "clocks.gr", "temperature.gpu", "utilization.gpu", "memory.used"] as const;

export interface NvidiaSmiOptions extends LogTimeOptions {
  /** The samples' gpuId when the output has neither an `index` nor a `uuid` column. Default `0`. */
  readonly gpuId?: string;
}

export interface NvidiaSmiCsvOptions extends NvidiaSmiOptions {
  /** For output without a header line (`--format=csv,noheader`): its fields, in order. */
  readonly fields?: readonly string[];
}

interface MetricField {
  /** Query names and the names nvidia-smi prints in the header for them, best first. */
  readonly names: readonly string[];
  /** The unit nvidia-smi appends to values unless told `nounits`. */
  readonly unit: string;
}

// memory.used is in MiB. The record's "MB" are MiB too (GPU-Z also prints MiB and calls them MB), so the value is kept as is.
const METRIC_FIELDS: { readonly [M in Metric]: MetricField } = {
  energia: { names: ["power.draw", "power.draw.average", "power.draw.instant"], unit: "W" },
  Frequencia: { names: ["clocks.gr", "clocks.current.graphics"], unit: "MHz" },
  temperatura: { names: ["temperature.gpu"], unit: "C" },
  Uso: { names: ["utilization.gpu"], unit: "%" },
  usoVRAM: { names: ["memory.used"], unit: "MiB" },
};

interface FieldLayout {
  readonly headers: readonly string[];
  readonly time: number;
  /** The `index` column, else the `uuid` column. */
  readonly gpuId: number | undefined;
  readonly metrics: { readonly [M in Metric]: number };
}

/** `power.draw [W]` -> `power.draw`. */
function fieldName(header: string): string {
  return header.replace(/\[[^\]]*\]/, "").trim().toLowerCase();
}

function resolveFields(headers: readonly string[]): FieldLayout {
  const names = headers.map(fieldName);
  const metrics: Partial<Record<Metric, number>> = {};
  const missing: string[] = [];
  for (const metric of METRICS) {
    const index = METRIC_FIELDS[metric].names.map((name) => names.indexOf(name)).find((found) => found >= 0);
    if (index === undefined) {
      missing.push(`${metric} (${METRIC_FIELDS[metric].names.join(" or ")})`);
    } else {
      metrics[metric] = index;
    }
  }
  const time = names.indexOf("timestamp");
  if (time < 0) {
    missing.unshift("the sample time (timestamp)");
  }
  if (missing.length > 0) {
    throw new GpuLogError(`nvidia-smi output has no field for ${missing.join(", ")}; its fields are: ${headers.map((header) => `'${header}'`).join(", ")}`);
  }
  const index = names.indexOf("index");
  const uuid = names.indexOf("uuid");
  const gpuId = index >= 0 ? index : uuid >= 0 ? uuid : undefined;
  return { headers, time, gpuId, metrics: metrics as FieldLayout["metrics"] };
}

function splitFields(line: string): string[] {
  return line.split(",").map((field) => field.trim());
}

/** `35.12 W` or `35.12` -> 35.12; undefined for `[N/A]`, `[Not Supported]` and the like. */
function parseValue(text: string, unit: string): number | undefined {
  const withoutUnit = text.endsWith(unit) ? text.slice(0, -unit.length) : text;
  return parseLogNumber(withoutUnit);
}

function sampleFromFields(fields: readonly string[], layout: FieldLayout, options: NvidiaSmiOptions, where: string): GpuSample | undefined {
  if (fields.length !== layout.headers.length) {
    throw new GpuLogError(`${where} has ${fields.length} fields, expected ${layout.headers.length} (${layout.headers.join(", ")})`);
  }
  const time = fields[layout.time]!;
  const timeUs = parseWallClockTime(time, options.utcOffsetMinutes);
  if (timeUs === undefined) {
    throw new GpuLogError(`${where}: '${time}' is not an nvidia-smi timestamp 'YYYY/MM/DD HH:MM:SS.mmm'`);
  }
  const values: Partial<Record<Metric, number>> = {};
  for (const metric of METRICS) {
    const value = parseValue(fields[layout.metrics[metric]]!, METRIC_FIELDS[metric].unit);
    if (value === undefined) {
      return undefined;
    }
    values[metric] = value;
  }
  const gpuId = layout.gpuId === undefined ? (options.gpuId ?? "0") : fields[layout.gpuId]!;
  return { timeUs, gpuId, values: values as GpuSample["values"] };
}

/**
 * One line of `nvidia-smi --query-gpu=<fields> --format=csv,noheader[,nounits]`, given its fields in order.
 * Undefined when a metric reads `[N/A]` or `[Not Supported]`. Timestamps are nvidia-smi's local time: read in
 * this process's zone unless `utcOffsetMinutes` is given.
 */
export function parseNvidiaSmiLine(line: string, fields: readonly string[], options: NvidiaSmiOptions = {}): GpuSample | undefined {
  return sampleFromFields(splitFields(line), resolveFields(fields), options, `nvidia-smi line '${line}'`);
}

/**
 * Reads the CSV output of `nvidia-smi --query-gpu=timestamp,index,power.draw,clocks.gr,temperature.gpu,
 * utilization.gpu,memory.used --format=csv` (with or without `nounits`, other fields ignored, several GPUs
 * told apart by `index` or `uuid`). Rows with a metric nvidia-smi could not read are skipped and counted.
 * Timestamps are nvidia-smi's local time: read in this process's zone unless `utcOffsetMinutes` is given.
 */
export function parseNvidiaSmiCsv(text: string, options: NvidiaSmiCsvOptions = {}): GpuLog {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  let layout = options.fields === undefined ? undefined : resolveFields(options.fields);
  let skippedRows = 0;
  const samples: GpuSample[] = [];
  for (const [lineIndex, line] of lines.entries()) {
    if (line.trim() === "") {
      continue;
    }
    const fields = splitFields(line);
    if (layout === undefined) {
      layout = resolveFields(fields);
      continue;
    }
    if (fields.join(",") === layout.headers.join(",")) {
      continue; // the header again, where outputs were concatenated
    }
    const sample = sampleFromFields(fields, layout, options, `line ${lineIndex + 1}`);
    if (sample === undefined) {
      skippedRows += 1;
    } else {
      samples.push(sample);
    }
  }
  if (layout === undefined) {
    throw new GpuLogError("nvidia-smi output is empty: no header line");
  }
  const headers = layout.headers;
  const metrics = layout.metrics;
  const columns = Object.fromEntries(METRICS.map((metric) => [metric, headers[metrics[metric]]!])) as GpuLog["columns"];
  return { format: "nvidia-smi", columns, samples, skippedRows };
}
