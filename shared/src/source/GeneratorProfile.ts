import { readFile, writeFile, mkdir, rename } from "node:fs/promises";
import { dirname } from "node:path";
import { METRIC_INFO, METRICS, type Metric } from "../gpuLog/metrics";

/** What profiling says of one metric of a log. */
export interface MetricStats {
  readonly unit: string;
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly std: number;
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
}

/** The producers' parameters: `data/generator-profile.json`, written by profiling a GPU log. */
export interface GeneratorProfile {
  readonly version: 1;
  /** Where the numbers come from: a log's path, or `original exercise` for the defaults. */
  readonly source: string;
  readonly createdAt: string;
  /** Median seconds between the log's samples, when profiled from a log. */
  readonly sampleIntervalSeconds?: number;
  readonly metrics: { readonly [M in Metric]: MetricStats };
}

export const DEFAULT_PROFILE_PATH = "data/generator-profile.json";

/** The original exercise's ranges, as a profile (uniform over each range: mean the midpoint, std range/sqrt(12)). */
export function originalProfile(): GeneratorProfile {
  const metrics = Object.fromEntries(
    METRICS.map((metric) => {
      const { unit, originalRange } = METRIC_INFO[metric];
      const span = originalRange.max - originalRange.min;
      const stats: MetricStats = {
        unit,
        count: 0,
        min: originalRange.min,
        max: originalRange.max,
        mean: originalRange.min + span / 2,
        std: span / Math.sqrt(12),
        p5: originalRange.min + 0.05 * span,
        p50: originalRange.min + 0.5 * span,
        p95: originalRange.min + 0.95 * span,
      };
      return [metric, stats];
    }),
  ) as { [M in Metric]: MetricStats };
  return { version: 1, source: "original exercise", createdAt: new Date(0).toISOString(), metrics };
}

function checkProfile(value: unknown, path: string): GeneratorProfile {
  const profile = value as Partial<GeneratorProfile> | null;
  if (profile === null || typeof profile !== "object" || profile.version !== 1 || typeof profile.metrics !== "object") {
    throw new Error(`${path} is not a gpu-stream generator profile (version 1)`);
  }
  for (const metric of METRICS) {
    const stats = profile.metrics[metric];
    if (stats === undefined) {
      throw new Error(`${path} has no statistics for metric '${metric}'`);
    }
    for (const key of ["min", "max", "mean", "std", "p5", "p50", "p95"] as const) {
      if (typeof stats[key] !== "number" || !Number.isFinite(stats[key])) {
        throw new Error(`${path}: ${metric}.${key} must be a finite number`);
      }
    }
    if (stats.min > stats.max) {
      throw new Error(`${path}: ${metric}.min (${stats.min}) is greater than its max (${stats.max})`);
    }
  }
  return profile as GeneratorProfile;
}

export async function readProfile(path: string): Promise<GeneratorProfile> {
  const text = await readFile(path, "utf8");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON: ${(error as Error).message}`);
  }
  return checkProfile(value, path);
}

/** The profile at `path` when there is one, else the original exercise's ranges. */
export async function readProfileOrOriginal(path: string = DEFAULT_PROFILE_PATH): Promise<GeneratorProfile> {
  try {
    return await readProfile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return originalProfile();
    }
    throw error;
  }
}

/** Writes the profile atomically (temporary file, then rename), so a reader never sees half of it. */
export async function writeProfile(path: string, profile: GeneratorProfile): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(profile, null, 2)}\n`);
  await rename(temporary, path);
}
