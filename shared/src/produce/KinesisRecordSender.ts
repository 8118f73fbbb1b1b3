import { PutRecordCommand, PutRecordsCommand, type KinesisClient } from "@aws-sdk/client-kinesis";
import type { TelemetryRecord } from "./TelemetryRecord";
import type { OutgoingRecord } from "./RecordBatch";
import type { ProduceProgress, ProduceStats } from "./produceProgress";
import { backoffDelayMs, classifyError, classifyErrorCode, type ClassifiedFailure, type RetryPolicy } from "./retryPolicy";

/** A record Kinesis acknowledged. */
export interface AcknowledgedRecord {
  readonly record: TelemetryRecord;
  readonly partitionKey: string;
  readonly shardId: string;
  readonly sequenceNumber: string;
}

/** A record the producer gave up on; it is counted in `failed`, never dropped silently. */
export interface FailedRecord {
  readonly record: TelemetryRecord;
  readonly partitionKey: string;
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly attempts: number;
}

/** A failure retrying cannot fix (missing stream, bad request, no permission); the producer stops with it. */
export class ProduceError extends Error {
  override readonly name = "ProduceError";
  readonly code: string;
  /** Where the producer stood when it stopped. */
  readonly progress: ProduceProgress;

  constructor(message: string, code: string, progress: ProduceProgress, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.progress = progress;
  }
}

export interface KinesisRecordSenderOptions {
  readonly kinesis: KinesisClient;
  /** A stream name, or a stream ARN (`arn:...`). */
  readonly stream: string;
  readonly retry: RetryPolicy;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<unknown>;
  readonly stats: ProduceStats;
  readonly onProgress?: ((progress: ProduceProgress) => void) | undefined;
  readonly onRecord?: ((acknowledged: AcknowledgedRecord) => void) | undefined;
  readonly onFailedRecord?: ((failure: FailedRecord) => void) | undefined;
}

interface EntryFailure {
  readonly outgoing: OutgoingRecord;
  readonly code: string;
  readonly message: string;
}

/** Puts records with PutRecord or PutRecords, retrying throttles, transient faults and failed entries. */
export class KinesisRecordSender {
  private readonly target: { StreamName: string } | { StreamARN: string };

  constructor(private readonly options: KinesisRecordSenderOptions) {
    this.target = options.stream.startsWith("arn:") ? { StreamARN: options.stream } : { StreamName: options.stream };
  }

  /** One PutRecord per record, as the original producers did. */
  async putOne(outgoing: OutgoingRecord): Promise<void> {
    const { stats, retry } = this.options;
    for (let attempt = 1; ; attempt += 1) {
      let output;
      try {
        output = await this.options.kinesis.send(
          new PutRecordCommand({ ...this.target, Data: outgoing.data, PartitionKey: outgoing.partitionKey }),
        );
      } catch (error) {
        const failure = this.countFailedRequest(error, "PutRecord", 1);
        if (attempt >= retry.maxAttempts) {
          this.giveUp({ outgoing, ...failure }, attempt);
          this.reportProgress();
          return;
        }
        this.reportProgress();
        await this.backoff(attempt, 1);
        continue;
      }
      stats.requests += 1;
      if (output?.ShardId === undefined || output.SequenceNumber === undefined) {
        throw this.fatal("PutRecord", { kind: "fatal", code: "InvalidResponse", message: "the answer has no ShardId or SequenceNumber" }, 1);
      }
      this.acknowledge(outgoing, output.ShardId, output.SequenceNumber);
      this.reportProgress();
      return;
    }
  }

