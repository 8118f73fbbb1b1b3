import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { abortableSleep } from "../wait/abortableSleep";
import { nowUs, type GpuSample, type SampleSource } from "../gpuLog/GpuSample";
import { KinesisRecordSender, ProduceError, type AcknowledgedRecord, type FailedRecord } from "./KinesisRecordSender";
import type { Metric } from "../gpuLog/metrics";
import { ProduceStats, type ProduceProgress } from "./produceProgress";
import { KINESIS_LIMITS, outgoingSize, RecordBatch, type OutgoingRecord } from "./RecordBatch";
import { resolveRetryPolicy, type RetryPolicy } from "./retryPolicy";
import { serializeRecord, toRecord, type RecordOptions } from "./TelemetryRecord";
import { readSamples, type SampleReader } from "./sampleReader";

export interface ProduceOptions {
  readonly kinesis: KinesisClient;
  /** The stream's name, or its ARN (`arn:aws:kinesis:...`). */
  readonly streamName: string;
  /** Each sample gives one record per selected metric. */
  readonly source: SampleSource;
  readonly metrics: readonly Metric[];
  /** Pause between samples; 0 sends as fast as the source and Kinesis allow. */
  readonly intervalMs: number;
  /** Stop after this many records. */
  readonly count?: number;
  /** Stop taking samples after this long. */
  readonly durationMs?: number;
  /** 1 (default): one PutRecord per record, as the original. 2..500: PutRecords of up to this many records. */
  readonly batchSize?: number;
  /** Batch mode: send a partial batch once its oldest record has waited this long. Default 1000. */
  readonly lingerMs?: number;
  /**
   * Stops taking samples and interrupts the waits between them; what was already built is still sent
   * (its retries included, bounded by the retry policy). The promise resolves, it does not reject.
   */
  readonly signal?: AbortSignal;
  /** Stamp each sample with the time it is sent rather than the source's time. Default true. */
  readonly restamp?: boolean;
  /** The first record's `idtemp` (default 1): a producer that already put records by hand goes on from there. */
  readonly firstIdtemp?: number;
  /** Default `gpu-<gpuId>`: one key per GPU keeps each GPU's records in order in one shard. */
  readonly partitionKey?: (sample: GpuSample) => string;
  readonly retry?: Partial<RetryPolicy>;
  /** Uniform in [0, 1), for the backoff jitter. Default Math.random. */
  readonly random?: () => number;
  /** Waits `ms` (less when the signal aborts). Default a timer. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<unknown>;
  /** Milliseconds on a monotonic clock, for bounds, linger and rates. Default performance.now. */
  readonly now?: () => number;
  readonly recordOptions?: RecordOptions;
  /** Called after every request, retries included. */
  readonly onProgress?: (progress: ProduceProgress) => void;
  /** Called for every record Kinesis acknowledged. */
  readonly onRecord?: (acknowledged: AcknowledgedRecord) => void;
  /** Called for every record given up on (it is also counted in `failed`). */
  readonly onFailedRecord?: (failure: FailedRecord) => void;
}

/** Why production stopped. */
export type ProduceStopReason = "count" | "duration" | "source" | "abort";

export interface ProduceReport extends ProduceProgress {
  readonly stoppedBy: ProduceStopReason;
}

export const DEFAULT_LINGER_MS = 1000;

function requireNonNegative(name: string, value: number | undefined, integer: boolean): void {
  if (value !== undefined && (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value)))) {
    throw new RangeError(`${name} must be a ${integer ? "whole" : "finite"} number >= 0, got ${value}`);
  }
}

function validateOptions(options: ProduceOptions): void {
  if (options.streamName.trim() === "") {
    throw new RangeError("streamName is empty");
  }
  if (options.metrics.length === 0) {
    throw new RangeError("metrics is empty: select at least one metric");
  }
  requireNonNegative("intervalMs", options.intervalMs, false);
  requireNonNegative("count", options.count, true);
  requireNonNegative("durationMs", options.durationMs, false);
  requireNonNegative("lingerMs", options.lingerMs, false);
  requireNonNegative("firstIdtemp", options.firstIdtemp, true);
  const batchSize = options.batchSize ?? 1;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > KINESIS_LIMITS.maxRecordsPerRequest) {
    throw new RangeError(`batchSize must be a whole number from 1 to ${KINESIS_LIMITS.maxRecordsPerRequest}, got ${batchSize}`);
  }
}

function gpuPartitionKey(sample: GpuSample): string {
  return `gpu-${sample.gpuId}`;
}

function checkPartitionKey(key: string): string {
  if (key.length < 1 || key.length > KINESIS_LIMITS.maxPartitionKeyLength) {
    throw new RangeError(`a partition key has 1 to ${KINESIS_LIMITS.maxPartitionKeyLength} characters, got ${key.length}`);
  }
  return key;
}

