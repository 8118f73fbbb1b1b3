import type { KinesisStreams, StoredRecord } from "../kinesis/KinesisStreams";
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
 * checkpoint says: at creation, each shard's newest record (LATEST, as AWS starts); after a restart, the last
 * record delivered. A shard it has never seen (none at creation) is read from its start.
 */
export class KinesisSourceReader {
  private readonly positions: Map<string, string | null>;
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
    // Each read starts at the next shard, so one busy shard cannot keep the others waiting.
    const shardIds = this.kinesis.shardIds(this.streamName);
    const first = shardIds.length === 0 ? 0 : this.reads++ % shardIds.length;
    for (const shardId of [...shardIds.slice(first), ...shardIds.slice(0, first)]) {
      while (bytes < maxBytes) {
        const batch = await this.kinesis.readAfter(this.streamName, shardId, this.positions.get(shardId) ?? undefined, READ_LIMIT);
        for (const record of batch) {
          records.push(toBuffered(record));
          bytes += record.data.length;
        }
        if (batch.length === 0) {
          break;
        }
        // A short batch need not be the end: Kinesis also stops a read at a byte limit.
        this.positions.set(shardId, batch[batch.length - 1]!.sequenceNumber);
      }
    }
    return records;
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
