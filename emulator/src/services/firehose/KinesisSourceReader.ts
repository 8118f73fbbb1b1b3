import type { KinesisStreams, ShardLineage, StoredRecord } from "../kinesis/KinesisStreams";
import type { BufferedRecord } from "./DeliveryBuffer";
import type { KinesisSegment } from "./DeliveryCheckpoint";

/** Records per readAfter call (Kinesis records are up to 1 MiB; the service also caps a read's bytes). */
const READ_LIMIT = 1_000;

const toBuffered = (record: StoredRecord): BufferedRecord => ({
  data: record.data,
  arrivalMs: record.arrivalMs,
  origin: { shardId: record.shardId, sequenceNumber: record.sequenceNumber },
});

/**
 * Reads a Kinesis stream for a delivery stream, shard by shard, from where it last read. It starts where the
 * checkpoint says: at creation, each shard's newest record (LATEST, as AWS starts; a shard already closed then
 * is at its end, so it is never read); after a restart, the last record delivered. Across resharding it reads
 * each parent to its end before its children, which it reads from their start, so each partition key's
 * records stay in order (https://docs.aws.amazon.com/streams/latest/dev/kinesis-using-sdk-java-after-resharding.html).
 * A shard it has never seen and that has no parent (none at creation) is read from its start.
 */
export class KinesisSourceReader {
  private readonly positions: Map<string, string | null>;
  /** Closed shards read to their end (found by reading: a read after the last record returns nothing). */
  private readonly finished = new Set<string>();
  private reads = 0;

  constructor(
    private readonly kinesis: KinesisStreams,
    readonly streamName: string,
    positions: Readonly<Record<string, string | null>>,
  ) {
    this.positions = new Map(Object.entries(positions));
  }

  /** Reads what is new, stopping once about `maxBytes` are read (records stay in the stream until asked for). */
  async read(maxBytes: number): Promise<BufferedRecord[]> {
    const records: BufferedRecord[] = [];
    let bytes = 0;
    // A pass that finishes a parent makes its children readable: read on while that happens.
    for (let finishedBefore = -1; finishedBefore !== this.finished.size && bytes < maxBytes; ) {
      finishedBefore = this.finished.size;
      const shards = this.readableShards();
      // Each read starts at the next shard, so one busy shard cannot keep the others waiting.
      const first = shards.length === 0 ? 0 : this.reads++ % shards.length;
      for (const shard of [...shards.slice(first), ...shards.slice(0, first)]) {
        while (bytes < maxBytes) {
          const batch = await this.kinesis.readAfter(this.streamName, shard.shardId, this.positions.get(shard.shardId) ?? undefined, READ_LIMIT);
          for (const record of batch) {
            records.push(toBuffered(record));
            bytes += record.data.length;
          }
          if (batch.length === 0) {
            if (shard.endingSequenceNumber !== undefined) {
              this.finished.add(shard.shardId);
            }
            break;
          }
          // A short batch need not be the end: Kinesis also stops a read at a byte limit.
          this.positions.set(shard.shardId, batch[batch.length - 1]!.sequenceNumber);
        }
      }
    }
    return records;
  }

  /** Shards to read now: those being read and not finished, and those whose parents are all finished. */
  private readableShards(): ShardLineage[] {
    return this.kinesis.shards(this.streamName).filter((shard) => {
      if (this.finished.has(shard.shardId)) {
        return false;
      }
      if (this.positions.has(shard.shardId) || shard.parentShardIds.length === 0) {
        return true;
      }
      return shard.parentShardIds.every((parent) => this.finished.has(parent));
    });
  }

  /** Reads the records of a pending delivery again, exactly as they were buffered, and moves past them. */
  async readSegments(segments: readonly KinesisSegment[]): Promise<BufferedRecord[]> {
    const records: BufferedRecord[] = [];
    for (const segment of segments) {
      let after = segment.after ?? undefined;
      let left = segment.count;
      while (left > 0) {
        const batch = await this.kinesis.readAfter(this.streamName, segment.shardId, after, left);
        if (batch.length === 0) {
          break;
        }
        records.push(...batch.map(toBuffered));
        after = batch[batch.length - 1]!.sequenceNumber;
        left -= batch.length;
      }
      this.positions.set(segment.shardId, segment.last);
    }
    return records;
  }
}

/** The runs of consecutive same-shard records of a chunk, given where each shard stood before it. */
export function kinesisSegments(records: readonly BufferedRecord[], positions: Readonly<Record<string, string | null>>): KinesisSegment[] {
  const after: Record<string, string | null> = { ...positions };
  const segments: KinesisSegment[] = [];
  for (const record of records) {
    if (!("shardId" in record.origin)) {
      throw new Error("a DirectPut record in a Kinesis-sourced delivery");
    }
    const { shardId, sequenceNumber } = record.origin;
    const previous = segments[segments.length - 1];
    if (previous !== undefined && previous.shardId === shardId) {
      segments[segments.length - 1] = { ...previous, count: previous.count + 1, last: sequenceNumber };
    } else {
      segments.push({ shardId, after: after[shardId] ?? null, count: 1, last: sequenceNumber });
    }
    after[shardId] = sequenceNumber;
  }
  return segments;
}
