import { abortableSleep } from "../wait/abortableSleep";
import type { GpuLog } from "../gpuLog/GpuLog";
import type { GpuSample } from "../gpuLog/GpuSample";

export interface ReplayOptions {
  /** How many times faster than recorded; `Infinity` replays without waiting. Default 1. */
  readonly speed?: number;
  /** Start again from the first sample when the log ends (timestamps keep moving forward). */
  readonly loop?: boolean;
  readonly signal?: AbortSignal;
}

/** A recorded log's samples, paced as they were recorded (or `speed` times faster). Ends with the log unless looping. */
export async function* replaySamples(log: GpuLog, options: ReplayOptions = {}): AsyncGenerator<GpuSample, void> {
  const speed = options.speed ?? 1;
  if (!(speed > 0)) {
    throw new RangeError(`replay speed must be greater than 0, got ${speed}`);
  }
  const { samples } = log;
  if (samples.length === 0) {
    return;
  }
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  const typicalStepUs = samples.length > 1 ? (last.timeUs - first.timeUs) / (samples.length - 1) : 1_000_000;
  const loopSpanUs = last.timeUs - first.timeUs + typicalStepUs;
  const startedMs = performance.now();
  for (let pass = 0; pass === 0 || options.loop === true; pass += 1) {
    for (const sample of samples) {
      const offsetUs = sample.timeUs - first.timeUs + pass * loopSpanUs;
      const dueMs = startedMs + offsetUs / 1000 / speed;
      const waitMs = dueMs - performance.now();
      if (Number.isFinite(waitMs) && waitMs > 0 && !(await abortableSleep(waitMs, options.signal))) {
        return;
      }
      if (options.signal?.aborted) {
        return;
      }
      yield pass === 0 ? sample : { ...sample, timeUs: sample.timeUs + pass * loopSpanUs };
    }
  }
}
