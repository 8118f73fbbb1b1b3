/** The five GPU metrics of the course exercise, spelled as the original spelled them (they are the `tipo` values). */
export const METRICS = ["energia", "Frequencia", "temperatura", "Uso", "usoVRAM"] as const;

export type Metric = (typeof METRICS)[number];

export interface MetricInfo {
  readonly metric: Metric;
  readonly unit: string;
  readonly description: string;
  /** The range the original exercise's producers drew from (profiled from a GPU-Z log of a real GPU). */
  readonly originalRange: { readonly min: number; readonly max: number };
  /** Decimal places worth keeping in a record's `dado`. */
  readonly decimals: number;
}

export const METRIC_INFO: { readonly [M in Metric]: MetricInfo } = {
  energia: { metric: "energia", unit: "W", description: "board power draw", originalRange: { min: 16.0, max: 37.6 }, decimals: 4 },
  Frequencia: { metric: "Frequencia", unit: "MHz", description: "graphics clock", originalRange: { min: 427, max: 1777 }, decimals: 1 },
  temperatura: { metric: "temperatura", unit: "°C", description: "GPU core temperature", originalRange: { min: 30, max: 43 }, decimals: 2 },
  Uso: { metric: "Uso", unit: "%", description: "GPU load", originalRange: { min: 6, max: 61 }, decimals: 2 },
  usoVRAM: { metric: "usoVRAM", unit: "MB", description: "dedicated video memory used", originalRange: { min: 1054, max: 1142 }, decimals: 0 },
};

export function isMetric(value: unknown): value is Metric {
  return typeof value === "string" && (METRICS as readonly string[]).includes(value);
}

/** Parses a metric name as a user may type it (any case), with an error listing the valid names. */
export function parseMetric(name: string): Metric {
  const found = METRICS.find((metric) => metric.toLowerCase() === name.trim().toLowerCase());
  if (found === undefined) {
    throw new RangeError(`Unknown metric '${name}': expected one of ${METRICS.join(", ")}`);
  }
  return found;
}
