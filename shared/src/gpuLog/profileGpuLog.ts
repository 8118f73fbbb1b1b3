import type { DataFrame } from "danfojs-node";
import type { GeneratorProfile, MetricStats } from "../source/GeneratorProfile";
import type { GpuLog } from "./GpuLog";
import { formatRecordTimestamp } from "../produce/TelemetryRecord";
import { METRIC_INFO, METRICS, type Metric } from "./metrics";

type Danfo = typeof import("danfojs-node");

let danfo: Promise<Danfo> | undefined;

/** danfo.js loads TensorFlow.js, which takes a second: load it on first use, not when the helper module is imported. */
export function loadDanfo(): Promise<Danfo> {
  danfo ??= import("danfojs-node");
  return danfo;
}

/** The log as a DataFrame: `timestamp` (UTC, the record's format), `gpu`, then one column per metric. */
export async function gpuLogToDataFrame(log: GpuLog): Promise<DataFrame> {
  const { DataFrame } = await loadDanfo();
  const columns: Record<string, (string | number)[]> = {
    timestamp: log.samples.map((sample) => formatRecordTimestamp(sample.timeUs)),
    gpu: log.samples.map((sample) => sample.gpuId),
  };
  for (const metric of METRICS) {
    columns[metric] = log.samples.map((sample) => sample.values[metric]);
  }
  return new DataFrame(columns);
}

/** The q-quantile of sorted values, interpolated linearly between neighbours (as pandas and numpy do by default). */
export function quantileOfSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

function medianStepSeconds(log: GpuLog): number | undefined {
  const steps: number[] = [];
  for (let index = 1; index < log.samples.length; index += 1) {
    steps.push((log.samples[index]!.timeUs - log.samples[index - 1]!.timeUs) / 1e6);
  }
  return steps.length === 0 ? undefined : quantileOfSorted(steps.sort((a, b) => a - b), 0.5);
}

/**
 * Describes each metric of a log (count, min, max, mean, std, p5, p50, p95) with danfo.js,
 * as the generator profile the producers read.
 */
export async function profileGpuLog(log: GpuLog, source: string): Promise<GeneratorProfile> {
  if (log.samples.length < 2) {
    throw new Error(`${source}: a profile needs at least 2 samples, the log has ${log.samples.length}`);
  }
  const frame = await gpuLogToDataFrame(log);
  const metrics = {} as { [M in Metric]: MetricStats };
  for (const metric of METRICS) {
    const column = frame[metric] as import("danfojs-node").Series;
    const sorted = (column.values as number[]).slice().sort((a, b) => a - b);
    metrics[metric] = {
      unit: METRIC_INFO[metric].unit,
      count: column.count(),
      min: column.min(),
      max: column.max(),
      mean: column.mean(),
      std: column.std(),
      p5: quantileOfSorted(sorted, 0.05),
      p50: quantileOfSorted(sorted, 0.5),
      p95: quantileOfSorted(sorted, 0.95),
    };
  }
  const sampleIntervalSeconds = medianStepSeconds(log);
  return {
    version: 1,
    source,
    createdAt: new Date().toISOString(),
    ...(sampleIntervalSeconds === undefined ? {} : { sampleIntervalSeconds }),
    metrics,
  };
}

const STAT_COLUMNS = ["count", "min", "max", "mean", "std", "p5", "p50", "p95"] as const;

/** The profile as an aligned text table, one row per metric. */
export function formatProfileTable(profile: GeneratorProfile): string {
  const header = ["metric", "unit", ...STAT_COLUMNS];
  const rows = METRICS.map((metric) => {
    const stats = profile.metrics[metric];
    const decimals = Math.min(2, Math.max(1, METRIC_INFO[metric].decimals));
    return [metric, stats.unit, ...STAT_COLUMNS.map((key) => (key === "count" ? String(stats.count) : stats[key].toFixed(decimals)))];
  });
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  const line = (row: string[]): string =>
    row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}
