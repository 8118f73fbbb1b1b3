/** Where a buffered record came from, so that delivering it can move the checkpoint past it. */
export type RecordOrigin =
  | { readonly shardId: string; readonly sequenceNumber: string }
  /** Position in the DirectPut record log. */
  | { readonly logSeq: number };

export interface BufferedRecord {
  readonly data: Uint8Array;
  /** When Firehose received it (for a Kinesis source, the Kinesis arrival time), epoch milliseconds. */
  readonly arrivalMs: number;
  readonly origin: RecordOrigin;
}

/**
 * Records waiting to become an object. Firehose delivers when either hint is reached: the buffer holds
 * `sizeBytes`, or `intervalMs` has passed since its oldest record arrived.
 */
export class DeliveryBuffer {
  private records: BufferedRecord[] = [];
  private size = 0;

  constructor(
    readonly sizeBytes: number,
    readonly intervalMs: number,
  ) {}

  get length(): number {
    return this.records.length;
  }

  get bytes(): number {
    return this.size;
  }

  push(...records: readonly BufferedRecord[]): void {
    for (const record of records) {
      this.records.push(record);
      this.size += record.data.length;
    }
  }

  isFull(): boolean {
    return this.size >= this.sizeBytes;
  }

  /** When the interval hint falls due, or undefined when there is nothing to deliver. */
  dueAtMs(): number | undefined {
    const first = this.records[0];
    return first === undefined ? undefined : first.arrivalMs + this.intervalMs;
  }

  isDue(nowMs: number): boolean {
    const dueAt = this.dueAtMs();
    return dueAt !== undefined && (this.isFull() || nowMs >= dueAt);
  }

  /** Gives back records `take` returned (their object could not be prepared), ahead of the rest, in order. */
  putBack(records: readonly BufferedRecord[]): void {
    this.records.unshift(...records);
    for (const record of records) {
      this.size += record.data.length;
    }
  }

  /**
   * Takes the oldest records for one object: as many as fit in `sizeBytes` (at least one, so a record is never
   * stuck), keeping their order.
   */
  take(): BufferedRecord[] {
    let count = 0;
    let bytes = 0;
    while (count < this.records.length && (count === 0 || bytes + this.records[count]!.data.length <= this.sizeBytes)) {
      bytes += this.records[count]!.data.length;
      count += 1;
    }
    this.size -= bytes;
    return this.records.splice(0, count);
  }
}
