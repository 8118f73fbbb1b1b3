/** Where a producer stands; onProgress gets one after every request, the final report extends it. */
export interface ProduceProgress {
  /** Records Kinesis acknowledged (each exactly once, however many attempts it took). */
  readonly sent: number;
  /** Records given up on: still failing after the last attempt, or never sendable (too large). */
  readonly failed: number;
  /** Record re-sends: a record sent three times counts two. */
  readonly retried: number;
  /** Throttle answers: a throttled request, or a PutRecords answer with at least one throttled entry, counts one. */
  readonly throttled: number;
  readonly requests: number;
  readonly elapsedMs: number;
  readonly recordsPerSecond: number;
  /** Sequence number of the record acknowledged last. */
  readonly lastSequenceNumber?: string;
  /** Acknowledged records per shard id: the shards seen. */
  readonly shards: Readonly<Record<string, number>>;
}

/** One line for a notebook or a terminal, e.g. `sent 120 · failed 0 · retried 3 · 11.8 records/s`. */
export function formatProduceProgress(progress: ProduceProgress): string {
  const parts = [`sent ${progress.sent}`, `failed ${progress.failed}`, `retried ${progress.retried}`];
  if (progress.throttled > 0) {
    parts.push(`throttled ${progress.throttled}`);
  }
  parts.push(`${progress.recordsPerSecond.toFixed(1)} records/s`);
  return parts.join(" · ");
}

/** The counters behind ProduceProgress. */
export class ProduceStats {
  sent = 0;
  failed = 0;
  retried = 0;
  throttled = 0;
  requests = 0;
  private lastSequenceNumber: string | undefined;
  private readonly shards = new Map<string, number>();
  private readonly startedAtMs: number;

  constructor(private readonly clock: () => number) {
    this.startedAtMs = clock();
  }

  acknowledge(shardId: string, sequenceNumber: string): void {
    this.sent += 1;
    this.lastSequenceNumber = sequenceNumber;
    this.shards.set(shardId, (this.shards.get(shardId) ?? 0) + 1);
  }

  snapshot(): ProduceProgress {
    const elapsedMs = Math.max(0, this.clock() - this.startedAtMs);
    return {
      sent: this.sent,
      failed: this.failed,
      retried: this.retried,
      throttled: this.throttled,
      requests: this.requests,
      elapsedMs,
      recordsPerSecond: elapsedMs > 0 ? (this.sent * 1000) / elapsedMs : 0,
      ...(this.lastSequenceNumber !== undefined ? { lastSequenceNumber: this.lastSequenceNumber } : {}),
      shards: Object.fromEntries(this.shards),
    };
  }
}
