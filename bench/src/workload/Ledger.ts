/**
 * What each put acknowledged, per record index: the shard and sequence number, and when (on a logical clock of this
 * process) its request was sent and its answer came back. The order check reads the clock: a record acknowledged
 * before another was sent must come first.
 */
export class Ledger {
  /** Shard index as ListShards numbers them; -1 until acknowledged. */
  readonly shardOf: Int8Array;
  readonly sequenceOf: (string | undefined)[];
  readonly sentAt: Float64Array;
  readonly ackedAt: Float64Array;
  private clock = 0;
  private acknowledged = 0;

  constructor(readonly capacity: number) {
    this.shardOf = new Int8Array(capacity).fill(-1);
    this.sequenceOf = new Array<string | undefined>(capacity);
    this.sentAt = new Float64Array(capacity);
    this.ackedAt = new Float64Array(capacity);
  }

  /** The next instant on the logical clock; JavaScript runs one callback at a time, so these are totally ordered. */
  tick(): number {
    return ++this.clock;
  }

  acknowledge(index: number, shard: number, sequenceNumber: string, sentAt: number, ackedAt: number): void {
    if (this.shardOf[index] !== -1) {
      throw new Error(`record ${index} acknowledged twice`);
    }
    this.shardOf[index] = shard;
    this.sequenceOf[index] = sequenceNumber;
    this.sentAt[index] = sentAt;
    this.ackedAt[index] = ackedAt;
    this.acknowledged++;
  }

  get acknowledgedCount(): number {
    return this.acknowledged;
  }
}
