import type { KinesisClient } from "@aws-sdk/client-kinesis";
import type { GeneratorProfile } from "../source/GeneratorProfile";
import type { Metric } from "../gpuLog/metrics";
import type { ProduceProgress } from "./produceProgress";
import { produceRecords, type ProduceReport } from "./produceRecords";
import { realisticSamples } from "../source/realisticSamples";

export interface ProduceMetricsOptions {
  readonly kinesis: KinesisClient;
  readonly streamName: string;
  readonly profile: GeneratorProfile;
  readonly metrics: readonly Metric[];
  /** Records each producer puts. */
  readonly recordsPerMetric: number;
  /** Pause between one producer's records (the original: 10 s). */
  readonly intervalMs: number;
  /** 1: PutRecord per record, as the original; more: PutRecords batches. */
  readonly batchSize?: number;
  /**
   * GPU time between two samples of the simulated GPU. Default 5 s: an accelerated run putting a record every
   * 50 ms still shows minutes of GPU behaviour (load phases, boost, thermal lag) rather than a flat line.
   */
  readonly modelStepMs?: number;
  /** The simulated GPU's seed: every producer reads the same GPU, so their metrics move together. */
  readonly seed: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (metric: Metric, progress: ProduceProgress) => void;
}

export const DEFAULT_MODEL_STEP_MS = 5000;

/**
 * One partition key per GPU and metric, e.g. `gpu-0/energia`. Kinesis places a record on the shard whose hash-key
 * range holds the MD5 of its key, so the notebooks' one key per GPU (`gpu-0`) puts every record of a one-GPU run on
 * one shard and leaves the others idle. One key per producer keeps what a reader needs in order (one metric of one
 * GPU) in order, and spreads the five producers over the shards: with `--shards 2` and `--shards 3` every shard
 * gets writes (test/shared/produce/partitionKeys.test.ts). Five keys never keep more than five shards busy, and MD5
 * may put two on one shard: spreading beyond that would need ExplicitHashKey, which the course does not teach.
 */
export function metricPartitionKey(gpuId: string, metric: Metric): string {
  return `gpu-${gpuId}/${metric}`;
}

/**
 * The course's five producer notebooks at once: one producer per metric, each putting its own records. They
 * share one simulated GPU (the same seed), as the five notebooks shared the student's one GPU, so the metrics
 * stay consistent with each other (power follows load, clocks boost) across producers.
 */
export async function produceMetricsConcurrently(options: ProduceMetricsOptions): Promise<Partial<Record<Metric, ProduceReport>>> {
  const reports = await Promise.all(
    options.metrics.map(async (metric) => {
      const report = await produceRecords({
        kinesis: options.kinesis,
        streamName: options.streamName,
        source: realisticSamples({
          profile: options.profile,
          seed: options.seed,
          stepMs: options.modelStepMs ?? DEFAULT_MODEL_STEP_MS,
          // The run's length, so a short run plays a whole GPU session (see realisticSamples).
          ...(Number.isSafeInteger(options.recordsPerMetric) && options.recordsPerMetric > 0 ? { runSamples: options.recordsPerMetric } : {}),
        }),
        metrics: [metric],
        intervalMs: options.intervalMs,
        count: options.recordsPerMetric,
        batchSize: options.batchSize ?? 1,
        partitionKey: (sample) => metricPartitionKey(sample.gpuId, metric),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(options.onProgress === undefined ? {} : { onProgress: (progress: ProduceProgress) => options.onProgress!(metric, progress) }),
      });
      return [metric, report] as const;
    }),
  );
  return Object.fromEntries(reports) as Partial<Record<Metric, ProduceReport>>;
}
