import { readStateJson } from "../../storage/readStateFile";
import { writeFileAtomic } from "../../storage/writeFileAtomic";

/** A run of consecutive records of one shard, in the order they were buffered. */
export interface KinesisSegment {
  readonly shardId: string;
  /** The sequence number just before the run (exclusive); null: from the shard's oldest record. */
  readonly after: string | null;
  readonly count: number;
  /** The run's last sequence number (inclusive). */
  readonly last: string;
}

/**
 * An object about to be written, recorded before it is written: after a crash the same object (same key, same
 * records) is written again, overwriting rather than duplicating, and only then is the checkpoint moved past it.
 */
export interface PendingDelivery {
  readonly key: string;
  readonly outcome: "delivered" | "processing-failed";
  /**
   * Dynamic partitioning: the objects the records split into (one per partition), written together; `key` is
   * the first's. After a crash the records split the same way again and each partition gets its recorded key.
   */
  readonly partitions?: readonly PendingPartition[];
  readonly records: number;
  readonly firstArrivalMs: number;
  /** processing-failed: when Firehose gave up on the Lambda invocation, as written in each failed record. */
  readonly attemptEndingMs?: number;
  /** Kinesis source: where its records are in the stream. */
  readonly kinesis?: readonly KinesisSegment[];
  /** DirectPut: the range of the record log it holds (inclusive). */
  readonly log?: { readonly first: number; readonly last: number };
}

export interface PendingPartition {
  /** The partition's label (see partitionRecords). */
  readonly label: string;
  readonly key: string;
  readonly records: number;
}

export interface CheckpointState {
  /** Kinesis source: per shard, the last sequence number delivered; null when none yet (then from the shard's start). */
  readonly shards: Readonly<Record<string, string | null>>;
  /** DirectPut: the last record-log position delivered (positions start at 1). */
  readonly deliveredLogSeq: number;
  readonly pending?: PendingDelivery;
}

/** A delivery stream's progress, in one small JSON file replaced atomically on every change. */
export class DeliveryCheckpoint {
  private constructor(
    private readonly file: string,
    private current: CheckpointState,
  ) {}

  /** Opens the checkpoint at `file`, or starts one at `initial` (written at once) when there is none yet. */
  static async open(file: string, initial: CheckpointState): Promise<DeliveryCheckpoint> {
    const state = await readStateJson<CheckpointState>(file);
    if (state === undefined) {
      const checkpoint = new DeliveryCheckpoint(file, initial);
      await checkpoint.save(initial);
      return checkpoint;
    }
    return new DeliveryCheckpoint(file, state);
  }

  get state(): CheckpointState {
    return this.current;
  }

  async save(state: CheckpointState): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify(state, null, 1)}\n`);
    this.current = state;
  }
}