  /**
   * One PutRecords for records that fit one request, then re-sends of exactly the entries that failed.
   * A re-sent record gets a later sequence number than records of the same shard acknowledged before it,
   * so a partial failure can reorder a shard; Kinesis offers no way around that short of PutRecord.
   */
  async putBatch(batch: readonly OutgoingRecord[]): Promise<void> {
    const { stats, retry } = this.options;
    let pending = batch;
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      let output;
      try {
        output = await this.options.kinesis.send(
          new PutRecordsCommand({
            ...this.target,
            Records: pending.map((outgoing) => ({ Data: outgoing.data, PartitionKey: outgoing.partitionKey })),
          }),
        );
      } catch (error) {
        const failure = this.countFailedRequest(error, "PutRecords", pending.length);
        if (attempt >= retry.maxAttempts) {
          for (const outgoing of pending) {
            this.giveUp({ outgoing, ...failure }, attempt);
          }
          this.reportProgress();
          return;
        }
        this.reportProgress();
        await this.backoff(attempt, pending.length);
        continue;
      }
      stats.requests += 1;
      const results = output?.Records;
      if (results === undefined || results.length !== pending.length) {
        throw this.fatal(
          "PutRecords",
          { kind: "fatal", code: "InvalidResponse", message: `the answer has ${results?.length ?? 0} entries for ${pending.length} records` },
          pending.length,
        );
      }
      // The entries, matched by index to the request, are the truth; FailedRecordCount only summarises them.
      const retryable: EntryFailure[] = [];
      let throttled = false;
      results.forEach((result, index) => {
        const outgoing = pending[index]!;
        if (result.ErrorCode === undefined || result.ErrorCode === "") {
          if (result.ShardId === undefined || result.SequenceNumber === undefined) {
            throw this.fatal("PutRecords", { kind: "fatal", code: "InvalidResponse", message: `entry ${index} has neither an error nor a sequence number` }, pending.length);
          }
          this.acknowledge(outgoing, result.ShardId, result.SequenceNumber);
          return;
        }
        const entryFailure = { outgoing, code: result.ErrorCode, message: result.ErrorMessage ?? result.ErrorCode };
        const kind = classifyErrorCode(result.ErrorCode);
        throttled ||= kind === "throttle";
        if (kind === "fatal") {
          this.giveUp(entryFailure, attempt);
        } else {
          retryable.push(entryFailure);
        }
      });
      if (throttled) {
        stats.throttled += 1;
      }
      if (retryable.length > 0 && attempt >= retry.maxAttempts) {
        for (const failure of retryable) {
          this.giveUp(failure, attempt);
        }
        this.reportProgress();
        return;
      }
      this.reportProgress();
      pending = retryable.map((failure) => failure.outgoing);
      if (pending.length > 0) {
        await this.backoff(attempt, pending.length);
      }
    }
  }

  /** Counts a record that can never be sent (over the per-record limit) as failed without a request. */
  reject(outgoing: OutgoingRecord, code: string, message: string): void {
    this.giveUp({ outgoing, code, message }, 0);
  }

  private countFailedRequest(error: unknown, operation: string, unsent: number): ClassifiedFailure {
    const { stats } = this.options;
    stats.requests += 1;
    const failure = classifyError(error);
    if (failure.kind === "fatal") {
      throw this.fatal(operation, failure, unsent, error);
    }
    if (failure.kind === "throttle") {
      stats.throttled += 1;
    }
    return failure;
  }

  private async backoff(attempt: number, resending: number): Promise<void> {
    await this.options.sleep(backoffDelayMs(attempt, this.options.retry, this.options.random));
    this.options.stats.retried += resending;
  }

  private acknowledge(outgoing: OutgoingRecord, shardId: string, sequenceNumber: string): void {
    this.options.stats.acknowledge(shardId, sequenceNumber);
    this.options.onRecord?.({ record: outgoing.record, partitionKey: outgoing.partitionKey, shardId, sequenceNumber });
  }

  private giveUp(failure: EntryFailure, attempts: number): void {
    this.options.stats.failed += 1;
    this.options.onFailedRecord?.({
      record: failure.outgoing.record,
      partitionKey: failure.outgoing.partitionKey,
      errorCode: failure.code,
      errorMessage: failure.message,
      attempts,
    });
  }

  private reportProgress(): void {
    this.options.onProgress?.(this.options.stats.snapshot());
  }

  private fatal(operation: string, failure: ClassifiedFailure, unsent: number, cause?: unknown): ProduceError {
    const progress = this.options.stats.snapshot();
    const where = "StreamARN" in this.target ? `stream ${this.target.StreamARN}` : `stream '${this.target.StreamName}'`;
    return new ProduceError(
      `${operation} to ${where} failed with ${failure.code}: ${failure.message} ` +
        `(${progress.sent} record(s) acknowledged before it, ${unsent} in this request not sent)`,
      failure.code,
      progress,
      cause === undefined ? undefined : { cause },
    );
  }
}
