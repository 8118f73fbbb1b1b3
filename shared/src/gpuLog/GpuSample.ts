import type { Metric } from "./metrics";

/** One reading of all five metrics of one GPU at one instant. */
export interface GpuSample {
  /** Microseconds since the Unix epoch (UTC); a double holds them exactly until the year 2255. */
  readonly timeUs: number;
  /** Which GPU: the records' partition key is derived from it, so each GPU keeps its order in one shard. */
  readonly gpuId: string;
  readonly values: { readonly [M in Metric]: number };
}

/** A source of samples: synthetic generators are endless iterables, logs and live GPUs asynchronous ones. */
export type SampleSource = Iterable<GpuSample> | AsyncIterable<GpuSample>;

export function nowUs(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}
