import { pearsonCorrelation } from "@gpu-stream/shared";

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Pearson's correlation coefficient of two equally long series (the charts' own, which its tests check). */
export function correlation(a: readonly number[], b: readonly number[]): number {
  const r = pearsonCorrelation(a, b);
  if (r === null) {
    throw new Error(`no correlation of ${a.length} pairs where a series is constant`);
  }
  return r;
}
