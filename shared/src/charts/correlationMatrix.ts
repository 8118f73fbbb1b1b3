import type { Metric } from "../gpuLog/metrics";
import type { WideTable } from "./widePerSample";

export interface CorrelationMatrix {
  readonly metrics: Metric[];
  /** Pearson's r of metrics[i] and metrics[j]; null with fewer than 3 pairs or when one of them is constant. */
  readonly matrix: (number | null)[][];
  /** How many samples (buckets where both metrics have a value) each r rests on. */
  readonly samples?: number[][];
}

const MIN_PAIRS = 3;

function isConstant(values: readonly number[]): boolean {
  return values.every((value) => value === values[0]);
}

/** Pearson's r of two equally long series; null with fewer than 3 pairs or when one of them is constant. */
export function pearsonCorrelation(xs: readonly number[], ys: readonly number[]): number | null {
  // A constant series has no variance; testing it exactly avoids dividing rounding noise by rounding noise.
  if (xs.length < MIN_PAIRS || isConstant(xs) || isConstant(ys)) {
    return null;
  }
  const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let index = 0; index < xs.length; index += 1) {
    const dx = xs[index]! - meanX;
    const dy = ys[index]! - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Pearson correlation of every pair of metrics, over the buckets where both have a value. */
export function correlationMatrix(table: WideTable): CorrelationMatrix {
  const metrics = [...table.metrics];
  const pairsOf = (a: Metric, b: Metric) => table.rows.filter((row) => row.values[a] !== undefined && row.values[b] !== undefined);
  const matrix = metrics.map((a) =>
    metrics.map((b) => {
      const pairs = pairsOf(a, b);
      return pearsonCorrelation(
        pairs.map((row) => row.values[a]!),
        pairs.map((row) => row.values[b]!),
      );
    }),
  );
  const samples = metrics.map((a) => metrics.map((b) => pairsOf(a, b).length));
  return { metrics, matrix, samples };
}