/**
 * Puts GPU telemetry records into a Kinesis stream until `count`, `durationMs`, the end of the source or
 * the abort signal, whichever comes first, and reports what Kinesis acknowledged. Rejects with a
 * ProduceError only for failures retrying cannot fix; records still failing after the last attempt are
 * counted as failed.
 */
export async function produceRecords(options: ProduceOptions): Promise<ProduceReport> {
  validateOptions(options);
  const clock = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? abortableSleep;
  const signal = options.signal;
  const lingerMs = options.lingerMs ?? DEFAULT_LINGER_MS;
  const partitionKey = options.partitionKey ?? gpuPartitionKey;
  const stats = new ProduceStats(clock);
  const deadline = options.durationMs === undefined ? Infinity : clock() + options.durationMs;
  const sender = new KinesisRecordSender({
    kinesis: options.kinesis,
    stream: options.streamName,
    retry: resolveRetryPolicy(options.retry),
    random: options.random ?? Math.random,
    sleep: (ms) => sleep(ms),
    stats,
    onProgress: options.onProgress,
    onRecord: options.onRecord,
    onFailedRecord: options.onFailedRecord,
  });
  const batch = (options.batchSize ?? 1) > 1 ? new RecordBatch(options.batchSize) : undefined;
  const encoder = new TextEncoder();
  let built = 0;

  const flush = async (): Promise<void> => {
    if (batch !== undefined && batch.length > 0) {
      await sender.putBatch(batch.take());
    }
  };
  const msUntilLinger = (): number =>
    batch?.oldestBuiltAtMs === undefined ? Infinity : batch.oldestBuiltAtMs + lingerMs - clock();

  /** Waits between samples, cut short by abort and the duration bound, sending a lingering batch on time. */
  const pause = async (ms: number): Promise<void> => {
    let remaining = Math.min(ms, deadline - clock());
    while (remaining > 0 && signal?.aborted !== true) {
      const untilLinger = msUntilLinger();
      if (untilLinger <= 0) {
        await flush();
        continue;
      }
      const step = Math.min(remaining, untilLinger);
      await sleep(step, signal);
      remaining -= step;
    }
  };

  const send = async (outgoing: OutgoingRecord): Promise<void> => {
    if (outgoing.size > KINESIS_LIMITS.maxBytesPerRecord) {
      sender.reject(outgoing, "RecordTooLarge", `${outgoing.size} bytes with its partition key; Kinesis takes at most ${KINESIS_LIMITS.maxBytesPerRecord}`);
    } else if (batch === undefined) {
      await sender.putOne(outgoing);
    } else {
      if (!batch.fits(outgoing)) {
        await flush();
      }
      batch.add(outgoing);
      if (batch.isFull) {
        await flush();
      }
    }
  };

  const stopReason = (): ProduceStopReason | undefined => {
    if (signal?.aborted === true) {
      return "abort";
    }
    if (options.count !== undefined && built >= options.count) {
      return "count";
    }
    return clock() >= deadline ? "duration" : undefined;
  };

  let reader: SampleReader | undefined;
  let stoppedBy: ProduceStopReason | undefined;
  try {
    reader = readSamples(options.source);
    for (let first = true; ; first = false) {
      stoppedBy = stopReason() ?? (!first && reader.ended() ? "source" : undefined);
      if (stoppedBy === undefined && !first && options.intervalMs > 0) {
        await pause(options.intervalMs);
        stoppedBy = stopReason();
      }
      if (stoppedBy !== undefined) {
        break;
      }
      if (msUntilLinger() <= 0) {
        await flush();
      }
      const next = await reader.next({ signal, msUntilFlush: msUntilLinger, flush, sleep });
      if (next === "aborted") {
        stoppedBy = "abort";
        break;
      }
      if (next.done === true) {
        stoppedBy = "source";
        break;
      }
      const sample = options.restamp === false ? next.value : { ...next.value, timeUs: nowUs() };
      const key = checkPartitionKey(partitionKey(sample));
      for (const metric of options.metrics) {
        if (options.count !== undefined && built >= options.count) {
          break;
        }
        built += 1;
        const record = toRecord(sample, metric, (options.firstIdtemp ?? 1) + built - 1, options.recordOptions);
        const data = encoder.encode(serializeRecord(record));
        await send({ record, data, partitionKey: key, size: outgoingSize(data, key), builtAtMs: clock() });
      }
    }
    await flush();
  } catch (error) {
    if (error instanceof ProduceError) {
      throw error;
    }
    // Whatever broke (the source, a partition key function), what was already built still goes out.
    await flush();
    const progress = stats.snapshot();
    throw new ProduceError(
      `producing stopped: ${(error as Error)?.message ?? String(error)} (${progress.sent} record(s) acknowledged before it)`,
      "ProducerError",
      progress,
      { cause: error },
    );
  } finally {
    reader?.close(stoppedBy !== "source");
  }
  return { ...stats.snapshot(), stoppedBy };
}
