import { METRICS, type Metric } from "../gpuLog/metrics";
import type { GeneratorProfile } from "./GeneratorProfile";
import { nowUs, type GpuSample } from "../gpuLog/GpuSample";
import { SeededRandom } from "./SeededRandom";

export interface SyntheticSourceOptions {
  readonly profile: GeneratorProfile;
  readonly seed: number;
  readonly gpuId?: string;
  /** The first sample's time in epoch microseconds; default now. */
  readonly startUs?: number;
  /** Time between samples, in model time; default 1000 ms. */
  readonly stepMs?: number;
}

/** The original exercise's behaviour: each metric independently uniform over its range. Endless. */
export function* uniformSamples(options: SyntheticSourceOptions): Generator<GpuSample, never> {
  const random = new SeededRandom(options.seed);
  const gpuId = options.gpuId ?? "0";
  const stepUs = (options.stepMs ?? 1000) * 1000;
  let timeUs = options.startUs ?? nowUs();
  for (;;) {
    const values = Object.fromEntries(
      METRICS.map((metric) => {
        const { min, max } = options.profile.metrics[metric];
        return [metric, random.between(min, max)];
      }),
    ) as { [M in Metric]: number };
    yield { timeUs, gpuId, values };
    timeUs += stepUs;
  }
}
