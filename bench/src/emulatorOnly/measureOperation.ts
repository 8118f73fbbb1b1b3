import type { OperationCost } from "./EmulatorOnlyResults";
import { median, percentile, round } from "./stats";

/** How long to time an operation: `samples` timed batches of `batch` calls each, after `warmUp` untimed calls. */
export interface OperationTiming {
  readonly samples: number;
  readonly batch: number;
  readonly warmUp: number;
}

/**
 * Times `operation` in this process: wall time per call from performance.now() around each batch (a call under a
 * microsecond is below what one reading resolves), CPU from process.cpuUsage() around all of them.
 */
export function measureOperation(name: string, timing: OperationTiming, operation: () => unknown): OperationCost {
  // Results are dropped: every operation timed here parses, matches or allocates, which V8 never elides.
  for (let call = 0; call < timing.warmUp; call++) {
    operation();
  }
  const samplesUs: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let sample = 0; sample < timing.samples; sample++) {
    const started = performance.now();
    for (let call = 0; call < timing.batch; call++) {
      operation();
    }
    samplesUs.push(((performance.now() - started) * 1000) / timing.batch);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const iterations = timing.samples * timing.batch;
  return {
    operation: name,
    iterations,
    batch: timing.batch,
    medianUs: round(median(samplesUs), 2),
    p95Us: round(percentile(samplesUs, 95), 2),
    cpuUs: round((cpu.user + cpu.system) / iterations, 2),
  };
}
