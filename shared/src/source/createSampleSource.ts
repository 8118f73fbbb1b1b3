import type { GeneratorProfile } from "./GeneratorProfile";
import type { SampleSource } from "../gpuLog/GpuSample";
import { nvidiaSmiSamples } from "./nvidiaSmiSamples";
import { readGpuLog } from "../gpuLog/readGpuLog";
import { realisticSamples } from "./realisticSamples";
import { replaySamples } from "./replaySamples";
import { uniformSamples } from "./uniformSamples";

export const SAMPLE_SOURCE_KINDS = ["uniform", "realistic", "replay", "nvidia-smi"] as const;
export type SampleSourceKind = (typeof SAMPLE_SOURCE_KINDS)[number];

export interface SampleSourceOptions {
  readonly kind: SampleSourceKind;
  /** uniform, realistic: the ranges. */
  readonly profile: GeneratorProfile;
  /** uniform, realistic: the seed. */
  readonly seed: number;
  readonly gpuId?: string;
  /** uniform, realistic: model time between samples; nvidia-smi: its sampling interval. */
  readonly stepMs: number;
  /**
   * realistic: how many samples the run will take (a producer's record count). Given, the simulated GPU plays
   * one whole session (idle, heavy, light, heavy, cool-down) over the run, compressed when the run is short.
   */
  readonly runSamples?: number;
  /** replay: the GPU log to replay. */
  readonly logPath?: string;
  /** replay: how many times faster than recorded. */
  readonly speed?: number;
  readonly signal?: AbortSignal;
}

/** Whether the source paces itself (a replayed log, a live GPU) or must be paced by the producer. */
export function isSelfPaced(kind: SampleSourceKind): boolean {
  return kind === "replay" || kind === "nvidia-smi";
}

/** Builds one of the four sample sources from options as the command line and notebooks give them. */
export async function createSampleSource(options: SampleSourceOptions): Promise<SampleSource> {
  switch (options.kind) {
    case "uniform":
      return uniformSamples(options);
    case "realistic":
      return realisticSamples(options);
    case "replay": {
      if (options.logPath === undefined) {
        throw new Error("the replay source needs a GPU log to replay (a GPU-Z sensor log or nvidia-smi CSV)");
      }
      const log = await readGpuLog(options.logPath);
      return replaySamples(log, { ...(options.speed === undefined ? {} : { speed: options.speed }), ...(options.signal ? { signal: options.signal } : {}) });
    }
    case "nvidia-smi":
      return nvidiaSmiSamples({ intervalMs: options.stepMs, ...(options.signal ? { signal: options.signal } : {}) });
  }
}
