import type { GpuSample, SampleSource } from "../gpuLog/GpuSample";

/** What the producer needs done while it waits for a slow source. */
export interface SampleWait {
  readonly signal?: AbortSignal | undefined;
  /** How long until a waiting batch must be sent (Infinity when none waits). */
  msUntilFlush(): number;
  flush(): Promise<void>;
  sleep(ms: number, signal?: AbortSignal): Promise<unknown>;
}

/** Pulls samples one at a time from a sync or async source. */
export interface SampleReader {
  /** The next sample, or "aborted" when the signal aborted while an async source was still producing it. */
  next(wait: SampleWait): Promise<IteratorResult<GpuSample> | "aborted">;
  /** True when the source is known to have no more samples (sync sources only: an async one is not asked early). */
  ended(): boolean;
  /** Lets the source release what it holds (a file, a timer) when it is left before its end. */
  close(early: boolean): void;
}

type Outcome = { readonly kind: "sample"; readonly result: IteratorResult<GpuSample> } | { readonly kind: "abort" } | { readonly kind: "flush" };

function untilAborted(signal: AbortSignal): { promise: Promise<Outcome>; dispose(): void } {
  let onAbort = (): void => {};
  const promise = new Promise<Outcome>((resolve) => {
    onAbort = () => resolve({ kind: "abort" });
    signal.addEventListener("abort", onAbort, { once: true });
  });
  return { promise, dispose: () => signal.removeEventListener("abort", onAbort) };
}

/** Peeks one sample ahead, so that the producer does not wait an interval after the last one. */
function syncReader(iterator: Iterator<GpuSample>): SampleReader {
  let peeked: IteratorResult<GpuSample> | undefined;
  const peek = (): IteratorResult<GpuSample> => (peeked ??= iterator.next());
  return {
    next: async () => {
      const result = peek();
      peeked = undefined;
      return result;
    },
    ended: () => peek().done === true,
    close: (early) => {
      if (early && peeked?.done !== true) {
        iterator.return?.();
      }
    },
  };
}

/**
 * An async source may take a while per sample (a live GPU, a paced log): meanwhile a lingering batch
 * must still go out on time, and an abort must not wait for the source.
 */
function asyncReader(iterator: AsyncIterator<GpuSample>): SampleReader {
  return {
    async next(wait) {
      if (wait.signal?.aborted === true) {
        return "aborted";
      }
      const sample: Promise<Outcome> = iterator.next().then((result) => ({ kind: "sample", result }));
      for (;;) {
        const racers = [sample];
        const abort = wait.signal === undefined ? undefined : untilAborted(wait.signal);
        if (abort !== undefined) {
          racers.push(abort.promise);
        }
        const untilFlush = wait.msUntilFlush();
        const timer = new AbortController();
        if (untilFlush !== Infinity) {
          racers.push(wait.sleep(Math.max(0, untilFlush), timer.signal).then(() => ({ kind: "flush" }) as const));
        }
        let outcome: Outcome;
        try {
          outcome = await Promise.race(racers);
        } finally {
          timer.abort();
          abort?.dispose();
        }
        if (outcome.kind === "sample") {
          return outcome.result;
        }
        if (outcome.kind === "abort") {
          // The source's answer is no longer wanted; it must not surface later as an unhandled rejection.
          sample.catch(() => {});
          return "aborted";
        }
        await wait.flush();
      }
    },
    // Asking an async source early would take a sample (a live GPU reading) before the pause that precedes it.
    ended: () => false,
    close: (early) => {
      if (early) {
        iterator.return?.().catch(() => {});
      }
    },
  };
}

export function readSamples(source: SampleSource): SampleReader {
  return Symbol.asyncIterator in source
    ? asyncReader((source as AsyncIterable<GpuSample>)[Symbol.asyncIterator]())
    : syncReader((source as Iterable<GpuSample>)[Symbol.iterator]());
}
