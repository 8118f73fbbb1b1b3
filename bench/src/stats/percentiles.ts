export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly maxMs: number;
}

/** Nearest-rank percentiles of request latencies given in microseconds. */
export function summarizeLatencies(latenciesUs: Float64Array): LatencySummary {
  const sorted = Float64Array.from(latenciesUs).sort();
  const count = sorted.length;
  if (count === 0) {
    return { count: 0, p50Ms: NaN, p99Ms: NaN, meanMs: NaN, maxMs: NaN };
  }
  const rank = (p: number): number => sorted[Math.min(count - 1, Math.max(0, Math.ceil((p / 100) * count) - 1))]! / 1000;
  let sum = 0;
  for (const value of sorted) {
    sum += value;
  }
  return { count, p50Ms: rank(50), p99Ms: rank(99), meanMs: sum / count / 1000, maxMs: sorted[count - 1]! / 1000 };
}
