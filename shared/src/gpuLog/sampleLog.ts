import { originalProfile, type GeneratorProfile } from "../source/GeneratorProfile";
import type { GpuSample } from "./GpuSample";
import { realisticSamples } from "../source/realisticSamples";
import { formatGpuzLog } from "./writeGpuzLog";

/** The synthetic GPU log the repository ships, and how it was made (so anyone can make it again, byte for byte). */
export const SAMPLE_LOG_PATH = "data/sample-gpu-z-sensor-log.txt";
export const SAMPLE_LOG_DEFAULTS = {
  /** The date of the original exercise's run. */
  seed: 20230826,
  samples: 1800,
  stepMs: 1000,
  startUs: Date.UTC(2023, 7, 26, 21, 0, 0) * 1000,
} as const;

export interface SampleLogOptions {
  readonly seed?: number;
  readonly samples?: number;
  readonly stepMs?: number;
  readonly startUs?: number;
  /** Ranges to calibrate on; default the original exercise's. */
  readonly profile?: GeneratorProfile;
}

/** A GPU-Z-style sensor log of the realistic model, with a header saying it is synthetic and how to regenerate it. */
export function syntheticSampleLog(options: SampleLogOptions = {}): string {
  const seed = options.seed ?? SAMPLE_LOG_DEFAULTS.seed;
  const count = options.samples ?? SAMPLE_LOG_DEFAULTS.samples;
  const stepMs = options.stepMs ?? SAMPLE_LOG_DEFAULTS.stepMs;
  const startUs = options.startUs ?? SAMPLE_LOG_DEFAULTS.startUs;
  const profile = options.profile ?? originalProfile();
  const source = realisticSamples({ profile, seed, startUs, stepMs });
  const samples: GpuSample[] = [];
  for (let index = 0; index < count; index += 1) {
    samples.push(source.next().value);
  }
  return formatGpuzLog(samples, {
    headerComment: [
      "SYNTHETIC: not a recording of a real GPU. Made by gpu-stream's realistic GPU model,",
      `seed ${seed}, ${count} samples every ${stepMs / 1000} s, calibrated on ${profile.source === "original exercise" ? "the original exercise's ranges" : profile.source}.`,
      `Regenerate: npx gpu-stream sample-log --seed ${seed} --samples ${count}`,
      "Columns and layout follow GPU-Z's Sensor Log; times are UTC.",
    ],
  });
}
