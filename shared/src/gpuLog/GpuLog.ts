import type { GpuSample } from "./GpuSample";
import type { Metric } from "./metrics";

export type GpuLogFormat = "gpu-z" | "nvidia-smi";

/** A recorded GPU log, reduced to the five metrics. */
export interface GpuLog {
  readonly format: GpuLogFormat;
  /** For each metric, the log's column it was read from (e.g. `Board Power Draw [W]`). */
  readonly columns: { readonly [M in Metric]: string };
  readonly samples: readonly GpuSample[];
  /** Rows left out because a metric's value was missing or not a number (e.g. nvidia-smi's `[N/A]`). */
  readonly skippedRows: number;
}

/** A log that cannot be read: the message says which column or line is wrong. */
export class GpuLogError extends Error {
  override readonly name = "GpuLogError";
}
