import { METRICS, type Metric } from "../gpuLog/metrics";
import type { TelemetryRow } from "./denormalizedCsv";

/** One time bucket: the mean of each metric's records that fall in it. */
export interface WideRow {
  /** Start of the bucket, UTC epoch milliseconds. */
  readonly timeMs: number;
  /** Start of the bucket, UTC `YYYY-MM-DD HH:MM:SS.fff`. */
  readonly label: string;
  /** Undefined for a metric with no record in the bucket. */
  readonly values: { readonly [M in Metric]?: number };
}

/** The long table (one record per row) turned wide: one row per time bucket, one column per metric. */
export interface WideTable {
  readonly bucketMs: number;
  /** The metrics present in the rows, in the order of METRICS. */
  readonly metrics: readonly Metric[];
  /** Buckets holding at least one record, in time order. */
  readonly rows: readonly WideRow[];
}

export interface WidePerSampleOptions {
  /** Width of a bucket. Default: inferred from the data (see inferBucketMs). */
  readonly bucketMs?: number;
}

const FALLBACK_BUCKET_MS = 1000;

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Rounds to two significant digits and whole milliseconds (1003 -> 1000, 1490 -> 1500, 0.3 -> 1). */
function roundBucketMs(ms: number): number {
  const step = 10 ** (Math.floor(Math.log10(ms)) - 1);
  return Math.max(1, Math.round(Math.round(ms / step) * step));
}

/**
 * The interval at which each metric was sampled: the median gap between consecutive records of the same
 * metric, rounded to two significant digits (at least 1 ms). Five producers, one per metric, each putting
 * a record every second give 1000 even though their records interleave. 1000 when no metric has two records.
 */
export function inferBucketMs(rows: readonly TelemetryRow[]): number {
  const gaps: number[] = [];
  for (const metric of METRICS) {
    const times = rows.filter((row) => row.tipo === metric).map((row) => row.timeMs).sort((a, b) => a - b);
    for (let index = 1; index < times.length; index += 1) {
      const gap = times[index]! - times[index - 1]!;
      // Several GPUs sampled at the same instant repeat a timestamp: that is no sampling interval.
      if (gap > 0) {
        gaps.push(gap);
      }
    }
  }
  return gaps.length === 0 ? FALLBACK_BUCKET_MS : roundBucketMs(median(gaps.sort((a, b) => a - b)));
}

/**
 * Where bucket boundaries fall within a bucket's width: at a round time in the middle half of the widest stretch
 * with no record, so that producers started a fraction of an interval apart share one bucket per interval.
 */
function quietestPhaseMs(rows: readonly TelemetryRow[], bucketMs: number): number {
  const phases = [...new Set(rows.map((row) => ((row.timeMs % bucketMs) + bucketMs) % bucketMs))].sort((a, b) => a - b);
  if (phases.length === 0) {
    return 0;
  }
  let widestStart = phases[phases.length - 1]!;
  let widestGap = phases[0]! + bucketMs - widestStart;
  for (let index = 1; index < phases.length; index += 1) {
    const gap = phases[index]! - phases[index - 1]!;
    if (gap > widestGap) {
      widestGap = gap;
      widestStart = phases[index - 1]!;
    }
  }
  return roundestBetween(widestStart + widestGap / 4, widestStart + (widestGap * 3) / 4) % bucketMs;
}

/** The number between low and high with the most trailing zeros (so bucket labels read .500 rather than .473). */
function roundestBetween(low: number, high: number): number {
  for (let step = 10 ** Math.ceil(Math.log10(Math.max(1, high))); step >= 1; step /= 10) {
    const candidate = Math.ceil(low / step) * step;
    if (candidate <= high) {
      return candidate;
    }
  }
  return Math.round((low + high) / 2);
}

function formatBucketLabel(timeMs: number): string {
  return new Date(timeMs).toISOString().replace("T", " ").slice(0, 23);
}

/**
 * One row per time bucket, one column per metric (the mean of its records in the bucket).
 * With an explicit bucketMs buckets start at whole multiples of it (a minute at :00); with an inferred one they
 * start where the data is quietest, so records of one sampling interval are not split across two rows.
 */
export function widePerSample(rows: readonly TelemetryRow[], options: WidePerSampleOptions = {}): WideTable {
  const bucketMs = options.bucketMs ?? inferBucketMs(rows);
  if (!Number.isFinite(bucketMs) || bucketMs <= 0) {
    throw new RangeError(`bucketMs must be a number > 0, got ${bucketMs}`);
  }
  const phaseMs = options.bucketMs === undefined ? quietestPhaseMs(rows, bucketMs) : 0;
  const sums = new Map<number, Map<Metric, { sum: number; count: number }>>();
  for (const row of rows) {
    const start = Math.floor((row.timeMs - phaseMs) / bucketMs) * bucketMs + phaseMs;
    let bucket = sums.get(start);
    if (bucket === undefined) {
      bucket = new Map();
      sums.set(start, bucket);
    }
    const cell = bucket.get(row.tipo) ?? { sum: 0, count: 0 };
    bucket.set(row.tipo, { sum: cell.sum + row.dado, count: cell.count + 1 });
  }
  const present = new Set(rows.map((row) => row.tipo));
  const wideRows = [...sums.entries()]
    .sort(([a], [b]) => a - b)
    .map(([timeMs, bucket]): WideRow => {
      const values: { [M in Metric]?: number } = {};
      for (const [metric, { sum, count }] of bucket) {
        values[metric] = sum / count;
      }
      return { timeMs, label: formatBucketLabel(timeMs), values };
    });
  return { bucketMs, metrics: METRICS.filter((metric) => present.has(metric)), rows: wideRows };
}
